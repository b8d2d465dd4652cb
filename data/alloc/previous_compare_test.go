package alloc

import (
	"math/big"
	"math/rand/v2"
	"reflect"
	"testing"
)

// allocatePrevious is allocate with the water-filling of previous_test.go.
func allocatePrevious(cands []Candidate, p Params, forceBig bool) (*Result, error) {
	if err := p.Validate(); err != nil {
		return nil, err
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
			res.LockedCents += c.LockedCents
		}
	}
	rest := p.EnvelopeCents - res.LockedCents
	if p.Method == Rank {
		allocateRank(cands, caps, p, rest, res.Lines)
	} else {
		prevAllocateWater(cands, caps, p, rest, res.Lines, forceBig)
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

// bigCall makes n candidates of a large call (requests of 5 000 to 150 000 €,
// costs of 1 to 3 times the request, scores in hundredths or thirds of
// hundredths, now and then a locked line) and parameters that put many shares
// near the minimum.
func bigCall(rng *rand.Rand, n int) ([]Candidate, Params) {
	cands := make([]Candidate, n)
	den := []int64{100, 300, 7}[rng.IntN(3)]
	var sum int64
	for i := range cands {
		req := int64(5_000+rng.IntN(145_000)) * eur
		cands[i] = Candidate{ID: int64(i + 1), Rank: i + 1, RequestedCents: req, TotalCents: req * int64(1+rng.IntN(3)),
			Score: big.NewRat(int64(10*den)+rng.Int64N(10*den+1), den)}
		sum += req
	}
	p := params([]Method{Uniform, Proportional}[rng.IntN(2)], sum*int64(1+rng.IntN(6))/10,
		[]int64{1, 10, 100, 500, 1_000, 2_000, 7_000}[rng.IntN(7)]*eur,
		[]int64{0, 5_000, 10_000, 20_000, 30_000}[rng.IntN(5)]*eur, []int{100, 80, 50}[rng.IntN(3)], true)
	for range rng.IntN(4) {
		c := &cands[rng.IntN(n)]
		c.Locked, c.LockedCents = true, RawCap(*c, p)/int64(1+rng.IntN(4))
	}
	return cands, p
}

// TestSameAsPrevious compares the water-filling with the one before issue 14's
// speed-ups on calls too large for the word-for-word reference: the
// benchmarks' cases and random big calls, fast and big arithmetic.
func TestSameAsPrevious(t *testing.T) {
	cands, sum := benchCandidates(10_000, false)
	env := sum * 3 / 10
	cases := []Params{
		params(Proportional, env, 100, 20_000*eur, 100, true), params(Uniform, env, 100, 20_000*eur, 100, true),
		params(Uniform, env, 1_000*eur, 20_000*eur, 100, true), params(Uniform, 150_000*eur, 100, 5_000*eur, 100, true),
		params(Proportional, 150_000*eur, 100, 5_000*eur, 100, true), params(Uniform, env, 7_000, 0, 80, true),
	}
	compare := func(cands []Candidate, p Params, forceBig bool) {
		t.Helper()
		got, err := allocate(cands, p, forceBig)
		want, werr := allocatePrevious(cands, p, forceBig)
		if (err == nil) != (werr == nil) || !reflect.DeepEqual(got, want) {
			t.Fatalf("%d candidats, %+v (big %v) : résultat différent de l'ancien calcul\nnouveau %v %v\nancien  %v %v",
				len(cands), p, forceBig, err, got != nil && want != nil && reflect.DeepEqual(amounts(got), amounts(want)), werr, want != nil)
		}
	}
	for _, p := range cases {
		compare(cands, p, false)
	}
	rng := rand.New(rand.NewPCG(14, 2026))
	for iter := range 150 {
		n := 50 + rng.IntN(1_500)
		if iter%25 == 0 {
			n = 5_000 + rng.IntN(5_000)
		}
		cands, p := bigCall(rng, n)
		compare(cands, p, false)
		if iter%10 == 0 && n < 2_000 {
			compare(cands, p, true)
		}
	}
}
