package gofpdf

// Cohésion patch: UTF-8 fonts parsed once per process.

import (
	"bytes"
	"hash/maphash"
	"sync"
)

// parsedFont is a TrueType font as parseFile leaves it, shared by every
// document that adds the same bytes.
type parsedFont struct {
	data []byte       // a copy of the font file
	file utf8FontFile // after parseFile; never used itself (see newFile)
	ids  sync.Map     // font key → generateFontID of its definition
}

var (
	fontSeed  = maphash.MakeSeed()
	fontMu    sync.Mutex
	fontCache = map[uint64][]*parsedFont{} // by hash of the bytes
)

// parsedUTF8Font returns the parsed font of data, parsing it the first time
// these bytes are seen. Fonts are matched by content, so a caller may reuse or
// change its slice.
func parsedUTF8Font(data []byte) (*parsedFont, error) {
	h := maphash.Bytes(fontSeed, data)
	fontMu.Lock()
	for _, p := range fontCache[h] {
		if bytes.Equal(p.data, data) {
			fontMu.Unlock()
			return p, nil
		}
	}
	fontMu.Unlock()
	p := &parsedFont{data: append([]byte(nil), data...)}
	u := newUTF8Font(&fileReader{readerPosition: 0, array: p.data})
	if err := u.parseFile(); err != nil {
		return nil, err
	}
	p.file = *u
	fontMu.Lock()
	fontCache[h] = append(fontCache[h], p)
	fontMu.Unlock()
	return p, nil
}

// newFile returns the parsed file for one document: GenerateCutFont, at
// output, rewinds its reader and replaces its tables and dictionaries, so each
// document needs its own. The widths (CharWidths) are only read, and shared.
func (p *parsedFont) newFile() *utf8FontFile {
	u := p.file
	u.fileReader = &fileReader{readerPosition: 0, array: p.data}
	return &u
}

// fontID is generateFontID(def), computed once per font key: def is built the
// same way from the same parsed font each time.
func (p *parsedFont) fontID(def fontDefType) string {
	if id, ok := p.ids.Load(def.Name); ok {
		return id.(string)
	}
	id, _ := generateFontID(def)
	p.ids.Store(def.Name, id)
	return id
}
