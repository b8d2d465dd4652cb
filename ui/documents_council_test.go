package ui

import (
	"archive/zip"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/campaign"
	"github.com/call-agglo/cohesion/reports"
)

// The Documents screen offers the rapport de présentation and the projet de
// délibération; its save dialog takes .pdf or .docx for them (.pdf only
// for the others), and each extension gives its format; the council's
// templates are edited beside the letters', an unknown field refused.
func TestDocumentsOfferTheCouncilDocuments(t *testing.T) {
	a := newTestApp(t)
	withJury(t, a)
	typeScores(a, "Mme Durand", "5", "4")
	ctx := context.Background()
	for _, n := range []string{"AMI2021-001", "AMI2021-002"} {
		ap, _ := a.base.db.ApplicationByNumber(ctx, a.campaign.ID, n)
		if err := a.base.db.Decide(ctx, &data.JuryDecision{ApplicationID: ap.ID, Decision: data.DecisionRetenu, JuryDate: data.NewDate(2021, 6, 1)}); err != nil {
			t.Fatal(err)
		}
	}
	adoptRang(t, a)
	a.selectScreen("Documents")
	s := a.docs
	kinds := map[string]reports.Kind{}
	for _, k := range s.kinds {
		kinds[k.Key] = k
	}
	for _, key := range []string{reports.KindReport, reports.KindDeliberation} {
		k, ok := kinds[key]
		if !ok {
			t.Fatalf("no %s in the Documents screen: %v", key, s.kinds)
		}
		if f := saveFilter(k); strings.Join(f.exts, " ") != ".pdf .docx" || produceLabel(k) != "Produire le PDF ou le Word…" {
			t.Errorf("%s: the dialog offers %v, the button says %q", key, f.exts, produceLabel(k))
		}
		pdf := filepath.Join(t.TempDir(), key+".pdf")
		chooseKind(s, key)
		s.produce(context.Background(), k, pdf)
		if text := pdfText(t, pdf); !strings.Contains(text, "PROJET") || !strings.Contains(text, k.Title) {
			t.Errorf("%s: %q\n%s", key, s.status.Text, text)
		}
		docx := filepath.Join(t.TempDir(), key+".docx")
		s.produce(context.Background(), k, docx)
		z, err := zip.OpenReader(docx)
		if err != nil || !strings.Contains(s.status.Text, "Document écrit") {
			t.Fatalf("%s as .docx: %v (%s)", key, err, s.status.Text)
		}
		z.Close()
	}
	if f := saveFilter(kinds["annex"]); strings.Join(f.exts, " ") != ".pdf" {
		t.Errorf("the annex offers %v", f.exts)
	}
	s.delib.SetText("Article : {{inconnu}}")
	s.onSaveTemplates()
	if got, _ := a.base.db.LetterTemplates(ctx, a.campaign.ID); got.Deliberation != "" {
		t.Fatal("an invalid projet de délibération was saved")
	}
	s.delib.SetText("Article : D'attribuer {{total}}.")
	s.onSaveTemplates()
	if got, _ := a.base.db.LetterTemplates(ctx, a.campaign.ID); got.Deliberation != "Article : D'attribuer {{total}}." || got.Report != "" {
		t.Fatalf("templates saved: %+v", got)
	}
	if err := campaign.Deliberate(ctx, a.base.db, a.campaign.ID, "2021-154", data.NewDate(2021, 9, 27), ""); err != nil {
		t.Fatal(err)
	}
	a.reloadCampaign(context.Background())
	pdf := filepath.Join(t.TempDir(), "deliberation.pdf")
	s.produce(context.Background(), kinds[reports.KindDeliberation], pdf)
	if text := pdfText(t, pdf); strings.Contains(text, "PROJET") || !strings.Contains(text, "Délibération n° 2021-154") || !strings.Contains(text, "Article 1er") {
		t.Errorf("once recorded:\n%s", text)
	}
}

// The Campagne screen edits the budget line the projet de délibération
// cites, empty (nature 6574) until set, and keeps it on another save.
func TestSettingsBudgetLine(t *testing.T) {
	a := newTestApp(t)
	a.selectScreen("Campagne")
	s := a.settings
	if s.budgetNature.Text != "" || !strings.Contains(s.budgetNature.PlaceHolder, "6574") {
		t.Fatalf("budget nature shown %q (%q)", s.budgetNature.Text, s.budgetNature.PlaceHolder)
	}
	s.budgetNature.SetText("65748")
	s.budgetFunction.SetText("52")
	test.Tap(findButton(t, s.root, "Enregistrer la campagne"))
	a.selectScreen("Dossiers")
	a.selectScreen("Campagne")
	a.settings.envelope.SetText("160 000")
	test.Tap(findButton(t, a.settings.root, "Enregistrer la campagne"))
	c, _ := a.base.db.Campaign(context.Background(), a.campaign.ID)
	if c.BudgetNature != "65748" || c.BudgetFunction != "52" || c.EnvelopeCents != 16_000_000 {
		t.Errorf("saved %q %q %d (%s)", c.BudgetNature, c.BudgetFunction, c.EnvelopeCents, a.settings.banner.Text)
	}
}
