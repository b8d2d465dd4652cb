//go:build linux

package sqlite

import "syscall"

// remoteFS reports a folder on a network file system.
func remoteFS(dir string) (bool, string) {
	var st syscall.Statfs_t
	if syscall.Statfs(dir, &st) != nil {
		return false, ""
	}
	name := networkFSName(int64(st.Type))
	return name != "", name
}

// networkFSName names the network file systems by their magic number.
func networkFSName(magic int64) string {
	switch uint32(magic) {
	case 0x6969:
		return "NFS"
	case 0x517B:
		return "SMB"
	case 0xFF534D42:
		return "CIFS"
	case 0xFE534D42:
		return "SMB2"
	case 0x5346414F:
		return "AFS"
	case 0x73757245:
		return "Coda"
	case 0x564C:
		return "NCP"
	}
	return ""
}
