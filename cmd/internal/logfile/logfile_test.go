package logfile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/call-agglo/cohesion/data"
)

// The detail of a failure lands in the log, the user reads French naming it,
// and the log never grows past its limit.
func TestDetailLoggedAndRotated(t *testing.T) {
	dir := t.TempDir()
	Start(dir)
	defer data.SetDetailLog(nil, "")
	msg := data.ErrorMessage(errors.New("copy_file_range: no space left on device"))
	if strings.Contains(msg, "no space") || !strings.Contains(msg, Path(dir)) {
		t.Fatalf("message %q", msg)
	}
	b, _ := os.ReadFile(Path(dir))
	if !strings.Contains(string(b), "copy_file_range: no space left on device") {
		t.Fatalf("log %q", b)
	}
	big := strings.Repeat("x", 1000)
	for i := 0; i < 5*MaxSize/1000; i++ {
		data.LogDetail(big, errors.New("détail"))
	}
	files, _ := filepath.Glob(Path(dir) + "*")
	if len(files) != Keep+1 {
		t.Fatalf("log files %v", files)
	}
	for _, f := range files {
		if st, _ := os.Stat(f); st.Size() > MaxSize+2000 {
			t.Errorf("%s: %d bytes", f, st.Size())
		}
	}
}
