package ui

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/call-agglo/cohesion/data"
)

// Filling the form with a stored dossier, and showing what saving it
// changed: its number, status, lateness and history.

// load fills the form with a stored application.
func (f *appForm) load(ctx context.Context, a *data.Application) {
	c := f.env.campaign()
	s := a.Structure
	f.name.SetText(s.Name)
	f.legalForm.SetText(s.LegalForm)
	f.siret.SetText(s.SIRET)
	f.rna.SetText(s.RNA)
	f.address.SetText(s.Address)
	f.postalCode.SetText(s.PostalCode)
	f.town.SetText(s.Town)
	f.commune.SetSelected(noneOption)
	for _, m := range c.Communes {
		if m.INSEE == s.Commune {
			f.commune.SetSelected(m.Name)
		}
	}
	f.legalRep.SetText(s.LegalRep)
	f.contact.SetText(s.Contact)
	f.email.SetText(s.Email)
	f.phone.SetText(s.Phone)
	f.number.SetText(a.Number)
	f.reference.SetText(a.Reference)
	f.received.entry.SetText(data.FormatDateTime(a.Received))
	f.title.SetText(a.Title)
	f.summary.SetText(a.Summary)
	f.theme.SetSelected(noneOption)
	if t, ok := c.ThemeByID(a.ThemeID); ok {
		f.theme.SetSelected(t.Label)
	}
	var sel []string
	for _, code := range a.QPVs {
		if q, ok := c.QPVByCodeOrName(code); ok {
			sel = append(sel, qpvOption(q))
		}
	}
	f.qpv.SetSelected(sel)
	f.public.SetText(a.TargetPublic)
	f.beneficiaries.SetText(intText(a.Beneficiaries))
	f.share.SetText(intText(a.QPVSharePct))
	f.start.entry.SetText(a.Start.Format())
	f.end.entry.SetText(a.End.Format())
	f.total.SetText(amountText(a.TotalCents))
	f.requested.SetText(amountText(a.RequestedCents))
	f.cofin.set(a.Cofinancing)
	var docs []string
	for _, d := range data.Documents {
		if a.Documents[d] {
			docs = append(docs, d.Label())
		}
	}
	f.docs.SetSelected(docs)
	f.notes.SetText(a.Notes)
	f.opinion.SetSelected(noneOption)
	if a.Opinion != data.OpinionNone {
		f.opinion.SetSelected(a.Opinion.Label())
	}
	f.opinionText.SetText(a.OpinionText)
	f.showState(ctx, a)
}

// showState refreshes what saving changes: heading, status, lateness, history.
func (f *appForm) showState(ctx context.Context, a *data.Application) {
	f.heading.SetText(a.Number + " — " + a.Structure.Name)
	f.number.SetText(a.Number)
	f.statusLabel.SetText(a.Status.Label())
	// A platform's state (« En instruction » on démarches-simplifiées) is
	// only shown: Cohésion's status is the one above.
	f.external.SetText(orNone(a.ExternalState))
	f.lateBox.Objects = nil
	switch {
	case a.Received.IsZero():
		msg := widget.NewLabel("Date de dépôt non renseignée : le délai n'est pas vérifié tant qu'elle n'est pas saisie.")
		msg.Importance = widget.WarningImportance
		msg.Wrapping = fyne.TextWrapWord
		f.lateBox.Add(msg)
	case !a.Late:
		f.lateBox.Add(widget.NewLabel("Reçu dans les délais (date limite " + f.env.campaign().Deadline.Format() + ")."))
	default:
		msg := widget.NewLabel("Reçu hors délai (" + data.FormatDateTime(a.Received) + ", date limite " + f.env.campaign().Deadline.Format() + ").")
		msg.Importance = widget.WarningImportance
		f.lateBox.Add(msg)
		if a.LateOverride != "" {
			f.lateBox.Add(widget.NewLabel("Dérogation accordée : " + a.LateOverride))
		} else {
			f.lateBox.Add(widget.NewButton("Accepter malgré le retard…", f.onOverrideLate))
		}
	}
	f.lateBox.Refresh()
	var lines []string
	for _, h := range a.History {
		line := data.FormatDateTime(h.At) + " — " + h.To.Label()
		if h.Reason != "" {
			line += " : " + h.Reason
		}
		if h.User != "" {
			line += " (" + h.User + ")"
		}
		lines = append(lines, line)
	}
	f.history.SetText(strings.Join(lines, "\n"))
	if entries, err := f.env.journal().Audit(ctx, data.AuditFilter{Entity: data.AuditApplication, EntityID: a.ID}); err == nil {
		f.audit = entries
		f.auditTable.Refresh()
	}
}

func orNone(s string) string {
	if strings.TrimSpace(s) == "" {
		return noneOption
	}
	return s
}

func intText(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

func amountText(c int64) string {
	if c == 0 {
		return ""
	}
	return data.FormatAmount(c)
}
