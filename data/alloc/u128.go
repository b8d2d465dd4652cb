package alloc

import "math/bits"

// u128 is an unsigned 128-bit integer, enough for the products of the
// water-filling in the common case (see fastWeights).
type u128 struct{ hi, lo uint64 }

func mul64(a, b uint64) u128 {
	hi, lo := bits.Mul64(a, b)
	return u128{hi, lo}
}

func (x u128) add64(y uint64) u128 {
	lo, c := bits.Add64(x.lo, y, 0)
	return u128{x.hi + c, lo}
}

func (x u128) sub64(y uint64) u128 {
	lo, b := bits.Sub64(x.lo, y, 0)
	return u128{x.hi - b, lo}
}

func (x u128) sub(y u128) u128 {
	lo, b := bits.Sub64(x.lo, y.lo, 0)
	hi, _ := bits.Sub64(x.hi, y.hi, b)
	return u128{hi, lo}
}

func (x u128) cmp(y u128) int {
	switch {
	case x.hi < y.hi:
		return -1
	case x.hi > y.hi:
		return 1
	case x.lo < y.lo:
		return -1
	case x.lo > y.lo:
		return 1
	}
	return 0
}

func (x u128) isZero() bool { return x.hi == 0 && x.lo == 0 }

// quoRem divides x by y ≠ 0 when the quotient fits in 64 bits (x < y·2⁶⁴), as
// in Hacker's Delight (divlu) and lukechampine.com/uint128: a trial quotient from
// the divisor's top 64 bits is at most one too large, then corrected.
func (x u128) quoRem(y u128) (uint64, u128) {
	if y.hi == 0 {
		// x.hi < y.lo because the quotient fits in 64 bits.
		q, r := bits.Div64(x.hi, x.lo, y.lo)
		return q, u128{0, r}
	}
	n := uint(bits.LeadingZeros64(y.hi))
	y1 := u128{y.hi<<n | y.lo>>(64-n), y.lo << n} // y << n, top bit set (Go: y.lo >> 64 = 0)
	x1 := u128{x.hi >> 1, x.hi<<63 | x.lo>>1}     // x >> 1: x1.hi < y1.hi
	tq, _ := bits.Div64(x1.hi, x1.lo, y1.hi)
	tq >>= 63 - n
	if tq != 0 {
		tq--
	}
	r := x.sub(y.mul64(tq))
	if r.cmp(y) >= 0 {
		tq++
		r = r.sub(y)
	}
	return tq, r
}

// mul64 multiplies x by a 64-bit y; the product must fit in 128 bits.
func (x u128) mul64(y uint64) u128 {
	hi, lo := bits.Mul64(x.lo, y)
	return u128{hi + x.hi*y, lo}
}
