//go:build !windows

package sqlite

func diskFullErrno(error) bool { return false }
