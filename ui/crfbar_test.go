package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/dashboard"
)

// barredApp: AMI2021 deliberated, Les Petits Pas granted 5 000 € and its
// compte rendu financier refused; AMI2022, made from it with its jury, holds
// « LES PETITS PAS » (the same structure by its name) and a newcomer, both
// declared recevable. The window shows AMI2022.
func barredApp(t *testing.T) *App {
	t.Helper()
	a := deliberatedApp(t)
	ctx := context.Background()
	old, err := a.base.db.ApplicationByNumber(ctx, a.campaign.ID, "AMI2021-001")
	if err != nil {
		t.Fatal(err)
	}
	crf := data.CRF{Received: data.NewDate(2022, 6, 15), CostCents: 1_000_000, UsedCents: 500_000, Status: data.CRFRefused, Assessment: "Dépenses non justifiées"}
	if err := a.base.db.RecordCRF(ctx, a.campaign.ID, old.ID, crf); err != nil {
		t.Fatal(err)
	}
	next := data.CampaignFrom(a.campaign, "AMI2022", 2022, "")
	if err := a.base.db.CreateCampaignFrom(ctx, next, true); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"LES PETITS PAS", "Nouvelle venue"} {
		ap := &data.Application{Received: time.Date(2022, 4, 1, 9, 0, 0, 0, data.Paris), Structure: data.Structure{Name: name},
			Title: "Projet 2022", RequestedCents: 300_000}
		if err := a.base.db.CreateApplication(ctx, next, ap); err != nil {
			t.Fatal(err)
		}
		if err := a.base.db.ChangeStatus(ctx, ap.ID, data.StatusRecevable, "Pièces vérifiées sur la plateforme"); err != nil {
			t.Fatal(err)
		}
	}
	a.setCampaign(next)
	return a
}

// The register, the dossier's form and the ranking flag the structure
// barred by its refused CRF; the newcomer carries nothing.
func TestBarredStructureFlagged(t *testing.T) {
	a := barredApp(t)
	a.selectScreen("Dossiers")
	col := len(registerColumns) - 1
	l := widget.NewLabel("")
	a.register.updateCell(widget.TableCellID{Row: 0, Col: col}, l)
	if !strings.HasPrefix(l.Text, "CRF refusé — déjà aidée : 2021 — ") || l.Importance != widget.DangerImportance {
		t.Errorf("register: %q (importance %v)", l.Text, l.Importance)
	}
	a.register.updateCell(widget.TableCellID{Row: 1, Col: col}, l)
	if l.Text != "" || l.Importance == widget.DangerImportance {
		t.Errorf("the newcomer's: %q (importance %v)", l.Text, l.Importance)
	}
	a.register.openForm(&a.register.rows[0])
	if f := a.register.form; !strings.HasPrefix(f.past.Text, "CRF refusé — déjà aidée") || f.past.Importance != widget.DangerImportance {
		t.Errorf("form: %q (importance %v)", f.past.Text, f.past.Importance)
	}
	a.register.closeForm()
	a.selectScreen("Classement")
	flags := map[string]string{}
	for _, r := range a.ranking.rows {
		flags[r.Number] = strings.Join(r.Flags, " ; ")
	}
	if !strings.Contains(flags["AMI2022-001"], "CRF refusé (loi 2000-321 art. 10)") || strings.Contains(flags["AMI2022-002"], "CRF") {
		t.Errorf("ranking's alerts: %q", flags)
	}
}

// Retaining the barred structure from the window is refused with the reason
// and its exemption asked; a blank reason records nothing, a written one
// records the decision with it.
func TestRetainBarredAsksExemption(t *testing.T) {
	a := barredApp(t)
	ctx := context.Background()
	ap, _ := a.base.db.ApplicationByNumber(ctx, a.campaign.ID, "AMI2022-001")
	done := 0
	e := recordDecision(context.Background(), a.env, &data.JuryDecision{ApplicationID: ap.ID, Decision: data.DecisionRetenu}, func() { done++ })
	if e == nil || done != 0 {
		t.Fatalf("the bar did not ask for an exemption (done %d)", done)
	}
	if text := overlayText(a); !strings.Contains(text, "AMI2021 (dossier AMI2021-001, compte rendu financier refusé)") || !strings.Contains(text, "2000-321") {
		t.Errorf("the dialog: %q", text)
	}
	e.record()
	if ds, _ := a.base.db.Decisions(ctx, a.campaign.ID); len(ds) != 0 || done != 0 || !strings.Contains(overlayText(a), "motif de la dérogation") {
		t.Fatalf("a blank reason recorded %+v (done %d)", ds, done)
	}
	e.reason.SetText("CRF rectifié déposé le 20/06/2022")
	e.record()
	ds, _ := a.base.db.Decisions(ctx, a.campaign.ID)
	if d := ds[ap.ID]; done != 1 || d.Decision != data.DecisionRetenu || d.CRFExemption != "CRF rectifié déposé le 20/06/2022" {
		t.Errorf("decision %+v, done %d", ds, done)
	}
}

// The dashboard counts the dossiers of barred structures, which opens the
// register, and sets AMI2022 beside AMI2021, which it was made from.
func TestDashboardAcrossCampaigns(t *testing.T) {
	a := barredApp(t)
	a.selectScreen("Tableau de bord")
	x := a.dashboard.figures.Across
	if x == nil || len(x.Barred) != 1 || x.Barred[0] != "AMI2022-001" || x.Compare == nil {
		t.Fatalf("across: %+v", x)
	}
	total := x.Compare.Total
	if x.Compare.Source != "AMI2021" || total.Dossiers != [2]int{2, 2} || total.Granted[0] == 0 || total.Granted[1] != 0 {
		t.Errorf("comparison: %+v", total)
	}
	// The block never widens the window past a 1024×768 screen: its columns
	// take their own widths and the groups' names wrap.
	if m := a.win.Content().MinSize(); m.Width > maxContentMin.Width {
		t.Errorf("the dashboard with its comparison needs %.0f px wide, more than %.0f", m.Width, maxContentMin.Width)
	}
	card := acrossCard(a.selectScreen, x)
	if !hasTextBelow(card, "Comparaison avec AMI2021 → AMI2022") ||
		!hasTextBelow(card, "2 → 2") || !hasTextBelow(card, data.FormatEuros(total.Granted[0])+" → "+data.FormatEuros(0)) {
		t.Errorf("the comparison's block:\n%s", textOf(card))
	}
	tapText(t, a.dashboard.root, "Loi n° 2000-321, art. 10 : 1 dossier dont la structure a un compte rendu financier en retard ou refusé")
	if a.screens[a.current].title != "Dossiers" {
		t.Errorf("the line opened %q", a.screens[a.current].title)
	}
	// A campaign made from the defaults, with no barred structure: nothing.
	if o := acrossCard(a.selectScreen, &dashboard.Across{}); textOf(o) != "" || o.MinSize().Height != 0 {
		t.Errorf("an empty block draws %q, %v high", textOf(o), o.MinSize().Height)
	}
}

// hasTextBelow reports whether a label under o reads text exactly.
func hasTextBelow(o fyne.CanvasObject, text string) bool {
	for _, line := range strings.Split(textOf(o), "\n") {
		if line == text {
			return true
		}
	}
	return false
}
