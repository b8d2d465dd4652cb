package ui

import (
	"os"
	"path/filepath"
	"testing"
)

func TestPathsShownWithWindowsSeparators(t *testing.T) {
	cases := []struct {
		in   string
		sep  rune
		want string
	}{
		{"C:/Users/agent/Documents/registre-AMI2021.xlsx", '\\', `C:\Users\agent\Documents\registre-AMI2021.xlsx`},
		{`C:\Users\agent\AppData\Roaming\Cohesion\cohesion.db`, '\\', `C:\Users\agent\AppData\Roaming\Cohesion\cohesion.db`},
		{"//serveur/partage/ami.db", '\\', `\\serveur\partage\ami.db`},
		{"/home/agent/Documents/annexe.pdf", '/', "/home/agent/Documents/annexe.pdf"},
	}
	for _, c := range cases {
		if got := pathForSeparator(c.in, c.sep); got != c.want {
			t.Errorf("%s shown as %s, want %s", c.in, got, c.want)
		}
	}
	if got := displayPath("/a/b"); os.PathSeparator == '/' && got != "/a/b" {
		t.Errorf("displayPath changed a path of this system: %s", got)
	}
}

func TestTypedNameGetsTheFilterExtension(t *testing.T) {
	if got := withExtension(`C:\Docs\registre`, []string{".xlsx", ".csv"}); got != `C:\Docs\registre.xlsx` {
		t.Errorf("got %s", got)
	}
	if got := withExtension(`C:\Docs\registre.csv`, []string{".xlsx", ".csv"}); got != `C:\Docs\registre.csv` {
		t.Errorf("an extension given was replaced: %s", got)
	}
	if got := withExtension("sauvegarde", nil); got != "sauvegarde" {
		t.Errorf("no filter, yet %s", got)
	}
}

func TestDialogsOpenInDocuments(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("USERPROFILE", home)
	if got := documentsDir(); got != home && systemDocumentsDir() == "" {
		t.Fatalf("no Documents folder: %s, want the home folder", got)
	}
	docs := filepath.Join(home, "Documents")
	os.Mkdir(docs, 0o755)
	if got := documentsDir(); got != docs && systemDocumentsDir() == "" {
		t.Fatalf("dialogs open in %s, want %s", got, docs)
	}
}
