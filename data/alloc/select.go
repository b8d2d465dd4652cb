package alloc

import (
	"math/big"

	"github.com/call-agglo/cohesion/data"
)

// Ranked is one line of the jury's ranking as the selection of candidates sees it.
type Ranked struct {
	ID     int64
	Number string
	Rank   int      // 0 when not ranked
	Score  *big.Rat // F
	Below  bool     // F below the minimum score
	// Barred: the structure has a compte rendu financier overdue or refused
	// in another campaign (loi 2000-321 art. 10); only the jury's « retenu »,
	// which then carries its exemption, makes such a line a candidate.
	Barred         bool
	Decision       data.Decision
	RequestedCents int64
	TotalCents     int64
}

// Select picks the candidates of the split, in ranking order: the ranked
// applications whose final score reaches the minimum, minus those the jury
// decided « non retenu » or « ajourné », plus those it decided « retenu » below
// the minimum; a barred line (see Ranked.Barred) only once retained. An
// application the ranking leaves out (irrecevable, quorum not reached) is
// never a candidate.
func Select(lines []Ranked) []Candidate {
	var out []Candidate
	for _, l := range lines {
		if l.Rank <= 0 {
			continue
		}
		switch {
		case l.Decision == data.DecisionNonRetenu || l.Decision == data.DecisionAjourne:
			continue
		case (l.Below || l.Barred) && l.Decision != data.DecisionRetenu:
			continue
		}
		out = append(out, Candidate{ID: l.ID, Number: l.Number, Rank: l.Rank, Score: l.Score,
			RequestedCents: l.RequestedCents, TotalCents: l.TotalCents})
	}
	sortByRank(out)
	return out
}

// sortByRank orders candidates by rank (insertion sort: the input is nearly
// always in order already).
func sortByRank(c []Candidate) {
	for i := 1; i < len(c); i++ {
		for j := i; j > 0 && c[j].Rank < c[j-1].Rank; j-- {
			c[j], c[j-1] = c[j-1], c[j]
		}
	}
}

// Group sums requested and granted amounts under one key (a theme, a QPV, a
// commune), for the comparison of scenarios.
type Group struct {
	Key            string
	Count          int // lines with a grant > 0
	RequestedCents int64
	AmountCents    int64
}

// GroupBy sums lines by the keys keyOf gives each (several for an application
// in several QPV: it then counts in each). Groups come in the order keys first appear.
func GroupBy(lines []Line, keyOf func(Line) []string) []Group {
	idx := map[string]int{}
	var out []Group
	for _, l := range lines {
		for _, k := range keyOf(l) {
			i, ok := idx[k]
			if !ok {
				i = len(out)
				idx[k] = i
				out = append(out, Group{Key: k})
			}
			out[i].RequestedCents += l.RequestedCents
			out[i].AmountCents += l.AmountCents
			if l.AmountCents > 0 {
				out[i].Count++
			}
		}
	}
	return out
}
