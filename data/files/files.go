// Package files writes what Cohésion produces (documents, exports, backups)
// without ever destroying what it reads: one check refuses a target that is
// the base, one of its journal files or backups, or whose extension does not
// fit; one writer puts a file in place only once it is whole.
package files

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"

	"github.com/call-agglo/cohesion/data"
)

// Kind is what a file holds, with the extensions that fit it.
type Kind struct {
	What       string   // « document PDF », for messages
	Extensions []string // lower case, with the dot
}

// The kinds of outputs.
var (
	PDF    = Kind{"document PDF", []string{".pdf"}}
	Word   = Kind{"document Word", []string{".docx"}} // the council's documents, to edit
	Table  = Kind{"export", []string{".csv", ".xlsx"}}
	JSON   = Kind{"export JSON", []string{".json"}}
	Base   = Kind{"sauvegarde", []string{".db"}}
	Folder = Kind{"dossier", nil} // letters one per file
)

// Protected is what no output may replace.
type Protected struct {
	Files []string // the base and its journal files
	Dirs  []string // its backup folder
}

// CheckOutput refuses a target whose extension does not fit its kind, or that
// is (or lies in) something protected — through another spelling, a link or
// another case on Windows too.
func CheckOutput(target string, k Kind, p Protected) error {
	if strings.TrimSpace(target) == "" {
		return data.Errorf(data.EINVALID, "Indiquez le fichier à écrire.")
	}
	if k.Extensions != nil && !hasExtension(target, k.Extensions) {
		return data.Errorf(data.EINVALID, "Le fichier %s doit finir par %s : un %s n'a pas d'autre extension.", filepath.Base(target), orList(k.Extensions), k.What)
	}
	abs := absolute(target)
	for _, f := range p.Files {
		if samePath(abs, absolute(f)) {
			return data.Errorf(data.EINVALID, "%s est un fichier de la base elle-même : Cohésion ne l'écrase jamais. Choisissez un autre nom.", target)
		}
	}
	for _, d := range p.Dirs {
		if within(abs, absolute(d)) {
			return data.Errorf(data.EINVALID, "%s est dans le dossier des sauvegardes de la base (%s) : Cohésion n'y écrit que ses propres sauvegardes. Choisissez un autre dossier.", target, d)
		}
	}
	return nil
}

func hasExtension(path string, exts []string) bool {
	ext := strings.ToLower(filepath.Ext(path))
	for _, e := range exts {
		if ext == e {
			return true
		}
	}
	return false
}

func orList(exts []string) string {
	if len(exts) == 1 {
		return exts[0]
	}
	return strings.Join(exts[:len(exts)-1], ", ") + " ou " + exts[len(exts)-1]
}

// absolute resolves a path as the system would: absolute, links followed as
// far as they exist.
func absolute(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return filepath.Clean(path)
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		return real
	}
	dir, base := filepath.Split(abs)
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		return filepath.Join(real, base)
	}
	return abs
}

// samePath compares two resolved paths, and two existing files by identity
// (a hard link is the same file).
func samePath(a, b string) bool {
	if a == b || (runtime.GOOS == "windows" && strings.EqualFold(a, b)) {
		return true
	}
	sa, errA := os.Stat(a)
	sb, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(sa, sb)
}

func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	if runtime.GOOS == "windows" {
		rel, err = filepath.Rel(strings.ToLower(dir), strings.ToLower(path))
	}
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// Write puts content at path only once it is whole: written to a temporary
// file of the same folder, synced, then renamed. A failure (full disk, no
// right) leaves the old file, if any, as it was, and no partial file; a kill
// leaves a temporary file that the next start of a desk removes.
func Write(path string, content []byte, perm fs.FileMode) error {
	return WriteFrom(path, perm, func(w io.Writer) error {
		_, err := w.Write(content)
		return err
	})
}

// WriteFrom is Write for content that produce writes as it makes it: a long
// document need not be whole in memory before it goes to disk. An error of
// produce's own is returned as it is; a failure of the file, as Write says it.
func WriteFrom(path string, perm fs.FileMode, produce func(io.Writer) error) error {
	tmp, err := CreateTemp(path, Partial)
	if err != nil {
		return Failure("Écriture impossible de "+path, err)
	}
	defer tmp.Remove()
	w := &firstError{w: tmp.File()}
	if err := produce(w); err != nil && w.err == nil {
		return err
	}
	err = w.err
	if err == nil {
		err = tmp.File().Sync()
	}
	if err == nil {
		err = os.Chmod(tmp.Path, perm)
	}
	if err == nil {
		err = tmp.Rename(path)
	}
	if err != nil {
		return Failure("Écriture impossible de "+path, err)
	}
	return nil
}

// firstError keeps the first error of w's, which produce may have wrapped.
type firstError struct {
	w   io.Writer
	err error
}

func (f *firstError) Write(b []byte) (int, error) {
	n, err := f.w.Write(b)
	if err != nil && f.err == nil {
		f.err = err
	}
	return n, err
}

// Failure says a failed file operation in French, with what to do; the
// system's detail goes to the log file.
func Failure(what string, err error) error {
	switch {
	case errors.Is(err, syscall.ENOSPC) || diskFull(err):
		return data.Failure(data.EINTERNAL, what+" : le disque est plein. Libérez de la place, puis recommencez ; aucun fichier incomplet n'a été laissé.", err)
	case errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS):
		return data.Failure(data.EINVALID, what+" : accès refusé (dossier protégé, en lecture seule, ou fichier ouvert dans un autre programme). Choisissez un autre emplacement ou fermez le fichier.", err)
	case errors.Is(err, fs.ErrNotExist):
		return data.Failure(data.EINVALID, what+" : le dossier n'existe pas.", err)
	}
	return data.Failure(data.EINTERNAL, what+".", err)
}

// UniqueNames gives each name a file name of its own in one folder: the
// characters Windows refuses become « _ », and names that would then collide
// (« A/B », « A_B », « A:B ») — or differ only by case, as Windows sees them —
// get « (2) », « (3) »…
func UniqueNames(names []string, ext string) []string {
	out := make([]string, len(names))
	used := map[string]bool{}
	for i, n := range names {
		base := SafeName(n)
		name := base + ext
		for k := 2; used[strings.ToLower(name)]; k++ {
			name = fmt.Sprintf("%s (%d)%s", base, k, ext)
		}
		used[strings.ToLower(name)] = true
		out[i] = name
	}
	return out
}

// SafeName keeps, of a title, what Windows accepts in a file name.
func SafeName(s string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`<>:"/\|?*`, r) || r < 32 {
			return '_'
		}
		return r
	}, s)
	if r := []rune(s); len(r) > 100 {
		s = string(r[:100])
	}
	s = strings.TrimRight(s, ". ")
	if s == "" {
		s = "document"
	}
	return s
}

// Copy copies the file src to dest, synced: a backup copied to a folder that
// follows the user, a backup copied before it is checked. dest is written in
// place; the callers write to a file of their own.
func Copy(src, dest string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dest)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
