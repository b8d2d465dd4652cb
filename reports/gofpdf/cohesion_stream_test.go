package gofpdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"regexp"
	"testing"
	"time"
)

// streamDoc draws pages of text, the page count in the footer when alias.
func streamDoc(t *testing.T, streamed, alias bool, pages int) []byte {
	t.Helper()
	pdf := New("P", "mm", "A4", "")
	if alias {
		pdf.AliasNbPages("{nb}")
	}
	pdf.SetCompression(true)
	pdf.SetStreamedPages(streamed)
	pdf.SetCreationDate(time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC))
	pdf.SetModificationDate(time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC))
	pdf.SetFont("Helvetica", "", 8)
	if alias {
		pdf.SetFooterFunc(func() {
			pdf.SetXY(150, 285)
			pdf.CellFormat(40, 5, fmt.Sprintf("page %d / {nb}", pdf.PageNo()), "", 0, "R", false, 0, "")
		})
	}
	for p := 0; p < pages; p++ {
		pdf.AddPage()
		for l := 0; l < 60; l++ {
			// Random-looking text, so that the document outgrows flushSize.
			pdf.CellFormat(180, 4, fmt.Sprintf("%d-%d %x", p, l, uint32(p*7919+l*104729)*2654435761), "", 1, "L", false, 0, "")
		}
	}
	var b bytes.Buffer
	if err := pdf.Output(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// Without an alias, pages compressed as they end and a document handed over
// as it is assembled (past flushSize, so offsets count what was handed over)
// give upstream's bytes.
func TestStreamedPagesSameBytes(t *testing.T) {
	a, b := streamDoc(t, false, false, 2500), streamDoc(t, true, false, 2500)
	if len(a) < 2*flushSize {
		t.Fatalf("document of %d bytes only", len(a))
	}
	if !bytes.Equal(a, b) {
		t.Fatal("streamed pages changed the bytes")
	}
	defer func(n int) { spillAfter = n }(spillAfter)
	spillAfter = 100 << 10
	if c := streamDoc(t, true, false, 2500); !bytes.Equal(a, c) {
		t.Fatal("pages read back from the spill file changed the bytes")
	}
}

// With the alias, each page's contents are its compressed stream and the
// footer's line, the total written in it.
func TestStreamedPagesAlias(t *testing.T) {
	doc := streamDoc(t, true, true, 30)
	refs := regexp.MustCompile(`/Contents \[(\d+) 0 R (\d+) 0 R\]`).FindAllSubmatch(doc, -1)
	if len(refs) != 30 {
		t.Fatalf("%d pages with two streams, want 30", len(refs))
	}
	for i, r := range refs {
		first := objStream(t, doc, string(r[1]))
		r, err := zlib.NewReader(bytes.NewReader(first))
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(r)
		if bytes.Contains(body, []byte("{nb}")) || !bytes.Contains(body, []byte(fmt.Sprintf("(%d-59 ", i))) {
			t.Fatalf("page %d: main stream %q", i+1, body)
		}
	}
	last := objStream(t, doc, string(refs[29][2]))
	if !bytes.Contains(last, []byte("(page 30 / 30)")) {
		t.Fatalf("footer stream %q", last)
	}
}

func objStream(t *testing.T, doc []byte, n string) []byte {
	t.Helper()
	m := regexp.MustCompile(`(?s)\n` + n + ` 0 obj\n<<[^>]*>>\nstream\n(.*?)\nendstream`).FindSubmatch(doc)
	if m == nil {
		t.Fatalf("object %s not found", n)
	}
	return m[1]
}
