package ui

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/reports"
)

// The Documents screen edits the irrecevability letter like the others, and
// the letters one per file include the dossier received late.
func TestIrrecevabilityTemplateAndLetters(t *testing.T) {
	a := newTestApp(t)
	withJury(t, a)
	late := &data.Application{Received: time.Date(2021, 5, 3, 9, 0, 0, 0, data.Paris), Structure: data.Structure{Name: "Retardataire"},
		Title: "Projet tardif", RequestedCents: 100_000}
	if err := a.db.CreateApplication(context.Background(), a.campaign, late); err != nil {
		t.Fatal(err)
	}
	typeScores(a, "Mme Durand", "5", "1")
	a.selectScreen("Classement")
	for _, r := range a.ranking.rows {
		d := &data.JuryDecision{ApplicationID: r.ApplicationID, Decision: r.Proposed}
		if r.Proposed == data.DecisionNonRetenu {
			d.Motivation = "Note insuffisante"
		}
		if r.Proposed == "" {
			continue
		}
		if err := a.db.Decide(context.Background(), d); err != nil {
			t.Fatal(err)
		}
	}
	adoptRang(t, a)
	a.selectScreen("Documents")
	s := a.docs
	if s.irrec.Text != reports.DefaultTemplates().Irrecevability {
		t.Fatalf("irrecevability tab: %q", s.irrec.Text)
	}
	s.irrec.SetText("Objet : dossier {{numero}} irrecevable\n\n{{civilite}},\n\nMotif : {{motif}}")
	s.onSaveTemplates()
	stored, _ := a.db.LetterTemplates(context.Background(), a.campaign.ID)
	if !strings.HasPrefix(stored.Irrecevability, "Objet : dossier {{numero}} irrecevable") || stored.Attribution != "" || stored.Refusal != "" {
		t.Fatalf("stored templates %+v", stored)
	}
	dir := t.TempDir()
	s.produceLetters(dir)
	entries, _ := os.ReadDir(dir)
	if len(entries) != 3 || !strings.Contains(s.status.Text, "3 lettres écrites") {
		t.Fatalf("%d files, status %q", len(entries), s.status.Text)
	}
	var found bool
	for _, e := range entries {
		if strings.Contains(e.Name(), "Retardataire") {
			found = true
			text := pdfText(t, filepath.Join(dir, e.Name()))
			if !strings.Contains(text, "Objet : dossier AMI2021-003 irrecevable") || !strings.Contains(text, "Motif : Hors délai : reçu le 03/05/2021 09:00") {
				t.Errorf("irrecevability letter:\n%s", text)
			}
		}
	}
	if !found {
		t.Fatalf("no letter for the late dossier among %v", entries)
	}
	s.onResetTemplates()
	if s.irrec.Text != reports.DefaultTemplates().Irrecevability {
		t.Error("reset left the edited irrecevability template")
	}
}

// pdfText is a PDF's text, read back with pdftotext.
func pdfText(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.NewReplacer("\u202f", " ", "\u00a0", " ").Replace(string(out))
}
