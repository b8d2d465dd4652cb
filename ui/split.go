package ui

import (
	"context"
	"errors"
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
	"github.com/call-agglo/cohesion/data/alloc"
	"github.com/call-agglo/cohesion/data/campaign"
	"github.com/call-agglo/cohesion/data/chart"
	"github.com/call-agglo/cohesion/data/jury"
)

// splitScreen shares the envelope among the retained applications: method and
// parameters, the table with locked lines, the gauge, totals by theme and QPV,
// a chart, and the saved scenarios (save, compare, adopt). It recomputes in the
// background as parameters change, so the window never freezes.
type splitScreen struct {
	env screenEnv
	// onDeliberation opens the window's « Délibération » dialog.
	onDeliberation func()

	split  *campaign.Split
	scores map[int64]*big.Rat // F of each candidate, for the table
	locks  map[int64]int64
	result *alloc.Result
	gen    int // generation of the latest computation; older results are dropped
	shown  int // generation of the result on screen
	// kept is what the screen showed last (method, parameters, fixed
	// amounts, name), put back when the user comes back to it.
	kept *splitState

	method            *widget.Select
	step, minimum, cp *widget.Entry
	partial           *widget.Check
	table             *widget.Table
	gauge             *widget.ProgressBar
	gaugeText         *widget.Label
	groups            *fyne.Container
	chart             *fyne.Container
	banner            *widget.Label
	scenarios         *widget.Select
	name              *widget.Entry
	save, adopt       *widget.Button
	deliberate        *widget.Button // « Délibération… »: one deliberation, then « Rouvrir… » in the lock bar
	lockNote          *widget.Label
	help              *widget.Label     // how to fix an amount: said only while one can be
	widths            []float32         // the columns' base widths, « Numéro » fitted to the numbers
	columns           fyne.CanvasObject // the table in its stretchColumns
	root              fyne.CanvasObject
	// readOnly: the campaign is deliberated. The screen shows the adopted
	// scenario and nothing on it can be typed or chosen: a change would only
	// be refused at the save, after showing amounts nobody can adopt.
	readOnly bool
}

// The amount and its lock come right after the structure, so they stay in
// view on a 1024 px screen; the other columns scroll.
var splitHeads = []string{"Rang", "Numéro", "Structure", "Montant", "Fixé", "Demandé", "Plafond", "Note", "Projet"}
var splitWidths = []float32{45, 90, 150, 118, 45, 105, 105, 62, 200}

// The indexes of splitHeads.
const (
	splitRank = iota
	splitNumber
	splitStructure
	splitAmount
	splitFixed
	splitRequested
	splitCap
	splitScore
	splitTitle
)

// splitKeys are the columns that stay in view: the amounts and what bounds
// them; « Projet » scrolls.
var splitKeys = []int{splitNumber, splitStructure, splitAmount, splitFixed, splitRequested, splitCap, splitScore}

func newSplitScreen(env screenEnv, onDeliberation func()) *splitScreen {
	return &splitScreen{env: env, onDeliberation: onDeliberation, locks: map[int64]int64{}}
}

func methodLabels() []string {
	return []string{alloc.Rank.Label(), alloc.Proportional.Label(), alloc.Uniform.Label()}
}

// view opens on what the user left, or, the first time for a campaign, on
// the adopted scenario (else the one saved last) with its method, parameters
// and fixed amounts.
func (s *splitScreen) view() fyne.CanvasObject {
	ctx := context.Background()
	kept := s.kept
	s.readOnly = s.env.campaign().Locked()
	s.build()
	s.reload(ctx)
	switch {
	case kept != nil && kept.campaignID == s.env.campaign().ID && !s.readOnly:
		s.restore(kept)
	default:
		if list, err := s.env.splits().Scenarios(ctx, s.env.campaign().ID); err == nil {
			if name := campaign.CurrentScenario(list); name != "" {
				s.loadScenario(ctx, name)
			}
		}
	}
	s.showReadOnly()
	return s.root
}

// showReadOnly disables every input of a deliberated campaign and says why
// on the screen itself; comparing scenarios and the deliberation stay open.
func (s *splitScreen) showReadOnly() {
	if !s.readOnly {
		s.lockNote.Hide()
		return
	}
	c := s.env.campaign()
	s.lockNote.SetText("Lecture seule : la délibération n° " + c.DeliberationNumber + " du " + c.DeliberationDate.Format() +
		" a adopté ce scénario ; rouvrez la campagne pour modifier la répartition.")
	s.lockNote.Show()
	s.help.Hide()
	for _, w := range []fyne.Disableable{s.method, s.step, s.minimum, s.cp, s.partial, s.scenarios, s.name, s.save, s.adopt, s.deliberate} {
		w.Disable()
	}
	s.table.Refresh()
}

// splitState is the screen's inputs, kept between two visits.
type splitState struct {
	campaignID                       int64
	method, step, minimum, cap, name string
	partial                          bool
	locks                            map[int64]int64
}

func (s *splitScreen) keep() {
	locks := make(map[int64]int64, len(s.locks))
	for k, v := range s.locks {
		locks[k] = v
	}
	s.kept = &splitState{campaignID: s.env.campaign().ID, method: s.method.Selected, step: s.step.Text, minimum: s.minimum.Text,
		cap: s.cp.Text, name: s.name.Text, partial: s.partial.Checked, locks: locks}
}

func (s *splitScreen) restore(k *splitState) {
	s.locks = k.locks
	s.name.SetText(k.name)
	s.scenarios.Selected = s.labelOf(data.Clean(k.name))
	s.scenarios.Refresh()
	s.step.SetText(k.step)
	s.minimum.SetText(k.minimum)
	s.cp.SetText(k.cap)
	s.partial.SetChecked(k.partial)
	s.method.SetSelected(k.method)
	s.recompute()
}

func (s *splitScreen) build() {
	s.method = newSelect(methodLabels(), "Choisir une méthode", func(string) { s.recompute() })
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
	params := container.NewVBox(container.NewHBox(widget.NewLabel("Méthode"), s.method, s.partial), // two lines: a 1024 px screen
		container.NewHBox(widget.NewLabel("Pas (€)"), sized(s.step, 80),
			widget.NewLabel("Minimum (€)"), sized(s.minimum, 90), widget.NewLabel("Plafond (% du coût)"), sized(s.cp, 60)))

	s.table = widget.NewTableWithHeaders(
		func() (int, int) {
			if s.result == nil {
				return 0, len(splitHeads)
			}
			return len(s.result.Lines), len(splitHeads)
		},
		func() fyne.CanvasObject {
			l := newTipLabel(s.table)
			e := widget.NewEntry()
			c := widget.NewCheck("", nil)
			return container.NewStack(l, e, c)
		},
		s.updateCell)
	s.table.ShowHeaderColumn = false
	s.table.CreateHeader = headerLabel(s.table)
	s.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 {
			cellLabel(o).SetText(splitHeads[id.Col])
		}
	}
	s.gauge = widget.NewProgressBar()
	s.gauge.TextFormatter = func() string {
		if s.result == nil {
			return ""
		}
		return fmt.Sprintf("%s répartis sur %s", data.FormatEuros(s.result.TotalCents), data.FormatEuros(s.result.EnvelopeCents))
	}
	s.gaugeText = widget.NewLabel("")
	s.groups = container.NewVBox()
	s.chart = container.NewVBox()
	s.banner = widget.NewLabel("")
	s.banner.Wrapping = fyne.TextWrapWord
	s.banner.Hide()

	s.scenarios = newSelect(nil, "Scénarios enregistrés", s.onLoadScenario)
	s.name = widget.NewEntry()
	s.name.SetPlaceHolder("Nom du scénario")
	s.save = widget.NewButtonWithIcon("Enregistrer", theme.DocumentSaveIcon(), func() { s.onSave(false) })
	s.adopt = widget.NewButtonWithIcon("Adopter", theme.ConfirmIcon(), s.onAdopt)
	s.adopt.Importance = widget.HighImportance
	compare := widget.NewButtonWithIcon("Comparer…", theme.ViewRestoreIcon(), s.onCompare)
	s.deliberate = widget.NewButtonWithIcon("Délibération…", theme.DocumentIcon(), s.onDeliberation)
	bar := container.NewBorder(nil, nil, s.scenarios, container.NewHBox(s.save, compare, s.adopt, s.deliberate), s.name)
	s.lockNote = widget.NewLabel("")
	s.lockNote.Importance = widget.WarningImportance
	s.lockNote.Wrapping = fyne.TextWrapWord

	s.name.OnChanged = func(string) { s.keep() }
	side := container.NewVScroll(container.NewVBox(bold("Par thématique et par QPV"), s.groups, widget.NewSeparator(), s.chart))
	side.SetMinSize(fyne.NewSize(300, 0))
	heading := widget.NewLabelWithStyle("Répartition de l'enveloppe", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.help = widget.NewLabel("Pour fixer un montant à la main, tapez-le dans la colonne Montant puis Entrée ; décochez « Fixé » pour le libérer.")
	top := container.NewVBox(heading, s.lockNote, params, bar, s.banner, container.NewBorder(nil, nil, nil, s.gaugeText, s.gauge), s.help)
	s.widths = append([]float32(nil), splitWidths...)
	s.columns = stretchColumns(s.table, s.widths, columnKeys{s.env.prefs(), "repartition", splitHeads},
		columnShare{grow: []int{splitStructure, splitTitle}, key: splitKeys})
	s.root = container.NewBorder(top, nil, nil, nil, besideOrBelow(s.columns, side, 300))
}

// enable enables or disables w: table cells are reused from row to row.
func enable(w fyne.Disableable, on bool) {
	if on {
		w.Enable()
	} else {
		w.Disable()
	}
}

func sized(o fyne.CanvasObject, w float32) fyne.CanvasObject {
	return container.NewGridWrap(fyne.NewSize(w, o.MinSize().Height), o)
}

// reload takes the candidates from the current ranking and decisions.
func (s *splitScreen) reload(ctx context.Context) {
	v, err := campaign.Load(ctx, s.env.snapshots(), s.env.campaign().ID, data.SnapshotOptions{})
	if err != nil {
		s.env.showError(err)
		return
	}
	split := v.Split
	s.split = split
	s.scores = make(map[int64]*big.Rat, len(split.Candidates))
	for _, k := range split.Candidates {
		s.scores[k.ID] = k.Score
	}
	s.reloadScenarios(ctx)
	s.recompute()
}

func (s *splitScreen) reloadScenarios(ctx context.Context) {
	list, err := s.env.splits().Scenarios(ctx, s.env.campaign().ID)
	if err != nil {
		s.env.showError(err)
		return
	}
	var names []string
	var stale []string
	for _, sc := range list {
		names = append(names, scenarioLabel(sc))
		if sc.Fingerprint != s.split.Fingerprint { // saved from other scores, decisions or amounts
			stale = append(stale, "« "+sc.Name+" »")
		}
	}
	s.scenarios.Options = names
	s.scenarios.Selected = s.labelOf(data.Clean(s.name.Text))
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
	p := alloc.DefaultParams(s.env.campaign().EnvelopeCents)
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
	s.keep()
	if s.banner.Importance == widget.SuccessImportance {
		s.banner.Hide() // « Scénario … enregistré » no longer describes the amounts shown
	}
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
	compute := func() (*alloc.Result, error) { return split.Compute(p, locks) }
	background(s.env.run, compute, done)
}

// clearResult empties every panel derived from the result: none is shown for
// parameters that cannot be read.
func (s *splitScreen) clearResult() {
	s.result = nil
	s.table.Refresh()
	s.gauge.SetValue(0)
	s.gaugeText.SetText("")
	s.groups.RemoveAll()
	s.chart.RemoveAll()
}

func (s *splitScreen) show(res *alloc.Result) {
	s.result = res
	s.fitNumbers()
	s.table.Refresh()
	if res.EnvelopeCents > 0 {
		s.gauge.SetValue(float64(res.TotalCents) / float64(res.EnvelopeCents))
	}
	s.gaugeText.SetText("Reliquat : " + data.FormatEuros(res.RemainderCents) + " — " + data.Count(res.Funded, "projet financé", "projets financés"))
	s.groups.RemoveAll()
	for _, g := range alloc.GroupBy(res.Lines, s.split.ThemeOf) {
		s.groups.Add(figureLine(g.Key, g.AmountCents, g.Count))
	}
	s.groups.Add(widget.NewSeparator())
	qpv := alloc.GroupBy(res.Lines, s.split.QPVOf)
	sort.Slice(qpv, func(i, j int) bool { return qpv[i].AmountCents > qpv[j].AmountCents })
	for _, g := range qpv {
		s.groups.Add(figureLine(qpvName(s.env.campaign(), g.Key), g.AmountCents, g.Count))
	}
	s.drawChart(res)
}

// fitNumbers widens « Numéro » to its longest number (« AMI2021-001 »).
func (s *splitScreen) fitNumbers() {
	w := splitWidths[splitNumber]
	for _, l := range s.result.Lines {
		w = max(w, textWidth(l.Number)+2*theme.Padding())
	}
	if w != s.widths[splitNumber] {
		s.widths[splitNumber] = w
		reshare(s.columns) // a width set here would read as the user's
	}
}

// figureLine is a group's name, wrapped, and its whole amount beside it.
func figureLine(name string, cents int64, count int) fyne.CanvasObject {
	l := widget.NewLabel(fmt.Sprintf("%s (%d)", name, count))
	l.Wrapping = fyne.TextWrapWord
	amount := widget.NewLabel(data.FormatEuros(cents))
	return container.NewBorder(nil, nil, nil, amount, l)
}

func qpvName(c *data.Campaign, code string) string {
	if q, ok := c.QPVByCodeOrName(code); ok {
		return q.Name
	}
	return code
}

// drawChart draws what is requested and proposed per theme, with the model
// and the renderer of the dashboard and the PDF dossier (data/chart).
func (s *splitScreen) drawChart(res *alloc.Result) {
	rows := make([]data.Row, 0, len(res.Lines))
	proposed := make(map[int64]int64, len(res.Lines))
	for _, l := range res.Lines {
		rows = append(rows, s.split.Rows[l.ID])
		proposed[l.ID] = l.AmountCents
	}
	ch := chart.ByTheme(s.env.campaign(), chart.AmountsOf(rows, proposed))
	ch.Legend = []string{"Montant demandé", "Montant proposé"}
	s.chart.RemoveAll()
	s.chart.Add(drawChart(ch, nil))
}

func (s *splitScreen) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	st := o.(*fyne.Container)
	l, e, ch := cellLabel(st.Objects[0]), st.Objects[1].(*widget.Entry), st.Objects[2].(*widget.Check)
	l.Hide()
	e.Hide()
	ch.Hide()
	if s.result == nil || id.Row >= len(s.result.Lines) {
		return
	}
	line := s.result.Lines[id.Row]
	row := s.split.Rows[line.ID]
	switch id.Col {
	case splitAmount:
		e.Show()
		e.OnSubmitted = nil
		e.SetText(data.FormatAmount(line.AmountCents))
		enable(e, !s.readOnly)
		lineID := line.ID
		e.OnSubmitted = func(text string) { s.onLock(lineID, text) }
		return
	case splitFixed:
		ch.Show()
		ch.OnChanged = nil
		ch.SetChecked(line.Locked)
		enable(ch, !s.readOnly)
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
	case splitRank:
		l.SetText(strconv.Itoa(line.Rank))
	case splitNumber:
		l.SetText(line.Number)
	case splitStructure:
		l.SetText(row.Structure)
	case splitScore:
		l.SetText(jury.FormatScore(s.scores[line.ID]))
	case splitRequested:
		l.Alignment = fyne.TextAlignTrailing
		l.SetText(data.FormatEuros(line.RequestedCents))
	case splitCap:
		l.Alignment = fyne.TextAlignTrailing
		l.SetText(data.FormatEuros(line.CapCents))
	case splitTitle:
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
	if name := scenarioName(label); name != "" {
		s.loadScenario(context.Background(), name)
	}
}

// adoptedMark follows the adopted scenario's name wherever a scenario is
// listed or chosen: « Rang (adopté) ».
const adoptedMark = " (adopté)"

func scenarioLabel(sc data.ScenarioInfo) string {
	if sc.Adopted() {
		return sc.Name + adoptedMark
	}
	return sc.Name
}

// scenarioName is the name a label of scenarioLabel stands for.
func scenarioName(label string) string { return strings.TrimSuffix(label, adoptedMark) }

// labelOf is the selector's label of the scenario of that name, "" when the
// name is none of them (a new one, not saved yet).
func (s *splitScreen) labelOf(name string) string {
	for _, l := range s.scenarios.Options {
		if scenarioName(l) == name {
			return l
		}
	}
	return ""
}

// loadScenario puts a saved scenario's method, parameters and fixed amounts
// on screen, and recomputes it on today's scores and decisions.
func (s *splitScreen) loadScenario(ctx context.Context, name string) {
	sc, err := s.env.splits().Scenario(ctx, s.env.campaign().ID, name)
	if err != nil {
		s.env.showError(err)
		return
	}
	s.name.SetText(sc.Name)
	// Shown as chosen without calling onLoadScenario again.
	s.scenarios.Selected = s.labelOf(sc.Name)
	s.scenarios.Refresh()
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
	ctx := context.Background()
	_, err := s.env.splits().SaveScenario(ctx, s.env.campaign(), s.name.Text, s.result, s.locks, s.split.Fingerprint, confirmAdopted)
	if adopted := (*data.AdoptedChangeError)(nil); errors.As(err, &adopted) && !confirmAdopted {
		s.env.confirm("Modifier le scénario adopté", "Modifier", "Annuler", widget.NewLabel(data.ErrorMessage(err)), func(ok bool) {
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
	s.reloadScenarios(ctx)
	s.say("Scénario « "+data.Clean(s.name.Text)+" » enregistré.", widget.SuccessImportance)
}

func (s *splitScreen) onAdopt() {
	name := data.Clean(s.name.Text)
	if name == "" {
		s.say("Enregistrez d'abord le scénario sous un nom.", widget.WarningImportance)
		return
	}
	ctx := context.Background()
	var review fyne.CanvasObject
	confirmed := func() bool { return true }
	if v, err := campaign.Load(ctx, s.env.snapshots(), s.env.campaign().ID, data.SnapshotOptions{Scenario: name}); err == nil && v.Scenario != nil {
		review, confirmed = reviewBox(v.Review(campaign.Funded(v.Scenario)), s.env.showError)
	}
	s.env.confirm("Adopter le scénario", "Adopter", "Annuler",
		withReview(widget.NewLabel("Adopter « "+name+" » ? C'est lui que l'annexe à la délibération et les lettres imprimeront."), review),
		func(ok bool) {
			if !ok || !confirmed() {
				return
			}
			prev := "" // the scenario adopted before, which an undo adopts again
			if list, err := s.env.splits().Scenarios(ctx, s.env.campaign().ID); err == nil {
				for _, sc := range list {
					if sc.Adopted() {
						prev = sc.Name
					}
				}
			}
			if err := s.env.splits().AdoptScenario(ctx, s.env.campaign().ID, name); err != nil {
				s.say(data.ErrorMessage(err), widget.DangerImportance)
				return
			}
			s.env.didBulk(ctx, "Adopter « "+name+" »", data.Revert{Adopted: &prev})
			s.reloadScenarios(ctx)
			s.say("Scénario « "+name+" » adopté.", widget.SuccessImportance)
		})
}

// onCompare puts two or three saved scenarios side by side.
func (s *splitScreen) onCompare() {
	ctx := context.Background()
	list, err := s.env.splits().Scenarios(ctx, s.env.campaign().ID)
	if err != nil || len(list) < 2 {
		s.say("Enregistrez au moins deux scénarios pour les comparer.", widget.WarningImportance)
		return
	}
	var names []string
	for _, sc := range list {
		names = append(names, scenarioLabel(sc))
	}
	pick := widget.NewCheckGroup(names, nil)
	pick.SetSelected(names[:min(3, len(names))])
	s.env.confirm("Comparer des scénarios", "Comparer", "Annuler", pick, func(ok bool) {
		if !ok {
			return
		}
		if n := len(pick.Selected); n < 2 || n > 3 {
			s.say("Choisissez deux ou trois scénarios.", widget.WarningImportance)
			return
		}
		chosen := make([]string, len(pick.Selected))
		for i, l := range pick.Selected {
			chosen[i] = scenarioName(l)
		}
		s.showComparison(ctx, chosen)
	})
}

func (s *splitScreen) showComparison(ctx context.Context, names []string) {
	var scs []*data.Scenario
	for _, n := range names {
		sc, err := s.env.splits().Scenario(ctx, s.env.campaign().ID, n)
		if err != nil {
			s.env.showError(err)
			return
		}
		scs = append(scs, sc)
	}
	heads, rows := comparison(s.env.campaign(), s.split, scs)
	note := widget.NewLabel("Écart : « " + scs[len(scs)-1].Name + " » moins « " + scs[0].Name + " ».")
	d := dialog.NewCustom("Comparaison des scénarios", "Fermer", container.NewBorder(note, nil, nil, nil, comparisonTable(heads, rows)), s.env.win())
	d.Resize(fyne.NewSize(1000, 640))
	s.env.showDialog(d, nil)
}

func containsKey(keys []string, k string) bool {
	for _, x := range keys {
		if x == k {
			return true
		}
	}
	return false
}
