package data

import (
	"testing"
	"time"
)

func TestFormatLong(t *testing.T) {
	for _, c := range []struct {
		d    Date
		want string
	}{
		{NewDate(2026, time.December, 1), "1er décembre 2026"},
		{NewDate(2027, time.March, 15), "15 mars 2027"},
		{NewDate(2021, time.August, 31), "31 août 2021"},
		{NewDate(2021, time.February, 2), "2 février 2021"},
		{Date{}, ""},
	} {
		if got := c.d.FormatLong(); got != c.want {
			t.Errorf("%v: %q, want %q", c.d, got, c.want)
		}
	}
}
