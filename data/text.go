package data

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Blank reports whether s holds nothing but white space.
func Blank(s string) bool { return strings.TrimSpace(s) == "" }

// NFKD also splits the typographic ligatures of text pasted from a PDF (ﬁ → fi).
var foldChain = transform.Chain(norm.NFKD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)

// foldCache memoises foldRune for non-ASCII runes: folding is on the hot path of
// imports and of the register's sort, and a text uses few distinct accented letters.
var foldCache sync.Map // rune → string

// foldRune is what one rune contributes to a fold key: lower case, no accent,
// ligatures spelled out, nothing for spaces and punctuation.
func foldRune(r rune) string {
	if r < utf8.RuneSelf {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			return asciiFold[r]
		case r >= 'A' && r <= 'Z':
			return asciiFold[r+'a'-'A']
		}
		return ""
	}
	if v, ok := foldCache.Load(r); ok {
		return v.(string)
	}
	t, _, err := transform.String(foldChain, string(r))
	if err != nil {
		t = string(r)
	}
	var b strings.Builder
	for _, x := range strings.ToLower(t) {
		switch {
		case x == 'œ':
			b.WriteString("oe")
		case x == 'æ':
			b.WriteString("ae")
		case unicode.IsLetter(x) || unicode.IsDigit(x):
			b.WriteRune(x)
		}
	}
	out := b.String()
	foldCache.Store(r, out)
	return out
}

var asciiFold = func() (t [128]string) {
	for r := '0'; r <= 'z'; r++ {
		t[r] = string(r)
	}
	return
}()

// FoldKey folds s for loose matching: lower case, no accents, no spaces, no
// punctuation. « Éducation », "education" and " EDUCATION " share one key, and so
// do « Cœur » and "coeur" (French writes the ligature, keyboards often do not).
func FoldKey(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf { // most letters: no rune to decode, no table
			switch {
			case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
				b.WriteByte(c)
			case c >= 'A' && c <= 'Z':
				b.WriteByte(c + 'a' - 'A')
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		b.WriteString(foldRune(r))
		i += n
	}
	return b.String()
}

// CompareFold orders two strings as their fold keys would, without building them:
// « Éveil » sorts among the E's, not after Z. It is the register's collation.
func CompareFold(a, b string) int {
	var pa, pb string // folded text of the current rune, not yet compared
	for {
		for pa == "" && a != "" {
			r, n := utf8.DecodeRuneInString(a)
			a, pa = a[n:], foldRune(r)
		}
		for pb == "" && b != "" {
			r, n := utf8.DecodeRuneInString(b)
			b, pb = b[n:], foldRune(r)
		}
		switch {
		case pa == "" && pb == "":
			return 0
		case pa == "":
			return -1
		case pb == "":
			return 1
		}
		ra, na := utf8.DecodeRuneInString(pa)
		rb, nb := utf8.DecodeRuneInString(pb)
		if ra != rb {
			if ra < rb {
				return -1
			}
			return 1
		}
		pa, pb = pa[na:], pb[nb:]
	}
}

// Clean trims s and folds every kind of space (no-break, narrow no-break, tabs,
// line breaks inside one-line fields) to a plain one.
func Clean(s string) string {
	if isClean(s) {
		return s // most cells already are: no copy (an import cleans millions)
	}
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
}

// isClean reports whether Clean would return s unchanged: no space at either
// end, no space but single plain ones between words.
func isClean(s string) bool {
	prevSpace := true // a leading space is not clean
	for _, r := range s {
		switch {
		case r == ' ':
			if prevSpace {
				return false
			}
			prevSpace = true
		case r < utf8.RuneSelf && r > ' ' || r >= utf8.RuneSelf && !unicode.IsSpace(r):
			prevSpace = false
		default: // a control character Clean would fold (tab, line break…) or a wide space
			if unicode.IsSpace(r) {
				return false
			}
			prevSpace = false
		}
	}
	return !prevSpace || s == ""
}
