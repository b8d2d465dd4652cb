package gofpdf

import (
	"fmt"
	"math"
	"math/rand"
	"strconv"
	"testing"
)

// TestAppendfIsSprintf compares appendf with fmt.Sprintf on the library's own
// formats and on random ones. Run it with `go test` in this directory: the
// fork is a module of its own, outside Cohésion's `go test ./...`.
func TestAppendfIsSprintf(t *testing.T) {
	floats := []float64{0, math.Copysign(0, -1), 1, -1, 0.005, -0.005, 0.0049999, 2.675, 1e21, -1e-7, 123456.789,
		math.Inf(1), math.Inf(-1), math.NaN(), math.MaxFloat64, math.SmallestNonzeroFloat64}
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 2000; i++ {
		floats = append(floats, (rng.Float64()-0.5)*math.Pow(10, float64(rng.Intn(12)-4)))
	}
	check := func(format string, args ...interface{}) {
		t.Helper()
		want := fmt.Sprintf(format, args...)
		if got := string(appendf([]byte("x"), format, args...)); got != "x"+want {
			t.Fatalf("appendf(%q, %v) = %q, fmt: %q", format, args, got[1:], want)
		}
	}
	for _, v := range floats {
		check("%.2f %.2f %.2f %.2f re %s ", v, -v, v*3, v/7, "f")
		check("BT %.2f %.2f Td (%s)Tj ET", v, v, "\x00a(\\)")
		check("%.3f %.3f %.3f rg", v, v, v)
		check("%.5f %.5f l", v, v)
		check("%.0f|%.1f|%.9f|%.12f", v, v, v, v)
	}
	for _, n := range []int{0, 1, -1, 42, math.MaxInt64, math.MinInt64} {
		check("<</Length %d>>", n)
		check("%d 0 R %s", n, "x")
	}
	// Whatever appendf does not format itself goes to fmt (a table, so that
	// vet lets the wrong formats through).
	odd := []struct {
		format string
		args   []interface{}
	}{
		{"%v", []interface{}{3}}, {"%d", []interface{}{int64(3)}}, {"%s", []interface{}{3}}, {"%d", []interface{}{"x"}},
		{"%.2f", []interface{}{3}}, {"%.2f", []interface{}{float32(1.1)}}, {"%5.2f", []interface{}{1.0}},
		{"%.4F", []interface{}{1.0}}, {"%x", []interface{}{"ab"}}, {"100%%", nil}, {"%", nil}, {"%.f", []interface{}{1.0}},
		{"%.2", []interface{}{1.0}}, {"%d %d", []interface{}{1}}, {"%d", []interface{}{1, 2}}, {"%s", nil},
		{"%.123f", []interface{}{1.0}},
	}
	for _, c := range odd {
		check(c.format, c.args...)
	}
}

// appendFixed must give strconv's digits: ties (k + 1/2)/10^prec exactly
// representable, their neighbours, random values of every magnitude, the
// edges of its range.
func TestAppendFixedIsStrconv(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	check := func(v float64, prec int) {
		t.Helper()
		want := strconv.AppendFloat([]byte("x"), v, 'f', prec, 64)
		if got := appendFixed([]byte("x"), v, prec); string(got) != string(want) {
			t.Fatalf("appendFixed(%v (%b), %d) = %q, strconv : %q", v, v, prec, got[1:], want[1:])
		}
	}
	edges := []float64{0, math.Copysign(0, -1), math.SmallestNonzeroFloat64, -math.SmallestNonzeroFloat64, 1 << 52, 1<<52 - 0.5,
		-(1<<52 - 0.5), 1 << 53, math.MaxFloat64, math.Inf(1), math.Inf(-1), math.NaN(), 0.5, 1.5, 2.5, 0.125, 0.375, 2.675, 1.005, 0.0005, 0.00049999999999999}
	for prec := -1; prec <= 5; prec++ {
		for _, v := range edges {
			check(v, prec)
			check(-v, prec)
			check(math.Nextafter(v, math.Inf(1)), prec)
			check(math.Nextafter(v, math.Inf(-1)), prec)
		}
	}
	for i := 0; i < 1000000; i++ {
		prec := rng.Intn(4)
		var v float64
		switch i % 4 {
		case 0: // a tie at some precision, exact in binary when its denominator is a power of 2
			v = (float64(rng.Int63n(1<<20)) + 0.5) / float64([]int{1, 2, 4, 8, 16, 32, 64, 128}[rng.Intn(8)])
		case 1:
			v = (rng.Float64() - 0.5) * math.Pow(10, float64(rng.Intn(20)-8))
		case 2:
			v = math.Float64frombits(rng.Uint64())
		default: // the renderer's coordinates: mm × 72/25.4, in points
			v = float64(rng.Intn(300000)) / 1000 * 72 / 25.4
		}
		if rng.Intn(2) == 0 {
			v = -v
		}
		check(v, prec)
		check(math.Nextafter(v, 0), prec)
	}
}
