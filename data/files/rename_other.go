//go:build !linux && !windows

package files

func renameNoReplace(oldpath, newpath string) error { return linkThenRemove(oldpath, newpath) }
