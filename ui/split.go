package ui

import (
	"errors"
	"fmt"
	"math/big"
	"sort"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/alloc"
	"github.com/call-agglo/cohesion/data/campaign"
	"github.com/call-agglo/cohesion/data/jury"
)

// splitScreen shares the envelope among the retained applications: method and
// parameters, the table with locked lines, the gauge, totals by theme and QPV,
// a chart, and the saved scenarios (save, compare, adopt). It recomputes in the
// background as parameters change, so the window never freezes.
type splitScreen struct {
	app *App

	split  *campaign.Split
	scores map[int64]*big.Rat // F of each candidate, for the table
	locks  map[int64]int64
	result *alloc.Result
	gen    int // generation of the latest computation; older results are dropped
	shown  int // generation of the result on screen

	method            *widget.Select
	step, minimum, cp *widget.Entry
	partial           *widget.Check
	table             *widget.Table
	gauge             *widget.ProgressBar
	gaugeText         *widget.Label
	groups            *widget.Label
	chart             *fyne.Container
	banner            *widget.Label
	scenarios         *widget.Select
	name              *widget.Entry
	root              fyne.CanvasObject
}

// The amount and its lock come before the project's title, so they stay in view.
var splitHeads = []string{"Rang", "Numéro", "Structure", "Note", "Demandé", "Plafond", "Montant", "Fixé", "Projet"}
var splitWidths = []float32{45, 90, 150, 62, 105, 105, 118, 45, 200}

func newSplitScreen(a *App) *splitScreen { return &splitScreen{app: a, locks: map[int64]int64{}} }

func methodLabels() []string {
	return []string{alloc.Rank.Label(), alloc.Proportional.Label(), alloc.Uniform.Label()}
}

func (s *splitScreen) view() fyne.CanvasObject {
	s.build()
	s.reload()
	return s.root
}

func (s *splitScreen) build() {
	s.method = widget.NewSelect(methodLabels(), func(string) { s.recompute() })
	s.method.SetSelected(alloc.Rank.Label())
	s.step, s.minimum, s.cp = widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	s.step.SetText("1")
	s.minimum.SetText("0")
	s.cp.SetText("100")
	for _, e := range []*widget.Entry{s.step, s.minimum, s.cp} {
		e.OnChanged = func(string) { s.recompute() }
	}
	s.partial = widget.NewCheck("Financement partiel", func(bool) { s.recompute() })
	s.partial.SetChecked(true)
	params := container.NewHBox(widget.NewLabel("Méthode"), s.method, widget.NewLabel("Pas (€)"), sized(s.step, 80),
		widget.NewLabel("Minimum (€)"), sized(s.minimum, 90), widget.NewLabel("Plafond (% du coût)"), sized(s.cp, 60), s.partial)

	s.table = widget.NewTableWithHeaders(
		func() (int, int) {
			if s.result == nil {
				return 0, len(splitHeads)
			}
			return len(s.result.Lines), len(splitHeads)
		},
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			e := widget.NewEntry()
			c := widget.NewCheck("", nil)
			return container.NewStack(l, e, c)
		},
		s.updateCell)
	s.table.ShowHeaderColumn = false
	s.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 {
			o.(*widget.Label).SetText(splitHeads[id.Col])
		}
	}
	for i, w := range splitWidths {
		s.table.SetColumnWidth(i, w)
	}
	s.gauge = widget.NewProgressBar()
	s.gauge.TextFormatter = func() string {
		if s.result == nil {
			return ""
		}
		return fmt.Sprintf("%s répartis sur %s", data.FormatEuros(s.result.TotalCents), data.FormatEuros(s.result.EnvelopeCents))
	}
	s.gaugeText = widget.NewLabel("")
	s.groups = widget.NewLabel("")
	s.groups.Truncation = fyne.TextTruncateEllipsis // the side panel must not squeeze the table
	s.chart = container.NewVBox()
	s.banner = widget.NewLabel("")
	s.banner.Wrapping = fyne.TextWrapWord
	s.banner.Hide()

	s.scenarios = widget.NewSelect(nil, s.onLoadScenario)
	s.scenarios.PlaceHolder = "Scénarios enregistrés"
	s.name = widget.NewEntry()
	s.name.SetPlaceHolder("Nom du scénario")
	save := widget.NewButtonWithIcon("Enregistrer", theme.DocumentSaveIcon(), func() { s.onSave(false) })
	adopt := widget.NewButtonWithIcon("Adopter", theme.ConfirmIcon(), s.onAdopt)
	adopt.Importance = widget.HighImportance
	compare := widget.NewButtonWithIcon("Comparer…", theme.ViewRestoreIcon(), s.onCompare)
	delib := widget.NewButtonWithIcon("Délibération…", theme.DocumentIcon(), s.app.onDeliberation)
	bar := container.NewBorder(nil, nil, s.scenarios, container.NewHBox(save, compare, adopt, delib), s.name)

	side := container.NewVScroll(container.NewVBox(bold("Par thématique et par QPV"), s.groups, bold("Demandé et proposé par thématique"), s.chart))
	side.SetMinSize(fyne.NewSize(300, 0))
	heading := widget.NewLabelWithStyle("Répartition de l'enveloppe", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	help := widget.NewLabel("Pour fixer un montant à la main, tapez-le dans la colonne Montant puis Entrée ; décochez « Fixé » pour le libérer.")
	top := container.NewVBox(heading, params, bar, s.banner, container.NewBorder(nil, nil, nil, s.gaugeText, s.gauge), help)
	split := container.NewHSplit(s.table, side)
	split.Offset = 0.75
	s.root = container.NewBorder(top, nil, nil, nil, split)
}

func sized(o fyne.CanvasObject, w float32) fyne.CanvasObject {
	return container.NewGridWrap(fyne.NewSize(w, o.MinSize().Height), o)
}

// reload takes the candidates from the current ranking and decisions.
func (s *splitScreen) reload() {
	v, err := campaign.Load(s.app.ctx, s.app.db, s.app.campaign.ID, data.SnapshotOptions{})
	if err != nil {
		s.app.showError(err)
		return
	}
	split := v.Split
	s.split = split
	s.scores = make(map[int64]*big.Rat, len(split.Candidates))
	for _, k := range split.Candidates {
		s.scores[k.ID] = k.Score
	}
	s.reloadScenarios()
	s.recompute()
}

func (s *splitScreen) reloadScenarios() {
	list, err := s.app.db.Scenarios(s.app.ctx, s.app.campaign.ID)
	if err != nil {
		s.app.showError(err)
		return
	}
	var names []string
	var stale []string
	for _, sc := range list {
		label := sc.Name
		if sc.Adopted() {
			label += " (adopté)"
		}
		names = append(names, label)
		if sc.Fingerprint != s.split.Fingerprint { // saved from other scores, decisions or amounts
			stale = append(stale, "« "+sc.Name+" »")
		}
	}
	s.scenarios.Options = names
	s.scenarios.Refresh()
	if len(stale) > 0 {
		s.say("Les notes ou les décisions ont changé depuis l'enregistrement de "+strings.Join(stale, ", ")+" : chargez, vérifiez et enregistrez de nouveau.", widget.WarningImportance)
	}
}

func (s *splitScreen) say(msg string, imp widget.Importance) {
	s.banner.Importance = imp
	s.banner.SetText(msg)
	s.banner.Show()
}

// params reads the parameters; an unreadable one is reported and nothing computed.
func (s *splitScreen) params() (alloc.Params, error) {
	p := alloc.DefaultParams(s.app.campaign.EnvelopeCents)
	for _, m := range []alloc.Method{alloc.Rank, alloc.Proportional, alloc.Uniform} {
		if m.Label() == s.method.Selected {
			p.Method = m
		}
	}
	var err error
	if p.StepCents, err = data.ParseAmount(s.step.Text); err != nil {
		return p, data.Errorf(data.EINVALID, "Pas d'arrondi : %s", data.ErrorMessage(err))
	}
	if p.MinCents, err = data.ParseAmount(s.minimum.Text); err != nil {
		return p, data.Errorf(data.EINVALID, "Montant minimum : %s", data.ErrorMessage(err))
	}
	if p.CapPercent, err = strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s.cp.Text), "%"))); err != nil {
		return p, data.Errorf(data.EINVALID, "Plafond : un pourcentage entier est attendu.")
	}
	p.Partial = s.partial.Checked
	return p, p.Validate()
}

// recompute runs the split in the background and shows it when it is the latest.
func (s *splitScreen) recompute() {
	if s.split == nil || s.table == nil {
		return
	}
	s.gen++ // any computation still running is now stale
	p, err := s.params()
	if err != nil {
		s.clearResult()
		s.say(data.ErrorMessage(err), widget.DangerImportance)
		return
	}
	gen, split := s.gen, s.split
	locks := make(map[int64]int64, len(s.locks))
	for k, v := range s.locks {
		locks[k] = v
	}
	done := func(res *alloc.Result, err error) {
		if gen != s.gen {
			return // parameters changed meanwhile
		}
		if err != nil {
			s.say(data.ErrorMessage(err), widget.DangerImportance)
			return
		}
		if s.banner.Importance == widget.DangerImportance {
			s.banner.Hide()
		}
		s.shown = gen
		s.show(res)
	}
	if s.app.sync {
		done(split.Compute(p, locks))
		return
	}
	go func() {
		res, err := split.Compute(p, locks)
		fyne.Do(func() { done(res, err) })
	}()
}

// clearResult empties every panel derived from the result: none is shown for
// parameters that cannot be read.
func (s *splitScreen) clearResult() {
	s.result = nil
	s.table.Refresh()
	s.gauge.SetValue(0)
	s.gaugeText.SetText("")
	s.groups.SetText("")
	s.chart.RemoveAll()
}

func (s *splitScreen) show(res *alloc.Result) {
	s.result = res
	s.table.Refresh()
	if res.EnvelopeCents > 0 {
		s.gauge.SetValue(float64(res.TotalCents) / float64(res.EnvelopeCents))
	}
	s.gaugeText.SetText("Reliquat : " + data.FormatEuros(res.RemainderCents) + fmt.Sprintf(" — %d projet(s) financé(s)", res.Funded))
	var b strings.Builder
	for _, g := range alloc.GroupBy(res.Lines, s.split.ThemeOf) {
		fmt.Fprintf(&b, "%s : %s (%d)\n", g.Key, data.FormatEuros(g.AmountCents), g.Count)
	}
	b.WriteString("\n")
	qpv := alloc.GroupBy(res.Lines, s.split.QPVOf)
	sort.Slice(qpv, func(i, j int) bool { return qpv[i].AmountCents > qpv[j].AmountCents })
	for _, g := range qpv {
		fmt.Fprintf(&b, "%s : %s (%d)\n", qpvName(s.app.campaign, g.Key), data.FormatEuros(g.AmountCents), g.Count)
	}
	s.groups.SetText(strings.TrimSpace(b.String()))
	s.drawChart(alloc.GroupBy(res.Lines, s.split.ThemeOf))
}

func qpvName(c *data.Campaign, code string) string {
	if q, ok := c.QPVByCodeOrName(code); ok {
		return q.Name
	}
	return code
}

// drawChart draws, per theme, a bar for what is requested and one for what is
// proposed, to the same scale.
func (s *splitScreen) drawChart(groups []alloc.Group) {
	s.chart.RemoveAll()
	var most int64 = 1
	for _, g := range groups {
		most = max(most, g.RequestedCents)
	}
	for _, g := range groups {
		req := canvas.NewRectangle(theme.Color(theme.ColorNameDisabled))
		got := canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
		key := widget.NewLabel(g.Key)
		key.Truncation = fyne.TextTruncateEllipsis
		s.chart.Add(key)
		s.chart.Add(container.New(&barLayout{share: float32(g.RequestedCents) / float32(most)}, req))
		s.chart.Add(container.New(&barLayout{share: float32(g.AmountCents) / float32(most)}, got))
		amounts := widget.NewLabel("demandé " + data.FormatEuros(g.RequestedCents) + " — proposé " + data.FormatEuros(g.AmountCents))
		amounts.Truncation = fyne.TextTruncateEllipsis
		s.chart.Add(amounts)
	}
}

// barLayout draws its one object as a bar of share × the available width.
type barLayout struct{ share float32 }

func (l *barLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 2))
		o.Resize(fyne.NewSize(size.Width*l.share, size.Height-4))
	}
}

func (l *barLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(100, 14) }

func (s *splitScreen) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	st := o.(*fyne.Container)
	l, e, ch := st.Objects[0].(*widget.Label), st.Objects[1].(*widget.Entry), st.Objects[2].(*widget.Check)
	l.Hide()
	e.Hide()
	ch.Hide()
	if s.result == nil || id.Row >= len(s.result.Lines) {
		return
	}
	line := s.result.Lines[id.Row]
	row := s.split.Rows[line.ID]
	switch id.Col {
	case 6:
		e.Show()
		e.OnSubmitted = nil
		e.SetText(data.FormatAmount(line.AmountCents))
		lineID := line.ID
		e.OnSubmitted = func(text string) { s.onLock(lineID, text) }
		return
	case 7:
		ch.Show()
		ch.OnChanged = nil
		ch.SetChecked(line.Locked)
		lineID := line.ID
		ch.OnChanged = func(on bool) {
			if !on {
				s.onUnlock(lineID)
			} else {
				s.onLock(lineID, data.FormatAmount(line.AmountCents))
			}
		}
		return
	}
	l.Show()
	l.Alignment = fyne.TextAlignLeading
	switch id.Col {
	case 0:
		l.SetText(strconv.Itoa(line.Rank))
	case 1:
		l.SetText(line.Number)
	case 2:
		l.SetText(row.Structure)
	case 3:
		l.SetText(jury.FormatScore(s.scores[line.ID]))
	case 4:
		l.Alignment = fyne.TextAlignTrailing
		l.SetText(data.FormatEuros(line.RequestedCents))
	case 5:
		l.Alignment = fyne.TextAlignTrailing
		l.SetText(data.FormatEuros(line.CapCents))
	case 8:
		l.SetText(row.Title)
	}
}

// onLock fixes a line at the amount typed; the others share the rest.
func (s *splitScreen) onLock(id int64, text string) {
	v, err := data.ParseAmount(text)
	if err != nil {
		s.say("Montant fixé : "+data.ErrorMessage(err), widget.DangerImportance)
		return
	}
	s.locks[id] = v
	s.recompute()
}

func (s *splitScreen) onUnlock(id int64) {
	delete(s.locks, id)
	s.recompute()
}

func (s *splitScreen) onLoadScenario(label string) {
	name := strings.TrimSuffix(label, " (adopté)")
	if name == "" {
		return
	}
	sc, err := s.app.db.Scenario(s.app.ctx, s.app.campaign.ID, name)
	if err != nil {
		s.app.showError(err)
		return
	}
	s.name.SetText(sc.Name)
	s.locks = sc.Locks
	p := sc.Params
	s.step.SetText(data.FormatAmount(p.StepCents))
	s.minimum.SetText(data.FormatAmount(p.MinCents))
	s.cp.SetText(strconv.Itoa(p.CapPercent))
	s.partial.SetChecked(p.Partial)
	s.method.SetSelected(p.Method.Label())
	s.recompute()
}

func (s *splitScreen) onSave(confirmAdopted bool) {
	switch {
	case s.result == nil:
		s.say("Corrigez d'abord les paramètres : aucune répartition n'est calculée.", widget.WarningImportance)
		return
	case s.shown != s.gen:
		s.say("Calcul en cours avec les nouveaux paramètres : enregistrez dans un instant.", widget.WarningImportance)
		return
	}
	_, err := s.app.db.SaveScenario(s.app.ctx, s.app.campaign, s.name.Text, s.result, s.locks, s.split.Fingerprint, confirmAdopted)
	if adopted := (*data.AdoptedChangeError)(nil); errors.As(err, &adopted) && !confirmAdopted {
		s.app.confirm("Modifier le scénario adopté", "Modifier", "Annuler", widget.NewLabel(data.ErrorMessage(err)), func(ok bool) {
			if ok {
				s.onSave(true)
			}
		})
		return
	}
	if err != nil {
		s.say(data.ErrorMessage(err), widget.DangerImportance)
		return
	}
	s.banner.Hide()
	s.reloadScenarios()
	s.say("Scénario « "+data.Clean(s.name.Text)+" » enregistré.", widget.SuccessImportance)
}

func (s *splitScreen) onAdopt() {
	name := data.Clean(s.name.Text)
	if name == "" {
		s.say("Enregistrez d'abord le scénario sous un nom.", widget.WarningImportance)
		return
	}
	s.app.confirm("Adopter le scénario", "Adopter", "Annuler",
		widget.NewLabel("Adopter « "+name+" » ? C'est lui que l'annexe à la délibération et les lettres imprimeront."),
		func(ok bool) {
			if !ok {
				return
			}
			if err := s.app.db.AdoptScenario(s.app.ctx, s.app.campaign.ID, name); err != nil {
				s.say(data.ErrorMessage(err), widget.DangerImportance)
				return
			}
			s.reloadScenarios()
			s.say("Scénario « "+name+" » adopté.", widget.SuccessImportance)
		})
}

// onCompare puts two or three saved scenarios side by side.
func (s *splitScreen) onCompare() {
	list, err := s.app.db.Scenarios(s.app.ctx, s.app.campaign.ID)
	if err != nil || len(list) < 2 {
		s.say("Enregistrez au moins deux scénarios pour les comparer.", widget.WarningImportance)
		return
	}
	var names []string
	for _, sc := range list {
		names = append(names, sc.Name)
	}
	pick := widget.NewCheckGroup(names, nil)
	pick.SetSelected(names[:min(3, len(names))])
	s.app.confirm("Comparer des scénarios", "Comparer", "Annuler", pick, func(ok bool) {
		if !ok {
			return
		}
		if n := len(pick.Selected); n < 2 || n > 3 {
			s.say("Choisissez deux ou trois scénarios.", widget.WarningImportance)
			return
		}
		s.showComparison(pick.Selected)
	})
}

func (s *splitScreen) showComparison(names []string) {
	var scs []*data.Scenario
	for _, n := range names {
		sc, err := s.app.db.Scenario(s.app.ctx, s.app.campaign.ID, n)
		if err != nil {
			s.app.showError(err)
			return
		}
		scs = append(scs, sc)
	}
	text := compareText(s.app.campaign, s.split, scs)
	e := widget.NewMultiLineEntry()
	e.SetText(text)
	e.TextStyle = fyne.TextStyle{Monospace: true}
	d := dialog.NewCustom("Comparaison des scénarios", "Fermer", e, s.app.win)
	d.Resize(fyne.NewSize(1000, 640))
	s.app.showDialog(d, nil)
}

// compareText lays scenarios side by side: per application, then by theme, QPV and commune.
func compareText(c *data.Campaign, split *campaign.Split, scs []*data.Scenario) string {
	var b strings.Builder
	amount := func(sc *data.Scenario, id int64) int64 {
		for _, l := range sc.Lines {
			if l.ID == id {
				return l.AmountCents
			}
		}
		return 0
	}
	fmt.Fprintf(&b, "%-14s %-30s", "Numéro", "Structure")
	for _, sc := range scs {
		fmt.Fprintf(&b, " %18s", cutText(sc.Name, 18))
	}
	b.WriteString("\n")
	seen := map[int64]bool{}
	for _, sc := range scs {
		for _, l := range sc.Lines {
			if seen[l.ID] {
				continue
			}
			seen[l.ID] = true
			fmt.Fprintf(&b, "%-14s %-30s", l.Number, cutText(split.Rows[l.ID].Structure, 30))
			for _, x := range scs {
				fmt.Fprintf(&b, " %18s", data.FormatEurosPlain(amount(x, l.ID)))
			}
			b.WriteString("\n")
		}
	}
	fmt.Fprintf(&b, "%-45s", "Total")
	for _, sc := range scs {
		fmt.Fprintf(&b, " %18s", data.FormatEurosPlain(sc.TotalCents))
	}
	b.WriteString("\n")
	for _, grp := range []struct {
		title string
		key   func(alloc.Line) []string
	}{{"Par thématique", split.ThemeOf}, {"Par QPV", split.QPVOf}, {"Par commune", split.CommuneOf}} {
		fmt.Fprintf(&b, "\n%s\n", grp.title)
		keys := []string{}
		sums := make([]map[string]int64, len(scs))
		for i, sc := range scs {
			sums[i] = map[string]int64{}
			for _, g := range alloc.GroupBy(sc.Lines, grp.key) {
				if !containsKey(keys, g.Key) {
					keys = append(keys, g.Key)
				}
				sums[i][g.Key] = g.AmountCents
			}
		}
		sort.Strings(keys)
		for _, k := range keys {
			label := k
			if grp.title == "Par QPV" {
				label = qpvName(c, k)
			}
			fmt.Fprintf(&b, "%-45s", cutText(label, 45))
			for i := range scs {
				fmt.Fprintf(&b, " %18s", data.FormatEurosPlain(sums[i][k]))
			}
			b.WriteString("\n")
		}
	}
	return b.String()
}

func containsKey(keys []string, k string) bool {
	for _, x := range keys {
		if x == k {
			return true
		}
	}
	return false
}

func cutText(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
