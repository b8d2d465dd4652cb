package alloc

// The répartition's water-filling as it was before the speed-ups of issue 14
// (water.go at commit a955781), kept to compare the new code with on inputs
// too large for the word-for-word reference: TestSameAsPrevious. Identifiers
// are prefixed with « prev »; the 128-bit arithmetic is data/exact.

import (
	"math/big"
	"math/bits"
	"slices"

	"github.com/call-agglo/cohesion/data/exact"
)

// prevWeights is the arithmetic of the water-filling on integer prevWeights.
type prevWeights interface {
	reset()                      // Σw := 0
	add(i int)                   // Σw += w_i
	sub(i int)                   // Σw −= w_i
	reaches(i int, r int64) bool // R·a_i ≥ Σw: candidate i reaches its cap at level R/Σw
	share(i int, r int64) int64  // X_i = ⌊R·w_i/Σw⌋, keeps ρ_i; only when !reaches(i, r)
	peek(i int, r int64) int64   // X_i like share, without keeping ρ_i
	cmpRho(i, j int) int         // compares the ρ kept by share
	cmpA(i, j int) int           // compares a_i and a_j
}

// prevFastWeights holds prevWeights that fit in 64 bits each.
type prevFastWeights struct {
	a, w []uint64
	sum  exact.U128
	rho  []exact.U128
}

func (f *prevFastWeights) reset()              { f.sum = exact.U128{} }
func (f *prevFastWeights) add(i int)           { f.sum = f.sum.Add64(f.w[i]) }
func (f *prevFastWeights) sub(i int)           { f.sum = f.sum.Sub64(f.w[i]) }
func (f *prevFastWeights) cmpRho(i, j int) int { return f.rho[i].Cmp(f.rho[j]) }

func (f *prevFastWeights) reaches(i int, r int64) bool {
	return exact.Mul(uint64(r), f.a[i]).Cmp(f.sum) >= 0
}

func (f *prevFastWeights) share(i int, r int64) int64 {
	// R·w_i < R·a_i·cap_i < Σw·cap_i: the quotient is below cap_i, an int64.
	q, rho := exact.Mul(uint64(r), f.w[i]).QuoRem(f.sum)
	f.rho[i] = rho
	return int64(q)
}

func (f *prevFastWeights) peek(i int, r int64) int64 {
	q, _ := exact.Mul(uint64(r), f.w[i]).QuoRem(f.sum)
	return int64(q)
}

func (f *prevFastWeights) cmpA(i, j int) int {
	switch {
	case f.a[i] > f.a[j]:
		return 1
	case f.a[i] < f.a[j]:
		return -1
	}
	return 0
}

// prevBigWeights holds prevWeights of any size.
type prevBigWeights struct {
	a, w        []*big.Int
	sum         big.Int
	rho         []*big.Int
	t, u, v, r0 big.Int
}

func (b *prevBigWeights) reset()              { b.sum.SetInt64(0) }
func (b *prevBigWeights) add(i int)           { b.sum.Add(&b.sum, b.w[i]) }
func (b *prevBigWeights) sub(i int)           { b.sum.Sub(&b.sum, b.w[i]) }
func (b *prevBigWeights) cmpA(i, j int) int   { return b.a[i].Cmp(b.a[j]) }
func (b *prevBigWeights) cmpRho(i, j int) int { return b.rho[i].Cmp(b.rho[j]) }

func (b *prevBigWeights) reaches(i int, r int64) bool {
	b.r0.SetInt64(r)
	return b.t.Mul(&b.r0, b.a[i]).Cmp(&b.sum) >= 0
}

func (b *prevBigWeights) share(i int, r int64) int64 {
	b.r0.SetInt64(r)
	b.t.Mul(&b.r0, b.w[i])
	if b.rho[i] == nil {
		b.rho[i] = new(big.Int)
	}
	b.u.QuoRem(&b.t, &b.sum, b.rho[i])
	return b.u.Int64()
}

func (b *prevBigWeights) peek(i int, r int64) int64 {
	b.r0.SetInt64(r)
	b.t.Mul(&b.r0, b.w[i])
	b.u.QuoRem(&b.t, &b.sum, &b.v)
	return b.u.Int64()
}

// prevUniformWeights: a_i = 1, w_i = cap_i.
func prevUniformWeights(caps []int64, active []int, forceBig bool) prevWeights {
	if forceBig {
		b := &prevBigWeights{a: make([]*big.Int, len(caps)), w: make([]*big.Int, len(caps)), rho: make([]*big.Int, len(caps))}
		one := big.NewInt(1)
		for _, i := range active {
			b.a[i], b.w[i] = one, big.NewInt(caps[i])
		}
		return b
	}
	f := &prevFastWeights{a: make([]uint64, len(caps)), w: make([]uint64, len(caps)), rho: make([]exact.U128, len(caps))}
	for _, i := range active {
		f.a[i], f.w[i] = 1, uint64(caps[i])
	}
	return f
}

// prevProportionalWeights: a_i = F_i × D, w_i = a_i × cap_i, D the least common
// multiple of the denominators of the active candidates' scores.
func prevProportionalWeights(cands []Candidate, caps []int64, active []int, forceBig bool) prevWeights {
	if !forceBig {
		if f, ok := prevFastProportional(cands, caps, active); ok {
			return f
		}
	}
	n := len(caps)
	b := &prevBigWeights{a: make([]*big.Int, n), w: make([]*big.Int, n), rho: make([]*big.Int, n)}
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

func prevFastProportional(cands []Candidate, caps []int64, active []int) (*prevFastWeights, bool) {
	d := uint64(1)
	for _, i := range active {
		den := cands[i].Score.Denom()
		if !den.IsUint64() {
			return nil, false
		}
		dv := den.Uint64()
		hi, lo := bits.Mul64(d/prevGcd(d, dv), dv)
		if hi != 0 {
			return nil, false
		}
		d = lo
	}
	n := len(caps)
	f := &prevFastWeights{a: make([]uint64, n), w: make([]uint64, n), rho: make([]exact.U128, n)}
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

func prevGcd(a, b uint64) uint64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// prevFiller runs the water-filling and the minimum-grant loop over one prevWeights.
type prevFiller struct {
	wt     prevWeights
	caps   []int64
	s, m   int64
	r0     int64              // R: the envelope less the locked lines
	order  []int              // active candidates, by decreasing a_i then ranking order
	active []bool             // by candidate index
	sat    []bool             // at its cap in the last level()
	floorA []int64            // ⌊q/s⌋·s in the last round(), before the extra steps
	amt    []int64            // amount in the last round()
	key    []int64            // X mod s in the last round()
	unsat  []int              // scratch: unsaturated active candidates
	elig   []int              // scratch: candidates below the minimum, lowest-ranked first
	gone   []bool             // scratch of batch(): removed since the last round()
	k0     int                // extra steps handed out in the last round()
	cmp    func(i, j int) int // order of the extra steps in the last round()
	frag   []int              // scratch: « fragile » candidates, lowest-ranked first
	fkeys  []int64            // scratch of certify()
	ahead  map[int]int        // certify(): remainders not behind a fragile candidate's, this round
}

func prevNewFiller(wt prevWeights, caps []int64, s, m, r0 int64, activeIdx []int) *prevFiller {
	n := len(caps)
	f := &prevFiller{wt: wt, caps: caps, s: s, m: m, r0: r0,
		order: slices.Clone(activeIdx), active: make([]bool, n), sat: make([]bool, n),
		floorA: make([]int64, n), amt: make([]int64, n), key: make([]int64, n), gone: make([]bool, n), ahead: map[int]int{}}
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
// first ones of f.order. The prevWeights' sum is then Σw over the unsaturated ones.
func (f *prevFiller) level() (int64, int) {
	f.wt.reset()
	for _, i := range f.order {
		f.wt.add(i)
		f.sat[i] = false
	}
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
func (f *prevFiller) round() {
	r, _ := f.level()
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
	k := int((r - sum) / f.s) // < len(f.unsat): Σ remainders < s × count
	f.k0 = max(0, min(k, len(f.unsat)))
	if k <= 0 {
		return
	}
	k = f.k0
	// The k largest remainders q − amount, compared as (X mod s, ρ), ties in
	// ranking order.
	var cmp func(i, j int) int
	if fw, ok := f.wt.(*prevFastWeights); ok {
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
	prevSelectFirst(f.unsat, k, cmp)
	for _, i := range f.unsat[:k] {
		if f.amt[i]+f.s <= f.caps[i] { // always true: q < cap and cap is a multiple of s
			f.amt[i] += f.s
		}
	}
}

// prevSelectFirst reorders xs so that its first k elements are the k first in the
// strict order cmp: a quickselect, O(len(xs)) on average, falling back to a sort
// (O(n log n)) if the pivots turn out badly.
func prevSelectFirst(xs []int, k int, cmp func(a, b int) int) {
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
func (f *prevFiller) run() []int {
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
		for _, i := range f.elig[:k] {
			f.active[i] = false
			removed = append(removed, i)
		}
		f.order = slices.DeleteFunc(f.order, func(i int) bool { return !f.active[i] })
	}
}

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
// At the first b_j that fails, the batch stops and the caller recomputes.
func (f *prevFiller) batch(kmax int) int {
	if kmax <= 1 {
		return 1
	}
	r, p := f.level()
	k := 0
	for ; k < kmax; k++ {
		b := f.elig[k]
		if k > 0 {
			var top int64 // the most b can get at this level
			if f.sat[b] {
				top = f.caps[b]
			} else {
				x := f.wt.peek(b, r)
				top = x - x%f.s + f.s
			}
			if top >= f.m {
				break
			}
		}
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
// steps go to the K largest remainders, and f has one while c, the number of
// remainders ahead of f, is below K. With fu_i = ⌊q_i/s⌋ (cap/s at the cap),
// K = ⌊R/s⌋ − Σ fu_i over the active candidates: removing b₁ adds fu_{b₁} to K,
// removing b₂… adds more, and every step a candidate gains (its share crossing a
// multiple of s) takes one away. f's own remainder only grows, until f reaches m
// by itself. Between now (level λ₀) and the state before b_k goes (level λ*, the
// highest), each other candidate i, gaining Δ_i steps by λ* (shares only rise),
// costs f's margin K − c at most:
//   - if Δ_i = 0: 1 if it is behind f now and its remainder at λ* could reach f's
//     remainder now (it may overtake f), else 0;
//   - if Δ_i ≥ 1: Δ_i + 1 (its steps, and once more if it is, or gets, ahead
//     of f).
//
// f keeps its step if K − c now, plus fu_{b₁}, less the sum of these costs, is
// at least 1. certify checks this at once for every fragile candidate ranked
// below b_k, with the smallest margin and the costs of all; remainders are
// compared in whole cents, rounding the right way. The conditions only get
// harder as k grows, so the largest k is found by bisection.
func (f *prevFiller) certified(kfree, ksb int) int {
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
func (f *prevFiller) certify(k int) bool {
	// The fragile candidates ranked below b_k, their remainders (whole cents,
	// rounded down), and the one furthest back for an extra step: the smallest
	// margin.
	keys := f.fkeys[:0]
	worst := -1
	for _, fr := range f.frag {
		if fr < f.elig[k-1] {
			break
		}
		keys = append(keys, f.key[fr])
		if worst < 0 || f.cmp(fr, worst) > 0 {
			worst = fr
		}
	}
	f.fkeys = keys
	if worst < 0 {
		return true
	}
	slices.Sort(keys)
	// c: at most the unsaturated candidates, but worst, whose remainder in whole
	// cents is at least worst's (f.ahead keeps it for this round).
	c, ok := f.ahead[worst]
	if !ok {
		kw := f.key[worst]
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
	r := f.levelExcept()
	for _, b := range f.elig[:k-1] {
		f.gone[b] = false
	}
	s := f.s
	for _, i := range f.order {
		if i == b1 || f.floorA[i] == f.caps[i] { // b₁ goes; saturated ones stay so
			continue
		}
		var x int64 // ⌊q_i⌋ at λ*
		if f.wt.reaches(i, r) {
			x = f.caps[i]
		} else {
			x = f.wt.peek(i, r)
		}
		fu0 := f.floorA[i] / s
		if d := x/s - fu0; d > 0 {
			budget -= d + 1
		} else {
			// Behind some f now (key_i ≤ key_f) and able to reach it: its
			// remainder at λ*, below x − fu0·s + 1, reaches key_f ≤ ρ_f.
			at, _ := slices.BinarySearch(keys, f.key[i])
			if at < len(keys) && keys[at] <= x-fu0*s {
				budget--
			}
		}
		if budget < 0 {
			return false
		}
	}
	return true
}

// levelExcept is level without the candidates marked gone, and without
// touching sat: it returns what is left of R for the unsaturated ones, the
// prevWeights' sum being then Σw over them.
func (f *prevFiller) levelExcept() int64 {
	f.wt.reset()
	for _, i := range f.order {
		if !f.gone[i] {
			f.wt.add(i)
		}
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

// prevAllocateWater is the Proportional and Uniform methods.
func prevAllocateWater(cands []Candidate, caps []int64, p Params, rest int64, lines []Line, forceBig bool) {
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
	var wt prevWeights
	if p.Method == Proportional {
		wt = prevProportionalWeights(cands, caps, activeIdx, forceBig)
	} else {
		wt = prevUniformWeights(caps, activeIdx, forceBig)
	}
	f := prevNewFiller(wt, caps, p.StepCents, p.MinCents, rest, activeIdx)
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
