package export

import (
	"bufio"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/call-agglo/cohesion/data"
)

// bom is the UTF-8 byte order mark: without it, Excel on Windows reads a CSV
// file as Windows-1252 and garbles every accent.
const bom = "\uFEFF"

// WriteCSV writes the table as a CSV file for a French spreadsheet: UTF-8 with
// a byte order mark, « ; » between fields, CRLF line ends. Amounts are written
// « 1234,56 » (decimal comma, no grouping) so that Excel reads numbers, dates
// dd/mm/yyyy, instants dd/mm/yyyy hh:mm in Paris time, scores « 12,35 ». Text is
// neutralised against formula injection (see Neutralize). The footer lines
// follow the data. The file can be imported back (data/sheet reads it).
func WriteCSV(w io.Writer, t Table) error {
	return writeCSV(w, &t, ';', bom, frenchField, Neutralize)
}

// WriteSCDLCSV writes a table, usually built by SCDL, as the open-data format
// requires: UTF-8 without byte order mark, « , » between fields, CRLF line ends
// (RFC 4180), amounts and numbers with a dot (12500.5 is written 12500.50,
// 12500 as 12500), dates yyyy-mm-dd. Only text fields are neutralised against
// formula injection: numbers and dates are written as they are.
func WriteSCDLCSV(w io.Writer, t Table) error {
	return writeCSV(w, &t, ',', "", scdlField, func(s string) string { return s })
}

func writeCSV(w io.Writer, t *Table, sep byte, prefix string, field func(cell) string, title func(string) string) error {
	if err := t.check(); err != nil {
		return err
	}
	b := bufio.NewWriter(w)
	b.WriteString(prefix)
	fields := make([]string, len(t.Columns))
	for j, c := range t.Columns {
		fields[j] = title(c.Title)
	}
	writeRecord(b, fields, sep)
	for _, block := range [][][]any{t.Rows, t.Footer} {
		for _, r := range block {
			for j := range t.Columns {
				c, err := t.cellAt(r, j)
				if err != nil {
					return err
				}
				if c.blank {
					fields[j] = ""
				} else {
					fields[j] = field(c)
				}
			}
			writeRecord(b, fields, sep)
		}
	}
	if err := b.Flush(); err != nil {
		return data.Errorf(data.EINTERNAL, "Écriture du fichier CSV impossible : %v", err)
	}
	return nil
}

// frenchField writes a cell for a French spreadsheet.
func frenchField(c cell) string {
	switch c.kind {
	case Amount:
		return data.FormatCents(c.cents, ',')
	case Date:
		return c.date.Format()
	case DateTime:
		return frenchDateTime(c.at)
	case Int:
		return strconv.FormatInt(c.n, 10)
	case Score:
		return scoreFixed(c.score, ',')
	}
	return Neutralize(c.text)
}

// scdlField writes a cell in the open-data conventions.
func scdlField(c cell) string {
	switch c.kind {
	case Amount:
		if c.cents%100 == 0 {
			return strconv.FormatInt(c.cents/100, 10)
		}
		return data.FormatCents(c.cents, '.')
	case Date:
		return c.date.ISO()
	case DateTime:
		return c.at.In(data.Paris).Format(time.RFC3339)
	case Int:
		return strconv.FormatInt(c.n, 10)
	case Score:
		return scoreFixed(c.score, '.')
	}
	// Open data are read by programs, not evaluated by a spreadsheet: the
	// values are published exactly, without the « ' » of Neutralize.
	return c.text
}

// writeRecord writes one CSV record and its CRLF. A field is quoted when it
// holds the separator, a double quote, a line break, or leading or trailing
// spaces; quotes inside are doubled. Line breaks inside a field are kept as they
// are (encoding/csv would drop a lone carriage return).
func writeRecord(b *bufio.Writer, fields []string, sep byte) {
	for i, f := range fields {
		if i > 0 {
			b.WriteByte(sep)
		}
		if !needsQuotes(f, sep) {
			b.WriteString(f)
			continue
		}
		b.WriteByte('"')
		b.WriteString(strings.ReplaceAll(f, `"`, `""`))
		b.WriteByte('"')
	}
	b.WriteString("\r\n")
}

func needsQuotes(f string, sep byte) bool {
	if f == "" {
		return false
	}
	if strings.IndexByte(f, sep) >= 0 || strings.ContainsAny(f, "\"\r\n") {
		return true
	}
	return f[0] == ' ' || f[0] == '\t' || f[len(f)-1] == ' ' || f[len(f)-1] == '\t'
}
