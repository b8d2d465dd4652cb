package ui

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/followup"
)

// The forms of a grant's page. What the user types is read here (amounts,
// dates); whether it may be recorded is the store's to say, with the rule's
// French message (a payment above the balance, before the deliberation, a
// convention required and not signed…), shown as it is.

// showForm shows a form whose Entrée submits it; record runs once it is
// submitted and read, and the page is drawn again once it is saved.
func (s *followUpScreen) showForm(title, ok string, items []*widget.FormItem, record func(ctx context.Context) error) {
	d := dialog.NewForm(title, ok, "Annuler", items, func(confirmed bool) {
		if confirmed {
			s.save(context.Background(), record)
		}
	}, s.env.win())
	d.Resize(fyne.NewSize(560, 0))
	s.form = items
	submitOnEnter(items, d.Submit)
	s.env.showDialog(d, d.Submit)
	if f, ok := items[0].Widget.(fyne.Focusable); ok { // keyboard first: type at once
		s.env.win().Canvas().Focus(f)
	}
}

// submitOnEnter makes Entrée in a one-line field submit the form, as it
// does when no field has the focus.
func submitOnEnter(items []*widget.FormItem, submit func()) {
	for _, it := range items {
		fields := []fyne.CanvasObject{it.Widget}
		if c, ok := it.Widget.(*fyne.Container); ok {
			fields = c.Objects // a date entry, beside its calendar's button
		}
		for _, o := range fields {
			if e, ok := o.(*escEntry); ok && !e.MultiLine {
				e.OnSubmitted = func(string) { submit() }
			}
		}
	}
}

// save runs a write in the background, then shows its refusal or the
// follow-up read again.
func (s *followUpScreen) save(ctx context.Context, record func(ctx context.Context) error) {
	background(s.env.run, func() (struct{}, error) { return struct{}{}, record(ctx) }, func(_ struct{}, err error) {
		if err != nil {
			s.env.showError(err)
		}
		s.reload(ctx)
	})
}

// dayEntry is a date entry with its calendar, filled with a day.
func dayEntry(win func() fyne.Window, d data.Date) *dateEntry {
	e := newDateEntry(win, false)
	e.entry.SetText(d.Format())
	return e
}

func textField(placeholder, text string) *escEntry {
	e := newEscEntry(false)
	e.SetPlaceHolder(placeholder)
	e.SetText(text)
	return e
}

// amountOf reads an amount in euros (« 12 000,50 »); empty is zero.
func amountOf(label, s string) (int64, error) {
	if strings.TrimSpace(s) == "" {
		return 0, nil
	}
	c, err := data.ParseAmount(s)
	if err != nil {
		return 0, data.Errorf(data.EINVALID, "%s : %s", label, data.ErrorMessage(err))
	}
	return c, nil
}

// onSign records the convention's signature (numbered then).
func (s *followUpScreen) onSign(g *data.Grant) {
	date := dayEntry(s.env.win, s.at)
	st, cid, id := s.env.store(), s.env.campaign().ID, g.ApplicationID
	s.showForm("Signature de la convention — "+g.Number, "Enregistrer", []*widget.FormItem{widget.NewFormItem("Signée le", date.root)}, func(ctx context.Context) error {
		d, err := data.ParseDate(date.entry.Text)
		if err != nil {
			return err
		}
		_, err = st.SignConvention(ctx, cid, id, d)
		return err
	})
}

// onPayment records a payment; the amount the schedule calls for is offered.
func (s *followUpScreen) onPayment(g *data.Grant) {
	f := s.fu
	due, _ := followup.PayableCents(f.Campaign, f.Settings, g, s.at)
	amount := textField("montant en euros", "")
	if due > 0 {
		amount.SetText(data.FormatAmount(due))
	}
	date, mandate, ej := dayEntry(s.env.win, s.at), textField("facultatif", ""), textField("facultatif", "")
	items := []*widget.FormItem{widget.NewFormItem("Montant (€)", amount), widget.NewFormItem("Date", date.root),
		widget.NewFormItem("N° de mandat", mandate), widget.NewFormItem("N° d'engagement juridique", ej)}
	st, cid, id := s.env.store(), f.Campaign.ID, g.ApplicationID
	s.showForm("Versement — "+g.Number+" (reste à verser : "+data.FormatEuros(followup.BalanceCents(g))+")", "Enregistrer", items, func(ctx context.Context) error {
		p := data.Payment{Mandate: strings.TrimSpace(mandate.Text), EJ: strings.TrimSpace(ej.Text)}
		var err error
		if p.AmountCents, err = amountOf("Montant", amount.Text); err != nil {
			return err
		}
		if p.Date, err = data.ParseDate(date.entry.Text); err != nil {
			return err
		}
		return st.RecordPayment(ctx, cid, id, p)
	})
}

// crfForm is the compte rendu's entries.
type crfForm struct {
	received                 *dateEntry
	cost, used, other, reach *escEntry
	status                   *widget.Select
	missing, note            *escEntry
}

func newCRFForm(win func() fyne.Window, at data.Date, g *data.Grant) *crfForm {
	c := &crfForm{received: dayEntry(win, at), cost: textField("coût total réalisé", ""), used: textField("part de la subvention utilisée", ""),
		other: textField("facultatif", ""), reach: textField("facultatif", ""), missing: textField("si incomplet", ""), note: textField("facultatif", "")}
	var labels []string
	for _, st := range data.CRFStatuses[1:] {
		labels = append(labels, st.Label())
	}
	c.status = newSelect(labels, "Statut", nil)
	c.status.SetSelected(data.CRFReceived.Label())
	if r := g.CRF; r != nil {
		c.received.entry.SetText(r.Received.Format())
		c.cost.SetText(data.FormatAmount(r.CostCents))
		c.used.SetText(data.FormatAmount(r.UsedCents))
		c.other.SetText(data.FormatAmount(r.OtherFundingCents))
		c.reach.SetText(strconv.Itoa(r.Beneficiaries))
		c.status.SetSelected(r.Status.Label())
		c.missing.SetText(r.Missing)
		c.note.SetText(r.Assessment)
	}
	return c
}

func (c *crfForm) items() []*widget.FormItem {
	return []*widget.FormItem{widget.NewFormItem("Reçu le", c.received.root), widget.NewFormItem("Coût réalisé (€)", c.cost),
		widget.NewFormItem("Subvention utilisée (€)", c.used), widget.NewFormItem("Autres financements (€)", c.other),
		widget.NewFormItem("Bénéficiaires", c.reach), widget.NewFormItem("Statut", c.status),
		widget.NewFormItem("Pièces manquantes", c.missing), widget.NewFormItem("Appréciation", c.note)}
}

// read reads the compte rendu typed.
func (c *crfForm) read() (data.CRF, error) {
	r := data.CRF{Missing: strings.TrimSpace(c.missing.Text), Assessment: strings.TrimSpace(c.note.Text)}
	var err error
	if r.Received, err = data.ParseDate(c.received.entry.Text); err != nil {
		return r, err
	}
	for _, p := range []struct {
		label string
		text  string
		to    *int64
	}{{"Coût réalisé", c.cost.Text, &r.CostCents}, {"Subvention utilisée", c.used.Text, &r.UsedCents}, {"Autres financements", c.other.Text, &r.OtherFundingCents}} {
		if *p.to, err = amountOf(p.label, p.text); err != nil {
			return r, err
		}
	}
	if t := strings.TrimSpace(c.reach.Text); t != "" {
		if r.Beneficiaries, err = strconv.Atoi(t); err != nil || r.Beneficiaries < 0 {
			return r, data.Errorf(data.EINVALID, "Bénéficiaires : un nombre entier positif est attendu, pas « %s ».", t)
		}
	}
	r.Status, err = data.ParseCRFStatus(c.status.Selected)
	return r, err
}

// onCRF records the compte rendu financier (Cerfa n° 15059).
func (s *followUpScreen) onCRF(g *data.Grant) {
	form := newCRFForm(s.env.win, s.at, g)
	st, cid, id := s.env.store(), s.env.campaign().ID, g.ApplicationID
	s.showForm("Compte rendu financier (Cerfa n° 15059) — "+g.Number, "Enregistrer", form.items(), func(ctx context.Context) error {
		r, err := form.read()
		if err != nil {
			return err
		}
		return st.RecordCRF(ctx, cid, id, r)
	})
}

// onReversal decides a reversal, on a written reason; the amount proposed
// is what was paid less what was used.
func (s *followUpScreen) onReversal(g *data.Grant) {
	amount := textField("montant en euros", "")
	if r := followup.ReversalCents(g); r > 0 {
		amount.SetText(data.FormatAmount(r))
	}
	reason, date := newEscEntry(true), dayEntry(s.env.win, s.at)
	reason.SetPlaceHolder("Motif de la décision (repris dans la demande de reversement)")
	items := []*widget.FormItem{widget.NewFormItem("Montant (€)", amount), widget.NewFormItem("Motif", reason), widget.NewFormItem("Décidé le", date.root)}
	st, cid, id := s.env.store(), s.env.campaign().ID, g.ApplicationID
	s.showForm("Reversement — "+g.Number+" (versé : "+data.FormatEuros(g.PaidCents())+")", "Décider", items, func(ctx context.Context) error {
		r := data.Reversal{Reason: strings.TrimSpace(reason.Text)}
		var err error
		if r.AmountCents, err = amountOf("Montant", amount.Text); err != nil {
			return err
		}
		if r.Decided, err = data.ParseDate(date.entry.Text); err != nil {
			return err
		}
		return st.RecordReversal(ctx, cid, id, r)
	})
}

// onCancelPayment removes a payment recorded in error, on a written reason
// the journal keeps.
func (s *followUpScreen) onCancelPayment(g *data.Grant, p data.Payment) {
	reason := newEscEntry(true)
	reason.SetPlaceHolder("Motif de l'annulation (conservé dans l'historique)")
	st, cid, id := s.env.store(), s.env.campaign().ID, g.ApplicationID
	title := "Annuler le versement du " + p.Date.Format() + " (" + data.FormatEuros(p.AmountCents) + ") — " + g.Number
	s.showForm(title, "Annuler le versement", []*widget.FormItem{widget.NewFormItem("Motif", reason)}, func(ctx context.Context) error {
		return st.CancelPayment(ctx, cid, id, p.ID, reason.Text)
	})
}
