package reports

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/image/font/sfnt"

	"github.com/call-agglo/cohesion/assets"
)

// coverage is the set of BMP runes both embedded fonts can draw.
var (
	coverageOnce sync.Once
	coverage     []uint64 // bitset over 0..0xFFFF
)

func loadCoverage() {
	coverage = make([]uint64, 0x10000/64)
	var fonts []*sfnt.Font
	for _, b := range [][]byte{assets.NotoSansRegular, assets.NotoSansBold} {
		f, err := sfnt.Parse(b)
		if err != nil {
			continue // cannot happen with the embedded fonts: then only ASCII passes
		}
		fonts = append(fonts, f)
	}
	var buf sfnt.Buffer
	for r := rune(0x20); r < 0x10000; r++ {
		ok := len(fonts) > 0
		for _, f := range fonts {
			if g, err := f.GlyphIndex(&buf, r); err != nil || g == 0 {
				ok = false
				break
			}
		}
		if ok || (r < 0x7f && len(fonts) == 0) {
			coverage[r/64] |= 1 << (r % 64)
		}
	}
}

// drawable reports whether the embedded fonts have a glyph for r.
func drawable(r rune) bool {
	if r < 0x20 || r >= 0x10000 {
		return false
	}
	if r < 0x7f {
		return true
	}
	coverageOnce.Do(loadCoverage)
	return coverage[r/64]&(1<<(r%64)) != 0
}

// clean makes s safe to draw: line breaks normalised to "\n", tabs to spaces,
// control and invisible format characters removed, spaces the font lacks made
// ordinary, and any other rune the font cannot draw (emoji…) replaced by a single
// « ? » per run.
func clean(s string) string {
	if isClean(s) {
		return s // most text: no copy
	}
	return cleanCopy(s)
}

// cleanCopy is clean for a string that needs it.
func cleanCopy(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	lastBad := false
	for i, r := range s {
		switch {
		case r == '\n':
			b.WriteByte('\n')
		case r == '\r':
			if i+1 >= len(s) || s[i+1] != '\n' {
				b.WriteByte('\n')
			}
		case r == '\t':
			b.WriteByte(' ')
		case r == utf8.RuneError:
			if !lastBad {
				b.WriteByte('?')
			}
			lastBad = true
			continue
		case unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Variation_Selector, r):
			continue // invisible: joiners, selectors, soft hyphens
		case drawable(r):
			b.WriteRune(r)
			lastBad = false
			continue
		case unicode.IsSpace(r):
			if drawable('\u00a0') && (r == '\u202f' || r == '\u2007' || r == '\u2060') {
				b.WriteRune('\u00a0')
			} else {
				b.WriteByte(' ')
			}
		case r < 0x20 || (r >= 0x7f && r < 0xa0) || unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf, unicode.Variation_Selector):
			// invisible: combining marks the font lacks, joiners, selectors
			continue
		default:
			if !lastBad {
				b.WriteByte('?')
			}
			lastBad = true
			continue
		}
		lastBad = false
	}
	return b.String()
}

// isClean reports whether clean would return s unchanged: every rune is
// printable ASCII, "\n", or a rune the fonts draw that is neither a format
// character nor a variation selector (the cases clean keeps as they are).
func isClean(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if (c < 0x20 && c != '\n') || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError || !drawable(r) || unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Variation_Selector, r) {
			return false
		}
		i += n
	}
	return true
}

// normalSpaces turns the no-break spaces of amounts into ordinary ones, for
// comparisons with extracted text.
func normalSpaces(s string) string {
	return strings.NewReplacer("\u202f", " ", "\u00a0", " ").Replace(s)
}
