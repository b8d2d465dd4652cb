// Package sheet reads the tabular files staff receive or export (CSV from any
// spreadsheet or from a web form, Excel workbooks) into a plain table of text
// cells. It knows nothing of applications: the importer maps columns to fields.
//
// A file is read whole or refused whole: a CSV file that does not parse, or
// a workbook cut or damaged in any part read, gives no partial table. Every
// failure is a *data.Error with code data.EINVALID and a French message a
// user can act on, naming the line and column at fault as the user sees them
// (« ligne 5, colonne 2 (Structure) »); no input, however malformed, makes it
// panic.
//
// Reading is bounded: the limits below are checked while the file streams,
// before any text is copied or expanded, so that a small hostile file (one
// long shared text used by a million cells, a zip bomb) is refused in
// milliseconds, and any file up to 10 Mo is read in under 300 Mo of memory
// and a few seconds (BenchmarkReadHostile).
package sheet

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/call-agglo/cohesion/data"
)

// Limits on what Read accepts. A call for proposals gets tens or hundreds of
// applications: anything near these bounds is a wrong file, not a register.
// They are checked while the file is read, before anything is expanded, so
// that no file within MaxBytes can make Read hold more than a few hundred Mo.
const (
	MaxBytes = 50 << 20 // 50 Mo
	MaxRows  = 200_000  // data rows, header excluded
	// MaxCells bounds the cells of the table (short rows padded to the header):
	// 200 000 lines of 20 columns.
	MaxCells = 4_000_000
	// MaxText bounds the text of all the cells together, counted as if each
	// cell held its own copy: a workbook that refers many times to one long
	// shared text gives no more than a CSV of MaxBytes could.
	MaxText = MaxBytes
	// MaxCellChars is Excel's limit on the length of a cell.
	MaxCellChars = 32_767
)

// Table is a file's content as text: the header (first non-blank row), then the
// data rows in file order, blank rows skipped.
type Table struct {
	Header []string
	// Rows holds the data rows. Each has at least len(Header) cells (shorter rows
	// are padded with ""); a row may have more when the file has cells beyond the
	// last header column: the importer reports them.
	Rows [][]string
	// Lines holds, for each row, its 1-based line number in a CSV file (the line
	// where the record starts) or its row number in a worksheet, for reports.
	Lines []int
	// HeaderLine is the line (or worksheet row) of the header, usually 1.
	HeaderLine int
	// Format describes what was read, for messages: « CSV (séparateur ;, UTF-8) »,
	// « Excel (feuille « Dossiers ») ».
	Format string
	// Sep is the CSV separator that was detected, 0 for a workbook.
	Sep rune
	// Encoding is the CSV text encoding that was detected ("UTF-8",
	// "Windows-1252", "UTF-16"), "" for a workbook.
	Encoding string
	// Sheet is the name of the worksheet that was read, "" for a CSV file.
	Sheet string
	// Sheets lists the workbook's worksheets in tab order, nil for a CSV file.
	Sheets []string
}

// Options says what to read from a file.
type Options struct {
	// Sheets lists worksheet names in order of preference (case and
	// surrounding spaces ignored): the first one the workbook holds is read;
	// when it holds none, or Sheets is empty, its first worksheet is. A
	// démarches-simplifiées export is read with Sheets: []string{"Dossiers"}.
	// Ignored for CSV files.
	Sheets []string
}

// Kind is the type of a file, from its extension.
type Kind int

// The kinds of files Read understands.
const (
	KindUnknown Kind = iota
	KindCSV
	KindXLSX
)

// KindOf returns the kind of a file from its name's extension (.csv and .txt are
// CSV, .xlsx is Excel), ignoring case.
func KindOf(name string) Kind {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".csv", ".txt":
		return KindCSV
	case ".xlsx", ".xlsm":
		return KindXLSX
	}
	return KindUnknown
}

// ReadFile opens and reads a .csv, .txt or .xlsx file (its first worksheet).
func ReadFile(path string) (*Table, error) {
	return ReadFileWith(path, Options{})
}

// ReadFileWith opens and reads a .csv, .txt or .xlsx file as opt says.
func ReadFileWith(path string, opt Options) (*Table, error) {
	if err := checkKind(path); err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, data.Errorf(data.ENOTFOUND, "Le fichier « %s » est introuvable.", filepath.Base(path))
		}
		if errors.Is(err, fs.ErrPermission) {
			return nil, data.Errorf(data.EINVALID, "Le fichier « %s » ne peut pas être lu : accès refusé. Est-il ouvert dans un autre logiciel ?", filepath.Base(path))
		}
		return nil, data.Errorf(data.EINTERNAL, "Impossible d'ouvrir le fichier « %s » : %v", filepath.Base(path), err)
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil {
		if st.IsDir() {
			return nil, data.Errorf(data.EINVALID, "« %s » est un dossier, pas un fichier.", filepath.Base(path))
		}
		if st.Size() > MaxBytes {
			return nil, tooBig()
		}
	}
	return ReadWith(filepath.Base(path), f, opt)
}

// Read reads a table from r; name (a file name or path) gives the format by its
// extension: .csv or .txt for CSV, .xlsx for an Excel workbook (first sheet).
func Read(name string, r io.Reader) (*Table, error) {
	return ReadWith(name, r, Options{})
}

// ReadWith reads a table from r as Read does, choosing the worksheet as opt
// says.
func ReadWith(name string, r io.Reader, opt Options) (*Table, error) {
	if err := checkKind(name); err != nil {
		return nil, err
	}
	b, err := readAll(r)
	if err != nil {
		return nil, data.Errorf(data.EINTERNAL, "Lecture du fichier impossible : %v", err)
	}
	if len(b) > MaxBytes {
		return nil, tooBig()
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return nil, data.Errorf(data.EINVALID, "Le fichier est vide.")
	}
	if KindOf(name) == KindXLSX {
		return readXLSX(b, opt)
	}
	return readCSV(b)
}

// readAll reads r up to MaxBytes+1 bytes. A file is read into a buffer of its
// size, not one grown by doubling: a file of 20 MB would otherwise pass
// through buffers of 100 MB in all, and the biggest stay at the import's peak.
func readAll(r io.Reader) ([]byte, error) {
	size := int64(512)
	if f, ok := r.(interface{ Stat() (fs.FileInfo, error) }); ok {
		if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
			size = min(st.Size(), MaxBytes) + 1 // +1: the read that sees the end
		}
	}
	r = io.LimitReader(r, MaxBytes+1)
	b := make([]byte, 0, size)
	for { // as os.ReadFile does
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err != nil {
			if err == io.EOF {
				err = nil
			}
			return b, err
		}
		if len(b) == cap(b) { // the file grew, or its size was not known
			b = append(b, 0)[:len(b)]
		}
	}
}

func checkKind(name string) error {
	if KindOf(name) != KindUnknown {
		return nil
	}
	ext := filepath.Ext(name)
	if ext == "" {
		ext = "fichier sans extension"
	}
	hint := ""
	switch strings.ToLower(ext) {
	case ".xls":
		hint = " Ouvrez-le dans votre tableur et enregistrez-le au format Excel .xlsx ou en CSV."
	case ".ods":
		hint = " Ouvrez-le dans LibreOffice et enregistrez-le au format Excel .xlsx ou en CSV."
	}
	return data.Errorf(data.EINVALID, "Format non pris en charge : %s (attendu .csv ou .xlsx).%s", ext, hint)
}

func tooBig() error {
	return data.Errorf(data.EINVALID, "Le fichier dépasse %d Mo : ce n'est sans doute pas un registre de dossiers. Vérifiez le fichier choisi.", MaxBytes>>20)
}

func tooManyRows() error {
	return data.Errorf(data.EINVALID, "Le fichier compte plus de %s lignes : ce n'est sans doute pas un registre de dossiers. Vérifiez le fichier choisi.", groupThousands(MaxRows))
}

// collector assembles a table from records as they are read: it skips blank
// records, takes the first remaining one as header, pads short rows, and
// refuses a file as soon as it passes a limit, naming the cell at fault.
type collector struct {
	t       Table
	started bool // the header has been read
	cells   int
	text    int
	letters bool // name columns by letter (worksheets) rather than by number
}

// add takes rec, the record at line; the collector keeps rec.
func (c *collector) add(rec []string, line int) error {
	if blankRecord(rec) {
		return nil
	}
	for j, s := range rec {
		if len(s) > MaxCellChars && utf8.RuneCountInString(s) > MaxCellChars {
			return cellTooLong(c.where(line, j+1))
		}
		c.text += len(s)
	}
	if c.text > MaxText {
		return tooMuchText()
	}
	c.cells += max(len(rec), len(c.t.Header))
	if c.cells > MaxCells {
		return tooManyCells()
	}
	if !c.started {
		c.started = true
		c.t.Header = make([]string, len(rec))
		for j, h := range rec {
			c.t.Header[j] = strings.TrimSpace(h)
		}
		c.t.HeaderLine = line
		return nil
	}
	if len(c.t.Rows) >= MaxRows {
		return tooManyRows()
	}
	if len(rec) < len(c.t.Header) {
		padded := make([]string, len(c.t.Header))
		copy(padded, rec)
		rec = padded
	}
	c.t.Rows = append(c.t.Rows, rec)
	c.t.Lines = append(c.t.Lines, line)
	return nil
}

// table returns the table read, or an error when it had no header.
func (c *collector) table() (*Table, error) {
	if !c.started {
		return nil, data.Errorf(data.EINVALID, "Le fichier ne contient aucune ligne d'en-tête : il est vide ou ne contient que des lignes blanches.")
	}
	t := c.t
	return &t, nil
}

// where names a cell as its user finds it: « ligne 5, colonne 2 (Structure) »
// in a CSV file, « ligne 5, colonne B (Structure) » in a worksheet, whose
// columns are lettered; the header is named once it has been read.
func (c *collector) where(line, col int) string {
	s := fmt.Sprintf("ligne %d, colonne %d", line, col)
	if c.letters {
		s = fmt.Sprintf("ligne %d, colonne %s", line, columnLetters(col))
	}
	if c.started && line != c.t.HeaderLine && col <= len(c.t.Header) && c.t.Header[col-1] != "" {
		s += " (" + abbrev(c.t.Header[col-1], 60) + ")"
	}
	return s
}

// columnLetters turns 1, 2… 27 into A, B… AA, as a worksheet heads its columns.
func columnLetters(col int) string {
	var b []byte
	for ; col > 0; col = (col - 1) / 26 {
		b = append([]byte{byte('A' + (col-1)%26)}, b...)
	}
	return string(b)
}

// abbrev shortens s to n characters for a message.
func abbrev(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

func cellTooLong(where string) error {
	return data.Errorf(data.EINVALID, "Le fichier est refusé : %s, la cellule dépasse %s caractères, la limite d'Excel. Raccourcissez-la, puis réessayez.", where, groupThousands(MaxCellChars))
}

func tooManyCells() error {
	return data.Errorf(data.EINVALID, "Le fichier compte plus de %s cellules : ce n'est sans doute pas un registre de dossiers. Vérifiez le fichier choisi.", groupThousands(MaxCells))
}

func tooMuchText() error {
	return data.Errorf(data.EINVALID, "Le fichier contient plus de %d Mo de texte une fois ses cellules lues : ce n'est sans doute pas un registre de dossiers. Vérifiez le fichier choisi.", MaxText>>20)
}

func blankRecord(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

func groupThousands(n int) string {
	s := fmt.Sprint(n)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
}
