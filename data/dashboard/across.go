package dashboard

import (
	"sort"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/campaign"
)

// Across is what the dashboard says of the other campaigns of the base
// (issue 22): the dossiers whose structure is barred by loi 2000-321 art. 10,
// and the comparison with the campaign this one was made from. It needs a
// view loaded with data.SnapshotOptions{History: true, Source: true}.
type Across struct {
	// Barred are the numbers of the dossiers whose structure has a compte
	// rendu financier overdue or refused in another campaign.
	Barred []string
	// Compare sets the campaign beside its source; nil without one.
	Compare *Comparison
}

// Comparison is a campaign beside the one it was made from: in total, by
// theme (matched by label, each campaign having its own) and by QPV.
type Comparison struct {
	Source, Current string // the campaigns' codes
	Total           CompareLine
	Themes, QPVs    []CompareLine // by label, accents and case ignored; QPVs end with « Hors QPV »
}

// CompareLine is one group's figures, the source's first: [0] the source,
// [1] the current campaign.
type CompareLine struct {
	Label     string
	Dossiers  [2]int
	Requested [2]int64 // what the dossiers received ask for
	Granted   [2]int64 // their lines of the adopted scenario (data.Granted)
}

// AcrossOf computes Across from a view.
func AcrossOf(v *campaign.View) *Across {
	x := &Across{}
	for _, r := range v.Rows {
		if v.CRFBarred(r.ID) {
			x.Barred = append(x.Barred, r.Number)
		}
	}
	if v.Source != nil {
		cur := v.Scenario
		if cur != nil && !cur.Adopted() {
			cur = nil // the dashboard's current scenario, not yet what was granted
		}
		x.Compare = Compare(v.Campaign, v.Rows, cur, v.Source)
	}
	return x
}

// Compare sets the campaign c (its register and adopted scenario, nil when
// none) beside its source.
func Compare(c *data.Campaign, rows []data.Row, adopted *data.Scenario, src *data.SourceSnapshot) *Comparison {
	cmp := &Comparison{Source: src.Campaign.Code, Current: c.Code}
	names := map[string]string{}
	for _, q := range append(append([]data.QPV{}, src.Campaign.QPVs...), c.QPVs...) {
		names[q.Code] = q.Name
	}
	themes, qpvs := newTally(), newTally()
	for side, s := range []struct {
		rows    []data.Row
		adopted *data.Scenario
	}{{src.Rows, src.Adopted}, {rows, adopted}} {
		lines := linesOf(s.adopted)
		for _, r := range s.rows {
			granted := data.Granted(r.Status, lines[r.ID])
			cmp.Total.add(side, r.RequestedCents, granted)
			themes.line(orLabel(r.Theme, "Sans thématique")).add(side, r.RequestedCents, granted)
			if len(r.QPVs) == 0 {
				qpvs.line(horsQPV).add(side, r.RequestedCents, granted)
			}
			for _, code := range r.QPVs {
				qpvs.line(orLabel(names[code], code)).add(side, r.RequestedCents, granted)
			}
		}
	}
	cmp.Total.Label = "Ensemble"
	cmp.Themes, cmp.QPVs = themes.sorted(), qpvs.sorted()
	return cmp
}

// horsQPV is the group of the dossiers that name no QPV.
const horsQPV = "Hors QPV"

func (l *CompareLine) add(side int, requested, granted int64) {
	l.Dossiers[side]++
	l.Requested[side] += requested
	l.Granted[side] += granted
}

// linesOf is a scenario's amounts by dossier; empty without one.
func linesOf(s *data.Scenario) map[int64]int64 {
	out := map[int64]int64{}
	if s != nil {
		for _, l := range s.Lines {
			out[l.ID] = l.AmountCents
		}
	}
	return out
}

func orLabel(s, def string) string {
	if data.Blank(s) {
		return def
	}
	return s
}

// tally gathers lines by label, accents and case ignored.
type tally map[string]*CompareLine

func newTally() tally { return tally{} }

func (t tally) line(label string) *CompareLine {
	k := data.FoldKey(label)
	if t[k] == nil {
		t[k] = &CompareLine{Label: label}
	}
	return t[k]
}

// sorted lists the lines by label, « Hors QPV » last.
func (t tally) sorted() []CompareLine {
	out := make([]CompareLine, 0, len(t))
	for _, l := range t {
		out = append(out, *l)
	}
	sort.Slice(out, func(i, j int) bool {
		if (out[i].Label == horsQPV) != (out[j].Label == horsQPV) {
			return out[j].Label == horsQPV
		}
		return data.CompareFold(out[i].Label, out[j].Label) < 0
	})
	return out
}
