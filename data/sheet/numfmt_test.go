package sheet

import (
	"strconv"
	"testing"
)

// canonicalDecimal is a shortcut: it must say yes only where plainNumber
// would give the same text back.
func TestCanonicalDecimal(t *testing.T) {
	for _, v := range []string{
		"0", "-0", "7", "-7", "12500.5", "0.5", "-0.5", "0.000001", "100", "123456789012345", "1234567890123456",
		"100000000000000000000", "0.1", "0.30000000000000004", "1.10", "01", "00", "1.", ".5", "-", "", "+1", "1e5",
		"1E+20", " 12", "12 ", "1,5", "9007199254740993", "99999999999999.9", "0.123456789012345", "0.1234567890123456",
	} {
		f, err := strconv.ParseFloat(v, 64)
		same := err == nil && plainNumber(f) == v
		if got := canonicalDecimal(v); got && !same {
			t.Errorf("canonicalDecimal(%q) = true, plainNumber gives %q", v, plainNumber(f))
		}
	}
	for _, v := range []string{"0", "7", "-7", "12500.5", "0.5", "100", "123456789012345", "0.000001"} {
		if !canonicalDecimal(v) {
			t.Errorf("canonicalDecimal(%q) = false", v)
		}
	}
}

func FuzzCanonicalDecimal(f *testing.F) {
	for _, s := range []string{"0", "12500.5", "-0.001", "123456789012345"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		if !canonicalDecimal(v) {
			return
		}
		x, err := strconv.ParseFloat(v, 64)
		if err != nil || plainNumber(x) != v {
			t.Fatalf("canonicalDecimal(%q) but plainNumber gives %q (%v)", v, plainNumber(x), err)
		}
	})
}
