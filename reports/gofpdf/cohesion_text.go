package gofpdf

// Cohésion patch: text and colours encoded without intermediate copies.

import "sync"

// escapeUTF16 is f.escape(utf8toutf16(s, false)) in one pass and one
// allocation: the same decoding (a lead byte ≥ 224 takes three bytes, ≥ 192
// two, anything else one), the same escapes (« \ », « ( », « ) » and CR), each
// output byte being escaped on its own as the four successive replacements do.
// A string cut inside a sequence goes to the original functions, which fail
// on it as before.
func (f *Fpdf) escapeUTF16(s string) string {
	if b, ok := appendEscapedUTF16(make([]byte, 0, 2*len(s)+8), s); ok {
		return string(b)
	}
	return f.escape(utf8toutf16(s, false))
}

// appendEscapedUTF16 appends escapeUTF16(s) to dst (CellFormat writes it
// straight into its line); false, and dst as it was, for a string cut inside
// a sequence.
func appendEscapedUTF16(dst []byte, s string) ([]byte, bool) {
	res := dst
	for i := 0; i < len(s); {
		c1 := s[i]
		var hi, lo byte
		switch {
		case c1 >= 224:
			if i+2 >= len(s) {
				return dst, false
			}
			c2, c3 := s[i+1], s[i+2]
			hi, lo = ((c1&0x0F)<<4)+((c2&0x3C)>>2), ((c2&0x03)<<6)+(c3&0x3F)
			i += 3
		case c1 >= 192:
			if i+1 >= len(s) {
				return dst, false
			}
			c2 := s[i+1]
			hi, lo = (c1&0x1C)>>2, ((c1&0x03)<<6)+(c2&0x3F)
			i += 2
		default:
			hi, lo = 0, c1
			i++
		}
		res = appendEscaped(appendEscaped(res, hi), lo)
	}
	return res, true
}

// useRunes notes the runes of s in a font's usedRunes (its subset), as
// CellFormat did with a map write per rune: a rune already noted (nearly
// all, past the first lines) costs a lookup, not a write.
func useRunes(used map[int]int, s string) {
	for _, r := range s {
		if _, ok := used[int(r)]; !ok {
			used[int(r)] = int(r)
		}
	}
}

// cellText writes CellFormat's text operator, « BT x y Td (text)Tj ET »,
// the text encoded in place.
func (f *Fpdf) cellText(s *fmtBuffer, bt, td float64, txt string) {
	s.printf("BT %.2f %.2f Td (", bt, td)
	if b, ok := appendEscapedUTF16(s.AvailableBuffer(), txt); ok {
		s.Write(b)
	} else {
		s.WriteString(f.escape(utf8toutf16(txt, false)))
	}
	s.WriteString(")Tj ET")
}

func appendEscaped(res []byte, b byte) []byte {
	switch b {
	case '\\', '(', ')':
		return append(res, '\\', b)
	case '\r':
		return append(res, '\\', 'r')
	}
	return append(res, b)
}

// rgbColors caches rgbColorValue, which formats its string each time: a
// document sets the same few colours thousands of times.
var rgbColors sync.Map // rgbKey → colorType

type rgbKey struct {
	r, g, b          int
	grayStr, fullStr string
}

func cachedRGBColorValue(r, g, b int, grayStr, fullStr string) colorType {
	r, _ = colorComp(r) // the components the colour depends on
	g, _ = colorComp(g)
	b, _ = colorComp(b)
	k := rgbKey{r, g, b, grayStr, fullStr}
	if c, ok := rgbColors.Load(k); ok {
		return c.(colorType)
	}
	c := rgbColorValue(r, g, b, grayStr, fullStr)
	rgbColors.Store(k, c)
	return c
}
