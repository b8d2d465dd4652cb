package reports

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"

	"github.com/call-agglo/cohesion/data/files"
)

// The council's documents are also written as an editable Word document
// (.docx): a minimal WordprocessingML package written by hand, with no
// dependency — [Content_Types].xml, the package's relationships, the
// document, its styles (Heading 1 to 3, so that Word's navigation pane and
// LibreOffice's navigator list the sections), a header that carries
// « PROJET » on every page of a draft, and a footer with the page numbers.
// Tables are real w:tbl tables, their header row repeated on every page.
// The elements follow the schema's order: Word refuses a file otherwise.

// WriteDocxFile writes doc as a .docx, put in place only once whole.
func WriteDocxFile(doc *Document, path string) error {
	var buf bytes.Buffer
	if err := WriteDocx(doc, &buf); err != nil {
		return err
	}
	return files.Write(path, buf.Bytes(), 0o644)
}

// WriteDocx writes doc as a WordprocessingML package.
func WriteDocx(doc *Document, w io.Writer) error {
	d := &docxWriter{doc: doc, orient: orientOf(doc.Orientation)}
	for _, b := range doc.Blocks {
		if m, ok := b.(Watermark); ok && strings.TrimSpace(m.Text) != "" {
			d.mark = strings.TrimSpace(m.Text)
		}
	}
	body := d.body()
	z := zip.NewWriter(w)
	parts := []struct{ name, text string }{
		{"[Content_Types].xml", d.contentTypes()},
		{"_rels/.rels", rootRels},
		{"docProps/core.xml", d.core()},
		{"word/_rels/document.xml.rels", d.documentRels()},
		{"word/styles.xml", docxStyles},
		{"word/document.xml", body},
		{"word/footer1.xml", d.footer()},
	}
	if d.mark != "" {
		parts = append(parts, struct{ name, text string }{"word/header1.xml", d.header()})
	}
	for _, p := range parts {
		fh := &zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: doc.GeneratedAt.UTC()}
		f, err := z.CreateHeader(fh)
		if err != nil {
			return err
		}
		if _, err := io.WriteString(f, xml.Header+p.text); err != nil {
			return err
		}
	}
	return z.Close()
}

const (
	nsW = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
	// A4 in twentieths of a point, and 2 cm margins.
	a4Short, a4Long, docxMargin = 11906, 16838, 1134
)

const rootRels = `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`</Relationships>`

// docxStyles: Arial (Liberation Sans under LibreOffice) 10 pt, and the
// headings, each with its outline level.
var docxStyles = `<w:styles ` + nsW + `>` +
	`<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:eastAsia="Arial" w:cs="Arial"/><w:sz w:val="20"/><w:szCs w:val="20"/><w:lang w:val="fr-FR"/></w:rPr></w:rPrDefault>` +
	`<w:pPrDefault><w:pPr><w:spacing w:after="100" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>` +
	`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>` +
	headingStyle(1, 30, "1F3864", 240) + headingStyle(2, 24, "1F3864", 200) + headingStyle(3, 21, "2F5496", 160) +
	`<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>` +
	`<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="45" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="45" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>` +
	`</w:styles>`

func headingStyle(level, halfPoints int, colour string, before int) string {
	return fmt.Sprintf(`<w:style w:type="paragraph" w:styleId="Heading%d"><w:name w:val="heading %d"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>`+
		`<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="%d" w:after="80"/><w:outlineLvl w:val="%d"/></w:pPr>`+
		`<w:rPr><w:b/><w:bCs/><w:color w:val="%s"/><w:sz w:val="%d"/><w:szCs w:val="%d"/></w:rPr></w:style>`, level, level, before, level-1, colour, halfPoints, halfPoints)
}

type docxWriter struct {
	doc    *Document
	orient Orientation
	mark   string
	b      strings.Builder
}

func orientOf(o Orientation) Orientation {
	if o == Landscape {
		return Landscape
	}
	return Portrait
}

func (d *docxWriter) contentTypes() string {
	s := `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
		`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
		`<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>` +
		`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>`
	if d.mark != "" {
		s += `<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>`
	}
	return s + `</Types>`
}

func (d *docxWriter) documentRels() string {
	s := `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
		`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>`
	if d.mark != "" {
		s += `<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>`
	}
	return s + `</Relationships>`
}

func (d *docxWriter) core() string {
	at := d.doc.GeneratedAt.UTC().Format("2006-01-02T15:04:05Z")
	return `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" ` +
		`xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
		`<dc:title>` + esc(d.doc.Title) + `</dc:title><dc:creator>Cohésion</dc:creator><dc:language>fr-FR</dc:language>` +
		`<dcterms:created xsi:type="dcterms:W3CDTF">` + at + `</dcterms:created></cp:coreProperties>`
}

// header carries the draft mark on every page, as the PDF's top right does.
func (d *docxWriter) header() string {
	return `<w:hdr ` + nsW + `><w:p><w:pPr><w:jc w:val="right"/></w:pPr>` + run(d.mark, true, 28, "808080") + `</w:p></w:hdr>`
}

// footer is the PDF's: the campaign on the left, the page and the count.
func (d *docxWriter) footer() string {
	f := d.doc.Footer
	s := `<w:ftr ` + nsW + `><w:p><w:pPr><w:pBdr><w:top w:val="single" w:sz="4" w:space="4" w:color="A0A0A0"/></w:pBdr></w:pPr>` + run(f.Left, false, 14, "606060")
	if f.Date {
		s += run(" · "+formatDate(d.doc.GeneratedAt), false, 14, "606060")
	}
	if f.PageNumbers {
		s += run(" · page ", false, 14, "606060") + field("PAGE") + run(" / ", false, 14, "606060") + field("NUMPAGES")
	}
	return s + `</w:p></w:ftr>`
}

func field(name string) string {
	return `<w:fldSimple w:instr=" ` + name + ` \* MERGEFORMAT ">` + run("1", false, 14, "606060") + `</w:fldSimple>`
}

// sectPr closes a section in the orientation it had.
func (d *docxWriter) sectPr() string {
	w, h, orient := a4Short, a4Long, ""
	if d.orient == Landscape {
		w, h, orient = a4Long, a4Short, ` w:orient="landscape"`
	}
	s := `<w:sectPr>`
	if d.mark != "" {
		s += `<w:headerReference w:type="default" r:id="rId3"/>`
	}
	return s + `<w:footerReference w:type="default" r:id="rId2"/>` +
		fmt.Sprintf(`<w:pgSz w:w="%d" w:h="%d"%s/><w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr>`,
			w, h, orient, docxMargin, docxMargin, docxMargin, docxMargin)
}

// textWidth is the width between the margins, in twips.
func (d *docxWriter) textWidth() int {
	if d.orient == Landscape {
		return a4Long - 2*docxMargin
	}
	return a4Short - 2*docxMargin
}

func (d *docxWriter) body() string {
	d.b.WriteString(`<w:document ` + nsW + `><w:body>`)
	d.blocks(d.doc.Blocks)
	d.b.WriteString(d.sectPr() + `</w:body></w:document>`)
	return d.b.String()
}

func (d *docxWriter) blocks(bl []Block) {
	for _, b := range bl {
		switch x := b.(type) {
		case Heading:
			lvl := min(max(x.Level, 1), 3)
			d.b.WriteString(`<w:p><w:pPr><w:pStyle w:val="Heading` + strconv.Itoa(lvl) + `"/></w:pPr>` + runs(x.Text, false, 0, "") + `</w:p>`)
		case Paragraph:
			d.paragraph(x)
		case KeyValues:
			for _, p := range x.Pairs {
				d.b.WriteString(`<w:p>` + run(p[0]+" : ", true, 0, "") + runs(p[1], false, 0, "") + `</w:p>`)
			}
		case Table:
			d.table(x)
		case Notice:
			d.b.WriteString(`<w:p><w:pPr><w:pBdr><w:top w:val="single" w:sz="6" w:space="4" w:color="C00000"/><w:left w:val="single" w:sz="6" w:space="4" w:color="C00000"/>` +
				`<w:bottom w:val="single" w:sz="6" w:space="4" w:color="C00000"/><w:right w:val="single" w:sz="6" w:space="4" w:color="C00000"/></w:pBdr></w:pPr>` + runs(x.Text, true, 0, "") + `</w:p>`)
		case Signature:
			d.signature(x)
		case Spacer:
			d.b.WriteString(`<w:p/>`)
		case Boxes:
			for _, it := range x.Items {
				d.b.WriteString(`<w:p>` + runs("☐ "+it, false, 0, "") + `</w:p>`)
			}
		case PageBreak:
			d.pageBreak(x)
		case BarChart, ScoreGrid, FreeArea, Watermark, Anchor:
			// Drawn only in the PDF; the council's documents have none but the
			// watermark, which is the header.
		}
	}
}

// signature is the PDF's: on the right half, the signatory in bold, room
// to sign under it.
func (d *docxWriter) signature(x Signature) {
	if len(x.Lines) == 0 {
		return
	}
	last := len(x.Lines) - 1
	text := runs(strings.Join(x.Lines[:last], "\n"), false, 0, "")
	if last > 0 {
		text += `<w:r><w:br/></w:r>`
	}
	d.b.WriteString(`<w:p><w:pPr><w:keepLines/><w:spacing w:before="360" w:after="1200"/><w:ind w:left="` + strconv.Itoa(d.textWidth()/2) + `"/></w:pPr>` +
		text + runs(x.Lines[last], true, 0, "") + `</w:p>`)
}

// pageBreak starts a new page; in another orientation, a new section.
func (d *docxWriter) pageBreak(x PageBreak) {
	o := x.Orientation
	if o == "" {
		o = orientOf(d.doc.Orientation)
	}
	if o == d.orient {
		d.b.WriteString(`<w:p><w:r><w:br w:type="page"/></w:r></w:p>`)
		return
	}
	d.b.WriteString(`<w:p><w:pPr>` + d.sectPr() + `</w:pPr></w:p>`)
	d.orient = o
}

func (d *docxWriter) paragraph(p Paragraph) {
	pPr := ""
	if p.Indent > 0 {
		pPr += `<w:ind w:left="` + strconv.Itoa(int(p.Indent*56.7)) + `"/>`
	}
	pPr += jc(p.Align)
	if pPr != "" {
		pPr = `<w:pPr>` + pPr + `</w:pPr>`
	}
	d.b.WriteString(`<w:p>` + pPr + runs(p.Text, p.Bold, int(p.Size*2), "") + `</w:p>`)
}

func jc(a Align) string {
	switch a {
	case AlignCenter:
		return `<w:jc w:val="center"/>`
	case AlignRight:
		return `<w:jc w:val="right"/>`
	}
	return ""
}

// columnWidths shares total (twips) out as the PDF's weights do, but gives
// each column at least its longest unbreakable word (an amount, a SIRET),
// taken from the columns that have room to spare: Word and LibreOffice
// otherwise cut « 12 000,00 € » in two.
func columnWidths(t Table, total, halfPoints int) []int {
	var weights float64
	for _, c := range t.Columns {
		weights += c.Width
	}
	widths, least := make([]int, len(t.Columns)), make([]int, len(t.Columns))
	word := func(i int, s string) {
		for _, w := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '\n' }) {
			least[i] = max(least[i], wordWidth(w, halfPoints)+120)
		}
	}
	for i, c := range t.Columns {
		widths[i] = int(float64(total) * c.Width / weights)
		word(i, c.Title)
		for _, r := range append(t.Rows, t.TotalRow) {
			if i < len(r) {
				word(i, r[i])
			}
		}
	}
	deficit, spare := 0, 0
	for i := range widths {
		if widths[i] < least[i] {
			deficit += least[i] - widths[i]
		} else {
			spare += widths[i] - least[i]
		}
	}
	if deficit == 0 {
		return widths
	}
	if deficit > spare {
		return rigidFirst(t, widths, least, total)
	}
	for i := range widths {
		if widths[i] < least[i] {
			widths[i] = least[i]
		} else {
			widths[i] -= (widths[i] - least[i]) * deficit / spare
		}
	}
	return widths
}

// rigidFirst shares a width too narrow for every word: the columns of
// single words (numbers, SIRET, amounts) get their word's width, the columns
// of text what is left, by their weights.
func rigidFirst(t Table, widths, least []int, total int) []int {
	rigid := make([]bool, len(t.Columns))
	rest, flex := total, 0.0
	for i, c := range t.Columns {
		rigid[i] = true
		for _, r := range t.Rows {
			if i < len(r) && strings.ContainsAny(strings.TrimSpace(r[i]), " \n") {
				rigid[i] = false
				break
			}
		}
		if rigid[i] {
			rest -= least[i]
		} else {
			flex += c.Width
		}
	}
	if rest <= 0 || flex == 0 {
		return widths
	}
	for i, c := range t.Columns {
		if rigid[i] {
			widths[i] = least[i]
		} else {
			widths[i] = int(float64(rest) * c.Width / flex)
		}
	}
	return widths
}

// wordWidth is a generous width of a word in twips (an em is 10 twips per
// half point): 0.8 em for a capital, 0.7 em otherwise — DejaVu Sans, which
// LibreOffice may put in Arial's place, is wide.
func wordWidth(w string, halfPoints int) int {
	n := 0
	for _, r := range w {
		if unicode.IsUpper(r) {
			n += 8
		} else {
			n += 7
		}
	}
	return n * halfPoints
}

// table writes a w:tbl: widths shared out as the PDF does, the header row
// repeated on every page, the total row bold, then what closes the table.
func (d *docxWriter) table(t Table) {
	size := int(t.FontSize*2) - 1 // a half point smaller than the PDF: Word's cells have wider margins
	if t.FontSize == 0 {
		size = 17
	}
	total := d.textWidth()
	widths := columnWidths(t, total, size)
	border := `w:val="single" w:sz="4" w:space="0" w:color="A0A0A0"`
	d.b.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="` + strconv.Itoa(total) + `" w:type="dxa"/><w:tblBorders><w:top ` + border + `/><w:left ` + border + `/><w:bottom ` + border +
		`/><w:right ` + border + `/><w:insideH ` + border + `/><w:insideV ` + border + `/></w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>`)
	for _, w := range widths {
		d.b.WriteString(`<w:gridCol w:w="` + strconv.Itoa(w) + `"/>`)
	}
	d.b.WriteString(`</w:tblGrid>`)
	head := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		head[i] = c.Title
	}
	d.row(t, widths, head, `<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>`, true, "DCE3EF", size, true)
	for _, r := range t.Rows {
		d.row(t, widths, r, `<w:trPr><w:cantSplit/></w:trPr>`, false, "", size, false)
	}
	if t.TotalRow != nil {
		d.row(t, widths, t.TotalRow, `<w:trPr><w:cantSplit/></w:trPr>`, true, "EDEDED", size, false)
	}
	d.b.WriteString(`</w:tbl>`)
	if len(t.Closing) > 0 {
		d.blocks(t.Closing)
	} else {
		d.b.WriteString(`<w:p><w:pPr><w:spacing w:after="0"/></w:pPr></w:p>`) // Word needs a paragraph between two tables
	}
}

func (d *docxWriter) row(t Table, widths []int, cells []string, trPr string, bold bool, fill string, size int, header bool) {
	d.b.WriteString(`<w:tr>` + trPr)
	for i := range t.Columns {
		cell := ""
		if i < len(cells) {
			cell = cells[i]
		}
		shd := ""
		if fill != "" {
			shd = `<w:shd w:val="clear" w:color="auto" w:fill="` + fill + `"/>`
		}
		align := t.Columns[i].Align
		if header {
			align = AlignCenter
		}
		pPr := `<w:pPr><w:spacing w:before="20" w:after="20"/>` + jc(align) + `</w:pPr>`
		d.b.WriteString(`<w:tc><w:tcPr><w:tcW w:w="` + strconv.Itoa(widths[i]) + `" w:type="dxa"/>` + shd + `</w:tcPr><w:p>` + pPr + runs(cell, bold, size, "") + `</w:p></w:tc>`)
	}
	d.b.WriteString(`</w:tr>`)
}

// runs is text as runs, its lines separated by w:br.
func runs(text string, bold bool, halfPoints int, colour string) string {
	var b strings.Builder
	for i, line := range strings.Split(text, "\n") {
		if i > 0 {
			b.WriteString(`<w:r><w:br/></w:r>`)
		}
		if line != "" {
			b.WriteString(run(line, bold, halfPoints, colour))
		}
	}
	return b.String()
}

func run(text string, bold bool, halfPoints int, colour string) string {
	return `<w:r>` + rPr(bold, halfPoints, colour) + `<w:t xml:space="preserve">` + esc(text) + `</w:t></w:r>`
}

func rPr(bold bool, halfPoints int, colour string) string {
	s := ""
	if bold {
		s += `<w:b/><w:bCs/>`
	}
	if colour != "" {
		s += `<w:color w:val="` + colour + `"/>`
	}
	if halfPoints > 0 {
		s += `<w:sz w:val="` + strconv.Itoa(halfPoints) + `"/><w:szCs w:val="` + strconv.Itoa(halfPoints) + `"/>`
	}
	if s == "" {
		return ""
	}
	return `<w:rPr>` + s + `</w:rPr>`
}

// esc escapes text for XML, dropping the characters XML 1.0 forbids.
func esc(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r != 0xFFFE && r != 0xFFFF && (r < 0xD800 || r > 0xDFFF) {
			return r
		}
		return -1
	}, s)
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}
