package sqlite

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/call-agglo/cohesion/data"
)

// SQLite documents that a base must not be shared over a network file system:
// WAL needs memory shared on one host, and locks over SMB or NFS are not
// reliable. Several desks share a PostgreSQL base instead.

// onNetworkDrive reports whether path is on a network drive, and which kind;
// tests replace it.
var onNetworkDrive = func(path string) (bool, string) {
	if isUNC(path) {
		return true, "partage réseau " + uncShare(path)
	}
	return remoteFS(existingDir(path))
}

// isUNC reports a Windows UNC path: \\serveur\partage\… (or //serveur/partage).
func isUNC(path string) bool {
	return (strings.HasPrefix(path, `\\`) || strings.HasPrefix(path, `//`)) && !strings.HasPrefix(path, `\\?\`) && !strings.HasPrefix(path, `\\.\`)
}

// uncShare is the \\serveur\partage part of a UNC path.
func uncShare(path string) string {
	parts := strings.FieldsFunc(path, func(r rune) bool { return r == '\\' || r == '/' })
	if len(parts) >= 2 {
		return `\\` + parts[0] + `\` + parts[1]
	}
	return path
}

// existingDir is the nearest existing folder of path (the base may not exist yet).
func existingDir(path string) string {
	dir, _ := filepath.Abs(filepath.Dir(path))
	for {
		if st, err := os.Stat(dir); err == nil && st.IsDir() {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return dir
		}
		dir = parent
	}
}

func networkDriveError(path, what string) error {
	return data.Errorf(data.EINVALID, "La base %s est sur un lecteur réseau (%s) : Cohésion refuse d'y écrire, car une base SQLite partagée par le réseau peut être endommagée quand deux postes l'utilisent (verrous peu fiables). Pour travailler à plusieurs, utilisez une base partagée PostgreSQL (Fichier › Ouvrir une base partagée…, ou --db postgres://…) ; pour consulter une copie, ouvrez-la en lecture seule, ou copiez le fichier sur ce poste.", path, what)
}

// fileIdentity names a base file whatever path it was opened by: absolute,
// links resolved.
func fileIdentity(path string) string {
	p, err := filepath.Abs(path)
	if err != nil {
		return path
	}
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	return p
}

// RefuseNetworkDrive refuses a new base to work on where opening it for
// writing would be refused: a migration to a file builds it without opening
// it (Create), and must not leave there a base no desk could write.
func RefuseNetworkDrive(path string) error {
	if remote, what := onNetworkDrive(path); remote {
		return networkDriveError(path, what)
	}
	return nil
}
