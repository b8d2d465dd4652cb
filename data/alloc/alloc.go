// Package alloc shares a call's envelope among its selected applications: the
// « répartition de l'enveloppe » that the jury proposes and the council votes.
//
// The rules are a public contract, explained for the jury and the council in
// docs/regles-repartition.md; this package implements them exactly, in integer
// cents, with no floating point anywhere:
//
//   - every grant is capped: at most the amount requested, at most a percentage
//     of the project's total cost, rounded down to the rounding step;
//   - amounts typed by hand (locked lines) are kept as typed, and the methods
//     share what remains of the envelope among the other candidates;
//   - three methods: Rank (in ranking order, each takes what it can),
//     Proportional (to score × cap) and Uniform (the same percentage of every
//     cap), the last two by water-filling and largest remainders;
//   - a minimum grant: a candidate that would get less gets nothing.
//
// The caller selects the candidates and gives them in ranking order: the order of
// the slice is the ranking; Candidate.Rank is only copied to the result.
//
// The package imports only the standard library and data: no SQL, GUI or PDF.
package alloc

import (
	"fmt"
	"math/big"
	"math/bits"
	"strconv"
	"strings"

	"github.com/call-agglo/cohesion/data"
)

// Method is a way of sharing the envelope (the type lives in package data, so
// the store can persist a scenario without knowing the rules).
type Method = data.SplitMethod

// The methods of répartition.
const (
	// Rank walks the candidates in ranking order; each takes as much as it can
	// (its cap, or what is left), until the envelope runs out.
	Rank = data.MethodRank
	// Proportional shares the envelope in proportion to score × cap.
	Proportional = data.MethodProportional
	// Uniform gives every candidate the same percentage of its cap.
	Uniform = data.MethodUniform
)

// Methods lists the methods in the order menus show them.
var Methods = []Method{Rank, Proportional, Uniform}

// ParseMethod reads a method from its code (« rank ») or its French label
// (« Rang », « proportionnel »), ignoring case, accents and spaces.
func ParseMethod(s string) (Method, error) {
	k := data.FoldKey(s)
	for _, m := range Methods {
		if k == data.FoldKey(string(m)) || k == data.FoldKey(m.Label()) {
			return m, nil
		}
	}
	if strings.TrimSpace(s) == "" {
		return "", data.Errorf(data.EINVALID, "Méthode de répartition manquante : choisissez Rang, Proportionnel ou Uniforme.")
	}
	return "", data.Errorf(data.EINVALID, "Méthode de répartition inconnue « %s » : choisissez Rang, Proportionnel ou Uniforme.", strings.TrimSpace(s))
}

// Defaults of a scenario.
const (
	DefaultStepCents  int64 = 100 // 1 €
	DefaultCapPercent       = 100
)

// MaxCandidates bounds the number of candidates of one répartition. With every
// amount at most data.MaxCents, it keeps every sum of amounts inside an int64.
const MaxCandidates = 90_000

// Params are the settings of one scenario of répartition.
type Params = data.SplitParams

// DefaultParams are the settings of a new scenario: Rank, step 1 €, no minimum,
// cap 100 % of the total cost, partial funding allowed.
func DefaultParams(envelope int64) Params {
	return Params{
		Method:        Rank,
		EnvelopeCents: envelope,
		StepCents:     DefaultStepCents,
		MinCents:      0,
		CapPercent:    DefaultCapPercent,
		Partial:       true,
	}
}

// Candidate is one selected application, given in ranking order.
type Candidate struct {
	ID     int64
	Number string // the application's number, used in error messages
	Rank   int    // copied to the result; the order of the slice is what counts
	// Score is the final score F on 20, exact. Required (0 ≤ F ≤ 20) by the
	// Proportional method for every candidate that is not locked; ignored otherwise.
	Score          *big.Rat
	RequestedCents int64 // amount requested, ≥ 0
	TotalCents     int64 // total cost of the project, ≥ 0; 0 means unknown
	// Locked keeps LockedCents as the grant, as typed by hand: the methods share
	// the rest of the envelope among the other candidates.
	Locked      bool
	LockedCents int64
}

// RawCap is the most a candidate may get before rounding: the amount requested,
// and at most CapPercent % of the total cost (rounded down to the cent). A total
// cost of 0 means unknown: then only the request limits the grant. A locked
// amount may not exceed it.
func RawCap(c Candidate, p Params) int64 {
	limit := max(c.RequestedCents, 0)
	if c.TotalCents > 0 {
		pct := uint64(min(max(p.CapPercent, 0), 100))
		hi, lo := bits.Mul64(uint64(c.TotalCents), pct)
		share, _ := bits.Div64(hi, lo, 100) // ≤ TotalCents: fits an int64
		limit = min(limit, int64(share))
	}
	return limit
}

// Cap is the most the methods may give a candidate: RawCap rounded down to a
// multiple of the rounding step.
func Cap(c Candidate, p Params) int64 {
	s := max(p.StepCents, 1)
	r := RawCap(c, p)
	return r - r%s
}

// Reason says, in one word, why a line got what it got.
type Reason = data.SplitReason

// The reasons of a line.
const (
	ReasonLocked    = data.ReasonLocked    // amount typed by hand
	ReasonFull      = data.ReasonFull      // the candidate got its cap (> 0)
	ReasonPartial   = data.ReasonPartial   // more than 0, less than the cap
	ReasonBelowMin  = data.ReasonBelowMin  // its share was below the minimum grant
	ReasonExhausted = data.ReasonExhausted // the envelope ran out before it
	ReasonNoFit     = data.ReasonNoFit     // Rank without partial funding: its cap did not fit in what was left
	ReasonNoCap     = data.ReasonNoCap     // its cap is 0 (nothing requested, or less than one step)
	ReasonZeroScore = data.ReasonZeroScore // Proportional: a final score of 0 weighs nothing
	ReasonBelowStep = data.ReasonBelowStep // what is left to share is smaller than one rounding step
)

// Line is the grant of one candidate.
type Line = data.SplitLine

// Result is one répartition.
type Result = data.SplitResult

// Allocate shares p.EnvelopeCents among cands, given in ranking order. The lines
// of the result are in the same order as cands. Errors are French *data.Error
// values with code data.EINVALID: bad parameters, a bad amount or score, a
// locked amount above its cap, locked lines larger than the envelope.
// The same input always gives the same output.
func Allocate(cands []Candidate, p Params) (*Result, error) {
	return allocate(cands, p, false)
}

// allocate is Allocate; forceBig makes the Proportional and Uniform methods use
// big integers even where 64/128-bit arithmetic would do, for the tests.
func allocate(cands []Candidate, p Params, forceBig bool) (*Result, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	if len(cands) > MaxCandidates {
		return nil, data.Errorf(data.EINVALID, "Trop de dossiers à répartir : %d (au plus %d).", len(cands), MaxCandidates)
	}
	res := &Result{Method: p.Method, Params: p, EnvelopeCents: p.EnvelopeCents, Lines: make([]Line, len(cands))}
	caps := make([]int64, len(cands))
	for i := range cands {
		c := &cands[i]
		if err := checkCandidate(c, i, p); err != nil {
			return nil, err
		}
		caps[i] = Cap(*c, p)
		l := &res.Lines[i]
		*l = Line{ID: c.ID, Number: c.Number, Rank: c.Rank, RequestedCents: c.RequestedCents, CapCents: caps[i], Locked: c.Locked}
		if c.Locked {
			l.AmountCents, l.Reason = c.LockedCents, ReasonLocked
			res.LockedCents += c.LockedCents // ≤ MaxCandidates × MaxCents: no overflow
		}
	}
	if res.LockedCents > p.EnvelopeCents {
		return nil, data.Errorf(data.EINVALID, "Les montants fixés à la main (%s) dépassent l'enveloppe (%s).",
			data.FormatEuros(res.LockedCents), data.FormatEuros(p.EnvelopeCents))
	}
	rest := p.EnvelopeCents - res.LockedCents
	if p.Method == Rank {
		allocateRank(cands, caps, p, rest, res.Lines)
	} else {
		allocateWater(cands, caps, p, rest, res.Lines, forceBig)
	}
	if rest > 0 && rest < p.StepCents {
		// Nothing could be given: the envelope is not spent, it is smaller
		// than one rounding step. Saying « épuisée » would mislead the jury.
		for i := range res.Lines {
			if res.Lines[i].Reason == ReasonExhausted {
				res.Lines[i].Reason = ReasonBelowStep
			}
		}
	}
	for _, l := range res.Lines {
		res.TotalCents += l.AmountCents
		if l.AmountCents > 0 {
			res.Funded++
		}
	}
	res.RemainderCents = res.EnvelopeCents - res.TotalCents
	return res, nil
}

// name designates a candidate in an error message.
func name(c *Candidate, i int) string {
	switch {
	case strings.TrimSpace(c.Number) != "":
		return "Dossier " + strings.TrimSpace(c.Number)
	case c.ID != 0:
		return "Dossier n° " + strconv.FormatInt(c.ID, 10)
	}
	return "Ligne " + strconv.Itoa(i+1)
}

func checkCandidate(c *Candidate, i int, p Params) error {
	switch {
	case c.RequestedCents < 0:
		return data.Errorf(data.EINVALID, "%s : le montant demandé ne peut pas être négatif.", name(c, i))
	case c.RequestedCents > data.MaxCents:
		return data.Errorf(data.EINVALID, "%s : le montant demandé est trop élevé.", name(c, i))
	case c.TotalCents < 0:
		return data.Errorf(data.EINVALID, "%s : le coût total ne peut pas être négatif.", name(c, i))
	case c.TotalCents > data.MaxCents:
		return data.Errorf(data.EINVALID, "%s : le coût total est trop élevé.", name(c, i))
	}
	if c.Locked {
		if c.LockedCents < 0 {
			return data.Errorf(data.EINVALID, "%s : le montant fixé à la main (%s) ne peut pas être négatif.",
				name(c, i), data.FormatEuros(c.LockedCents))
		}
		if raw := RawCap(*c, p); c.LockedCents > raw {
			why := "le montant demandé, le coût total n'étant pas renseigné"
			if c.TotalCents > 0 {
				why = fmt.Sprintf("le montant demandé, dans la limite de %d %% du coût total", p.CapPercent)
			}
			return data.Errorf(data.EINVALID, "%s : le montant fixé à la main (%s) dépasse son plafond (%s : %s).",
				name(c, i), data.FormatEuros(c.LockedCents), data.FormatEuros(raw), why)
		}
		return nil
	}
	if p.Method == Proportional {
		if c.Score == nil {
			return data.Errorf(data.EINVALID, "%s : la note finale manque ; la méthode proportionnelle en a besoin.", name(c, i))
		}
		if c.Score.Sign() < 0 || above20(c.Score) {
			return data.Errorf(data.EINVALID, "%s : la note finale (%s) doit être comprise entre 0 et 20.",
				name(c, i), data.DecimalComma(c.Score.FloatString(2)))
		}
	}
	return nil
}

var twenty = big.NewRat(20, 1)

// above20 is r > 20, without Rat.Cmp's allocations for the usual small scores.
func above20(r *big.Rat) bool {
	num, den := r.Num(), r.Denom()
	if num.IsUint64() && den.IsUint64() {
		hi, lo := bits.Mul64(den.Uint64(), 20)
		return hi == 0 && num.Uint64() > lo
	}
	return r.Cmp(twenty) > 0
}

// allocateRank is the Rank method: in ranking order, each candidate gets
// min(cap, what is left rounded down to the step), or 0 below the minimum.
// Without partial funding, a candidate gets its cap if it fits and reaches the
// minimum, else 0, and the walk goes on.
func allocateRank(cands []Candidate, caps []int64, p Params, rest int64, lines []Line) {
	s, m := p.StepCents, p.MinCents
	for i := range cands {
		if cands[i].Locked {
			continue
		}
		l := &lines[i]
		c := caps[i]
		var g int64
		switch {
		case c == 0:
			l.Reason = ReasonNoCap
		case p.Partial:
			g = min(c, rest-rest%s)
			switch {
			case g == 0:
				l.Reason = ReasonExhausted
			case g < m:
				g, l.Reason = 0, ReasonBelowMin
			}
		case c < m:
			l.Reason = ReasonBelowMin
		case c > rest:
			l.Reason = ReasonNoFit
		default:
			g = c
		}
		if g > 0 {
			l.AmountCents = g
			rest -= g
			if g == c {
				l.Reason = ReasonFull
			} else {
				l.Reason = ReasonPartial
			}
		}
	}
}
