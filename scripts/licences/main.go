// Command licences writes LICENCES-TIERS.txt: the notices of every
// third-party module compiled into cohesion.exe and cohesion-cli.exe (Windows
// and Linux builds alike), taken from the build itself — go list -deps names
// the modules, and their LICENSE, COPYING, NOTICE and PATENTS files are read
// from the module cache — so that nothing in it is typed by hand. The Go
// standard library, linked into both, comes from GOROOT; the Noto Sans fonts,
// embedded, from assets/fonts.
//
//	go run ./scripts/licences -o assets/licences/LICENCES-TIERS.txt
//
// A test fails when the committed file no longer matches the build (a module
// added, removed or raised): rerun the command above.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
)

func main() {
	out := flag.String("o", "", "fichier à écrire (sortie standard sinon)")
	flag.Parse()
	text, err := Generate(".")
	if err != nil {
		fmt.Fprintln(os.Stderr, "licences :", err)
		os.Exit(1)
	}
	if *out == "" {
		os.Stdout.Write(text)
		return
	}
	if old, err := os.ReadFile(*out); err == nil && bytes.Equal(old, text) {
		return
	}
	if err := os.WriteFile(*out, text, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "licences :", err)
		os.Exit(1)
	}
}
