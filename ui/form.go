package ui

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/call-agglo/cohesion/data"
)

// legalForms are offered in the legal form field; any other text is accepted.
var legalForms = []string{"Association loi 1901", "Fondation", "SCIC", "SCOP", "Centre social", "Établissement public", "Collectivité territoriale", "Autre"}

const noneOption = "—"

// appForm edits one application in five sections. Nothing is written until
// « Enregistrer » (Ctrl+S), and nothing at all when a rule is broken: every
// faulty field then shows its message.
type appForm struct {
	env screenEnv
	a   *data.Application // nil until first saved

	// Structure
	name, siret, rna, address, legalRep, contact, email, phone *widget.Entry
	postalCode, town                                           *widget.Entry
	addressNote                                                *widget.Label // flags an address no letter can be posted to
	legalForm                                                  *choiceEntry
	commune                                                    *widget.Select
	// Projet
	number, title, summary, public, beneficiaries, share *widget.Entry
	reference                                            *widget.Entry // the applicant's own number, when an import renumbered
	received, start, end                                 *dateEntry
	theme                                                *widget.Select
	qpv                                                  *widget.CheckGroup
	// Budget
	total, requested *widget.Entry
	cofin            *cofinEditor
	// Pièces
	docs *widget.CheckGroup
	// Instruction
	notes, opinionText *widget.Entry
	opinion            *widget.Select
	statusLabel        *widget.Label
	lateBox            *fyne.Container
	history            *widget.Label
	external           *widget.Label // the state on the platform it came from, shown only
	// Other dossiers declaring the same SIRET, and the explicit choice to
	// write this identity to them too.
	siblings      *widget.Label
	shareIdentity *widget.Check
	// past says what the structure did in the other campaigns (pastLine).
	past *widget.Label

	audit      []data.AuditEntry
	auditTable *widget.Table

	errs map[string]*widget.Label
	// shownErrs are the errors on screen since the last « Enregistrer »:
	// each leaves as soon as its field is right (changed), none is added
	// before the next save.
	shownErrs data.ValidationErrors
	banner    *widget.Label
	heading   *widget.Label
	unsaved   *widget.Label // « non enregistré »
	save      *widget.Button
	tabs      *container.AppTabs
	root      fyne.CanvasObject
	// saved is the form's state as loaded or last saved: the form is dirty
	// only while it differs, so undoing back to the original clears it.
	saved string

	onSaved func(ctx context.Context, a *data.Application)
	onClose func()
}

func newAppForm(ctx context.Context, env screenEnv, a *data.Application) *appForm {
	f := &appForm{env: env, a: a, errs: map[string]*widget.Label{}}
	f.build(ctx)
	if a != nil {
		f.load(ctx, a)
	}
	f.onSIRET(ctx, f.siret.Text)
	showPast(ctx, f)
	f.markSaved()
	if env.campaign().Locked() {
		formReadOnly(f)
	}
	return f
}

func (f *appForm) view() fyne.CanvasObject { return f.root }

// state is every value the form shows, in one string: two equal states hold
// the same dossier.
func (f *appForm) state() string {
	parts := []string{f.legalForm.Text, f.commune.Selected, f.theme.Selected, f.opinion.Selected,
		strings.Join(f.qpv.Selected, "|"), strings.Join(f.docs.Selected, "|"), fmt.Sprint(f.shareIdentity.Checked)}
	for _, e := range []*widget.Entry{f.name, f.siret, f.rna, f.address, f.postalCode, f.town, f.legalRep, f.contact, f.email, f.phone,
		f.number, f.reference, f.title, f.summary, f.public, f.beneficiaries, f.share, &f.received.entry.Entry, &f.start.entry.Entry, &f.end.entry.Entry,
		f.total, f.requested, f.notes, f.opinionText} {
		parts = append(parts, e.Text)
	}
	for _, r := range f.cofin.rows {
		parts = append(parts, r.funder.Text, r.amount.Text, fmt.Sprint(r.acquired.Checked))
	}
	return strings.Join(parts, "\x1f")
}

// dirty reports whether the form holds changes not saved.
func (f *appForm) dirty() bool { return f.state() != f.saved }

// markSaved takes the form as it is for the saved state.
func (f *appForm) markSaved() {
	f.saved = f.state()
	f.changed()
}

// changed shows, beside the heading, whether changes are waiting to be saved.
func (f *appForm) changed() {
	if f.unsaved == nil {
		return
	}
	f.showAddressNote()
	if len(f.shownErrs) > 0 {
		_, now := validateForm(f, true)
		f.shownErrs = stillWrong(f.shownErrs, now)
		paintErrors(f.errs, f.banner, f.shownErrs)
	}
	if f.dirty() {
		f.unsaved.Show()
	} else {
		f.unsaved.Hide()
	}
}

func (f *appForm) focusFirst() {
	f.env.win().Canvas().Focus(f.name)
}

func (f *appForm) onBack() {
	if !f.dirty() {
		f.onClose()
		return
	}
	f.env.askDiscard("Les modifications de ce dossier ne sont pas enregistrées.\nLes abandonner ?", f.onClose, nil)
}

func (f *appForm) needSaved() bool {
	if f.a == nil {
		f.env.inform("Dossier non enregistré", "Enregistrez d'abord le dossier.")
		return false
	}
	return true
}
