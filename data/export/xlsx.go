package export

import (
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/call-agglo/cohesion/data"
	"github.com/xuri/excelize/v2"
)

// Number formats of the workbook. Format codes are stored in the file in the
// invariant (en-US) syntax: Excel shows « , » as the reader's thousands
// separator and « . » as their decimal mark, so a French Excel displays
// « 1 234,56 € » and « 12,35 ».
const (
	FormatAmount   = `#,##0.00\ "€"`
	FormatDate     = "dd/mm/yyyy"
	FormatDateTime = "dd/mm/yyyy hh:mm"
	FormatScore    = "0.00"
	FormatInt      = "0"
)

// Width bounds of a column sized from its content, in characters.
const (
	minWidth = 6
	maxWidth = 60
)

// excelEpoch is day 0 of Excel's 1900 date system (with its phantom 29/02/1900).
var excelEpoch = time.Date(1899, time.December, 30, 0, 0, 0, 0, time.UTC)

// styles are the style IDs of one workbook, by kind, for data and footer cells.
type styles struct {
	header int
	body   map[Kind]int
	footer map[Kind]int
}

func newStyles(f *excelize.File) (*styles, error) {
	s := &styles{body: map[Kind]int{}, footer: map[Kind]int{}}
	var err error
	s.header, err = f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}},
		Border:    []excelize.Border{{Type: "bottom", Color: "8EA9DB", Style: 1}},
		Alignment: &excelize.Alignment{Vertical: "center"},
	})
	if err != nil {
		return nil, err
	}
	formats := map[Kind]string{Text: "", Amount: FormatAmount, Date: FormatDate, DateTime: FormatDateTime, Score: FormatScore, Int: FormatInt}
	for k, code := range formats {
		for _, bold := range []bool{false, true} {
			st := &excelize.Style{Alignment: &excelize.Alignment{Vertical: "top"}}
			if code != "" {
				c := code
				st.CustomNumFmt = &c
			}
			if bold {
				st.Font = &excelize.Font{Bold: true}
			}
			id, err := f.NewStyle(st)
			if err != nil {
				return nil, err
			}
			if bold {
				s.footer[k] = id
			} else {
				s.body[k] = id
			}
		}
	}
	return s, nil
}

// WriteXLSX writes the tables as the sheets of one Excel workbook, in order.
// Each sheet has a bold, shaded header row, frozen, an autofilter over the
// header and the data, and sized columns. Amounts are numbers of euros (exact:
// written from the integer cents) shown « 1 234,56 € »; dates and instants are
// real Excel dates shown dd/mm/yyyy and dd/mm/yyyy hh:mm (Paris time); scores
// are numbers rounded to hundredths, shown with two decimals. Text is always
// written as text cells, never as formulas, and exactly as they are.
func WriteXLSX(w io.Writer, tables ...Table) error {
	if len(tables) == 0 {
		return data.Errorf(data.EINTERNAL, "Export : aucune feuille à écrire.")
	}
	for i := range tables {
		if err := tables[i].check(); err != nil {
			return err
		}
	}
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return xlsxErr(err)
	}
	first := f.GetSheetName(0)
	used := map[string]bool{}
	for i := range tables {
		name := sheetName(tables[i].Sheet, i, used)
		if i == 0 {
			err = f.SetSheetName(first, name)
		} else {
			_, err = f.NewSheet(name)
		}
		if err != nil {
			return xlsxErr(err)
		}
		if err := writeSheet(f, name, &tables[i], st); err != nil {
			return err
		}
	}
	f.SetActiveSheet(0)
	if err := f.SetDocProps(&excelize.DocProperties{Creator: "Cohésion", Language: "fr-FR"}); err != nil {
		return xlsxErr(err)
	}
	if err := f.Write(w); err != nil {
		return data.Errorf(data.EINTERNAL, "Écriture du fichier Excel impossible : %v", err)
	}
	return nil
}

func xlsxErr(err error) error {
	return data.Errorf(data.EINTERNAL, "Préparation du fichier Excel impossible : %v", err)
}

func writeSheet(f *excelize.File, sheet string, t *Table, st *styles) error {
	n := len(t.Columns)
	if n == 0 {
		return nil
	}
	cols := make([]string, n)
	for j := range cols {
		name, err := excelize.ColumnNumberToName(j + 1)
		if err != nil {
			return xlsxErr(err)
		}
		cols[j] = name
	}
	ref := func(j, row int) string { return cols[j] + strconv.Itoa(row) }
	widths := make([]int, n)
	for j, c := range t.Columns {
		widths[j] = displayLen(c.Title)
		if err := f.SetCellStr(sheet, ref(j, 1), xmlText(c.Title)); err != nil {
			return xlsxErr(err)
		}
	}
	if err := f.SetCellStyle(sheet, ref(0, 1), ref(n-1, 1), st.header); err != nil {
		return xlsxErr(err)
	}
	put := func(r []any, row int, styleOf map[Kind]int) error {
		for j := range t.Columns {
			c, err := t.cellAt(r, j)
			if err != nil {
				return err
			}
			at := ref(j, row)
			if err := f.SetCellStyle(sheet, at, at, styleOf[c.kind]); err != nil {
				return xlsxErr(err)
			}
			if c.blank {
				continue
			}
			if l, err := putCell(f, sheet, at, c); err != nil {
				return xlsxErr(err)
			} else if l > widths[j] {
				widths[j] = l
			}
		}
		return nil
	}
	for i, r := range t.Rows {
		if err := put(r, i+2, st.body); err != nil {
			return err
		}
	}
	last := len(t.Rows) + 1
	for i, r := range t.Footer {
		if err := put(r, last+2+i, st.footer); err != nil {
			return err
		}
	}
	for j, c := range t.Columns {
		w := c.Width
		if w <= 0 {
			w = float64(min(max(widths[j]+2, minWidth), maxWidth))
		}
		if err := f.SetColWidth(sheet, cols[j], cols[j], w); err != nil {
			return xlsxErr(err)
		}
	}
	if err := f.SetPanes(sheet, &excelize.Panes{
		Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}},
	}); err != nil {
		return xlsxErr(err)
	}
	if err := f.AutoFilter(sheet, ref(0, 1)+":"+ref(n-1, last), nil); err != nil {
		return xlsxErr(err)
	}
	// The used range: excelize leaves the new sheet's « A1 », and some readers
	// size their reading by it.
	used := last
	if len(t.Footer) > 0 {
		used = last + 1 + len(t.Footer)
	}
	if err := f.SetSheetDimension(sheet, ref(0, 1)+":"+ref(n-1, used)); err != nil {
		return xlsxErr(err)
	}
	return nil
}

// putCell writes one non-blank cell and returns its displayed length.
func putCell(f *excelize.File, sheet, at string, c cell) (int, error) {
	switch c.kind {
	case Amount:
		s := data.FormatEuros(c.cents)
		return utf8.RuneCountInString(s), f.SetCellDefault(sheet, at, euroDecimal(c.cents))
	case Date:
		serial, ok := excelSerial(c.date)
		if !ok {
			return 10, f.SetCellStr(sheet, at, c.date.Format())
		}
		return 10, f.SetCellDefault(sheet, at, strconv.FormatInt(serial, 10))
	case DateTime:
		p := c.at.In(data.Paris)
		serial, ok := excelSerial(data.DateOf(c.at))
		if !ok {
			return 16, f.SetCellStr(sheet, at, frenchDateTime(c.at))
		}
		secs := p.Hour()*3600 + p.Minute()*60 + p.Second()
		v := float64(serial) + float64(secs)/86400
		return 16, f.SetCellDefault(sheet, at, strconv.FormatFloat(v, 'f', -1, 64))
	case Int:
		s := strconv.FormatInt(c.n, 10)
		return len(s), f.SetCellDefault(sheet, at, s)
	case Score:
		s := scoreFixed(c.score, '.')
		return len(s), f.SetCellDefault(sheet, at, trimDecimal(s))
	}
	// A text cell stays text: spreadsheets never evaluate it, so it is
	// written exactly, without the « ' » a CSV needs (see Neutralize).
	s := xmlText(c.text)
	return displayLen(s), f.SetCellStr(sheet, at, s)
}

// excelSerial is the date's serial number in Excel's 1900 date system, which
// counts a phantom 29/02/1900; ok is false before 01/01/1900.
func excelSerial(d data.Date) (int64, bool) {
	t := time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
	days := int64(t.Sub(excelEpoch) / (24 * time.Hour))
	if d.Year < 1900 {
		return 0, false
	}
	if d.Before(data.NewDate(1900, time.March, 1)) {
		days-- // before Lotus's phantom 29/02/1900
	}
	return days, true
}

// trimDecimal removes the trailing zeros of a decimal number: "12.50" → "12.5",
// "12.00" → "12".
func trimDecimal(s string) string {
	if !strings.Contains(s, ".") {
		return s
	}
	return strings.TrimSuffix(strings.TrimRight(s, "0"), ".")
}

// xmlText removes what XML 1.0 cannot hold (control characters other than tab
// and line breaks, U+FFFE, U+FFFF) and repairs invalid UTF-8: a workbook with
// them is refused by Excel as corrupt.
func xmlText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			return r
		case r < 0x20 || r == 0xFFFE || r == 0xFFFF:
			return -1
		}
		return r
	}, s)
}

// displayLen is the width a text takes: its longest line, in characters.
func displayLen(s string) int {
	n := 0
	for _, line := range strings.Split(s, "\n") {
		n = max(n, utf8.RuneCountInString(line))
	}
	return n
}

// sheetName makes name a valid worksheet name, unique in used (ignoring case):
// none of : \ / ? * [ ], no quote at either end, at most 31 UTF-16 units.
func sheetName(name string, i int, used map[string]bool) string {
	clean := strings.Map(func(r rune) rune {
		switch r {
		case ':', '\\', '/', '?', '*', '[', ']':
			return '-'
		}
		if r < 0x20 {
			return ' '
		}
		return r
	}, data.Clean(xmlText(name)))
	clean = strings.TrimSpace(strings.Trim(clean, "'"))
	if clean == "" {
		clean = "Feuille " + strconv.Itoa(i+1)
	}
	base := truncUTF16(clean, 31)
	out := base
	for n := 2; used[strings.ToLower(out)]; n++ {
		suffix := " (" + strconv.Itoa(n) + ")"
		out = strings.TrimRight(truncUTF16(base, 31-len(suffix)), " '") + suffix
	}
	used[strings.ToLower(out)] = true
	return out
}

func truncUTF16(s string, n int) string {
	units := 0
	for i, r := range s {
		units += len(utf16.Encode([]rune{r}))
		if units > n {
			return strings.TrimRight(s[:i], " '")
		}
	}
	return s
}
