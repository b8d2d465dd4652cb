package export_test

import (
	"bytes"
	"math/big"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/export"
	"github.com/call-agglo/cohesion/data/sheet"
	"github.com/xuri/excelize/v2"
)

// tricky are amounts whose decimal value has no exact binary form, or that
// are large: the workbook must hold exactly cents/100.
var tricky = []int64{1, 10, 99, 100, 101, 110, 12345678, 123456789, 1999999, 33, 7, 5, 95, 2000000010, data.MaxCents, 0, -1, -150}

func typedTable() export.Table {
	t := export.Table{
		Sheet: "Essai",
		Columns: []export.Column{
			{Title: "Numéro", Kind: export.Text},
			{Title: "Montant", Kind: export.Amount},
			{Title: "Date", Kind: export.Date},
			{Title: "Reçu le", Kind: export.DateTime},
			{Title: "Rang", Kind: export.Int},
			{Title: "Note", Kind: export.Score},
		},
	}
	for i, c := range tricky {
		t.Rows = append(t.Rows, []any{"L" + strconv.Itoa(i+1), c, nil, nil, i + 1, nil})
	}
	// The first row carries the dates and scores.
	t.Rows[0][2] = data.NewDate(2021, 4, 30)
	t.Rows[0][3] = time.Date(2021, 4, 30, 15, 5, 0, 0, time.UTC) // 17:05 in Paris (summer time)
	t.Rows[0][5] = big.NewRat(12345, 1000)                       // 12,345 → 12,35
	t.Rows[1][2] = data.NewDate(1900, 1, 1)
	t.Rows[1][3] = time.Date(2021, 12, 31, 23, 30, 45, 0, time.UTC) // 01/01/2022 00:30:45 in Paris (winter time)
	t.Rows[1][5] = big.NewRat(20, 1)
	t.Rows[2][2] = data.NewDate(1900, 3, 1)
	t.Rows[2][5] = big.NewRat(1, 3) // 0,33
	t.Footer = [][]any{{"Total", int64(42), nil, nil, nil, nil}}
	return t
}

func TestXLSXRoundTrip(t *testing.T) {
	tb := typedTable()
	b, f := writeXLSX(t, tb)
	const sh = "Essai"
	if got := f.GetSheetList(); len(got) != 1 || got[0] != sh {
		t.Fatalf("sheets %q", got)
	}
	n := len(tb.Rows) + 1 // the last row of data
	xlsxHeader(t, f, sh, tb)
	xlsxFrozenAndFiltered(t, f, b, sh, n)
	xlsxAmounts(t, f, sh)
	xlsxDates(t, f, sh)
	xlsxNumbers(t, f, sh)
	xlsxFooter(t, f, sh, n)
	xlsxReadBack(t, b)
}

// xlsxHeader checks the header: bold, filled, every column.
func xlsxHeader(t *testing.T, f *excelize.File, sh string, tb export.Table) {
	for j, c := range tb.Columns {
		at := cellName(j+1, 1)
		if v := raw(t, f, sh, at); v != c.Title {
			t.Errorf("header %s = %q, want %q", at, v, c.Title)
		}
		st := style(t, f, sh, at)
		if st.Font == nil || !st.Font.Bold {
			t.Errorf("header %s not bold: %+v", at, st.Font)
		}
		if st.Fill.Type != "pattern" || st.Fill.Pattern != 1 || len(st.Fill.Color) == 0 {
			t.Errorf("header %s not filled: %+v", at, st.Fill)
		}
	}
}

// xlsxFrozenAndFiltered checks the first row frozen, the autofilter over the header and the data.
func xlsxFrozenAndFiltered(t *testing.T, f *excelize.File, b []byte, sh string, n int) {
	// Frozen first row.
	p, err := f.GetPanes(sh)
	if err != nil {
		t.Fatal(err)
	}
	if !p.Freeze || p.YSplit != 1 || p.XSplit != 0 || p.TopLeftCell != "A2" {
		t.Errorf("panes %+v", p)
	}

	// Autofilter over the header and the data, not the footer.
	if got, want := autoFilter(t, b, "xl/worksheets/sheet1.xml"), "A1:F"+strconv.Itoa(n); got != want {
		t.Errorf("autofilter %q, want %s", got, want)
	}
	var found bool
	for _, d := range f.GetDefinedName() {
		if d.Name == "_xlnm._FilterDatabase" {
			found = true
			if !strings.Contains(d.RefersTo, "$A$1:$F$"+strconv.Itoa(n)) {
				t.Errorf("filter database %q", d.RefersTo)
			}
		}
	}
	if !found {
		t.Error("no _FilterDatabase defined name")
	}
}

// xlsxAmounts checks the amounts: numbers, exactly cents/100, in the euro format.
func xlsxAmounts(t *testing.T, f *excelize.File, sh string) {
	// Amounts: numbers, exactly cents/100, in the euro format.
	for i, c := range tricky {
		at := cellName(2, i+2)
		v := raw(t, f, sh, at)
		want := float64(c) / 100 // the double nearest to the decimal value
		if got, err := strconv.ParseFloat(v, 64); err != nil || got != want {
			t.Errorf("%s (%d cents) = %q, want %v", at, c, v, want)
		}
		if s := strconv.FormatFloat(want, 'f', -1, 64); v != s {
			t.Errorf("%s (%d cents) stored %q, want the shortest form %q", at, c, v, s)
		}
		if typ, _ := f.GetCellType(sh, at); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
			t.Errorf("%s type %v, want a number", at, typ)
		}
		if got := numFmt(style(t, f, sh, at)); got != export.FormatAmount {
			t.Errorf("%s format %q", at, got)
		}
	}
	if v := raw(t, f, sh, "B2"); v != "0.01" {
		t.Errorf("1 cent stored %q", v)
	}
	if v := raw(t, f, sh, cellName(2, 9)); v != "1234567.89" {
		t.Errorf("123456789 cents stored %q", v)
	}
	// How excelize renders the format (en-US: the file holds the invariant code).
	if v, _ := f.GetCellValue(sh, cellName(2, 8)); !strings.Contains(v, "123,456.78") || !strings.Contains(v, "€") {
		t.Errorf("formatted amount %q", v)
	}
}

// xlsxDates checks the dates and date-times: serial numbers in their formats.
func xlsxDates(t *testing.T, f *excelize.File, sh string) {
	// Dates: serial numbers in the date format.
	for _, c := range []struct {
		at, raw string
		date    time.Time
	}{
		{"C2", "44316", time.Date(2021, 4, 30, 0, 0, 0, 0, time.UTC)},
		{"C3", "1", time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)},
		{"C4", "61", time.Date(1900, 3, 1, 0, 0, 0, 0, time.UTC)},
	} {
		if v := raw(t, f, sh, c.at); v != c.raw {
			t.Errorf("%s = %q, want %s", c.at, v, c.raw)
		}
		x, _ := strconv.ParseFloat(c.raw, 64)
		if d, err := excelize.ExcelDateToTime(x, false); err != nil || !d.Equal(c.date) {
			t.Errorf("%s reads %v, %v", c.at, d, err)
		}
		if got := numFmt(style(t, f, sh, c.at)); got != export.FormatDate {
			t.Errorf("%s format %q", c.at, got)
		}
	}
	if v, _ := f.GetCellValue(sh, "C2"); v != "30/04/2021" {
		t.Errorf("formatted date %q", v)
	}

	// Date-times: Paris wall clock.
	for _, c := range []struct {
		at   string
		want time.Time
	}{
		{"D2", time.Date(2021, 4, 30, 17, 5, 0, 0, time.UTC)},
		{"D3", time.Date(2022, 1, 1, 0, 30, 45, 0, time.UTC)},
	} {
		x, err := strconv.ParseFloat(raw(t, f, sh, c.at), 64)
		if err != nil {
			t.Fatal(err)
		}
		d, err := excelize.ExcelDateToTime(x, false)
		if err != nil || !d.Round(time.Second).Equal(c.want) {
			t.Errorf("%s reads %v, want %v", c.at, d, c.want)
		}
		if got := numFmt(style(t, f, sh, c.at)); got != export.FormatDateTime {
			t.Errorf("%s format %q", c.at, got)
		}
	}
	if v, _ := f.GetCellValue(sh, "D2"); v != "30/04/2021 17:05" {
		t.Errorf("formatted date-time %q", v)
	}
}

// xlsxNumbers checks the integers and scores, and the blank cells.
func xlsxNumbers(t *testing.T, f *excelize.File, sh string) {
	// Integers and scores: numbers; scores rounded half up to hundredths.
	if v := raw(t, f, sh, "E5"); v != "4" {
		t.Errorf("E5 = %q", v)
	}
	for at, want := range map[string]string{"F2": "12.35", "F3": "20", "F4": "0.33"} {
		if v := raw(t, f, sh, at); v != want {
			t.Errorf("%s = %q, want %s", at, v, want)
		}
		if got := numFmt(style(t, f, sh, at)); got != export.FormatScore {
			t.Errorf("%s format %q", at, got)
		}
	}
	if v, _ := f.GetCellValue(sh, "F3"); v != "20.00" {
		t.Errorf("formatted score %q", v)
	}
	// Blank cells stay blank.
	if v := raw(t, f, sh, "F5"); v != "" {
		t.Errorf("F5 = %q", v)
	}
}

// xlsxFooter checks the footer, the dimension and the widths.
func xlsxFooter(t *testing.T, f *excelize.File, sh string, n int) {
	// The footer: after a blank row, bold.
	fr := n + 2
	if v := raw(t, f, sh, cellName(1, fr)); v != "Total" {
		t.Errorf("footer %q", v)
	}
	if v := raw(t, f, sh, cellName(2, fr)); v != "0.42" {
		t.Errorf("footer amount %q", v)
	}
	if st := style(t, f, sh, cellName(2, fr)); st.Font == nil || !st.Font.Bold || numFmt(st) != export.FormatAmount {
		t.Errorf("footer style %+v %s", st.Font, numFmt(st))
	}
	if v := raw(t, f, sh, cellName(1, n+1)); v != "" {
		t.Errorf("row before the footer %q", v)
	}

	if d, _ := f.GetSheetDimension(sh); d != "A1:F"+strconv.Itoa(fr) {
		t.Errorf("dimension %q", d)
	}

	// Widths: set, sized to the content.
	if w, _ := f.GetColWidth(sh, "B"); w < 18 {
		t.Errorf("amount column width %v", w)
	}
}

// xlsxReadBack checks what the project's own reader sees.
func xlsxReadBack(t *testing.T, b []byte) {
	// The project's own reader sees the numbers and dates.
	st, err := sheet.Read("essai.xlsx", bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if got := st.Rows[0]; got[1] != "0.01" || got[2] != "2021-04-30" || got[3] != "2021-04-30T17:05:00" || got[5] != "12.35" {
		t.Errorf("sheet reads %q", got)
	}
	if got := st.Rows[7][1]; got != "1234567.89" {
		t.Errorf("sheet reads %q", got)
	}
	for i, c := range tricky {
		a, err := data.ParseAmount(st.Rows[i][1])
		if c < 0 {
			continue // the register has no negative amount to read back
		}
		if err != nil || a != c {
			t.Errorf("%d cents read back as %q → %d, %v", c, st.Rows[i][1], a, err)
		}
	}
}

func TestXLSXSheets(t *testing.T) {
	one := export.Table{Columns: []export.Column{{Title: "A"}}, Rows: [][]any{{"x"}}}
	names := []string{"Dossiers", "dossiers", "A/B:C?*[x]", "'Cité'", "", strings.Repeat("Répartition ", 5), strings.Repeat("Répartition ", 5)}
	var tables []export.Table
	for _, n := range names {
		tb := one
		tb.Sheet = n
		tables = append(tables, tb)
	}
	_, f := writeXLSX(t, tables...)
	got := f.GetSheetList()
	want := []string{"Dossiers", "dossiers (2)", "A-B-C---x-", "Cité", "Feuille 5", "Répartition Répartition Réparti", "Répartition Répartition Rép (2)"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("sheets\n got %q\nwant %q", got, want)
	}
	for _, s := range got {
		if v := raw(t, f, s, "A2"); v != "x" {
			t.Errorf("%s A2 = %q", s, v)
		}
	}
	if err := export.WriteXLSX(&bytes.Buffer{}); err == nil {
		t.Error("no table: no error")
	}
}

func TestTypeErrors(t *testing.T) {
	for _, tb := range []export.Table{
		{Sheet: "X", Columns: []export.Column{{Title: "Montant", Kind: export.Amount}}, Rows: [][]any{{"12,50"}}},
		{Sheet: "X", Columns: []export.Column{{Title: "Date", Kind: export.Date}}, Rows: [][]any{{time.Now()}}},
		{Sheet: "X", Columns: []export.Column{{Title: "Note", Kind: export.Score}}, Rows: [][]any{{12.5}}},
		{Sheet: "X", Columns: []export.Column{{Title: "Texte"}}, Rows: [][]any{{"a", "b"}}},
	} {
		if err := export.WriteXLSX(&bytes.Buffer{}, tb); err == nil || data.ErrorCode(err) != data.EINTERNAL {
			t.Errorf("xlsx %v: %v", tb.Rows, err)
		}
		if err := export.WriteCSV(&bytes.Buffer{}, tb); err == nil {
			t.Errorf("csv %v: no error", tb.Rows)
		}
	}
}

func TestXMLControlCharacters(t *testing.T) {
	tb := export.Table{Sheet: "X", Columns: []export.Column{{Title: "Texte"}}, Rows: [][]any{{"a\x01b\x00c\x1fd\ne\tf\xffg"}}}
	_, f := writeXLSX(t, tb)
	if v := raw(t, f, "X", "A2"); v != "abcd\ne\tf\uFFFDg" {
		t.Errorf("A2 = %q", v)
	}
}
