//go:build !linux && !windows

package sqlite

func remoteFS(string) (bool, string) { return false, "" }
