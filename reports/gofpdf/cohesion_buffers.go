package gofpdf

// Cohésion patch: fewer copies of the pages' contents.

import "bytes"

// replaceInBuffer is b = strings.Replace(b, old, repl, -1), in place when repl is
// no longer than old (the page-count alias « {nb} » for fewer than 10 000 pages),
// and without any copy when old does not occur.
func replaceInBuffer(b *bytes.Buffer, old, repl string) {
	data := b.Bytes()
	o := []byte(old)
	if indexRare(data, o) < 0 {
		return
	}
	if len(old) == 0 || len(repl) > len(old) {
		out := bytes.Replace(data, o, []byte(repl), -1)
		b.Reset()
		b.Write(out)
		return
	}
	w, r := 0, 0
	for {
		i := indexRare(data[r:], o)
		if i < 0 {
			break
		}
		w += copy(data[w:], data[r:r+i])
		w += copy(data[w:], repl)
		r += i + len(old)
	}
	w += copy(data[w:], data[r:])
	b.Truncate(w)
}

// indexRare is bytes.Index(data, pat), looking first for a byte of pat that
// page contents seldom hold: the UTF-16 alias starts with a 0, which every
// other byte of UTF-16 text is, and bytes.Index then checks nearly every
// position.
func indexRare(data, pat []byte) int {
	o := bytes.IndexFunc(pat, func(r rune) bool { return r != 0 && r != ' ' })
	if o < 0 || pat[o] >= 0x80 || len(data) < len(pat) {
		return bytes.Index(data, pat)
	}
	c := pat[o]
	for from := o; ; {
		i := bytes.IndexByte(data[from:], c)
		if i < 0 {
			return -1
		}
		at := from + i - o // where pat would start
		if at+len(pat) <= len(data) && bytes.Equal(data[at:at+len(pat)], pat) {
			return at
		}
		from += i + 1
	}
}

// streamsSize bounds what the pages add to the document: their streams and a
// little for each page's objects.
func streamsSize(pages []*bytes.Buffer, compressed [][]byte) int {
	n := 0
	for i, p := range pages {
		if compressed != nil {
			n += len(compressed[i])
		} else {
			n += p.Len()
		}
		n += 512
	}
	return n
}

// outBytes is out for bytes.
func (f *Fpdf) outBytes(b []byte) {
	buf := &f.buffer.Buffer
	if f.state == 2 {
		buf = f.pages[f.page]
	}
	start := buf.Len()
	buf.Write(b)
	buf.WriteByte('\n')
	if f.state == 2 {
		f.markAlias(start)
	}
}

// cellLine is CellFormat's buffer, emptied: one per document, reused by every
// cell (upstream made a buffer per cell, grown by doubling, then copied it to
// a string). Nothing CellFormat calls once it holds it draws a cell.
func (f *Fpdf) cellLine() *fmtBuffer {
	f.cellScratch.Reset()
	return &f.cellScratch
}
