package sheet_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"reflect"
	"runtime"
	"sort"
	"strings"
	"testing"

	"github.com/call-agglo/cohesion/data/sheet"
	"github.com/xuri/excelize/v2"
)

// The parts of a minimal workbook, as a spreadsheet writes them.
const (
	contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`
	rootRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`
	nsMain = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
)

// workbookParts returns the parts of a workbook whose worksheets are sheets
// (name, then the XML inside sheetData), with the shared texts sst (the XML
// inside sst, "" for none) and the styles styleXML ("" for none).
func workbookParts(sst, styleXML string, sheets ...string) map[string]string {
	var list, rels strings.Builder
	parts := map[string]string{"[Content_Types].xml": contentTypes, "_rels/.rels": rootRels}
	for i := 0; i+1 < len(sheets); i += 2 {
		n := i/2 + 1
		fmt.Fprintf(&list, `<sheet name="%s" sheetId="%d" r:id="rId%d"/>`, sheets[i], n, n)
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>`, n, n)
		parts[fmt.Sprintf("xl/worksheets/sheet%d.xml", n)] = `<?xml version="1.0" encoding="UTF-8"?>` + "\n<worksheet " + nsMain + "><sheetData>" + sheets[i+1] + "</sheetData></worksheet>"
	}
	if sst != "" {
		rels.WriteString(`<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`)
		parts["xl/sharedStrings.xml"] = `<?xml version="1.0" encoding="UTF-8"?>` + "\n<sst " + nsMain + ">" + sst + "</sst>"
	}
	if styleXML != "" {
		rels.WriteString(`<Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>`)
		parts["xl/styles.xml"] = `<?xml version="1.0" encoding="UTF-8"?>` + "\n<styleSheet " + nsMain + ">" + styleXML + "</styleSheet>"
	}
	parts["xl/workbook.xml"] = `<?xml version="1.0" encoding="UTF-8"?>` + "\n<workbook " + nsMain + "><sheets>" + list.String() + "</sheets></workbook>"
	parts["xl/_rels/workbook.xml.rels"] = `<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` + rels.String() + "</Relationships>"
	return parts
}

// zipParts writes parts as a zip, deflated, in name order.
func zipParts(t testing.TB, parts map[string]string) []byte {
	t.Helper()
	names := make([]string, 0, len(parts))
	for n := range parts {
		names = append(names, n)
	}
	sort.Strings(names)
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestSpeed) })
	for _, n := range names {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(w, parts[n]); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// rezip copies the workbook b, passing each part's content through edit.
func rezip(t testing.TB, b []byte, edit func(name string, content []byte) []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		content, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		parts[f.Name] = string(edit(f.Name, content))
	}
	return zipParts(t, parts)
}

// eightRows is a workbook, sheet « Dossiers », whose header is on row 1 and
// data on rows 2 to 8.
func eightRows(t testing.TB) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", "Dossiers"); err != nil {
		t.Fatal(err)
	}
	f.SetSheetRow("Dossiers", "A1", &[]any{"Numéro", "Structure", "Montant demandé"})
	for r := 2; r <= 8; r++ {
		f.SetSheetRow("Dossiers", fmt.Sprintf("A%d", r), &[]any{fmt.Sprintf("AMI-%03d", r), fmt.Sprintf("Asso %d", r), r * 1000})
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func editSheet1(t testing.TB, b []byte, edit func(string) string) []byte {
	return rezip(t, b, func(name string, c []byte) []byte {
		if name == "xl/worksheets/sheet1.xml" {
			s := edit(string(c))
			if s == string(c) {
				t.Fatal("the edit changed nothing")
			}
			return []byte(s)
		}
		return c
	})
}

// A worksheet cut inside row 7 is refused whole, not read as rows 1 to 6.
func TestXLSXCutSheetRefused(t *testing.T) {
	b := eightRows(t)
	if tb := mustRead(t, "f.xlsx", b); len(tb.Rows) != 7 {
		t.Fatalf("the whole workbook reads %d rows", len(tb.Rows))
	}
	cuts := map[string]func(string) string{
		"inside a cell of row 7": func(s string) string { return s[:strings.Index(s, `<c r="B7"`)+12] },
		"inside a value":         func(s string) string { i := strings.Index(s, `<c r="C7"`); return s[:strings.Index(s[i:], "<v>")+i+4] },
		"after a tag of row 7":   func(s string) string { return s[:strings.Index(s, `<row r="7"`)+len(`<row r="7">`)+5] },
	}
	for name, cut := range cuts {
		t.Run(name, func(t *testing.T) {
			tb, err := sheet.Read("f.xlsx", bytes.NewReader(editSheet1(t, b, cut)))
			if tb != nil {
				t.Errorf("a table of %d rows", len(tb.Rows))
			}
			wantErr(t, err, "Le fichier Excel est incomplet : la feuille « Dossiers » s'interrompt au milieu de la ligne 7")
		})
	}
	t.Run("between rows", func(t *testing.T) {
		cut := func(s string) string { return s[:strings.Index(s, `<row r="7"`)] }
		_, err := sheet.Read("f.xlsx", bytes.NewReader(editSheet1(t, b, cut)))
		wantErr(t, err, "s'interrompt après la ligne 6")
	})
	t.Run("after sheetData", func(t *testing.T) {
		cut := func(s string) string { return s[:strings.Index(s, `</sheetData>`)+len(`</sheetData>`)] }
		_, err := sheet.Read("f.xlsx", bytes.NewReader(editSheet1(t, b, cut)))
		wantErr(t, err, "incomplet")
	})
}

// A worksheet whose XML is invalid is refused whole, naming where.
func TestXLSXInvalidSheetRefused(t *testing.T) {
	b := eightRows(t)
	edits := map[string]struct {
		edit func(string) string
		want string
	}{
		"end tag mismatched": {func(s string) string {
			i := strings.Index(s, `<c r="B7"`)
			return s[:i] + strings.Replace(s[i:], "</c>", "</v>", 1)
		}, "le contenu de la feuille « Dossiers » est invalide à la ligne 7"},
		"unknown entity": {func(s string) string {
			return strings.Replace(s, `<c r="A7"`, `<c r="A7" x="&bomb;"`, 1)
		}, "invalide à la ligne 7"},
		"text after the root": {func(s string) string { return s + "<row>" }, "invalide après la ligne 8"},
		"rows out of order": {func(s string) string {
			return strings.Replace(s, `<row r="7"`, `<row r="3"`, 1)
		}, "invalide après la ligne 6"},
		"cells out of order": {func(s string) string {
			return strings.Replace(s, `<c r="C7"`, `<c r="A7"`, 1)
		}, "invalide à la ligne 7"},
		"no such shared text": {func(s string) string {
			i := strings.Index(s, `<c r="B7"`)
			j := strings.Index(s[i:], "<v>") + i + 3
			return s[:j] + "99999" + s[strings.Index(s[j:], "<")+j:]
		}, "invalide à la ligne 7"},
		"nested too deep": {func(s string) string {
			return strings.Replace(s, `<row r="7"`, strings.Repeat("<x>", 100)+strings.Repeat("</x>", 100)+`<row r="7"`, 1)
		}, "invalide après la ligne 6"},
		"invalid UTF-8": {func(s string) string {
			return strings.Replace(s, `<c r="A7"`, "<c r=\"A7\" x=\"\xE9\"", 1)
		}, "invalide à la ligne 7"},
	}
	for name, tt := range edits {
		t.Run(name, func(t *testing.T) {
			tb, err := sheet.Read("f.xlsx", bytes.NewReader(editSheet1(t, b, tt.edit)))
			if tb != nil {
				t.Errorf("a table of %d rows", len(tb.Rows))
			}
			wantErr(t, err, "Le fichier Excel est endommagé")
			wantErr(t, err, tt.want)
		})
	}
	t.Run("shared texts cut", func(t *testing.T) {
		cut := rezip(t, b, func(name string, c []byte) []byte {
			if name == "xl/sharedStrings.xml" {
				return c[:len(c)-20]
			}
			return c
		})
		_, err := sheet.Read("f.xlsx", bytes.NewReader(cut))
		wantErr(t, err, "la liste des textes du classeur s'interrompt")
	})
}

// allocated returns the bytes f allocates, garbage included.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// refusalAlloc bounds what refusing a small hostile file may allocate,
// garbage included: a few times the file, nothing like what it expands to.
const refusalAlloc = 16 << 20

// sharedBomb is a workbook whose one shared text, of n characters, fills
// rows×cols cells.
func sharedBomb(t testing.TB, n, rows, cols int) []byte {
	t.Helper()
	var sd strings.Builder
	sd.WriteString(`<row r="1"><c t="inlineStr"><is><t>Structure</t></is></c></row>`)
	for r := 2; r < rows+2; r++ {
		fmt.Fprintf(&sd, `<row r="%d">`, r)
		for range cols {
			sd.WriteString(`<c t="s"><v>0</v></c>`)
		}
		sd.WriteString("</row>")
	}
	sst := "<si><t>" + strings.Repeat("a", n) + "</t></si>"
	return zipParts(t, workbookParts(sst, "", "Feuil1", sd.String()))
}

// One long shared text referred to by many cells is refused once the text
// the cells would hold passes MaxText, before it is expanded.
func TestXLSXSharedStringBomb(t *testing.T) {
	t.Run("text repeated beyond MaxText", func(t *testing.T) {
		b := sharedBomb(t, 30_000, 200, 10) // 60 Mo of text in a file of 20 Ko
		if len(b) > 64<<10 {
			t.Fatalf("the bomb weighs %d bytes", len(b))
		}
		var tb *sheet.Table
		var err error
		if n := allocated(func() { tb, err = sheet.Read("bombe.xlsx", bytes.NewReader(b)) }); n > refusalAlloc {
			t.Errorf("the refusal allocated %d Mo", n>>20)
		}
		if tb != nil {
			t.Errorf("a table of %d rows", len(tb.Rows))
		}
		wantErr(t, err, "plus de 50 Mo de texte")
	})
	t.Run("a text longer than a cell", func(t *testing.T) {
		tb, err := sheet.Read("bombe.xlsx", bytes.NewReader(sharedBomb(t, 40_000, 2, 1)))
		if tb != nil {
			t.Errorf("a table of %d rows", len(tb.Rows))
		}
		wantErr(t, err, "ligne 2, colonne A (Structure), la cellule dépasse 32 767 caractères")
	})
	t.Run("a text of 1 Mo in 100 000 cells", func(t *testing.T) {
		// The bomb: 100 Go once expanded.
		in := sharedBomb(t, 1<<20, 1000, 100)
		var err error
		if n := allocated(func() { _, err = sheet.Read("bombe.xlsx", bytes.NewReader(in)) }); n > refusalAlloc {
			t.Errorf("the refusal allocated %d Mo", n>>20)
		}
		wantErr(t, err, "un texte de plus de 32 767 caractères")
	})
	t.Run("a long text no cell uses", func(t *testing.T) {
		sst := "<si><t>Structure</t></si><si><t>" + strings.Repeat("a", 40_000) + "</t></si>"
		b := zipParts(t, workbookParts(sst, "", "Feuil1", `<row><c t="s"><v>0</v></c></row><row><c t="inlineStr"><is><t>Asso</t></is></c></row>`))
		tb := mustRead(t, "f.xlsx", b)
		if !reflect.DeepEqual(tb.Rows, [][]string{{"Asso"}}) {
			t.Errorf("rows %q", tb.Rows)
		}
	})
}

// A cell is at most 32 767 characters long, as in Excel, whole or in pieces.
func TestXLSXOverlongCell(t *testing.T) {
	head := `<row r="1"><c r="A1" t="inlineStr"><is><t>Numéro</t></is></c><c r="B1" t="inlineStr"><is><t>Structure</t></is></c></row>`
	inline := func(is string) []byte {
		return zipParts(t, workbookParts("", "", "Feuil1", head+`<row r="3"><c r="A3"><v>1</v></c><c r="B3" t="inlineStr"><is>`+is+`</is></c></row>`))
	}
	max := strings.Repeat("é", sheet.MaxCellChars)
	tb := mustRead(t, "f.xlsx", inline("<t>"+max+"</t>"))
	if tb.Rows[0][1] != max {
		t.Errorf("a cell of %d characters read as %d", sheet.MaxCellChars, len([]rune(tb.Rows[0][1])))
	}
	half := strings.Repeat("a", 20_000)
	for name, is := range map[string]string{
		"one character too many": "<t>" + max + "e</t>",
		"in rich text runs":      "<r><t>" + half + "</t></r><r><t>" + half + "</t></r>",
		"escaped":                "<t>" + strings.Repeat("_x0041_", sheet.MaxCellChars+1) + "</t>",
		"beyond the run limit":   "<t>" + strings.Repeat("a", 2<<20) + "</t>",
	} {
		t.Run(name, func(t *testing.T) {
			_, err := sheet.Read("f.xlsx", bytes.NewReader(inline(is)))
			wantErr(t, err, "ligne 3, colonne B (Structure), la cellule dépasse 32 767 caractères")
		})
	}
}

// withEntry replaces the part name of the workbook b by raw deflated content
// whose zip headers declare size bytes.
func withEntry(t testing.TB, b []byte, name string, content []byte, size uint64) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		if f.Name == name {
			continue
		}
		if err := zw.Copy(f); err != nil {
			t.Fatal(err)
		}
	}
	var packed bytes.Buffer
	fw, _ := flate.NewWriter(&packed, flate.BestSpeed)
	fw.Write(content)
	fw.Close()
	w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: crc32.ChecksumIEEE(content),
		CompressedSize64: uint64(packed.Len()), UncompressedSize64: size})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(packed.Bytes())
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// A workbook that inflates beyond the limit is refused, whether its zip
// declares the size or hides it, before it is read.
func TestXLSXZipBomb(t *testing.T) {
	b := eightRows(t)
	sheetXML := partOf(t, b, "xl/worksheets/sheet1.xml")
	// 140 Mo of comments and spaces between two rows: well formed, and
	// some 200 Ko deflated.
	bomb := filled(sheetXML, `<row r="3"`, 140<<20)
	t.Run("size declared", func(t *testing.T) {
		in := withEntry(t, b, "xl/worksheets/sheet1.xml", bomb, uint64(len(bomb)))
		if len(in) > 1<<20 {
			t.Fatalf("the bomb weighs %d bytes", len(in))
		}
		var err error
		if n := allocated(func() { _, err = sheet.Read("bombe.xlsx", bytes.NewReader(in)) }); n > refusalAlloc {
			t.Errorf("the refusal allocated %d Mo", n>>20)
		}
		wantErr(t, err, "Le fichier Excel se décompresse en plus de 128 Mo")
	})
	t.Run("size hidden", func(t *testing.T) {
		// The zip declares the size of the sheet without its spaces:
		// archive/zip stops at the first byte beyond.
		in := withEntry(t, b, "xl/worksheets/sheet1.xml", bomb, uint64(len(sheetXML)))
		_, err := sheet.Read("bombe.xlsx", bytes.NewReader(in))
		wantErr(t, err, "Le fichier Excel est endommagé : le contenu de la feuille « Dossiers » est invalide")
	})
	t.Run("two parts together", func(t *testing.T) {
		// 70 Mo of spaces in the shared texts, 70 in the sheet: each under
		// the limit, not both.
		sheetHalf := filled(sheetXML, `<row r="3"`, 70<<20)
		in := withEntry(t, b, "xl/worksheets/sheet1.xml", sheetHalf, uint64(len(sheetHalf)))
		sst := filled(partOf(t, b, "xl/sharedStrings.xml"), "<si>", 70<<20)
		in = withEntry(t, in, "xl/sharedStrings.xml", sst, uint64(len(sst)))
		_, err := sheet.Read("bombe.xlsx", bytes.NewReader(in))
		wantErr(t, err, "Le fichier Excel se décompresse en plus de 128 Mo")
	})
	t.Run("size understated", func(t *testing.T) {
		in := withEntry(t, b, "xl/worksheets/sheet1.xml", sheetXML, 100)
		_, err := sheet.Read("bombe.xlsx", bytes.NewReader(in))
		wantErr(t, err, "Le fichier Excel est endommagé : le contenu de la feuille « Dossiers » est invalide")
	})
	t.Run("a wrong checksum", func(t *testing.T) {
		_, err := sheet.Read("f.xlsx", bytes.NewReader(corruptCRC(t, b, "xl/sharedStrings.xml")))
		wantErr(t, err, "Le fichier Excel est endommagé : le contenu de la liste des textes du classeur est invalide")
	})
}

// filled inserts n bytes of comments and spaces into x before at.
func filled(x []byte, at string, n int) []byte {
	i := bytes.Index(x, []byte(at))
	fill := bytes.Repeat([]byte("<!---->"+strings.Repeat(" ", 1017)), n/1024)
	return append(append(append([]byte{}, x[:i]...), fill...), x[i:]...)
}

// partOf returns the content of the part name of the workbook b.
func partOf(t testing.TB, b []byte, name string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == name {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			content, err := io.ReadAll(rc)
			if err != nil {
				t.Fatal(err)
			}
			return content
		}
	}
	t.Fatalf("no part %s", name)
	return nil
}

// corruptCRC rewrites the part name of b with a wrong checksum, in its local
// header and in the central directory.
func corruptCRC(t testing.TB, b []byte, name string) []byte {
	t.Helper()
	content := partOf(t, b, name)
	out := withEntry(t, b, name, content, uint64(len(content)))
	crc := crc32.ChecksumIEEE(content)
	le := []byte{byte(crc), byte(crc >> 8), byte(crc >> 16), byte(crc >> 24)}
	if bytes.Count(out, le) != 2 {
		t.Fatalf("the checksum appears %d times", bytes.Count(out, le))
	}
	return bytes.ReplaceAll(out, le, []byte{^le[0], le[1], le[2], le[3]})
}

// Read takes the first worksheet; ReadWith the one named, if present.
func TestXLSXSheetByName(t *testing.T) {
	row := func(s string) string { return `<row><c t="inlineStr"><is><t>` + s + `</t></is></c></row>` }
	b := zipParts(t, workbookParts("", "", "Etablissements", row("SIRET")+row("1"), "Dossiers", row("Numéro")+row("AMI-1"), "Avis", row("Avis")+row("ok")))
	p := t.TempDir() + "/export-ds.xlsx"
	writeFile(t, p, b)
	tests := []struct {
		name   string
		prefer []string
		want   string
	}{
		{"first by default", nil, "Etablissements"},
		{"by name", []string{"Dossiers"}, "Dossiers"},
		{"case and spaces ignored", []string{" dossiers "}, "Dossiers"},
		{"first of the names present", []string{"Absent", "Avis", "Dossiers"}, "Avis"},
		{"none present: the first", []string{"Absent"}, "Etablissements"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, tb := range []*sheet.Table{readWith(t, b, tt.prefer), readFileWith(t, p, tt.prefer)} {
				if tb.Sheet != tt.want || tb.Format != "Excel (feuille « "+tt.want+" »)" {
					t.Errorf("read %q (%s)", tb.Sheet, tb.Format)
				}
				if !reflect.DeepEqual(tb.Sheets, []string{"Etablissements", "Dossiers", "Avis"}) {
					t.Errorf("sheets %q", tb.Sheets)
				}
			}
		})
	}
	tb := mustRead(t, "f.csv", []byte("A\n1\n"))
	if tb.Sheet != "" || tb.Sheets != nil {
		t.Errorf("a CSV file has sheets: %q %q", tb.Sheet, tb.Sheets)
	}
}

func readWith(t *testing.T, b []byte, prefer []string) *sheet.Table {
	t.Helper()
	tb, err := sheet.ReadWith("f.xlsx", bytes.NewReader(b), sheet.Options{Sheets: prefer})
	if err != nil {
		t.Fatal(err)
	}
	return tb
}

func readFileWith(t *testing.T, p string, prefer []string) *sheet.Table {
	t.Helper()
	tb, err := sheet.ReadFileWith(p, sheet.Options{Sheets: prefer})
	if err != nil {
		t.Fatal(err)
	}
	return tb
}

// What spreadsheets other than Excel write, read as a person typed it.
func TestXLSXCellKinds(t *testing.T) {
	sst := `<si><t>Structure</t></si>` +
		`<si><r><rPr><b/></rPr><t>Les </t></r><r><t xml:space="preserve">Amis </t></r><rPh><t>ignoré</t></rPh></si>` +
		`<si><t>Ligne 1_x000D_` + "\n" + `Ligne 2 _x005F_x0041_</t></si>` +
		`<si><t>0042</t></si>`
	styleXML := `<numFmts count="2"><numFmt numFmtId="164" formatCode="00 00 00 00 00"/><numFmt numFmtId="165" formatCode="&quot;FR&quot;00000"/></numFmts>` +
		`<cellXfs count="5"><xf/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="10"/></cellXfs>`
	sd := `<row r="2"><c r="A2" t="s"><v>0</v></c><c r="C2" t="inlineStr"><is><t>Texte</t></is></c></row>` +
		`<row r="4" spans="1:9"><c r="A4" t="s"><v>1</v></c><c r="B4" t="b"><v>1</v></c><c r="C4" t="b"><v>0</v></c>` +
		`<c r="D4" t="e"><v>#N/A</v></c><c r="E4" t="s"><v>2</v></c><c r="F4" t="s"><v>3</v></c>` +
		`<c r="G4" s="1"><v>44298</v></c><c r="H4" s="2"><v>612345678</v></c><c r="I4" s="3"><v>6200</v></c></row>` +
		`<row><c><v>1.5</v></c><c t="str"><f>A5*2</f><v>3</v></c><c t="d"><v>2021-04-12T00:00:00Z</v></c><c s="4"><v>0.125</v></c>` +
		`<c t="inlineStr"><is><r><t>en </t></r><r><t>morceaux</t></r></is></c></row>` +
		`<row r="9"><c r="A9" t="inlineStr"><is><t>  </t></is></c><c r="B9"/></row>` +
		`<row r="10"><c r="B10"><v>-7</v></c></row>`
	tb := mustRead(t, "f.xlsx", zipParts(t, workbookParts(sst, styleXML, "Feuil1", sd)))
	if !reflect.DeepEqual(tb.Header, []string{"Structure", "", "Texte"}) || tb.HeaderLine != 2 {
		t.Errorf("header %q on line %d", tb.Header, tb.HeaderLine)
	}
	want := [][]string{
		{"Les Amis ", "VRAI", "FAUX", "#N/A", "Ligne 1\r\nLigne 2 _x0041_", "0042", "2021-04-12", "06 12 34 56 78", "FR06200"},
		{"1.5", "3", "2021-04-12T00:00:00Z", "12,5 %", "en morceaux"},
		{"", "-7", ""},
	}
	if !reflect.DeepEqual(tb.Rows, want) {
		t.Errorf("rows\n%q\nwant\n%q", tb.Rows, want)
	}
	if !reflect.DeepEqual(tb.Lines, []int{4, 5, 10}) {
		t.Errorf("lines %v", tb.Lines)
	}
}

// A worksheet beyond the cell limit is refused: a row whose one value is in
// the last column holds 16 384 cells.
func TestXLSXTooManyCells(t *testing.T) {
	var sd strings.Builder
	for r := 1; r <= sheet.MaxCells/16384+1; r++ {
		fmt.Fprintf(&sd, `<row r="%d"><c r="XFD%d"><v>1</v></c></row>`, r, r)
	}
	_, err := sheet.Read("f.xlsx", bytes.NewReader(zipParts(t, workbookParts("", "", "Feuil1", sd.String()))))
	wantErr(t, err, "plus de 4 000 000 cellules")
}

func writeFile(t *testing.T, p string, b []byte) {
	t.Helper()
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// No worksheet content makes the reader panic (its recover would say
// « illisible », which a valid zip never gets) or return a table that
// breaks its promises.
func FuzzReadXLSXSheet(f *testing.F) {
	for _, s := range []string{
		`<row r="1"><c r="A1" t="inlineStr"><is><t>Structure</t></is></c></row><row r="3"><c r="B3" s="1"><v>44298</v></c></row>`,
		`<row><c t="s"><v>0</v></c><c t="b"><v>1</v></c></row><row><c><v>1.5</v></c><c t="e"><v>#N/A</v></c></row>`,
		`<row r="2"><c r="XFD2"><v>1</v></c></row>`,
		`<row r="7"><c r="A7"><v>1</c></row>`,
		`<row><c t="inlineStr"><is><r><t>a_x000D_b</t></r><rPh><t>x</t></rPh></is></c></row>`,
	} {
		f.Add(s)
	}
	sst := `<si><t>Structure</t></si><si><r><t>Les </t></r><r><t>Amis</t></r></si>`
	styleXML := `<numFmts count="1"><numFmt numFmtId="164" formatCode="00000"/></numFmts><cellXfs count="3"><xf/><xf numFmtId="14"/><xf numFmtId="164"/></cellXfs>`
	f.Fuzz(func(t *testing.T, sd string) {
		b := zipParts(t, workbookParts(sst, styleXML, "Feuil1", sd))
		tb, err := sheet.Read("f.xlsx", bytes.NewReader(b))
		if err != nil {
			if tb != nil || strings.Contains(err.Error(), "illisible") {
				t.Fatalf("%v (table %v)", err, tb != nil)
			}
			return
		}
		if len(tb.Rows) != len(tb.Lines) {
			t.Fatalf("%d rows, %d lines", len(tb.Rows), len(tb.Lines))
		}
		for i, r := range tb.Rows {
			if len(r) < len(tb.Header) || (i > 0 && tb.Lines[i] <= tb.Lines[i-1]) || tb.Lines[i] <= tb.HeaderLine {
				t.Fatalf("row %d: %q at %v", i, r, tb.Lines)
			}
		}
	})
}

// An OLE file named .xlsx is a workbook with a password, or an old .xls:
// each is told as such.
func TestXLSXOLEFiles(t *testing.T) {
	ole := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 504)...)
	var encrypted []byte
	for _, r := range "EncryptionInfo\x00EncryptedPackage" {
		encrypted = append(encrypted, byte(r), 0)
	}
	_, err := sheet.Read("f.xlsx", bytes.NewReader(append(append([]byte{}, ole...), encrypted...)))
	wantErr(t, err, "protégé par un mot de passe")
	_, err = sheet.Read("f.xlsx", bytes.NewReader(append(append([]byte{}, ole...), "Workbook"...)))
	wantErr(t, err, "ancien classeur Excel (.xls)")
}

// A zip that holds no workbook is told as such.
func TestXLSXOtherZip(t *testing.T) {
	b := zipParts(t, map[string]string{"[Content_Types].xml": contentTypes, "word/document.xml": "<document/>"})
	_, err := sheet.Read("f.xlsx", bytes.NewReader(b))
	wantErr(t, err, "archive d'un autre type")
	noSheet := workbookParts("", "")
	_, err = sheet.Read("f.xlsx", bytes.NewReader(zipParts(t, noSheet)))
	wantErr(t, err, "aucune feuille de calcul")
}
