package ui

import (
	"os"
	"strings"
)

// displayPath writes a path as the system's users read it: Fyne's dialogs
// return paths with "/", which on Windows looks like a web address, not a file.
func displayPath(p string) string { return pathForSeparator(p, os.PathSeparator) }

func pathForSeparator(p string, sep rune) string {
	if sep == '\\' && !strings.Contains(p, "://") { // a server's address keeps its slashes
		return strings.ReplaceAll(p, "/", `\`)
	}
	return p
}
