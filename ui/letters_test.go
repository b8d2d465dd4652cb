package ui

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/reports"
)

// The Documents screen edits the irrecevability letter like the others, and
// the letters one per file include the dossier received late.
func TestIrrecevabilityTemplateAndLetters(t *testing.T) {
	a := newTestApp(t)
	withJury(t, a)
	lateDossier(t, a, "3 place de la République\n62800 Liévin")
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
		if err := a.base.db.Decide(context.Background(), d); err != nil {
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
	stored, _ := a.base.db.LetterTemplates(context.Background(), a.campaign.ID)
	if !strings.HasPrefix(stored.Irrecevability, "Objet : dossier {{numero}} irrecevable") || stored.Attribution != "" || stored.Refusal != "" {
		t.Fatalf("stored templates %+v", stored)
	}
	dir := t.TempDir()
	chooseKind(s, "letters")
	s.produceLetters(context.Background(), dir)
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

// lateDossier adds a dossier received after the deadline: irrecevable, it
// gets a letter.
func lateDossier(t *testing.T, a *App, address string) {
	t.Helper()
	late := &data.Application{Received: time.Date(2021, 5, 3, 9, 0, 0, 0, data.Paris), Structure: data.Structure{Name: "Retardataire", Address: address},
		Title: "Projet tardif", RequestedCents: 100_000}
	if err := a.base.db.CreateApplication(context.Background(), a.campaign, late); err != nil {
		t.Fatal(err)
	}
}

// Before writing letters, the Documents screen names the dossiers whose
// address lacks its postal code or town, and writes the others only if told
// to; the dossier's form flags the address.
func TestLettersNameIncompleteAddresses(t *testing.T) {
	a := newTestApp(t)
	withJury(t, a)
	lateDossier(t, a, "12 rue de la Gare")
	typeScores(a, "Mme Durand", "5", "1")
	a.selectScreen("Classement")
	for _, r := range a.ranking.rows {
		d := &data.JuryDecision{ApplicationID: r.ApplicationID, Decision: r.Proposed, Motivation: "Note insuffisante"}
		if r.Proposed == data.DecisionRetenu {
			d.Motivation = ""
		}
		if r.Proposed != "" {
			if err := a.base.db.Decide(context.Background(), d); err != nil {
				t.Fatal(err)
			}
		}
	}
	adoptRang(t, a)
	a.selectScreen("Documents")
	s := a.docs
	dir := t.TempDir()
	chooseKind(s, "letters")
	s.produceLetters(context.Background(), dir)
	if entries, _ := os.ReadDir(dir); len(entries) != 0 || !strings.Contains(s.status.Text, "AMI2021-003 Retardataire (code postal, localité)") {
		t.Fatalf("%d letters written with an incomplete address; status %q", len(entries), s.status.Text)
	}
	next := false
	s.withPostableAddresses(context.Background(), func() { next = true })
	top := a.win.Canvas().Overlays().Top()
	if next || top == nil {
		t.Fatal("letters went on without naming the incomplete address")
	}
	if !strings.Contains(labelsUnder(top), "• AMI2021-003 Retardataire (code postal, localité)") {
		t.Errorf("dialog: %q", labelsUnder(top))
	}
	test.Tap(findButton(t, top, "Écrire les autres lettres"))
	if !next || !s.skipIncomplete {
		t.Fatal("« Écrire les autres lettres » did not go on")
	}
	s.produceLetters(context.Background(), dir)
	if entries, _ := os.ReadDir(dir); len(entries) != 2 || !strings.Contains(s.status.Text, "2 lettres écrites") {
		t.Fatalf("%d letters, status %q", len(entries), s.status.Text)
	}

	a.selectScreen("Dossiers")
	for i := range a.register.rows {
		if a.register.rows[i].Number == "AMI2021-003" {
			a.register.openForm(&a.register.rows[i])
		}
	}
	f := a.register.form
	if !f.addressNote.Visible() || !strings.Contains(f.addressNote.Text, "Adresse incomplète (code postal, localité)") {
		t.Errorf("form's note: %v %q", f.addressNote.Visible(), f.addressNote.Text)
	}
	f.postalCode.SetText("62300")
	f.town.SetText("Lens")
	if f.addressNote.Visible() {
		t.Errorf("note still shown for a complete address: %q", f.addressNote.Text)
	}
}

// labelsUnder is every label's text under o.
func labelsUnder(o fyne.CanvasObject) string {
	var b strings.Builder
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Label:
			b.WriteString(w.Text + "\n")
		case *widget.PopUp:
			walk(w.Content)
		case *fyne.Container:
			for _, x := range w.Objects {
				walk(x)
			}
		}
	}
	walk(o)
	return b.String()
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
