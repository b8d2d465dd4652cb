package ui

import (
	"context"
	"fmt"
	"math/big"
	"sort"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/campaign"
	"github.com/call-agglo/cohesion/data/jury"
)

// rankColumn is one column of the ranking table; less sorts by it.
type rankColumn struct {
	title string
	width float32
	text  func(r *campaign.RankingRow) string
	less  func(a, b *campaign.RankingRow) bool
}

func rankText(r *campaign.RankingRow) string {
	if r.Rank == 0 {
		return "—"
	}
	return strconv.Itoa(r.Rank)
}

func decisionText(r *campaign.RankingRow) string { return r.DecisionText() }

func harmonisedText(r *campaign.RankingRow) string { return r.HarmonisedText() }

// byRank keeps the official order: ranked lines by rank, then the others.
func byRank(a, b *campaign.RankingRow) bool {
	if (a.Rank == 0) != (b.Rank == 0) {
		return a.Rank != 0
	}
	if a.Rank != b.Rank {
		return a.Rank < b.Rank
	}
	return a.Number < b.Number
}

// The indexes of rankColumns that fit their text (fitColumns). « Décision »
// comes before « Thématique » and « Alertes », which would push it, or narrow
// « Structure », off a 1024 px screen.
const (
	numberColumn   = 1
	decisionColumn = 7
	alertsColumn   = 9
)

var rankColumns = []rankColumn{
	{"Rang", 55, rankText, byRank},
	{"Numéro", 95, func(r *campaign.RankingRow) string { return r.Number }, func(a, b *campaign.RankingRow) bool { return a.Number < b.Number }},
	{"Structure", 165, func(r *campaign.RankingRow) string { return r.Row.Structure },
		func(a, b *campaign.RankingRow) bool { return data.CompareFold(a.Row.Structure, b.Row.Structure) < 0 }},
	{"Projet", 150, func(r *campaign.RankingRow) string { return r.Row.Title },
		func(a, b *campaign.RankingRow) bool { return data.CompareFold(a.Row.Title, b.Row.Title) < 0 }},
	{"Note /20", 75, func(r *campaign.RankingRow) string { return jury.FormatScore(r.F) }, func(a, b *campaign.RankingRow) bool {
		switch {
		case a.F == nil || b.F == nil:
			return a.F != nil
		}
		return a.F.Cmp(b.F) > 0
	}},
	{"Grilles", 62, func(r *campaign.RankingRow) string { return strconv.Itoa(r.Counted) }, func(a, b *campaign.RankingRow) bool { return a.Counted > b.Counted }},
	{"Harmonisée", 90, harmonisedText, func(a, b *campaign.RankingRow) bool {
		if a.HasHarmonised != b.HasHarmonised {
			return a.HasHarmonised
		}
		return a.Harmonised > b.Harmonised
	}},
	{"Décision", 130, decisionText, func(a, b *campaign.RankingRow) bool { return decisionText(a) < decisionText(b) }},
	{"Thématique", 105, func(r *campaign.RankingRow) string { return r.Row.Theme },
		func(a, b *campaign.RankingRow) bool { return data.CompareFold(a.Row.Theme, b.Row.Theme) < 0 }},
	{"Alertes", 190, func(r *campaign.RankingRow) string { return strings.Join(r.Flags, " ; ") },
		func(a, b *campaign.RankingRow) bool { return len(a.Flags) > len(b.Flags) }},
}

// rankingScreen shows the ranking computed by the published rules, and records
// the jury's decisions from it.
type rankingScreen struct {
	env    screenEnv
	loaded *campaign.View // the last loaded, for the reviews
	rows   []campaign.RankingRow
	sortBy int
	desc   bool

	table   *widget.Table
	widths  []float32         // the columns' base widths (see stretchColumns)
	columns fyne.CanvasObject // the table in its stretchColumns
	summary *frenchLabel
	root    fyne.CanvasObject
}

func newRankingScreen(env screenEnv) *rankingScreen { return &rankingScreen{env: env} }

func (s *rankingScreen) view() fyne.CanvasObject {
	s.build()
	s.reload(context.Background())
	return s.root
}

func (s *rankingScreen) build() {
	s.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(s.rows), len(rankColumns) },
		func() fyne.CanvasObject { return newTipLabel(s.table) },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := cellLabel(o)
			if id.Row >= len(s.rows) {
				return
			}
			r := &s.rows[id.Row]
			l.Importance = widget.MediumImportance
			if r.Rank == 0 {
				l.Importance = widget.LowImportance
			}
			if id.Col == alertsColumn && len(r.Flags) > 0 {
				l.Importance = widget.WarningImportance
			}
			l.SetText(rankColumns[id.Col].text(r))
		})
	s.table.ShowHeaderColumn = false
	s.table.CreateHeader = func() fyne.CanvasObject {
		b := widget.NewButtonWithIcon("", nil, nil)
		b.Importance = widget.LowImportance
		b.Alignment = widget.ButtonAlignLeading
		b.IconPlacement = widget.ButtonIconTrailingText
		return b
	}
	s.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		b := o.(*widget.Button)
		if id.Col < 0 {
			return
		}
		b.SetText(rankColumns[id.Col].title)
		b.SetIcon(nil)
		if id.Col == s.sortBy {
			if s.desc {
				b.SetIcon(theme.MoveDownIcon())
			} else {
				b.SetIcon(theme.MoveUpIcon())
			}
		}
		col := id.Col
		b.OnTapped = func() { s.onSort(col) }
	}
	var widths []float32
	for _, c := range rankColumns {
		widths = append(widths, c.width)
	}
	s.widths = widths
	s.table.OnSelected = func(id widget.TableCellID) {
		if id.Row >= 0 && id.Row < len(s.rows) {
			s.onDecide(s.rows[id.Row])
		}
		s.table.UnselectAll()
	}
	s.summary = newFrenchLabel("") // « 10,00 / 20 » on one line
	refresh := widget.NewButtonWithIcon("Recalculer", theme.ViewRefreshIcon(), func() { s.reload(context.Background()) })
	confirm := widget.NewButtonWithIcon("Confirmer les propositions…", theme.ConfirmIcon(), s.onConfirmProposals)
	confirm.Importance = widget.HighImportance
	var titles []string
	for _, c := range rankColumns {
		titles = append(titles, c.title)
	}
	s.columns = stretchColumns(s.table, widths, columnKeys{s.env.prefs(), "classement", titles},
		columnShare{grow: []int{2, 3, alertsColumn}, key: []int{numberColumn, 2, decisionColumn}})
	heading := widget.NewLabelWithStyle("Classement du jury", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	help := widget.NewLabel("Cliquez sur une ligne pour enregistrer la décision du jury ; cliquez sur un en-tête pour trier.")
	if s.env.campaign().Locked() { // the decisions are the deliberation's: nothing here can change them
		confirm.Disable()
		help.SetText("Décisions arrêtées par la délibération : cliquez sur un en-tête pour trier.")
	}
	s.root = container.NewBorder(
		container.NewVBox(container.NewBorder(nil, nil, nil, container.NewHBox(refresh, confirm), heading), help),
		s.summary, nil, nil, s.columns)
}

func (s *rankingScreen) reload(ctx context.Context) {
	v, err := campaign.Load(ctx, s.env.snapshots(), s.env.campaign().ID, data.SnapshotOptions{History: true})
	if err != nil {
		s.env.showError(err)
		return
	}
	rows := v.Ranked
	s.loaded, s.rows = v, rows
	s.sort()
	ranked, retained, decided := 0, 0, 0
	for _, r := range rows {
		if r.Rank > 0 {
			ranked++
		}
		if r.Decision != nil {
			decided++
			if r.Decision.Decision == data.DecisionRetenu {
				retained++
			}
		}
	}
	c := s.env.campaign()
	s.fitColumns()
	s.summary.SetText(fmt.Sprintf("%s — note minimale %s, quorum %s — %s.",
		rankedCount(ranked, len(rows)), outOf(jury.FormatScore(hundredthsRat(c.MinScoreHundredths)), "20"),
		data.Count(c.Quorum, "grille", "grilles"), decidedCount(decided, retained)) + pendingNote(v))
	s.table.Refresh()
}

// rankedCount says how many of the rows are ranked: « 28 dossiers classés
// sur 30 », « Aucun dossier à classer ».
func rankedCount(ranked, rows int) string {
	if rows == 0 {
		return "Aucun dossier à classer"
	}
	return data.CountNone(ranked, "Aucun dossier classé", "dossier classé", "dossiers classés") + " sur " + data.FormatInt(int64(rows))
}

// decidedCount says the decisions recorded: « 3 décisions enregistrées, dont
// 2 retenus », « aucune décision enregistrée ».
func decidedCount(decided, retained int) string {
	if decided == 0 {
		return "aucune décision enregistrée"
	}
	return data.Count(decided, "décision enregistrée", "décisions enregistrées") + ", dont " +
		data.CountNone(retained, "aucun retenu", "retenu", "retenus")
}

// pendingNote names the dossiers the ranking leaves apart, still in
// instruction, so that none is left out silently; "" when there are none.
func pendingNote(v *campaign.View) string {
	if len(v.Pending) == 0 {
		return ""
	}
	numbers := make([]string, len(v.Pending))
	for i, r := range v.Pending {
		numbers[i] = r.Number
	}
	return "\nÀ instruire, hors classement : " + data.Count(len(numbers), "dossier", "dossiers") + " ni recevable ni irrecevable (" +
		strings.Join(numbers, ", ") + ") : déclarez-les recevables ou irrecevables (section Instruction du dossier) pour que le jury les classe."
}

// fitColumns widens « Numéro », « Décision » and « Alertes » to their
// longest text (« ex aequo départagé : critère le plus pondéré »), the alerts
// up to a limit, so they read whole.
func (s *rankingScreen) fitColumns() {
	for _, col := range []int{numberColumn, decisionColumn, alertsColumn} {
		w := columnWidth(s.rows, col)
		if s.widths != nil {
			s.widths[col] = w // the base the table's layout shares the window from
		}
	}
	reshare(s.columns) // a width set here would read as the user's
}

// columnWidth is what a column needs to show its every text whole (« AMI2021-
// 001 », « proposé : non retenu »); « Alertes » stops at 460 px, the rest
// under the mouse.
func columnWidth(rows []campaign.RankingRow, col int) float32 {
	w := rankColumns[col].width
	measured := map[string]bool{} // thousands of lines share a few texts: each is measured once
	for i := range rows {
		text := rankColumns[col].text(&rows[i])
		if measured[text] {
			continue
		}
		measured[text] = true
		// A table's cell keeps a padding on each side of its label.
		w = max(w, textWidth(text)+2*theme.Padding())
	}
	if col == alertsColumn {
		return min(w, 460)
	}
	return w
}

func (s *rankingScreen) onSort(col int) {
	if s.sortBy == col {
		s.desc = !s.desc
	} else {
		s.sortBy, s.desc = col, false
	}
	s.sort()
	reshare(s.columns) // the sort icon moved to another header
	s.table.Refresh()
}

func (s *rankingScreen) sort() {
	less := rankColumns[s.sortBy].less
	sort.SliceStable(s.rows, func(i, j int) bool {
		a, b := &s.rows[i], &s.rows[j]
		if s.desc {
			a, b = b, a
		}
		if less(a, b) {
			return true
		}
		if less(b, a) {
			return false
		}
		return byRank(&s.rows[i], &s.rows[j])
	})
}

// onDecide opens the decision of one application, prefilled with the proposal.
func (s *rankingScreen) onDecide(r campaign.RankingRow) {
	c := s.env.campaign()
	if c.Locked() {
		s.env.inform("Décision", "La décision sur le dossier "+r.Number+" est arrêtée par la délibération n° "+c.DeliberationNumber+
			" du "+c.DeliberationDate.Format()+" : rouvrez la campagne pour la modifier.")
		return
	}
	if r.Row.Status == data.StatusIrrecevable || r.Row.Status == data.StatusSansSuite {
		s.env.inform("Décision", "Le dossier "+r.Number+" est "+strings.ToLower(r.Row.Status.Label())+" : le jury ne statue pas.")
		return
	}
	var labels []string
	for _, d := range data.Decisions {
		labels = append(labels, d.Label())
	}
	sel := newSelect(labels, "Choisir une décision", nil)
	motivation := newEscEntry(true)
	motivation.SetMinRowsVisible(3)
	motivation.Wrapping = fyne.TextWrapWord
	date := newDateEntry(s.env.win, false)
	date.entry.SetText(c.Jury.From.Format())
	switch {
	case r.Decision != nil:
		sel.SetSelected(r.Decision.Decision.Label())
		motivation.SetText(r.Decision.Motivation)
		date.entry.SetText(r.Decision.JuryDate.Format())
	case r.Proposed != "":
		sel.SetSelected(r.Proposed.Label())
		if r.Proposed == data.DecisionNonRetenu {
			motivation.SetText(belowMotivation(r, c))
		}
	}
	info := widget.NewLabel(fmt.Sprintf("%s — %s\nNote : %s sur %s %s", r.Number, r.Row.Structure, outOf(jury.FormatScore(r.F), "20"), data.Count(r.Counted, "grille", "grilles"), strings.Join(r.Flags, " ; ")))
	info.Wrapping = fyne.TextWrapWord
	items := []*widget.FormItem{
		widget.NewFormItem("", info),
		widget.NewFormItem("Décision", sel),
		widget.NewFormItem("Motivation", motivation),
		widget.NewFormItem("Date du jury", date.root),
	}
	d := dialog.NewForm("Décision du jury", "Enregistrer", "Annuler", items, func(ok bool) {
		if !ok {
			return
		}
		dec, err := data.ParseDecision(sel.Selected)
		if err != nil {
			s.env.showError(err)
			return
		}
		jd := &data.JuryDecision{ApplicationID: r.ApplicationID, Decision: dec, Motivation: motivation.Text}
		if !data.Blank(date.entry.Text) {
			if jd.JuryDate, err = data.ParseDate(date.entry.Text); err != nil {
				s.env.showError(err)
				return
			}
		}
		ctx := context.Background()
		recordDecision(ctx, s.env, jd, func() { s.reload(ctx) })
	}, s.env.win())
	d.Resize(fyne.NewSize(600, 420))
	s.env.showDialog(d, nil)
}

func belowMotivation(r campaign.RankingRow, c *data.Campaign) string {
	return fmt.Sprintf("Note finale (%s) inférieure à la note minimale de %s.", outOf(jury.FormatScore(r.F), "20"), outOf(jury.FormatScore(hundredthsRat(c.MinScoreHundredths)), "20"))
}

// onConfirmProposals records the proposal of every ranked, undecided line.
func (s *rankingScreen) onConfirmProposals() {
	c := s.env.campaign()
	var todo []campaign.RankingRow
	for _, r := range s.rows {
		if r.Decision == nil && r.Proposed != "" {
			todo = append(todo, r)
		}
	}
	if len(todo) == 0 {
		s.env.inform("Propositions", "Toutes les lignes classées ont déjà une décision.")
		return
	}
	if s.loaded == nil { // the last reload failed, and said why
		return
	}
	date := newDateEntry(s.env.win, false)
	date.entry.SetText(c.Jury.From.Format())
	msg := widget.NewLabel(fmt.Sprintf("Enregistrer la décision proposée pour %s sans décision ?\nRetenu quand la note atteint %s, non retenu sinon (motivation : note inférieure au seuil).",
		data.Count(len(todo), "dossier", "dossiers"), outOf(jury.FormatScore(hundredthsRat(c.MinScoreHundredths)), "20")) + barredLeft(s.rows))
	review, confirmed := reviewBox(s.loaded.Review(s.loaded.Retained()), s.env.showError)
	content := withReview(container.NewVBox(msg, widget.NewLabel("Date du jury"), date.root), review)
	d := dialog.NewCustomConfirm("Confirmer les propositions", "Confirmer", "Annuler", content, func(ok bool) {
		if !ok || !confirmed() {
			return
		}
		jd, err := data.ParseDate(date.entry.Text)
		if err != nil {
			s.env.showError(err)
			return
		}
		var ds []*data.JuryDecision
		var before []data.DecisionBefore
		for _, r := range todo {
			d := &data.JuryDecision{ApplicationID: r.ApplicationID, Decision: r.Proposed, JuryDate: jd}
			if r.Proposed == data.DecisionNonRetenu {
				d.Motivation = belowMotivation(r, c)
			}
			ds = append(ds, d)
			before = append(before, data.DecisionBefore{ApplicationID: r.ApplicationID, Status: r.Row.Status})
		}
		// All in one transaction: a failure leaves no decision half-confirmed.
		ctx := context.Background()
		if err := s.env.jury().Decide(ctx, ds...); err != nil {
			s.env.showError(err)
		} else {
			s.env.didBulk(ctx, "Confirmer les propositions", data.Revert{Decisions: before})
		}
		s.reload(ctx)
	}, s.env.win())
	d.Resize(fyne.NewSize(600, 260))
	s.env.showDialog(d, nil)
}

// barredLeft says which undecided lines « Confirmer les propositions » leaves
// to the jury: a structure owing a compte rendu financier elsewhere is
// proposed nothing (see campaign.RankingRow.Barred).
func barredLeft(rows []campaign.RankingRow) string {
	var numbers []string
	for _, r := range rows {
		if r.Decision == nil && r.Barred {
			numbers = append(numbers, r.Number)
		}
	}
	if len(numbers) == 0 {
		return ""
	}
	return fmt.Sprintf("\n%s sans proposition, à décider un par un (%s) : compte rendu financier en retard ou refusé dans une autre campagne (loi 2000-321 art. 10).",
		data.Count(len(numbers), "dossier reste", "dossiers restent"), strings.Join(numbers, ", "))
}

// hundredthsRat turns a score kept in hundredths (1000) into a rational (10).
func hundredthsRat(h int64) *big.Rat { return big.NewRat(h, 100) }
