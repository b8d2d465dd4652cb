package data_test

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/call-agglo/cohesion/data"
)

func TestFoldKey(t *testing.T) {
	same := [][]string{
		{"  Éducation ", "education", "EDUCATION", "éducation", "E d u c a t i o n", "Éducation !"},
		{"Liévin", "LIEVIN", "lievin", "Lie\u0301vin"}, // precomposed and combining accent
		{"Cité Saint-Pierre", "cite saint pierre", "CITÉ SAINT PIERRE", "cité-saint-pierre"},
		{"Sans suite", "sans_suite", "SANS SUITE"},
		{"Cœur de ville", "coeur de ville", "CŒUR DE VILLE", "Coeur-de-Ville"},
		{"Ex æquo", "ex aequo", "EX ÆQUO"},
		{"Qualiﬁcation", "qualification"}, // ﬁ ligature pasted from a PDF
		{"Ça", "ca", "ÇA"},
		{"Noël", "noel", "NOËL"},
		{"Île-de-France", "iledefrance"},
		{"", "   ", "!!!", "🎉", "-_-"},
	}
	for _, group := range same {
		want := data.FoldKey(group[0])
		for _, s := range group[1:] {
			if got := data.FoldKey(s); got != want {
				t.Errorf("FoldKey(%q) = %q, want %q like FoldKey(%q)", s, got, want, group[0])
			}
		}
	}
	if got := data.FoldKey("  Éducation "); got != "education" {
		t.Errorf("FoldKey(Éducation) = %q, want education", got)
	}
	different := [][2]string{
		{"Santé", "Sport"},
		{"QP062002", "QP062020"},
		{"62032", "62023"},
		{"a1", "a2"},
	}
	for _, p := range different {
		if data.FoldKey(p[0]) == data.FoldKey(p[1]) {
			t.Errorf("FoldKey(%q) == FoldKey(%q)", p[0], p[1])
		}
	}
	// Digits and letters of other scripts are kept, not dropped.
	if got := data.FoldKey("Ελλάδα 2021"); got != "ελλαδα2021" {
		t.Errorf("FoldKey(Greek) = %q", got)
	}
}

func TestFoldKeyNeverPanics(t *testing.T) {
	long := strings.Repeat("Éducation populaire 🎉 ", 500) // 10 000+ characters
	if utf8.RuneCountInString(long) < 10000 {
		t.Fatal("test string too short")
	}
	inputs := []string{
		long,
		strings.Repeat("é", 10000),
		strings.Repeat("\u0301", 10000), // combining marks with nothing to combine
		strings.Repeat("👩‍👩‍👧‍👦", 2000),
		"\xff\xfe invalid UTF-8 \xc3",
		"\x00\x01\x02",
		strings.Repeat("ﷺ", 3000), // one of the longest NFKD expansions
	}
	for _, s := range inputs {
		got := data.FoldKey(s)
		for _, r := range got {
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				t.Errorf("FoldKey(%.20q…) kept %q", s, r)
				break
			}
		}
	}
	if got := data.FoldKey(long); got != strings.Repeat("educationpopulaire", 500) {
		t.Errorf("FoldKey(long) = %.40q…", got)
	}
	if got := data.FoldKey("🎉👩‍👩‍👧‍👦"); got != "" {
		t.Errorf("FoldKey(emoji) = %q, want empty", got)
	}
}

func TestClean(t *testing.T) {
	for in, want := range map[string]string{
		"":                              "",
		"   ":                           "",
		"  a  ":                         "a",
		"a\tb\nc\r\nd":                  "a b c d",
		"Lens" + nbsp + nbsp + "Liévin": "Lens Liévin",
		"12" + narrow + "500":           "12 500",
		"déjà propre":                   "déjà propre",
		"\u2003em\u2009thin\u3000ideo ": "em thin ideo",
	} {
		if got := data.Clean(in); got != want {
			t.Errorf("Clean(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzClean holds Clean's fast path (a clean cell comes back as it is) to the
// definition: the words of s, joined by one plain space.
func FuzzClean(f *testing.F) {
	for _, s := range []string{"", " ", "a", "a b", "a  b", " a", "a ", "a\tb", "a\x00b", "\xff a", "a" + nbsp + "b", "a\u0085b", "ab\u2028", "é è"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
		if got := data.Clean(s); got != want {
			t.Errorf("Clean(%q) = %q, want %q", s, got, want)
		}
	})
}

func TestBlank(t *testing.T) {
	for _, s := range []string{"", " ", "\t\n", nbsp, narrow} {
		if !data.Blank(s) {
			t.Errorf("Blank(%q) = false", s)
		}
	}
	for _, s := range []string{"a", " . ", "0"} {
		if data.Blank(s) {
			t.Errorf("Blank(%q) = true", s)
		}
	}
}

func FuzzFoldKey(f *testing.F) {
	for _, s := range []string{"  Éducation ", "Cœur", "ﬁ", "🎉", "İstanbul", "ß", "\xff", "Ⅻ", "ǅ", "ﷺ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := data.FoldKey(s)
		var perRune strings.Builder // the definition: each rune folded alone
		for _, r := range s {
			perRune.WriteString(data.FoldKey(string(r)))
		}
		if k != perRune.String() {
			t.Fatalf("FoldKey(%q) = %q, rune by rune %q", s, k, perRune.String())
		}
		if !utf8.ValidString(k) {
			t.Fatalf("FoldKey(%q) = %q is not valid UTF-8", s, k)
		}
		for _, r := range k {
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				t.Fatalf("FoldKey(%q) = %q keeps %q", s, k, r)
			}
		}
		// A key is its own key: stored keys and typed text compare alike.
		if k2 := data.FoldKey(k); k2 != k {
			t.Fatalf("FoldKey not idempotent: FoldKey(%q) = %q, FoldKey(%q) = %q", s, k, k, k2)
		}
		// Clean is idempotent and leaves no space at the ends or doubled.
		c := data.Clean(s)
		if data.Clean(c) != c || strings.Contains(c, "  ") || strings.TrimSpace(c) != c {
			t.Fatalf("Clean(%q) = %q", s, c)
		}
	})
}

func TestCompareFoldAgreesWithFoldKey(t *testing.T) {
	words := []string{"Éveil", "eveil", "Zèbre", "Avenir", "Cœur", "coeur", "co", "", "  ", "É", "e", "Ébène", "ebene!", "ﬁn", "fin", "10", "9", "Ça", "cb"}
	for _, a := range words {
		for _, b := range words {
			want := strings.Compare(data.FoldKey(a), data.FoldKey(b))
			if got := data.CompareFold(a, b); got != want {
				t.Errorf("CompareFold(%q, %q) = %d, FoldKey order %d", a, b, got, want)
			}
		}
	}
}

func FuzzCompareFold(f *testing.F) {
	f.Add("Éveil", "Zèbre")
	f.Add("Cœur", "coeur")
	f.Fuzz(func(t *testing.T, a, b string) {
		if got, want := data.CompareFold(a, b), strings.Compare(data.FoldKey(a), data.FoldKey(b)); got != want {
			t.Fatalf("CompareFold(%q, %q) = %d, FoldKey order %d", a, b, got, want)
		}
	})
}

func BenchmarkFoldKey(b *testing.B) {
	for i := 0; i < b.N; i++ {
		data.FoldKey("Association Éveil des Quartiers de Liévin-Calonne")
	}
}
