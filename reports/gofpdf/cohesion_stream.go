package gofpdf

// Cohésion patch: pages compressed as they end, and the document handed to
// Output's writer as it is assembled, so that memory follows the compressed
// document, not every page's raw contents plus two copies of the result.

import (
	"bytes"
	"io"
	"runtime"
	"sync"
)

// streamState is what SetStreamedPages adds to a document.
type streamState struct {
	on       bool
	patterns [][]byte     // the aliases, UTF-8 and UTF-16, as the current page began
	aliases  []aliasRange // the current page's lines that hold an alias
	done     []*donePage  // 1-based like pages
	lastLen  int          // the last ended page's size, to size the next one
	sem      chan struct{}
	wg       *sync.WaitGroup
	sink     io.Writer // Output's writer, while Close assembles the document
	flushed  int       // bytes handed to sink
	spill    *spill    // compressed pages past spillAfter, shared by the workers
}

// aliasRange is a run of whole lines, as out wrote them: a page's contents may
// be divided there, between lexical tokens, as PDF allows for an array of
// content streams.
type aliasRange struct{ from, to int }

// pageSeg is one content stream of an ended page: compressed, or the raw lines
// holding an alias, replaced and written uncompressed at the end.
type pageSeg struct {
	data     []byte
	alias    bool
	from, to int   // in the page's buffer, until compressed
	at       int64 // in the spill file, when data went there (data nil, to its length)
}

type donePage struct{ segs []pageSeg }

// flushSize is how much of the document Close keeps before handing it to
// Output's writer.
const flushSize = 1 << 20

// SetStreamedPages (Cohésion) compresses each page's contents as soon as the
// page ends, in the background, keeping only the compressed bytes, and has
// Output write the document as it is assembled. Lines holding an alias
// (AliasNbPages, RegisterAlias: set them before the pages that use them) are
// kept apart, replaced at the end and written as a small uncompressed stream
// of the page's /Contents array; a page without an alias gives the same bytes
// as without this mode. An ended page can no longer be drawn on (SetPage).
// It requires compression (SetCompression(true)).
func (f *Fpdf) SetStreamedPages(on bool) {
	if f.page > 0 {
		f.SetErrorf("SetStreamedPages must be called before the first page")
		return
	}
	f.stream.on = on
	if on && f.stream.sem == nil {
		f.stream.sem = make(chan struct{}, runtime.GOMAXPROCS(0))
		f.stream.wg = new(sync.WaitGroup)
		f.stream.spill = new(spill)
		f.stream.done = []*donePage{nil}
	}
}

func (f *Fpdf) streamed() bool { return f.stream.on && f.compress }

// newPageBuffer returns the buffer of a new page, with room for as much as the
// previous page took and a quarter more: pages look alike, so the buffer
// rarely grows, where growing from empty allocates twice the content. Buffers
// of pages compressed in the background come back through pageBuffers.
func (f *Fpdf) newPageBuffer() *bytes.Buffer {
	n := f.stream.lastLen
	if prev := f.pages[len(f.pages)-1]; prev != nil {
		n = prev.Len()
	}
	if f.streamed() {
		if b, ok := pageBuffers.Get().(*bytes.Buffer); ok {
			b.Reset()
			b.Grow(n + n/4)
			return b
		}
	}
	return bytes.NewBuffer(make([]byte, 0, n+n/4))
}

var pageBuffers sync.Pool

// beginStreamedPage notes the aliases the new page may hold.
func (f *Fpdf) beginStreamedPage() {
	s := &f.stream
	s.aliases = s.aliases[:0]
	s.patterns = s.patterns[:0]
	add := func(a string) {
		s.patterns = append(s.patterns, []byte(a), []byte(utf8toutf16(a, false)))
	}
	if f.aliasNbPagesStr != "" {
		add(f.aliasNbPagesStr)
	}
	for a := range f.aliasMap {
		add(a)
	}
}

// markAlias notes the page's bytes from start (one out call: whole lines of
// whole tokens) when they hold an alias.
func (f *Fpdf) markAlias(start int) {
	s := &f.stream
	if !s.on || len(s.patterns) == 0 {
		return
	}
	b := f.pages[f.page].Bytes()
	for _, p := range s.patterns {
		if len(p) > 0 && indexRare(b[start:], p) >= 0 {
			if n := len(s.aliases); n > 0 && s.aliases[n-1].to == start {
				s.aliases[n-1].to = len(b)
			} else {
				s.aliases = append(s.aliases, aliasRange{start, len(b)})
			}
			return
		}
	}
}

// endStreamedPage splits the ended page at its alias lines and compresses the
// rest in the background, at most one page per processor at a time.
func (f *Fpdf) endStreamedPage() {
	s := &f.stream
	n := f.page
	buf := f.pages[n]
	f.pages[n] = nil
	s.lastLen = buf.Len()
	var segs []pageSeg
	prev := 0
	for _, r := range s.aliases {
		if r.from > prev || len(segs) == 0 {
			segs = append(segs, pageSeg{from: prev, to: r.from})
		}
		segs = append(segs, pageSeg{data: append([]byte(nil), buf.Bytes()[r.from:r.to]...), alias: true})
		prev = r.to
	}
	if prev < buf.Len() || len(segs) == 0 {
		segs = append(segs, pageSeg{from: prev, to: buf.Len()})
	}
	for len(s.done) <= n {
		s.done = append(s.done, nil)
	}
	s.done[n] = &donePage{segs: segs}
	sem, wg, sp := s.sem, s.wg, s.spill
	sem <- struct{}{}
	wg.Add(1)
	go func() {
		defer func() { <-sem; wg.Done() }()
		c := compressors.Get().(*pageCompressor)
		for i := range segs {
			if !segs[i].alias {
				segs[i].data = c.compress(buf.Bytes()[segs[i].from:segs[i].to])
				sp.keep(&segs[i])
			}
		}
		compressors.Put(c)
		pageBuffers.Put(buf)
	}()
}

// waitPages waits for the pages' compression and replaces the aliases in
// their alias lines.
func (f *Fpdf) waitPages() {
	f.stream.wg.Wait()
	for n := 1; n <= f.page; n++ {
		for i, sg := range f.stream.done[n].segs {
			if !sg.alias {
				continue
			}
			b := bytes.NewBuffer(sg.data)
			for alias, repl := range f.aliasMap {
				replaceInBuffer(b, alias, repl)
				replaceInBuffer(b, utf8toutf16(alias, false), utf8toutf16(repl, false))
			}
			f.stream.done[n].segs[i].data = b.Bytes()
		}
	}
}

// putpagesDone lets the spill file go once the pages are written.
func (f *Fpdf) putpagesDone() {
	if err := f.stream.spill.close(); err != nil {
		f.SetError(err)
	}
}

// putStreamedContents writes page n's /Contents entry (its first stream is the
// object after the page's, the others numbered from *extra on) and its first
// stream.
func (f *Fpdf) putStreamedContents(n int, extra *int) {
	segs := f.stream.done[n].segs
	if len(segs) == 1 {
		f.outf("/Contents %d 0 R>>", f.n+1)
	} else {
		var refs fmtBuffer
		refs.printf("/Contents [%d 0 R", f.n+1)
		for range segs[1:] {
			refs.printf(" %d 0 R", *extra)
			*extra++
		}
		refs.printf("]>>")
		f.out(refs.String())
	}
	f.out("endobj")
	f.newobj()
	f.putSeg(&segs[0])
}

// putSeg writes a page's stream, then lets it go.
func (f *Fpdf) putSeg(sg *pageSeg) {
	if sg.data == nil && sg.to > 0 {
		var err error
		if sg.data, err = f.stream.spill.read(sg); err != nil {
			f.SetError(err)
			return
		}
	}
	if sg.alias {
		f.outf("<</Length %d>>", len(sg.data))
	} else {
		f.outf("<</Filter /FlateDecode /Length %d>>", len(sg.data))
	}
	f.putstream(sg.data)
	f.out("endobj")
	sg.data = nil
}

// putExtraSegs writes the pages' streams after their first, in the order
// putStreamedContents numbered them.
func (f *Fpdf) putExtraSegs() {
	for n := 1; n <= f.page; n++ {
		segs := f.stream.done[n].segs
		for i := 1; i < len(segs); i++ {
			f.newobj()
			f.putSeg(&segs[i])
		}
	}
}

// pos is the offset in the document of what is written next.
func (f *Fpdf) pos() int { return f.stream.flushed + f.buffer.Len() }

// flushOut hands what Close has assembled so far to Output's writer.
func (f *Fpdf) flushOut() {
	s := &f.stream
	if s.sink == nil || f.buffer.Len() < flushSize || f.err != nil {
		return
	}
	n, err := s.sink.Write(f.buffer.Bytes())
	s.flushed += n
	f.buffer.Reset()
	if err != nil {
		f.err = err
	}
}
