package jury

import (
	"math"
	"math/big"
	"math/bits"

	"github.com/call-agglo/cohesion/data/exact"
)

// Exact arithmetic on non-negative integers. Every sheet of a campaign shares the
// denominator D = Σ(poids × barème), so a juror's total T = 20·S/D is compared
// through its integer numerator S = Σ(poids × note), and a final score
// F = 20·P/(n·D), P = ΣS over the n counted sheets, through the pair (P, n).
// Products of two uint64 are taken on 128 bits (data/exact), so no comparison
// overflows or rounds; big.Int is the fallback where 128 bits may not suffice.

// Limits of the fast path of disagrees: with n ≤ 2¹⁰, S ≤ D ≤ 2²⁰ and h ≤ 2²⁰,
// n·ΣS² and (ΣS)² stay below 2⁶⁰ and h·D·n below 2⁵⁰.
const (
	fastMaxN = 1 << 10
	fastMaxD = 1 << 20
	fastMaxH = 1 << 20
)

// disagrees reports whether the population standard deviation of the totals
// T_i = 20·S_i/D exceeds h hundredths of a point, exactly, and returns the
// variance (in points², as a float64 for display).
//
// Var = 400·(n·ΣS² − (ΣS)²) / (D²·n²), and Var > (h/100)² is
// 4 000 000·(n·ΣS² − (ΣS)²) > (h·D·n)².
func disagrees(sums []uint64, den uint64, h int64) (bool, float64) {
	n := uint64(len(sums))
	if n < 2 {
		return false, 0
	}
	if h < 0 {
		h = 0
	}
	if n <= fastMaxN && den <= fastMaxD && h <= fastMaxH {
		var p, q uint64
		for _, s := range sums {
			p += s
			q += s * s
		}
		v := n*q - p*p // ≥ 0 by Cauchy–Schwarz
		lhs := exact.Mul(4_000_000, v)
		hdn := uint64(h) * den * n
		rhs := exact.Mul(hdn, hdn)
		fd, fn := float64(den), float64(n)
		return lhs.Cmp(rhs) > 0, float64(v) * 400 / (fd * fd * fn * fn)
	}
	return disagreesBig(sums, den, h)
}

// disagreesBig is disagrees on big integers, for any size.
func disagreesBig(sums []uint64, den uint64, h int64) (bool, float64) {
	n := uint64(len(sums))
	if n < 2 {
		return false, 0
	}
	if h < 0 {
		h = 0
	}
	var p, q, s big.Int
	for _, x := range sums {
		s.SetUint64(x)
		p.Add(&p, &s)
		s.Mul(&s, &s)
		q.Add(&q, &s)
	}
	bn := new(big.Int).SetUint64(n)
	v := new(big.Int).Mul(bn, &q)
	v.Sub(v, new(big.Int).Mul(&p, &p))
	lhs := new(big.Int).Mul(v, big.NewInt(4_000_000))
	hdn := new(big.Int).Mul(big.NewInt(h), new(big.Int).SetUint64(den))
	hdn.Mul(hdn, bn)
	rhs := new(big.Int).Mul(hdn, hdn)
	d := new(big.Int).Mul(new(big.Int).SetUint64(den), bn)
	d.Mul(d, d)
	varf, _ := new(big.Rat).SetFrac(new(big.Int).Mul(v, big.NewInt(400)), d).Float64()
	return lhs.Cmp(rhs) > 0, varf
}

// below reports whether F = 20·p/(n·den) is strictly below m hundredths:
// 2000·p < m·n·den. n·den fits in 64 bits (n < 2³¹, den ≤ 2³²).
func below(p, n, den uint64, m int64) bool {
	if m <= 0 {
		return false // F ≥ 0
	}
	return exact.Mul(2000, p).Cmp(exact.Mul(uint64(m), n*den)) < 0
}

// ratFrac returns a·b/c as a big.Rat (c > 0).
func ratFrac(a, b, c uint64) *big.Rat {
	hi, lo := bits.Mul64(a, b)
	if hi == 0 && lo <= math.MaxInt64 && c <= math.MaxInt64 {
		return new(big.Rat).SetFrac64(int64(lo), int64(c))
	}
	num := new(big.Int).Mul(new(big.Int).SetUint64(a), new(big.Int).SetUint64(b))
	return new(big.Rat).SetFrac(num, new(big.Int).SetUint64(c))
}

// ratFrac2 returns a·b/(c·d) as a big.Rat (c, d > 0).
func ratFrac2(a, b, c, d uint64) *big.Rat {
	hi, lo := bits.Mul64(c, d)
	if hi == 0 {
		return ratFrac(a, b, lo)
	}
	num := new(big.Int).Mul(new(big.Int).SetUint64(a), new(big.Int).SetUint64(b))
	den := new(big.Int).Mul(new(big.Int).SetUint64(c), new(big.Int).SetUint64(d))
	return new(big.Rat).SetFrac(num, den)
}

// rats memoises the fractions Rank builds: a campaign's totals, final scores and
// means take few distinct values (a total is one of D+1), and copying a reduced
// big.Rat is much cheaper than reducing it again. Each call returns a new Rat.
type rats map[[2]uint64]*big.Rat

// frac returns a·b/c (c > 0), like ratFrac.
func (m rats) frac(a, b, c uint64) *big.Rat {
	hi, lo := bits.Mul64(a, b)
	if hi != 0 {
		return ratFrac(a, b, c)
	}
	k := [2]uint64{lo, c}
	r, ok := m[k]
	if !ok {
		r = ratFrac(1, lo, c)
		m[k] = r
	}
	return new(big.Rat).Set(r)
}

// frac2 returns a·b/(c·d) (c, d > 0), like ratFrac2.
func (m rats) frac2(a, b, c, d uint64) *big.Rat {
	hi, lo := bits.Mul64(c, d)
	if hi != 0 {
		return ratFrac2(a, b, c, d)
	}
	return m.frac(a, b, lo)
}
