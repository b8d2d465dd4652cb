package sheet

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/call-agglo/cohesion/data"
)

// A workbook is a zip of XML parts. It is read part by part, streaming, with
// encoding/xml: nothing is inflated or expanded before the limits below and
// the table's (MaxCells, MaxText, MaxCellChars…) have been checked, so that a
// small file cannot make the reader hold, or spend time on, more than a file
// of MaxBytes would.
const (
	// maxInflated bounds the bytes inflated from the parts read (the list of
	// sheets, the formats, the shared texts and one worksheet), declared or
	// actual: it bounds the time of a read, at some 50 Mo of XML a second.
	maxInflated = 128 << 20
	// maxRun bounds a run of text between two tags, or a tag: encoding/xml
	// holds each whole. A cell of MaxCellChars characters, each written as the
	// longest escape (_xHHHH_, 7 bytes), fits.
	maxRun = 1 << 20
	// maxDepth bounds the nesting of elements (a worksheet needs 7).
	maxDepth = 64
	// maxStyles bounds the cell formats and number formats (Excel: 64 000).
	maxStyles = 1 << 17
	// maxSharedStrings bounds the distinct texts of a workbook.
	maxSharedStrings = 1_000_000
	// maxSheets bounds the sheets listed by a workbook.
	maxSheets = 10_000
	// maxWorksheetRows is Excel's number of rows.
	maxWorksheetRows = 1 << 20
)

// What a part's reading stopped on, before it becomes a message.
var (
	errCut       = errors.New("sheet: part ends too early")
	errMalformed = errors.New("sheet: part is not what a spreadsheet writes")
	errInflate   = errors.New("sheet: workbook inflates beyond the limit")
	errLongRun   = errors.New("sheet: text run beyond the limit")
)

// readXLSX reads one worksheet of a workbook, as opt chooses. Text cells come
// as typed; number cells as plain decimal numbers (12500.5, never 1.25E+04 nor
// 12500.499999999998); date cells as ISO 8601 (2021-04-12, or
// 2021-04-12T14:30:00 when they hold a time), which data.ParseDate and
// data.ParseDateTime read; percentages as « 80 % »; booleans as VRAI, FAUX.
// A workbook that is cut or damaged anywhere in the parts read is refused
// whole.
func readXLSX(b []byte, opt Options) (t *Table, err error) {
	// The reader is ours and checked, but a workbook must never bring the app down.
	defer func() {
		if r := recover(); r != nil {
			t, err = nil, unreadableXLSX()
		}
	}()
	if !bytes.HasPrefix(b, []byte("PK")) {
		return nil, notWorkbook(b)
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, unreadableXLSX()
	}
	p := newPackage(zr)
	wb, err := p.workbook()
	if err != nil {
		return nil, err
	}
	ws, err := wb.choose(opt.Sheets)
	if err != nil {
		return nil, err
	}
	st, err := p.styles(wb.stylesPart)
	if err != nil {
		return nil, err
	}
	sst, err := p.sharedStrings(wb.sstPart)
	if err != nil {
		return nil, err
	}
	t, err = p.worksheet(ws, &sheetContext{sst: sst, styles: st, date1904: wb.date1904})
	if err != nil {
		return nil, err
	}
	t.Format = fmt.Sprintf("Excel (feuille « %s »)", ws.name)
	t.Sheet = ws.name
	t.Sheets = wb.names()
	return t, nil
}

func unreadableXLSX() error {
	return data.Errorf(data.EINVALID, "Le fichier Excel est illisible ou incomplet : il a peut-être été mal copié ou enregistré. Ouvrez-le dans votre tableur, enregistrez-le de nouveau au format .xlsx, puis réessayez.")
}

// notWorkbook says what a file named .xlsx that is no zip is.
func notWorkbook(b []byte) error {
	if bytes.HasPrefix(b, []byte{0xD0, 0xCF, 0x11, 0xE0}) {
		// An OLE file: a workbook encrypted with a password, or an old .xls.
		if bytes.Contains(b, utf16LE("EncryptedPackage")) {
			return data.Errorf(data.EINVALID, "Le fichier Excel est protégé par un mot de passe : enregistrez-en une copie sans mot de passe.")
		}
		return data.Errorf(data.EINVALID, "Le fichier est un ancien classeur Excel (.xls) renommé en .xlsx : ouvrez-le dans votre tableur et enregistrez-le au format .xlsx ou en CSV.")
	}
	if sniffBinary(b) == nil && checkText(b) == nil {
		return data.Errorf(data.EINVALID, "Le fichier n'est pas un classeur Excel : c'est un fichier texte, sans doute un CSV renommé en .xlsx. Renommez-le en .csv.")
	}
	return unreadableXLSX()
}

func utf16LE(s string) []byte {
	var b []byte
	for _, r := range s {
		b = append(b, byte(r), byte(r>>8))
	}
	return b
}

// partPos is where the reading of a worksheet stands, for messages.
type partPos struct {
	row   int  // the last worksheet row started
	inRow bool // the row is not closed yet
}

// cutAt completes « la feuille s'interrompt… ».
func (p partPos) cutAt() string {
	switch {
	case p.inRow:
		return fmt.Sprintf(" au milieu de la ligne %d", p.row)
	case p.row > 0:
		return fmt.Sprintf(" après la ligne %d", p.row)
	}
	return ""
}

// badAt completes « le contenu de la feuille est invalide… ».
func (p partPos) badAt() string {
	switch {
	case p.inRow:
		return fmt.Sprintf(" à la ligne %d", p.row)
	case p.row > 0:
		return fmt.Sprintf(" après la ligne %d", p.row)
	}
	return ""
}

// failure turns what stopped the reading of a part (what: « la feuille
// « Dossiers » ») into a French message; a *data.Error passes as it is.
func failure(err error, what string, at partPos) error {
	var de *data.Error
	switch {
	case errors.As(err, &de):
		return de
	case errors.Is(err, errInflate):
		return data.Errorf(data.EINVALID, "Le fichier Excel se décompresse en plus de %d Mo : ce n'est sans doute pas un registre de dossiers, ou il est piégé. Vérifiez le fichier choisi.", maxInflated>>20)
	case errors.Is(err, errLongRun):
		return data.Errorf(data.EINVALID, "Le fichier Excel contient, dans %s%s, un texte de plus de %s caractères, la limite d'Excel : raccourcissez-le, puis réessayez.", what, at.badAt(), groupThousands(MaxCellChars))
	case errors.Is(err, errCut), errors.Is(err, io.ErrUnexpectedEOF):
		return data.Errorf(data.EINVALID, "Le fichier Excel est incomplet : %s s'interrompt%s ; le fichier a sans doute été mal copié, ou son enregistrement interrompu. Ouvrez-le dans votre tableur, enregistrez-le de nouveau au format .xlsx, puis réessayez.", what, at.cutAt())
	case errors.Is(err, zip.ErrAlgorithm):
		return data.Errorf(data.EINVALID, "Le fichier Excel utilise une compression que Cohésion ne lit pas : ouvrez-le dans votre tableur, enregistrez-le de nouveau au format .xlsx, puis réessayez.")
	}
	return data.Errorf(data.EINVALID, "Le fichier Excel est endommagé : le contenu de %s est invalide%s. Ouvrez-le dans votre tableur, enregistrez-le de nouveau au format .xlsx, puis réessayez.", what, at.badAt())
}

// xlsxPackage gives access to a workbook's parts within the inflate budget.
type xlsxPackage struct {
	parts  map[string]*zip.File // by normalised name
	budget int64                // bytes that may still be inflated
}

func newPackage(zr *zip.Reader) *xlsxPackage {
	p := &xlsxPackage{parts: map[string]*zip.File{}, budget: maxInflated}
	for _, f := range zr.File {
		name := partName(f.Name)
		if _, dup := p.parts[name]; !dup {
			p.parts[name] = f
		}
	}
	return p
}

// partName normalises a part name: OOXML names are case-insensitive, and
// some Windows tools write backslashes.
func partName(name string) string {
	return strings.ToLower(strings.TrimPrefix(strings.ReplaceAll(name, `\`, "/"), "/"))
}

// has reports whether the package holds the part.
func (p *xlsxPackage) has(name string) bool {
	_, ok := p.parts[partName(name)]
	return ok
}

// parse streams the part name through fn, counting what it inflates; what
// names the part in messages and at tells where a worksheet's reading stands.
// A missing part is errMalformed.
func (p *xlsxPackage) parse(name, what string, at *partPos, fn func(*xmlWalker) error) error {
	pos := func() partPos {
		if at == nil {
			return partPos{}
		}
		return *at
	}
	f, ok := p.parts[partName(name)]
	if !ok {
		return failure(errMalformed, what, pos())
	}
	if f.UncompressedSize64 > uint64(p.budget) {
		return failure(errInflate, what, pos())
	}
	rc, err := f.Open()
	if err != nil {
		return failure(err, what, pos())
	}
	defer rc.Close()
	if err := fn(newWalker(&partReader{r: rc, budget: &p.budget})); err != nil {
		return failure(err, what, pos())
	}
	return nil
}

// partReader counts the bytes inflated against the package's budget, whatever
// the zip declares, and refuses a run of text or a tag longer than maxRun.
type partReader struct {
	r      io.Reader
	budget *int64
	run    int // bytes since the last '<'
}

func (pr *partReader) Read(b []byte) (int, error) {
	n, err := pr.r.Read(b)
	if *pr.budget -= int64(n); *pr.budget < 0 {
		return 0, errInflate
	}
	for chunk := b[:n]; len(chunk) > 0; {
		i := bytes.IndexByte(chunk, '<')
		if i < 0 {
			pr.run += len(chunk)
			break
		}
		if pr.run+i > maxRun {
			return 0, errLongRun
		}
		pr.run, chunk = 0, chunk[i+1:]
	}
	if pr.run > maxRun {
		return 0, errLongRun
	}
	return n, err
}

// resolve finds the part a relationship's target names, relative to the part
// that holds the relationship or absolute.
func resolve(from, target string) string {
	target = strings.ReplaceAll(target, `\`, "/")
	if strings.HasPrefix(target, "/") {
		return path.Clean(target[1:])
	}
	return path.Join(path.Dir(from), target)
}

// relsOf is the relationships part of a part: xl/_rels/workbook.xml.rels.
func relsOf(part string) string {
	return path.Join(path.Dir(part), "_rels", path.Base(part)+".rels")
}
