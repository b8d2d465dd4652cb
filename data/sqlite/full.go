package sqlite

import (
	"errors"
	"syscall"

	"github.com/mattn/go-sqlite3"
)

// isFull reports a write refused for a full disk (or a file-size limit,
// which fails the same way).
func isFull(err error) bool {
	var se sqlite3.Error
	if errors.As(err, &se) && (se.Code == sqlite3.ErrFull || se.SystemErrno == syscall.ENOSPC || se.SystemErrno == syscall.EFBIG) {
		return true
	}
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EFBIG) || diskFullErrno(err)
}
