package gofpdf

// Cohésion patch: the library's printf without fmt's reflection.

import (
	"fmt"
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
			dst = strconv.AppendFloat(dst, v, 'f', prec, 64)
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
