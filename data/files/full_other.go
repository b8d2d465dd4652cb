//go:build !windows

package files

import (
	"errors"
	"syscall"
)

func diskFull(err error) bool { return errors.Is(err, syscall.EFBIG) }
