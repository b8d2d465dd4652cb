// Package export turns the register, the jury's ranking and a répartition into
// tables, and writes them as Excel workbooks (.xlsx) or CSV files that a French
// spreadsheet opens right, plus the open-data file of the grants awarded (SCDL
// « subventions », décret n° 2017-779).
//
// A Table is typed: amounts are integer cents, dates are data.Date, instants
// time.Time, scores *big.Rat. The writers turn them into real numbers and dates
// (never text that looks like one), and neutralise text that a spreadsheet
// would take for a formula (CSV/formula injection, OWASP).
//
// The package is pure: no database, no GUI. It imports data/sqlite only for its
// row types.
package export

import (
	"math/big"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/jury"
)

// Kind is the type of a column's values.
type Kind int

// The kinds of columns, and the Go type of their values in Table.Rows. A nil
// value (or the zero Date, the zero time.Time) is an empty cell.
const (
	Text     Kind = iota // string
	Amount               // int64 (or int) cents: a number of euros with two decimals
	Date                 // data.Date: a civil date
	DateTime             // time.Time: an instant, shown in Paris time
	Int                  // int or int64
	Score                // *big.Rat: a score on 20, shown with two decimals (rounded half up)
)

// String names a kind, for error messages.
func (k Kind) String() string {
	switch k {
	case Text:
		return "texte"
	case Amount:
		return "montant"
	case Date:
		return "date"
	case DateTime:
		return "date et heure"
	case Int:
		return "entier"
	case Score:
		return "note"
	}
	return "type " + strconv.Itoa(int(k))
}

// Column is one column of a table.
type Column struct {
	Title string
	Kind  Kind
	// Width is the column's width in an Excel sheet, in characters; 0 sizes it
	// from its content (header included), between 6 and 60.
	Width float64
}

// Table is one sheet of an export: a header line, then the data rows.
type Table struct {
	// Sheet is the worksheet's name. WriteXLSX makes it valid (at most 31
	// characters, none of : \ / ? * [ ]) and unique in the workbook.
	Sheet   string
	Columns []Column
	// Rows holds the data, one value per column, of the Go type of the
	// column's Kind. A row may be shorter than Columns: the rest is empty.
	Rows [][]any
	// Footer holds lines written after the data (totals): in an Excel sheet,
	// in bold after a blank row, outside the autofilter so that sorting the data
	// leaves them in place; in a CSV file, right after the data. Same types as
	// Rows.
	Footer [][]any
}

// cell is one value, checked against its column's kind.
type cell struct {
	kind  Kind
	blank bool
	text  string
	cents int64
	date  data.Date
	at    time.Time
	n     int64
	score *big.Rat
}

// cellAt reads the value of row r at column j, checking its type.
func (t *Table) cellAt(r []any, j int) (cell, error) {
	k := t.Columns[j].Kind
	c := cell{kind: k}
	if j >= len(r) || r[j] == nil {
		c.blank = true
		return c, nil
	}
	v := r[j]
	ok := true
	switch k {
	case Text:
		var s string
		if s, ok = v.(string); ok {
			c.text, c.blank = s, s == ""
		}
	case Amount:
		switch x := v.(type) {
		case int64:
			c.cents = x
		case int:
			c.cents = int64(x)
		default:
			ok = false
		}
	case Date:
		var d data.Date
		if d, ok = v.(data.Date); ok {
			c.date, c.blank = d, d.IsZero()
		}
	case DateTime:
		var at time.Time
		if at, ok = v.(time.Time); ok {
			c.at, c.blank = at, at.IsZero()
		}
	case Int:
		switch x := v.(type) {
		case int64:
			c.n = x
		case int:
			c.n = int64(x)
		default:
			ok = false
		}
	case Score:
		var s *big.Rat
		if s, ok = v.(*big.Rat); ok {
			c.score, c.blank = s, s == nil
		}
	default:
		return c, data.Errorf(data.EINTERNAL, "Export « %s » : la colonne « %s » est d'un type inconnu (%d).", t.Sheet, t.Columns[j].Title, int(k))
	}
	if !ok {
		return c, data.Errorf(data.EINTERNAL, "Export « %s » : la colonne « %s » attend un %s, pas une valeur de type %T.", t.Sheet, t.Columns[j].Title, k, v)
	}
	return c, nil
}

// check verifies every line's length before anything is written.
func (t *Table) check() error {
	for _, block := range [][][]any{t.Rows, t.Footer} {
		for i, r := range block {
			if len(r) > len(t.Columns) {
				return data.Errorf(data.EINTERNAL, "Export « %s » : la ligne %d compte %d valeurs pour %d colonnes.", t.Sheet, i+1, len(r), len(t.Columns))
			}
		}
	}
	return nil
}

// Neutralize protects a text against formula injection (OWASP « CSV
// injection »): a text that begins with =, +, -, @, a tab or a carriage return
// (or their full-width forms, or one of them after leading spaces) gets a
// leading single quote, so that a spreadsheet shows it as text and never runs
// it. Other texts are returned unchanged.
func Neutralize(s string) string {
	if needsQuote(s) {
		return "'" + s
	}
	return s
}

func needsQuote(s string) bool {
	if s == "" {
		return false
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return true
	}
	t := strings.TrimLeft(s, " \u00a0\u202f\u3000")
	if t == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(t)
	switch r {
	case '=', '+', '-', '@', '\t', '\r', '\uff1d', '\uff0b', '\uff0d', '\uff20', '\u2212':
		return true
	}
	return false
}

// euroDecimal writes cents as a plain decimal number of euros with a dot, in
// its shortest form: 12345678 → "123456.78", 1 → "0.01", 10 → "0.1",
// 1250000 → "12500". It is exact: built from the integer, no float64.
func euroDecimal(cents int64) string {
	s := data.FormatCents(cents, '.')
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

// scoreFixed is a score rounded half up to hundredths, with the given decimal
// mark: « 12,35 » or "12.35". It uses the jury's own rounding, so every export
// shows what the screens and the PDFs show.
func scoreFixed(r *big.Rat, mark byte) string {
	s := jury.FormatScore(r) // « 12,35 »
	if mark != ',' {
		s = strings.Replace(s, ",", string(mark), 1)
	}
	return s
}

// frenchDateTime is dd/mm/yyyy hh:mm in Paris.
func frenchDateTime(t time.Time) string { return data.FormatDateTime(t) }

// yesNo is « oui » or « non ».
func yesNo(b bool) string {
	if b {
		return "oui"
	}
	return "non"
}
