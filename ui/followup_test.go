package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/campaign"
	"github.com/call-agglo/cohesion/data/storetest"
	"github.com/call-agglo/cohesion/reports"
)

// followUpApp is a window whose campaign has two dossiers retained, the
// split adopted and, when deliberate, the deliberation of 27/09/2021
// recorded; the base's clock on 01/09/2022, after the CRFs' due date.
func followUpApp(t *testing.T, deliberate bool) *App {
	t.Helper()
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
	if deliberate {
		if err := campaign.Deliberate(ctx, a.base.db, a.campaign.ID, "2021-154", data.NewDate(2021, 9, 27), ""); err != nil {
			t.Fatal(err)
		}
		a.reloadCampaign(context.Background())
	}
	storetest.Pin(a.base.db, time.Date(2022, 9, 1, 10, 0, 0, 0, data.Paris))
	return a
}

// bodyText is every label's text on the screen's body.
func bodyText(o fyne.CanvasObject) string {
	var b strings.Builder
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Label:
			b.WriteString(w.Text + "\n")
		case *fyne.Container:
			for _, x := range w.Objects {
				walk(x)
			}
		case fyne.Widget:
			for _, x := range test.WidgetRenderer(w).Objects() {
				walk(x)
			}
		}
	}
	walk(o)
	return b.String()
}

// Before the deliberation the screen says there is nothing to follow yet,
// and why.
func TestFollowUpScreenBeforeDeliberation(t *testing.T) {
	a := followUpApp(t, false)
	a.selectScreen("Suivi")
	if text := bodyText(a.followUp.body); !strings.Contains(text, "commence une fois la délibération") {
		t.Errorf("before the deliberation:\n%s", text)
	}
}

// After it: one line per grant, the filters, the grant's page, a payment
// recorded through its form, and a refusal naming the rule; the window fits
// 1024×768 and 1366×768 on the list and on the page.
func TestFollowUpScreen(t *testing.T) {
	a := followUpApp(t, true)
	a.selectScreen("Suivi")
	s := a.followUp
	if len(s.rows) != 2 || followUpCells(s.rows[0])[0] != "AMI2021-001" || !strings.Contains(followUpCells(s.rows[0])[6], "en retard") {
		t.Fatalf("rows %d: %v", len(s.rows), followUpCells(s.rows[0]))
	}
	s.filterSel.SetSelected(filterToSign)
	if len(s.rows) != 0 || !strings.Contains(s.totals.Text, "0 subvention") {
		t.Errorf("à signer: %d rows, %s", len(s.rows), s.totals.Text)
	}
	s.filterSel.SetSelected(filterOverdue)
	if len(s.rows) != 2 {
		t.Errorf("en retard: %d rows", len(s.rows))
	}
	fits(t, a, "la liste du suivi")
	s.table.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // the focus on the first line
	if s.open != "AMI2021-001" || !strings.Contains(bodyText(s.body), "Aucun versement.") {
		t.Fatalf("grant page %q:\n%s", s.open, bodyText(s.body))
	}
	fits(t, a, "la page d'une subvention")
	g, _ := s.fu.Grant("AMI2021-001")
	var refused error
	s.env.showError = func(err error) { refused = err }
	s.onPayment(g)
	s.form[0].Widget.(*escEntry).SetText("999 999")
	a.dialogs.open[len(a.dialogs.open)-1].onEnter()
	if refused == nil || !strings.Contains(data.ErrorMessage(refused), "solde à verser") {
		t.Errorf("payment above the balance: %v", refused)
	}
	refused = nil
	s.onPayment(g)
	s.form[2].Widget.(*escEntry).SetText("M-42")
	a.dialogs.open[len(a.dialogs.open)-1].onEnter()
	g, _ = s.fu.Grant("AMI2021-001")
	if refused != nil || len(g.Payments) != 1 || g.Payments[0].Mandate != "M-42" || s.open != "AMI2021-001" {
		t.Fatalf("payment: %v, %+v", refused, g.Payments)
	}
	if text := bodyText(s.body); !strings.Contains(text, "mandat n° M-42") {
		t.Errorf("the page does not show the payment:\n%s", text)
	}
	if len(s.rows) != 2 || s.rows[0].PaidCents != g.GrantedCents {
		t.Errorf("the list after the payment: %+v", s.rows[0])
	}
	s.onCancelPayment(g, g.Payments[0])
	a.dialogs.open[len(a.dialogs.open)-1].onEnter()
	if refused == nil || !strings.Contains(data.ErrorMessage(refused), "motif") {
		t.Errorf("a cancellation without a reason: %v", refused)
	}
	refused = nil
	s.onCancelPayment(g, g.Payments[0])
	s.form[0].Widget.(*escEntry).SetText("Saisi sur le mauvais dossier")
	a.dialogs.open[len(a.dialogs.open)-1].onEnter()
	if g, _ = s.fu.Grant("AMI2021-001"); refused != nil || len(g.Payments) != 0 {
		t.Errorf("cancelled: %v, %+v", refused, g.Payments)
	}
}

// fits checks the window's content fits a 1024×768 screen and lays it out
// at 1024×768 and 1366×768.
func fits(t *testing.T, a *App, what string) {
	t.Helper()
	for _, size := range []fyne.Size{fyne.NewSize(1024, 768), fyne.NewSize(1366, 768)} {
		a.win.Resize(size)
		if m := a.win.Content().MinSize(); m.Width > maxContentMin.Width || m.Height > maxContentMin.Height {
			t.Errorf("%s needs %.0f×%.0f at %.0f×%.0f", what, m.Width, m.Height, size.Width, size.Height)
		}
	}
}

// The dashboard gets the follow-up's tiles once the deliberation is
// recorded; a tile opens the Suivi screen filtered.
func TestDashboardFollowUpTiles(t *testing.T) {
	a := followUpApp(t, true)
	a.selectScreen("Tableau de bord")
	if a.dashboard.followUp == nil || a.dashboard.followUp.Grants != 2 || a.dashboard.followUp.CRFOverdue != 2 {
		t.Fatalf("summary %+v", a.dashboard.followUp)
	}
	tapText(t, a.dashboard.body, "comptes rendus en retard")
	if a.screens[a.current].title != "Suivi" || a.followUp.filter != filterOverdue || len(a.followUp.rows) != 2 {
		t.Errorf("the tile opens %q filtered %q", a.screens[a.current].title, a.followUp.filter)
	}
}

// The Suivi screen writes the follow-up's documents (the reminders of the
// comptes rendus overdue today, here) and edits their templates, after the
// deliberation; a template with an unknown field is refused, named.
func TestFollowUpDocumentsAndTemplates(t *testing.T) {
	a := followUpApp(t, true)
	a.selectScreen("Suivi")
	s := a.followUp
	var refused error
	s.env.showError = func(err error) { refused = err }
	path := filepath.Join(t.TempDir(), "relances.pdf")
	s.produce(context.Background(), reports.KindReminders, "", path, false)
	if _, err := os.Stat(path); err != nil || refused != nil || !strings.Contains(s.outcome.Text, "Document écrit") {
		t.Fatalf("reminders: %v %v %q", err, refused, s.outcome.Text)
	}
	s.produce(context.Background(), reports.KindConventions, "", filepath.Join(t.TempDir(), "c.pdf"), false)
	if refused == nil || !strings.Contains(data.ErrorMessage(refused), "Aucune convention à produire") {
		t.Errorf("no convention above 23 000 €: %v", refused)
	}
	refused = nil
	s.onTemplates()
	s.templatesForm.reminder.SetText("Objet : relance {{inconnu}}")
	a.dialogs.open[len(a.dialogs.open)-1].d.(interface{ Confirm() }).Confirm()
	if refused == nil || !strings.Contains(data.ErrorMessage(refused), "{{inconnu}}") {
		t.Errorf("unknown field: %v", refused)
	}
	s.templatesForm.reminder.SetText("Objet : relance du {{date_crf}}\n\n{{civilite}},")
	a.dialogs.open[len(a.dialogs.open)-1].d.(interface{ Confirm() }).Confirm()
	if f, err := a.base.db.FollowUp(context.Background(), a.campaign.ID); err != nil || f.Templates.Reminder != "Objet : relance du {{date_crf}}\n\n{{civilite}}," || f.Templates.Convention != "" {
		t.Errorf("templates saved: %+v %v", f.Templates, err)
	}
}

// fieldEntry is the entry of a form's field: itself, or the one beside a
// date's calendar button.
func fieldEntry(t *testing.T, it *widget.FormItem) *escEntry {
	t.Helper()
	if e, ok := it.Widget.(*escEntry); ok {
		return e
	}
	for _, o := range it.Widget.(*fyne.Container).Objects {
		if e, ok := o.(*escEntry); ok {
			return e
		}
	}
	t.Fatalf("no entry in %q", it.Text)
	return nil
}

// The campaign's rule and a grant's own terms are edited in the window as
// `followup set` and `convention terms` do: a later due date takes the CRFs
// out of « en retard », a grant's advance is kept, and a wrong value is
// refused with the rule's message, nothing recorded.
func TestFollowUpRulesFromTheWindow(t *testing.T) {
	a := followUpApp(t, true)
	a.selectScreen("Suivi")
	s := a.followUp
	var refused error
	s.env.showError = func(err error) { refused = err }
	rulesForms{s}.onCampaignRule()
	fieldEntry(t, s.form[1]).SetText("150")
	a.dialogs.open[len(a.dialogs.open)-1].onEnter()
	if refused == nil || !strings.Contains(data.ErrorMessage(refused), "pourcentage") || s.fu.Settings.AdvancePercent != 0 {
		t.Fatalf("an advance of 150 %%: %v, %+v", refused, s.fu.Settings)
	}
	refused = nil
	rulesForms{s}.onCampaignRule()
	fieldEntry(t, s.form[0]).SetText("31/12/2022")
	fieldEntry(t, s.form[1]).SetText("30")
	a.dialogs.open[len(a.dialogs.open)-1].onEnter()
	if refused != nil || s.fu.Settings.AdvancePercent != 30 || s.fu.Settings.CRFDue != data.NewDate(2022, 12, 31) {
		t.Fatalf("the campaign's rule: %v, %+v", refused, s.fu.Settings)
	}
	if s.rows[0].Overdue || strings.Contains(followUpCells(s.rows[0])[6], "en retard") {
		t.Errorf("due on 31/12/2022, late on 01/09/2022: %v", followUpCells(s.rows[0]))
	}
	g, _ := s.fu.Grant("AMI2021-002")
	rulesForms{s}.onGrantTerms(g)
	fieldEntry(t, s.form[0]).SetText("01/01/2021")
	a.dialogs.open[len(a.dialogs.open)-1].onEnter()
	if refused == nil || !strings.Contains(data.ErrorMessage(refused), "délibération") {
		t.Fatalf("a due date before the deliberation: %v", refused)
	}
	refused = nil
	rulesForms{s}.onGrantTerms(g)
	fieldEntry(t, s.form[1]).SetText("1 000")
	a.dialogs.open[len(a.dialogs.open)-1].onEnter()
	g, _ = s.fu.Grant("AMI2021-002")
	if refused != nil || g.Terms.AdvanceCents == nil || *g.Terms.AdvanceCents != 100_000 || !g.Terms.CRFDue.IsZero() {
		t.Errorf("the grant's terms: %v, %+v", refused, g.Terms)
	}
}

// Fichier › Exporter gives the follow-up's two tables, as the command line's
// export payments and export reminders-merge do: the payments made and to
// make, and the reminders of the CRFs overdue on the base's day.
func TestFollowUpExportsFromTheWindow(t *testing.T) {
	a := followUpApp(t, true)
	a.selectScreen("Suivi")
	g, _ := a.followUp.fu.Grant("AMI2021-001")
	if err := a.base.db.RecordPayment(context.Background(), a.campaign.ID, g.ApplicationID,
		data.Payment{AmountCents: g.GrantedCents, Date: data.NewDate(2021, 10, 4), Mandate: "M-42"}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	env := a.followUp.env
	var refused error
	env.showError = func(err error) { refused = err }
	env.saveFile = func(_, name string, _ fileFilter, done func(string)) {
		done(filepath.Join(dir, strings.TrimSuffix(name, ".xlsx")+".csv"))
	}
	followUpExports{env}.payments()
	followUpExports{env}.reminders()
	if refused != nil {
		t.Fatal(refused)
	}
	payments, _ := os.ReadFile(filepath.Join(dir, "versements-AMI2021.csv"))
	reminders, _ := os.ReadFile(filepath.Join(dir, "relances-AMI2021.csv"))
	if !strings.Contains(string(payments), "M-42") || strings.Count(string(payments), "AMI2021-00") < 2 {
		t.Errorf("payments:\n%s", payments)
	}
	if strings.Count(string(reminders), "\nAMI2021-00") != 2 {
		t.Errorf("reminders of the two CRFs overdue on 01/09/2022:\n%s", reminders)
	}
}
