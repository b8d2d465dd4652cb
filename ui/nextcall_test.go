package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/call-agglo/cohesion/data"
)

// « Nouvelle campagne » on a deliberated campaign starts from it: the year
// after its own, its jury on request; the new campaign is the window's.
func TestNewCampaignFromDeliberated(t *testing.T) {
	a := deliberatedApp(t)
	a.selectScreen("Campagne")
	f := showNewCampaign(a.env, a.campaigns)
	if f.from.Selected != "AMI2021" || f.year.Text != "2022" || f.year.Disabled() || f.jury.Disabled() {
		t.Fatalf("the dialog starts from %q, year %q", f.from.Selected, f.year.Text)
	}
	test.Type(f.code, "AMI2022")
	f.jury.SetChecked(true)
	f.create(context.Background())
	c := a.campaign
	if c.Code != "AMI2022" || c.SourceCode != "AMI2021" || c.Locked() || c.Deadline != data.NewDate(2022, time.April, 30) {
		t.Fatalf("the window's campaign: %s from %q, locked %v, deadline %s", c.Code, c.SourceCode, c.Locked(), c.Deadline.Format())
	}
	jurors, _ := a.base.db.Jurors(context.Background(), c.ID)
	if len(jurors) != 2 || len(stored(t, a)) != 0 {
		t.Errorf("jurors %+v, dossiers %d", jurors, len(stored(t, a)))
	}
	if src, _ := a.base.db.CampaignByCode(context.Background(), "AMI2021"); !src.Locked() {
		t.Error("the source was unlocked")
	}
}

// From the default settings, the year and the jury mean nothing; a year that
// is not one is refused with nothing created.
func TestNewCampaignFromDefaultsAndBadYear(t *testing.T) {
	a := newTestApp(t)
	f := showNewCampaign(a.env, a.campaigns)
	test.Type(f.code, "AMI2030")
	f.year.SetText("vingt")
	f.create(context.Background())
	if a.campaign.Code != "AMI2021" || len(a.dialogs.open) < 2 {
		t.Fatalf("bad year: campaign %s, %d dialog(s)", a.campaign.Code, len(a.dialogs.open))
	}
	f.from.SetSelected(fromDefaults)
	if !f.year.Disabled() || f.year.Text != "" || !f.jury.Disabled() {
		t.Errorf("year %q disabled %v, jury disabled %v", f.year.Text, f.year.Disabled(), f.jury.Disabled())
	}
	f.create(context.Background())
	if a.campaign.Code != "AMI2030" || a.campaign.SourceID != 0 {
		t.Errorf("from the defaults: %s from %d", a.campaign.Code, a.campaign.SourceID)
	}
}

// The register and the dossier's form say what the structure did in the
// other campaigns; a newcomer's say nothing.
func TestRegisterAndFormSayThePast(t *testing.T) {
	a := deliberatedApp(t)
	ctx := context.Background()
	next := data.CampaignFrom(a.campaign, "AMI2022", 2022, "")
	if err := a.base.db.CreateCampaignFrom(ctx, next, false); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"LES PETITS PAS", "Nouvelle venue"} {
		ap := &data.Application{Received: time.Date(2022, 4, 1, 9, 0, 0, 0, data.Paris), Structure: data.Structure{Name: name},
			Title: "Projet 2022", RequestedCents: 300_000}
		if err := a.base.db.CreateApplication(ctx, next, ap); err != nil {
			t.Fatal(err)
		}
	}
	a.setCampaign(next)
	a.selectScreen("Dossiers")
	col := len(registerColumns) - 1
	// The test's clock stands in April 2021: the CRF is not yet late.
	want := "déjà aidée : 2021 — " + data.FormatEuros(500_000) + " accordés, CRF attendu"
	if registerColumns[col].title != pastColumn || cellText(a, 0, col) != want || cellText(a, 1, col) != "" {
		t.Fatalf("register: %q, %q; want %q", cellText(a, 0, col), cellText(a, 1, col), want)
	}
	a.register.openForm(&a.register.rows[0])
	if f := a.register.form; !f.past.Visible() || f.past.Text != "D"+strings.TrimPrefix(want, "d") {
		t.Errorf("form: %q visible %v", f.past.Text, f.past.Visible())
	}
	a.register.closeForm()
	a.register.openForm(&a.register.rows[1])
	if f := a.register.form; f.past.Visible() {
		t.Errorf("a newcomer's form: %q", f.past.Text)
	}
}
