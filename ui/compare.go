package ui

import (
	"sort"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/alloc"
	"github.com/call-agglo/cohesion/data/campaign"
)

// compareRow is one line of the comparison of scenarios: its cells (number,
// structure, one amount per scenario, the difference), and whether it is a
// heading or a total, shown in bold.
type compareRow struct {
	cells []string
	bold  bool
}

// comparison lays scenarios side by side: one column per scenario, then the
// difference between the last and the first; a line per dossier, the
// totals, then the sums by theme, QPV and commune.
func comparison(c *data.Campaign, split *campaign.Split, scs []*data.Scenario) (heads []string, rows []compareRow) {
	heads = []string{"Numéro", "Structure"}
	for _, sc := range scs {
		heads = append(heads, scenarioLabel(sc.ScenarioInfo))
	}
	heads = append(heads, "Écart")
	amounts := make([]map[int64]int64, len(scs))
	var order []alloc.Line
	seen := map[int64]bool{}
	for i, sc := range scs {
		amounts[i] = map[int64]int64{}
		for _, l := range sc.Lines {
			amounts[i][l.ID] = l.AmountCents
			if !seen[l.ID] {
				seen[l.ID] = true
				order = append(order, l)
			}
		}
	}
	line := func(first, second string, values []int64, bold bool) compareRow {
		cells := []string{first, second}
		for _, v := range values {
			cells = append(cells, data.FormatEuros(v))
		}
		cells = append(cells, signedEuros(values[len(values)-1]-values[0]))
		return compareRow{cells: cells, bold: bold}
	}
	for _, l := range order {
		vs := make([]int64, len(scs))
		for i := range scs {
			vs[i] = amounts[i][l.ID]
		}
		rows = append(rows, line(l.Number, split.Rows[l.ID].Structure, vs, false))
	}
	totals := make([]int64, len(scs))
	for i, sc := range scs {
		totals[i] = sc.TotalCents
	}
	rows = append(rows, line("Total", "", totals, true))
	for _, grp := range []struct {
		title string
		key   func(alloc.Line) []string
		qpv   bool
	}{{"Par thématique", split.ThemeOf, false}, {"Par QPV", split.QPVOf, true}, {"Par commune", split.CommuneOf, false}} {
		rows = append(rows, compareRow{cells: make([]string, len(heads)), bold: true})
		rows[len(rows)-1].cells[0] = grp.title
		sums := make([]map[string]int64, len(scs))
		var keys []string
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
			if grp.qpv {
				label = qpvName(c, k)
			}
			vs := make([]int64, len(scs))
			for i := range scs {
				vs[i] = sums[i][k]
			}
			rows = append(rows, line("", label, vs, false))
		}
	}
	return heads, rows
}

// signedEuros writes a difference with its sign: « +1 000,00 € », « 0,00 € ».
func signedEuros(v int64) string {
	if v > 0 {
		return "+" + data.FormatEuros(v)
	}
	if v < 0 {
		return "−" + data.FormatEuros(-v)
	}
	return data.FormatEuros(0)
}

// comparisonTable shows the comparison in a table with a header row; the
// amounts are right-aligned. The columns keep the widths the user drags them
// to: the scenarios' by their place, their names change.
func comparisonTable(heads []string, rows []compareRow) *widget.Table {
	var t *widget.Table
	t = widget.NewTableWithHeaders(
		func() (int, int) { return len(rows), len(heads) },
		func() fyne.CanvasObject { return newTipLabel(t) },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := cellLabel(o)
			r := rows[id.Row]
			l.TextStyle.Bold = r.bold
			l.Alignment = fyne.TextAlignLeading
			if id.Col >= 2 {
				l.Alignment = fyne.TextAlignTrailing
			}
			l.SetText(r.cells[id.Col])
		})
	t.ShowHeaderColumn = false
	t.CreateHeader = headerLabel(t)
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 {
			cellLabel(o).SetText(heads[id.Col])
		}
	}
	widths := []float32{110, 250}
	names := []string{heads[0], heads[1]}
	for i := 2; i < len(heads); i++ {
		widths = append(widths, 150)
		names = append(names, "Scénario "+strconv.Itoa(i-1))
	}
	names[len(names)-1] = heads[len(heads)-1] // « Écart »
	keepColumns(t, widths, columnKeys{fyne.CurrentApp().Preferences(), "comparaison", names})
	return t
}
