package ui

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/files"
	"github.com/call-agglo/cohesion/reports"
	"github.com/call-agglo/cohesion/reports/gather"
)

func TestDocumentsScreenProducesPDF(t *testing.T) {
	a := newTestApp(t)
	withJury(t, a)
	typeScores(a, "Mme Durand", "5", "4")
	adoptRang(t, a)
	a.selectScreen("Documents")
	s := a.docs
	var annex int
	for i, k := range s.kinds {
		if k.Key == "annex" {
			annex = i
		}
	}
	path := filepath.Join(t.TempDir(), "annexe.pdf")
	s.list.Select(annex)
	s.produce(context.Background(), s.kinds[annex], path)
	if s.open.Disabled() || !strings.Contains(s.status.Text, "Document écrit") {
		t.Fatalf("status %q", s.status.Text)
	}
	if _, err := exec.LookPath("pdftotext"); err == nil {
		out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		text := strings.NewReplacer("\u202f", " ", "\u00a0", " ").Replace(string(out))
		if !strings.Contains(text, "Les Petits Pas") || !strings.Contains(text, "L'Étoile") || !strings.Contains(text, "10 000,00 €") {
			t.Fatalf("annex text:\n%s", text)
		}
	}
	// Producing it again writes a new file.
	empty := filepath.Join(t.TempDir(), "vide.pdf")
	s.produce(context.Background(), s.kinds[annex], empty)
	if _, err := os.Stat(empty); err != nil {
		t.Fatalf("second production: %v (%s)", err, s.status.Text)
	}
	// Letter templates with an unknown field are refused.
	s.attrib.SetText("Bonjour {{inconnu}}")
	s.onSaveTemplates()
	if t2, _ := a.base.db.LetterTemplates(context.Background(), a.campaign.ID); t2.Attribution != "" {
		t.Fatal("an invalid template was saved")
	}
}

func TestExportFromGUI(t *testing.T) {
	a := newTestApp(t)
	withJury(t, a)
	tab, err := gather.ExportTable(context.Background(), a.base.db, a.campaign, "applications", "")
	if err != nil || len(tab.Rows) != 2 {
		t.Fatalf("%d rows, %v", len(tab.Rows), err)
	}
	path := filepath.Join(t.TempDir(), "registre.xlsx")
	if err := a.env.writeExport(path, "applications", tab); err != nil {
		t.Fatal(err)
	}
	if err := a.env.writeExport(filepath.Join(t.TempDir(), "registre.pdf"), "applications", tab); err == nil {
		t.Fatal("export to .pdf accepted")
	}
	if _, err := gather.ExportTable(context.Background(), a.base.db, a.campaign, "allocation", ""); err == nil {
		t.Fatal("allocation export without an adopted scenario")
	}
}

func TestLettersOneFilePerApplicant(t *testing.T) {
	a := newTestApp(t)
	withJury(t, a)
	typeScores(a, "Mme Durand", "5", "1")
	a.selectScreen("Classement")
	for _, r := range a.ranking.rows {
		d := &data.JuryDecision{ApplicationID: r.ApplicationID, Decision: r.Proposed}
		if r.Proposed == data.DecisionNonRetenu {
			d.Motivation = "Note insuffisante"
		}
		if err := a.base.db.Decide(context.Background(), d); err != nil {
			t.Fatal(err)
		}
	}
	adoptRang(t, a)
	a.selectScreen("Documents")
	dir := t.TempDir()
	chooseKind(a.docs, "letters")
	a.docs.produceLetters(context.Background(), dir)
	files, _ := os.ReadDir(dir)
	if len(files) != 2 || !strings.Contains(a.docs.status.Text, "2 lettres écrites") {
		t.Fatalf("%d files, status %q", len(files), a.docs.status.Text)
	}
}

// The save dialog touches no file: it hands a path to the caller, which
// checks and writes it atomically (Fyne's own save dialog truncated the
// chosen file first, the open base included). An existing file is replaced
// only once the user says so.
func TestSaveDialogTouchesNothing(t *testing.T) {
	a := newTestApp(t)
	home := t.TempDir()
	t.Setenv("HOME", home)
	old := filepath.Join(home, "registre.xlsx")
	if err := os.WriteFile(old, []byte("ancien"), 0o644); err != nil {
		t.Fatal(err)
	}
	var got []string
	filter := fileFilter{"Classeur", []string{".xlsx"}}
	a.files.fyneSaveFile("Exporter", "nouveau", filter, func(p string) { got = append(got, p) })
	entry := saveName(t, a)
	test.Type(entry, "")
	entry.OnSubmitted(entry.Text)
	if len(got) != 1 || got[0] != filepath.Join(home, "nouveau.xlsx") {
		t.Fatalf("chosen %v", got)
	}
	if _, err := os.Stat(got[0]); !os.IsNotExist(err) {
		t.Fatal("the dialog created the file")
	}
	a.files.fyneSaveFile("Exporter", "registre.xlsx", filter, func(p string) { got = append(got, p) })
	entry = saveName(t, a)
	entry.OnSubmitted(entry.Text)
	if b, _ := os.ReadFile(old); string(b) != "ancien" || len(got) != 1 || len(a.dialogs.open) != 1 {
		t.Fatalf("an existing file: content %q, chosen %v, %d dialog(s) (want the replace question)", b, got, len(a.dialogs.open))
	}
	// The export itself refuses the base, whatever the path typed.
	base, _ := a.base.bases.Protected(a.base.db)
	if err := a.env.writeOutput(base[0], files.Table, []byte("x")); err == nil {
		t.Fatal("an export over the base was accepted")
	}
	if _, err := a.base.db.Campaigns(context.Background()); err != nil {
		t.Fatalf("the base after the refused export: %v", err)
	}
}

// chooseKind selects, in the Documents screen's list, the kind of that key:
// the status and « Ouvrir » speak of the kind selected.
func chooseKind(s *documentsScreen, key string) {
	for i, k := range s.kinds {
		if k.Key == key {
			s.list.Select(i)
			return
		}
	}
	panic("no document " + key)
}

// The options appear only for the documents they apply to, and the status
// and « Ouvrir » follow the document selected, never the one produced before.
func TestDocumentsOptionsAndStatusFollowSelection(t *testing.T) {
	a := newTestApp(t)
	withJury(t, a)
	typeScores(a, "Mme Durand", "5", "4")
	adoptRang(t, a)
	a.selectScreen("Documents")
	s := a.docs
	for key, want := range map[string][3]bool{
		"jury": {true, true, false}, "sheets": {false, false, false}, "annex": {true, false, false},
		"letters": {true, false, true}, jurorBooks.Key: {false, false, false}, reports.KindReport: {true, false, false},
	} {
		chooseKind(s, key)
		got := [3]bool{s.scenarioRow.Visible(), s.anonymise.Visible(), s.perFile.Visible()}
		if got != want {
			t.Errorf("%s: scénario, anonymiser, un fichier par structure shown %v, want %v", key, got, want)
		}
	}
	chooseKind(s, "annex")
	path := filepath.Join(t.TempDir(), "annexe.pdf")
	s.produce(context.Background(), s.kinds[s.chosen], path)
	if s.open.Disabled() || !strings.Contains(s.status.Text, "annexe.pdf") {
		t.Fatalf("after the annex: status %q", s.status.Text)
	}
	chooseKind(s, "jury")
	if !s.open.Disabled() || strings.Contains(s.status.Text, "annexe.pdf") {
		t.Errorf("the jury dossier selected: status %q, « Ouvrir » enabled %v", s.status.Text, !s.open.Disabled())
	}
	chooseKind(s, "annex")
	if s.open.Disabled() || !strings.Contains(s.status.Text, "annexe.pdf") {
		t.Errorf("back on the annex: status %q", s.status.Text)
	}
}

// A name typed without extension gets it first, then the user is asked
// before an existing file of the completed name is replaced, even when the
// system's dialog asked already (about the name as typed, which did not
// exist): saving « rapport » twice no longer replaces rapport.pdf silently.
func TestSaveToAddsTheExtensionThenAsks(t *testing.T) {
	a := newTestApp(t)
	dir := t.TempDir()
	var got []string
	keep := func(p string) { got = append(got, p) }
	saveTo(a.dialogs.confirm, filepath.Join(dir, "rapport"), []string{".pdf"}, true, keep)
	if len(got) != 1 || got[0] != filepath.Join(dir, "rapport.pdf") || len(a.dialogs.open) != 0 {
		t.Fatalf("first save: %v, %d dialog(s)", got, len(a.dialogs.open))
	}
	os.WriteFile(got[0], []byte("%PDF"), 0o644)
	saveTo(a.dialogs.confirm, filepath.Join(dir, "rapport"), []string{".pdf"}, true, keep)
	if len(got) != 1 || len(a.dialogs.open) != 1 {
		t.Fatalf("second save: chosen %v, %d dialog(s) (want the replace question)", got, len(a.dialogs.open))
	}
	a.dialogs.dismissTop()
	// The system asked about that very name: no second question.
	saveTo(a.dialogs.confirm, filepath.Join(dir, "rapport.pdf"), []string{".pdf"}, true, keep)
	if len(got) != 2 || len(a.dialogs.open) != 0 {
		t.Fatalf("name as asked: chosen %v, %d dialog(s)", got, len(a.dialogs.open))
	}
}
