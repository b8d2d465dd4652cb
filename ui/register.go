package ui

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/call-agglo/cohesion/data"
)

// column is one column of the register's table.
type column struct {
	title string
	sort  data.SortKey
	width float32
	right bool
	text  func(r *data.Row) string
}

// The columns staff need most come first, so a narrow window still shows them.
var registerColumns = []column{
	{"Numéro", data.SortNumber, 115, false, func(r *data.Row) string { return r.Number }},
	{"Dépôt", data.SortReceived, 95, false, func(r *data.Row) string { return data.DateOf(r.Received).Format() }},
	{"Structure", data.SortStructure, 210, false, func(r *data.Row) string { return r.Structure }},
	{"Projet", data.SortTitle, 250, false, func(r *data.Row) string { return r.Title }},
	{"Demandé", data.SortRequested, 115, true, func(r *data.Row) string { return data.FormatEuros(r.RequestedCents) }},
	{"Statut", data.SortStatus, 150, false, func(r *data.Row) string {
		if r.Late {
			return r.Status.Label() + " (hors délai)"
		}
		return r.Status.Label()
	}},
	{"Thématique", data.SortTheme, 150, false, func(r *data.Row) string { return r.Theme }},
	{"QPV", "", 110, false, func(r *data.Row) string { return strings.Join(r.QPVs, ", ") }},
	{"Commune", data.SortCommune, 130, false, func(r *data.Row) string {
		if r.Commune == "" {
			return ""
		}
		return r.CommuneName
	}},
	{pastColumn, "", 260, false, nil}, // the screen's structurePast says it
}

// registerKeys are the columns that stay in view: Numéro, Structure,
// Demandé, Statut.
var registerKeys = []int{0, 2, 4, 5}

const allOption = "Tous"

// registerScreen is the register: a searchable, filterable, sortable table of
// the campaign's applications, and the form that opens on a row.
type registerScreen struct {
	env    screenEnv
	adders []*widget.Button // « Nouveau dossier », « Importer… »: off on a deliberated campaign

	search                      *widget.Entry
	status, theme, qpv, commune *widget.Select
	table                       *widget.Table
	footer                      *widget.Label
	empty                       *widget.Label
	root                        *fyne.Container
	list                        fyne.CanvasObject
	widths                      []float32         // the columns' base widths (see stretchColumns)
	columns                     fyne.CanvasObject // the table in its stretchColumns
	form                        *appForm
	rows                        []data.Row
	totals                      data.Totals
	filter                      data.Filter
	// preset says which filter a dashboard tile set beyond the selectors
	// (« sans RIB », « en instruction »), with the button that removes it.
	preset *fyne.Container
	past   structurePast // each structure's dossiers in the other campaigns
}

// newRegisterScreen builds the register; onImport opens the window's import
// of dossiers.
func newRegisterScreen(env screenEnv, onImport func()) *registerScreen {
	s := &registerScreen{env: env}
	s.search = widget.NewEntry()
	s.search.SetPlaceHolder("Rechercher : numéro, structure, projet, SIRET (Ctrl+F)")
	s.search.OnChanged = s.onSearch
	// A select is as wide as its placeholder: with « Tous », the four fit a small screen.
	s.status = newSelect(nil, allOption, func(string) { s.onFilter() })
	s.theme = newSelect(nil, allOption, func(string) { s.onFilter() })
	s.qpv = newSelect(nil, allOption, func(string) { s.onFilter() })
	s.commune = newSelect(nil, allOption, func(string) { s.onFilter() })
	s.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(s.rows), len(registerColumns) },
		func() fyne.CanvasObject { return newTipLabel(s.table) },
		s.updateCell)
	s.table.ShowHeaderColumn = false
	s.table.CreateHeader = func() fyne.CanvasObject {
		b := widget.NewButtonWithIcon("", nil, nil)
		b.Importance = widget.LowImportance
		b.Alignment = widget.ButtonAlignLeading
		b.IconPlacement = widget.ButtonIconTrailingText
		return b
	}
	s.table.UpdateHeader = s.updateHeader
	var widths []float32
	var titles []string
	for _, c := range registerColumns {
		widths = append(widths, c.width)
		titles = append(titles, c.title)
	}
	widths[5] = statusWidth()
	s.table.OnSelected = func(id widget.TableCellID) {
		if id.Row >= 0 && id.Row < len(s.rows) {
			s.openForm(&s.rows[id.Row])
		}
		s.table.UnselectAll()
	}
	s.footer = widget.NewLabel("")
	newBtn := widget.NewButtonWithIcon("Nouveau dossier", theme.ContentAddIcon(), func() { s.openForm(nil) })
	newBtn.Importance = widget.HighImportance
	importBtn := widget.NewButtonWithIcon("Importer…", theme.UploadIcon(), onImport)
	s.adders = []*widget.Button{newBtn, importBtn}
	filters := container.NewGridWithColumns(4,
		labelled("Statut", s.status), labelled("Thématique", s.theme), labelled("QPV", s.qpv), labelled("Commune", s.commune))
	s.preset = container.NewVBox()
	top := container.NewVBox(
		container.NewBorder(nil, nil, nil, container.NewHBox(importBtn, newBtn), s.search),
		filters, s.preset)
	s.empty = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Italic: true})
	s.widths = widths
	s.columns = stretchColumns(s.table, widths, columnKeys{env.prefs(), "dossiers", titles}, columnShare{grow: []int{2, 3}, key: registerKeys})
	s.list = container.NewBorder(top, s.footer, nil, nil, container.NewStack(s.columns, container.NewCenter(s.empty)))
	s.root = container.NewStack(s.list)
	s.reset(context.Background())
	return s
}

func labelled(label string, w fyne.CanvasObject) fyne.CanvasObject {
	return container.NewBorder(nil, nil, widget.NewLabel(label), nil, w)
}

// view shows the register up to date: other screens and imports change it.
func (s *registerScreen) view() fyne.CanvasObject {
	for _, b := range s.adders {
		enable(b, !s.env.campaign().Locked()) // no dossier joins a deliberated campaign
	}
	ctx := context.Background()
	s.past.load(ctx, s.env.structures())
	if s.form == nil {
		s.reload(ctx)
	}
	return s.root
}

// reset rebuilds the filters for the current campaign and reloads.
func (s *registerScreen) reset(ctx context.Context) {
	c := s.env.campaign()
	s.filter = data.Filter{}
	s.preset.RemoveAll()
	s.search.SetText("")
	statuses := []string{allOption}
	for _, st := range data.Statuses {
		statuses = append(statuses, st.Label())
	}
	themes := []string{allOption}
	for _, t := range c.Themes {
		themes = append(themes, t.Label)
	}
	qpvs := []string{allOption}
	for _, q := range sortedQPVs(c) {
		qpvs = append(qpvs, qpvOption(q))
	}
	communes := []string{allOption}
	for _, m := range c.Communes {
		communes = append(communes, m.Name)
	}
	for _, p := range []struct {
		sel  *widget.Select
		opts []string
	}{{s.status, statuses}, {s.theme, themes}, {s.qpv, qpvs}, {s.commune, communes}} {
		p.sel.Options = p.opts
		p.sel.Selected = allOption
		p.sel.Refresh()
	}
	s.closeForm()
	s.reload(ctx)
}

func qpvOption(q data.QPV) string { return q.Name + " (" + q.Code + ")" }

func (s *registerScreen) onSearch(text string) {
	s.filter.Search = text
	s.reload(context.Background())
}

func (s *registerScreen) onFilter() {
	c := s.env.campaign()
	s.filter.Status, s.filter.ThemeID, s.filter.QPV, s.filter.Commune = "", 0, "", ""
	if st, ok := data.StatusFromLabel(s.status.Selected); ok {
		s.filter.Status = st
	}
	if t, ok := c.ThemeByLabel(s.theme.Selected); ok && s.theme.Selected != allOption {
		s.filter.ThemeID = t.ID
	}
	for _, q := range c.QPVs {
		if qpvOption(q) == s.qpv.Selected {
			s.filter.QPV = q.Code
		}
	}
	for _, m := range c.Communes {
		if m.Name == s.commune.Selected {
			s.filter.Commune = m.INSEE
		}
	}
	s.reload(context.Background())
}

func (s *registerScreen) onSort(col int) {
	key := registerColumns[col].sort
	if key == "" {
		return
	}
	if s.filter.Sort == key || (s.filter.Sort == "" && key == data.SortNumber) {
		s.filter.Desc = !s.filter.Desc
	} else {
		s.filter.Desc = false
	}
	s.filter.Sort = key
	s.reload(context.Background())
}

// reloadKeepingForm shows another desk's changes in the list; an open form
// stays as the user left it (its save will say if the dossier changed).
func (s *registerScreen) reloadKeepingForm(ctx context.Context) { s.reload(ctx) }

// reload queries the register again; it is fast enough (10 000 rows in a few
// milliseconds) to run on every keystroke.
func (s *registerScreen) reload(ctx context.Context) {
	rows, tot, err := s.env.register().ListApplications(ctx, s.env.campaign().ID, s.filter)
	if err != nil {
		s.env.showError(err)
		return
	}
	s.rows, s.totals = rows, tot
	for _, col := range []int{0, 4} { // as the ranking does (fitColumns): a campaign's code sets the numbers' length
		s.widths[col] = longestWidth(registerColumns[col].width, len(rows), func(i int) string { return registerColumns[col].text(&rows[i]) })
	}
	reshare(s.columns)
	s.table.Refresh()
	s.footer.SetText(s.footerText())
	switch {
	case len(rows) > 0:
		s.empty.Hide()
	case s.filter.Search != "" || s.filter.Status != "" || s.filter.ThemeID != 0 || s.filter.QPV != "" || s.filter.Commune != "" ||
		s.filter.Missing != "" || len(s.filter.Statuses) > 0:
		s.empty.SetText("Aucun dossier ne correspond à la recherche ou aux filtres.")
		s.empty.Show()
	default:
		s.empty.SetText("Aucun dossier dans cette campagne.\nNouveau dossier (Ctrl+N), Importer…, ou Fichier › Charger le jeu de démonstration fictif.")
		s.empty.Show()
	}
}

// longestWidth is what a column of n numbers or amounts needs to show the
// longest whole (« DEMO2022-001 » as well as « AMI2021-001 », « 150 000,00 € »),
// and base at least; only the longest is measured, so thousands of lines
// cost nothing.
func longestWidth(base float32, n int, text func(i int) string) float32 {
	longest := ""
	for i := range n {
		if t := text(i); utf8.RuneCountInString(t) > utf8.RuneCountInString(longest) {
			longest = t
		}
	}
	return max(base, textWidth(longest)+2*theme.Padding())
}

// statusWidth is what « Statut » needs to show every status whole, « Irrecevable
// (hors délai) » included.
func statusWidth() float32 {
	w := registerColumns[5].width
	for _, st := range data.Statuses {
		w = max(w, textWidth(st.Label()+" (hors délai)")+2*theme.Padding())
	}
	return w
}

func (s *registerScreen) footerText() string {
	c := s.env.campaign()
	pct := ""
	if c.EnvelopeCents > 0 {
		pct = fmt.Sprintf(" (%s\u00a0%% de l'enveloppe)", data.FormatInt(s.totals.RequestedCents*100/c.EnvelopeCents))
	}
	return fmt.Sprintf("%s — total demandé : %s pour une enveloppe de %s%s",
		data.Count(s.totals.Count, "dossier", "dossiers"), data.FormatEuros(s.totals.RequestedCents), data.FormatEuros(c.EnvelopeCents), pct)
}

func (s *registerScreen) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	l := cellLabel(o)
	if id.Row < 0 || id.Row >= len(s.rows) {
		l.SetText("")
		return
	}
	col := registerColumns[id.Col]
	l.Alignment = fyne.TextAlignLeading
	if col.right {
		l.Alignment = fyne.TextAlignTrailing
	}
	r := &s.rows[id.Row]
	l.Importance = widget.MediumImportance
	if r.Late || r.Status == data.StatusIrrecevable {
		l.Importance = widget.DangerImportance
	}
	if col.text == nil {
		if s.past.barred(r.ID) {
			l.Importance = widget.DangerImportance
		}
		l.SetText(s.past.line(r.ID))
		return
	}
	l.SetText(col.text(r))
}

func (s *registerScreen) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	b := o.(*widget.Button)
	if id.Col < 0 {
		return
	}
	col := registerColumns[id.Col]
	b.SetText(col.title)
	sorted := s.filter.Sort == col.sort || (s.filter.Sort == "" && col.sort == data.SortNumber)
	// Noto Sans has no ▲/▼: the theme's icons show the order instead.
	switch {
	case !sorted || col.sort == "":
		b.SetIcon(nil)
	case s.filter.Desc:
		b.SetIcon(theme.MoveDownIcon())
	default:
		b.SetIcon(theme.MoveUpIcon())
	}
	colIdx := id.Col
	b.OnTapped = func() { s.onSort(colIdx) }
}

// openForm shows the form of an existing application (r) or of a new one (nil).
func (s *registerScreen) openForm(r *data.Row) {
	ctx := context.Background()
	var a *data.Application
	if r != nil {
		var err error
		if a, err = s.env.register().Application(ctx, r.ID); err != nil {
			s.env.showError(err)
			return
		}
	}
	s.form = newAppForm(ctx, s.env, a)
	s.form.onSaved = func(ctx context.Context, _ *data.Application) {
		s.past.load(ctx, s.env.structures()) // a dossier saved may change its structure's key
		s.reload(ctx)
	}
	s.form.onClose = s.closeForm
	s.root.Objects = []fyne.CanvasObject{s.form.view()}
	s.root.Refresh()
	s.form.focusFirst()
}

// guard runs then, after asking, when an open form holds unsaved changes.
func (s *registerScreen) guard(then func(), cancel func()) {
	if s.form == nil || !s.form.dirty() {
		then()
		return
	}
	s.env.askDiscard("Les modifications du dossier en cours ne sont pas enregistrées.\nLes abandonner ?",
		func() {
			s.closeForm()
			then()
		}, cancel)
}

func (s *registerScreen) closeForm() {
	s.form = nil
	s.root.Objects = []fyne.CanvasObject{s.list}
	s.root.Refresh()
}

func (s *registerScreen) onSaveShortcut() {
	if s.form != nil {
		s.form.onSave()
	}
}

// showFiltered opens the register on what a dashboard tile counts: the
// selectors show the status, theme, QPV and commune of f; what they cannot
// show (a missing piece, several statuses) is named above the table, with a
// button that removes it.
func (s *registerScreen) showFiltered(ctx context.Context, f data.Filter, caption string) {
	s.closeForm()
	s.reset(ctx)
	s.filter = f
	c := s.env.campaign()
	s.status.Selected, s.theme.Selected, s.qpv.Selected, s.commune.Selected = allOption, allOption, allOption, allOption
	if f.Status != "" {
		s.status.Selected = f.Status.Label()
	}
	if t, ok := c.ThemeByID(f.ThemeID); ok {
		s.theme.Selected = t.Label
	}
	if q, ok := c.QPVByCodeOrName(f.QPV); ok && f.QPV != "" {
		s.qpv.Selected = qpvOption(q)
	}
	if f.Commune != "" {
		s.commune.Selected = c.CommuneName(f.Commune)
	}
	for _, sel := range []*widget.Select{s.status, s.theme, s.qpv, s.commune} {
		sel.Refresh()
	}
	if caption != "" {
		clear := widget.NewButtonWithIcon("Retirer ce filtre", theme.CancelIcon(), s.clearPreset)
		l := widget.NewLabel("Filtre du tableau de bord : " + caption)
		l.Importance = widget.HighImportance
		s.preset.Add(container.NewBorder(nil, nil, nil, clear, l))
	}
	s.reload(ctx)
}

// clearPreset removes what the dashboard set beyond the selectors.
func (s *registerScreen) clearPreset() {
	s.preset.RemoveAll()
	s.filter.Missing, s.filter.Statuses = "", nil
	s.reload(context.Background())
}
