// Package logfile keeps the technical detail of failures (the system's and the
// drivers' English messages) in a file beside the base, cohesion.log, rotated
// at 1 Mo with three old files kept: users read French messages that name it,
// the IT department reads the detail.
package logfile

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/call-agglo/cohesion/data"
)

// MaxSize is the size past which the log is rotated.
const MaxSize = 1 << 20

// Keep is how many rotated logs are kept (cohesion.log.1 … .3).
const Keep = 3

var mu sync.Mutex

// Start sends the details to the log file of that folder.
func Start(dir string) {
	path := filepath.Join(dir, "cohesion.log")
	data.SetDetailLog(func(line string) { write(path, line) }, path)
}

func write(path, line string) {
	mu.Lock()
	defer mu.Unlock()
	if st, err := os.Stat(path); err == nil && st.Size() > MaxSize {
		rotate(path)
	}
	os.MkdirAll(filepath.Dir(path), 0o755)
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return // nowhere to write: the French message was shown anyway
	}
	defer f.Close()
	host, _ := os.Hostname()
	fmt.Fprintf(f, "%s %s[%d] %s\n", time.Now().Format("2006-01-02 15:04:05"), host, os.Getpid(), line)
}

func rotate(path string) {
	os.Remove(fmt.Sprintf("%s.%d", path, Keep))
	for i := Keep - 1; i >= 1; i-- {
		os.Rename(fmt.Sprintf("%s.%d", path, i), fmt.Sprintf("%s.%d", path, i+1))
	}
	os.Rename(path, path+".1")
}
