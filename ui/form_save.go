package ui

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2/widget"

	"github.com/call-agglo/cohesion/data"
)

// Reading the form, checking it against the rules of package data, and
// saving it: each faulty field shows its message, its tab first.

// collect reads the form into an application. Unreadable amounts, dates and
// numbers are reported per field, like the rules Validate checks.
func (f *appForm) collect() (*data.Application, data.ValidationErrors) {
	c := f.env.campaign()
	a := &data.Application{}
	if f.a != nil {
		cp := *f.a
		a = &cp
	}
	var v data.ValidationErrors
	bad := func(field string, err error) {
		v = append(v, data.FieldError{Field: field, Message: data.ErrorMessage(err)})
	}
	a.Structure = data.Structure{ID: a.Structure.ID, Name: f.name.Text, LegalForm: f.legalForm.Text, SIRET: f.siret.Text, RNA: f.rna.Text,
		Address: f.address.Text, PostalCode: f.postalCode.Text, Town: f.town.Text, LegalRep: f.legalRep.Text, Contact: f.contact.Text, Email: f.email.Text, Phone: f.phone.Text}
	for _, m := range c.Communes {
		if m.Name == f.commune.Selected {
			a.Structure.Commune = m.INSEE
		}
	}
	a.Number, a.Title, a.Summary, a.TargetPublic = f.number.Text, f.title.Text, f.summary.Text, f.public.Text
	a.Reference = f.reference.Text
	a.Received = time.Time{} // left blank: unknown, so not late
	if !data.Blank(f.received.entry.Text) {
		if t, err := data.ParseDateTime(f.received.entry.Text); err != nil {
			bad(data.FieldReceived, err)
		} else {
			a.Received = t
		}
	}
	a.ThemeID = 0
	if t, ok := c.ThemeByLabel(f.theme.Selected); ok {
		a.ThemeID = t.ID
	}
	a.QPVs = nil
	for _, q := range sortedQPVs(c) {
		for _, s := range f.qpv.Selected {
			if s == qpvOption(q) {
				a.QPVs = append(a.QPVs, q.Code)
			}
		}
	}
	a.Beneficiaries, a.QPVSharePct = 0, 0
	if n, err := parseInt(f.beneficiaries.Text); err != nil {
		bad(data.FieldBeneficiaries, err)
	} else {
		a.Beneficiaries = n
	}
	if n, err := parseInt(strings.TrimSuffix(strings.TrimSpace(f.share.Text), "%")); err != nil {
		bad(data.FieldQPVShare, err)
	} else {
		a.QPVSharePct = n
	}
	a.Start, a.End = data.Date{}, data.Date{}
	for _, d := range []struct {
		key string
		in  *dateEntry
		out *data.Date
	}{{data.FieldStart, f.start, &a.Start}, {data.FieldEnd, f.end, &a.End}} {
		if data.Blank(d.in.entry.Text) {
			continue
		}
		if v2, err := data.ParseDate(d.in.entry.Text); err != nil {
			bad(d.key, err)
		} else {
			*d.out = v2
		}
	}
	a.TotalCents, a.RequestedCents = 0, 0
	if !data.Blank(f.total.Text) {
		if n, err := data.ParseAmount(f.total.Text); err != nil {
			bad(data.FieldTotal, err)
		} else {
			a.TotalCents = n
		}
	}
	if !data.Blank(f.requested.Text) {
		if n, err := data.ParseAmount(f.requested.Text); err != nil {
			bad(data.FieldRequested, err)
		} else {
			a.RequestedCents = n
		}
	}
	lines, err := f.cofin.get()
	if err != nil {
		bad(data.FieldCofinancing, err)
	}
	a.Cofinancing = lines
	a.Documents = map[data.Document]bool{}
	for _, d := range data.Documents {
		for _, s := range f.docs.Selected {
			if s == d.Label() {
				a.Documents[d] = true
			}
		}
	}
	a.Notes, a.OpinionText = f.notes.Text, f.opinionText.Text
	a.Opinion = data.OpinionFromLabel(f.opinion.Selected)
	return a, v
}

func parseInt(s string) (int, error) {
	s = strings.TrimSpace(strings.ReplaceAll(s, " ", ""))
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, data.Errorf(data.EINVALID, "nombre entier attendu")
	}
	return n, nil
}

// showErrors puts each message under its field, sums them up in the banner
// and opens the first section with one.
func (f *appForm) showErrors(v data.ValidationErrors) {
	f.shownErrs = v
	paintErrors(f.errs, f.banner, v)
	if len(v) > 0 {
		f.selectFirstFaultyTab(v)
	}
}

// validateForm reads the form: the values that cannot be read, then, when
// there are some or withRules, the rules on those that can. « Enregistrer »
// leaves the rules of a readable form to the base; a check while typing,
// whose dossier is thrown away, asks for them.
func validateForm(f *appForm, withRules bool) (*data.Application, data.ValidationErrors) {
	a, v := f.collect()
	if len(v) > 0 || withRules {
		// Report the rules too, so every faulty field shows at once.
		a.Normalize()
		var rules data.ValidationErrors
		if errors.As(a.Validate(f.env.campaign()), &rules) {
			for _, fe := range rules {
				if v.For(fe.Field) == "" {
					v = append(v, fe)
				}
			}
		}
	}
	return a, v
}

// stillWrong is, of the errors shown, those the form still has, with their
// message of now (a field may be wrong in another way).
func stillWrong(shown, now data.ValidationErrors) data.ValidationErrors {
	var kept data.ValidationErrors
	for _, fe := range shown {
		if msg := now.For(fe.Field); msg != "" {
			kept = append(kept, data.FieldError{Field: fe.Field, Message: msg})
		}
	}
	return kept
}

// paintErrors puts each message under its field and sums them up in the banner.
func paintErrors(errs map[string]*widget.Label, banner *widget.Label, v data.ValidationErrors) {
	for key, l := range errs {
		if msg := v.For(key); msg != "" {
			l.SetText(msg)
			l.Show()
		} else {
			l.SetText("")
			l.Hide()
		}
	}
	if len(v) == 0 {
		banner.Hide()
		return
	}
	var parts []string
	for _, fe := range v {
		parts = append(parts, data.FieldLabel(fe.Field)+" : "+fe.Message)
	}
	banner.Importance = widget.DangerImportance
	banner.SetText(fmt.Sprintf("Dossier non enregistré, %s à corriger — %s", data.Count(len(v), "erreur", "erreurs"), strings.Join(parts, " ; ")))
	banner.Show()
}

// tabOf is the section that holds a field.
func tabOf(field string) int {
	switch field {
	case data.FieldStructure, data.FieldLegalForm, data.FieldSIRET, data.FieldRNA, data.FieldAddress, data.FieldPostalCode, data.FieldTown, data.FieldCommune,
		data.FieldLegalRep, data.FieldContact, data.FieldEmail, data.FieldPhone:
		return 0
	case data.FieldTotal, data.FieldRequested, data.FieldCofinancing:
		return 2
	case data.FieldLateOverride:
		return 4
	}
	return 1
}

// selectFirstFaultyTab opens the first section, in display order, with an error.
func (f *appForm) selectFirstFaultyTab(v data.ValidationErrors) {
	first := len(f.tabs.Items)
	for _, fe := range v {
		if i := tabOf(fe.Field); i < first {
			first = i
		}
	}
	if first < len(f.tabs.Items) {
		f.tabs.SelectIndex(first)
	}
}

func (f *appForm) onSave() {
	a, v := validateForm(f, false)
	if len(v) > 0 {
		f.showErrors(v)
		return
	}
	ctx := context.Background()
	var err error
	share := data.UpdateOptions{ShareIdentity: f.shareIdentity.Visible() && f.shareIdentity.Checked}
	if f.a == nil {
		err = f.env.register().CreateApplication(ctx, f.env.campaign(), a)
		if err == nil && share.ShareIdentity {
			err = f.env.register().UpdateApplication(ctx, f.env.campaign(), a, share)
		}
	} else {
		err = f.env.register().UpdateApplication(ctx, f.env.campaign(), a, share)
	}
	var rules data.ValidationErrors
	if errors.As(err, &rules) {
		f.showErrors(rules)
		return
	}
	if err != nil {
		f.showErrors(nil)
		f.env.showError(err)
		return
	}
	stored, err := f.env.register().Application(ctx, a.ID)
	if err != nil {
		f.env.showError(err)
		return
	}
	f.a = stored
	f.showErrors(nil)
	f.load(ctx, stored)
	f.markSaved()
	var warn string
	if stored.Late && stored.LateOverride == "" {
		warn = "Reçu après la date limite : il est déclaré irrecevable (hors délai)."
	}
	sayOutcome(f.banner, "Dossier "+stored.Number+" enregistré.", warn)
	if f.onSaved != nil {
		f.onSaved(ctx, stored)
	}
}
