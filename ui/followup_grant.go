package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/followup"
	"github.com/call-agglo/cohesion/reports"
)

// showGrant draws a grant's follow-up page: what it is and waits for, its
// payments, the buttons that record the next steps, and its history.
func (s *followUpScreen) showGrant(ctx context.Context, g *data.Grant) {
	f := s.fu
	st := followup.StatusAt(f.Campaign, f.Settings, g, s.at)
	back := widget.NewButtonWithIcon("Retour à la liste", theme.NavigateBackIcon(), s.onBack)
	head := container.NewBorder(nil, nil, back, nil, bold(g.Number+" — "+g.Structure))
	actions := container.NewHBox(
		widget.NewButtonWithIcon("Signature…", theme.DocumentCreateIcon(), func() { s.onSign(g) }),
		widget.NewButtonWithIcon("Versement…", theme.ContentAddIcon(), func() { s.onPayment(g) }),
		widget.NewButtonWithIcon("Compte rendu…", theme.FileTextIcon(), func() { s.onCRF(g) }),
		widget.NewButtonWithIcon("Reversement…", theme.ContentUndoIcon(), func() { s.onReversal(g) }),
		widget.NewButtonWithIcon("Convention (PDF)…", theme.DocumentPrintIcon(), func() { s.onDocuments(reports.KindConventions, g.Number) }),
	)
	terms := widget.NewButtonWithIcon("Conditions de la convention…", theme.SettingsIcon(), func() { rulesForms{s}.onGrantTerms(g) })
	terms.Importance = widget.LowImportance
	left := container.NewVScroll(container.NewVBox(grantFacts(f, g, st), container.NewHBox(terms), bold("À faire"), grantSteps(f, g, s.at), bold("Versements"), s.grantPayments(g)))
	var entries []data.AuditEntry
	history := historyTable(&entries)
	split := container.NewHSplit(left, container.NewBorder(bold("Historique de la subvention"), nil, nil, nil, history))
	split.Offset = 0.45
	s.setBody(container.NewBorder(container.NewVBox(head, actions), nil, nil, nil, split))
	s.loadHistory(ctx, g, &entries, history)
	s.env.win().Canvas().Focus(back)
}

// loadHistory reads the grant's entries of the journal, newest first.
func (s *followUpScreen) loadHistory(ctx context.Context, g *data.Grant, entries *[]data.AuditEntry, t *widget.Table) {
	st, c := s.env.store(), s.env.campaign()
	filter := data.AuditFilter{CampaignID: c.ID, Entity: data.AuditGrant, EntityID: g.ApplicationID}
	work := func() ([]data.AuditEntry, error) { return st.Audit(ctx, filter) }
	background(s.env.run, work, func(e []data.AuditEntry, err error) {
		if err != nil {
			s.env.showError(err)
			return
		}
		*entries = e
		t.Refresh()
	})
}

// grantFacts are the grant's figures and dates, as labels.
func grantFacts(f *data.FollowUp, g *data.Grant, st followup.Status) fyne.CanvasObject {
	used := "inconnu tant qu'aucun compte rendu n'est reçu"
	if st.UsedKnown {
		used = data.FormatEuros(st.UsedCents)
	}
	crf := st.CRFStatus.Label() + " — dû le " + st.CRFDue.Format()
	if g.CRF != nil {
		crf += " — reçu le " + g.CRF.Received.Format()
		if g.CRF.Status == data.CRFIncomplete && g.CRF.Missing != "" {
			crf += " (manque : " + g.CRF.Missing + ")"
		}
	}
	reversal := "aucun"
	if g.Reversal != nil {
		reversal = data.FormatEuros(g.Reversal.AmountCents) + " décidé le " + g.Reversal.Decided.Format() + " : " + g.Reversal.Reason
	} else if st.ReversalCents > 0 {
		reversal = data.FormatEuros(st.ReversalCents) + " proposé (versé − utilisé), à décider"
	}
	form := widget.NewForm(
		factItem("Montant attribué", data.FormatEuros(g.GrantedCents)+" ("+data.AmountInWords(g.GrantedCents)+")"),
		factItem("Convention", conventionFact(st)),
		factItem("Échéancier", scheduleFact(f, g)),
		factItem("Versé", data.FormatEuros(st.PaidCents)),
		factItem("Reste à verser", data.FormatEuros(st.BalanceCents)),
		factItem("Compte rendu", crf),
		factItem("Utilisé", used),
		factItem("Reversement", reversal),
	)
	return form
}

// factItem is a labelled value; its amounts never break across lines.
func factItem(label, value string) *widget.FormItem {
	return widget.NewFormItem(label, newFrenchLabel(value))
}

// conventionFact names the rule that requires the convention.
func conventionFact(st followup.Status) string {
	c := conventionCell(st)
	if st.ConventionRequired {
		c += " (obligatoire au-delà de 23 000 € : loi n° 2000-321, art. 10)"
	}
	return c
}

// scheduleFact is the schedule the campaign's rule proposes.
func scheduleFact(f *data.FollowUp, g *data.Grant) string {
	var parts []string
	for _, in := range followup.Schedule(f.Settings, g) {
		parts = append(parts, data.FormatEuros(in.AmountCents)+" "+in.Trigger.Label())
	}
	return strings.Join(parts, " ; ")
}

// grantSteps lists what the grant waits for at the date.
func grantSteps(f *data.FollowUp, g *data.Grant, at data.Date) fyne.CanvasObject {
	box := container.NewVBox()
	steps := followup.Deadlines(f.Campaign, f.Settings, g, at)
	if len(steps) == 0 {
		box.Add(widget.NewLabel(followup.NextStep(f.Campaign, f.Settings, g, at).Label))
	}
	for _, st := range steps {
		l := widget.NewLabel("• " + st.Label)
		if st.Overdue {
			l.SetText("• En retard : " + st.Label)
			l.Importance = widget.DangerImportance
		}
		box.Add(l)
	}
	return box
}

// grantPayments lists the payments made, each with the button that
// cancels it when it was recorded in error.
func (s *followUpScreen) grantPayments(g *data.Grant) fyne.CanvasObject {
	box := container.NewVBox()
	if len(g.Payments) == 0 {
		box.Add(widget.NewLabel("Aucun versement."))
	}
	for _, p := range g.Payments {
		line := p.Date.Format() + " — " + data.FormatEuros(p.AmountCents)
		if p.Mandate != "" {
			line += " — mandat n° " + p.Mandate
		}
		if p.EJ != "" {
			line += " — EJ n° " + p.EJ
		}
		cancel := widget.NewButtonWithIcon("Annuler…", theme.ContentClearIcon(), func() { s.onCancelPayment(g, p) })
		cancel.Importance = widget.LowImportance
		box.Add(container.NewBorder(nil, nil, nil, cancel, widget.NewLabel(line)))
	}
	return box
}
