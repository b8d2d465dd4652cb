package data

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Blank reports whether s holds nothing but white space.
func Blank(s string) bool { return strings.TrimSpace(s) == "" }

// NFKD also splits the typographic ligatures of text pasted from a PDF (ﬁ → fi).
var foldChain = transform.Chain(norm.NFKD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)

// FoldKey folds s for loose matching: lower case, no accents, no spaces, no
// punctuation. « Éducation », "education" and " EDUCATION " share one key, and so
// do « Cœur » and "coeur" (French writes the ligature, keyboards often do not).
func FoldKey(s string) string {
	t, _, err := transform.String(foldChain, s)
	if err != nil {
		t = s
	}
	var b strings.Builder
	for _, r := range strings.ToLower(t) {
		switch {
		case r == 'œ':
			b.WriteString("oe")
		case r == 'æ':
			b.WriteString("ae")
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Clean trims s and folds every kind of space (no-break, narrow no-break, tabs,
// line breaks inside one-line fields) to a plain one.
func Clean(s string) string {
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
}
