package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/call-agglo/cohesion/data"
)

// The form's fields, section by section, and what they say as they are
// typed: the other dossiers of a SIRET, the number the dossier will get,
// the structure's history in the other campaigns.

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
