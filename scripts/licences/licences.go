package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// Mains are the executables handed out; Targets the systems they are built for.
var (
	Mains   = []string{"./cmd/cohesion", "./cmd/cohesion-cli"}
	Targets = []string{"windows", "linux"}
)

// Module is one third-party module compiled in.
type Module struct {
	Path, Version, Dir string
}

// noticeName is a file whose text a redistribution must carry.
var noticeName = regexp.MustCompile(`(?i)^(licen[cs]e|copying|notice|patents|unlicense)([.-].*)?$`)

// Modules lists the modules the mains import on every target, sorted, from
// go list run in the module at root (the replaced ones at their local folder).
func Modules(root string) ([]Module, error) {
	seen := map[string]Module{}
	for _, goos := range Targets {
		cmd := exec.Command("go", append([]string{"list", "-deps", "-f",
			`{{with .Module}}{{if not .Main}}{{.Path}}|{{.Version}}|{{with .Replace}}{{.Dir}}{{else}}{{.Dir}}{{end}}{{end}}{{end}}`}, Mains...)...)
		cmd.Dir = root
		cmd.Env = append(os.Environ(), "GOOS="+goos, "GOARCH=amd64", "CGO_ENABLED=1")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			return nil, fmt.Errorf("go list (%s) : %v\n%s", goos, err, stderr.String())
		}
		for _, line := range strings.Split(string(out), "\n") {
			f := strings.Split(line, "|")
			if len(f) == 3 {
				seen[f[0]] = Module{Path: f[0], Version: f[1], Dir: f[2]}
			}
		}
	}
	mods := make([]Module, 0, len(seen))
	for _, m := range seen {
		mods = append(mods, m)
	}
	sort.Slice(mods, func(i, j int) bool { return mods[i].Path < mods[j].Path })
	return mods, nil
}

// Notices are the notice files of a module: those at its root, and those of
// the C libraries some carry in a folder of their own (GLFW in go-gl/glfw),
// test data aside. A module without any is an error: its terms are unknown.
func Notices(dir string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".") || strings.HasPrefix(d.Name(), "_")) && p != dir {
			return filepath.SkipDir
		}
		if !d.IsDir() && noticeName.MatchString(d.Name()) {
			files = append(files, p)
		}
		return nil
	})
	if err == nil && len(files) == 0 {
		err = fmt.Errorf("%s : aucun fichier de licence", dir)
	}
	sort.Strings(files)
	return files, err
}

// Generate is the whole text of LICENCES-TIERS.txt for the module at root.
func Generate(root string) ([]byte, error) {
	mods, err := Modules(root)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.WriteString("Cohésion — licences des composants tiers\r\n\r\n" +
		"Cohésion (cohesion.exe, cohesion-cli.exe) est compilé avec les composants ci-dessous,\r\n" +
		"chacun distribué sous sa propre licence, dont le texte suit. Ce fichier est produit\r\n" +
		"à partir de la compilation (scripts/licences) : ne pas le modifier à la main.\r\n")
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return nil, fmt.Errorf("go env GOROOT : %w", err)
	}
	sections := []section{{"La bibliothèque standard de Go", []string{
		filepath.Join(strings.TrimSpace(string(goroot)), "LICENSE"), filepath.Join(strings.TrimSpace(string(goroot)), "PATENTS")}, ""}}
	sections = append(sections, section{"Les polices Noto Sans (assets/fonts)", []string{filepath.Join(root, "assets", "fonts", "OFL.txt")}, ""})
	for _, m := range mods {
		files, err := Notices(m.Dir)
		if err != nil {
			return nil, fmt.Errorf("module %s : %w", m.Path, err)
		}
		sections = append(sections, section{m.Path + " " + m.Version, files, m.Dir})
	}
	for _, s := range sections {
		if err := s.write(&b); err != nil {
			return nil, err
		}
	}
	return b.Bytes(), nil
}

// section is one component: its title and its notice files.
type section struct {
	title string
	files []string
	dir   string // the module's folder, to name each file relative to it
}

// write adds the section with Windows line ends: Notepad opens the file.
func (s section) write(b *bytes.Buffer) error {
	fmt.Fprintf(b, "\r\n%s\r\n%s\r\n", strings.Repeat("=", 78), s.title)
	for _, f := range s.files {
		text, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		name := filepath.Base(f)
		if s.dir != "" {
			name, _ = filepath.Rel(s.dir, f)
		}
		fmt.Fprintf(b, "%s\r\n--- %s\r\n\r\n", strings.Repeat("=", 78), filepath.ToSlash(name))
		text = bytes.ReplaceAll(bytes.ReplaceAll(text, []byte("\r\n"), []byte("\n")), []byte("\n"), []byte("\r\n"))
		b.Write(bytes.TrimRight(text, "\r\n"))
		b.WriteString("\r\n")
	}
	return nil
}
