// Package sheet reads the tabular files staff receive or export (CSV from any
// spreadsheet or from a web form, Excel workbooks) into a plain table of text
// cells. It knows nothing of applications: the importer maps columns to fields.
//
// Every failure is a *data.Error with code data.EINVALID and a French message a
// user can act on; no input, however malformed, makes it panic.
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

	"github.com/call-agglo/cohesion/data"
)

// Limits on what Read accepts. A call for proposals gets tens or hundreds of
// applications: anything near these bounds is a wrong file, not a register.
const (
	MaxBytes = 50 << 20 // 50 Mo
	MaxRows  = 200_000  // data rows, header excluded
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

// ReadFile opens and reads a .csv, .txt or .xlsx file.
func ReadFile(path string) (*Table, error) {
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
	return Read(filepath.Base(path), f)
}

// Read reads a table from r; name (a file name or path) gives the format by its
// extension: .csv or .txt for CSV, .xlsx for an Excel workbook (first sheet).
func Read(name string, r io.Reader) (*Table, error) {
	if err := checkKind(name); err != nil {
		return nil, err
	}
	b, err := io.ReadAll(io.LimitReader(r, MaxBytes+1))
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
		return readXLSX(b)
	}
	return readCSV(b)
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

// build assembles a table from records (each with its line number): skips blank
// records, takes the first remaining one as header, pads short rows.
func build(recs [][]string, lines []int) (*Table, error) {
	t := &Table{}
	first := true
	for i, rec := range recs {
		if blankRecord(rec) {
			continue
		}
		if first {
			first = false
			t.Header = make([]string, len(rec))
			for j, h := range rec {
				t.Header[j] = strings.TrimSpace(h)
			}
			t.HeaderLine = lines[i]
			continue
		}
		if len(t.Rows) >= MaxRows {
			return nil, tooManyRows()
		}
		if len(rec) < len(t.Header) {
			padded := make([]string, len(t.Header))
			copy(padded, rec)
			rec = padded
		}
		t.Rows = append(t.Rows, rec)
		t.Lines = append(t.Lines, lines[i])
	}
	if first {
		return nil, data.Errorf(data.EINVALID, "Le fichier ne contient aucune ligne d'en-tête : il est vide ou ne contient que des lignes blanches.")
	}
	return t, nil
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
