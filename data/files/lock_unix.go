//go:build !windows

package files

import (
	"os"
	"syscall"
)

// lockFile takes a temporary file's lock without waiting (flock, which
// SQLite's own locks, fcntl's, do not meet).
func lockFile(f *os.File) error {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
}
