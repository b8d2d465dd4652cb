package gofpdf

import (
	"bytes"
	"math/rand"
	"testing"
)

// escapeUTF16 and cachedRGBColorValue must give what the code they replace gives.
func TestTextShortcutsAgree(t *testing.T) {
	var f Fpdf
	rng := rand.New(rand.NewSource(2))
	alphabet := []byte("ab()\\\r\n \x00\x7f")
	try := func(s string) (out string, panicked bool) {
		defer func() { panicked = recover() != nil }()
		return f.escape(utf8toutf16(s, false)), false
	}
	for i := 0; i < 100000; i++ {
		b := make([]byte, rng.Intn(10))
		for j := range b {
			if rng.Intn(2) == 0 {
				b[j] = alphabet[rng.Intn(len(alphabet))]
			} else {
				b[j] = byte(rng.Intn(256))
			}
		}
		if i%3 == 0 { // valid UTF-8 too
			b = []byte(string([]rune{rune(rng.Intn(0x11000)), '(', rune(rng.Intn(0x800))}))
		}
		want, wantPanic := try(string(b))
		got, gotPanic := func() (out string, panicked bool) {
			defer func() { panicked = recover() != nil }()
			return f.escapeUTF16(string(b)), false
		}()
		if got != want || gotPanic != wantPanic {
			t.Fatalf("escapeUTF16(%q) = %q (panique : %v), attendu %q (panique : %v)", b, got, gotPanic, want, wantPanic)
		}
		if wantPanic {
			continue
		}
		var line fmtBuffer // CellFormat's text, written in place after what the line holds
		line.WriteString("q ")
		f.cellText(&line, 12.5, 700.125, string(b))
		if want := "q " + sprintf("BT %.2f %.2f Td (%s)Tj ET", 12.5, 700.125, want); line.String() != want {
			t.Fatalf("cellText(%q) = %q, attendu %q", b, line.String(), want)
		}
	}
	for i := 0; i < 20000; i++ {
		r, g, b := rng.Intn(300)-20, rng.Intn(300)-20, rng.Intn(300)-20
		for _, modes := range [][2]string{{"g", "rg"}, {"G", "RG"}, {"", ""}} {
			if got, want := cachedRGBColorValue(r, g, b, modes[0], modes[1]), rgbColorValue(r, g, b, modes[0], modes[1]); got != want {
				t.Fatalf("cachedRGBColorValue(%d, %d, %d) = %+v, attendu %+v", r, g, b, got, want)
			}
		}
	}
}

// indexRare must find what bytes.Index finds, first occurrence included.
func TestIndexRareIsIndex(t *testing.T) {
	rng := rand.New(rand.NewSource(4))
	pats := [][]byte{[]byte("{nb}"), []byte("\x00{\x00n\x00b\x00}"), []byte("\x00\x00"), []byte(" {"), []byte("é"), {}, []byte("{")}
	for i := 0; i < 50000; i++ {
		data := make([]byte, rng.Intn(40))
		for j := range data {
			data[j] = "\x00{nb} é\x00\x00x"[rng.Intn(11)]
		}
		for _, p := range pats {
			if got, want := indexRare(data, p), bytes.Index(data, p); got != want {
				t.Fatalf("indexRare(%q, %q) = %d, bytes.Index : %d", data, p, got, want)
			}
		}
	}
}
