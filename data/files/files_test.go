package files_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/files"
	"github.com/call-agglo/cohesion/data/seed"
	"github.com/call-agglo/cohesion/data/sqlite"
)

// realBase is a SQLite base in a folder of its own, seeded and backed up once,
// as a desk has it; Protected is what the window protects.
func realBase(t *testing.T) (dir, path string, p files.Protected) {
	t.Helper()
	dir = t.TempDir()
	path = filepath.Join(dir, "cohesion.db")
	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := seed.EnsureDefault(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	backups := sqlite.BackupDir(path)
	if err := os.MkdirAll(backups, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := db.Backup(context.Background(), filepath.Join(backups, "cohesion-2021-06-01.db"), data.BackupOptions{}); err != nil {
		t.Fatal(err)
	}
	return dir, path, files.Protected{Files: sqlite.Files(path), Dirs: []string{backups}}
}

func refused(t *testing.T, target string, k files.Kind, p files.Protected, words string) {
	t.Helper()
	err := files.CheckOutput(target, k, p)
	if data.ErrorCode(err) != data.EINVALID || !strings.Contains(data.ErrorMessage(err), words) {
		t.Errorf("%s as %s: %v, want a refusal saying %q", target, k.What, err, words)
	}
}

// No output may replace the base, its journal files or its backups, whatever
// the spelling of the path; nor have an extension that does not fit.
func TestCheckOutputProtectsTheBase(t *testing.T) {
	dir, path, p := realBase(t)
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	refused(t, path, files.Base, p, "fichier de la base elle-même")
	refused(t, path+"-wal", files.Base, p, "doit finir par .db")
	for _, f := range sqlite.Files(path) { // journal files and lock, whatever the kind
		refused(t, f, files.Folder, p, "fichier de la base elle-même")
	}
	refused(t, filepath.Join(dir, ".", "sub", "..", "cohesion.db"), files.Base, p, "fichier de la base elle-même")
	refused(t, filepath.Join(dir, "sauvegardes", "cohesion-2021-06-01.db"), files.Base, p, "dossier des sauvegardes")
	refused(t, filepath.Join(dir, "sauvegardes", "plus", "loin.db"), files.Base, p, "dossier des sauvegardes")
	refused(t, filepath.Join(dir, "classement.pdf"), files.Table, p, "doit finir par .csv ou .xlsx")
	refused(t, filepath.Join(dir, "dossier.PDF.txt"), files.PDF, p, "doit finir par .pdf")
	refused(t, "  ", files.PDF, p, "Indiquez le fichier")

	// Another name for the same file: a symbolic link, a hard link, a path
	// relative to the working folder.
	link := filepath.Join(t.TempDir(), "raccourci.db")
	if err := os.Symlink(path, link); err != nil {
		t.Fatal(err)
	}
	refused(t, link, files.Base, p, "fichier de la base elle-même")
	hard := filepath.Join(dir, "copie.db")
	if err := os.Link(path, hard); err != nil {
		t.Fatal(err)
	}
	refused(t, hard, files.Base, p, "fichier de la base elle-même")
	t.Chdir(dir)
	refused(t, "cohesion.db", files.Base, p, "fichier de la base elle-même")
	linkedDir := filepath.Join(t.TempDir(), "lien")
	if err := os.Symlink(filepath.Join(dir, "sauvegardes"), linkedDir); err != nil {
		t.Fatal(err)
	}
	refused(t, filepath.Join(linkedDir, "nouvelle.db"), files.Base, p, "dossier des sauvegardes")

	// What does fit goes through: a backup beside the base, a document.
	for _, ok := range []struct {
		path string
		k    files.Kind
	}{
		{filepath.Join(dir, "cohesion-copie.db"), files.Base},
		{filepath.Join(dir, "Classement.XLSX"), files.Table},
		{filepath.Join(dir, "sauvegardes-bis", "jury.pdf"), files.PDF},
		{filepath.Join(dir, "lettres"), files.Folder},
	} {
		if err := files.CheckOutput(ok.path, ok.k, p); err != nil {
			t.Errorf("%s refused: %v", ok.path, err)
		}
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("the checks changed the base")
	}
}

// Write puts a file in place whole, replacing the old one only once the new
// one is complete, and leaves no temporary file.
func TestWriteIsWhole(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "export.csv")
	if err := files.Write(path, []byte("ancien"), 0o600); err != nil {
		t.Fatal(err)
	}
	big := bytes.Repeat([]byte("Numéro;Structure\n"), 100_000)
	if err := files.Write(path, big, 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil || !bytes.Equal(got, big) {
		t.Fatalf("%d bytes read back, want %d (%v)", len(got), len(big), err)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o644 {
		t.Errorf("mode %v", st.Mode().Perm())
	}
	onlyFiles(t, dir, "export.csv")
}

// A write that fails leaves what was there as it was, and nothing else.
func TestWriteFailureLeavesNoPartialFile(t *testing.T) {
	dir := t.TempDir()
	// The target is a folder: the rename fails once the content is written.
	target := filepath.Join(dir, "lettres")
	if err := os.Mkdir(target, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(target, "lettre.pdf"), []byte("%PDF"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := files.Write(target, []byte("contenu"), 0o644)
	if err == nil || !strings.HasPrefix(data.ErrorMessage(err), "Écriture impossible de "+target) {
		t.Fatalf("writing over a folder: %v", err)
	}
	onlyFiles(t, dir, "lettres")
	if b, _ := os.ReadFile(filepath.Join(target, "lettre.pdf")); string(b) != "%PDF" {
		t.Error("the folder's content changed")
	}
	// A folder that does not exist.
	err = files.Write(filepath.Join(dir, "absent", "x.pdf"), []byte("x"), 0o644)
	if data.ErrorCode(err) != data.EINVALID || !strings.Contains(data.ErrorMessage(err), "le dossier n'existe pas") {
		t.Errorf("missing folder: %v", err)
	}
}

func onlyFiles(t *testing.T, dir string, want ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if !slices.Equal(names, want) {
		t.Errorf("%s holds %q, want %q", dir, names, want)
	}
}

// Failure says in French what went wrong and what to do, by the kind of error.
func TestFailureWords(t *testing.T) {
	wrap := func(err error) error { return &fs.PathError{Op: "write", Path: "/x", Err: err} }
	for _, c := range []struct {
		err   error
		code  string
		words string
	}{
		{wrap(syscall.ENOSPC), data.EINTERNAL, "le disque est plein"},
		{wrap(syscall.EFBIG), data.EINTERNAL, "le disque est plein"},
		{wrap(fs.ErrPermission), data.EINVALID, "accès refusé"},
		{wrap(syscall.EROFS), data.EINVALID, "accès refusé"},
		{fmt.Errorf("ouvrir : %w", fs.ErrNotExist), data.EINVALID, "le dossier n'existe pas"},
		{errors.New("autre"), data.EINTERNAL, "Copie impossible."},
	} {
		err := files.Failure("Copie impossible", c.err)
		if data.ErrorCode(err) != c.code || !strings.Contains(data.ErrorMessage(err), c.words) {
			t.Errorf("%v: %s %q, want %s %q", c.err, data.ErrorCode(err), data.ErrorMessage(err), c.code, c.words)
		}
	}
}

// One folder of letters: every name a file of its own, as Windows sees them.
func TestUniqueNames(t *testing.T) {
	got := files.UniqueNames([]string{"A/B", "A_B", "A:B", "a_b", "Lettre", "lettre", ""}, ".pdf")
	want := []string{"A_B.pdf", "A_B (2).pdf", "A_B (3).pdf", "a_b (4).pdf", "Lettre.pdf", "lettre (2).pdf", "document.pdf"}
	if !slices.Equal(got, want) {
		t.Errorf("UniqueNames\n got %q\nwant %q", got, want)
	}
	for in, want := range map[string]string{
		"Les Petits Pas. ":         "Les Petits Pas",
		"Tab\there?":               "Tab_here_",
		"...":                      "document",
		strings.Repeat("é", 150):   strings.Repeat("é", 100),
		`<Cité> "Jardins" \ | * ?`: `_Cité_ _Jardins_ _ _ _ _`,
	} {
		if got := files.SafeName(in); got != want {
			t.Errorf("SafeName(%q) = %q, want %q", in, got, want)
		}
	}
}
