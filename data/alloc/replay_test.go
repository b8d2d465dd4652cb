package alloc

import (
	"math/big"
	"math/rand/v2"
	"slices"
	"testing"
)

// replayBatches makes every batch of the minimum's removals checked against
// the contract: one at a time, a full water-filling, the lowest-ranked
// candidate below the minimum goes. A batch that removes anything else, or in
// another order, fails the test, even when the final amounts happen to agree.
func replayBatches(t *testing.T) {
	t.Helper()
	batchHook = func(f *filler, k int) {
		var want []int
		for _, i := range f.elig[:k] {
			if !f.saved[i] {
				want = append(want, i)
			}
		}
		var active []int
		for i, a := range f.active {
			if a {
				active = append(active, i)
			}
		}
		g := newFiller(f.wt, f.caps, f.s, f.m, f.r0, active)
		for n, b := range want {
			g.round()
			low := -1
			for i := len(g.active) - 1; i >= 0; i-- {
				if g.active[i] && g.amt[i] < g.m {
					low = i
					break
				}
			}
			if low != b {
				t.Fatalf("lot de %d retraits (%d proposés) : le n° %d retire le candidat %d, le contrat retire %d", len(want), k, n+1, b, low)
			}
			g.active[b] = false
			g.order = slices.DeleteFunc(g.order, func(i int) bool { return !g.active[i] })
		}
	}
	t.Cleanup(func() { batchHook = nil })
}

// TestBatchesFollowTheContract replays every batch of calls where the
// minimum removes many candidates past fragile ones: steps large next to the
// minimum, both methods, fast and big arithmetic.
func TestBatchesFollowTheContract(t *testing.T) {
	replayBatches(t)
	rng := rand.New(rand.NewPCG(14, 14))
	for iter := range 120 {
		n := 100 + rng.IntN(900)
		cands := make([]Candidate, n)
		var sum int64
		for i := range cands {
			req := int64(5_000+rng.IntN(145_000)) * eur
			cands[i] = Candidate{ID: int64(i + 1), Rank: i + 1, RequestedCents: req, TotalCents: req * int64(1+rng.IntN(3)),
				Score: big.NewRat(int64(1_000+rng.IntN(1_001)), []int64{100, 300}[rng.IntN(2)])}
			sum += req
		}
		p := params([]Method{Uniform, Proportional}[iter%2], sum*int64(1+rng.IntN(5))/10,
			[]int64{100, 500, 1_000, 2_000, 5_000}[rng.IntN(5)]*eur, int64(5_000+rng.IntN(30_000))*eur, []int{100, 80}[rng.IntN(2)], true)
		if _, err := allocate(cands, p, iter%10 == 0); err != nil {
			t.Fatal(err)
		}
	}
	// Few distinct requests and scores: ties everywhere, where an off-by-one
	// in a bound would show.
	for iter := range 3_000 {
		n := 20 + rng.IntN(120)
		cands := make([]Candidate, n)
		for i := range cands {
			req := int64(1_000+rng.IntN(4)*100) * eur
			if iter%3 == 0 {
				req = int64(200+rng.IntN(20)*100) * eur
			}
			cands[i] = Candidate{ID: int64(i + 1), Rank: i + 1, RequestedCents: req, Score: big.NewRat(int64(10+rng.IntN(4)), int64(1+rng.IntN(3)))}
		}
		env := int64(5_000+rng.IntN(20_000)) * eur
		m := env / int64(2+rng.IntN(n)) / 100 * 100
		step := []int64{100, 1_000, 10_000, 7_000, 50_000, 100_000}[rng.IntN(6)]
		if _, err := allocate(cands, params([]Method{Uniform, Proportional}[iter%2], env, step, m, 100, true), iter%7 == 0); err != nil {
			t.Fatal(err)
		}
	}
	cands, sum := benchCandidates(2_000, false)
	for _, step := range []int64{500, 1_000, 2_000, 5_000} {
		for _, m := range []Method{Uniform, Proportional} {
			if _, err := allocate(cands, params(m, sum*3/10, step*eur, 20_000*eur, 100, true), false); err != nil {
				t.Fatal(err)
			}
		}
	}
}
