package main

import (
	"io"
	"log"
	"os"
	"path/filepath"
	"runtime/debug"
)

// maxLogSize is where the log file starts afresh (the previous one is kept as
// cohesion.log.1): enough for months of warnings, never a disk filler.
const maxLogSize = 1 << 20

// logPath is the log file, beside the default base: on Windows the GUI has no
// console, so what goes wrong (Fyne's messages, a crash) must land somewhere
// the user can send to IT.
func logPath() string {
	dir, err := os.UserConfigDir()
	if err != nil {
		dir = os.TempDir()
	}
	return filepath.Join(dir, "Cohesion", "cohesion.log")
}

// openLog sends the log, and a crash's report, to the log file; it falls back
// to the standard error when the file cannot be written.
func openLog(path string) io.Closer {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return io.NopCloser(nil)
	}
	if st, err := os.Stat(path); err == nil && st.Size() > maxLogSize {
		os.Rename(path, path+".1")
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return io.NopCloser(nil)
	}
	log.SetOutput(f)
	log.SetFlags(log.LstdFlags)
	debug.SetCrashOutput(f, debug.CrashOptions{})
	return f
}
