package jury

// The ranking as it was before Rank was split into named steps (issue 20),
// frozen here so that random cases can show the split changes no result. To be
// deleted once the split is in.

import (
	"cmp"
	"math"
	"math/big"
	"math/rand/v2"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/call-agglo/cohesion/data"
)

// TestRankMatchesBefore runs seeded random campaigns through Rank and through
// the frozen copy, and wants the same Ranking, to the last warning.
func TestRankMatchesBefore(t *testing.T) {
	const cases = 5000
	r := rand.New(rand.NewPCG(20, 2026))
	for i := 0; i < cases; i++ {
		in := randomInput(r)
		got, want := Rank(in), rankBefore(in)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("case %d differs:\ninput %+v\ngot  %+v\nwant %+v", i, in, got, want)
		}
	}
	t.Logf("%d random cases matched", cases)
}

// randomInput is a small campaign: a grid (sometimes unusable), candidates with
// shared IDs, numbers and dates, sheets with missing, out-of-range and unknown
// scores, duplicate sheets, unknown applications, déports, and any parameters.
func randomInput(r *rand.Rand) Input {
	in := Input{Params: Params{
		MinScoreHundredths:     int64(r.IntN(2200)) - 100,
		Quorum:                 r.IntN(5) - 1,
		DisagreementHundredths: int64(r.IntN(600)) - 50,
	}}
	nc := r.IntN(6)
	if r.IntN(8) == 0 {
		nc = 0
	}
	for k := 0; k < nc; k++ {
		c := data.Criterion{ID: int64(k + 1), Position: k + 1, Label: "critère " + strconv.Itoa(k), Weight: 1 + r.IntN(4), Max: 1 + r.IntN(20)}
		if r.IntN(30) == 0 {
			c.Weight = r.IntN(2) - 1 // zero or negative: the grid is unusable
		}
		if r.IntN(15) == 0 {
			c.Position = r.IntN(3) // unnumbered or shared positions
		}
		if r.IntN(40) == 0 {
			c.Max = 1 << 20 // a large grid: the totals are not memoised by sum
		}
		in.Criteria = append(in.Criteria, c)
	}
	base := time.Date(2021, 6, 1, 9, 0, 0, 0, time.UTC)
	na := r.IntN(14)
	for a := 0; a < na; a++ {
		c := Candidate{ID: int64(a + 1), Number: "AMI-" + strconv.Itoa(a), Irrecevable: r.IntN(6) == 0}
		if r.IntN(12) == 0 { // a shared ID or number
			c.ID, c.Number = int64(1+r.IntN(na)), "AMI-"+strconv.Itoa(r.IntN(na))
		}
		if r.IntN(8) != 0 {
			c.Received = base.Add(time.Duration(r.IntN(5)) * time.Hour)
		}
		if r.IntN(20) == 0 {
			c.Received = c.Received.In(time.FixedZone("X", 3600))
		}
		in.Candidates = append(in.Candidates, c)
	}
	nj := 1 + r.IntN(6)
	ns := r.IntN(60)
	for s := 0; s < ns; s++ {
		sh := Sheet{JurorID: int64(1 + r.IntN(nj)), ApplicationID: int64(1 + r.IntN(na+1)), Scores: map[int64]int{}}
		full := r.IntN(5) != 0
		for k := 0; k < nc; k++ {
			if !full && r.IntN(3) == 0 {
				continue // missing score
			}
			v := r.IntN(in.Criteria[k].Max + 1)
			if full && r.IntN(4) == 0 {
				v = in.Criteria[k].Max // ties on the tie criterion
			}
			if r.IntN(25) == 0 {
				v = in.Criteria[k].Max + 1 + r.IntN(3) // out of range
			}
			if r.IntN(40) == 0 {
				v = -1
			}
			sh.Scores[int64(k+1)] = v
		}
		if r.IntN(20) == 0 {
			sh.Scores[int64(nc+1+r.IntN(2))] = r.IntN(4) // outside the grid
		}
		in.Sheets = append(in.Sheets, sh)
		if r.IntN(6) == 0 { // a second sheet from the same juror
			dup := Sheet{JurorID: sh.JurorID, ApplicationID: sh.ApplicationID, Scores: map[int64]int{}}
			for k, v := range sh.Scores {
				if r.IntN(3) != 0 {
					dup.Scores[k] = v
				}
			}
			in.Sheets = append(in.Sheets, dup)
		}
	}
	for n := r.IntN(5); n > 0; n-- {
		in.Conflicts = append(in.Conflicts, Conflict{JurorID: int64(1 + r.IntN(nj)), ApplicationID: int64(r.IntN(na + 3))})
	}
	if r.IntN(2) == 0 {
		in.JurorNames = map[int64]string{}
		for j := 1; j <= nj; j++ {
			if r.IntN(3) != 0 {
				in.JurorNames[int64(j)] = "Juré " + strconv.Itoa(j*7)
			}
		}
	}
	return in
}

func rankBefore(in Input) *Ranking {
	p := in.Params.effective()
	g := newGrid(in.Criteria)
	r := &Ranking{Params: p}
	if g.err != "" {
		r.Warnings = append(r.Warnings, "Grille d'évaluation inutilisable : "+g.err+" ; aucune grille n'est comptée.")
	}
	if g.top >= 0 {
		r.TieCriterion = g.crit[g.top].ID
	}
	nc := len(g.crit)

	// Candidates by ID, one per ID.
	cands := slices.Clone(in.Candidates)
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
				r.Warnings = append(r.Warnings, "Le dossier d'identifiant "+strconv.FormatInt(c.ID, 10)+" est transmis plusieurs fois : seul le dossier n° « "+kept[len(kept)-1].Number+" » est retenu.")
			}
			continue
		}
		kept = append(kept, c)
		warned = false
	}
	cands = kept
	index := make(map[int64]int32, len(cands))
	for i, c := range cands {
		index[c.ID] = int32(i)
	}
	{
		nums := make([]string, len(cands))
		for i, c := range cands {
			nums[i] = c.Number
		}
		sort.Strings(nums)
		for i := 1; i < len(nums); i++ {
			if nums[i] == nums[i-1] && (i < 2 || nums[i-2] != nums[i]) {
				r.Warnings = append(r.Warnings, "Le numéro « "+nums[i]+" » est porté par plusieurs dossiers.")
			}
		}
	}

	// Déports: a set, and the list per application.
	conflicts := make(map[[2]int64]struct{}, len(in.Conflicts))
	var conflictList [][2]int64 // (application index, juror)
	for _, c := range in.Conflicts {
		a, ok := index[c.ApplicationID]
		if !ok {
			continue
		}
		k := [2]int64{c.JurorID, c.ApplicationID}
		if _, dup := conflicts[k]; dup {
			continue
		}
		conflicts[k] = struct{}{}
		conflictList = append(conflictList, [2]int64{int64(a), c.JurorID})
	}
	slices.SortFunc(conflictList, func(x, y [2]int64) int {
		if x[0] != y[0] {
			return cmp.Compare(x[0], y[0])
		}
		return cmp.Compare(x[1], y[1])
	})

	// Score every sheet, then bucket the sheets by candidate.
	recs := make([]rec, len(in.Sheets))
	rows := make([]uint64, len(in.Sheets)*nc)
	start := make([]int32, len(cands)+1)
	var unknown []int32
	for i := range in.Sheets {
		s := &in.Sheets[i]
		x := &recs[i]
		x.src, x.juror = int32(i), s.JurorID
		a, ok := index[s.ApplicationID]
		if !ok {
			x.app = -1
			unknown = append(unknown, int32(i))
			continue
		}
		x.app = a
		start[a+1]++
		x.sum, x.complete, x.found = g.eval(s.Scores, rows[i*nc:(i+1)*nc])
		x.inRange = x.found
		if !x.complete && g.err == "" {
			_, out, _ := g.problems(s.Scores)
			x.inRange -= len(out)
		}
	}
	for a := range cands {
		start[a+1] += start[a]
	}
	order := make([]int32, start[len(cands)])
	{
		cur := slices.Clone(start[:len(cands)])
		for i := range recs {
			if a := recs[i].app; a >= 0 {
				order[cur[a]] = int32(i)
				cur[a]++
			}
		}
	}
	better := func(x, y *rec) int { // < 0: x is the sheet to keep
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
		return cmpCanonical(in.Sheets[x.src].Scores, in.Sheets[y.src].Scores)
	}

	if len(unknown) > 0 {
		slices.SortFunc(unknown, func(i, j int32) int {
			a, b := &in.Sheets[i], &in.Sheets[j]
			if a.ApplicationID != b.ApplicationID {
				return cmp.Compare(a.ApplicationID, b.ApplicationID)
			}
			return cmp.Compare(a.JurorID, b.JurorID)
		})
		for k, i := range unknown {
			s := &in.Sheets[i]
			if k > 0 {
				t := &in.Sheets[unknown[k-1]]
				if t.ApplicationID == s.ApplicationID && t.JurorID == s.JurorID {
					continue
				}
			}
			r.Warnings = append(r.Warnings, in.jurorName(s.JurorID)+" : grille pour un dossier inconnu (identifiant "+strconv.FormatInt(s.ApplicationID, 10)+") ignorée.")
		}
	}

	// Per application: statuses, counts, sums.
	lines := make([]Line, len(cands))
	accs := make([]acc, len(cands))
	results := make([]SheetResult, 0, len(order))
	type hrec struct {
		j   int32 // juror index
		a   int32
		sum uint64
	}
	hrecs := make([]hrec, 0, len(order))
	jurors := map[int64]int32{}
	var counted []uint64
	csum := make([]uint64, nc)
	ci := 0 // cursor in conflictList
	memo := rats{}
	var totals []*big.Rat // by weighted sum, for the usual small grids
	if g.err == "" && g.den <= 1<<16 {
		totals = make([]*big.Rat, g.den+1)
	}
	for a := range cands {
		c := &cands[a]
		l := &lines[a]
		l.ApplicationID, l.Number, l.Received, l.Irrecevable = c.ID, c.Number, c.Received, c.Irrecevable
		for ; ci < len(conflictList) && conflictList[ci][0] == int64(a); ci++ {
			l.Conflicts = append(l.Conflicts, conflictList[ci][1])
		}
		b := order[start[a]:start[a+1]]
		// Sort the bucket by juror, the sheet to keep first (insertion sort for
		// the usual small buckets).
		if len(b) <= 16 {
			for i := 1; i < len(b); i++ {
				for j := i; j > 0 && better(&recs[b[j]], &recs[b[j-1]]) < 0; j-- {
					b[j], b[j-1] = b[j-1], b[j]
				}
			}
		} else {
			slices.SortFunc(b, func(x, y int32) int { return better(&recs[x], &recs[y]) })
		}
		first := len(results)
		counted = counted[:0]
		clear(csum)
		for i := 0; i < len(b); i++ {
			x := &recs[b[i]]
			s := &in.Sheets[x.src]
			name := ""
			if dups := 0; i+1 < len(b) && recs[b[i+1]].juror == x.juror {
				for i+1 < len(b) && recs[b[i+1]].juror == x.juror {
					i++
					dups++
				}
				name = in.jurorName(x.juror)
				l.Warnings = append(l.Warnings, name+" : "+strconv.Itoa(dups+1)+" grilles reçues pour ce dossier ; une seule est retenue (la plus complète).")
			}
			res := SheetResult{JurorID: x.juror}
			if x.complete {
				if totals != nil {
					if totals[x.sum] == nil {
						totals[x.sum] = ratFrac(20, x.sum, g.den)
					}
					res.Total = new(big.Rat).Set(totals[x.sum])
				} else {
					res.Total = memo.frac(20, x.sum, g.den)
				}
			} else {
				res.Missing, res.OutOfRange, _ = g.problems(s.Scores)
			}
			if len(res.OutOfRange) > 0 || x.found < len(s.Scores) {
				if name == "" {
					name = in.jurorName(x.juror)
				}
				l.Warnings = append(l.Warnings, sheetWarnings(&g, name, s.Scores)...)
			}
			_, conflict := conflicts[[2]int64{x.juror, c.ID}]
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
				counted = append(counted, x.sum)
				row := rows[int(x.src)*nc : int(x.src+1)*nc]
				for k, v := range row {
					csum[k] += v
				}
				j, ok := jurors[x.juror]
				if !ok {
					j = int32(len(jurors))
					jurors[x.juror] = j
				}
				hrecs = append(hrecs, hrec{j, int32(a), x.sum})
			}
			results = append(results, res)
		}
		l.Sheets = results[first:len(results):len(results)]
		if len(l.Sheets) == 0 {
			l.Sheets = nil
		}
		if len(counted) == 0 {
			continue
		}
		n := uint64(len(counted))
		ac := &accs[a]
		ac.n = n
		for _, s := range counted {
			ac.p += s
		}
		ac.top = csum[g.top]
		l.F = memo.frac2(20, ac.p, n, g.den)
		l.CriterionMeans = make(map[int64]*big.Rat, nc)
		for k, cr := range g.crit {
			l.CriterionMeans[cr.ID] = memo.frac(1, csum[k], n)
		}
		var variance float64
		var discuss bool
		discuss, variance = disagrees(counted, g.den, p.DisagreementHundredths)
		l.StdDev = math.Sqrt(variance)
		if discuss {
			l.Flags = append(l.Flags, FlagDiscuss)
		}
		if below(ac.p, n, g.den, p.MinScoreHundredths) {
			l.Flags = append(l.Flags, FlagBelow)
		}
	}

	harmonise(lines, len(jurors), g.den, len(hrecs), func(yield func(j, a int32, sum uint64)) {
		for _, h := range hrecs {
			yield(h.j, h.a, h.sum)
		}
	})

	// Rank.
	var ranked, others []int32
	for a := range cands {
		if !cands[a].Irrecevable && accs[a].n >= uint64(p.Quorum) {
			ranked = append(ranked, int32(a))
		} else {
			others = append(others, int32(a))
		}
	}
	// sep returns how a ranks against b and which rule decided: 0 for F, 1 for
	// the criterion, 2 the date, 3 the number, 4 the ID.
	sep := func(a, b int32) (int, int) {
		x, y := &accs[a], &accs[b]
		if c := cmpFrac(y.p, y.n, x.p, x.n); c != 0 {
			return c, 0
		}
		if c := cmpFrac(y.top, y.n, x.top, x.n); c != 0 {
			return c, 1
		}
		if c := compareReceived(cands[a].Received, cands[b].Received); c != 0 {
			return c, 2
		}
		if c := strings.Compare(cands[a].Number, cands[b].Number); c != 0 {
			return c, 3
		}
		return cmp.Compare(cands[a].ID, cands[b].ID), 4
	}
	slices.SortFunc(ranked, func(a, b int32) int {
		c, _ := sep(a, b)
		return c
	})
	slices.SortFunc(others, func(a, b int32) int {
		if c := strings.Compare(cands[a].Number, cands[b].Number); c != 0 {
			return c
		}
		return cmp.Compare(cands[a].ID, cands[b].ID)
	})
	rules := [...]string{"", TieCriterion, TieReceived, TieNumber, TieID}
	levels := make([]int, len(ranked)) // level separating ranked[i] from ranked[i+1]
	for i := 0; i+1 < len(ranked); i++ {
		_, levels[i] = sep(ranked[i], ranked[i+1])
	}
	for i := 0; i < len(ranked); {
		j := i + 1
		for j < len(ranked) && levels[j-1] > 0 {
			j++
		}
		if j-i > 1 {
			group := make([]string, j-i)
			for k := i; k < j; k++ {
				group[k-i] = cands[ranked[k]].Number
			}
			for k := i; k < j; k++ {
				lv := 0
				if k > i {
					lv = levels[k-1]
				}
				if k+1 < j && levels[k] > lv {
					lv = levels[k]
				}
				l := &lines[ranked[k]]
				l.TieBreak = rules[lv]
				l.TieGroup = group
				l.Flags = append(l.Flags, FlagTiePrefix+tieWords(rules[lv], g))
			}
		}
		i = j
	}

	r.Lines = make([]Line, 0, len(cands))
	for k, a := range ranked {
		l := lines[a]
		l.Rank = k + 1
		r.Lines = append(r.Lines, l)
	}
	r.Ranked = len(ranked)
	for _, a := range others {
		l := lines[a]
		var pre []string
		switch {
		case l.Irrecevable && len(l.Sheets) > 0:
			pre = []string{FlagIrrecevableScores}
			n := len(l.Sheets)
			l.Warnings = append(l.Warnings, "Dossier irrecevable : "+data.Count(n, "grille reçue, conservée mais non prise en compte.", "grilles reçues, conservées mais non prises en compte."))
		case l.Irrecevable:
			pre = []string{FlagIrrecevable}
		default:
			pre = []string{FlagNoQuorum}
		}
		l.Flags = append(pre, l.Flags...)
		r.Lines = append(r.Lines, l)
	}
	return r
}
