package ui

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
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

func (f *appForm) entry(multi bool) *widget.Entry {
	var e *widget.Entry
	if multi {
		e = widget.NewMultiLineEntry()
		e.Wrapping = fyne.TextWrapWord
		e.SetMinRowsVisible(4)
	} else {
		e = widget.NewEntry()
	}
	e.OnChanged = func(string) { f.changed() }
	return e
}

// buildAddress makes the head office's address as the Cerfa n° 12156 asks
// it: the street lines, the postal code, the town (which may lie outside the
// campaign's communes), with a note when a letter could not be posted to it.
func (f *appForm) buildAddress() [3][]fyne.CanvasObject {
	f.address = f.entry(true)
	f.address.SetMinRowsVisible(2)
	f.address.SetPlaceHolder("numéro et voie ; complément sur une autre ligne")
	f.postalCode, f.town = f.entry(false), f.entry(false)
	f.postalCode.SetPlaceHolder("5 chiffres, ex. 62300")
	f.town.SetPlaceHolder("commune du siège, ex. Lens")
	f.addressNote = widget.NewLabel("")
	f.addressNote.Wrapping = fyne.TextWrapWord
	f.addressNote.Importance = widget.WarningImportance
	f.addressNote.Hide()
	return [3][]fyne.CanvasObject{f.row(data.FieldAddress, f.address), f.row(data.FieldPostalCode, f.postalCode),
		f.row(data.FieldTown, container.NewVBox(f.town, f.addressNote))}
}

// showAddressNote flags an address without its postal code or town: the
// dossier saves, but no letter can be posted to it until it is completed.
func (f *appForm) showAddressNote() {
	s := data.Structure{Address: f.address.Text, PostalCode: f.postalCode.Text, Town: f.town.Text}
	missing := s.PostalAddress().Missing()
	if len(missing) == 0 || f.a == nil && data.Blank(s.Address+s.PostalCode+s.Town) {
		f.addressNote.Hide()
		return
	}
	f.addressNote.SetText("Adresse incomplète (" + strings.Join(missing, ", ") + ") : aucune lettre ne peut être envoyée à ce dossier tant qu'elle n'est pas complétée.")
	f.addressNote.Show()
}

// row is one labelled field with its error line beneath.
func (f *appForm) row(key string, w fyne.CanvasObject) []fyne.CanvasObject {
	return f.rowLabelled(key, data.FieldLabel(key), w)
}

func (f *appForm) rowLabelled(key, text string, w fyne.CanvasObject) []fyne.CanvasObject {
	errl := widget.NewLabel("")
	errl.Importance = widget.DangerImportance
	errl.Wrapping = fyne.TextWrapWord
	errl.Hide()
	f.errs[key] = errl
	label := widget.NewLabel(text)
	return []fyne.CanvasObject{label, container.NewVBox(w, errl)}
}

func (f *appForm) section(rows ...[]fyne.CanvasObject) fyne.CanvasObject {
	var objs []fyne.CanvasObject
	for _, r := range rows {
		objs = append(objs, r...)
	}
	return container.NewVScroll(container.NewPadded(container.New(layout.NewFormLayout(), objs...)))
}

func (f *appForm) build(ctx context.Context) {
	c, win := f.env.campaign(), f.env.win
	addressRows := f.buildStructureFields(c)
	qpvScroll := f.buildProjectFields(ctx, c, win)
	statusBtn := f.buildInstructionFields()
	f.tabs = container.NewAppTabs(
		container.NewTabItem("Structure", f.section(
			f.row(data.FieldStructure, f.name), f.row(data.FieldLegalForm, f.legalForm), f.row(data.FieldSIRET, container.NewVBox(f.siret, f.siblings, f.shareIdentity)),
			f.row(data.FieldRNA, f.rna), addressRows[0], addressRows[1], addressRows[2], f.row(data.FieldCommune, f.commune),
			f.row(data.FieldLegalRep, f.legalRep), f.row(data.FieldContact, f.contact), f.row(data.FieldEmail, f.email),
			f.row(data.FieldPhone, f.phone))),
		container.NewTabItem("Projet", f.section(
			f.row(data.FieldNumber, f.number), f.row(data.FieldReference, f.reference), f.row(data.FieldReceived, f.received.root), f.row(data.FieldTitle, f.title),
			f.row(data.FieldSummary, f.summary), f.row(data.FieldTheme, f.theme), f.row(data.FieldQPV, qpvScroll),
			f.row(data.FieldPublic, f.public), f.row(data.FieldBeneficiaries, f.beneficiaries), f.row(data.FieldQPVShare, f.share),
			f.row(data.FieldStart, f.start.root), f.row(data.FieldEnd, f.end.root))),
		container.NewTabItem("Budget", f.section(
			f.row(data.FieldTotal, f.total), f.row(data.FieldRequested, f.requested), f.row(data.FieldCofinancing, f.cofin.root))),
		container.NewTabItem("Pièces", container.NewVScroll(container.NewPadded(f.docs))),
		container.NewTabItem("Instruction", f.section(
			[]fyne.CanvasObject{widget.NewLabel("Statut"), container.NewHBox(f.statusLabel, statusBtn)},
			f.rowLabelled(data.FieldLateOverride, "Délai de dépôt", f.lateBox),
			[]fyne.CanvasObject{widget.NewLabel(data.FieldLabel(data.FieldExternalState)), f.external},
			[]fyne.CanvasObject{widget.NewLabel("Notes d'instruction"), f.notes},
			[]fyne.CanvasObject{widget.NewLabel("Avis du service"), f.opinion},
			[]fyne.CanvasObject{widget.NewLabel("Motivation de l'avis"), f.opinionText},
			[]fyne.CanvasObject{widget.NewLabel("Statuts"), f.history})),
	)
	f.auditTable = historyTable(&f.audit)
	keepColumns(f.auditTable, historyColumnWidths(), columnKeys{f.env.prefs(), "dossier-historique", historyHeads})
	f.tabs.Append(container.NewTabItem("Historique", f.auditTable))
	f.buildHeader()
}

// buildStructureFields makes the Structure section's fields; it returns the
// address's rows.
func (f *appForm) buildStructureFields(c *data.Campaign) [3][]fyne.CanvasObject {
	f.name, f.siret, f.rna = f.entry(false), f.entry(false), f.entry(false)
	addressRows := f.buildAddress()
	f.legalRep, f.contact, f.email, f.phone = f.entry(false), f.entry(false), f.entry(false), f.entry(false)
	f.siret.SetPlaceHolder("14 chiffres")
	f.siblings = widget.NewLabel("")
	f.siblings.Wrapping = fyne.TextWrapWord
	f.siblings.Importance = widget.WarningImportance
	f.shareIdentity = widget.NewCheck("Mettre aussi à jour l'identité de la structure dans ces dossiers", func(bool) { f.changed() })
	siretChanged := f.siret.OnChanged
	f.siret.OnChanged = func(t string) { siretChanged(t); f.onSIRET(context.Background(), t) }
	f.rna.SetPlaceHolder("W + 9 caractères")
	f.phone.SetPlaceHolder("03 21 00 00 00")
	f.legalForm = newChoiceEntry(legalForms)
	f.legalForm.OnChanged = func(string) { f.changed() }
	communes := []string{noneOption}
	for _, m := range c.Communes {
		communes = append(communes, m.Name)
	}
	f.commune = newSelect(communes, "Choisir une commune", func(string) { f.changed() })
	f.commune.SetSelected(noneOption)
	return addressRows
}

// buildProjectFields makes the Projet section's fields; it returns the QPV
// list, the chosen ones summed up above it.
func (f *appForm) buildProjectFields(ctx context.Context, c *data.Campaign, win func() fyne.Window) fyne.CanvasObject {
	f.number, f.title, f.summary, f.public = f.entry(false), f.entry(false), f.entry(true), f.entry(false)
	f.reference = f.entry(false)
	f.number.SetPlaceHolder("attribué à l'enregistrement (" + f.nextNumber(ctx) + ")")
	f.beneficiaries, f.share = f.entry(false), f.entry(false)
	f.share.SetPlaceHolder("0 à 100")
	f.received, f.start, f.end = newDateEntry(win, true), newDateEntry(win, false), newDateEntry(win, false)
	for _, d := range []*dateEntry{f.received, f.start, f.end} {
		d.entry.OnChanged = func(string) { f.changed() }
	}
	themes := []string{noneOption}
	for _, t := range c.Themes {
		themes = append(themes, t.Label)
	}
	f.theme = newSelect(themes, "Choisir une thématique", func(string) { f.changed() })
	f.theme.SetSelected(noneOption)
	var qpvs []string
	for _, q := range sortedQPVs(c) {
		qpvs = append(qpvs, qpvOption(q))
	}
	// The chosen QPV are summed up above the list, which scrolls.
	qpvChosen := widget.NewLabel("Aucun QPV coché")
	qpvChosen.Wrapping = fyne.TextWrapWord
	f.qpv = widget.NewCheckGroup(qpvs, func(sel []string) {
		f.changed()
		if len(sel) == 0 {
			qpvChosen.SetText("Aucun QPV coché")
		} else {
			qpvChosen.SetText(data.Plural(len(sel), "Coché", "Cochés") + " : " + strings.Join(sel, ", "))
		}
	})
	qpvList := container.NewVScroll(f.qpv)
	qpvList.SetMinSize(fyne.NewSize(0, 180))
	qpvScroll := container.NewBorder(qpvChosen, nil, nil, nil, qpvList)
	return qpvScroll
}

// buildInstructionFields makes the Budget, Pièces and Instruction sections'
// fields; it returns the « Changer le statut… » button.
func (f *appForm) buildInstructionFields() *widget.Button {
	f.total, f.requested = f.entry(false), f.entry(false)
	f.total.SetPlaceHolder("ex. 12 500,00 €")
	f.requested.SetPlaceHolder("ex. 8 000 €")
	f.cofin = newCofinEditor(func() { f.changed() })

	var docs []string
	for _, d := range data.Documents {
		docs = append(docs, d.Label())
	}
	f.docs = widget.NewCheckGroup(docs, func([]string) { f.changed() })

	f.notes, f.opinionText = f.entry(true), f.entry(true)
	opinions := []string{noneOption}
	for _, o := range data.Opinions {
		opinions = append(opinions, o.Label())
	}
	f.opinion = newSelect(opinions, "Choisir un avis", func(string) { f.changed() })
	f.opinion.SetSelected(noneOption)
	f.statusLabel = widget.NewLabel("Nouveau dossier")
	statusBtn := widget.NewButton("Changer le statut…", f.onChangeStatus)
	f.lateBox = container.NewVBox(widget.NewLabel("Vérifié à l'enregistrement (date limite " + f.env.campaign().Deadline.Format() + ")."))
	f.history = widget.NewLabel("")
	f.history.Wrapping = fyne.TextWrapWord
	f.external = widget.NewLabel(noneOption)
	return statusBtn
}

// buildHeader makes the form's top: back, title, unsaved mark, save, banner.
func (f *appForm) buildHeader() {
	f.banner = widget.NewLabel("")
	f.banner.Wrapping = fyne.TextWrapWord
	f.banner.Hide()
	f.heading = widget.NewLabelWithStyle("Nouveau dossier", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	back := widget.NewButtonWithIcon("Registre", theme.NavigateBackIcon(), f.onBack)
	save := widget.NewButtonWithIcon("Enregistrer (Ctrl+S)", theme.DocumentSaveIcon(), f.onSave)
	save.Importance = widget.HighImportance
	f.save = save
	f.unsaved = widget.NewLabel("modifications non enregistrées")
	f.unsaved.Importance = widget.WarningImportance
	f.unsaved.Hide()
	f.past = widget.NewLabel("")
	f.past.Wrapping = fyne.TextWrapWord
	f.past.Hide()
	top := container.NewVBox(container.NewBorder(nil, nil, back, save, container.NewHBox(f.heading, f.unsaved)), f.past, f.banner)
	f.root = container.NewBorder(top, nil, nil, nil, f.tabs)
}

// showPast shows, above every tab, the stored dossier's structure's
// history in the other campaigns; nothing for a new dossier or a structure
// applying for the first time.
func showPast(ctx context.Context, f *appForm) {
	if f.a == nil {
		return
	}
	if line, barred := pastLine(ctx, f.env.structures(), f.a.ID); line != "" {
		f.past.Importance = widget.MediumImportance
		if barred {
			f.past.Importance = widget.DangerImportance
		}
		f.past.SetText(upperFirst(line))
		f.past.Show()
	}
}

// formReadOnly disables every field and button of a dossier of a deliberated
// campaign, and says why above them: the base would refuse the save anyway,
// after the user typed for nothing.
func formReadOnly(f *appForm) {
	for _, tab := range f.tabs.Items {
		disableInputs(tab.Content)
	}
	f.save.Disable()
	c := f.env.campaign()
	f.banner.Importance = widget.WarningImportance
	f.banner.SetText("Lecture seule : la campagne est verrouillée depuis la délibération n° " + c.DeliberationNumber + " du " +
		c.DeliberationDate.Format() + " ; rouvrez-la pour modifier le dossier.")
	f.banner.Show()
}

// disableInputs disables every field, selector, box and button under o.
func disableInputs(o fyne.CanvasObject) {
	switch w := o.(type) {
	case *fyne.Container:
		for _, c := range w.Objects {
			disableInputs(c)
		}
	case *container.Scroll:
		disableInputs(w.Content)
	case *container.AppTabs:
		for _, it := range w.Items {
			disableInputs(it.Content)
		}
	case *container.Split:
		disableInputs(w.Leading)
		disableInputs(w.Trailing)
	case fyne.Disableable:
		w.Disable()
	}
}

// onSIRET says which other dossiers declared the SIRET typed: each dossier
// keeps its own identity, and sharing a change with them is a choice.
func (f *appForm) onSIRET(ctx context.Context, text string) {
	var others []string
	if siret := data.NormalizeSIRET(text); data.ValidSIRET(siret) {
		except := int64(0)
		if f.a != nil {
			except = f.a.ID
		}
		sibs, _ := f.env.register().SameSIRET(ctx, siret, except)
		for _, sb := range sibs {
			n := sb.Number
			if sb.CampaignCode != f.env.campaign().Code {
				n += " (" + sb.CampaignCode + ")"
			}
			others = append(others, n)
		}
	}
	if len(others) == 0 {
		f.siblings.Hide()
		f.shareIdentity.Hide()
		f.shareIdentity.SetChecked(false)
		return
	}
	f.siblings.SetText("Cette structure a déjà déposé " + strings.Join(others, ", ") + ". Chaque dossier garde l'identité déclarée pour lui.")
	f.siblings.Show()
	f.shareIdentity.Show()
}

// nextNumber is the number the store will give a dossier typed now: the
// register's own scheme (data.SchemeOf).
func (f *appForm) nextNumber(ctx context.Context) string {
	c := f.env.campaign()
	rows, _, err := f.env.register().ListApplications(ctx, c.ID, data.Filter{})
	if err != nil {
		return c.Code + "-001"
	}
	numbers := make([]string, len(rows))
	for i, r := range rows {
		numbers[i] = r.Number
	}
	s := data.SchemeOf(c.Code, numbers)
	return s.Format(s.Next)
}

func (f *appForm) focusFirst() {
	f.env.win().Canvas().Focus(f.name)
}

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

func (f *appForm) onChangeStatus() {
	if !f.needSaved() {
		return
	}
	var opts []string
	for _, s := range data.ManualStatuses {
		if s != f.a.Status {
			opts = append(opts, s.Label())
		}
	}
	sel := newSelect(opts, "Choisir le nouveau statut", nil)
	reason := newEscEntry(true)
	reason.SetPlaceHolder("Motif (obligatoire pour incomplet, irrecevable, sans suite, et pour une dérogation)")
	form := container.NewVBox(widget.NewLabel("Nouveau statut"), sel, widget.NewLabel("Motif"), reason)
	if m := f.a.MissingRequired(f.env.campaign()); len(m) > 0 { // the rule is data.CheckInstruction's
		hint := widget.NewLabel("Pièces exigées manquantes : " + data.DocumentLabels(m) + ". « Recevable » demande le motif de la dérogation.")
		hint.Wrapping, hint.Importance = fyne.TextWrapWord, widget.WarningImportance
		form.Add(hint)
	}
	d := dialog.NewCustomConfirm("Changer le statut de "+f.a.Number, "Valider", "Annuler", form, func(ok bool) {
		if !ok {
			return
		}
		to, found := data.StatusFromLabel(sel.Selected)
		if !found {
			f.env.showError(data.Errorf(data.EINVALID, "Choisissez un statut."))
			return
		}
		ctx := context.Background()
		if err := f.env.register().ChangeStatus(ctx, f.a.ID, to, reason.Text); err != nil {
			f.env.showError(err)
			return
		}
		f.refreshStored(ctx)
	}, f.env.win())
	d.Resize(fyne.NewSize(480, 320))
	f.env.showDialog(d, nil)
}

func (f *appForm) onOverrideLate() {
	if !f.needSaved() {
		return
	}
	reason := newEscEntry(true)
	reason.SetPlaceHolder("Motif écrit de la dérogation (conservé dans l'historique)")
	d := dialog.NewCustomConfirm("Accepter un dossier hors délai", "Accepter", "Annuler", reason, func(ok bool) {
		if !ok {
			return
		}
		ctx := context.Background()
		if err := f.env.register().OverrideLate(ctx, f.a.ID, reason.Text); err != nil {
			f.env.showError(err)
			return
		}
		f.refreshStored(ctx)
	}, f.env.win())
	d.Resize(fyne.NewSize(480, 260))
	f.env.showDialog(d, nil)
}

func (f *appForm) refreshStored(ctx context.Context) {
	stored, err := f.env.register().Application(ctx, f.a.ID)
	if err != nil {
		f.env.showError(err)
		return
	}
	f.a = stored
	f.showState(ctx, stored)
	if f.onSaved != nil {
		f.onSaved(ctx, stored)
	}
}

// cofinEditor edits the co-financing lines: funder, amount, acquired.
type cofinEditor struct {
	rows     []*cofinRow
	box      *fyne.Container
	root     fyne.CanvasObject
	onChange func()
}

type cofinRow struct {
	funder, amount *widget.Entry
	acquired       *widget.Check
	obj            fyne.CanvasObject
}

func newCofinEditor(onChange func()) *cofinEditor {
	e := &cofinEditor{onChange: onChange}
	e.box = container.NewVBox()
	add := widget.NewButtonWithIcon("Ajouter un cofinancement", theme.ContentAddIcon(), func() { e.add(data.Cofinancing{}); e.onChange() })
	e.root = container.NewVBox(e.box, container.NewHBox(add))
	return e
}

func (e *cofinEditor) add(cf data.Cofinancing) {
	r := &cofinRow{funder: widget.NewEntry(), amount: widget.NewEntry(), acquired: widget.NewCheck("acquis", nil)}
	r.funder.SetPlaceHolder("Financeur")
	r.amount.SetPlaceHolder("Montant")
	r.funder.SetText(cf.Funder)
	r.amount.SetText(amountText(cf.AmountCents))
	r.acquired.SetChecked(cf.Acquired)
	r.funder.OnChanged = func(string) { e.onChange() }
	r.amount.OnChanged = func(string) { e.onChange() }
	r.acquired.OnChanged = func(bool) { e.onChange() }
	remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), nil)
	r.obj = container.NewBorder(nil, nil, nil, container.NewHBox(r.acquired, remove), container.NewGridWithColumns(2, r.funder, r.amount))
	remove.OnTapped = func() {
		for i, x := range e.rows {
			if x == r {
				e.rows = append(e.rows[:i], e.rows[i+1:]...)
			}
		}
		e.box.Remove(r.obj)
		e.onChange()
	}
	e.rows = append(e.rows, r)
	e.box.Add(r.obj)
}

func (e *cofinEditor) set(lines []data.Cofinancing) {
	e.rows = nil
	e.box.RemoveAll()
	for _, cf := range lines {
		e.add(cf)
	}
}

// get reads the lines; blank lines are dropped, unreadable amounts reported.
func (e *cofinEditor) get() ([]data.Cofinancing, error) {
	var out []data.Cofinancing
	for i, r := range e.rows {
		if data.Blank(r.funder.Text) && data.Blank(r.amount.Text) {
			continue
		}
		var cents int64
		if !data.Blank(r.amount.Text) {
			n, err := data.ParseAmount(r.amount.Text)
			if err != nil {
				return out, data.Errorf(data.EINVALID, "ligne %d : %s", i+1, data.ErrorMessage(err))
			}
			cents = n
		}
		out = append(out, data.Cofinancing{Funder: r.funder.Text, AmountCents: cents, Acquired: r.acquired.Checked})
	}
	return out, nil
}
