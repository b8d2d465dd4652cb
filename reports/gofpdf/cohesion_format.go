package gofpdf

// Cohésion patch: the library's printf without fmt's reflection.

import (
	"fmt"
	"math"
	"strconv"
	"sync"
)

// scratchPool holds the buffers sprintf formats into.
var scratchPool = sync.Pool{New: func() interface{} { b := make([]byte, 0, 256); return &b }}

// appendf appends fmt.Sprintf(format, args...) to dst. The directives the
// library writes by the thousand — %s of a string, %d of an int, %.Nf of a
// float64, %% — are formatted here with strconv, exactly as fmt formats them
// (fmt's %f is strconv.AppendFloat(v, 'f', N, 64) without a leading « + »,
// Inf and NaN included); anything else (another verb, a flag, a width,
// another type, a missing or extra argument) goes to fmt, for the whole call.
func appendf(dst []byte, format string, args ...interface{}) []byte {
	if out, ok := appendFast(dst, format, args); ok {
		return out
	}
	return fmt.Appendf(dst, format, args...)
}

func appendFast(dst []byte, format string, args []interface{}) ([]byte, bool) {
	start := len(dst)
	a := 0
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' {
			dst = append(dst, c)
			continue
		}
		i++
		if i >= len(format) {
			return dst[:start], false
		}
		switch format[i] {
		case '%':
			dst = append(dst, '%')
			continue
		case 's', 'd':
			if a >= len(args) {
				return dst[:start], false
			}
			switch v := args[a].(type) {
			case string:
				if format[i] != 's' {
					return dst[:start], false
				}
				dst = append(dst, v...)
			case int:
				if format[i] != 'd' {
					return dst[:start], false
				}
				dst = strconv.AppendInt(dst, int64(v), 10)
			default:
				return dst[:start], false
			}
			a++
		case '.':
			j := i + 1
			for j < len(format) && format[j] >= '0' && format[j] <= '9' {
				j++
			}
			if j == i+1 || j >= len(format) || format[j] != 'f' || j-i > 3 || a >= len(args) {
				return dst[:start], false
			}
			v, ok := args[a].(float64)
			if !ok {
				return dst[:start], false
			}
			prec, _ := strconv.Atoi(format[i+1 : j])
			dst = appendFixed(dst, v, prec)
			a++
			i = j
		default:
			return dst[:start], false
		}
	}
	if a != len(args) {
		return dst[:start], false
	}
	return dst, true
}

// pow10s are 10^prec for appendFixed's precisions.
var pow10s = [...]uint64{1, 10, 100, 1000}

// appendFixed appends strconv.AppendFloat(dst, v, 'f', prec, 64). The library
// writes its coordinates with 2 or 3 decimals by the hundred thousand; for
// those (prec ≤ 3) and a value below 2^52, it rounds exactly as strconv does
// (the exact binary value to the nearest, a tie to even) in integers: v is
// m·2^e, m < 2^53 and e < 0, so m·10^prec < 2^63 and the rounding needs only
// a shift. Anything else goes to strconv.
func appendFixed(dst []byte, v float64, prec int) []byte {
	if prec < 0 || prec >= len(pow10s) {
		return strconv.AppendFloat(dst, v, 'f', prec, 64)
	}
	bits := math.Float64bits(v)
	exp := int(bits>>52) & 0x7ff
	mant := bits & (1<<52 - 1)
	switch {
	case exp == 0: // zero or subnormal: far below the last decimal
	case exp >= 1023+52: // from 2^52 (integers), Inf and NaN
		return strconv.AppendFloat(dst, v, 'f', prec, 64)
	default:
		mant |= 1 << 52
	}
	shift := uint(1075 - exp) // v = mant / 2^shift
	if exp == 0 {
		shift = 1074
	}
	q := uint64(0)
	if shift < 64 {
		n := mant * pow10s[prec]
		q = n >> shift
		r, half := n&(1<<shift-1), uint64(1)<<(shift-1)
		if r > half || r == half && q&1 == 1 {
			q++
		}
	} // else v·10^prec < 2^53·1000/2^64 < 1/2: rounds to 0
	if bits>>63 == 1 {
		dst = append(dst, '-')
	}
	dst = strconv.AppendUint(dst, q/pow10s[prec], 10)
	if prec > 0 {
		frac := q % pow10s[prec]
		dst = append(dst, '.')
		for p := pow10s[prec] / 10; p > 0; p /= 10 {
			dst = append(dst, byte('0'+frac/p%10))
		}
	}
	return dst
}
