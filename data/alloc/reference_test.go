package alloc

import (
	"math/big"
	"sort"
)

// reference applies the contract word for word, in big.Rat, slowly: rounds of
// water-filling where every candidate reaching its cap leaves at once, and the
// minimum grant removing one candidate at a time. The tests compare Allocate
// with it. It assumes valid input and returns the amounts of the lines.
func reference(cands []Candidate, p Params) []int64 {
	n := len(cands)
	out := make([]int64, n)
	rest := p.EnvelopeCents
	caps := make([]int64, n)
	for i, c := range cands {
		caps[i] = Cap(c, p)
		if c.Locked {
			out[i] = c.LockedCents
			rest -= c.LockedCents
		}
	}
	if p.Method == Rank {
		referenceRank(cands, p, caps, rest, out)
		return out
	}
	w, active := referenceWeights(cands, p, caps)
	for {
		amt := referenceFill(active, w, caps, rest, p.StepCents)
		low := -1
		for _, i := range active {
			if amt[i] < p.MinCents {
				low = i
			}
		}
		if low < 0 {
			for i, a := range amt {
				out[i] = a
			}
			return out
		}
		active = remove(active, low)
	}
}

// referenceRank serves the candidates in rank order, each its cap (or what is
// left, by steps, when partial grants are allowed) if it reaches the minimum.
func referenceRank(cands []Candidate, p Params, caps []int64, rest int64, out []int64) {
	s, m := p.StepCents, p.MinCents
	for i, c := range cands {
		if c.Locked {
			continue
		}
		var g int64
		if p.Partial {
			g = min(caps[i], rest/s*s)
			if g < m {
				g = 0
			}
		} else if caps[i] <= rest && caps[i] >= m {
			g = caps[i]
		}
		out[i] = g
		rest -= g
	}
}

// referenceWeights are the weights, F × cap or cap; candidates of weight 0
// are not active and get 0.
func referenceWeights(cands []Candidate, p Params, caps []int64) (w []*big.Rat, active []int) {
	w = make([]*big.Rat, len(cands))
	for i, c := range cands {
		if c.Locked {
			continue
		}
		w[i] = new(big.Rat).SetInt64(caps[i])
		if p.Method == Proportional {
			w[i].Mul(w[i], c.Score)
		}
		if w[i].Sign() > 0 {
			active = append(active, i)
		}
	}
	return w, active
}

// referenceFill shares rest among the active candidates by weight: rounds of
// water-filling where every candidate reaching its cap leaves at once, then
// whole steps, the steps left going to the largest remainders.
func referenceFill(active []int, w []*big.Rat, caps []int64, rest, s int64) map[int]int64 {
	amt := map[int]int64{}
	R := new(big.Rat).SetInt64(rest)
	set := append([]int(nil), active...)
	for { // rounds of water-filling
		W := new(big.Rat)
		for _, i := range set {
			W.Add(W, w[i])
		}
		var keep, full []int
		for _, i := range set {
			q := new(big.Rat).Mul(R, w[i])
			q.Quo(q, W)
			if q.Cmp(new(big.Rat).SetInt64(caps[i])) >= 0 {
				full = append(full, i)
			} else {
				keep = append(keep, i)
			}
		}
		for _, i := range full {
			amt[i] = caps[i]
			R.Sub(R, new(big.Rat).SetInt64(caps[i]))
		}
		set = keep
		if len(full) == 0 || len(set) == 0 {
			break
		}
	}
	W := new(big.Rat)
	for _, i := range set {
		W.Add(W, w[i])
	}
	rem := map[int]*big.Rat{}
	for _, i := range set {
		q := new(big.Rat).Mul(R, w[i])
		q.Quo(q, W)
		units := new(big.Int).Quo(q.Num(), new(big.Int).Mul(q.Denom(), big.NewInt(s)))
		amt[i] = units.Int64() * s
		rem[i] = q.Sub(q, new(big.Rat).SetInt64(amt[i]))
	}
	left := rest
	for _, a := range amt {
		left -= a
	}
	sort.SliceStable(set, func(x, y int) bool { return rem[set[x]].Cmp(rem[set[y]]) > 0 })
	for _, i := range set[:min(int(left/s), len(set))] {
		if amt[i]+s <= caps[i] {
			amt[i] += s
		}
	}
	return amt
}

func remove(s []int, x int) []int {
	var out []int
	for _, v := range s {
		if v != x {
			out = append(out, v)
		}
	}
	return out
}
