package gofpdf

// Cohésion patch: page contents compressed by reused writers, in parallel.

import (
	"bytes"
	"compress/zlib"
	"runtime"
	"sync"
)

// pageCompressor is sliceCompress with a writer made once: creating a
// zlib.Writer allocates about 1 MB, more than compressing a page costs. After
// Reset, a writer gives the same bytes as a new one (compress/flate guarantees
// it, and the pinned PDF hashes check it).
type pageCompressor struct {
	buf bytes.Buffer
	w   *zlib.Writer
}

func (c *pageCompressor) compress(data []byte) []byte {
	c.buf.Reset()
	if c.w == nil {
		c.w, _ = zlib.NewWriterLevel(&c.buf, zlib.BestSpeed)
	} else {
		c.w.Reset(&c.buf)
	}
	c.w.Write(data)
	c.w.Close()
	return append([]byte(nil), c.buf.Bytes()...)
}

// compressors are the writers sliceCompress reuses.
var compressors = sync.Pool{New: func() interface{} { return new(pageCompressor) }}

// compressPages returns the compressed contents of pages, as sliceCompress
// would, spread over the available processors.
func compressPages(pages []*bytes.Buffer) [][]byte {
	out := make([][]byte, len(pages))
	workers := runtime.GOMAXPROCS(0)
	if workers > len(pages) {
		workers = len(pages)
	}
	var wg sync.WaitGroup
	for k := 0; k < workers; k++ {
		wg.Add(1)
		go func(k int) {
			defer wg.Done()
			var c pageCompressor
			for i := k; i < len(pages); i += workers {
				out[i] = c.compress(pages[i].Bytes())
			}
		}(k)
	}
	wg.Wait()
	return out
}
