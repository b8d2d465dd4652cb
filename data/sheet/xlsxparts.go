package sheet

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/call-agglo/cohesion/data"
)

// xmlWalker reads one part token by token with encoding/xml's RawToken, and
// checks what RawToken leaves unchecked: each element closed by its own end
// tag, the root closed before the part ends (a cut part is errCut, never a
// shorter table), nothing after it, the nesting bounded.
type xmlWalker struct {
	d      *xml.Decoder
	stack  []xml.Name // the open elements, root first
	closed bool       // the root element has been closed
}

func newWalker(r io.Reader) *xmlWalker {
	return &xmlWalker{d: xml.NewDecoder(r)}
}

// xmlHandler receives a part's element starts, ends and texts; the walker's
// stack holds the open elements (for an end, without the one ending).
type xmlHandler struct {
	start func(xml.StartElement) error
	end   func(xml.EndElement) error
	text  func(xml.CharData)
}

// walk reads the part to its end, whose root element must be named root.
func (w *xmlWalker) walk(root string, h xmlHandler) error {
	for {
		tok, err := w.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(w.stack) == 1 && t.Name.Local != root {
				return errMalformed
			}
			if h.start != nil {
				err = h.start(t)
			}
		case xml.EndElement:
			if h.end != nil {
				err = h.end(t)
			}
		case xml.CharData:
			if h.text != nil {
				h.text(t)
			}
		}
		if err != nil {
			return err
		}
	}
}

// next returns the next element start, element end or text inside the root;
// io.EOF at the end of a complete part.
func (w *xmlWalker) next() (xml.Token, error) {
	for {
		tok, err := w.d.RawToken()
		if err == io.EOF {
			if !w.closed {
				return nil, errCut
			}
			return nil, io.EOF
		}
		if err != nil {
			var se *xml.SyntaxError
			switch {
			case errors.As(err, &se) && se.Msg == "unexpected EOF":
				return nil, errCut
			case errors.As(err, &se):
				return nil, errMalformed
			}
			return nil, err // the zip's or the partReader's
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if w.closed || len(w.stack) >= maxDepth {
				return nil, errMalformed
			}
			w.stack = append(w.stack, t.Name)
			return t, nil
		case xml.EndElement:
			if len(w.stack) == 0 || w.stack[len(w.stack)-1] != t.Name {
				return nil, errMalformed
			}
			w.stack = w.stack[:len(w.stack)-1]
			w.closed = len(w.stack) == 0
			return t, nil
		case xml.CharData:
			if len(w.stack) > 0 {
				return t, nil
			}
			if len(bytes.TrimSpace(t)) > 0 {
				return nil, errMalformed
			}
		}
		// Comments, processing instructions and directives carry no data.
	}
}

// at reports whether the open elements are exactly names (local names, root
// first).
func (w *xmlWalker) at(names ...string) bool {
	if len(w.stack) != len(names) {
		return false
	}
	for i, n := range names {
		if w.stack[i].Local != n {
			return false
		}
	}
	return true
}

// attr returns the value of the unprefixed attribute local of t, "" if none.
func attr(t xml.StartElement, local string) string {
	for _, a := range t.Attr {
		if a.Name.Local == local && a.Name.Space == "" {
			return a.Value
		}
	}
	return ""
}

// relID returns the relationship id of t (r:id, whatever the prefix).
func relID(t xml.StartElement) string {
	for _, a := range t.Attr {
		if a.Name.Local == "id" && a.Name.Space != "" && a.Name.Space != "xmlns" {
			return a.Value
		}
	}
	return ""
}

// relation is a link from a part to another.
type relation struct {
	typ    string // the last segment of its type: worksheet, styles…
	target string // the part it leads to
}

// rels reads the relationships of part ("" for the package), by id.
func (p *xlsxPackage) rels(part, what string) (map[string]relation, error) {
	name := "_rels/.rels"
	if part != "" {
		name = relsOf(part)
	}
	rels := map[string]relation{}
	if !p.has(name) {
		return rels, nil
	}
	return rels, p.parse(name, what, nil, func(w *xmlWalker) error {
		return w.walk("Relationships", xmlHandler{start: func(t xml.StartElement) error {
			if !w.at("Relationships", "Relationship") || strings.EqualFold(attr(t, "TargetMode"), "External") {
				return nil
			}
			if len(rels) >= 2*maxSheets {
				return errMalformed
			}
			typ := attr(t, "Type")
			rels[attr(t, "Id")] = relation{typ: typ[strings.LastIndexByte(typ, '/')+1:], target: resolve(part, attr(t, "Target"))}
			return nil
		}})
	})
}

// worksheetRef is a worksheet listed by a workbook.
type worksheetRef struct{ name, part string }

// workbookInfo is what the workbook part says of the others.
type workbookInfo struct {
	sheets     []worksheetRef // in tab order
	date1904   bool
	stylesPart string
	sstPart    string
}

const workbookWhat = "la liste des feuilles du classeur"

func (p *xlsxPackage) workbook() (*workbookInfo, error) {
	root, err := p.rels("", workbookWhat)
	if err != nil {
		return nil, err
	}
	part := "xl/workbook.xml"
	for _, r := range root {
		if r.typ == "officeDocument" {
			part = r.target
		}
	}
	if !p.has(part) {
		return nil, data.Errorf(data.EINVALID, "Le fichier n'est pas un classeur Excel : c'est une archive d'un autre type renommée en .xlsx. Vérifiez le fichier choisi.")
	}
	rels, err := p.rels(part, workbookWhat)
	if err != nil {
		return nil, err
	}
	wb := &workbookInfo{stylesPart: "xl/styles.xml", sstPart: "xl/sharedStrings.xml"}
	for _, r := range rels {
		switch r.typ {
		case "styles":
			wb.stylesPart = r.target
		case "sharedStrings":
			wb.sstPart = r.target
		}
	}
	return wb, p.parse(part, workbookWhat, nil, func(w *xmlWalker) error {
		return w.walk("workbook", xmlHandler{start: func(t xml.StartElement) error {
			switch {
			case w.at("workbook", "workbookPr"):
				v := attr(t, "date1904")
				wb.date1904 = v == "1" || strings.EqualFold(v, "true")
			case w.at("workbook", "sheets", "sheet"):
				if len(wb.sheets) >= maxSheets {
					return errMalformed
				}
				if r, ok := rels[relID(t)]; ok && r.typ == "worksheet" {
					wb.sheets = append(wb.sheets, worksheetRef{name: attr(t, "name"), part: r.target})
				}
			}
			return nil
		}})
	})
}

// choose returns the first worksheet named in prefer, else the first one.
func (wb *workbookInfo) choose(prefer []string) (worksheetRef, error) {
	if len(wb.sheets) == 0 {
		return worksheetRef{}, data.Errorf(data.EINVALID, "Le classeur ne contient aucune feuille de calcul : ouvrez-le dans votre tableur pour vérifier son contenu.")
	}
	for _, want := range prefer {
		for _, s := range wb.sheets {
			if strings.EqualFold(strings.TrimSpace(s.name), strings.TrimSpace(want)) {
				return s, nil
			}
		}
	}
	return wb.sheets[0], nil
}

func (wb *workbookInfo) names() []string {
	names := make([]string, len(wb.sheets))
	for i, s := range wb.sheets {
		names[i] = s.name
	}
	return names
}

// styles tells, for each cell format (a cell's s), how it shows numbers.
type styles struct {
	kinds []numKind
	codes []string // the format code, for masks
}

func (s *styles) of(i int) (numKind, string) {
	if i < 0 || i >= len(s.kinds) {
		return kindNumber, ""
	}
	return s.kinds[i], s.codes[i]
}

func (p *xlsxPackage) styles(part string) (*styles, error) {
	st := &styles{}
	if !p.has(part) {
		return st, nil
	}
	codes := map[int]string{}
	var formats []int // the number format of each cell format
	err := p.parse(part, "les formats des cellules", nil, func(w *xmlWalker) error {
		return w.walk("styleSheet", xmlHandler{start: func(t xml.StartElement) error {
			switch {
			case w.at("styleSheet", "numFmts", "numFmt"):
				if len(codes) >= maxStyles {
					return errMalformed
				}
				code := attr(t, "formatCode")
				if len(code) > 255 { // Excel's limit: no spreadsheet wrote it
					code = "General"
				}
				if id, err := strconv.Atoi(attr(t, "numFmtId")); err == nil {
					codes[id] = code
				}
			case w.at("styleSheet", "cellXfs", "xf"):
				if len(formats) >= maxStyles {
					return errMalformed
				}
				id, _ := strconv.Atoi(attr(t, "numFmtId")) // none: 0, General
				formats = append(formats, id)
			}
			return nil
		}})
	})
	if err != nil {
		return nil, err
	}
	st.kinds, st.codes = make([]numKind, len(formats)), make([]string, len(formats))
	for i, id := range formats {
		if code, ok := codes[id]; ok {
			st.kinds[i], st.codes[i] = classifyFormat(code), code
		} else {
			st.kinds[i] = classifyBuiltIn(id)
		}
	}
	return st, nil
}

// sharedStrings is a workbook's table of texts, which cells refer to by
// index: each is kept once, however many cells use it.
type sharedStrings struct {
	list []string
	long map[int]bool // texts longer than a cell may be, kept empty
}

// get returns text i; long when it is longer than a cell may be, ok false
// when there is no text i.
func (s *sharedStrings) get(i int) (text string, long, ok bool) {
	if i < 0 || i >= len(s.list) {
		return "", false, false
	}
	return s.list[i], s.long[i], true
}

func (p *xlsxPackage) sharedStrings(part string) (*sharedStrings, error) {
	sst := &sharedStrings{long: map[int]bool{}}
	if !p.has(part) {
		return sst, nil
	}
	var text cellText
	total, capture := 0, false
	return sst, p.parse(part, "la liste des textes du classeur", nil, func(w *xmlWalker) error {
		return w.walk("sst", xmlHandler{
			start: func(t xml.StartElement) error {
				switch {
				case w.at("sst", "si"):
					if len(sst.list) >= maxSharedStrings {
						return tooManyTexts()
					}
					text.reset()
				case w.at("sst", "si", "t"), w.at("sst", "si", "r", "t"): // not the phonetic guide, rPh
					capture = true
				}
				return nil
			},
			text: func(c xml.CharData) {
				if capture {
					text.add(c)
				}
			},
			end: func(t xml.EndElement) error {
				capture = false
				if !w.at("sst") || t.Name.Local != "si" {
					return nil
				}
				s, ok := text.value(true)
				if !ok {
					sst.long[len(sst.list)] = true // refused if a cell read uses it
				}
				if total += len(s); total > MaxText {
					return tooMuchText()
				}
				sst.list = append(sst.list, s)
				return nil
			},
		})
	})
}

func tooManyTexts() error {
	return data.Errorf(data.EINVALID, "Le classeur contient plus de %s textes différents : ce n'est sans doute pas un registre de dossiers. Vérifiez le fichier choisi.", groupThousands(maxSharedStrings))
}

// maxCellBytes is the longest a cell of MaxCellChars characters is written:
// each character as an _xHHHH_ escape.
const maxCellBytes = 7 * MaxCellChars

// cellText gathers a cell's text from its pieces, keeping no more than
// maxCellBytes: a longer text is refused, never held.
type cellText struct {
	b    []byte
	over bool
}

func (c *cellText) reset() { c.b, c.over = c.b[:0], false }

func (c *cellText) add(p []byte) {
	if c.over || len(c.b)+len(p) > maxCellBytes {
		c.over = true
		return
	}
	c.b = append(c.b, p...)
}

// value returns the text, its _xHHHH_ escapes decoded when escaped; ok is
// false when it is longer than MaxCellChars.
func (c *cellText) value(escaped bool) (string, bool) {
	if c.over {
		return "", false
	}
	s := string(c.b)
	if escaped {
		s = unescapeXstring(s)
	}
	if len(s) > MaxCellChars && utf8.RuneCountInString(s) > MaxCellChars {
		return "", false
	}
	return s, true
}

// unescapeXstring decodes the _xHHHH_ escapes by which OOXML writes what XML
// cannot hold (_x000D_ for a carriage return); _x005F_ is the underscore that
// starts a text which would otherwise read as an escape.
func unescapeXstring(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	var units []uint16
	for i := 0; i < len(s); {
		if u, ok := xEscape(s, i); ok {
			units = append(units, u)
			i += 7
			continue
		}
		if len(units) > 0 {
			b.WriteString(string(utf16.Decode(units)))
			units = units[:0]
		}
		b.WriteByte(s[i])
		i++
	}
	b.WriteString(string(utf16.Decode(units)))
	return b.String()
}

func xEscape(s string, i int) (uint16, bool) {
	if i+7 > len(s) || s[i] != '_' || s[i+1] != 'x' || s[i+6] != '_' {
		return 0, false
	}
	u, err := strconv.ParseUint(s[i+2:i+6], 16, 16)
	return uint16(u), err == nil
}
