//go:build windows

package files

import (
	"os"

	"golang.org/x/sys/windows"
)

// lockFile takes a temporary file's lock without waiting. Windows' locks
// forbid reading and writing the bytes they cover, so it covers one byte far
// beyond any base or document: SQLite, writing the same file, never meets it.
func lockFile(f *os.File) error {
	const far = 1 << 62
	ov := &windows.Overlapped{Offset: uint32(far & 0xffffffff), OffsetHigh: uint32(far >> 32)}
	return windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, ov)
}
