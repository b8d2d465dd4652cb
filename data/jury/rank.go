package jury

import (
	"cmp"
	"math"
	"math/big"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/exact"
)

// rec is one sheet of the input, scored.
type rec struct {
	src      int32 // index in Input.Sheets
	app      int32 // index of the candidate, -1 when unknown
	juror    int64
	sum      uint64 // Σ(poids × note) when complete
	complete bool
	found    int // grid criteria scored (in range or not)
	inRange  int // grid criteria scored within range
}

// acc is what an application's counted sheets add up to.
type acc struct {
	n   uint64 // counted sheets
	p   uint64 // Σ of their weighted sums
	top uint64 // Σ of their scores on the tie-break criterion
}

// hrec is one counted sheet, as the harmonisation reads it.
type hrec struct {
	j   int32 // juror index
	a   int32 // candidate index
	sum uint64
}

// ranking is Rank's work in progress: each step below applies one of the
// jury's rules and leaves its result here for the next.
type ranking struct {
	in  *Input
	p   Params
	g   grid
	nc  int // criteria in the grid
	out *Ranking

	cands []Candidate     // one per ID, by ID
	index map[int64]int32 // application ID → index in cands

	conflicts    map[[2]int64]struct{} // {juror, application ID}
	conflictList [][2]int64            // (candidate index, juror), sorted

	recs   []rec    // by sheet of the input
	rows   []uint64 // per sheet, its weighted score on each criterion
	start  []int32  // the sheets of candidate a are order[start[a]:start[a+1]]
	order  []int32
	orphan []int32 // sheets for an unknown application

	lines   []Line
	accs    []acc
	results []SheetResult // every Line.Sheets, end to end
	hrecs   []hrec
	jurors  map[int64]int32 // juror ID → index, for the harmonisation
	counted []uint64        // the current candidate's counted sums
	csum    []uint64        // the current candidate's counted scores per criterion
	memo    rats
	totals  []*big.Rat // a juror's total by weighted sum, for the usual small grids
}

// Rank applies the jury's rules to the input.
//
// A sheet is counted when the application is recevable, no déport was declared
// for that juror × application, and the sheet is complete. F is the mean of the
// counted totals; applications that are recevable and have at least Quorum
// counted sheets are ranked by F descending, ties broken by the mean score on the
// highest-weighted criterion (descending), then the date and time of receipt
// (earlier first), then the number.
//
// Input errors do not stop the ranking: they give warnings. Several sheets from
// one juror for one application are reduced to one, whatever their order: a
// complete sheet rather than an incomplete one, then the one with more scores in
// range, then the first by (criterion ID, score) pairs. Several candidates with
// one ID are reduced to the first by number, date, then recevable before
// irrecevable. Sheets for an unknown application are ignored; déports for an
// unknown application too (silently).
func Rank(in Input) *Ranking {
	k := newRanking(&in)
	k.oneCandidatePerID()
	k.warnSharedNumbers()
	k.declaredConflicts()
	k.scoreSheets()
	k.warnUnknownApplications()
	k.countSheets()
	harmonise(k.lines, len(k.jurors), k.g.den, len(k.hrecs), func(yield func(j, a int32, sum uint64)) {
		for _, h := range k.hrecs {
			yield(h.j, h.a, h.sum)
		}
	})
	ranked, others := k.eligible()
	k.breakTies(ranked)
	k.list(ranked, others)
	return k.out
}

// newRanking starts a ranking: the effective parameters, and the grid, whose
// flaw, if any, is the first warning.
func newRanking(in *Input) *ranking {
	p := in.Params.effective()
	k := &ranking{in: in, p: p, g: newGrid(in.Criteria), out: &Ranking{Params: p}, memo: rats{}}
	if k.g.err != "" {
		k.out.Warnings = append(k.out.Warnings, "Grille d'évaluation inutilisable : "+k.g.err+" ; aucune grille n'est comptée.")
	}
	if k.g.top >= 0 {
		k.out.TieCriterion = k.g.crit[k.g.top].ID
	}
	k.nc = len(k.g.crit)
	return k
}

// oneCandidatePerID keeps one candidate per ID: the first by number, date of
// receipt, then recevable before irrecevable; a repeated ID is warned once.
func (k *ranking) oneCandidatePerID() {
	cands := slices.Clone(k.in.Candidates)
	slices.SortFunc(cands, func(a, b Candidate) int {
		switch {
		case a.ID != b.ID:
			return cmp.Compare(a.ID, b.ID)
		case a.Number != b.Number:
			return strings.Compare(a.Number, b.Number)
		case !a.Received.Equal(b.Received):
			return a.Received.Compare(b.Received)
		case a.Irrecevable != b.Irrecevable:
			if a.Irrecevable {
				return 1
			}
			return -1
		}
		return strings.Compare(a.Received.Location().String(), b.Received.Location().String())
	})
	kept := make([]Candidate, 0, len(cands))
	warned := false
	for _, c := range cands {
		if len(kept) > 0 && c.ID == kept[len(kept)-1].ID {
			if !warned {
				warned = true
				k.out.Warnings = append(k.out.Warnings, "Le dossier d'identifiant "+strconv.FormatInt(c.ID, 10)+" est transmis plusieurs fois : seul le dossier n° « "+kept[len(kept)-1].Number+" » est retenu.")
			}
			continue
		}
		kept = append(kept, c)
		warned = false
	}
	k.cands = kept
	k.index = make(map[int64]int32, len(kept))
	for i, c := range kept {
		k.index[c.ID] = int32(i)
	}
}

// warnSharedNumbers warns once for each number several candidates carry.
func (k *ranking) warnSharedNumbers() {
	nums := make([]string, len(k.cands))
	for i, c := range k.cands {
		nums[i] = c.Number
	}
	sort.Strings(nums)
	for i := 1; i < len(nums); i++ {
		if nums[i] == nums[i-1] && (i < 2 || nums[i-2] != nums[i]) {
			k.out.Warnings = append(k.out.Warnings, "Le numéro « "+nums[i]+" » est porté par plusieurs dossiers.")
		}
	}
}

// declaredConflicts keeps the déports of known applications: as a set, and as
// the list each line shows.
func (k *ranking) declaredConflicts() {
	k.conflicts = make(map[[2]int64]struct{}, len(k.in.Conflicts))
	for _, c := range k.in.Conflicts {
		a, ok := k.index[c.ApplicationID]
		if !ok {
			continue
		}
		key := [2]int64{c.JurorID, c.ApplicationID}
		if _, dup := k.conflicts[key]; dup {
			continue
		}
		k.conflicts[key] = struct{}{}
		k.conflictList = append(k.conflictList, [2]int64{int64(a), c.JurorID})
	}
	slices.SortFunc(k.conflictList, func(x, y [2]int64) int {
		if x[0] != y[0] {
			return cmp.Compare(x[0], y[0])
		}
		return cmp.Compare(x[1], y[1])
	})
}

// scoreSheets scores every sheet against the grid, then buckets the sheets by
// candidate (order, start); sheets for an unknown application are set aside.
func (k *ranking) scoreSheets() {
	sheets := k.in.Sheets
	k.recs = make([]rec, len(sheets))
	k.rows = make([]uint64, len(sheets)*k.nc)
	k.start = make([]int32, len(k.cands)+1)
	for i := range sheets {
		s := &sheets[i]
		x := &k.recs[i]
		x.src, x.juror = int32(i), s.JurorID
		a, ok := k.index[s.ApplicationID]
		if !ok {
			x.app = -1
			k.orphan = append(k.orphan, int32(i))
			continue
		}
		x.app = a
		k.start[a+1]++
		x.sum, x.complete, x.found = k.g.eval(s.Scores, k.rows[i*k.nc:(i+1)*k.nc])
		x.inRange = x.found
		if !x.complete && k.g.err == "" {
			_, out, _ := k.g.problems(s.Scores)
			x.inRange -= len(out)
		}
	}
	for a := range k.cands {
		k.start[a+1] += k.start[a]
	}
	k.order = make([]int32, k.start[len(k.cands)])
	cur := slices.Clone(k.start[:len(k.cands)])
	for i := range k.recs {
		if a := k.recs[i].app; a >= 0 {
			k.order[cur[a]] = int32(i)
			cur[a]++
		}
	}
}

// warnUnknownApplications warns once per juror × unknown application.
func (k *ranking) warnUnknownApplications() {
	if len(k.orphan) == 0 {
		return
	}
	sheets := k.in.Sheets
	slices.SortFunc(k.orphan, func(i, j int32) int {
		a, b := &sheets[i], &sheets[j]
		if a.ApplicationID != b.ApplicationID {
			return cmp.Compare(a.ApplicationID, b.ApplicationID)
		}
		return cmp.Compare(a.JurorID, b.JurorID)
	})
	for n, i := range k.orphan {
		s := &sheets[i]
		if n > 0 {
			t := &sheets[k.orphan[n-1]]
			if t.ApplicationID == s.ApplicationID && t.JurorID == s.JurorID {
				continue
			}
		}
		k.out.Warnings = append(k.out.Warnings, k.in.jurorName(s.JurorID)+" : grille pour un dossier inconnu (identifiant "+strconv.FormatInt(s.ApplicationID, 10)+") ignorée.")
	}
}

// better orders two sheets of one candidate: by juror, then, for one juror,
// the sheet to keep first (complete, more scores in range, then canonical).
func (k *ranking) better(x, y *rec) int {
	switch {
	case x.juror != y.juror:
		return cmp.Compare(x.juror, y.juror)
	case x.complete != y.complete:
		if x.complete {
			return -1
		}
		return 1
	case x.inRange != y.inRange:
		return y.inRange - x.inRange
	}
	return cmpCanonical(k.in.Sheets[x.src].Scores, k.in.Sheets[y.src].Scores)
}

// countSheets decides, candidate by candidate, what becomes of each sheet and
// what the counted ones add up to: the line's statuses, counts, F and flags.
func (k *ranking) countSheets() {
	k.lines = make([]Line, len(k.cands))
	k.accs = make([]acc, len(k.cands))
	k.results = make([]SheetResult, 0, len(k.order))
	k.hrecs = make([]hrec, 0, len(k.order))
	k.jurors = map[int64]int32{}
	k.csum = make([]uint64, k.nc)
	if k.g.err == "" && k.g.den <= 1<<16 {
		k.totals = make([]*big.Rat, k.g.den+1)
	}
	ci := 0 // cursor in conflictList
	for a := range k.cands {
		c := &k.cands[a]
		l := &k.lines[a]
		l.ApplicationID, l.Number, l.Received, l.Irrecevable = c.ID, c.Number, c.Received, c.Irrecevable
		for ; ci < len(k.conflictList) && k.conflictList[ci][0] == int64(a); ci++ {
			l.Conflicts = append(l.Conflicts, k.conflictList[ci][1])
		}
		b := k.order[k.start[a]:k.start[a+1]]
		k.sortBucket(b)
		k.judgeSheets(int32(a), b)
		if len(k.counted) > 0 {
			k.finalScore(a)
		}
	}
}

// sortBucket sorts a candidate's sheets by juror, the sheet to keep first
// (insertion sort for the usual small buckets).
func (k *ranking) sortBucket(b []int32) {
	if len(b) > 16 {
		slices.SortFunc(b, func(x, y int32) int { return k.better(&k.recs[x], &k.recs[y]) })
		return
	}
	for i := 1; i < len(b); i++ {
		for j := i; j > 0 && k.better(&k.recs[b[j]], &k.recs[b[j-1]]) < 0; j-- {
			b[j], b[j-1] = b[j-1], b[j]
		}
	}
}

// judgeSheets gives each juror's kept sheet of candidate a its status (déport,
// then irrecevable, then incomplete, else counted), warns of repeated sheets and
// bad scores, and gathers the counted sums.
func (k *ranking) judgeSheets(a int32, b []int32) {
	c, l := &k.cands[a], &k.lines[a]
	first := len(k.results)
	k.counted = k.counted[:0]
	clear(k.csum)
	for i := 0; i < len(b); i++ {
		x := &k.recs[b[i]]
		s := &k.in.Sheets[x.src]
		name := ""
		if dups := 0; i+1 < len(b) && k.recs[b[i+1]].juror == x.juror {
			for i+1 < len(b) && k.recs[b[i+1]].juror == x.juror {
				i++
				dups++
			}
			name = k.in.jurorName(x.juror)
			l.Warnings = append(l.Warnings, name+" : "+strconv.Itoa(dups+1)+" grilles reçues pour ce dossier ; une seule est retenue (la plus complète).")
		}
		res := SheetResult{JurorID: x.juror}
		if x.complete {
			res.Total = k.total(x.sum)
		} else {
			res.Missing, res.OutOfRange, _ = k.g.problems(s.Scores)
		}
		if len(res.OutOfRange) > 0 || x.found < len(s.Scores) {
			if name == "" {
				name = k.in.jurorName(x.juror)
			}
			l.Warnings = append(l.Warnings, sheetWarnings(&k.g, name, s.Scores)...)
		}
		_, conflict := k.conflicts[[2]int64{x.juror, c.ID}]
		switch {
		case conflict:
			res.Status = StatusConflict
			l.Excluded++
		case c.Irrecevable:
			res.Status = StatusIrrecevable
		case !x.complete:
			res.Status = StatusIncomplete
			l.Incomplete++
		default:
			res.Status = StatusCounted
			l.Counted++
			k.count(a, x)
		}
		k.results = append(k.results, res)
	}
	l.Sheets = k.results[first:len(k.results):len(k.results)]
	if len(l.Sheets) == 0 {
		l.Sheets = nil
	}
}

// total is a juror's total on 20 for a complete sheet's weighted sum.
func (k *ranking) total(sum uint64) *big.Rat {
	if k.totals == nil {
		return k.memo.frac(20, sum, k.g.den)
	}
	if k.totals[sum] == nil {
		k.totals[sum] = ratFrac(20, sum, k.g.den)
	}
	return new(big.Rat).Set(k.totals[sum])
}

// count adds a counted sheet to its candidate's sums and to the harmonisation.
func (k *ranking) count(a int32, x *rec) {
	k.counted = append(k.counted, x.sum)
	row := k.rows[int(x.src)*k.nc : int(x.src+1)*k.nc]
	for i, v := range row {
		k.csum[i] += v
	}
	j, ok := k.jurors[x.juror]
	if !ok {
		j = int32(len(k.jurors))
		k.jurors[x.juror] = j
	}
	k.hrecs = append(k.hrecs, hrec{j, a, x.sum})
}

// finalScore sets candidate a's F, criterion means and standard deviation from
// its counted sheets, and flags it « à discuter » or « sous le seuil ».
func (k *ranking) finalScore(a int) {
	l := &k.lines[a]
	n := uint64(len(k.counted))
	ac := &k.accs[a]
	ac.n = n
	for _, s := range k.counted {
		ac.p += s
	}
	ac.top = k.csum[k.g.top]
	l.F = k.memo.frac2(20, ac.p, n, k.g.den)
	l.CriterionMeans = make(map[int64]*big.Rat, k.nc)
	for i, cr := range k.g.crit {
		l.CriterionMeans[cr.ID] = k.memo.frac(1, k.csum[i], n)
	}
	discuss, variance := disagrees(k.counted, k.g.den, k.p.DisagreementHundredths)
	l.StdDev = math.Sqrt(variance)
	if discuss {
		l.Flags = append(l.Flags, FlagDiscuss)
	}
	if below(ac.p, n, k.g.den, k.p.MinScoreHundredths) {
		l.Flags = append(l.Flags, FlagBelow)
	}
}

// eligible splits the candidates: the recevable ones with a quorum of counted
// sheets are ranked, the others are listed after them.
func (k *ranking) eligible() (ranked, others []int32) {
	for a := range k.cands {
		if !k.cands[a].Irrecevable && k.accs[a].n >= uint64(k.p.Quorum) {
			ranked = append(ranked, int32(a))
		} else {
			others = append(others, int32(a))
		}
	}
	return ranked, others
}

// The tie-break rules, by the level sep returns.
var tieRules = [...]string{"", TieCriterion, TieReceived, TieNumber, TieID}

// sep returns how candidate a ranks against b and the level of the rule that
// decided: 0 for F, 1 for the tie-break criterion, 2 the date of receipt, 3 the
// number, 4 the ID.
func (k *ranking) sep(a, b int32) (int, int) {
	x, y := &k.accs[a], &k.accs[b]
	if c := exact.CmpFrac(y.p, y.n, x.p, x.n); c != 0 {
		return c, 0
	}
	if c := exact.CmpFrac(y.top, y.n, x.top, x.n); c != 0 {
		return c, 1
	}
	if c := compareReceived(k.cands[a].Received, k.cands[b].Received); c != 0 {
		return c, 2
	}
	if c := strings.Compare(k.cands[a].Number, k.cands[b].Number); c != 0 {
		return c, 3
	}
	return cmp.Compare(k.cands[a].ID, k.cands[b].ID), 4
}

// breakTies sorts the ranked candidates by F, then the tie-breaks, and marks
// each group with equal F: the rule that placed each member, and the group.
func (k *ranking) breakTies(ranked []int32) {
	slices.SortFunc(ranked, func(a, b int32) int {
		c, _ := k.sep(a, b)
		return c
	})
	levels := make([]int, len(ranked)) // level separating ranked[i] from ranked[i+1]
	for i := 0; i+1 < len(ranked); i++ {
		_, levels[i] = k.sep(ranked[i], ranked[i+1])
	}
	for i := 0; i < len(ranked); {
		j := i + 1
		for j < len(ranked) && levels[j-1] > 0 {
			j++
		}
		if j-i > 1 {
			k.markTieGroup(ranked[i:j], levels[i:j-1])
		}
		i = j
	}
}

// markTieGroup marks one group of equal F: each member's rule is the finer of
// the levels separating it from its neighbours in the group.
func (k *ranking) markTieGroup(group []int32, levels []int) {
	numbers := make([]string, len(group))
	for n, a := range group {
		numbers[n] = k.cands[a].Number
	}
	for n, a := range group {
		lv := 0
		if n > 0 {
			lv = levels[n-1]
		}
		if n < len(levels) && levels[n] > lv {
			lv = levels[n]
		}
		l := &k.lines[a]
		l.TieBreak = tieRules[lv]
		l.TieGroup = numbers
		l.Flags = append(l.Flags, FlagTiePrefix+tieWords(tieRules[lv], k.g))
	}
}

// list writes the lines: the ranked ones with their rank, then the others by
// number, each flagged first with why it is not ranked.
func (k *ranking) list(ranked, others []int32) {
	slices.SortFunc(others, func(a, b int32) int {
		if c := strings.Compare(k.cands[a].Number, k.cands[b].Number); c != 0 {
			return c
		}
		return cmp.Compare(k.cands[a].ID, k.cands[b].ID)
	})
	r := k.out
	r.Lines = make([]Line, 0, len(k.cands))
	for n, a := range ranked {
		l := k.lines[a]
		l.Rank = n + 1
		r.Lines = append(r.Lines, l)
	}
	r.Ranked = len(ranked)
	for _, a := range others {
		l := k.lines[a]
		var pre []string
		switch {
		case l.Irrecevable && len(l.Sheets) > 0:
			pre = []string{FlagIrrecevableScores}
			l.Warnings = append(l.Warnings, "Dossier irrecevable : "+data.Count(len(l.Sheets), "grille reçue, conservée mais non prise en compte.", "grilles reçues, conservées mais non prises en compte."))
		case l.Irrecevable:
			pre = []string{FlagIrrecevable}
		default:
			pre = []string{FlagNoQuorum}
		}
		l.Flags = append(pre, l.Flags...)
		r.Lines = append(r.Lines, l)
	}
}

// sheetWarnings lists the scores of a sheet that are out of range or outside the grid.
func sheetWarnings(g *grid, name string, scores map[int64]int) []string {
	var out []string
	_, bad, unknown := g.problems(scores)
	for _, id := range bad {
		for _, c := range g.crit {
			if c.ID == id {
				out = append(out, name+" : note "+strconv.Itoa(scores[id])+" hors barème pour « "+c.Label+" » (de 0 à "+strconv.Itoa(c.Max)+") ; grille non comptée.")
				break
			}
		}
	}
	for _, id := range unknown {
		out = append(out, name+" : note pour un critère hors de la grille (identifiant "+strconv.FormatInt(id, 10)+") ignorée.")
	}
	return out
}

// harmonise sets the harmonised scores: each juror's counted sums become z-scores
// over the sheets that juror had counted, mapped back to the mean and population
// standard deviation of all counted sums, and averaged per application. Floats
// are fine here (information only), but they are summed in a fixed order (the
// records come by application, then juror), so the result is reproducible.
func harmonise(lines []Line, nj int, den uint64, nrec int, each func(func(j, a int32, sum uint64))) {
	if nrec == 0 {
		return
	}
	type jstat struct {
		k        uint64
		p        uint64
		min, max uint64
		mean, sd float64
		ss       float64
	}
	js := make([]jstat, nj)
	for i := range js {
		js[i].min = math.MaxUint64
	}
	var n, ptot uint64
	each(func(j, _ int32, s uint64) {
		x := &js[j]
		x.k++
		x.p += s
		x.min, x.max = min(x.min, s), max(x.max, s)
		n++
		ptot += s
	})
	mean := float64(ptot) / float64(n)
	for i := range js {
		js[i].mean = float64(js[i].p) / float64(js[i].k)
	}
	var ss float64
	each(func(j, _ int32, s uint64) {
		d := float64(s) - mean
		ss += d * d
		e := float64(s) - js[j].mean
		js[j].ss += e * e
	})
	sd := math.Sqrt(ss / float64(n))
	for i := range js {
		js[i].sd = math.Sqrt(js[i].ss / float64(js[i].k))
	}
	sums := make([]float64, len(lines))
	cnt := make([]int, len(lines))
	each(func(j, a int32, s uint64) {
		x := &js[j]
		z := 0.0
		if x.k > 1 && x.min != x.max && x.sd > 0 {
			z = (float64(s) - x.mean) / x.sd
		}
		sums[a] += (mean + z*sd) * 20 / float64(den)
		cnt[a]++
	})
	for a := range lines {
		if cnt[a] > 0 {
			lines[a].Harmonised = sums[a] / float64(cnt[a])
			lines[a].HasHarmonised = true
		}
	}
}

// compareReceived orders deposits, earliest first; an unknown date (never
// typed) comes after every known one, so it never wins a tie by default.
func compareReceived(a, b time.Time) int {
	switch {
	case a.IsZero() == b.IsZero():
		return a.Compare(b)
	case a.IsZero():
		return 1
	}
	return -1
}

// tieWords is a tie-break rule as a reader of the ranking wants it: the
// criterion by its number in the grid (« critère 1 »), the others as named.
func tieWords(rule string, g grid) string {
	if rule == TieCriterion && g.top >= 0 && g.crit[g.top].Position > 0 {
		return "critère " + strconv.Itoa(g.crit[g.top].Position)
	}
	return rule
}
