package data_test

import (
	"math"
	"strings"
	"testing"

	"github.com/call-agglo/cohesion/data"
)

const (
	nbsp   = "\u00a0" // no-break space
	narrow = "\u202f" // narrow no-break space
)

func TestParseAmountAccepts(t *testing.T) {
	tests := []struct {
		in   string
		want int64
	}{
		// Whole euros, with and without thousands.
		{"0", 0},
		{"1", 100},
		{"12", 1200},
		{"12500", 1_250_000},
		{"12 500", 1_250_000},
		{"12" + nbsp + "500", 1_250_000},
		{"12" + narrow + "500", 1_250_000},
		{"1 234 567", 123_456_700},
		{"1" + narrow + "234" + nbsp + "567", 123_456_700}, // spaces of mixed kinds
		{"1.234.567", 123_456_700},                         // a repeated mark groups thousands
		{"1,234,567", 123_456_700},
		{"1'234'567", 123_456_700}, // Swiss apostrophe
		// Decimals with a comma (French) or a point (English, CSV).
		{"12 500,50", 1_250_050},
		{"12 500,50 €", 1_250_050},
		{"12 500,50€", 1_250_050},
		{"12" + narrow + "500,50" + nbsp + "€", 1_250_050},
		{"12500.50", 1_250_050},
		{"12500,5", 1_250_050},
		{"12.500,50", 1_250_050},
		{"1,234.56", 123_456},
		{"1.234.567,89", 123_456_789},
		{"1,234,567.89", 123_456_789},
		{"0,05", 5},
		{"0.5", 50},
		{"7,1", 710},
		{"1234,56", 123_456},
		// Currency sign, EUR, surrounding space and a plus sign.
		{"  150 000 €  ", 15_000_000},
		{"€12", 1200},
		{"€ 12,30", 1230},
		{"100 EUR", 10_000},
		{"+100", 10_000},
		{nbsp + "42" + nbsp, 4200},
		{"\t42\n", 4200},
		// The upper bound itself.
		{"999 999 999 999,99", data.MaxCents},
		{"999999999999.99", data.MaxCents},
	}
	for _, tt := range tests {
		got, err := data.ParseAmount(tt.in)
		if err != nil {
			t.Errorf("ParseAmount(%q): unexpected error %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("ParseAmount(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestParseAmountRefuses(t *testing.T) {
	tests := []struct {
		in   string
		word string // a French word the message must contain, "" for no check
	}{
		{"", "vide"},
		{"   ", "vide"},
		{"€", "vide"},
		// Ambiguous: thousands or decimals?
		{"12.500", "ambigu"},
		{"1,500", "ambigu"},
		{"0,500", "ambigu"},
		{"1 234.567", ""},
		// More than two decimals.
		{"12,505", ""},
		{"12,5050", "illisible"},
		{"1.234,567", "illisible"},
		{"1,234.567", "illisible"},
		{"0.001", ""},
		// Negative amounts.
		{"-12", "négatif"},
		{"-12,50 €", "négatif"},
		{"- 12", "négatif"},
		{"€-12", "négatif"},
		{"+-12", ""},
		// Badly grouped thousands.
		{"1 23", "illisible"},
		{"1 2345", "illisible"},
		{"1234 567", "illisible"},
		{"1.234 567,00", "illisible"},
		{"1,234.567.89", "illisible"},
		{"12.50.00", "illisible"},
		{"1,234,56", "illisible"},
		// Separators in the wrong place.
		{",50", "illisible"},
		{".5", "illisible"},
		{"12,", "illisible"},
		{"12.", "illisible"},
		{"12  500", "illisible"},
		{"12,,50", "illisible"},
		// Garbage.
		{"abc", "illisible"},
		{"12a", "illisible"},
		{"douze", "illisible"},
		{"12 500 euros", "illisible"},
		{"1e6", "illisible"},
		{"0x10", "illisible"},
		{"١٢", "illisible"}, // Arabic-Indic digits
		{"12€50", "illisible"},
		{"12 500,50 $", "illisible"},
		{"NaN", "illisible"},
		{"+", ""},
		// Over MaxCents (10^12 €).
		{"1 000 000 000 000", "élevé"},
		{"1000000000000", "élevé"},
		{"999 999 999 999,991", ""},
		{"99999999999999999999999", "élevé"},
		{"9223372036854775807", "élevé"},
	}
	for _, tt := range tests {
		got, err := data.ParseAmount(tt.in)
		if err == nil {
			t.Errorf("ParseAmount(%q) = %d, want an error", tt.in, got)
			continue
		}
		if got != 0 {
			t.Errorf("ParseAmount(%q) returned %d with its error, want 0", tt.in, got)
		}
		if code := data.ErrorCode(err); code != data.EINVALID {
			t.Errorf("ParseAmount(%q): error code %q, want %q", tt.in, code, data.EINVALID)
		}
		if tt.word != "" && !strings.Contains(err.Error(), tt.word) {
			t.Errorf("ParseAmount(%q): message %q should contain %q", tt.in, err.Error(), tt.word)
		}
	}
}

func TestFormatEuros(t *testing.T) {
	tests := []struct {
		cents int64
		want  string
	}{
		{0, "0,00" + nbsp + "€"},
		{5, "0,05" + nbsp + "€"},
		{50, "0,50" + nbsp + "€"},
		{100, "1,00" + nbsp + "€"},
		{99_999, "999,99" + nbsp + "€"},
		{100_000, "1" + narrow + "000,00" + nbsp + "€"},
		{1_250_050, "12" + narrow + "500,50" + nbsp + "€"},
		{15_000_000, "150" + narrow + "000,00" + nbsp + "€"},
		{123_456_789, "1" + narrow + "234" + narrow + "567,89" + nbsp + "€"},
		{data.MaxCents, "999" + narrow + "999" + narrow + "999" + narrow + "999,99" + nbsp + "€"},
		{-5, "-0,05" + nbsp + "€"},
		{-123_456_789, "-1" + narrow + "234" + narrow + "567,89" + nbsp + "€"},
		{math.MaxInt64, "92" + narrow + "233" + narrow + "720" + narrow + "368" + narrow + "547" + narrow + "758,07" + nbsp + "€"},
		// -MinInt64 overflows an int64: the magnitude must still print right.
		{math.MinInt64, "-92" + narrow + "233" + narrow + "720" + narrow + "368" + narrow + "547" + narrow + "758,08" + nbsp + "€"},
	}
	for _, tt := range tests {
		if got := data.FormatEuros(tt.cents); got != tt.want {
			t.Errorf("FormatEuros(%d) = %q, want %q", tt.cents, got, tt.want)
		}
	}
	// The example, written out literally.
	if got := data.FormatEuros(15000000); got != "150\u202f000,00\u00a0€" {
		t.Errorf("FormatEuros(15000000) = %q", got)
	}
}

func TestFormatAmountAndPlain(t *testing.T) {
	if got, want := data.FormatAmount(1_250_050), "12"+narrow+"500,50"; got != want {
		t.Errorf("FormatAmount = %q, want %q", got, want)
	}
	if got, want := data.FormatEurosPlain(15_000_000), "150 000,00 €"; got != want {
		t.Errorf("FormatEurosPlain = %q, want %q", got, want)
	}
	if got := data.FormatEurosPlain(123_456_789); strings.ContainsAny(got, nbsp+narrow) {
		t.Errorf("FormatEurosPlain(%d) = %q still holds a no-break space", 123_456_789, got)
	}
}

func TestAmountRoundTrip(t *testing.T) {
	values := []int64{0, 1, 9, 10, 99, 100, 101, 999, 1000, 99_999, 100_000, 100_001,
		1_234_567, 15_000_000, 99_999_999, 100_000_000, 123_456_789_012, data.MaxCents - 1, data.MaxCents}
	for p := int64(1); p <= data.MaxCents; p *= 10 {
		values = append(values, p, p-1, p+1)
	}
	for _, x := range values {
		if x < 0 || x > data.MaxCents {
			continue
		}
		for _, s := range []string{data.FormatEuros(x), data.FormatEurosPlain(x), data.FormatAmount(x)} {
			got, err := data.ParseAmount(s)
			if err != nil || got != x {
				t.Errorf("ParseAmount(%q) = %d, %v; want %d", s, got, err, x)
			}
		}
	}
}

func FuzzParseAmount(f *testing.F) {
	for _, s := range []string{
		"12 500", "12 500,50 €", "12500.50", "12.500,50", "1,234.56", "12.500", "1,500",
		"12" + nbsp + "500", "12" + narrow + "500,50" + nbsp + "€", "1.234.567", "1,234,567.89",
		"999 999 999 999,99", "1 000 000 000 000", "-12", "+12", "0,05", "12,505", "abc", "",
		"€", "€ 12", "12 EUR", "1'234", "0", "00 000,00", ",5", "12,", "9223372036854775807",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		cents, err := data.ParseAmount(s)
		if err != nil {
			if cents != 0 {
				t.Fatalf("ParseAmount(%q) = %d with error %v", s, cents, err)
			}
			if data.ErrorCode(err) != data.EINVALID || data.ErrorMessage(err) == "" {
				t.Fatalf("ParseAmount(%q): error %v should be an EINVALID *data.Error with a message", s, err)
			}
			return
		}
		if cents < 0 || cents > data.MaxCents {
			t.Fatalf("ParseAmount(%q) = %d, outside 0..MaxCents", s, cents)
		}
		formatted := data.FormatEuros(cents)
		again, err := data.ParseAmount(formatted)
		if err != nil || again != cents {
			t.Fatalf("ParseAmount(%q) = %d, but ParseAmount(FormatEuros) = ParseAmount(%q) = %d, %v", s, cents, formatted, again, err)
		}
	})
}

// FuzzFormatEuros checks the round trip from the other side: any valid number of
// cents, formatted, reads back as itself.
func FuzzFormatEuros(f *testing.F) {
	for _, x := range []int64{0, 1, 99, 100, 15_000_000, data.MaxCents, -1, math.MinInt64, math.MaxInt64} {
		f.Add(x)
	}
	f.Fuzz(func(t *testing.T, x int64) {
		s := data.FormatEuros(x) // must not panic, whatever x
		if !strings.HasSuffix(s, nbsp+"€") || strings.Count(s, ",") != 1 || !strings.Contains(s[len(s)-len(nbsp+"€")-3:], ",") {
			t.Fatalf("FormatEuros(%d) = %q: want one decimal comma, two decimals and a no-break space before €", x, s)
		}
		if x < 0 || x > data.MaxCents {
			if _, err := data.ParseAmount(s); err == nil {
				t.Fatalf("ParseAmount(FormatEuros(%d)) = %q accepted an out-of-range amount", x, s)
			}
			return
		}
		got, err := data.ParseAmount(s)
		if err != nil || got != x {
			t.Fatalf("ParseAmount(FormatEuros(%d) = %q) = %d, %v", x, s, got, err)
		}
	})
}

func TestFormatCents(t *testing.T) {
	for _, c := range []struct {
		cents int64
		mark  byte
		want  string
	}{
		{0, ',', "0,00"}, {5, '.', "0.05"}, {15000000, ',', "150000,00"}, {-123456, '.', "-1234.56"},
		{math.MinInt64, '.', "-92233720368547758.08"}, {data.MaxCents, ',', "999999999999,99"},
	} {
		if got := data.FormatCents(c.cents, c.mark); got != c.want {
			t.Errorf("FormatCents(%d, %q) = %q, want %q", c.cents, c.mark, got, c.want)
		}
	}
}

func TestFormatDecimal(t *testing.T) {
	for _, c := range []struct {
		x        float64
		decimals int
		want     string
	}{
		{12.345, 2, "12,35"}, {3.98, 2, "3,98"}, {0, 2, "0,00"}, {-1.5, 1, "-1,5"}, {1234567.891, 2, "1234567,89"}, {7, 0, "7"}, {0.125, -1, "0,125"},
	} {
		if got := data.FormatDecimal(c.x, c.decimals); got != c.want {
			t.Errorf("FormatDecimal(%v, %d) = %q, want %q", c.x, c.decimals, got, c.want)
		}
	}
	if got := data.DecimalComma("20.00"); got != "20,00" {
		t.Errorf("DecimalComma = %q", got)
	}
}

func TestFormatIntAndCount(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1\u202f000", -1234567: "-1\u202f234\u202f567"} {
		if got := data.FormatInt(n); got != want {
			t.Errorf("FormatInt(%d) = %q, want %q", n, got, want)
		}
	}
	for n, want := range map[int]string{0: "0 dossier", 1: "1 dossier", 2: "2 dossiers", 10000: "10\u202f000 dossiers"} {
		if got := data.Count(n, "dossier", "dossiers"); got != want {
			t.Errorf("Count(%d) = %q, want %q", n, got, want)
		}
	}
}

// An import's summary counts the French way: thousands grouped, 0 and 1
// singular, each word agreeing with its number.
func TestImportSummaryWords(t *testing.T) {
	sum := data.ImportSummary{Created: 100_000, Updated: 1, Unchanged: 0, Late: 1, Absent: []string{"DS-1", "DS-2"},
		Changes: []data.FieldChange{{Number: "DS-3", Field: "Intitulé du projet", Old: "A", New: "B"}}}
	if got, want := sum.Counts(), "100"+narrow+"000 dossiers créés, 1 mis à jour, 0 inchangé"; got != want {
		t.Errorf("Counts() = %q, want %q", got, want)
	}
	want := []string{"1 dossier hors délai, déclaré irrecevable.", "  DS-3 — Intitulé du projet : « A » → « B »",
		"2 dossiers du registre absents du fichier, gardés tels quels : DS-1, DS-2"}
	if got := sum.Details(true); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Details(true) = %q, want %q", got, want)
	}
	if got := sum.Details(false); len(got) != 2 {
		t.Errorf("Details(false) keeps the changes: %q", got)
	}
	for n, want := range map[int]string{-2: "prêts", -1: "prêt", 0: "prêt", 1: "prêt", 2: "prêts"} {
		if got := data.Plural(n, "prêt", "prêts"); got != want {
			t.Errorf("Plural(%d) = %q, want %q", n, got, want)
		}
	}
}
