package gofpdf

// Cohésion patch: the compressed pages of a long document wait in a temporary
// file, not in memory (SetStreamedPages).

import (
	"os"
	"sync"
)

// spillAfter is how many compressed bytes stay in memory before the next pages
// go to a temporary file: a document of a few hundred pages never touches the
// disk, one of tens of thousands keeps no more than this.
var spillAfter = 8 << 20 // a variable for the tests

// spill is the temporary file of a document's compressed pages.
type spill struct {
	mu     sync.Mutex
	kept   int // bytes kept in memory
	file   *os.File
	end    int64
	failed bool   // no file could be made or written: pages stay in memory
	path   string // to remove at the end, where the open file could not be
	buf    []byte // read back into, one stream at a time
}

// keep moves sg's compressed bytes to the file once spillAfter bytes are kept
// in memory; if the file fails, they stay in memory.
func (s *spill) keep(sg *pageSeg) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.kept+len(sg.data) <= spillAfter || s.failed || len(sg.data) == 0 {
		s.kept += len(sg.data)
		return
	}
	if s.file == nil && !s.open() {
		s.kept += len(sg.data)
		return
	}
	if _, err := s.file.WriteAt(sg.data, s.end); err != nil {
		s.failed = true
		s.kept += len(sg.data)
		return
	}
	sg.at, sg.to = s.end, len(sg.data)
	s.end += int64(len(sg.data))
	sg.data = nil
}

// open makes the file; on Unix it is removed at once, so that nothing is left
// behind whatever becomes of the document.
func (s *spill) open() bool {
	f, err := os.CreateTemp("", "gofpdf-pages-*")
	if err != nil {
		s.failed = true
		return false
	}
	s.file = f
	if os.Remove(f.Name()) != nil {
		s.path = f.Name() // Windows: an open file cannot be removed
	}
	return true
}

// read returns sg's bytes from the file, in a buffer reused by the next call.
func (s *spill) read(sg *pageSeg) ([]byte, error) {
	if cap(s.buf) < sg.to {
		s.buf = make([]byte, sg.to)
	}
	b := s.buf[:sg.to]
	_, err := s.file.ReadAt(b, sg.at)
	return b, err
}

func (s *spill) close() error {
	if s == nil || s.file == nil {
		return nil
	}
	err := s.file.Close()
	if s.path != "" {
		os.Remove(s.path)
	}
	s.file = nil
	return err
}
