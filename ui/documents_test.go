package ui

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/reports/gather"
)

func TestDocumentsScreenProducesPDF(t *testing.T) {
	a := newTestApp(t)
	a.sync = true
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
	s.produce(s.kinds[annex], path)
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
	s.produce(s.kinds[annex], empty)
	if _, err := os.Stat(empty); err != nil {
		t.Fatalf("second production: %v (%s)", err, s.status.Text)
	}
	// Letter templates with an unknown field are refused.
	s.attrib.SetText("Bonjour {{inconnu}}")
	s.onSaveTemplates()
	if t2, _ := a.db.LetterTemplates(context.Background(), a.campaign.ID); t2.Attribution != "" {
		t.Fatal("an invalid template was saved")
	}
}

func TestExportFromGUI(t *testing.T) {
	a := newTestApp(t)
	withJury(t, a)
	tab, err := gather.ExportTable(context.Background(), a.db, a.campaign, "applications", "")
	if err != nil || len(tab.Rows) != 2 {
		t.Fatalf("%d rows, %v", len(tab.Rows), err)
	}
	path := filepath.Join(t.TempDir(), "registre.xlsx")
	if err := writeExport(path, "applications", tab); err != nil {
		t.Fatal(err)
	}
	if err := writeExport(filepath.Join(t.TempDir(), "registre.pdf"), "applications", tab); err == nil {
		t.Fatal("export to .pdf accepted")
	}
	if _, err := gather.ExportTable(context.Background(), a.db, a.campaign, "allocation", ""); err == nil {
		t.Fatal("allocation export without an adopted scenario")
	}
}

func TestLettersOneFilePerApplicant(t *testing.T) {
	a := newTestApp(t)
	a.sync = true
	withJury(t, a)
	typeScores(a, "Mme Durand", "5", "1")
	a.selectScreen("Classement")
	for _, r := range a.ranking.rows {
		d := &data.JuryDecision{ApplicationID: r.ApplicationID, Decision: r.Proposed}
		if r.Proposed == data.DecisionNonRetenu {
			d.Motivation = "Note insuffisante"
		}
		if err := a.db.Decide(context.Background(), d); err != nil {
			t.Fatal(err)
		}
	}
	adoptRang(t, a)
	a.selectScreen("Documents")
	dir := t.TempDir()
	a.docs.produceLetters(dir)
	files, _ := os.ReadDir(dir)
	if len(files) != 2 || !strings.Contains(a.docs.status.Text, "2 lettre(s)") {
		t.Fatalf("%d files, status %q", len(files), a.docs.status.Text)
	}
}
