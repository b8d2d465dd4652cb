//go:build !windows

package files

import (
	"errors"
	"io/fs"
	"os"
)

// linkThenRemove gives oldpath the name newpath by a hard link, which fails
// when newpath exists, then removes the old name. A file system without hard
// links falls back on a check then a rename, which a file appearing in between
// could lose: the best such a file system allows.
func linkThenRemove(oldpath, newpath string) error {
	err := os.Link(oldpath, newpath)
	if errors.Is(err, fs.ErrExist) {
		return err
	}
	if err != nil {
		if _, statErr := os.Lstat(newpath); statErr == nil {
			return &os.LinkError{Op: "rename", Old: oldpath, New: newpath, Err: fs.ErrExist}
		}
		return os.Rename(oldpath, newpath)
	}
	return os.Remove(oldpath)
}
