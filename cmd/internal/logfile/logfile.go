// Package logfile keeps the technical detail of failures (the system's and the
// drivers' English messages, Fyne's warnings, a crash's report) in a file
// beside the base, cohesion.log, rotated at 1 Mo with three old files kept:
// users read French messages that name it, the IT department reads the detail.
package logfile

import (
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"runtime/debug"
	"sync"
	"time"

	"github.com/call-agglo/cohesion/data"
)

// MaxSize is the size past which the log is rotated.
const MaxSize = 1 << 20

// Keep is how many rotated logs are kept (cohesion.log.1 … .3).
const Keep = 3

var mu sync.Mutex

// Path is the log file of a folder.
func Path(dir string) string { return filepath.Join(dir, "cohesion.log") }

// Start sends the domain's technical details to the log file of that folder.
func Start(dir string) {
	path := Path(dir)
	data.SetDetailLog(func(line string) { write(path, line) }, path)
}

// Capture also sends the standard logger (Fyne's messages) and a crash's
// report there: on Windows the GUI has no console. It returns the file to
// close at exit.
func Capture(dir string) io.Closer {
	path := Path(dir)
	mu.Lock()
	defer mu.Unlock()
	f, err := openRotated(path)
	if err != nil {
		return io.NopCloser(nil) // nowhere to write: the messages stay on the standard error
	}
	log.SetOutput(f)
	log.SetFlags(log.LstdFlags)
	debug.SetCrashOutput(f, debug.CrashOptions{})
	return f
}

func write(path, line string) {
	mu.Lock()
	defer mu.Unlock()
	f, err := openRotated(path)
	if err != nil {
		return // nowhere to write: the French message was shown anyway
	}
	defer f.Close()
	host, _ := os.Hostname()
	fmt.Fprintf(f, "%s %s[%d] %s\n", time.Now().Format("2006-01-02 15:04:05"), host, os.Getpid(), line)
}

// openRotated opens the log for appending, rotating it first when too big.
func openRotated(path string) (*os.File, error) {
	if st, err := os.Stat(path); err == nil && st.Size() > MaxSize {
		rotate(path)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	return os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
}

func rotate(path string) {
	os.Remove(fmt.Sprintf("%s.%d", path, Keep))
	for i := Keep - 1; i >= 1; i-- {
		os.Rename(fmt.Sprintf("%s.%d", path, i), fmt.Sprintf("%s.%d", path, i+1))
	}
	os.Rename(path, path+".1")
}
