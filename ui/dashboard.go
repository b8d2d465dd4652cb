package ui

import (
	"context"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/campaign"
	"github.com/call-agglo/cohesion/data/chart"
	"github.com/call-agglo/cohesion/data/dashboard"
	"github.com/call-agglo/cohesion/data/followup"
)

// dashboardScreen is the « Tableau de bord », the first screen: the campaign
// at a glance, each tile opening the screen it sums up, filtered on what it
// counts. The figures come from dashboard.Compute; this screen only draws.
type dashboardScreen struct {
	env     screenEnv
	open    dashboardLinks
	figures *dashboard.Figures
	// followUp sums up the grants' follow-up once a deliberation is
	// recorded; nil before.
	followUp *followup.Summary
	gen      int // generation of the latest load; older ones are dropped
	body     *fyne.Container
	status   *widget.Label
	root     fyne.CanvasObject
}

// dashboardBars is how many groups a dashboard chart shows, the others summed
// into one: the PDF dossier prints them all.
const dashboardBars = 8

// dashboardLinks are where the tiles lead: another screen, opened on what
// the tile counts.
type dashboardLinks struct {
	register    func(f data.Filter, caption string)
	ranking     func(alerts bool)
	scoring     func(jurorID int64)
	followUp    func(filter string)
	newCampaign func()
}

// dashboardLinksOf are the window's screens, as the dashboard opens them.
func dashboardLinksOf(a *App) dashboardLinks {
	return dashboardLinks{register: a.openRegister, ranking: a.openRanking, scoring: a.openScoring,
		followUp: func(filter string) {
			a.followUp.onFilterFromDashboard(filter)
			a.selectScreen("Suivi")
		},
		newCampaign: func() { showNewCampaign(a.env, a.campaigns) },
	}
}

func newDashboardScreen(env screenEnv, open dashboardLinks) *dashboardScreen {
	return &dashboardScreen{env: env, open: open}
}

func (s *dashboardScreen) view() fyne.CanvasObject {
	if s.root == nil {
		s.body = container.NewStack()
		s.status = widget.NewLabel("")
		s.status.Importance = widget.LowImportance
		refresh := widget.NewButtonWithIcon("Actualiser", theme.ViewRefreshIcon(), func() { s.reload(context.Background()) })
		heading := widget.NewLabelWithStyle("Tableau de bord", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		s.root = container.NewBorder(container.NewBorder(nil, nil, heading, refresh, s.status), nil, nil, nil, s.body)
	}
	s.reload(context.Background())
	return s.root
}

// reload computes the figures in the background, on the campaign as the base
// holds it now, and draws them when they are the latest asked for.
func (s *dashboardScreen) reload(ctx context.Context) {
	if s.body == nil {
		return
	}
	s.gen++
	gen, env := s.gen, s.env
	// Read here: a restore may swap the base meanwhile.
	snapshots, followUps, id, today := env.snapshots(), env.followUps(), env.campaign().ID, data.DateOf(env.now())
	work := func() (dashboardLoad, error) {
		v, err := campaign.LoadCurrentWith(ctx, snapshots, id, data.SnapshotOptions{History: true, Source: true}) // dashboard.Across
		if err != nil {
			return dashboardLoad{}, err
		}
		l := dashboardLoad{figures: dashboard.Compute(v, today)}
		l.followUp, err = followUpSummary(ctx, followUps, v.Campaign, today)
		return l, err
	}
	done := func(l dashboardLoad, err error) {
		if gen != s.gen || id != env.campaign().ID {
			return
		}
		if err != nil {
			s.status.SetText(data.ErrorMessage(err))
			return
		}
		s.followUp = l.followUp
		s.show(l.figures)
	}
	s.status.SetText("Calcul en cours…")
	background(env.run, work, done)
}

// show draws the figures.
func (s *dashboardScreen) show(f *dashboard.Figures) {
	s.figures = f
	s.status.SetText("À jour le " + data.FormatDateTime(s.env.now()))
	s.body.Objects = []fyne.CanvasObject{s.render(f)}
	s.body.Refresh()
}

func (s *dashboardScreen) render(f *dashboard.Figures) fyne.CanvasObject {
	columns := container.NewGridWithColumns(3, s.piecesCard(f), s.juryCard(f), s.envelopeCard(f))
	var charts []fyne.CanvasObject
	for i, c := range f.Charts {
		i := i
		charts = append(charts, card(drawChart(c.Top(dashboardBars), func(b chart.Bar) { s.onBar(i, b) })))
	}
	box := container.NewVBox(s.calendarCard(f), container.NewGridWithColumns(6, s.countTiles(f)...))
	if s.followUp != nil { // after the deliberation, the grants' follow-up
		box.Add(s.followUpTiles())
	}
	box.Add(columns)
	box.Add(container.NewGridWithColumns(3, charts...))
	box.Add(acrossCard(s.env.selectScreen, f.Across))
	return container.NewVScroll(box)
}

// card frames a part of the dashboard.
func card(o fyne.CanvasObject) fyne.CanvasObject {
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	// square corners: a rounded one costs a vector rasterisation per card
	return container.NewStack(bg, container.NewPadded(o))
}

// tile is a figure and its caption that opens what it counts: a button under
// the text takes the click, the focus and the Space key.
func tile(figure, caption string, onTap func()) fyne.CanvasObject {
	btn := widget.NewButton("", onTap)
	big := canvas.NewText(figure, theme.Color(theme.ColorNameForeground))
	big.TextSize = theme.TextSize() * 1.8
	big.TextStyle.Bold = true
	big.Alignment = fyne.TextAlignCenter
	cap := widget.NewLabelWithStyle(caption, fyne.TextAlignCenter, fyne.TextStyle{})
	cap.Wrapping = fyne.TextWrapWord
	return container.NewStack(btn, container.NewVBox(big, cap))
}

func (s *dashboardScreen) calendarCard(f *dashboard.Figures) fyne.CanvasObject {
	var where string
	switch {
	case len(f.Steps) == 0:
		where = "Le calendrier de la campagne n'est pas renseigné (écran Campagne)."
	case f.Next >= 0:
		n := f.Steps[f.Next]
		where = "Prochaine étape : " + n.Label + ", le " + n.From.Format()
		if days := daysBetween(f.Today, n.From); days > 0 {
			where += " (dans " + data.Count(days, "jour", "jours") + ")"
		}
	default:
		where = "Toutes les étapes du calendrier sont passées."
	}
	if f.Current >= 0 {
		where = "En cours : " + f.Steps[f.Current].Label + " — " + where
	}
	head := widget.NewLabel("Aujourd'hui, " + f.Today.Format() + " — " + where)
	head.Wrapping = fyne.TextWrapWord
	open := widget.NewButtonWithIcon("Calendrier…", theme.SettingsIcon(), func() { s.env.selectScreen("Campagne") })
	open.Importance = widget.LowImportance
	var buttons fyne.CanvasObject = open
	if calendarOver(f) {
		// The first start opens AMI2021, whose calendar is long over: the
		// next call for proposals starts here rather than in « Campagne ».
		next := widget.NewButtonWithIcon("Nouvelle campagne…", theme.ContentAddIcon(), s.open.newCampaign)
		next.Importance = widget.HighImportance
		buttons = container.NewHBox(next, open)
	}
	return card(container.NewBorder(container.NewBorder(nil, nil, nil, buttons, head), nil, nil, nil, timeline(f)))
}

// calendarOver says every step of the campaign's calendar is past.
func calendarOver(f *dashboard.Figures) bool {
	return len(f.Steps) > 0 && f.Next < 0 && f.Current < 0
}

func daysBetween(a, b data.Date) int {
	return int(b.In(data.Paris).Sub(a.In(data.Paris)).Hours()+12) / 24
}

// itoaFR is a whole number the French way (« 10 000 »).
func itoaFR(n int) string { return data.FormatInt(int64(n)) }

func (s *dashboardScreen) countTiles(f *dashboard.Figures) []fyne.CanvasObject {
	k := f.Counts
	reg := func(st []data.Status, caption string) func() {
		return func() { s.open.register(dashboard.StatusFilter(st), caption) }
	}
	tile := func(n int, one, many string, onTap func()) fyne.CanvasObject {
		return tile(itoaFR(n), data.Plural(n, one, many), onTap) // « 0 décidé », « 2 classés »
	}
	return []fyne.CanvasObject{
		tile(k.Received, "reçu", "reçus", func() { s.open.register(data.Filter{}, "") }),
		tile(k.Instruction, "en instruction", "en instruction", reg(dashboard.InstructionStatuses, "en instruction (reçu, complet, incomplet)")),
		tile(k.Admissible, "recevable", "recevables", reg(dashboard.AdmissibleStatuses, "recevables (décidés ou non)")),
		tile(k.Inadmissible, "irrecevable ou sans suite", "irrecevables ou sans suite", reg(dashboard.InadmissibleStatuses, "irrecevables ou sans suite")),
		tile(k.Ranked, "classé", "classés", func() { s.open.ranking(false) }),
		tile(k.Decided, "décidé", "décidés", func() { s.open.ranking(false) }),
	}
}

// piecesCard lists the pieces lacking in the dossiers in the running.
func (s *dashboardScreen) piecesCard(f *dashboard.Figures) fyne.CanvasObject {
	box := container.NewVBox(bold("Pièces manquantes"))
	if len(f.Missing) == 0 {
		box.Add(widget.NewLabel("Aucune pièce ne manque."))
	}
	for _, m := range f.Missing {
		caption := m.Caption(pieceName(m.Document))
		d := m.Document
		box.Add(linkButton(caption, func() { s.open.register(dashboard.MissingFilter(d), "sans "+pieceName(d)) }))
	}
	if f.Undated > 0 {
		caption := data.Count(f.Undated, "dossier", "dossiers") + " sans date de dépôt"
		box.Add(linkButton(caption, func() { s.open.register(dashboard.UndatedFilter(), "") }))
	}
	return card(box)
}

// pieceName is a piece as it reads after « sans »: « statuts », « RIB ».
func pieceName(d data.Document) string {
	l := []rune(d.Label())
	if len(l) > 1 && unicode.IsLower(l[1]) {
		l[0] = unicode.ToLower(l[0])
	}
	return string(l)
}

// linkButton is a line of text that opens what it says; it wraps in a narrow
// column (a button's own text does not).
func linkButton(text string, onTap func()) fyne.CanvasObject {
	b := widget.NewButton("", onTap)
	b.Importance = widget.LowImportance
	l := newFrenchLabel(text)
	l.Importance = widget.HighImportance
	return container.NewStack(b, l)
}

// outOf writes « 7 / 7 », « 6,67 / 20 »: narrow no-break spaces around the
// slash, as French typography sets it.
func outOf(part, whole string) string { return part + "\u202f/\u202f" + whole }

// linkFigure is a linkButton whose figure (« 7 / 7 ») stands on the right
// in a label that never wraps: Fyne breaks a wrapped line at any space,
// no-break ones included (unicode.IsSpace), so a figure inside the wrapped
// text could split across lines.
func linkFigure(text, figure string, onTap func()) fyne.CanvasObject {
	b := widget.NewButton("", onTap)
	b.Importance = widget.LowImportance
	l := newFrenchLabel(text)
	l.Importance = widget.HighImportance
	n := widget.NewLabel(figure)
	n.Importance = widget.HighImportance
	return container.NewStack(b, container.NewBorder(nil, nil, nil, n, l))
}

// juryCard shows each juror's sheets entered and the dossiers à discuter.
func (s *dashboardScreen) juryCard(f *dashboard.Figures) fyne.CanvasObject {
	box := container.NewVBox(bold("Grilles saisies par juré"))
	if len(f.Jurors) == 0 {
		box.Add(linkButton("Le jury n'a encore aucun membre.", func() { s.env.selectScreen("Jury") }))
	}
	for _, j := range f.Jurors {
		text := j.Juror.Label()
		if j.Deports > 0 {
			text += " (" + data.Count(j.Deports, "déport", "déports") + " à part)"
		}
		id := j.Juror.ID
		box.Add(linkFigure(text+" :", outOf(itoaFR(j.Done), itoaFR(j.Expected)), func() { s.open.scoring(id) }))
	}
	n := len(f.Discuss)
	box.Add(widget.NewSeparator())
	box.Add(linkButton(data.CountNone(n, "Aucun dossier", "dossier", "dossiers")+" « à discuter »", func() { s.open.ranking(true) }))
	if p := len(f.Pending); p > 0 { // never ranked silently: the jury ranks the dossiers declared recevable
		box.Add(linkButton("À instruire, hors classement : "+data.Count(p, "dossier", "dossiers"), func() {
			s.open.register(dashboard.StatusFilter(dashboard.InstructionStatuses), "à instruire (reçu, complet, incomplet)")
		}))
	}
	return card(box)
}

// envelopeCard shows the money and opens the Répartition.
func (s *dashboardScreen) envelopeCard(f *dashboard.Figures) fyne.CanvasObject {
	// Each amount says what it counts (dashboard.Envelope.Lines).
	box := container.NewVBox(bold("Enveloppe"))
	for _, l := range f.Envelope.Lines() {
		box.Add(wrapped(l))
	}
	if f.SplitError != "" {
		l := wrapped(f.SplitError)
		l.Importance = widget.WarningImportance
		box.Add(l)
	}
	box.Add(linkButton("Ouvrir la répartition", func() { s.env.selectScreen("Répartition") }))
	return card(box)
}

// wrapped is a label broken into lines at ordinary spaces only: an amount
// (« 150 000,00 € ») never splits.
func wrapped(text string) *frenchLabel { return newFrenchLabel(text) }

// onBar opens the register on the dossiers a bar of chart i sums.
func (s *dashboardScreen) onBar(i int, b chart.Bar) {
	if f, ok := dashboard.BarFilter(i, b); ok {
		s.open.register(f, "dossiers en lice")
	}
}
