// Package chart is the model of the bar charts Cohésion draws: the dossier's
// PDF (package reports) and the dashboard's Fyne canvas (package ui) draw the
// same Chart, built here from the same numbers. It knows no renderer.
package chart

import (
	"sort"
	"strconv"

	"github.com/call-agglo/cohesion/data"
)

// Chart is a horizontal bar chart: one group of bars per Bar, one bar per
// series (Legend names the series, in order). Values are cents.
type Chart struct {
	Title  string
	Legend []string
	Bars   []Bar
}

// Bar is one group of a chart: a label and one value per series.
type Bar struct {
	Label string
	// Key identifies what the bar sums (a theme ID, a QPV code, an INSEE
	// code), so a screen can open the register on it; "" for the rest.
	Key    string
	Values []int64
}

// Max is the largest value of the chart, at least 1: every bar is drawn to
// this one scale.
func (c Chart) Max() int64 {
	var m int64 = 1
	for _, b := range c.Bars {
		for _, v := range b.Values {
			m = max(m, v)
		}
	}
	return m
}

// Share is v on the chart's scale, from 0 to 1.
func (c Chart) Share(v int64) float64 {
	if v <= 0 {
		return 0
	}
	return float64(v) / float64(c.Max())
}

// Legend of the amounts charts: what the admissible dossiers request, and what
// the split proposes.
var AmountsLegend = []string{"Montant demandé (dossiers recevables)", "Montant proposé"}

// The labels of the groups without a theme, a QPV or a commune.
const (
	NoTheme   = "Sans thématique"
	NoQPV     = "Sans QPV"
	NoCommune = "Commune non renseignée"
)

// Amount is one admissible dossier as the amounts charts see it.
type Amount struct {
	ThemeID   int64
	QPVs      []string
	Commune   string // INSEE code
	Requested int64
	Proposed  int64
}

// AmountsOf keeps the register's admissible dossiers (neither irrecevable nor
// withdrawn) with the amount the split proposes for each (by application ID).
func AmountsOf(rows []data.Row, proposed map[int64]int64) []Amount {
	out := make([]Amount, 0, len(rows))
	for i := range rows {
		r := &rows[i]
		if r.Irrecevable() {
			continue
		}
		out = append(out, Amount{ThemeID: r.ThemeID, QPVs: r.QPVs, Commune: r.Commune, Requested: r.RequestedCents, Proposed: proposed[r.ID]})
	}
	return out
}

type sum struct {
	key, label string
	req, prop  int64
}

func bars(sums []*sum) []Bar {
	out := make([]Bar, len(sums))
	for i, s := range sums {
		out[i] = Bar{Label: s.label, Key: s.key, Values: []int64{s.req, s.prop}}
	}
	return out
}

// byRequested orders groups by amount requested, largest first, then by label.
func byRequested(list []*sum) {
	sort.Slice(list, func(i, j int) bool {
		if list[i].req != list[j].req {
			return list[i].req > list[j].req
		}
		return data.CompareFold(list[i].label, list[j].label) < 0
	})
}

// ByTheme sums the amounts per theme, in the campaign's theme order, then
// « Sans thématique ».
func ByTheme(c *data.Campaign, xs []Amount) Chart {
	sums := map[int64]*sum{}
	for _, x := range xs {
		s := sums[x.ThemeID]
		if s == nil {
			s = &sum{}
			sums[x.ThemeID] = s
		}
		s.req += x.Requested
		s.prop += x.Proposed
	}
	themes := append([]data.Theme(nil), c.Themes...)
	sort.SliceStable(themes, func(i, j int) bool { return themes[i].Position < themes[j].Position })
	var list []*sum
	for _, t := range themes {
		if s := sums[t.ID]; s != nil && s.key == "" {
			s.key, s.label = itoa(t.ID), t.Label
			list = append(list, s)
		}
	}
	var rest []*sum
	for id, s := range sums {
		if s.key == "" {
			s.key, s.label = itoa(id), NoTheme
			if id == 0 {
				s.key = ""
			}
			rest = append(rest, s)
		}
	}
	byRequested(rest)
	return Chart{Title: "Montants par thématique", Legend: AmountsLegend, Bars: bars(append(list, rest...))}
}

// ByQPV sums the amounts per QPV (a dossier in two QPV counts in both),
// largest request first.
func ByQPV(c *data.Campaign, xs []Amount) Chart {
	sums := map[string]*sum{}
	add := func(key, label string, x Amount) {
		s := sums[key]
		if s == nil {
			s = &sum{key: key, label: label}
			sums[key] = s
		}
		s.req += x.Requested
		s.prop += x.Proposed
	}
	for _, x := range xs {
		if len(x.QPVs) == 0 {
			add("", NoQPV, x)
		}
		for _, code := range x.QPVs {
			label := code
			if q, ok := c.QPVByCodeOrName(code); ok {
				label = q.Name
			}
			add(code, label, x)
		}
	}
	return Chart{Title: "Montants par QPV", Legend: AmountsLegend, Bars: bars(sorted(sums))}
}

// ByCommune sums the amounts per commune of the structure, largest request first.
func ByCommune(c *data.Campaign, xs []Amount) Chart {
	sums := map[string]*sum{}
	for _, x := range xs {
		s := sums[x.Commune]
		if s == nil {
			s = &sum{key: x.Commune, label: NoCommune}
			if x.Commune != "" {
				s.label = c.CommuneName(x.Commune)
			}
			sums[x.Commune] = s
		}
		s.req += x.Requested
		s.prop += x.Proposed
	}
	return Chart{Title: "Montants par commune de la structure", Legend: AmountsLegend, Bars: bars(sorted(sums))}
}

func sorted(m map[string]*sum) []*sum {
	list := make([]*sum, 0, len(m))
	for _, s := range m {
		list = append(list, s)
	}
	byRequested(list)
	return list
}

func itoa(id int64) string {
	if id == 0 {
		return ""
	}
	return strconv.FormatInt(id, 10)
}

// Top keeps the n first groups and sums the others into one « Autres (k) »
// group, so a small panel shows the largest groups and still the whole sums.
func (c Chart) Top(n int) Chart {
	if n <= 0 || len(c.Bars) <= n+1 {
		return c
	}
	out := Chart{Title: c.Title, Legend: c.Legend, Bars: append([]Bar(nil), c.Bars[:n]...)}
	rest := Bar{Label: "Autres (" + strconv.Itoa(len(c.Bars)-n) + ")"}
	for _, b := range c.Bars[n:] {
		for i, v := range b.Values {
			if i >= len(rest.Values) {
				rest.Values = append(rest.Values, 0)
			}
			rest.Values[i] += v
		}
	}
	out.Bars = append(out.Bars, rest)
	return out
}
