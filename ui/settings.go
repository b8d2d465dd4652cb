package ui

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/reports"
)

// settingsScreen edits the campaign: envelope, calendar, themes, grid and the
// reference lists of communes and QPV.
type settingsScreen struct {
	env screenEnv
	// newCampaign opens the window's « Nouvelle campagne », from this
	// campaign (next year's call) or from the default settings.
	newCampaign    func()
	newCampaignBtn *widget.Button // « Nouvelle campagne… », open even on a deliberated one

	code, title, organiser, envelope, objectives, minScore, quorum *widget.Entry
	disagreement, siret, retention, payment                        *widget.Entry
	letterPlace, caseOfficer, caseContact, letterRef               *widget.Entry
	budgetNature, budgetFunction                                   *widget.Entry      // the projet de délibération's budget line
	required                                                       *widget.CheckGroup // the pièces « Recevable » needs
	launch, deadline                                               *dateEntry
	instrFrom, instrTo, juryFrom, juryTo, delibFrom, delibTo       *dateEntry
	themes, criteria, qpvs, communes                               *gridEditor
	banner                                                         *widget.Label
	root                                                           fyne.CanvasObject
}

func newSettingsScreen(env screenEnv, newCampaign func()) *settingsScreen {
	return &settingsScreen{env: env, newCampaign: newCampaign}
}

func (s *settingsScreen) view() fyne.CanvasObject {
	s.build()
	s.load(s.env.campaign())
	if s.env.campaign().Locked() {
		// The base refuses every change to a deliberated campaign: nothing
		// can be typed but a new campaign; the lock bar says why.
		disableInputs(s.root)
		s.newCampaignBtn.Enable()
	}
	return s.root
}

func (s *settingsScreen) build() {
	win := s.env.win
	s.code, s.title, s.organiser, s.envelope = widget.NewEntry(), widget.NewMultiLineEntry(), widget.NewEntry(), widget.NewEntry()
	s.title.Wrapping = fyne.TextWrapWord
	s.title.SetMinRowsVisible(2)
	s.objectives = widget.NewMultiLineEntry()
	s.objectives.SetPlaceHolder("Un objectif par ligne")
	s.objectives.SetMinRowsVisible(3)
	s.minScore, s.quorum = widget.NewEntry(), widget.NewEntry()
	s.disagreement, s.siret, s.retention = widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	s.payment = widget.NewEntry()
	s.payment.SetPlaceHolder("01/10/2021, ou 01/10/2021 au 31/12/2021 : pour l'export des subventions (SCDL)")
	s.siret.SetPlaceHolder("14 chiffres, pour l'export des subventions en données ouvertes")
	s.letterPlace, s.caseOfficer, s.caseContact, s.letterRef = widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	s.letterPlace.SetPlaceHolder(reports.DefaultPlace)
	s.caseOfficer.SetPlaceHolder(reports.DefaultCaseOfficer)
	s.caseContact.SetPlaceHolder("Téléphone, courriel")
	s.letterRef.SetPlaceHolder("Référence du service, imprimée avant le numéro du dossier")
	s.budgetNature, s.budgetFunction = widget.NewEntry(), widget.NewEntry()
	s.budgetNature.SetPlaceHolder(data.DefaultBudgetNature + " (subventions de fonctionnement aux associations), citée par le projet de délibération")
	s.budgetFunction.SetPlaceHolder("Fonction du budget, citée par le projet de délibération")
	var pieces []string
	for _, d := range data.Documents {
		pieces = append(pieces, d.Label())
	}
	s.required = widget.NewCheckGroup(pieces, nil)
	s.launch, s.deadline = newDateEntry(win, false), newDateEntry(win, false)
	s.instrFrom, s.instrTo = newDateEntry(win, false), newDateEntry(win, false)
	s.juryFrom, s.juryTo = newDateEntry(win, false), newDateEntry(win, false)
	s.delibFrom, s.delibTo = newDateEntry(win, false), newDateEntry(win, false)
	s.themes = newGridEditor([]string{"Intitulé", "Exemples"}, []float32{1, 2})
	s.criteria = newGridEditor([]string{"Critère", "Description", "Poids", "Barème (max)"}, []float32{3, 2, 0.5, 0.5})
	s.qpvs = newGridEditor([]string{"Code", "Nom", "Communes (codes INSEE séparés par ;)"}, []float32{0.6, 1.4, 1})
	s.communes = newGridEditor([]string{"Code INSEE", "Nom", "SIREN", "Population"}, []float32{0.6, 1.4, 0.8, 0.6})
	period := func(a, b *dateEntry) fyne.CanvasObject {
		return container.NewGridWithColumns(3, a.root, widget.NewLabelWithStyle("au", fyne.TextAlignCenter, fyne.TextStyle{}), b.root)
	}
	general := container.New(layout.NewFormLayout(),
		widget.NewLabel("Code"), s.code,
		widget.NewLabel("Intitulé"), s.title,
		widget.NewLabel("Organisateur"), s.organiser,
		widget.NewLabel("Enveloppe"), s.envelope,
		widget.NewLabel("Objectifs"), s.objectives,
		widget.NewLabel("Lancement"), s.launch.root,
		widget.NewLabel("Date limite de dépôt"), s.deadline.root,
		widget.NewLabel("Instruction"), period(s.instrFrom, s.instrTo),
		widget.NewLabel("Jury"), period(s.juryFrom, s.juryTo),
		widget.NewLabel("Délibération"), period(s.delibFrom, s.delibTo),
		widget.NewLabel("Note minimale (sur 20)"), s.minScore,
		widget.NewLabel("Quorum (grilles complètes)"), s.quorum,
		widget.NewLabel("Seuil de désaccord (points)"), s.disagreement,
		widget.NewLabel("SIRET de l'organisateur"), s.siret,
		widget.NewLabel("Conservation des données personnelles (mois)"), s.retention,
		widget.NewLabel("Dates de versement des subventions"), s.payment,
		widget.NewLabel("Imputation budgétaire : nature"), s.budgetNature,
		widget.NewLabel("Imputation budgétaire : fonction"), s.budgetFunction,
		widget.NewLabel("Pièces exigées pour la recevabilité"), s.required,
	)
	tabs := container.NewAppTabs(
		container.NewTabItem("Général et calendrier", container.NewVScroll(container.NewPadded(general))),
		container.NewTabItem("Thématiques", container.NewVScroll(s.themes.root)),
		container.NewTabItem("Grille d'évaluation", container.NewVScroll(s.criteria.root)),
		container.NewTabItem("QPV", container.NewVScroll(s.qpvs.root)),
		container.NewTabItem("Communes", container.NewVScroll(s.communes.root)),
		container.NewTabItem("Lettres", container.NewVScroll(container.NewPadded(container.New(layout.NewFormLayout(),
			widget.NewLabel("Lieu de signature"), s.letterPlace,
			widget.NewLabel("Affaire suivie par"), s.caseOfficer,
			widget.NewLabel("Coordonnées de l'agent"), s.caseContact,
			widget.NewLabel("Référence des lettres"), s.letterRef)))),
	)
	s.banner = widget.NewLabel("")
	s.banner.Wrapping = fyne.TextWrapWord
	s.banner.Hide()
	save := widget.NewButtonWithIcon("Enregistrer la campagne", theme.DocumentSaveIcon(), s.onSave)
	save.Importance = widget.HighImportance
	dup := widget.NewButtonWithIcon("Nouvelle campagne…", theme.ContentCopyIcon(), s.newCampaign)
	s.newCampaignBtn = dup
	heading := widget.NewLabelWithStyle("Paramètres de la campagne", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.root = container.NewBorder(container.NewVBox(container.NewBorder(nil, nil, nil, container.NewHBox(dup, save), heading), s.banner), nil, nil, nil, tabs)
}

func (s *settingsScreen) load(c *data.Campaign) {
	s.code.SetText(c.Code)
	s.title.SetText(c.Title)
	s.organiser.SetText(c.Organiser)
	s.envelope.SetText(data.FormatAmount(c.EnvelopeCents))
	s.objectives.SetText(strings.Join(c.Objectives, "\n"))
	s.launch.entry.SetText(c.Launch.Format())
	s.deadline.entry.SetText(c.Deadline.Format())
	for _, p := range []struct {
		from, to *dateEntry
		p        data.Period
	}{{s.instrFrom, s.instrTo, c.Instruction}, {s.juryFrom, s.juryTo, c.Jury}, {s.delibFrom, s.delibTo, c.Deliberation}} {
		p.from.entry.SetText(p.p.From.Format())
		p.to.entry.SetText(p.p.To.Format())
	}
	s.minScore.SetText(data.FormatHundredths(c.MinScoreHundredths))
	s.quorum.SetText(strconv.Itoa(c.Quorum))
	s.disagreement.SetText(data.FormatHundredths(c.DisagreementHundredths))
	s.payment.SetText(c.PaymentPeriod().Format())
	s.siret.SetText(c.OrganiserSIRET)
	s.retention.SetText(strconv.Itoa(c.RetentionMonths))
	s.required.Selected = nil
	for _, d := range c.Required() {
		s.required.Selected = append(s.required.Selected, d.Label())
	}
	s.required.Refresh()
	s.letterPlace.SetText(c.LetterPlace)
	s.caseOfficer.SetText(c.CaseOfficer)
	s.caseContact.SetText(c.CaseOfficerContact)
	s.letterRef.SetText(c.LetterReference)
	s.budgetNature.SetText(c.BudgetNature)
	s.budgetFunction.SetText(c.BudgetFunction)
	s.themes.clear()
	for _, t := range c.Themes {
		s.themes.add(t.ID, t.Label, t.Examples)
	}
	s.criteria.clear()
	for _, k := range c.Criteria {
		s.criteria.add(k.ID, k.Label, k.Description, strconv.Itoa(k.Weight), strconv.Itoa(k.Max))
	}
	s.qpvs.clear()
	for _, q := range c.QPVs {
		s.qpvs.add(0, q.Code, q.Name, strings.Join(q.Communes, ";"))
	}
	s.communes.clear()
	for _, m := range c.Communes {
		s.communes.add(0, m.INSEE, m.Name, m.SIREN, intText(m.Population))
	}
}

// collect reads the screen into a copy of the campaign.
func (s *settingsScreen) collect() (*data.Campaign, error) {
	old := s.env.campaign()
	c := &data.Campaign{ID: old.ID, CreatedAt: old.CreatedAt, DeliberationBody: old.DeliberationBody, Version: old.Version}
	var msgs []string
	fail := func(what string, err error) { msgs = append(msgs, what+" : "+data.ErrorMessage(err)) }
	c.Code, c.Title, c.Organiser = strings.TrimSpace(s.code.Text), data.Clean(s.title.Text), data.Clean(s.organiser.Text)
	if n, err := data.ParseAmount(s.envelope.Text); err != nil {
		fail("Enveloppe", err)
	} else {
		c.EnvelopeCents = n
	}
	for _, line := range strings.Split(s.objectives.Text, "\n") {
		if !data.Blank(line) {
			c.Objectives = append(c.Objectives, data.Clean(line))
		}
	}
	date := func(what string, e *dateEntry) data.Date {
		if data.Blank(e.entry.Text) {
			return data.Date{}
		}
		d, err := data.ParseDate(e.entry.Text)
		if err != nil {
			fail(what, err)
		}
		return d
	}
	c.Launch, c.Deadline = date("Lancement", s.launch), date("Date limite", s.deadline)
	c.Instruction = data.Period{From: date("Instruction", s.instrFrom), To: date("Instruction", s.instrTo)}
	c.Jury = data.Period{From: date("Jury", s.juryFrom), To: date("Jury", s.juryTo)}
	c.Deliberation = data.Period{From: date("Délibération", s.delibFrom), To: date("Délibération", s.delibTo)}
	// The scalar settings parse as `campaign set` parses them (data.Settings);
	// ValidateCampaign, in the store, checks their ranges.
	for key, e := range map[string]*widget.Entry{"min-score": s.minScore, "quorum": s.quorum, "disagreement": s.disagreement,
		"siret": s.siret, "retention": s.retention, "payment-dates": s.payment, "letter-place": s.letterPlace, "case-officer": s.caseOfficer,
		"case-officer-contact": s.caseContact, "letter-reference": s.letterRef, "budget-nature": s.budgetNature, "budget-function": s.budgetFunction} {
		set, _ := data.SettingByKey(key)
		if err := set.Set(c, e.Text); err != nil {
			fail(set.Label, err)
		}
	}
	// The required pièces read as `campaign set required-pieces` reads them;
	// none ticked would read as the default (all): say so instead.
	if len(s.required.Selected) == 0 {
		msgs = append(msgs, "Pièces exigées pour la recevabilité : cochez au moins une pièce")
	} else if set, _ := data.SettingByKey("required-pieces"); set.Set(c, strings.Join(s.required.Selected, ";")) != nil {
		msgs = append(msgs, "Pièces exigées pour la recevabilité : pièce inconnue")
	}
	for _, r := range s.themes.values() {
		c.Themes = append(c.Themes, data.Theme{ID: r.id, Label: data.Clean(r.cells[0]), Examples: data.Clean(r.cells[1])})
	}
	for i, r := range s.criteria.values() {
		w, err1 := strconv.Atoi(strings.TrimSpace(r.cells[2]))
		m, err2 := strconv.Atoi(strings.TrimSpace(r.cells[3]))
		if err1 != nil || err2 != nil {
			msgs = append(msgs, fmt.Sprintf("Critère %d : le poids et le barème sont des nombres entiers", i+1))
		}
		c.Criteria = append(c.Criteria, data.Criterion{ID: r.id, Label: data.Clean(r.cells[0]), Description: data.Clean(r.cells[1]), Weight: w, Max: m})
	}
	for i, r := range s.qpvs.values() {
		code := strings.ToUpper(strings.TrimSpace(r.cells[0]))
		if code == "" || data.Blank(r.cells[1]) {
			msgs = append(msgs, fmt.Sprintf("QPV %d : le code et le nom sont obligatoires", i+1))
		}
		var communes []string
		for _, x := range strings.Split(r.cells[2], ";") {
			if x = strings.TrimSpace(x); x != "" {
				communes = append(communes, x)
			}
		}
		c.QPVs = append(c.QPVs, data.QPV{Code: code, Name: data.Clean(r.cells[1]), Communes: communes})
	}
	hasQPV := map[string]bool{}
	for _, q := range c.QPVs {
		for _, m := range q.Communes {
			hasQPV[m] = true
		}
	}
	for i, r := range s.communes.values() {
		insee := strings.TrimSpace(r.cells[0])
		if insee == "" || data.Blank(r.cells[1]) {
			msgs = append(msgs, fmt.Sprintf("Commune %d : le code INSEE et le nom sont obligatoires", i+1))
		}
		pop, err := data.ParseCount(r.cells[3])
		if err != nil {
			msgs = append(msgs, fmt.Sprintf("Commune %d (%s) : population : %s", i+1, data.Clean(r.cells[1]), data.ErrorMessage(err)))
		}
		c.Communes = append(c.Communes, data.Commune{INSEE: insee, Name: data.Clean(r.cells[1]), SIREN: strings.TrimSpace(r.cells[2]), Population: pop, HasQPV: hasQPV[insee]})
	}
	if len(msgs) > 0 {
		return nil, data.Errorf(data.EINVALID, "%s", strings.Join(msgs, " ; "))
	}
	return c, nil
}

func (s *settingsScreen) showBanner(msg string, imp widget.Importance) {
	s.banner.Importance = imp
	s.banner.SetText(msg)
	s.banner.Show()
}

func (s *settingsScreen) onSave() { s.save(false) }

// save stores the campaign; a grid already used for scoring changes only after
// an explicit confirmation that says which sheets it affects.
func (s *settingsScreen) save(confirmGrid bool) {
	ctx := context.Background()
	c, err := s.collect()
	if err == nil {
		err = s.env.campaigns().UpdateCampaign(ctx, c, confirmGrid)
	}
	var grid *data.GridChangeError
	if errors.As(err, &grid) {
		msg := widget.NewLabel(grid.Error())
		msg.Wrapping = fyne.TextWrapWord
		d := dialog.NewCustomConfirm("Modifier une grille déjà utilisée", "Modifier la grille", "Annuler", msg, func(ok bool) {
			if ok {
				s.save(true)
			} else {
				s.showBanner("Campagne non enregistrée : la grille n'a pas été modifiée.", widget.WarningImportance)
			}
		}, s.env.win())
		d.Resize(fyne.NewSize(560, 240))
		s.env.showDialog(d, nil)
		return
	}
	if err != nil {
		var v data.ValidationErrors
		if errors.As(err, &v) {
			s.showBanner("Campagne non enregistrée — "+v.Error(), widget.DangerImportance)
		} else {
			s.showBanner("Campagne non enregistrée — "+data.ErrorMessage(err), widget.DangerImportance)
		}
		return
	}
	stored, err := s.env.campaigns().Campaign(ctx, c.ID)
	if err != nil {
		s.env.showError(err)
		return
	}
	s.env.setCampaign(stored)
	s.showBanner("Campagne "+stored.Code+" enregistrée.", widget.SuccessImportance)
}

// gridEditor edits a list of rows of text cells, with add and remove buttons.
type gridEditor struct {
	heads   []string
	weights []float32
	rows    []*gridRow
	box     *fyne.Container
	root    fyne.CanvasObject
}

type gridRow struct {
	id    int64
	cells []*widget.Entry
	obj   fyne.CanvasObject
}

type gridValues struct {
	id    int64
	cells []string
}

func newGridEditor(heads []string, weights []float32) *gridEditor {
	g := &gridEditor{heads: heads, weights: weights}
	var hs []fyne.CanvasObject
	for _, h := range heads {
		hs = append(hs, widget.NewLabelWithStyle(h, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	}
	g.box = container.NewVBox()
	add := widget.NewButtonWithIcon("Ajouter une ligne", theme.ContentAddIcon(), func() { g.add(0, make([]string, len(heads))...) })
	g.root = container.NewPadded(container.NewVBox(container.NewBorder(nil, nil, nil, widget.NewIcon(nil), weighted(weights, hs)), g.box, container.NewHBox(add)))
	return g
}

func (g *gridEditor) clear() {
	g.rows = nil
	g.box.RemoveAll()
}

func (g *gridEditor) add(id int64, cells ...string) {
	r := &gridRow{id: id}
	var objs []fyne.CanvasObject
	for i := range g.heads {
		e := widget.NewEntry()
		if i < len(cells) {
			e.SetText(cells[i])
		}
		r.cells = append(r.cells, e)
		objs = append(objs, e)
	}
	del := widget.NewButtonWithIcon("", theme.DeleteIcon(), nil)
	r.obj = container.NewBorder(nil, nil, nil, del, weighted(g.weights, objs))
	del.OnTapped = func() {
		for i, x := range g.rows {
			if x == r {
				g.rows = append(g.rows[:i], g.rows[i+1:]...)
			}
		}
		g.box.Remove(r.obj)
	}
	g.rows = append(g.rows, r)
	g.box.Add(r.obj)
}

func (g *gridEditor) values() []gridValues {
	var out []gridValues
	for _, r := range g.rows {
		v := gridValues{id: r.id}
		blank := true
		for _, e := range r.cells {
			v.cells = append(v.cells, e.Text)
			if !data.Blank(e.Text) {
				blank = false
			}
		}
		if !blank {
			out = append(out, v)
		}
	}
	return out
}

// weighted lays objects out side by side with widths in proportion to weights.
func weighted(weights []float32, objs []fyne.CanvasObject) fyne.CanvasObject {
	return container.New(&weightedLayout{weights: weights}, objs...)
}

type weightedLayout struct{ weights []float32 }

func (l *weightedLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	var total float32
	for _, w := range l.weights {
		total += w
	}
	pad := theme.Padding()
	avail := size.Width - pad*float32(len(objs)-1)
	x := float32(0)
	for i, o := range objs {
		w := avail * l.weights[i] / total
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w + pad
	}
}

func (l *weightedLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var h float32
	for _, o := range objs {
		if m := o.MinSize(); m.Height > h {
			h = m.Height
		}
	}
	return fyne.NewSize(float32(len(objs))*60, h)
}
