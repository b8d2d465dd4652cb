package ui

import (
	"context"
	"fmt"
	"math/big"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/jury"
)

const scoringPageSize = 25

// scoringScreen is the score entry, built for speed: pick a juror, then type
// digits in a matrix (applications in rows, criteria in columns). Each valid
// digit is saved at once and moves to the next cell; Tab and Entrée move on too.
type scoringScreen struct {
	env screenEnv
	// onImport opens the window's import of score sheets.
	onImport func()

	jurors []data.Juror
	juror  *data.Juror
	// jurorID is the juror chosen last: coming back to the screen (or from
	// the dashboard) shows that juror's sheets again.
	jurorID   int64
	apps      []data.Row
	shown     []data.Row // after the search
	sheets    map[[2]int64]jury.Sheet
	conflicts map[[2]int64]bool
	page      int

	jurorSel *widget.Select
	search   *widget.Entry
	rowsBox  *fyne.Container
	columns  *flexColumns      // the header's and rows' layout
	matrix   *container.Scroll // the header and rows, sideways
	pageInfo *widget.Label
	banner   *widget.Label
	rows     []*scoreRow

	appSel *widget.Select
	byApp  *fyne.Container
	root   fyne.CanvasObject
	tabs   *container.AppTabs
}

// scoreRow is one application's line in the matrix.
type scoreRow struct {
	app     data.Row
	entries []*scoreEntry
	total   *widget.Label
	state   *widget.Label
	bg      *canvas.Rectangle
	obj     fyne.CanvasObject
}

func newScoringScreen(env screenEnv, onImport func()) *scoringScreen {
	return &scoringScreen{env: env, onImport: onImport}
}

func (s *scoringScreen) view() fyne.CanvasObject {
	// A fresh screen: the campaign (and its jurors) may have changed
	// meanwhile; the juror chosen last stays chosen if still on the jury.
	s.juror, s.page = nil, 0
	s.build()
	s.reload(context.Background())
	for _, j := range s.jurors {
		if j.ID == s.jurorID {
			s.jurorSel.SetSelected(j.Label())
		}
	}
	return s.root
}

func (s *scoringScreen) build() {
	s.jurorSel = newSelect(nil, "Choisir un juré", s.onJuror)
	s.search = widget.NewEntry()
	s.search.SetPlaceHolder("Filtrer : numéro ou structure")
	s.search.OnChanged = func(string) { s.page = 0; s.filter(); s.render() }
	s.rowsBox = container.NewVBox()
	s.pageInfo = widget.NewLabel("")
	prev := widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { s.turn(-1) })
	next := widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { s.turn(1) })
	s.banner = widget.NewLabel("Choisissez un juré pour saisir ses notes.")
	s.banner.Wrapping = fyne.TextWrapWord
	importBtn := widget.NewButtonWithIcon("Importer des grilles…", theme.UploadIcon(), s.onImport)
	var legend []string
	for _, k := range s.env.campaign().Criteria {
		legend = append(legend, fmt.Sprintf("C%d : %s (poids %d)", k.Position, k.Label, k.Weight))
	}
	criteria := widget.NewLabel(strings.Join(legend, " · "))
	criteria.Wrapping = fyne.TextWrapWord
	criteria.Importance = widget.LowImportance
	top := container.NewVBox(
		container.NewBorder(nil, nil, widget.NewLabel("Juré"), importBtn, s.jurorSel),
		s.search, s.banner, criteria)
	// the header scrolls sideways with the rows when dragged columns pass the window's width
	s.matrix = container.NewHScroll(container.NewBorder(s.header(), nil, nil, nil, container.NewVScroll(s.rowsBox)))
	entry := container.NewBorder(top, container.NewHBox(prev, s.pageInfo, next), nil, nil, s.matrix)

	s.appSel = newSelect(nil, "Choisir un dossier", func(string) { s.renderByApp() })
	s.byApp = container.NewVBox()
	side := container.NewBorder(container.NewBorder(nil, nil, widget.NewLabel("Dossier"), nil, s.appSel), nil, nil, nil,
		container.NewScroll(s.byApp)) // sideways too, when the columns pass the window's width
	s.tabs = container.NewAppTabs(
		container.NewTabItem("Saisie par juré", entry),
		container.NewTabItem("Par dossier", side),
	)
	s.root = s.tabs
}

// The matrix's columns: number, structure, one per criterion, total, state;
// the structure takes the width left (scoreColumns), so these are minimums.
func (s *scoringScreen) widths() []float32 {
	w := []float32{105, 150}
	for range s.env.campaign().Criteria {
		w = append(w, 64)
	}
	return append(w, 85, 150)
}

// scoreColumns lays out the header and every row: one layout, so a column
// the user drags in the header moves in every row.
func (s *scoringScreen) scoreColumns() fyne.Layout { return s.columns }

// header is the columns' titles, each with an edge to drag (columnEdge); the
// widths are kept per user as a table's.
func (s *scoringScreen) header() fyne.CanvasObject {
	titles := []string{"Numéro", "Structure"}
	for _, k := range s.env.campaign().Criteria {
		titles = append(titles, fmt.Sprintf("C%d (/%d)", k.Position, k.Max))
	}
	titles = append(titles, "Total /20", "État")
	names := append([]string(nil), titles...)
	for i, k := range s.env.campaign().Criteria {
		names[2+i] = fmt.Sprintf("C%d", k.Position) // its maximum may change
	}
	s.columns = &flexColumns{widths: s.widths(), grow: []int{1},
		kept: loadWidths(columnKeys{s.env.prefs(), "notation", names}, len(names))}
	var head *fyne.Container
	resized := func() {
		head.Refresh()
		s.rowsBox.Refresh()
		s.matrix.Refresh() // wider or narrower than it shows
	}
	var objs []fyne.CanvasObject
	for i, t := range titles {
		l := bold(t)
		l.Truncation = fyne.TextTruncateEllipsis
		edge := newColumnEdge(s.columns, i, resized)
		// as a table's columns (headerFloor): each at least as wide as its title
		s.columns.widths[i] = max(s.columns.widths[i], labelNeed(t, l.TextStyle)+theme.Padding()+edge.MinSize().Width)
		objs = append(objs, container.NewBorder(nil, nil, nil, edge, l))
	}
	head = container.New(s.columns, objs...)
	return head
}

func bold(s string) *widget.Label {
	return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

// reload reads what the screen shows in one consistent view of the campaign
// (another desk may be scoring): the jurors, the register, the sheets and
// the declared conflicts.
func (s *scoringScreen) reload(ctx context.Context) {
	snap, err := s.env.snapshots().Snapshot(ctx, s.env.campaign().ID, data.SnapshotOptions{})
	if err != nil {
		s.env.showError(err)
		return
	}
	s.jurors, s.apps = snap.Jurors, snap.Rows
	var names []string
	for _, j := range s.jurors {
		names = append(names, j.Label())
	}
	s.jurorSel.Options = names
	s.jurorSel.Refresh()
	var opts []string
	for _, a := range s.apps {
		opts = append(opts, a.Number+" — "+a.Structure)
	}
	s.appSel.Options = opts
	s.appSel.Refresh()
	s.keepSheets(snap.Sheets, snap.Conflicts)
	if len(s.jurors) == 0 {
		s.banner.SetText("Le jury n'a encore aucun membre : ajoutez-les dans l'écran Jury.")
	}
	s.filter()
	s.render()
}

// loadSheets reads the sheets and the conflicts again, when another desk
// saved some: the rest of the campaign is as it was.
func (s *scoringScreen) loadSheets(ctx context.Context) error {
	c := s.env.campaign()
	sheets, err := s.env.jury().Sheets(ctx, c.ID)
	if err != nil {
		return err
	}
	ks, err := s.env.jury().Conflicts(ctx, c.ID)
	if err != nil {
		return err
	}
	s.keepSheets(sheets, ks)
	return nil
}

// keepSheets indexes sheets and conflicts by juror and dossier.
func (s *scoringScreen) keepSheets(sheets []data.Sheet, conflicts []data.Conflict) {
	s.sheets = map[[2]int64]jury.Sheet{}
	for _, sh := range sheets {
		s.sheets[[2]int64{sh.JurorID, sh.ApplicationID}] = sh
	}
	s.conflicts = map[[2]int64]bool{}
	for _, k := range conflicts {
		s.conflicts[[2]int64{k.JurorID, k.ApplicationID}] = true
	}
}

func (s *scoringScreen) onJuror(label string) {
	s.juror = nil
	for i := range s.jurors {
		if s.jurors[i].Label() == label {
			s.juror = &s.jurors[i]
			s.jurorID = s.jurors[i].ID
		}
	}
	s.banner.SetText("Tapez les notes : chaque chiffre est enregistré aussitôt et passe à la case suivante (Tab et Entrée aussi).")
	s.render()
	if len(s.rows) > 0 && len(s.rows[0].entries) > 0 && !s.rows[0].entries[0].Disabled() {
		s.env.win().Canvas().Focus(s.rows[0].entries[0])
	}
}

func (s *scoringScreen) filter() {
	k := data.FoldKey(s.search.Text)
	s.shown = s.shown[:0]
	for _, a := range s.apps {
		if k == "" || strings.Contains(data.FoldKey(a.Number+" "+a.Structure), k) {
			s.shown = append(s.shown, a)
		}
	}
}

func (s *scoringScreen) turn(d int) {
	last := (len(s.shown) - 1) / scoringPageSize
	if p := s.page + d; p >= 0 && p <= last {
		s.page = p
		s.render()
	}
}

// render builds the current page of the matrix for the chosen juror.
func (s *scoringScreen) render() {
	s.rows = nil
	s.rowsBox.RemoveAll()
	pages := max(1, (len(s.shown)+scoringPageSize-1)/scoringPageSize)
	s.page = min(s.page, pages-1)
	from := s.page * scoringPageSize
	to := min(from+scoringPageSize, len(s.shown))
	s.pageInfo.SetText(fmt.Sprintf("Page %s — %s", outOf(strconv.Itoa(s.page+1), strconv.Itoa(pages)), data.Count(len(s.shown), "dossier", "dossiers")))
	if s.juror == nil {
		return
	}
	for _, a := range s.shown[from:to] {
		r := s.newRow(a)
		s.rows = append(s.rows, r)
		s.rowsBox.Add(r.obj)
	}
}

func (s *scoringScreen) newRow(a data.Row) *scoreRow {
	c := s.env.campaign()
	r := &scoreRow{app: a, total: widget.NewLabel(""), state: widget.NewLabel(""), bg: canvas.NewRectangle(theme.Color(theme.ColorNameBackground))}
	num, st := newTipLabel(nil), newTipLabel(nil) // whole under the mouse when cut
	num.SetText(a.Number)
	st.SetText(a.Structure)
	objs := []fyne.CanvasObject{num, st}
	sheet := s.sheets[[2]int64{s.juror.ID, a.ID}]
	conflicted := s.conflicts[[2]int64{s.juror.ID, a.ID}]
	for i, k := range c.Criteria {
		e := newScoreEntry(k.Max)
		e.SetPlaceHolder("–")
		if v, ok := sheet.Scores[k.ID]; ok {
			e.SetText(strconv.Itoa(v))
		}
		if conflicted || c.Locked() { // a deliberated campaign's scores no longer change: the lock bar says why
			e.Disable()
		}
		crit, idx := k, i
		e.OnChanged = func(text string) { s.onScoreTyped(r, crit, idx, text) }
		e.OnSubmitted = func(string) { s.env.win().Canvas().FocusNext() }
		r.entries = append(r.entries, e)
		objs = append(objs, e)
	}
	objs = append(objs, r.total, r.state)
	r.obj = container.NewStack(r.bg, container.New(s.scoreColumns(), objs...))
	s.refreshRow(r)
	return r
}

// onScoreTyped checks the cell, saves that one score when it reads right and
// moves on. Only the typed criterion changes: a colleague's save of another
// criterion of the sheet is never overwritten, and emptying a cell is the
// explicit act that clears its score.
func (s *scoringScreen) onScoreTyped(r *scoreRow, k data.Criterion, idx int, text string) {
	key := [2]int64{s.juror.ID, r.app.ID}
	change := data.ScoreChange{JurorID: s.juror.ID, ApplicationID: r.app.ID}
	text = strings.TrimSpace(text)
	invalid := ""
	if v, err := strconv.Atoi(text); text != "" && err == nil && v >= 0 && v <= k.Max {
		change.Set = map[int64]int{k.ID: v}
	} else {
		// An unreadable cell leaves the criterion unscored, so the sheet is
		// saved as incomplete rather than with a value the screen no longer shows.
		change.Clear = []int64{k.ID}
		if text != "" {
			invalid = fmt.Sprintf("C%d : note de 0 à %d", k.Position, k.Max)
		}
	}
	if err := s.env.jury().WriteScores(context.Background(), s.env.campaign(), data.ScoreWrite{Changes: []data.ScoreChange{change}}); err != nil {
		r.state.Importance = widget.DangerImportance
		r.state.SetText(data.ErrorMessage(err))
		return
	}
	sheet := jury.Sheet{JurorID: s.juror.ID, ApplicationID: r.app.ID, Scores: map[int64]int{}}
	for id, v := range s.sheets[key].Scores {
		sheet.Scores[id] = v
	}
	delete(sheet.Scores, k.ID)
	for id, v := range change.Set {
		sheet.Scores[id] = v
	}
	s.sheets[key] = sheet
	s.refreshRow(r)
	if invalid != "" {
		r.state.Importance = widget.DangerImportance
		r.state.SetText(invalid)
		return
	}
	// One digit fills a cell when the scale stops below 10: move on at once.
	if text != "" && k.Max < 10 {
		s.env.win().Canvas().FocusNext()
	}
}

// reloadKeepingEntry shows the scores another desk saved, without touching
// the cell being typed in.
func (s *scoringScreen) reloadKeepingEntry(ctx context.Context) {
	if s.rowsBox == nil || s.juror == nil {
		return
	}
	before := s.sheets
	if s.loadSheets(ctx) != nil {
		return
	}
	focused := s.env.win().Canvas().Focused()
	for _, r := range s.rows {
		key := [2]int64{s.juror.ID, r.app.ID}
		for i, k := range s.env.campaign().Criteria {
			e := r.entries[i]
			if fyne.Focusable(e) == focused && e.Text != scoreCell(before[key], k.ID) {
				continue // the user is typing there
			}
			text := scoreCell(s.sheets[key], k.ID)
			if e.Text != text {
				saved := e.OnChanged
				e.OnChanged = nil
				e.SetText(text)
				e.OnChanged = saved
			}
		}
		s.refreshRow(r)
	}
	s.renderByApp()
}

// scoreCell is a score as its cell shows it, "" when not scored.
func scoreCell(sheet jury.Sheet, criterion int64) string {
	if v, ok := sheet.Scores[criterion]; ok {
		return strconv.Itoa(v)
	}
	return ""
}

// refreshRow shows the live total on 20 and the sheet's state.
func (s *scoringScreen) refreshRow(r *scoreRow) {
	c := s.env.campaign()
	key := [2]int64{s.juror.ID, r.app.ID}
	sheet := s.sheets[key]
	r.bg.FillColor = theme.Color(theme.ColorNameBackground)
	r.state.Importance = widget.MediumImportance
	total, complete := jury.Total(c.Criteria, sheet.Scores)
	switch {
	case s.conflicts[key]:
		r.state.SetText("déport")
		r.state.Importance = widget.LowImportance
		r.total.SetText("")
		r.bg.FillColor = theme.Color(theme.ColorNameDisabledButton)
	case r.app.Status == data.StatusIrrecevable || r.app.Status == data.StatusSansSuite:
		r.state.SetText("irrecevable : non classé")
		r.state.Importance = widget.WarningImportance
		r.total.SetText(scoreText(total, complete))
	case len(sheet.Scores) == 0:
		r.state.SetText("à noter")
		r.total.SetText("")
	case !complete:
		r.state.SetText("incomplète (" + outOf(strconv.Itoa(len(sheet.Scores)), strconv.Itoa(len(c.Criteria))) + ")")
		r.state.Importance = widget.WarningImportance
		r.total.SetText("")
		r.bg.FillColor = theme.Color(theme.ColorNameWarning)
		r.bg.FillColor = fadeColor(r.bg.FillColor)
	default:
		r.state.SetText("complète")
		r.state.Importance = widget.SuccessImportance
		r.total.SetText(scoreText(total, complete))
	}
	r.bg.Refresh()
	r.state.Refresh() // its importance may change with the same text
}

func scoreText(t *big.Rat, complete bool) string {
	if !complete || t == nil {
		return ""
	}
	return jury.FormatScore(t)
}

// renderByApp shows every juror's sheet for one application side by side.
func (s *scoringScreen) renderByApp() {
	s.byApp.RemoveAll()
	var a *data.Row
	for i := range s.apps {
		if s.apps[i].Number+" — "+s.apps[i].Structure == s.appSel.Selected {
			a = &s.apps[i]
		}
	}
	if a == nil {
		return
	}
	c := s.env.campaign()
	head := []fyne.CanvasObject{bold("Juré")}
	for _, k := range c.Criteria {
		head = append(head, bold(fmt.Sprintf("C%d", k.Position)))
	}
	head = append(head, bold("Total /20"), bold("État"))
	lines := [][]fyne.CanvasObject{head}
	for _, j := range s.jurors {
		name := newTipLabel(nil) // cut with an ellipsis beside the scores, whole under the mouse
		name.Text = j.Label()
		lines = append(lines, append([]fyne.CanvasObject{name}, s.sheetCells(c, [2]int64{j.ID, a.ID})...))
	}
	// One layout for every line, as the rows of « Saisie par juré »: the
	// juror's name takes the spare width; each other column is as wide as
	// its widest text.
	w := make([]float32, len(head))
	w[0] = 180
	for _, line := range lines {
		for i, o := range line[1:] {
			l := cellLabel(o)
			w[i+1] = max(w[i+1], labelNeed(l.Text, l.TextStyle))
		}
	}
	cols := &flexColumns{widths: w, grow: []int{0}}
	for _, line := range lines {
		s.byApp.Add(container.New(cols, line...))
	}
}

// sheetCells are a juror's scores on a dossier, the total and the state.
func (s *scoringScreen) sheetCells(c *data.Campaign, key [2]int64) []fyne.CanvasObject {
	sheet := s.sheets[key]
	var objs []fyne.CanvasObject
	for _, k := range c.Criteria {
		v, ok := sheet.Scores[k.ID]
		txt := "–"
		if ok {
			txt = strconv.Itoa(v)
		}
		objs = append(objs, widget.NewLabel(txt))
	}
	total, complete := jury.Total(c.Criteria, sheet.Scores)
	state := "comptée"
	switch {
	case s.conflicts[key]:
		state = "déport (non comptée)"
	case len(sheet.Scores) == 0:
		state = "non notée"
	case !complete:
		state = "incomplète (non comptée)"
	}
	return append(objs, widget.NewLabel(scoreText(total, complete)), widget.NewLabel(state))
}
