package ui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/campaign"
)

// visibleLabel finds a shown label with that text under o.
func visibleLabel(o fyne.CanvasObject, text string) bool {
	if o == nil || !o.Visible() {
		return false
	}
	switch w := o.(type) {
	case *widget.Label:
		return w.Text == text
	case *frenchLabel:
		return w.text == text
	case *fyne.Container:
		for _, c := range w.Objects {
			if visibleLabel(c, text) {
				return true
			}
		}
	case *container.Split:
		return visibleLabel(w.Leading, text) || visibleLabel(w.Trailing, text)
	case *container.AppTabs:
		return w.Selected() != nil && visibleLabel(w.Selected().Content, text)
	case *container.Scroll:
		return visibleLabel(w.Content, text)
	}
	return false
}

// Until the deliberation is recorded, the Documents screen says that the
// annex and the letters come out marked PROJET, and they do; once it is
// recorded, the warning goes and so does the mark.
func TestDocumentsWarnUntilDeliberation(t *testing.T) {
	a := newTestApp(t)
	withJury(t, a)
	typeScores(a, "Mme Durand", "5", "4")
	adoptRang(t, a)
	a.selectScreen("Documents")
	if !visibleLabel(a.docs.root, DraftWarning) {
		t.Fatal("no warning on the Documents screen without a deliberation")
	}
	annex := func() string {
		t.Helper()
		for _, k := range a.docs.kinds {
			if k.Key == "annex" {
				path := filepath.Join(t.TempDir(), "annexe.pdf")
				a.docs.produce(context.Background(), k, path)
				return pdfText(t, path)
			}
		}
		t.Fatal("no annex in the catalogue")
		return ""
	}
	if text := annex(); !strings.Contains(text, "PROJET") || !strings.Contains(text, "Annexe au projet de délibération") {
		t.Errorf("the annex before the deliberation:\n%s", text)
	}
	if err := campaign.Deliberate(context.Background(), a.base.db, a.campaign.ID, "2021-154", data.NewDate(2021, 9, 27), ""); err != nil {
		t.Fatal(err)
	}
	a.reloadCampaign(context.Background())
	if visibleLabel(a.docs.root, DraftWarning) || a.docs.draft.Visible() {
		t.Error("the warning stays after the deliberation")
	}
	if text := annex(); strings.Contains(text, "PROJET") || !strings.Contains(text, "Annexe à la délibération n° 2021-154") {
		t.Errorf("the annex after the deliberation:\n%s", text)
	}
}

// The Campagne screen edits the letters' settings, and keeps them when
// another setting is saved.
func TestSettingsLetterFields(t *testing.T) {
	a := newTestApp(t)
	a.selectScreen("Campagne")
	s := a.settings
	if s.letterPlace.Text != "Liévin" || s.caseOfficer.Text != "Service politique de la ville" {
		t.Fatalf("defaults shown: %q %q", s.letterPlace.Text, s.caseOfficer.Text)
	}
	s.caseOfficer.SetText("Service politique de la ville — Mme Sonia Bernard")
	s.caseContact.SetText("03 21 79 07 90")
	s.letterRef.SetText("DPV/SB/2021")
	test.Tap(findButton(t, s.root, "Enregistrer la campagne"))
	c, _ := a.base.db.Campaign(context.Background(), a.campaign.ID)
	if c.LetterPlace != "Liévin" || c.CaseOfficer != "Service politique de la ville — Mme Sonia Bernard" || c.CaseOfficerContact != "03 21 79 07 90" || c.LetterReference != "DPV/SB/2021" {
		t.Fatalf("saved %q %q %q %q (%s)", c.LetterPlace, c.CaseOfficer, c.CaseOfficerContact, c.LetterReference, s.banner.Text)
	}
	a.selectScreen("Dossiers")
	a.selectScreen("Campagne")
	s = a.settings
	s.envelope.SetText("160 000")
	test.Tap(findButton(t, s.root, "Enregistrer la campagne"))
	if c, _ = a.base.db.Campaign(context.Background(), a.campaign.ID); c.EnvelopeCents != 16_000_000 || c.LetterReference != "DPV/SB/2021" || c.CaseOfficerContact != "03 21 79 07 90" {
		t.Errorf("after another save: %d %q %q", c.EnvelopeCents, c.LetterReference, c.CaseOfficerContact)
	}
}
