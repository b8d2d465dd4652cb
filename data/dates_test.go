package data_test

import (
	"strings"
	"testing"
	"time"

	"github.com/call-agglo/cohesion/data"
)

func TestParseDateAccepts(t *testing.T) {
	tests := []struct {
		in   string
		want data.Date
	}{
		{"30/04/2021", data.NewDate(2021, time.April, 30)},
		{"1/6/2021", data.NewDate(2021, time.June, 1)},
		{"01/6/2021", data.NewDate(2021, time.June, 1)},
		{"1/06/2021", data.NewDate(2021, time.June, 1)},
		{"  15/06/2021 ", data.NewDate(2021, time.June, 15)},
		{nbsp + "15/06/2021" + nbsp, data.NewDate(2021, time.June, 15)},
		{"2021-04-30", data.NewDate(2021, time.April, 30)},
		{"2021-12-31", data.NewDate(2021, time.December, 31)},
		{"29/02/2020", data.NewDate(2020, time.February, 29)}, // leap year
		{"29/02/2000", data.NewDate(2000, time.February, 29)}, // divisible by 400
		{"2024-02-29", data.NewDate(2024, time.February, 29)},
		{"31/12/2021", data.NewDate(2021, time.December, 31)},
		{"31/01/2021", data.NewDate(2021, time.January, 31)},
		{"30/11/2021", data.NewDate(2021, time.November, 30)},
		{"01/01/1900", data.NewDate(1900, time.January, 1)},
		{"31/12/2200", data.NewDate(2200, time.December, 31)},
	}
	for _, tt := range tests {
		got, err := data.ParseDate(tt.in)
		if err != nil {
			t.Errorf("ParseDate(%q): unexpected error %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("ParseDate(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

func TestParseDateRefuses(t *testing.T) {
	for _, in := range []string{
		"", "   ", "demain", "30 avril 2021",
		"31/02/2021", // not 3 March
		"30/02/2020",
		"29/02/2021", // 2021 is no leap year
		"29/02/1900", // nor is 1900
		"31/04/2021", "31/06/2021", "31/09/2021", "31/11/2021",
		"00/01/2021", "01/00/2021", "32/01/2021", "01/13/2021",
		"2021-02-31", "2021-13-01", "2021-00-10", "2021-01-00",
		"2021-4-30",   // ISO wants two digits
		"30/04/21",    // two-digit year
		"30/04/02021", // five-digit year
		"123/04/2021",
		"30-04-2021", "30.04.2021", "2021/04/30", "04/30/2021",
		"30/04/2021 17:05", // a date, not an instant
		"2021-04-30T17:05:00Z",
		"01/01/1899", "01/01/2201", // outside the sane range
		"30/04/2021x", "x30/04/2021",
		"３０/04/2021", // full-width digits
	} {
		got, err := data.ParseDate(in)
		if err == nil {
			t.Errorf("ParseDate(%q) = %+v, want an error", in, got)
			continue
		}
		if !got.IsZero() {
			t.Errorf("ParseDate(%q) returned %+v with its error", in, got)
		}
		if data.ErrorCode(err) != data.EINVALID || !strings.Contains(err.Error(), "date") {
			t.Errorf("ParseDate(%q): error %q should be EINVALID and speak of a « date »", in, err)
		}
	}
}

// The examples, spelled out on their own so a regression names them.
func TestParseDateImpossibleDatesAreNotRolledOver(t *testing.T) {
	if d, err := data.ParseDate("31/02/2021"); err == nil {
		t.Fatalf("31/02/2021 was read as %s", d.Format())
	}
	if _, err := data.ParseDate("29/02/2020"); err != nil {
		t.Fatalf("29/02/2020 refused: %v", err)
	}
	if d, err := data.ParseDate("29/02/2021"); err == nil {
		t.Fatalf("29/02/2021 was read as %s", d.Format())
	}
}

func TestDateFormat(t *testing.T) {
	tests := []struct {
		d         data.Date
		fr, iso   string
		zeroValue bool
	}{
		{data.NewDate(2021, time.April, 30), "30/04/2021", "2021-04-30", false},
		{data.NewDate(2021, time.June, 1), "01/06/2021", "2021-06-01", false},
		{data.NewDate(1900, time.January, 1), "01/01/1900", "1900-01-01", false},
		{data.Date{}, "", "", true},
	}
	for _, tt := range tests {
		if got := tt.d.Format(); got != tt.fr {
			t.Errorf("%+v.Format() = %q, want %q", tt.d, got, tt.fr)
		}
		if got := tt.d.ISO(); got != tt.iso {
			t.Errorf("%+v.ISO() = %q, want %q", tt.d, got, tt.iso)
		}
		if tt.d.IsZero() != tt.zeroValue {
			t.Errorf("%+v.IsZero() = %v", tt.d, tt.d.IsZero())
		}
	}
}

func TestDateArithmetic(t *testing.T) {
	d := data.NewDate(2021, time.April, 30)
	if got, want := d.AddDays(1), data.NewDate(2021, time.May, 1); got != want {
		t.Errorf("AddDays(1) = %+v, want %+v", got, want)
	}
	if got, want := data.NewDate(2020, time.February, 28).AddDays(1), data.NewDate(2020, time.February, 29); got != want {
		t.Errorf("leap AddDays = %+v, want %+v", got, want)
	}
	if got, want := data.NewDate(2021, time.January, 1).AddDays(-1), data.NewDate(2020, time.December, 31); got != want {
		t.Errorf("AddDays(-1) = %+v, want %+v", got, want)
	}
	// A day across the March DST change is still one day.
	if got, want := data.NewDate(2021, time.March, 27).AddDays(2), data.NewDate(2021, time.March, 29); got != want {
		t.Errorf("AddDays over DST = %+v, want %+v", got, want)
	}
	before := []struct {
		a, b data.Date
		want bool
	}{
		{data.NewDate(2021, 4, 30), data.NewDate(2021, 5, 1), true},
		{data.NewDate(2021, 5, 1), data.NewDate(2021, 4, 30), false},
		{data.NewDate(2021, 4, 30), data.NewDate(2021, 4, 30), false},
		{data.NewDate(2020, 12, 31), data.NewDate(2021, 1, 1), true},
		{data.NewDate(2021, 1, 2), data.NewDate(2021, 1, 10), true},
	}
	for _, tt := range before {
		if got := tt.a.Before(tt.b); got != tt.want {
			t.Errorf("%s.Before(%s) = %v", tt.a.Format(), tt.b.Format(), got)
		}
	}
}

func TestDateOfUsesParisTime(t *testing.T) {
	// 22:30 UTC on 30 April 2021 is already 1 May in Paris (UTC+2).
	if got, want := data.DateOf(time.Date(2021, 4, 30, 22, 30, 0, 0, time.UTC)), data.NewDate(2021, time.May, 1); got != want {
		t.Errorf("DateOf = %+v, want %+v", got, want)
	}
	// 22:30 UTC on 15 January is 23:30 in Paris (UTC+1): still the 15th.
	if got, want := data.DateOf(time.Date(2021, 1, 15, 22, 30, 0, 0, time.UTC)), data.NewDate(2021, time.January, 15); got != want {
		t.Errorf("DateOf = %+v, want %+v", got, want)
	}
	in := data.NewDate(2021, time.April, 30).In(data.Paris)
	if want := time.Date(2021, 4, 29, 22, 0, 0, 0, time.UTC); !in.Equal(want) {
		t.Errorf("Date.In(Paris) = %v, want %v", in, want)
	}
}

func TestParseDateTime(t *testing.T) {
	utc := func(y int, m time.Month, d, h, mi, s int) time.Time { return time.Date(y, m, d, h, mi, s, 0, time.UTC) }
	tests := []struct {
		in   string
		want time.Time
	}{
		// No offset: Paris time, UTC+2 in summer…
		{"30/04/2021", utc(2021, 4, 29, 22, 0, 0)},
		{"30/04/2021 17:05", utc(2021, 4, 30, 15, 5, 0)},
		{"30/04/2021 17:05:09", utc(2021, 4, 30, 15, 5, 9)},
		{"30/04/2021 17h05", utc(2021, 4, 30, 15, 5, 0)},
		{"30/04/2021   9:05", utc(2021, 4, 30, 7, 5, 0)},
		{"30/04/2021" + nbsp + "23:59:59", utc(2021, 4, 30, 21, 59, 59)},
		{"1/5/2021 0:00", utc(2021, 4, 30, 22, 0, 0)},
		{"2021-04-30", utc(2021, 4, 29, 22, 0, 0)},
		{"2021-04-30T17:05", utc(2021, 4, 30, 15, 5, 0)},
		{"2021-04-30 17:05:09", utc(2021, 4, 30, 15, 5, 9)},
		{"2021-04-30T17:05:09.999", utc(2021, 4, 30, 15, 5, 9)}, // sub-seconds dropped
		// … and UTC+1 in winter.
		{"15/01/2021 12:00", utc(2021, 1, 15, 11, 0, 0)},
		{"2021-01-15T12:00:00", utc(2021, 1, 15, 11, 0, 0)},
		// Either side of the change of 28 March 2021 (02:00 CET → 03:00 CEST).
		{"28/03/2021 01:59", utc(2021, 3, 28, 0, 59, 0)},
		{"28/03/2021 03:00", utc(2021, 3, 28, 1, 0, 0)},
		// Explicit offsets win over Paris.
		{"2021-04-30T22:30:00Z", utc(2021, 4, 30, 22, 30, 0)},
		{"2021-04-30T22:30Z", utc(2021, 4, 30, 22, 30, 0)},
		{"2021-04-30T17:05:00+02:00", utc(2021, 4, 30, 15, 5, 0)},
		{"2021-04-30T17:05:00+0200", utc(2021, 4, 30, 15, 5, 0)},
		{"2021-04-30T17:05:00+02", utc(2021, 4, 30, 15, 5, 0)},
		{"2021-04-30T17:05:00-05:30", utc(2021, 4, 30, 22, 35, 0)},
		{"2021-01-15T12:00:00+00:00", utc(2021, 1, 15, 12, 0, 0)},
		// démarches-simplifiées' CSV: the offset after a space.
		{"2021-04-29 14:32:10 +0200", utc(2021, 4, 29, 12, 32, 10)},
		{"2021-01-15 09:00:00 +0100", utc(2021, 1, 15, 8, 0, 0)},
	}
	for _, tt := range tests {
		got, err := data.ParseDateTime(tt.in)
		if err != nil {
			t.Errorf("ParseDateTime(%q): unexpected error %v", tt.in, err)
			continue
		}
		if !got.Equal(tt.want) {
			t.Errorf("ParseDateTime(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestParseDateTimeRefuses(t *testing.T) {
	for _, in := range []string{
		"", "maintenant", "31/02/2021 10:00", "29/02/2021",
		"30/04/2021 24:00", "30/04/2021 23:60", "30/04/2021 23:59:60", "30/04/2021 7",
		"30/04/2021 17:5", "30/04/2021 17:05:5", "30/04/202117:05",
		"2021-04-30T25:00", "2021-04-30T17", "2021-04-30T17:05+25:00", "2021-04-30T17:05+02:60",
		"2021-04-30T17:05+2", "2021-04-30T17:05+02:", "2021-04-30T17:05z", "2021-04-30t17:05",
		"2021-04-30Z", "30/04/2021 17:05Z",
		"2200-12-31T23:30:00-05:00", // already 2201 in Paris
	} {
		if got, err := data.ParseDateTime(in); err == nil {
			t.Errorf("ParseDateTime(%q) = %v, want an error", in, got)
		} else if data.ErrorCode(err) != data.EINVALID {
			t.Errorf("ParseDateTime(%q): error code %q", in, data.ErrorCode(err))
		}
	}
}

func TestFormatDateTime(t *testing.T) {
	if got := data.FormatDateTime(time.Time{}); got != "" {
		t.Errorf("FormatDateTime(zero) = %q", got)
	}
	if got, want := data.FormatDateTime(time.Date(2021, 4, 30, 15, 5, 0, 0, time.UTC)), "30/04/2021 17:05"; got != want {
		t.Errorf("FormatDateTime = %q, want %q", got, want)
	}
	if got, want := data.FormatDateTime(time.Date(2021, 1, 15, 15, 5, 0, 0, time.UTC)), "15/01/2021 16:05"; got != want {
		t.Errorf("FormatDateTime = %q, want %q", got, want)
	}
}

func TestPeriodFormat(t *testing.T) {
	d := func(y int, m time.Month, day int) data.Date { return data.NewDate(y, m, day) }
	tests := []struct {
		p    data.Period
		want string
	}{
		{data.Period{}, ""},
		{data.Period{From: d(2021, 6, 1), To: d(2021, 6, 30)}, "juin 2021"},
		{data.MonthPeriod(2021, time.June), "juin 2021"},
		{data.MonthPeriod(2021, time.February), "février 2021"},
		{data.MonthPeriod(2020, time.February), "février 2020"},
		{data.MonthPeriod(2021, time.December), "décembre 2021"},
		{data.MonthPeriod(2022, time.January), "janvier 2022"},
		{data.MonthPeriod(2021, time.August), "août 2021"},
		{data.Period{From: d(2021, 6, 15), To: d(2021, 6, 15)}, "15/06/2021"},
		{data.Period{From: d(2021, 6, 15)}, "15/06/2021"},
		{data.Period{From: d(2021, 6, 1), To: d(2021, 6, 15)}, "01/06/2021 au 15/06/2021"},
		{data.Period{From: d(2021, 6, 1), To: d(2021, 6, 29)}, "01/06/2021 au 29/06/2021"},
		{data.Period{From: d(2021, 6, 2), To: d(2021, 6, 30)}, "02/06/2021 au 30/06/2021"},
		{data.Period{From: d(2021, 6, 1), To: d(2021, 7, 31)}, "01/06/2021 au 31/07/2021"},
		{data.Period{From: d(2021, 2, 1), To: d(2021, 2, 29)}, "01/02/2021 au 29/02/2021"}, // not a real month end
		{data.Period{To: d(2021, 6, 15)}, "jusqu'au 15/06/2021"},
	}
	for _, tt := range tests {
		if got := tt.p.Format(); got != tt.want {
			t.Errorf("%+v.Format() = %q, want %q", tt.p, got, tt.want)
		}
	}
	// Hand-built dates with no valid month must not panic (month names index).
	for _, m := range []time.Month{0, 13, -1} {
		p := data.Period{From: data.NewDate(2021, m, 1), To: data.MonthPeriod(2021, m).To}
		_ = p.Format()
	}
}

func TestMonthPeriodEnds(t *testing.T) {
	ends := map[time.Month]int{1: 31, 2: 28, 3: 31, 4: 30, 5: 31, 6: 30, 7: 31, 8: 31, 9: 30, 10: 31, 11: 30, 12: 31}
	for m, last := range ends {
		p := data.MonthPeriod(2021, m)
		if p.From != data.NewDate(2021, m, 1) || p.To != data.NewDate(2021, m, last) {
			t.Errorf("MonthPeriod(2021, %v) = %+v", m, p)
		}
	}
	if p := data.MonthPeriod(2024, time.February); p.To.Day != 29 {
		t.Errorf("MonthPeriod(2024, February) ends on the %d", p.To.Day)
	}
}

func TestFrenchNames(t *testing.T) {
	if len(data.MonthNames) != 12 || data.MonthNames[0] != "janvier" || data.MonthNames[11] != "décembre" {
		t.Errorf("MonthNames = %v", data.MonthNames)
	}
	if len(data.WeekdayNames) != 7 || data.WeekdayNames[time.Sunday] != "dimanche" || data.WeekdayNames[time.Monday] != "lundi" {
		t.Errorf("WeekdayNames = %v", data.WeekdayNames)
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{
		"30/04/2021", "1/6/2021", "2021-04-30", "31/02/2021", "29/02/2020", "29/02/2021",
		"00/00/0000", "99/99/9999", "2021-13-45", "01/01/1900", "31/12/2200", " 15/06/2021 ",
		"30/04/2021 17:05", "2021-04-30T17:05:00Z", "", "/", "--",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := data.ParseDate(s)
		if err != nil {
			if !d.IsZero() {
				t.Fatalf("ParseDate(%q) = %+v with error %v", s, d, err)
			}
			return
		}
		if d.Month < time.January || d.Month > time.December || d.Day < 1 || d.Day > 31 {
			t.Fatalf("ParseDate(%q) = %+v: impossible date accepted", s, d)
		}
		// The date must be a real one: normalising it through time.Date changes nothing.
		if n := time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC); n.Year() != d.Year || n.Month() != d.Month || n.Day() != d.Day {
			t.Fatalf("ParseDate(%q) = %+v rolls over to %v", s, d, n)
		}
		for _, out := range []string{d.Format(), d.ISO()} {
			again, err := data.ParseDate(out)
			if err != nil || again != d {
				t.Fatalf("ParseDate(%q) = %+v, but ParseDate(%q) = %+v, %v", s, d, out, again, err)
			}
		}
	})
}

func FuzzParseDateTime(f *testing.F) {
	for _, s := range []string{
		"30/04/2021", "30/04/2021 17:05", "30/04/2021 17:05:09", "30/04/2021 17h05",
		"2021-04-30T17:05:00Z", "2021-04-30T17:05:00+02:00", "2021-04-30T17:05:00.123-0930",
		"2021-04-30 17:05", "28/03/2021 02:30", "31/10/2021 02:30", "31/12/2200 23:59",
		"2200-12-31T23:30:00-05:00", "1900-01-01T00:00:00+14:00", "31/02/2021 10:00", "30/04/2021 24:00",
		"2021-04-30T17:05+99:99", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tm, err := data.ParseDateTime(s)
		if err != nil {
			if !tm.IsZero() {
				t.Fatalf("ParseDateTime(%q) = %v with error %v", s, tm, err)
			}
			return
		}
		// What is shown must read back as the same minute, and show the same.
		shown := data.FormatDateTime(tm)
		again, err := data.ParseDateTime(shown)
		if err != nil {
			t.Fatalf("ParseDateTime(%q) = %v, shown %q, which does not read back: %v", s, tm, shown, err)
		}
		if back := data.FormatDateTime(again); back != shown {
			t.Fatalf("ParseDateTime(%q): shown %q, read back and shown %q", s, shown, back)
		}
		// It is the same instant to the minute (Paris had a local mean time offset of
		// 9 min 21 s before 1911, so compare durations), except in the autumn hour
		// that happens twice, where the other occurrence may be read.
		near := func(d, to time.Duration) bool { return d-to > -time.Minute && d-to < time.Minute }
		if d := again.Sub(tm); !near(d, 0) && !near(d, time.Hour) && !near(d, -time.Hour) {
			t.Fatalf("ParseDateTime(%q) = %v, read back from %q as %v", s, tm, shown, again)
		}
		// The civil date in Paris reads back through Date.Format too.
		day := data.DateOf(tm)
		if d2, err := data.ParseDate(day.Format()); err != nil || d2 != day {
			t.Fatalf("ParseDateTime(%q): date %+v does not round-trip: %+v, %v", s, day, d2, err)
		}
	})
}
