//go:build windows

package sqlite

import (
	"path/filepath"

	"golang.org/x/sys/windows"
)

// remoteFS reports a folder on a drive Windows says is remote (a mapped drive).
func remoteFS(dir string) (bool, string) {
	root := filepath.VolumeName(dir) + `\`
	p, err := windows.UTF16PtrFromString(root)
	if err != nil {
		return false, ""
	}
	if windows.GetDriveType(p) == windows.DRIVE_REMOTE {
		return true, "lecteur réseau " + filepath.VolumeName(dir)
	}
	return false, ""
}
