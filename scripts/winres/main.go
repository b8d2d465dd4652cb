// Command winres writes what Windows reads from Cohésion's executables and
// installer, from the top-level FyneApp.toml (the one source of the identity):
//
//	winres syso -exe cohesion -o cmd/cohesion/rsrc_windows_amd64.syso
//	winres ico -o dist/cohesion.ico
//	winres wxi -o dist/identity.wxi
//	winres msi-version
//	winres website
//
// A .syso in a main package's folder is linked into the executable by go build:
// the icon (16 to 256 px), the version information shown in the file's
// properties, and a manifest declaring per-monitor DPI awareness, so that text
// stays sharp at 125 % and 150 % scaling instead of being stretched by Windows.
package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "winres :", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("commande attendue : syso, ico, wxi ou msi-version")
	}
	fs := flag.NewFlagSet(args[0], flag.ContinueOnError)
	toml := fs.String("toml", "", "fichier d'identité de l'application (par défaut, le FyneApp.toml compilé dans winres)")
	out := fs.String("o", "", "fichier à écrire")
	exe := fs.String("exe", "cohesion", "exécutable décrit : cohesion ou cohesion-cli")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	id, err := ReadIdentity(*toml)
	if err != nil {
		return err
	}
	switch args[0] {
	case "msi-version":
		fmt.Println(id.MSIVersion())
		return nil
	case "website":
		fmt.Println(id.Website)
		return nil
	case "ico":
		return writeFile(*out, func(f *os.File) error { return id.WriteICO(f) })
	case "wxi":
		return writeFile(*out, func(f *os.File) error { return id.WriteWXI(f) })
	case "syso":
		return writeFile(*out, func(f *os.File) error { return id.WriteSyso(f, *exe) })
	}
	return fmt.Errorf("commande inconnue : %s", args[0])
}

func writeFile(path string, write func(*os.File) error) error {
	if path == "" {
		return fmt.Errorf("-o FICHIER manque")
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Close()
		os.Remove(path)
		return err
	}
	return f.Close()
}
