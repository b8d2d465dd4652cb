package data_test

import (
	"testing"

	"github.com/call-agglo/cohesion/data"
)

func TestParseHundredths(t *testing.T) {
	for in, want := range map[string]int64{"10": 1000, "10,5": 1050, "12.25": 1225, " 3 ": 300, "-0,5": -50, "0,05": 5, "-2": -200, "20,00": 2000} {
		if got, err := data.ParseHundredths(in); err != nil || got != want {
			t.Errorf("%q: %d %v, want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"10,-5", "", "-", "1,234", "dix", "1-0", "10,5,1", "+3", "--1", ",5"} {
		if got, err := data.ParseHundredths(in); err == nil {
			t.Errorf("%q accepted as %d", in, got)
		}
	}
}

func TestFormatHundredths(t *testing.T) {
	for h, want := range map[int64]string{1000: "10", 1050: "10,5", 1225: "12,25", 5: "0,05", -50: "-0,5", 0: "0"} {
		if got := data.FormatHundredths(h); got != want {
			t.Errorf("%d: %q, want %q", h, got, want)
		}
		if back, _ := data.ParseHundredths(data.FormatHundredths(h)); back != h {
			t.Errorf("%d does not read back", h)
		}
	}
}

func TestParseCount(t *testing.T) {
	for in, want := range map[string]int{"12 500": 12500, "12\u00a0500": 12500, "12\u202f500": 12500, "0": 0, "": 0, " 7 ": 7} {
		if got, err := data.ParseCount(in); err != nil || got != want {
			t.Errorf("%q: %d %v", in, got, err)
		}
	}
	for _, in := range []string{"12,5", "-3", "douze", "1 2a"} {
		if _, err := data.ParseCount(in); err == nil {
			t.Errorf("%q accepted", in)
		}
	}
}
