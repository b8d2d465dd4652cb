package sheet

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/call-agglo/cohesion/data"
	"github.com/xuri/excelize/v2"
)

// unzipLimit bounds the uncompressed size of a workbook (a zip bomb renamed
// .xlsx must not eat the memory of the machine).
const unzipLimit = 512 << 20

func unreadableXLSX() error {
	return data.Errorf(data.EINVALID, "Le fichier Excel est illisible ou incomplet : il a peut-être été mal copié ou enregistré. Ouvrez-le dans votre tableur, enregistrez-le de nouveau au format .xlsx, puis réessayez.")
}

// readXLSX reads the first worksheet of a workbook. Text cells come as typed;
// number cells as plain decimal numbers (12500.5, never 1.25E+04 nor
// 12500.499999999998); date cells as ISO 8601 (2021-04-12, or
// 2021-04-12T14:30:00 when they hold a time), which data.ParseDate and
// data.ParseDateTime read; percentages as « 80 % ».
func readXLSX(b []byte) (t *Table, err error) {
	// excelize is robust, but a corrupt workbook must never bring the app down.
	defer func() {
		if r := recover(); r != nil {
			t, err = nil, unreadableXLSX()
		}
	}()
	if !bytes.HasPrefix(b, []byte("PK")) {
		if sniffBinary(b) == nil && checkText(b) == nil {
			return nil, data.Errorf(data.EINVALID, "Le fichier n'est pas un classeur Excel : c'est un fichier texte, sans doute un CSV renommé en .xlsx. Renommez-le en .csv.")
		}
		return nil, unreadableXLSX()
	}
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{UnzipSizeLimit: unzipLimit})
	if err != nil {
		if strings.Contains(err.Error(), "password") || strings.Contains(err.Error(), "encrypt") {
			return nil, data.Errorf(data.EINVALID, "Le fichier Excel est protégé par un mot de passe : enregistrez-en une copie sans mot de passe.")
		}
		return nil, unreadableXLSX()
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, unreadableXLSX()
	}
	name := sheets[0]

	raw, lines, err := rawRows(f, name)
	if err != nil {
		return nil, err
	}
	x := &cellReader{f: f, sheet: name, kinds: map[int]numKind{}}
	if wb, err := f.GetWorkbookProps(); err == nil && wb.Date1904 != nil {
		x.date1904 = *wb.Date1904
	}
	for i, row := range raw {
		for j, v := range row {
			if v == "" {
				continue
			}
			row[j] = x.value(lines[i], j+1, v)
		}
	}
	c := &collector{letters: true}
	for i, row := range raw {
		if err := c.add(row, lines[i]); err != nil {
			return nil, err
		}
	}
	t, err = c.table()
	if err != nil {
		return nil, err
	}
	t.Format = fmt.Sprintf("Excel (feuille « %s »)", name)
	return t, nil
}

// rawRows streams the worksheet's non-blank rows as raw cell values, with
// their row numbers, refusing too many.
func rawRows(f *excelize.File, sheet string) ([][]string, []int, error) {
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, nil, unreadableXLSX()
	}
	defer rows.Close()
	var out [][]string
	var lines []int
	n := 0
	for rows.Next() {
		n++
		cols, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, nil, unreadableXLSX()
		}
		if blankRecord(cols) {
			continue
		}
		if len(out) > MaxRows {
			return nil, nil, tooManyRows()
		}
		if len(cols) > maxColumns {
			return nil, nil, unreadableXLSX()
		}
		out = append(out, cols)
		lines = append(lines, n)
	}
	if rows.Error() != nil {
		return nil, nil, unreadableXLSX()
	}
	return out, lines, nil
}

// numKind is how a number format shows a number.
type numKind int

const (
	kindNumber  numKind = iota // General, 0.00, # ##0 €…: a plain number
	kindDate                   // a date, a time or both
	kindPercent                // 0 %, 0.0 %: shown ×100
	kindMask                   // 00000, 0000000000: digits padded with zeros (postcodes, phones)
)

type cellReader struct {
	f        *excelize.File
	sheet    string
	date1904 bool
	kinds    map[int]numKind // by style ID
}

// value turns one raw cell value into text a person would have typed.
func (x *cellReader) value(row, col int, v string) string {
	f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return v // text, error values (#N/A), dates stored as ISO text
	}
	cell, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		return v
	}
	typ, err := x.f.GetCellType(x.sheet, cell)
	if err != nil {
		return plainNumber(f)
	}
	switch typ {
	case excelize.CellTypeUnset, excelize.CellTypeNumber, excelize.CellTypeFormula:
	case excelize.CellTypeBool:
		if f != 0 {
			return "VRAI"
		}
		return "FAUX"
	default:
		return v // a text cell that happens to hold digits: keep it as typed
	}
	switch x.kind(cell) {
	case kindDate:
		return x.date(f)
	case kindPercent:
		return strings.ReplaceAll(plainNumber(f*100), ".", ",") + " %"
	case kindMask:
		if f == math.Trunc(f) {
			if s, err := x.f.GetCellValue(x.sheet, cell); err == nil && s != "" {
				return s
			}
		}
	}
	return plainNumber(f)
}

func (x *cellReader) kind(cell string) numKind {
	id, err := x.f.GetCellStyle(x.sheet, cell)
	if err != nil {
		return kindNumber
	}
	if k, ok := x.kinds[id]; ok {
		return k
	}
	k := kindNumber
	if st, err := x.f.GetStyle(id); err == nil && st != nil {
		if st.CustomNumFmt != nil {
			k = classifyFormat(*st.CustomNumFmt)
		} else {
			k = classifyBuiltIn(st.NumFmt)
		}
	}
	x.kinds[id] = k
	return k
}

// date converts an Excel serial date. Whole days give 2021-04-12, others
// 2021-04-12T14:30:00 (to the nearest second); a time alone gives 14:30:00.
func (x *cellReader) date(f float64) string {
	if f > 0 && f < 1 {
		secs := int64(math.Round(f * 86400))
		return time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(secs) * time.Second).Format("15:04:05")
	}
	t, err := excelize.ExcelDateToTime(f, x.date1904)
	if err != nil || t.Year() < 1900 || t.Year() > 9999 {
		return plainNumber(f)
	}
	t = t.Round(time.Second)
	switch {
	case t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0:
		return t.Format("2006-01-02")
	}
	return t.Format("2006-01-02T15:04:05")
}

// plainNumber writes f in decimal with no exponent and without the binary noise
// of spreadsheet arithmetic: 15 significant digits, as Excel shows them.
func plainNumber(f float64) string {
	g, err := strconv.ParseFloat(strconv.FormatFloat(f, 'g', 15, 64), 64)
	if err != nil {
		g = f
	}
	if g == 0 {
		return "0" // no "-0"
	}
	return strconv.FormatFloat(g, 'f', -1, 64)
}

// classifyBuiltIn sorts Excel's built-in number formats (ECMA-376 §18.8.30).
func classifyBuiltIn(id int) numKind {
	switch {
	case id >= 14 && id <= 22, id >= 27 && id <= 36, id >= 45 && id <= 47, id >= 50 && id <= 58, id >= 71 && id <= 81:
		return kindDate
	case id == 9 || id == 10:
		return kindPercent
	}
	return kindNumber
}

// classifyFormat sorts a custom number format code by its first section,
// ignoring quoted literals, escaped characters and bracketed colours or
// locales ([Red], [$-40C]); elapsed-time brackets ([h]) make it a time.
func classifyFormat(code string) numKind {
	if strings.EqualFold(strings.TrimSpace(code), "general") || strings.EqualFold(strings.TrimSpace(code), "standard") {
		return kindNumber
	}
	var plain strings.Builder
	elapsed := false
	for i := 0; i < len(code); i++ {
		c := code[i]
		switch c {
		case ';':
			i = len(code) // first section only
		case '"':
			j := strings.IndexByte(code[i+1:], '"')
			if j < 0 {
				i = len(code)
			} else {
				i += j + 1
			}
		case '\\':
			i++
		case '_', '*': // _x adds the width of x, *x repeats x: x is no format character
			i++
		case '[':
			j := strings.IndexByte(code[i:], ']')
			if j < 0 {
				i = len(code)
				break
			}
			in := strings.ToLower(code[i+1 : i+j])
			if in != "" && strings.Trim(in, "hms") == "" {
				elapsed = true
			}
			i += j
		default:
			plain.WriteByte(c)
		}
	}
	p := strings.ToLower(plain.String())
	// Letters outside quotes are format characters: d, m, y, h, s make dates and
	// times (e is the exponent of 0.00E+00, and « general » has none of them).
	if elapsed || strings.ContainsAny(p, "dmyhs") {
		return kindDate
	}
	if strings.Contains(p, "%") {
		return kindPercent
	}
	if strings.Count(p, "0") >= 2 && strings.Trim(p, "0 -()/") == "" {
		return kindMask
	}
	return kindNumber
}
