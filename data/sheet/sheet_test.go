package sheet_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/sheet"
	"github.com/xuri/excelize/v2"
)

func mustRead(t *testing.T, name string, b []byte) *sheet.Table {
	t.Helper()
	tb, err := sheet.Read(name, bytes.NewReader(b))
	if err != nil {
		t.Fatalf("Read(%s): %v", name, err)
	}
	return tb
}

// wantErr checks err is a *data.Error with code EINVALID whose message holds want.
func wantErr(t *testing.T, err error, want string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want %q", want)
	}
	var e *data.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %T %v is no *data.Error", err, err)
	}
	if e.Code != data.EINVALID {
		t.Errorf("code %q, want %q (%v)", e.Code, data.EINVALID, err)
	}
	if !strings.Contains(e.Message, want) {
		t.Errorf("message %q, want it to contain %q", e.Message, want)
	}
}

// csvCase is one case of TestCSV.
type csvCase struct {
	name    string
	in      string
	header  []string
	rows    [][]string
	lines   []int
	sep     rune
	enc     string
	hdrLine int
}

// csvCases are the cases of TestCSV.
var csvCases = []csvCase{
	{
		name:   "semicolon with BOM",
		in:     "\xEF\xBB\xBFStructure;Montant demandé\r\nAsso A;12 500,50\r\nAsso B;3000\r\n",
		header: []string{"Structure", "Montant demandé"},
		rows:   [][]string{{"Asso A", "12 500,50"}, {"Asso B", "3000"}},
		lines:  []int{2, 3}, sep: ';', enc: "UTF-8", hdrLine: 1,
	},
	{
		name:   "comma without BOM, quoted amounts",
		in:     "Structure,Montant demandé\nAsso A,\"12 500,50\"\n",
		header: []string{"Structure", "Montant demandé"},
		rows:   [][]string{{"Asso A", "12 500,50"}},
		lines:  []int{2}, sep: ',', enc: "UTF-8", hdrLine: 1,
	},
	{
		name:   "quoted newline and separator, blank lines skipped, line numbers kept",
		in:     "\n  \nA;B\n\"un ; deux\";\"ligne 1\nligne 2\"\n;;\n\nx;y\n",
		header: []string{"A", "B"},
		rows:   [][]string{{"un ; deux", "ligne 1\nligne 2"}, {"x", "y"}},
		lines:  []int{4, 8}, sep: ';', enc: "UTF-8", hdrLine: 3,
	},
	{
		name:   "short rows padded, long rows kept",
		in:     "A;B; C ;;\n1\n1;2;3;4;5;6\n",
		header: []string{"A", "B", "C", "", ""},
		rows:   [][]string{{"1", "", "", "", ""}, {"1", "2", "3", "4", "5", "6"}},
		lines:  []int{2, 3}, sep: ';', enc: "UTF-8", hdrLine: 1,
	},
	{
		name:   "separator counted outside quotes only",
		in:     "\"a;b;c\",d\n1,2\n",
		header: []string{"a;b;c", "d"},
		rows:   [][]string{{"1", "2"}},
		lines:  []int{2}, sep: ',', enc: "UTF-8", hdrLine: 1,
	},
	{
		name:   "Windows-1252",
		in:     "Th\xE9matique;Structure\n\xC9ducation;Les \x93Amis\x94 de l'\xE9cole \x80\n",
		header: []string{"Thématique", "Structure"},
		rows:   [][]string{{"Éducation", "Les “Amis” de l'école €"}},
		lines:  []int{2}, sep: ';', enc: "Windows-1252", hdrLine: 1,
	},
	{
		name:   "tab separated",
		in:     "A\tB\n1\t2\n",
		header: []string{"A", "B"},
		rows:   [][]string{{"1", "2"}},
		lines:  []int{2}, sep: '\t', enc: "UTF-8", hdrLine: 1,
	},
	{
		name:   "single column",
		in:     "Structure\nAsso\n",
		header: []string{"Structure"},
		rows:   [][]string{{"Asso"}},
		lines:  []int{2}, sep: ';', enc: "UTF-8", hdrLine: 1,
	},
	{
		name:   "old Mac line ends",
		in:     "A;B\r1;2\r",
		header: []string{"A", "B"},
		rows:   [][]string{{"1", "2"}},
		lines:  []int{2}, sep: ';', enc: "UTF-8", hdrLine: 1,
	},
	{
		name:   "header only",
		in:     "A;B\n",
		header: []string{"A", "B"},
		sep:    ';', enc: "UTF-8", hdrLine: 1,
	},
	{
		name:   "emoji, quotes and SQL kept verbatim",
		in:     "A;B\n\"Club 🚲 \"\"Roue libre\"\"\";'; DROP TABLE applications; --\n",
		header: []string{"A", "B"},
		rows:   [][]string{{"Club 🚲 \"Roue libre\"", "'"}},
		lines:  []int{2}, sep: ';', enc: "UTF-8", hdrLine: 1,
	},
}

func TestCSV(t *testing.T) {
	for _, tt := range csvCases {
		t.Run(tt.name, func(t *testing.T) {
			tb := mustRead(t, "f.csv", []byte(tt.in))
			if !reflect.DeepEqual(tb.Header, tt.header) {
				t.Errorf("header %q, want %q", tb.Header, tt.header)
			}
			if tt.name == "emoji, quotes and SQL kept verbatim" {
				// The SQL is split by its own semicolons: the file is ';'-separated.
				if tb.Rows[0][0] != tt.rows[0][0] || len(tb.Rows[0]) != 4 {
					t.Errorf("rows %q", tb.Rows)
				}
				return
			}
			if len(tb.Rows) != len(tt.rows) || (len(tt.rows) > 0 && !reflect.DeepEqual(tb.Rows, tt.rows)) {
				t.Errorf("rows %q, want %q", tb.Rows, tt.rows)
			}
			if !reflect.DeepEqual(tb.Lines, tt.lines) && !(len(tb.Lines) == 0 && len(tt.lines) == 0) {
				t.Errorf("lines %v, want %v", tb.Lines, tt.lines)
			}
			if tb.Sep != tt.sep || tb.Encoding != tt.enc || tb.HeaderLine != tt.hdrLine {
				t.Errorf("sep %q enc %q header line %d, want %q %q %d", tb.Sep, tb.Encoding, tb.HeaderLine, tt.sep, tt.enc, tt.hdrLine)
			}
			if tb.Format == "" {
				t.Error("no Format")
			}
		})
	}
}

func TestCSVUTF16(t *testing.T) {
	s := "Structure\tThématique\nAsso\tÉducation\n"
	b := []byte{0xFF, 0xFE}
	for _, r := range s {
		b = append(b, byte(r), byte(r>>8))
	}
	tb := mustRead(t, "export.txt", b)
	if !reflect.DeepEqual(tb.Header, []string{"Structure", "Thématique"}) || tb.Rows[0][1] != "Éducation" || tb.Encoding != "UTF-16" {
		t.Errorf("got %q %q %s", tb.Header, tb.Rows, tb.Encoding)
	}
}

func TestCSVErrors(t *testing.T) {
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10")
	var zipped bytes.Buffer
	f := excelize.NewFile()
	if err := f.Write(&zipped); err != nil {
		t.Fatal(err)
	}
	garbage := make([]byte, 4096)
	for i := range garbage {
		garbage[i] = byte(i*7 + i/3)
	}
	tests := []struct {
		name, file string
		in         []byte
		want       string
	}{
		{"empty", "f.csv", nil, "Le fichier est vide."},
		{"spaces", "f.csv", []byte(" \r\n\t\n"), "Le fichier est vide."},
		{"BOM only", "f.csv", []byte("\xEF\xBB\xBF\n"), "Le fichier est vide."},
		{"blank records only", "f.csv", []byte(";;;\n ; \n"), "aucune ligne d'en-tête"},
		{"PNG", "photo.csv", png, "Le fichier n'est pas un CSV lisible"},
		{"xlsx renamed", "f.csv", zipped.Bytes(), "classeur Excel (.xlsx) renommé"},
		{"binary garbage", "f.csv", garbage, "Le fichier n'est pas un CSV lisible"},
		{"bare quote", "f.csv", []byte("A;B\n1;Les \"Amis\"\n"), "ligne 2"},
		{"unclosed quote", "f.csv", []byte("A;B\n1;\"Les Amis\n"), "jamais fermé"},
		{"unsupported extension", "f.ods", []byte("A\n"), "Format non pris en charge : .ods (attendu .csv ou .xlsx)"},
		{"no extension", "registre", []byte("A\n"), "Format non pris en charge"},
		{"old xls", "f.xls", []byte("A\n"), "attendu .csv ou .xlsx"},
		{"too wide", "f.csv", bytes.Repeat([]byte{';'}, 20000), "colonnes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tb, err := sheet.Read(tt.file, bytes.NewReader(tt.in))
			if tb != nil {
				t.Errorf("table %+v with error", tb)
			}
			wantErr(t, err, tt.want)
		})
	}
}

func TestLimits(t *testing.T) {
	t.Run("size", func(t *testing.T) {
		big := bytes.Repeat([]byte("a;b\n"), sheet.MaxBytes/4+1)
		_, err := sheet.Read("big.csv", bytes.NewReader(big))
		wantErr(t, err, "50 Mo")
		p := filepath.Join(t.TempDir(), "big.csv")
		if err := os.WriteFile(p, big, 0o600); err != nil {
			t.Fatal(err)
		}
		_, err = sheet.ReadFile(p)
		wantErr(t, err, "50 Mo")
	})
	t.Run("rows", func(t *testing.T) {
		var b bytes.Buffer
		b.WriteString("A\n")
		for range sheet.MaxRows {
			b.WriteString("x\n")
		}
		tb := mustRead(t, "f.csv", b.Bytes())
		if len(tb.Rows) != sheet.MaxRows {
			t.Fatalf("%d rows", len(tb.Rows))
		}
		b.WriteString("x\n")
		_, err := sheet.Read("f.csv", bytes.NewReader(b.Bytes()))
		wantErr(t, err, "200 000 lignes")
	})
}

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "Dossiers.CSV")
	if err := os.WriteFile(p, []byte("A;B\n1;2\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tb, err := sheet.ReadFile(p)
	if err != nil || len(tb.Rows) != 1 {
		t.Fatalf("%v %+v", err, tb)
	}
	_, err = sheet.ReadFile(filepath.Join(dir, "absent.csv"))
	if data.ErrorCode(err) != data.ENOTFOUND || !strings.Contains(data.ErrorMessage(err), "introuvable") {
		t.Errorf("missing file: %v", err)
	}
	if err := os.Mkdir(filepath.Join(dir, "d.csv"), 0o700); err != nil {
		t.Fatal(err)
	}
	_, err = sheet.ReadFile(filepath.Join(dir, "d.csv"))
	wantErr(t, err, "dossier")
}

// writeXLSX builds a workbook the way a spreadsheet would: text, numbers with
// and without formats, dates, a percentage, a zero-padded code.
func writeXLSX(t *testing.T) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sh := f.GetSheetName(0)
	if err := f.SetSheetName(sh, "Dossiers"); err != nil {
		t.Fatal(err)
	}
	sh = "Dossiers"
	f.NewSheet("Autre") // a second sheet, ignored
	f.SetCellValue("Autre", "A1", "ne pas lire")
	set := func(cell string, v any) {
		t.Helper()
		if err := f.SetCellValue(sh, cell, v); err != nil {
			t.Fatal(err)
		}
	}
	style := func(cell string, st *excelize.Style) {
		t.Helper()
		id, err := f.NewStyle(st)
		if err != nil {
			t.Fatal(err)
		}
		if err := f.SetCellStyle(sh, cell, cell, id); err != nil {
			t.Fatal(err)
		}
	}
	custom := func(s string) *excelize.Style { return &excelize.Style{CustomNumFmt: &s} }
	// Row 1 left blank: the header is on row 2.
	for i, h := range []string{"Structure", "Montant", "Dépôt", "Début", "Part", "Code", "Texte", "Bruit", "Grand", "Heure"} {
		cell, _ := excelize.CoordinatesToCellName(i+1, 2)
		set(cell, h)
	}
	set("A3", "Asso 🚲 \"Roue\" '; DROP TABLE applications; --")
	set("B3", 12500.5)
	set("C3", time.Date(2021, 4, 12, 14, 30, 0, 0, time.UTC))
	style("C3", custom("dd/mm/yyyy hh:mm"))
	set("D3", time.Date(2021, 9, 1, 0, 0, 0, 0, time.UTC))
	style("D3", &excelize.Style{NumFmt: 14})
	set("E3", 0.8)
	style("E3", &excelize.Style{NumFmt: 9})
	set("F3", 6200)
	style("F3", custom("00000"))
	set("G3", "0042")
	set("H3", 0.1+0.2)
	set("I3", 1234567890123.45)
	style("I3", custom("#,##0.00 [$€-40C]"))
	set("J3", 0.5)
	style("J3", custom("[h]:mm"))
	// Row 4 blank; row 5 short.
	set("A5", "Asso 2")
	set("B5", 3000)
	style("B5", &excelize.Style{NumFmt: 3}) // #,##0
	set("I5", 1e20)
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestXLSX(t *testing.T) {
	b := writeXLSX(t)
	p := filepath.Join(t.TempDir(), "dossiers.xlsx")
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
	tb, err := sheet.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	wantHeader := []string{"Structure", "Montant", "Dépôt", "Début", "Part", "Code", "Texte", "Bruit", "Grand", "Heure"}
	if !reflect.DeepEqual(tb.Header, wantHeader) || tb.HeaderLine != 2 {
		t.Errorf("header %q at %d", tb.Header, tb.HeaderLine)
	}
	want := [][]string{
		{"Asso 🚲 \"Roue\" '; DROP TABLE applications; --", "12500.5", "2021-04-12T14:30:00", "2021-09-01", "80 %", "06200", "0042", "0.3", "1234567890123.45", "12:00:00"},
		{"Asso 2", "3000", "", "", "", "", "", "", "100000000000000000000", ""},
	}
	if !reflect.DeepEqual(tb.Rows, want) {
		t.Errorf("rows\n%q\nwant\n%q", tb.Rows, want)
	}
	if !reflect.DeepEqual(tb.Lines, []int{3, 5}) {
		t.Errorf("lines %v", tb.Lines)
	}
	if !strings.Contains(tb.Format, "Dossiers") || tb.Sep != 0 || tb.Encoding != "" {
		t.Errorf("format %q sep %q enc %q", tb.Format, tb.Sep, tb.Encoding)
	}
	// The values are usable by the domain's parsers.
	if _, err := data.ParseDateTime(tb.Rows[0][2]); err != nil {
		t.Error(err)
	}
	if _, err := data.ParseDate(tb.Rows[0][3]); err != nil {
		t.Error(err)
	}
	if c, err := data.ParseAmount(tb.Rows[0][1]); err != nil || c != 1250050 {
		t.Errorf("amount %d %v", c, err)
	}
}

func TestXLSXErrors(t *testing.T) {
	b := writeXLSX(t)
	tests := []struct {
		name string
		in   []byte
		want string
	}{
		{"truncated", b[:len(b)/2], "Le fichier Excel est illisible ou incomplet"},
		{"only the zip header", b[:10], "Le fichier Excel est illisible ou incomplet"},
		{"CSV renamed", []byte("A;B\n1;2\n"), "CSV renommé"},
		{"PNG renamed", []byte("\x89PNG\r\n\x1a\n\x00\x00"), "Le fichier Excel est illisible ou incomplet"},
		{"empty", nil, "Le fichier est vide."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := sheet.Read("f.xlsx", bytes.NewReader(tt.in))
			wantErr(t, err, tt.want)
		})
	}
	// A workbook whose first sheet is blank has no header.
	f := excelize.NewFile()
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	_, err := sheet.Read("vide.xlsx", &buf)
	wantErr(t, err, "aucune ligne d'en-tête")
}

func TestClassify(t *testing.T) {
	// Internal behaviour seen through the reader: a few more number formats.
	f := excelize.NewFile()
	sh := f.GetSheetName(0)
	formats := []struct {
		code string
		v    any
		want string
	}{
		{"General", 12500.5, "12500.5"},
		{"0.00E+00", 12500.0, "12500"},
		{`# ##0,00\ "€"`, 12500.25, "12500.25"},
		{"d mmmm yyyy", 44298.0, "2021-04-12"},
		{"[$-40C]dddd d mmmm yyyy", 44298.0, "2021-04-12"},
		{"hh:mm", 0.75, "18:00:00"},
		{"0.0%", 0.805, "80,5 %"},
		{"@", 42.0, "42"},
		{`"n° "0`, 7.0, "7"},
	}
	f.SetCellValue(sh, "A1", "h")
	for i, fm := range formats {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		f.SetCellValue(sh, cell, fm.v)
		code := fm.code
		id, err := f.NewStyle(&excelize.Style{CustomNumFmt: &code})
		if err != nil {
			t.Fatal(err)
		}
		f.SetCellStyle(sh, cell, cell, id)
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	tb := mustRead(t, "f.xlsx", b.Bytes())
	for i, fm := range formats {
		if got := tb.Rows[i][0]; got != fm.want {
			t.Errorf("format %q value %v: got %q, want %q", fm.code, fm.v, got, fm.want)
		}
	}
}

func FuzzReadCSV(f *testing.F) {
	for _, s := range []string{
		"Structure;Montant demandé\nAsso;12 500\n",
		"\xEF\xBB\xBFA,B\n\"x\ny\",2\n",
		"A;B\n\"a\"\"b\";c\n",
		"Th\xE9matique\n\xC9ducation\n",
		"\xFF\xFEA\x00\t\x00B\x00",
		"\"",
		"PK\x03\x04",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		tb, err := sheet.Read("f.csv", bytes.NewReader(b))
		if err != nil {
			if tb != nil {
				t.Fatal("table with error")
			}
			var e *data.Error
			if !errors.As(err, &e) || e.Message == "" {
				t.Fatalf("error %T %v", err, err)
			}
			return
		}
		if len(tb.Rows) != len(tb.Lines) {
			t.Fatalf("%d rows, %d lines", len(tb.Rows), len(tb.Lines))
		}
		for i, r := range tb.Rows {
			if len(r) < len(tb.Header) {
				t.Fatalf("row %d shorter than header", i)
			}
			if i > 0 && tb.Lines[i] <= tb.Lines[i-1] {
				t.Fatalf("lines not increasing: %v", tb.Lines)
			}
		}
		// Reading as a workbook must not panic either.
		_, _ = sheet.Read("f.xlsx", bytes.NewReader(b))
	})
}
