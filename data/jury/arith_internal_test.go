package jury

import (
	"math"
	"math/big"
	"math/rand"
	"testing"
)

// The fast path of disagrees and its big.Int fallback agree, at the threshold too.
func TestDisagreesFastAndBig(t *testing.T) {
	cases := []struct {
		sums []uint64
		den  uint64
		h    int64
		want bool
	}{
		{[]uint64{1, 16}, 50, 300, false}, // SD exactly 3
		{[]uint64{1, 17}, 50, 300, true},  // 3,2
		{[]uint64{1, 17}, 50, 320, false},
		{[]uint64{1, 17}, 50, 319, true},
		{[]uint64{5, 5, 5}, 50, 0, false}, // no spread
		{[]uint64{5, 6}, 50, 0, true},
		{[]uint64{5, 6}, 50, -10, true}, // a negative threshold is 0
		{[]uint64{7}, 50, 0, false},     // one sheet
		{nil, 50, 0, false},
	}
	for _, c := range cases {
		for name, f := range map[string]func([]uint64, uint64, int64) (bool, float64){"fast": disagrees, "big": disagreesBig} {
			if got, _ := f(c.sums, c.den, c.h); got != c.want {
				t.Errorf("%s%v /%d, threshold %d: %v", name, c.sums, c.den, c.h, got)
			}
		}
	}
	rng := rand.New(rand.NewSource(3))
	for i := 0; i < 20000; i++ {
		den := uint64(1 + rng.Intn(200))
		n := 1 + rng.Intn(8)
		sums := make([]uint64, n)
		for k := range sums {
			sums[k] = uint64(rng.Int63n(int64(den) + 1))
		}
		h := int64(rng.Intn(1200))
		a, va := disagrees(sums, den, h)
		b, vb := disagreesBig(sums, den, h)
		if a != b || math.Abs(va-vb) > 1e-9 {
			t.Fatalf("%v /%d h=%d: fast %v %v, big %v %v", sums, den, h, a, va, b, vb)
		}
		// Against big.Rat, straight from the definition.
		if a != byDefinition(sums, den, h) {
			t.Fatalf("%v /%d h=%d: %v, definition says otherwise", sums, den, h, a)
		}
	}
}

// byDefinition: population variance of T = 20·S/den against (h/100)², in big.Rat.
func byDefinition(sums []uint64, den uint64, h int64) bool {
	if len(sums) < 2 {
		return false
	}
	n := big.NewRat(int64(len(sums)), 1)
	ts := make([]*big.Rat, len(sums))
	mean := new(big.Rat)
	for i, s := range sums {
		ts[i] = new(big.Rat).SetFrac64(int64(20*s), int64(den))
		mean.Add(mean, ts[i])
	}
	mean.Quo(mean, n)
	v := new(big.Rat)
	for _, x := range ts {
		d := new(big.Rat).Sub(x, mean)
		v.Add(v, d.Mul(d, d))
	}
	v.Quo(v, n)
	if h < 0 {
		h = 0
	}
	th := big.NewRat(h*h, 10000)
	return v.Cmp(th) > 0
}

func TestBelowAndRatFrac(t *testing.T) {
	// F = 20·25/(1·50) = 10: not below 1000, below 1001.
	if below(25, 1, 50, 1000) || !below(25, 1, 50, 1001) || below(0, 1, 50, 0) {
		t.Error("below")
	}
	if r := ratFrac2(20, 1<<62, 3, 1<<40); r.Cmp(new(big.Rat).SetFrac(new(big.Int).Lsh(big.NewInt(20), 62), new(big.Int).Lsh(big.NewInt(3), 40))) != 0 {
		t.Error("ratFrac2 on big numbers", r)
	}
	m := rats{}
	a, b := m.frac(20, 25, 50), m.frac(20, 25, 50)
	if a == b || a.Cmp(b) != 0 || a.RatString() != "10" {
		t.Error("rats memo must return distinct equal Rats")
	}
	if c := m.frac2(1<<40, 1<<40, 1<<40, 1<<40); c.Cmp(big.NewRat(1, 1)) != 0 {
		t.Error("frac2 overflow path", c)
	}
}
