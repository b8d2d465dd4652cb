package exact

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

func TestQuoRem(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	toBig := func(x U128) *big.Int {
		b := new(big.Int).Lsh(new(big.Int).SetUint64(x.Hi), 64)
		return b.Or(b, new(big.Int).SetUint64(x.Lo))
	}
	mask := new(big.Int).SetUint64(^uint64(0))
	fromBig := func(b *big.Int) U128 {
		return U128{new(big.Int).Rsh(b, 64).Uint64(), new(big.Int).And(b, mask).Uint64()}
	}
	limit := new(big.Int).Lsh(big.NewInt(1), 128)
	for n := 0; n < 300_000; n++ {
		y := U128{rng.Uint64() >> rng.UintN(65), rng.Uint64() >> rng.UintN(65)}
		if rng.IntN(3) == 0 {
			y.Hi = 0
		}
		if y.IsZero() {
			continue
		}
		yb := toBig(y)
		// x = y·q + r with r < y, when it fits in 128 bits.
		q := rng.Uint64() >> rng.UintN(65)
		rb := new(big.Int).Mod(toBig(U128{rng.Uint64(), rng.Uint64()}), yb)
		xb := new(big.Int).Mul(yb, new(big.Int).SetUint64(q))
		xb.Add(xb, rb)
		if xb.Cmp(limit) >= 0 {
			continue
		}
		gq, gr := fromBig(xb).QuoRem(y)
		if gq != q || gr != fromBig(rb) {
			t.Fatalf("%v / %v = %d rem %v, want %d rem %v", xb, yb, gq, toBig(gr), q, rb)
		}
		if y.Mul64(q) != fromBig(new(big.Int).Mul(yb, new(big.Int).SetUint64(q))) {
			t.Fatalf("Mul64")
		}
	}
}

func TestCmpFrac(t *testing.T) {
	const big64 = math.MaxUint64
	if CmpFrac(big64, big64-1, big64-1, big64-2) >= 0 { // (m)/(m-1) < (m-1)/(m-2)
		t.Error("CmpFrac near 2⁶⁴")
	}
	if CmpFrac(6, 4, 3, 2) != 0 || CmpFrac(1, 3, 1, 2) >= 0 {
		t.Error("CmpFrac")
	}
}

func TestAddSub(t *testing.T) {
	x := U128{0, math.MaxUint64}.Add64(1)
	if x != (U128{1, 0}) || x.Sub64(1) != (U128{0, math.MaxUint64}) || x.Sub(U128{0, 1}) != (U128{0, math.MaxUint64}) {
		t.Errorf("carry and borrow: %v", x)
	}
	if Mul(math.MaxUint64, math.MaxUint64) != (U128{math.MaxUint64 - 1, 1}) {
		t.Error("Mul")
	}
}
