package sheet

import (
	"encoding/xml"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/call-agglo/cohesion/data"
)

// sheetContext is what the cells of a worksheet refer to.
type sheetContext struct {
	sst      *sharedStrings
	styles   *styles
	date1904 bool
}

// worksheet streams the worksheet ws into a table, row by row: each row is
// checked against the limits as soon as it ends, and a shared text is never
// copied into the cells that use it.
func (p *xlsxPackage) worksheet(ws worksheetRef, ctx *sheetContext) (*Table, error) {
	x := &sheetReader{ctx: ctx, out: &collector{letters: true}}
	what := fmt.Sprintf("la feuille « %s »", ws.name)
	err := p.parse(ws.part, what, &x.pos, func(w *xmlWalker) error {
		x.w = w
		err := w.walk("worksheet", xmlHandler{start: x.start, end: x.end, text: x.text})
		if errors.Is(err, errLongRun) && x.inCell {
			return cellTooLong(x.out.where(x.pos.row, x.cell.col))
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return x.out.table()
}

// sheetReader follows a worksheet's XML: sheetData holds the rows, each row
// its cells (c), each cell a value (v) or an inline text (is, in pieces).
type sheetReader struct {
	w       *xmlWalker
	ctx     *sheetContext
	out     *collector
	pos     partPos
	cells   []string // the current row's values, by column, to the last non-empty one
	lastCol int      // the current row's last cell read
	inCell  bool
	cell    cellState
	capture bool // the text read is the cell's
	buf     cellText
}

// cellState is what the cell being read says of itself.
type cellState struct {
	col   int
	style int    // index of its cell format
	typ   string // its t: s (shared text), inlineStr, str, b, e, d, n or none (a number)
}

func (x *sheetReader) start(t xml.StartElement) error {
	w := x.w
	switch {
	case w.at("worksheet", "sheetData", "row"):
		return x.startRow(t)
	case w.at("worksheet", "sheetData", "row", "c"):
		return x.startCell(t)
	case w.at("worksheet", "sheetData", "row", "c", "v"),
		w.at("worksheet", "sheetData", "row", "c", "is", "t"),
		w.at("worksheet", "sheetData", "row", "c", "is", "r", "t"): // not the phonetic guide, rPh
		x.capture = true
	}
	return nil
}

func (x *sheetReader) text(c xml.CharData) {
	if x.capture {
		x.buf.add(c)
	}
}

func (x *sheetReader) end(xml.EndElement) error {
	x.capture = false // v and t hold only text
	switch {
	case x.inCell && len(x.w.stack) == 3: // </c>
		return x.endCell()
	case x.pos.inRow && len(x.w.stack) == 2: // </row>
		return x.endRow()
	}
	return nil
}

// startRow takes the row's number from r, else the next; rows come in order.
func (x *sheetReader) startRow(t xml.StartElement) error {
	row := x.pos.row + 1
	if r := attr(t, "r"); r != "" {
		n, err := strconv.Atoi(r)
		if err != nil || n <= x.pos.row {
			return errMalformed
		}
		row = n
	}
	if row > maxWorksheetRows {
		return errMalformed
	}
	x.pos = partPos{row: row, inRow: true}
	x.cells, x.lastCol = x.cells[:0], 0
	return nil
}

// startCell takes the cell's column from r (« B7 »), else the next; cells
// come in order. A cell without s has the default format, as in Excel: the
// formats of rows and columns apply to cells not yet typed.
func (x *sheetReader) startCell(t xml.StartElement) error {
	col := x.lastCol + 1
	if r := attr(t, "r"); r != "" {
		n, ok := columnOf(r)
		if !ok || n <= x.lastCol {
			return errMalformed
		}
		col = n
	}
	if col > maxColumns {
		return errMalformed
	}
	style, _ := strconv.Atoi(attr(t, "s"))
	x.cell = cellState{col: col, style: style, typ: attr(t, "t")}
	x.inCell = true
	x.buf.reset()
	return nil
}

// columnOf returns the column of a cell reference (« AB12 » gives 28).
func columnOf(ref string) (int, bool) {
	col, i := 0, 0
	for ; i < len(ref) && i < 4; i++ {
		c := ref[i] &^ 0x20 // upper case
		if c < 'A' || c > 'Z' {
			break
		}
		col = col*26 + int(c-'A') + 1
	}
	if i == 0 || i == len(ref) {
		return 0, false
	}
	for _, c := range ref[i:] {
		if c < '0' || c > '9' {
			return 0, false
		}
	}
	return col, true
}

func (x *sheetReader) endCell() error {
	x.inCell = false
	x.lastCol = x.cell.col
	v, err := x.value()
	if err != nil || v == "" {
		return err
	}
	for len(x.cells) < x.cell.col-1 {
		x.cells = append(x.cells, "")
	}
	x.cells = append(x.cells, v)
	return nil
}

func (x *sheetReader) endRow() error {
	x.pos.inRow = false
	if len(x.cells) == 0 {
		return nil
	}
	rec := make([]string, max(len(x.cells), len(x.out.t.Header))) // padded once
	copy(rec, x.cells)
	return x.out.add(rec, x.pos.row)
}

// value is the text of the cell just read.
func (x *sheetReader) value() (string, error) {
	tooLong := func() error { return cellTooLong(x.out.where(x.pos.row, x.cell.col)) }
	switch x.cell.typ {
	case "s":
		raw, _ := x.buf.value(false)
		if strings.TrimSpace(raw) == "" {
			return "", nil
		}
		i, err := strconv.Atoi(strings.TrimSpace(raw))
		text, long, ok := x.ctx.sst.get(i)
		switch {
		case err != nil || !ok:
			return "", errMalformed
		case long:
			return "", tooLong()
		}
		return text, nil
	case "inlineStr":
		s, ok := x.buf.value(true)
		if !ok {
			return "", tooLong()
		}
		return s, nil
	}
	s, ok := x.buf.value(false)
	if !ok {
		return "", tooLong()
	}
	return x.typed(s), nil
}

// typed turns a raw value into text a person would have typed: booleans as
// VRAI or FAUX, numbers as their format shows them (date, percentage, mask)
// or as plain decimals; error values (#N/A) and ISO dates as written.
func (x *sheetReader) typed(v string) string {
	if v == "" {
		return ""
	}
	kind, code := x.ctx.styles.of(x.cell.style)
	if kind == kindNumber && (x.cell.typ == "" || x.cell.typ == "n") && canonicalDecimal(v) {
		return v // what plainNumber would write, without three conversions
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return v
	}
	switch x.cell.typ {
	case "b":
		if f != 0 {
			return "VRAI"
		}
		return "FAUX"
	case "", "n", "str": // str: a formula's result
	default:
		return v
	}
	switch kind {
	case kindDate:
		return excelDate(f, x.ctx.date1904)
	case kindPercent:
		return data.DecimalComma(plainNumber(f*100)) + " %"
	case kindMask:
		if f == math.Trunc(f) {
			return maskNumber(code, f)
		}
	}
	return plainNumber(f)
}

// canonicalDecimal reports whether v is a decimal as plainNumber writes it:
// no sign but « - », no exponent, no leading zero, no trailing zero after
// the point, at most 15 significant digits (which float64 keeps exactly).
func canonicalDecimal(v string) bool {
	neg := strings.HasPrefix(v, "-")
	whole, frac, dot := strings.Cut(strings.TrimPrefix(v, "-"), ".")
	switch {
	case whole == "", len(whole) > 1 && whole[0] == '0', dot && (frac == "" || frac[len(frac)-1] == '0'):
		return false
	case !allDigits(whole) || !allDigits(frac):
		return false
	}
	significant := len(strings.TrimLeft(whole+frac, "0"))
	if significant == 0 {
		return !neg // "0", never "-0"
	}
	return significant <= 15
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
