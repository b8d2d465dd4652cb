// Package jury applies the jury's published rules (docs/regles-jury.md) to the
// scoring sheets of a campaign: the juror's total on 20, the final score F, the
// ranking with its tie-breaks, the quorum, the conflicts of interest (déports), and
// the « à discuter » and « sous le seuil » flags, plus a harmonised score shown
// for information only.
//
// Every comparison is exact: totals are integers over the grid's common
// denominator, scores are big.Rat, and no float64 takes part in the ranking or the
// flags. The result does not depend on the order of the input slices.
//
// The package is pure: no database, no GUI, no PDF.
package jury

import (
	"fmt"
	"math/big"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/call-agglo/cohesion/data"
)

// Default parameters, those of the CALL AMI 2021.
const (
	DefaultMinScoreHundredths     = 1000 // note minimale : 10/20
	DefaultQuorum                 = 1    // une grille complète suffit
	DefaultDisagreementHundredths = 300  // seuil de désaccord : 3 points d'écart type
)

// Params are a campaign's jury settings.
type Params struct {
	// MinScoreHundredths is the minimum final score on 20, in hundredths
	// (1000 = 10/20); F strictly below it is « sous le seuil ». 0 or less: no minimum.
	MinScoreHundredths int64
	// Quorum is the number of counted sheets an application needs to be ranked.
	// Rank treats a quorum below 1 as 1.
	Quorum int
	// DisagreementHundredths is the standard deviation of the counted totals, in
	// hundredths of a point on 20, above which an application is « à discuter ».
	// Rank treats a negative threshold as 0.
	DisagreementHundredths int64
}

// DefaultParams returns the default settings: 10/20, quorum 1, 3 points.
func DefaultParams() Params {
	return Params{DefaultMinScoreHundredths, DefaultQuorum, DefaultDisagreementHundredths}
}

// ParamsOf returns a campaign's jury settings, exactly as the Campagne screen
// shows them (data.ValidateCampaign keeps them in range). A nil campaign gives
// the defaults; a quorum below 1 counts as 1. A minimum score of 0 is kept: it
// is a valid setting (no minimum).
func ParamsOf(c *data.Campaign) Params {
	p := DefaultParams()
	if c == nil {
		return p
	}
	p.MinScoreHundredths = c.MinScoreHundredths
	if c.Quorum >= 1 {
		p.Quorum = c.Quorum
	}
	p.DisagreementHundredths = c.DisagreementHundredths
	return p
}

// effective returns the parameters Rank applies.
func (p Params) effective() Params {
	if p.Quorum < 1 {
		p.Quorum = 1
	}
	if p.DisagreementHundredths < 0 {
		p.DisagreementHundredths = 0
	}
	return p
}

// Candidate is an application as the jury sees it.
type Candidate struct {
	ID       int64
	Number   string    // AMI2021-001…; the last tie-break
	Received time.Time // date and time of receipt; the second tie-break
	// Irrecevable applications (late ones included) are never ranked; their
	// sheets are kept and shown, not counted.
	Irrecevable bool
}

// CandidateOf builds the jury's view of an application. It is irrecevable when
// its status is « Irrecevable », or when it came after the deadline and staff did
// not accept it with a written reason (data.Application.LateOverride), which is
// how the register itself decides (data.Application.ApplyDeadline).
func CandidateOf(a *data.Application) Candidate {
	return Candidate{
		ID:          a.ID,
		Number:      a.Number,
		Received:    a.Received,
		Irrecevable: a.Status == data.StatusIrrecevable || (a.Late && data.Blank(a.LateOverride)),
	}
}

// Sheet is one juror's scoring sheet for one application (see data.Sheet). The
// caller passes at most one sheet per juror × application; should there be
// several, Rank keeps the most complete one (see Rank) and warns.
type Sheet = data.Sheet

// Conflict is a declared conflict of interest (déport): the juror's sheet for
// that application, if any, is kept and shown but never counted.
type Conflict struct{ JurorID, ApplicationID int64 }

// Input is everything Rank needs. The order of the slices does not matter.
type Input struct {
	Criteria   []data.Criterion
	Candidates []Candidate
	Sheets     []Sheet
	Conflicts  []Conflict
	Params     Params
	// JurorNames, optional, names the jurors in warnings (« Mme Durand : … »);
	// without it they read « Juré n° 12 : … ».
	JurorNames map[int64]string
}

// Status is what became of a sheet. (The status of a déport is StatusConflict:
// the name Conflict is the input type.)
type Status int

// The statuses of a sheet. A déport prevails over irrecevability, which prevails
// over incompleteness.
const (
	StatusCounted     Status = iota + 1 // complete, counted
	StatusIncomplete                    // a criterion not scored, or scored out of range: not counted
	StatusConflict                      // the juror declared a conflict of interest: not counted
	StatusIrrecevable                   // the application is irrecevable: not counted
)

// String is the French label of a status.
func (s Status) String() string {
	switch s {
	case StatusCounted:
		return "comptée"
	case StatusIncomplete:
		return "incomplète"
	case StatusConflict:
		return "déport"
	case StatusIrrecevable:
		return "irrecevable"
	}
	return "?"
}

// Flags of a line, in this order when several apply.
const (
	FlagIrrecevable       = "irrecevable"                              // irrecevable, no sheet received
	FlagIrrecevableScores = "irrecevable : notes non prises en compte" // irrecevable, sheets received
	FlagNoQuorum          = "quorum non atteint"
	FlagDiscuss           = "à discuter"
	FlagBelow             = "sous le seuil"
	FlagTiePrefix         = "ex aequo départagé : " // followed by the rule: « critère 1 », TieReceived…
)

// The tie-break rules, in the order they apply.
const (
	TieCriterion = "critère le plus pondéré"
	TieReceived  = "date de dépôt"
	TieNumber    = "numéro"
	// TieID separates two applications that share a number, which the register
	// forbids: it only keeps the order deterministic (and Rank warns).
	TieID = "identifiant interne"
)

// Ranking is the result of Rank.
type Ranking struct {
	// Lines holds the ranked applications in rank order, then the others
	// (irrecevable, quorum not reached) by number.
	Lines []Line
	// Warnings are about the input as a whole (unusable grid, duplicate
	// applications, sheets for an unknown application), in French.
	Warnings []string
	// Params are the parameters applied (quorum at least 1, threshold at least 0).
	Params Params
	// TieCriterion is the ID of the highest-weighted criterion, the first in grid
	// order among equals: the first tie-break. 0 with an empty grid.
	TieCriterion int64
	// Ranked is the number of ranked lines (they come first in Lines).
	Ranked int
}

// Line is one application's result.
type Line struct {
	ApplicationID int64
	Number        string
	Received      time.Time
	Irrecevable   bool
	// Rank is 1..n without gaps among ranked applications, 0 when not ranked.
	Rank int
	// F is the mean of the counted totals, on 20; nil when no sheet is counted
	// (always nil for an irrecevable application).
	F *big.Rat
	// Counted, Incomplete and Excluded count the sheets of each status
	// (StatusCounted, StatusIncomplete, StatusConflict). The sheets of an
	// irrecevable application have StatusIrrecevable unless excluded by a déport.
	Counted, Incomplete, Excluded int
	// Sheets holds every sheet received (one per juror), by juror ID.
	Sheets []SheetResult
	// Conflicts lists the jurors who declared a déport for this application
	// (whether or not they sent a sheet), by ID.
	Conflicts []int64
	// CriterionMeans is the mean score per criterion ID over the counted sheets;
	// nil when none is counted.
	CriterionMeans map[int64]*big.Rat
	// StdDev is the population standard deviation of the counted totals, for
	// display; the « à discuter » flag is decided exactly, not from it.
	StdDev float64
	// Harmonised is the harmonised score on 20, for information only; valid when
	// HasHarmonised (at least one counted sheet).
	Harmonised    float64
	HasHarmonised bool
	// Flags are the Flag… constants and FlagTiePrefix + rule.
	Flags []string
	// TieBreak is "" or the rule (Tie…) that separated this application from the
	// ones with exactly the same F: the last rule needed against its neighbours in
	// the ranking.
	TieBreak string
	// TieGroup lists the numbers of the ranked applications with exactly the same
	// F, itself included, in rank order; nil when F is not shared. The slice is
	// shared by the lines of the group: do not modify it.
	TieGroup []string
	// Warnings are in French: scores out of range, unknown criteria, duplicate
	// sheets, sheets of an irrecevable application.
	Warnings []string
}

// SheetResult is what became of one juror's sheet.
type SheetResult struct {
	JurorID int64
	// Total is the juror's total on 20, nil when the sheet is incomplete. It is
	// given for excluded and irrecevable sheets too: they are shown, not counted.
	Total  *big.Rat
	Status Status
	// Missing and OutOfRange list the criteria not scored, and scored outside
	// 0..maximum, in grid order.
	Missing, OutOfRange []int64
}

// Ranked reports whether the line is ranked.
func (l Line) Ranked() bool { return l.Rank > 0 }

// HasFlag reports whether the line carries the flag f.
func (l Line) HasFlag(f string) bool {
	for _, x := range l.Flags {
		if x == f {
			return true
		}
	}
	return false
}

// FHundredths is F rounded half up to hundredths (1234 = 12,34/20); 0 when F is nil.
func (l Line) FHundredths() int64 {
	if l.F == nil {
		return 0
	}
	return roundHundredths(l.F).Int64()
}

// Below reports whether F is strictly below the minimum score, exactly: 9,999 is
// below 10 even though it shows as « 10,00 ». False when F is nil.
func (l Line) Below(p Params) bool {
	if l.F == nil || p.MinScoreHundredths <= 0 {
		return false
	}
	return l.F.Cmp(big.NewRat(p.MinScoreHundredths, 100)) < 0
}

// roundHundredths returns r×100 rounded half away from zero (half up for the
// non-negative scores).
func roundHundredths(r *big.Rat) *big.Int {
	num := new(big.Int).Mul(r.Num(), big.NewInt(200)) // 2·100·num
	den := new(big.Int).Mul(r.Denom(), big.NewInt(2))
	neg := num.Sign() < 0
	num.Abs(num)
	num.Add(num, r.Denom()) // 2·100·|num| + den, over 2·den: +½
	num.Quo(num, den)
	if neg {
		num.Neg(num)
	}
	return num
}

// FormatScore shows a score the French way with two decimals, rounded half up:
// « 12,35 »; « — » for nil.
func FormatScore(r *big.Rat) string {
	if r == nil {
		return "—"
	}
	h := roundHundredths(r)
	sign := ""
	if h.Sign() < 0 {
		sign = "-"
		h.Neg(h)
	}
	q, m := new(big.Int).QuoRem(h, big.NewInt(100), new(big.Int))
	return fmt.Sprintf("%s%s,%02d", sign, q.String(), m.Int64())
}

// Total is a juror's total on 20 for a sheet: 20 × Σ(poids × note) / Σ(poids ×
// barème). It is nil and complete is false when a criterion of the grid is not
// scored or is scored outside 0..maximum, or when the grid is unusable (no
// criterion, duplicate IDs, negative weight or maximum, Σ(poids × barème) zero or
// above 2³²). Scores for criteria outside the grid are ignored.
func Total(criteria []data.Criterion, scores map[int64]int) (t *big.Rat, complete bool) {
	g := newGrid(criteria)
	row := make([]uint64, len(g.crit))
	sum, ok, _ := g.eval(scores, row)
	if !ok {
		return nil, false
	}
	return ratFrac(20, sum, g.den), true
}

// maxDen bounds Σ(poids × barème) so that every sum and product of the exact
// arithmetic fits in 64 or 128 bits. Real grids are far below (the CALL's is 50).
const maxDen = 1 << 32

// grid is an evaluation grid ready to score sheets.
type grid struct {
	crit []data.Criterion // in grid order: Position, then ID
	den  uint64           // Σ(poids × barème)
	top  int              // index in crit of the highest-weighted criterion, -1 if none
	err  string           // why the grid is unusable, "" when usable
}

func newGrid(cs []data.Criterion) grid {
	g := grid{crit: append([]data.Criterion(nil), cs...), top: -1}
	sort.SliceStable(g.crit, func(i, j int) bool {
		a, b := g.crit[i], g.crit[j]
		if a.Position != b.Position {
			return a.Position < b.Position
		}
		return a.ID < b.ID
	})
	if len(g.crit) == 0 {
		g.err = "elle n'a aucun critère"
		return g
	}
	seen := make(map[int64]bool, len(g.crit))
	for i, c := range g.crit {
		if seen[c.ID] && g.err == "" {
			g.err = "deux critères ont le même identifiant (" + strconv.FormatInt(c.ID, 10) + ")"
		}
		seen[c.ID] = true
		if g.top < 0 || c.Weight > g.crit[g.top].Weight {
			g.top = i
		}
		if g.err != "" {
			continue
		}
		w, m := int64(c.Weight), int64(c.Max)
		switch {
		case w < 0 || m < 0:
			g.err = fmt.Sprintf("le critère « %s » a un poids ou un barème négatif", c.Label)
		case m > maxDen || (m > 0 && w > maxDen/m) || g.den+uint64(w*m) > maxDen:
			g.err = "les poids et barèmes sont trop grands"
		default:
			g.den += uint64(w * m)
		}
	}
	if g.err == "" && g.den == 0 {
		g.err = "la somme des poids × barèmes est nulle"
	}
	return g
}

// eval scores a sheet: the weighted sum Σ(poids × note), whether the sheet is
// complete (every criterion scored within range, and the grid usable), and how
// many grid criteria are scored at all. row receives the scores in grid order.
func (g *grid) eval(scores map[int64]int, row []uint64) (sum uint64, complete bool, found int) {
	complete = g.err == ""
	for k, c := range g.crit {
		v, ok := scores[c.ID]
		if !ok {
			complete = false
			row[k] = 0
			continue
		}
		found++
		if v < 0 || v > c.Max {
			complete = false
			row[k] = 0
			continue
		}
		row[k] = uint64(v)
		sum += uint64(c.Weight) * uint64(v)
	}
	if !complete {
		sum = 0
	}
	return sum, complete, found
}

// problems details what is wrong with a sheet: criteria not scored, scored out of
// range (in grid order), and scores for criteria outside the grid (by ID).
func (g *grid) problems(scores map[int64]int) (missing, outOfRange, unknown []int64) {
	for _, c := range g.crit {
		v, ok := scores[c.ID]
		switch {
		case !ok:
			missing = append(missing, c.ID)
		case v < 0 || v > c.Max:
			outOfRange = append(outOfRange, c.ID)
		}
	}
	for id := range scores {
		in := false
		for _, c := range g.crit {
			if c.ID == id {
				in = true
				break
			}
		}
		if !in {
			unknown = append(unknown, id)
		}
	}
	sort.Slice(unknown, func(i, j int) bool { return unknown[i] < unknown[j] })
	return missing, outOfRange, unknown
}

// canonical is a sheet's scores as sorted (criterion, score) pairs.
func canonical(scores map[int64]int) [][2]int64 {
	out := make([][2]int64, 0, len(scores))
	for k, v := range scores {
		out = append(out, [2]int64{k, int64(v)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	return out
}

// cmpCanonical orders two sheets' scores: lexicographically on the sorted
// (criterion, score) pairs, the shorter first.
func cmpCanonical(a, b map[int64]int) int {
	x, y := canonical(a), canonical(b)
	for i := 0; i < len(x) && i < len(y); i++ {
		for k := 0; k < 2; k++ {
			if x[i][k] != y[i][k] {
				if x[i][k] < y[i][k] {
					return -1
				}
				return 1
			}
		}
	}
	return len(x) - len(y)
}

// jurorName is how a warning names a juror.
func (in *Input) jurorName(id int64) string {
	if n := strings.TrimSpace(in.JurorNames[id]); n != "" {
		return n
	}
	return "Juré n° " + strconv.FormatInt(id, 10)
}
