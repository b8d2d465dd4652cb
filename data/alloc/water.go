package alloc

import (
	"cmp"
	"math/big"
	"math/bits"
	"slices"

	"github.com/call-agglo/cohesion/data/exact"
)

// The Proportional and Uniform methods share R = E − Σ locked among the active
// candidates (not locked, weight > 0) by water-filling:
//
//	q_i = R × w_i / Σw; every i with q_i ≥ cap_i gets its cap and leaves, R
//	shrinks by it; repeat until no q reaches its cap; then floor to the step and
//	hand out the leftover steps to the largest remainders (ties: ranking order).
//	If some active candidate got less than the minimum m, the lowest-ranked one
//	is set to 0 and removed, and everything starts again.
//
// Weights are integers: w_i = a_i × cap_i, with a_i = 1 (Uniform) or a_i = F_i × D
// (Proportional, D the least common multiple of the scores' denominators). Then:
//
//   - q_i ≥ cap_i ⟺ R·a_i ≥ Σw: the candidates reach their caps in decreasing
//     order of a_i (all together for Uniform), so one pass over the candidates
//     sorted by a_i finds the saturated ones. That pass saturates exactly the
//     same set as the rounds of the contract: each round's level R/Σw is at least
//     the previous one, so a candidate saturated in one round stays saturated, and
//     the pass stops at the first candidate that no round would ever saturate.
//   - q_i = R·w_i / Σw = X_i + ρ_i/Σw with X_i = ⌊R·w_i / Σw⌋: the amount is
//     ⌊X_i/s⌋·s and the remainder q_i − amount compares as the pair
//     (X_i mod s, ρ_i), all ρ sharing the denominator Σw.
//
// fastWeights does this in 64/128-bit integers when every w_i fits in 64 bits
// (R < 2⁴⁷, so R·w_i < 2¹¹¹ and Σw < 2⁸¹); bigWeights does it with big.Int for
// exotic scores (huge denominators). Both are exact; the tests check they agree.
//
// Cost: one water-filling is O(n log n): a sort by a_i once, then linear passes
// and a histogram and quickselect for the extra steps. Without a minimum that
// is all. With a minimum, run removes candidates in batches proved identical
// to the contract's one at a time (batch, certified); a batch stops where the
// proof fails, when a candidate's fate hangs on one extra step of the largest
// remainders. With a step large next to the minimum and thousands of shares
// within a step of it, that takes about a hundred water-fillings for 10 000
// candidates (the benchmarks' worst case: 63). The tests replay every batch
// one removal at a time (replay_test.go) and compare with the contract word
// for word (reference_test.go) and with the code before issue 14
// (previous_test.go).

// weights is the arithmetic of the water-filling on integer weights.
type weights interface {
	reset()                      // Σw := 0
	add(i int)                   // Σw += w_i
	sub(i int)                   // Σw −= w_i
	reaches(i int, r int64) bool // R·a_i ≥ Σw: candidate i reaches its cap at level R/Σw
	share(i int, r int64) int64  // X_i = ⌊R·w_i/Σw⌋, keeps ρ_i; only when !reaches(i, r)
	peek(i int, r int64) int64   // X_i like share, without keeping ρ_i
	// atLeast(i, r, t) is X_i ≥ t (0 ≤ t < cap_i), as R·w_i ≥ t·Σw: a product
	// where peek divides; only when !reaches(i, r).
	atLeast(i int, r int64, t int64) bool
	cmpRho(i, j int) int  // compares the ρ kept by share
	cmpA(i, j int) int    // compares a_i and a_j
	cmpW(i, j int) int    // compares w_i and w_j
	wFloat(i int) float64 // w_i, rounded
	sumFloat() float64    // Σw, rounded
	saveTotal()           // keeps Σw, for loadTotal
	loadTotal()           // Σw := the Σw saveTotal kept
}

// fastWeights holds weights that fit in 64 bits each.
type fastWeights struct {
	a, w       []uint64
	sum, total exact.U128
	rho        []exact.U128
}

func (f *fastWeights) reset()              { f.sum = exact.U128{} }
func (f *fastWeights) saveTotal()          { f.total = f.sum }
func (f *fastWeights) loadTotal()          { f.sum = f.total }
func (f *fastWeights) add(i int)           { f.sum = f.sum.Add64(f.w[i]) }
func (f *fastWeights) sub(i int)           { f.sum = f.sum.Sub64(f.w[i]) }
func (f *fastWeights) cmpRho(i, j int) int { return f.rho[i].Cmp(f.rho[j]) }

func (f *fastWeights) reaches(i int, r int64) bool {
	return exact.Mul(uint64(r), f.a[i]).Cmp(f.sum) >= 0
}

func (f *fastWeights) share(i int, r int64) int64 {
	// R·w_i < R·a_i·cap_i < Σw·cap_i: the quotient is below cap_i, an int64.
	q, rho := exact.Mul(uint64(r), f.w[i]).QuoRem(f.sum)
	f.rho[i] = rho
	return int64(q)
}

func (f *fastWeights) peek(i int, r int64) int64 {
	q, _ := exact.Mul(uint64(r), f.w[i]).QuoRem(f.sum)
	return int64(q)
}

// atLeast needs t < cap_i (≤ MaxCents < 2⁴⁷), so that t·Σw < 2⁴⁷·2⁸¹ fits.
func (f *fastWeights) atLeast(i int, r int64, t int64) bool {
	return exact.Mul(uint64(r), f.w[i]).Cmp(f.sum.Mul64(uint64(t))) >= 0
}

func (f *fastWeights) cmpW(i, j int) int    { return cmp.Compare(f.w[i], f.w[j]) }
func (f *fastWeights) wFloat(i int) float64 { return float64(f.w[i]) }
func (f *fastWeights) sumFloat() float64    { return float64(f.sum.Hi)*0x1p64 + float64(f.sum.Lo) }

func (f *fastWeights) cmpA(i, j int) int {
	switch {
	case f.a[i] > f.a[j]:
		return 1
	case f.a[i] < f.a[j]:
		return -1
	}
	return 0
}

// bigWeights holds weights of any size.
type bigWeights struct {
	a, w        []*big.Int
	sum, total  big.Int
	rho         []*big.Int
	t, u, v, r0 big.Int
}

func (b *bigWeights) reset()               { b.sum.SetInt64(0) }
func (b *bigWeights) saveTotal()           { b.total.Set(&b.sum) }
func (b *bigWeights) loadTotal()           { b.sum.Set(&b.total) }
func (b *bigWeights) add(i int)            { b.sum.Add(&b.sum, b.w[i]) }
func (b *bigWeights) sub(i int)            { b.sum.Sub(&b.sum, b.w[i]) }
func (b *bigWeights) cmpA(i, j int) int    { return b.a[i].Cmp(b.a[j]) }
func (b *bigWeights) cmpW(i, j int) int    { return b.w[i].Cmp(b.w[j]) }
func (b *bigWeights) wFloat(i int) float64 { v, _ := new(big.Float).SetInt(b.w[i]).Float64(); return v }
func (b *bigWeights) sumFloat() float64    { v, _ := new(big.Float).SetInt(&b.sum).Float64(); return v }
func (b *bigWeights) cmpRho(i, j int) int  { return b.rho[i].Cmp(b.rho[j]) }

func (b *bigWeights) reaches(i int, r int64) bool {
	b.r0.SetInt64(r)
	return b.t.Mul(&b.r0, b.a[i]).Cmp(&b.sum) >= 0
}

func (b *bigWeights) share(i int, r int64) int64 {
	b.r0.SetInt64(r)
	b.t.Mul(&b.r0, b.w[i])
	if b.rho[i] == nil {
		b.rho[i] = new(big.Int)
	}
	b.u.QuoRem(&b.t, &b.sum, b.rho[i])
	return b.u.Int64()
}

func (b *bigWeights) atLeast(i int, r int64, t int64) bool {
	b.r0.SetInt64(r)
	b.t.Mul(&b.r0, b.w[i])
	b.r0.SetInt64(t)
	return b.t.Cmp(b.u.Mul(&b.sum, &b.r0)) >= 0
}

func (b *bigWeights) peek(i int, r int64) int64 {
	b.r0.SetInt64(r)
	b.t.Mul(&b.r0, b.w[i])
	b.u.QuoRem(&b.t, &b.sum, &b.v)
	return b.u.Int64()
}

// uniformWeights: a_i = 1, w_i = cap_i.
func uniformWeights(caps []int64, active []int, forceBig bool) weights {
	if forceBig {
		b := &bigWeights{a: make([]*big.Int, len(caps)), w: make([]*big.Int, len(caps)), rho: make([]*big.Int, len(caps))}
		one := big.NewInt(1)
		for _, i := range active {
			b.a[i], b.w[i] = one, big.NewInt(caps[i])
		}
		return b
	}
	f := &fastWeights{a: make([]uint64, len(caps)), w: make([]uint64, len(caps)), rho: make([]exact.U128, len(caps))}
	for _, i := range active {
		f.a[i], f.w[i] = 1, uint64(caps[i])
	}
	return f
}

// proportionalWeights: a_i = F_i × D, w_i = a_i × cap_i, D the least common
// multiple of the denominators of the active candidates' scores.
func proportionalWeights(cands []Candidate, caps []int64, active []int, forceBig bool) weights {
	if !forceBig {
		if f, ok := fastProportional(cands, caps, active); ok {
			return f
		}
	}
	n := len(caps)
	b := &bigWeights{a: make([]*big.Int, n), w: make([]*big.Int, n), rho: make([]*big.Int, n)}
	d := big.NewInt(1)
	var g, t big.Int
	for _, i := range active {
		den := cands[i].Score.Denom()
		g.GCD(nil, nil, d, den)
		d.Mul(d, t.Quo(den, &g))
	}
	for _, i := range active {
		s := cands[i].Score
		a := new(big.Int).Quo(d, s.Denom())
		a.Mul(a, s.Num())
		b.a[i] = a
		b.w[i] = new(big.Int).Mul(a, big.NewInt(caps[i]))
	}
	return b
}

func fastProportional(cands []Candidate, caps []int64, active []int) (*fastWeights, bool) {
	d := uint64(1)
	for _, i := range active {
		den := cands[i].Score.Denom()
		if !den.IsUint64() {
			return nil, false
		}
		dv := den.Uint64()
		hi, lo := bits.Mul64(d/gcd(d, dv), dv)
		if hi != 0 {
			return nil, false
		}
		d = lo
	}
	n := len(caps)
	f := &fastWeights{a: make([]uint64, n), w: make([]uint64, n), rho: make([]exact.U128, n)}
	for _, i := range active {
		s := cands[i].Score
		num := s.Num()
		if !num.IsUint64() {
			return nil, false
		}
		hi, a := bits.Mul64(num.Uint64(), d/s.Denom().Uint64())
		if hi != 0 {
			return nil, false
		}
		hi, w := bits.Mul64(a, uint64(caps[i]))
		if hi != 0 {
			return nil, false
		}
		f.a[i], f.w[i] = a, w
	}
	return f, true
}

func gcd(a, b uint64) uint64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// filler runs the water-filling and the minimum-grant loop over one weights.
type filler struct {
	wt       weights
	caps     []int64
	s, m     int64
	r0       int64   // R: the envelope less the locked lines
	order    []int   // active candidates, by decreasing a_i then ranking order
	active   []bool  // by candidate index
	sat      []bool  // at its cap in the last level()
	floorA   []int64 // ⌊q/s⌋·s in the last round(), before the extra steps
	amt      []int64 // amount in the last round()
	key      []int64 // X mod s in the last round()
	unsat    []int   // scratch: unsaturated active candidates
	kscratch []int64 // scratch of kthLargestKey
	ties     []int   // scratch of giveExtraSteps
	costly   []int   // certify(): the candidates that may cost (findCostly)
	still    []int   // scratch of certify
	lambda0  float64 // the level of the last round(), rounded
	kraw     int64   // ⌊R/s⌋ − Σ fu at the last round(): its extra steps, before bounds
	rounds   int     // round() calls
	// keyHistogram's, for the round histRound
	hist, histAbove []int32
	histShift       int
	histRound       int
	elig            []int              // scratch: candidates below the minimum, lowest-ranked first
	gone            []bool             // scratch of batch(): removed since the last round()
	saved           []bool             // scratch of batch(): below m at the last round(), at or above m for good since
	k0              int                // extra steps handed out in the last round()
	cmp             func(i, j int) int // order of the extra steps in the last round()
	frag            []int              // scratch: « fragile » candidates, lowest-ranked first
	fkeys           []int64            // scratch of certify()
	ahead           map[int]int        // certify(): remainders not behind a fragile candidate's, this round
}

func newFiller(wt weights, caps []int64, s, m, r0 int64, activeIdx []int) *filler {
	n := len(caps)
	f := &filler{wt: wt, caps: caps, s: s, m: m, r0: r0,
		order: slices.Clone(activeIdx), active: make([]bool, n), sat: make([]bool, n),
		floorA: make([]int64, n), amt: make([]int64, n), key: make([]int64, n), gone: make([]bool, n), saved: make([]bool, n), ahead: map[int]int{},
		hist: make([]int32, histBuckets), histAbove: make([]int32, histBuckets+1)}
	for _, i := range activeIdx {
		f.active[i] = true
	}
	slices.SortFunc(f.order, func(i, j int) int {
		if c := wt.cmpA(j, i); c != 0 {
			return c
		}
		return i - j
	})
	return f
}

// level finds the saturated candidates of f.order (all active) and returns what
// is left of R for the others, and the number of saturated ones: they are the
// first ones of f.order. The weights' sum is then Σw over the unsaturated ones.
func (f *filler) level() (int64, int) {
	f.wt.reset()
	for _, i := range f.order {
		f.wt.add(i)
		f.sat[i] = false
	}
	f.wt.saveTotal() // Σw over all the active ones, for levelExcept
	r := f.r0
	p := 0
	for ; p < len(f.order); p++ {
		i := f.order[p]
		if !f.wt.reaches(i, r) {
			break
		}
		f.sat[i] = true
		r -= f.caps[i]
		f.wt.sub(i)
	}
	return r, p
}

// round computes the amounts of the active candidates: water-filling, flooring
// to the step, leftover steps to the largest remainders.
func (f *filler) round() {
	f.rounds++
	r, _ := f.level()
	f.lambda0 = float64(r) / f.wt.sumFloat() // for findCostly's bounds
	var sum int64
	f.unsat = f.unsat[:0]
	for _, i := range f.order {
		if f.sat[i] {
			f.amt[i], f.floorA[i] = f.caps[i], f.caps[i]
			continue
		}
		x := f.wt.share(i, r)
		a := x - x%f.s
		f.amt[i], f.floorA[i], f.key[i] = a, a, x-a
		sum += a
		f.unsat = append(f.unsat, i)
	}
	f.kraw = (r - sum) / f.s
	k := int(f.kraw) // < len(f.unsat): Σ remainders < s × count
	f.k0 = max(0, min(k, len(f.unsat)))
	if k <= 0 {
		return
	}
	k = f.k0
	// The k largest remainders q − amount, compared as (X mod s, ρ), ties in
	// ranking order.
	var cmp func(i, j int) int
	if fw, ok := f.wt.(*fastWeights); ok {
		cmp = func(i, j int) int {
			if f.key[i] != f.key[j] {
				if f.key[i] > f.key[j] {
					return -1
				}
				return 1
			}
			if c := fw.rho[j].Cmp(fw.rho[i]); c != 0 {
				return c
			}
			return i - j
		}
	} else {
		cmp = func(i, j int) int {
			if f.key[i] != f.key[j] {
				if f.key[i] > f.key[j] {
					return -1
				}
				return 1
			}
			if c := f.wt.cmpRho(j, i); c != 0 {
				return c
			}
			return i - j
		}
	}
	f.cmp = cmp
	f.giveExtraSteps(k)
}

// giveExtraSteps adds a step to the k first of f.unsat in f.cmp, the k
// largest remainders: those whose X mod s is above the k-th largest one's
// (found by kthLargestKey), then, among those equal to it, the first in f.cmp.
// Only the ties need f.cmp.
func (f *filler) giveExtraSteps(k int) {
	if k <= 0 {
		return
	}
	t := f.kthLargestKey(k)
	ties := f.ties[:0]
	above := 0
	for _, i := range f.unsat {
		switch key := f.key[i]; {
		case key > t:
			f.addStep(i)
			above++
		case key == t:
			ties = append(ties, i)
		}
	}
	selectFirst(ties, k-above, f.cmp)
	for _, i := range ties[:k-above] {
		f.addStep(i)
	}
	f.ties = ties
}

func (f *filler) addStep(i int) {
	if f.amt[i]+f.s <= f.caps[i] { // always true: q < cap and cap is a multiple of s
		f.amt[i] += f.s
	}
}

// kthLargestKey returns the k-th largest X mod s of f.unsat (1 ≤ k ≤ its
// length): a histogram of the keys' top bits finds the bucket that holds it,
// and a quickselect among that bucket's keys the key itself.
func (f *filler) kthLargestKey(k int) int64 {
	f.keyHistogram()
	b := histBuckets - 1
	for int(f.histAbove[b]) < k {
		b--
	}
	above := int(f.histAbove[b+1])
	keys := f.kscratch[:0]
	for _, i := range f.unsat {
		if int(f.key[i]>>f.histShift) == b {
			keys = append(keys, f.key[i])
		}
	}
	f.kscratch = keys
	return kthLargest(keys, k-above)
}

// kthLargest returns the k-th largest of xs (1 ≤ k ≤ len(xs)), reordering xs:
// a quickselect with three-way partitions, so that many equal values cost
// nothing, falling back to a sort if the pivots turn out badly.
func kthLargest(xs []int64, k int) int64 {
	lo, hi := 0, len(xs) // the answer is in xs[lo:hi], the k-th largest of all
	budget := 2 * bits.Len(uint(len(xs)))
	for hi-lo > 12 && budget > 0 {
		budget--
		a, b, c := xs[lo], xs[lo+(hi-lo)/2], xs[hi-1]
		pivot := max(min(a, b), min(max(a, b), c)) // median of three
		// xs[lo:lt] > pivot, xs[lt:i] = pivot, xs[gt:hi] < pivot
		lt, i, gt := lo, lo, hi
		for i < gt {
			switch v := xs[i]; {
			case v > pivot:
				xs[lt], xs[i] = xs[i], xs[lt]
				lt++
				i++
			case v < pivot:
				gt--
				xs[i], xs[gt] = xs[gt], xs[i]
			default:
				i++
			}
		}
		switch {
		case k-1 < lt:
			hi = lt
		case k-1 < gt:
			return pivot
		default:
			lo = gt
		}
	}
	slices.SortFunc(xs[lo:hi], func(a, b int64) int { return cmp.Compare(b, a) })
	return xs[k-1]
}

// selectFirst reorders xs so that its first k elements are the k first in the
// strict order cmp: a quickselect, O(len(xs)) on average, falling back to a sort
// (O(n log n)) if the pivots turn out badly.
func selectFirst(xs []int, k int, cmp func(a, b int) int) {
	lo, hi := 0, len(xs)
	budget := 2 * bits.Len(uint(len(xs)))
	for hi-lo > 12 {
		if budget == 0 {
			break
		}
		budget--
		// Median of three as the pivot, moved to the end.
		a, b, c := lo, lo+(hi-lo)/2, hi-1
		if cmp(xs[a], xs[b]) > 0 {
			a, b = b, a
		}
		if cmp(xs[b], xs[c]) > 0 {
			b = c
			if cmp(xs[a], xs[b]) > 0 {
				b = a
			}
		}
		xs[b], xs[hi-1] = xs[hi-1], xs[b]
		pivot := xs[hi-1]
		store := lo
		for i := lo; i < hi-1; i++ {
			if cmp(xs[i], pivot) < 0 {
				xs[i], xs[store] = xs[store], xs[i]
				store++
			}
		}
		xs[store], xs[hi-1] = xs[hi-1], xs[store]
		// xs[lo:store] < pivot = xs[store] < xs[store+1:hi]
		switch {
		case store == k || store+1 == k:
			return
		case store > k:
			hi = store
		default:
			lo = store + 1
		}
	}
	slices.SortFunc(xs[lo:hi], cmp)
}

// run computes the amounts and applies the minimum grant; it returns the
// candidates the minimum removed.
//
// The contract removes the lowest-ranked candidate below m, one at a time,
// recomputing everything after each removal. Done literally that costs up to n
// water-fillings, too slow for thousands of candidates, so run removes several
// at once when it can prove that the one-at-a-time process would remove exactly
// those, in that order (see batch and certified).
func (f *filler) run() []int {
	var removed []int
	for {
		f.round()
		if f.m == 0 {
			return removed
		}
		f.elig, f.frag = f.elig[:0], f.frag[:0]
		for i := len(f.active) - 1; i >= 0; i-- {
			if !f.active[i] {
				continue
			}
			if f.amt[i] < f.m {
				f.elig = append(f.elig, i)
			} else if f.floorA[i] < f.m {
				f.frag = append(f.frag, i)
			}
		}
		if len(f.elig) == 0 {
			return removed
		}
		// kfree: b₁…b_kfree are ranked below every fragile candidate.
		kfree := 1
		for kfree < len(f.elig) && (len(f.frag) == 0 || f.elig[kfree] > f.frag[0]) {
			kfree++
		}
		k := f.batch(len(f.elig))
		if k > kfree {
			clear(f.ahead)
			k = f.certified(kfree, k)
		}
		if batchHook != nil {
			batchHook(f, k)
		}
		for _, i := range f.elig[:k] {
			if !f.saved[i] {
				f.active[i] = false
				removed = append(removed, i)
			}
		}
		for _, i := range f.elig {
			f.saved[i] = false
		}
		f.order = slices.DeleteFunc(f.order, func(i int) bool { return !f.active[i] })
	}
}

// batchHook, when set (by tests), sees each batch before it goes: b₁…b_k of
// f.elig, but the saved ones.
var batchHook func(f *filler, k int)

// batch returns the largest k ≤ kmax such that each of b₂…b_k (b₁ = elig[0],
// b₂ = elig[1]…: the candidates below m, lowest-ranked first) is surely still
// below m when its turn comes; at least 1.
//
// b₁ goes first. Then b_j goes next, once b₁…b_{j−1} are gone, if
//   - it is still below m: removing candidates never lowers the others' exact
//     shares min(cap, λ·w) (the level λ only rises), but shares that rise stay
//     below m for sure while their cap is below m, or while ⌊q/s⌋·s + s (the most
//     rounding can give) is below m; batch checks this at the exact level λ_{j−1}
//     reached once b₁…b_{j−1} are gone, updating the water-filling at each
//     removal instead of redoing it;
//   - and it is the lowest-ranked one below m: the candidates ranked below it are
//     b₁…b_{j−1}, gone, and candidates at or above m that stay there whatever
//     rises, because ⌊q/s⌋·s ≥ m or their cap ≥ m. A « fragile » candidate, at or
//     above m only thanks to an extra step of the largest remainders (⌊q/s⌋·s <
//     m), could lose that step and fall below m when the level rises: batch
//     leaves them to run and certified.
//
// b_j is still below m when ⌊q/s⌋·s + s (the most rounding can give) is below
// m, or when it surely gets no extra step at that level (surelyNoStep). If
// ⌊q/s⌋·s has reached m, b_j is at or above m for good: it stays, and the
// batch goes on with b_{j+1}.
//
// At the first b_j that fails, the batch stops and the caller recomputes.
func (f *filler) batch(kmax int) int {
	if kmax <= 1 {
		return 1
	}
	r, p := f.level()
	k := 0
	removed, freed := 0, int64(0) // b's removed so far, and their steps now
	for ; k < kmax; k++ {
		b := f.elig[k]
		if k > 0 {
			var x, floor, top int64 // ⌊q_b⌋, and the least and the most b can get at this level
			if f.sat[b] {
				x, floor, top = f.caps[b], f.caps[b], f.caps[b]
			} else {
				x = f.wt.peek(b, r)
				floor = x - x%f.s
				top = floor + f.s
			}
			if floor >= f.m {
				f.saved[b] = true // at or above m for good: it stays, the batch goes on
				continue
			}
			if top >= f.m && !f.surelyNoStep(x-floor, removed, freed) {
				break
			}
		}
		removed++
		freed += f.floorA[b] / f.s
		// Remove b, then saturate whoever the higher level now caps.
		f.gone[b] = true
		if f.sat[b] {
			r += f.caps[b]
		} else {
			f.wt.sub(b)
		}
		for ; p < len(f.order); p++ {
			i := f.order[p]
			if f.gone[i] {
				continue
			}
			if !f.wt.reaches(i, r) {
				break
			}
			f.sat[i] = true
			r -= f.caps[i]
			f.wt.sub(i)
		}
	}
	for _, b := range f.elig[:k] {
		f.gone[b] = false
	}
	return k
}

// certified returns the largest k in [kfree, ksb] such that the fragile
// candidates ranked below b_k surely keep their extra step, or reach m on their
// own, in every state before b_k goes; batch has checked that b₂…b_ksb stay
// below m. kfree needs no proof: no fragile candidate is ranked below b_kfree.
//
// The proof bounds a fragile candidate f's margin. In a state, the K extra
// steps go to the K largest remainders, and f has one while the number of
// remainders ahead of f is below K. With fu_i = ⌊q_i/s⌋ (cap/s at the cap),
// K = ⌊R/s⌋ − Σ fu_i over the active candidates: removing b₁ adds fu_{b₁} to K,
// removing b₂… adds more, and every step a candidate gains (its share crossing a
// multiple of s) takes one away. f's own remainder only grows, until f reaches m
// by itself. Let w be the fragile candidate furthest back (the smallest
// remainder, kw in whole cents) and c the candidates but w whose remainder in
// whole cents is at least kw: for every fragile f, those ahead of f now, and
// those between w and f that may pass it, are among them (f is, and w is not).
// Between now (level λ₀) and the state before b_k goes (level λ*, the
// highest), each other candidate i, gaining Δ_i steps by λ* (shares only rise),
// costs the margin K − c at most:
//   - if Δ_i = 0: 1 if it may pass a fragile f it is behind of now and not
//     counted in c (its remainder below kw): its remainder at λ* reaches kw,
//     and its weight is above the lightest fragile one's (two remainders
//     λ·w_i − floor_i change by (λ − λ₀)·w_i: a candidate no heavier than f
//     never catches it up); else 0;
//   - if Δ_i ≥ 1: Δ_i + 1 (its steps, and once more if it is, or gets, ahead
//     of f), or less when Δ_i = 1 and its remainder after that step stays
//     below kw (crossingCost).
//
// f keeps its step if K − c now, plus fu_{b₁}, less the sum of these costs, is
// at least 1. certify checks this at once for every fragile candidate ranked
// below b_k, with the smallest margin and the costs of all; remainders are
// compared in whole cents, rounding the right way. The conditions only get
// harder as k grows, so the largest k is found by bisection.
func (f *filler) certified(kfree, ksb int) int {
	f.findCostly(ksb)
	if f.certify(ksb) {
		return ksb
	}
	lo, hi := kfree, ksb-1 // certify(lo) holds, certify(hi+1) does not
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if f.certify(mid) {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}

// certify tells whether the fragile candidates ranked below b_k keep their step
// in every state before b_k goes (see certified).
func (f *filler) certify(k int) bool {
	// The fragile candidates ranked below b_k: the one furthest back for an
	// extra step (worst: the smallest margin, and the smallest remainder) and
	// the lightest (the smallest weight).
	worst, lightest := -1, -1
	for _, fr := range f.frag {
		if fr < f.elig[k-1] {
			break
		}
		if worst < 0 || f.cmp(fr, worst) > 0 {
			worst = fr
		}
		if lightest < 0 || f.wt.cmpW(fr, lightest) < 0 {
			lightest = fr
		}
	}
	if worst < 0 {
		return true
	}
	// c: at most the unsaturated candidates, but worst, whose remainder in whole
	// cents is at least worst's (f.ahead keeps it for this round).
	kw := f.key[worst]
	c, ok := f.ahead[worst]
	if !ok {
		for _, i := range f.unsat {
			if f.key[i] >= kw && i != worst {
				c++
			}
		}
		f.ahead[worst] = c
	}
	b1 := f.elig[0]
	budget := int64(f.k0-c) + f.floorA[b1]/f.s - 1 // the costs may add up to this much
	if budget < 0 {
		return false
	}
	for _, b := range f.elig[:k-1] {
		f.gone[b] = true
	}
	r := f.levelExcept(f.elig[:k-1])
	for _, b := range f.elig[:k-1] {
		f.gone[b] = false
	}
	// When this k fails, certified only tries smaller ones, at lower levels and
	// with fewer fragile candidates: those that cost nothing here cost nothing
	// there, and leave f.costly.
	still := f.still[:0]
	for _, i := range f.costly { // the others cost nothing (findCostly)
		// x = ⌊q_i⌋ at λ*, and fu0·s = floorA: Δ_i = ⌊x/s⌋ − fu0 ≥ 1 ⟺
		// x ≥ floorA + s. x is compared by products (atLeast), and only
		// computed when it has gained a step.
		sat := f.wt.reaches(i, r)
		var cost int64
		if f.xAtLeast(i, r, sat, f.floorA[i]+f.s) {
			x := f.caps[i]
			if !sat {
				x = f.wt.peek(i, r)
			}
			cost = f.crossingCost(i, worst, x)
		} else if f.key[i] < kw && f.wt.cmpW(i, lightest) > 0 && f.xAtLeast(i, r, sat, f.floorA[i]+kw) {
			cost = 1 // it may pass a fragile candidate (see certified)
		}
		if cost > 0 {
			budget -= cost
			still = append(still, i)
		}
	}
	f.still = still
	if budget < 0 {
		f.costly, f.still = still, f.costly
		return false
	}
	return true
}

// crossingCost is what candidate i, which gains Δ ≥ 1 steps by λ* (⌊q_i⌋ = x
// there), costs the fragile candidates' margin: Δ + 1 in general (its steps,
// and once more if it is, or gets, ahead of them).
//
// With Δ = 1 and its remainder at λ* in whole cents, rem = x − floorA − s,
// below worst's now (kw: every fragile one's is at least that, and only
// grows), it is behind all of them in every state after its step, since its
// remainder restarts from 0 then: it costs its step. If it was counted in c
// (ahead of worst now: key ≥ kw), it leaves the candidates ahead when it
// gains that step, and before, c has it already: it costs nothing. Otherwise
// it costs 1, in the states before its step (it may pass a fragile candidate
// on its way to s) or after it (the step), never both.
func (f *filler) crossingCost(i, worst int, x int64) int64 {
	d := (x - f.floorA[i]) / f.s
	kw := f.key[worst]
	switch {
	case d > 1 || x-f.floorA[i]-f.s >= kw:
		return d + 1
	case f.key[i] >= kw && i != worst:
		return 0
	}
	return 1
}

// findCostly lists in f.costly the candidates that may cost something in
// certify(k) for some k ≤ ksb: those that cost something at the highest level
// (b₁…b_{ksb−1} gone) against the remainders of all the fragile candidates
// ranked below b_ksb. A lower level (k < ksb) only lowers ⌊q_i⌋, and fewer
// fragile candidates only raise the remainder to reach, so nothing else can
// cost; certify(k) then looks at these few instead of every candidate.
func (f *filler) findCostly(ksb int) {
	f.costly = f.costly[:0]
	keys := f.fkeys[:0]
	for _, fr := range f.frag {
		if fr < f.elig[ksb-1] {
			break
		}
		keys = append(keys, f.key[fr])
	}
	f.fkeys = keys
	if len(keys) == 0 {
		return // certify(k) holds without looking at anyone
	}
	slices.Sort(keys)
	lightest := -1
	for _, fr := range f.frag[:len(keys)] {
		if lightest < 0 || f.wt.cmpW(fr, lightest) < 0 {
			lightest = fr
		}
	}
	maxKey := keys[len(keys)-1]
	gone := f.elig[:ksb-1]
	for _, b := range gone {
		f.gone[b] = true
	}
	r := f.levelExcept(gone)
	for _, b := range gone {
		f.gone[b] = false
	}
	// ⌊q_i⌋ grows by less than (λ* − λ₀)·w_i + 1 (it is min(cap, ⌊λ·w_i⌋)): a
	// bound in floating point, with room for its rounding, leaves out at once
	// the many candidates that can neither gain a step nor reach a fragile
	// remainder; the others are checked exactly.
	lamMax := float64(r) / f.wt.sumFloat()
	dl := max(lamMax-f.lambda0, 0)
	step := float64(f.s)
	b1 := f.elig[0]
	for _, i := range f.order {
		if i == b1 || f.floorA[i] == f.caps[i] { // b₁ goes; saturated ones stay so
			continue
		}
		wi := f.wt.wFloat(i)
		top := float64(f.key[i]) + wi*dl + wi*lamMax*1e-12 + 2 // above the remainder at λ*, if no step
		mayCross := top >= step
		at := len(keys)
		if f.key[i] < maxKey {
			at, _ = slices.BinarySearch(keys, f.key[i]) // the next fragile remainder
		}
		mayPass := at < len(keys) && float64(keys[at]) <= top && f.wt.cmpW(i, lightest) > 0
		if !mayCross && !mayPass {
			continue
		}
		sat := f.wt.reaches(i, r)
		if mayCross && f.xAtLeast(i, r, sat, f.floorA[i]+f.s) || mayPass && f.xAtLeast(i, r, sat, f.floorA[i]+keys[at]) {
			f.costly = append(f.costly, i)
		}
	}
}

// surelyNoStep tells whether candidate b, whose remainder in whole cents is kb
// in batch's state once `removed` b's are gone (freed: their steps fu at the
// last round), surely gets no extra step there. With fu_i = ⌊q_i/s⌋ (cap/s at
// the cap), the extra steps number K = ⌊R/s⌋ − Σ fu_i, at most kraw + freed:
// kraw at the last round, plus the removed ones' steps, less D, the steps the
// others have gained since. At least H − removed − 1 − Y candidates are
// ahead of b there: of the H whose remainder at the last round was above kb in
// whole cents (each above b's now, as remainders only grow until a step), all
// but the removed ones, b, and the Y that have since gained a step or reached
// their cap, each of which counts in D. So H ≥ kraw + freed + removed + 1
// leaves b without a step. H is bounded below by a histogram of the last
// round's remainders.
func (f *filler) surelyNoStep(kb int64, removed int, freed int64) bool {
	most := f.kraw + freed
	if most <= 0 {
		return true // no extra step at all
	}
	f.keyHistogram()
	return int64(f.histAbove[kb>>f.histShift+1]) >= most+int64(removed)+1
}

// keyHistogram counts, once per round, the remainders X mod s of f.unsat by
// their top bits (key >> histShift < histBuckets): hist[β] of them in bucket β,
// histAbove[β] in buckets β and above.
func (f *filler) keyHistogram() {
	if f.histRound == f.rounds {
		return
	}
	f.histRound = f.rounds
	f.histShift = max(0, bits.Len64(uint64(f.s-1))-histBits) // key >> shift < histBuckets, as key < s
	clear(f.hist[:])
	for _, i := range f.unsat {
		f.hist[f.key[i]>>f.histShift]++
	}
	f.histAbove[histBuckets] = 0
	for b := histBuckets - 1; b >= 0; b-- {
		f.histAbove[b] = f.histAbove[b+1] + f.hist[b]
	}
}

const (
	histBits    = 10
	histBuckets = 1 << histBits
)

// xAtLeast is ⌊q_i⌋ ≥ t at the level r, sat being reaches(i, r).
func (f *filler) xAtLeast(i int, r int64, sat bool, t int64) bool {
	if sat || t >= f.caps[i] { // unsaturated, ⌊q_i⌋ < cap_i
		return f.caps[i] >= t && sat
	}
	return f.wt.atLeast(i, r, t)
}

// levelExcept is level without the candidates of gone, also marked in f.gone,
// and without touching sat: it returns what is left of R for the unsaturated
// ones, the weights' sum being then Σw over them. It costs O(len(gone)) and the
// saturated ones, from the Σw the last level() kept.
func (f *filler) levelExcept(gone []int) int64 {
	f.wt.loadTotal() // Σw over the active ones at the last level()
	for _, i := range gone {
		f.wt.sub(i)
	}
	r := f.r0
	for _, i := range f.order {
		if f.gone[i] {
			continue
		}
		if !f.wt.reaches(i, r) {
			break
		}
		r -= f.caps[i]
		f.wt.sub(i)
	}
	return r
}

// allocateWater is the Proportional and Uniform methods.
func allocateWater(cands []Candidate, caps []int64, p Params, rest int64, lines []Line, forceBig bool) {
	var activeIdx []int
	for i := range cands {
		switch {
		case cands[i].Locked:
		case caps[i] == 0:
			lines[i].Reason = ReasonNoCap
		case p.Method == Proportional && cands[i].Score.Sign() == 0:
			lines[i].Reason = ReasonZeroScore
		default:
			activeIdx = append(activeIdx, i)
		}
	}
	if len(activeIdx) == 0 {
		return
	}
	var wt weights
	if p.Method == Proportional {
		wt = proportionalWeights(cands, caps, activeIdx, forceBig)
	} else {
		wt = uniformWeights(caps, activeIdx, forceBig)
	}
	f := newFiller(wt, caps, p.StepCents, p.MinCents, rest, activeIdx)
	for _, i := range f.run() {
		lines[i].Reason = ReasonBelowMin
	}
	for _, i := range activeIdx {
		if !f.active[i] {
			continue
		}
		l := &lines[i]
		l.AmountCents = f.amt[i]
		switch {
		case l.AmountCents == caps[i]:
			l.Reason = ReasonFull
		case l.AmountCents == 0:
			l.Reason = ReasonExhausted
		default:
			l.Reason = ReasonPartial
		}
	}
}
