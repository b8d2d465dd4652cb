// Package importer turns a table read from a CSV or Excel file into the
// applications of a campaign, and reports every faulty line, column and reason
// in French, so that staff can correct the file in one go.
//
// It stores nothing: the caller imports all the applications or none (when
// Result.OK is false), and checks numbers against the database.
package importer

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/sheet"
)

// LineError is one problem in the file.
type LineError struct {
	Line    int    // 1-based line in the file (worksheet row for Excel)
	Column  string // the column's header as written in the file; "" for the whole line
	Message string // French
}

// String renders the error as the report does: « Ligne 4, colonne « SIRET » : … ».
func (e LineError) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Ligne %d", e.Line)
	if e.Column != "" {
		fmt.Fprintf(&b, ", colonne « %s »", e.Column)
	}
	b.WriteString(" : ")
	b.WriteString(sentence(e.Message))
	return b.String()
}

// Result is the outcome of mapping a table. It serves the table's rows as
// data.ImportLines: Line(i) maps row i again, from line Lines[i] of the file
// (only meaningful when OK). The rows are checked once, when the Result is
// made, and kept as cells: a file of 100 000 lines is never held as many
// dossiers.
type Result struct {
	// Lines holds the file's line (or worksheet row) of each row, in order.
	Lines []int
	// Errors lists every problem, in file order: header problems first.
	Errors []LineError
	// UnknownColumns lists the headers the importer ignored, as written, then
	// « (colonne n° 5 sans intitulé) » for a column with no header but data.
	UnknownColumns []string
	// Fields are the fields the file's columns provide (data.Field* keys), in
	// the order of the template: a re-import updates only those.
	Fields []string
	// Source names the platform whose export was recognised (SourceDS), ""
	// for a file read by its headers alone.
	Source string
	// Warnings are French sentences about what was imported differently from
	// the file, never blocking: a commune outside the campaign's territory…
	Warnings []string
	// RequestedCents sums the amounts requested by the lines.
	RequestedCents int64

	rows *rows // what Line maps again; nil when no row could be read
}

// rows is what maps a row again: the table read and its mapping.
type rows struct {
	c       *data.Campaign
	t       *sheet.Table
	m       *mapping
	lk      *lookup
	numbers []string // each line's number, as Line gives it
}

// Len counts the lines read, valid or not.
func (r *Result) Len() int { return len(r.Lines) }

// Line maps line i again into a new application, normalised.
func (r *Result) Line(i int) data.Application {
	app, _ := r.rows.parse(i, r.Lines[i])
	return app
}

// Number is Line(i).Number.
func (r *Result) Number(i int) string { return r.rows.numbers[i] }

// parse maps row i (the file's line line) into an application, normalised,
// and returns the parser holding what it found wrong.
func (rs *rows) parse(i, line int) (data.Application, *rowParser) {
	p := &rowParser{m: rs.m, lk: rs.lk, line: line, bad: map[string]bool{}}
	app := p.parse(rs.t.Rows[i], rs.c)
	app.Normalize()
	return app, p
}

// OK reports whether every line is valid: the caller may import the lines.
func (r *Result) OK() bool { return len(r.Errors) == 0 }

// BadLines counts the distinct lines with at least one error.
func (r *Result) BadLines() int { return badLines(r.Errors) }

func badLines(errs []LineError) int {
	seen := map[int]bool{}
	for _, e := range errs {
		seen[e.Line] = true
	}
	return len(seen)
}

// Report renders the result for a person: a summary, then one line per error,
// then the ignored columns as a warning.
func (r *Result) Report() string {
	var b strings.Builder
	if r.OK() {
		fmt.Fprintf(&b, "%s prêt%s à importer, aucune erreur.\n", data.Count(r.Len(), "dossier", "dossiers"), data.Plural(r.Len(), "", "s"))
	} else {
		writeFailure(&b, r.Errors, "aucun dossier n'a été importé")
	}
	for _, n := range r.Notes() {
		b.WriteString(n)
		b.WriteByte('\n')
	}
	return b.String()
}

// Notes are the report's lines after its summary and errors: the platform
// recognised, the warnings, the ignored columns.
func (r *Result) Notes() []string {
	var out []string
	if r.Source == SourceDS {
		out = append(out, "Export de démarches-simplifiées reconnu : ses colonnes sont lues sans correspondance à choisir.")
	}
	out = append(out, r.Warnings...)
	if r.Source == SourceDS && len(r.UnknownColumns) > 0 {
		return append(out, dsNote(r.UnknownColumns))
	}
	for _, c := range r.UnknownColumns {
		if strings.HasPrefix(c, unnamedPrefix) {
			out = append(out, fmt.Sprintf("Colonne ignorée : %s, qui contient pourtant des données.", strings.Trim(c, "()")))
			continue
		}
		if h, chosen := strings.CutPrefix(c, ignoredPrefix); chosen {
			out = append(out, fmt.Sprintf("Colonne « %s » non importée, comme choisi (« ne pas importer »).", h))
			continue
		}
		out = append(out, fmt.Sprintf("Colonne ignorée : « %s » (intitulé non reconnu).", c))
	}
	return out
}

// writeFailure is the part of a report that refuses a file: the count of
// errors and lines, what was not written, then every error on its line.
func writeFailure(b *strings.Builder, errs []LineError, nothing string) {
	fmt.Fprintf(b, "Import impossible : %s sur %s. Corrigez le fichier puis recommencez ; %s.\n",
		data.Count(len(errs), "erreur", "erreurs"), data.Count(badLines(errs), "ligne", "lignes"), nothing)
	for _, e := range errs {
		b.WriteString(e.String())
		b.WriteByte('\n')
	}
}

const unnamedPrefix = "(colonne n° "

// sentence capitalises a message and ends it with a full stop.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	r := []rune(s)
	r[0] = unicode.ToUpper(r[0])
	s = string(r)
	if !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "?") && !strings.HasSuffix(s, "!") && !strings.HasSuffix(s, "…") {
		s += "."
	}
	return s
}

// mapping records, for one table, which cell feeds which field.
type mapping struct {
	idx     map[string]int    // field key → cell index
	header  map[string]string // field key → header as written
	unnamed map[int]bool      // columns without a header: true while they hold no data
}

// hasAny reports whether the file has a column for one of the fields.
func (m *mapping) hasAny(keys ...string) bool {
	for _, k := range keys {
		if _, ok := m.idx[k]; ok {
			return true
		}
	}
	return false
}

func (m *mapping) cell(row []string, key string) (string, bool) {
	i, ok := m.idx[key]
	if !ok || i >= len(row) {
		return "", false
	}
	return row[i], true
}

// label is the header for a field: as written in the file, or the template's.
func (m *mapping) label(key string) string {
	if h, ok := m.header[key]; ok {
		return h
	}
	return data.FieldLabel(key)
}

// Applications maps the table's rows to applications of campaign c. A blank
// « Date de dépôt » stays unknown, so the dossier is not declared late: the
// import's time is not its deposit (now is kept for the callers' sake). Each application is
// normalised and validated against the campaign; the result names every
// faulty line, column and reason. An export of démarches-simplifiées is
// recognised by its fixed columns and read without any mapping (see IsDS).
func Applications(c *data.Campaign, t *sheet.Table, now time.Time) *Result {
	res := &Result{}
	if c == nil || t == nil {
		res.Errors = append(res.Errors, LineError{Line: 1, Message: "rien à importer"})
		return res
	}
	if IsDS(t) {
		return applicationsDS(c, t, now)
	}
	m := res.matchHeaders(t, nil)
	return res.mapRows(c, t, m, now)
}

func headerLine(t *sheet.Table) int {
	if t.HeaderLine == 0 {
		return 1
	}
	return t.HeaderLine
}

// matchHeaders maps the table's headers to fields. fixed, when not nil, has
// already chosen the use of some columns (by index): a field key, dsUnused
// (listed among the ignored columns) or dsStructure (read by the caller).
// They skip the header matching, and a field they fill is not filled by
// another column.
func (res *Result) matchHeaders(t *sheet.Table, fixed map[int]string) *mapping {
	hl := headerLine(t)
	m := &mapping{idx: map[string]int{}, header: map[string]string{}, unnamed: map[int]bool{}}
	for i, key := range fixed {
		if key != dsUnused && key != dsStructure {
			m.idx[key] = i
			m.header[key] = t.Header[i]
		}
	}
	for i, h := range t.Header {
		if use, done := fixed[i]; done {
			if use == dsUnused {
				res.UnknownColumns = append(res.UnknownColumns, h)
			}
			continue
		}
		if strings.TrimSpace(h) == "" {
			m.unnamed[i] = true
			continue
		}
		col := ColumnFor(h)
		if col == nil {
			res.UnknownColumns = append(res.UnknownColumns, h)
			continue
		}
		if j, dup := m.idx[col.Key]; dup {
			if _, byDS := fixed[j]; byDS {
				res.UnknownColumns = append(res.UnknownColumns, h) // the platform's own column wins
				continue
			}
			res.Errors = append(res.Errors, LineError{Line: hl, Column: h,
				Message: fmt.Sprintf("la colonne « %s » apparaît deux fois (colonnes %d et %d) : supprimez ou renommez l'une d'elles", col.Label, j+1, i+1)})
			continue
		}
		m.idx[col.Key] = i
		m.header[col.Key] = h
	}
	for _, col := range Columns {
		if _, ok := m.idx[col.Key]; ok {
			res.Fields = append(res.Fields, col.Key)
		}
	}
	if _, ok := m.idx[data.FieldExternalState]; ok {
		res.Fields = append(res.Fields, data.FieldExternalState)
	}
	return m
}

// mapRows checks the header's mandatory columns, then maps every row.
func (res *Result) mapRows(c *data.Campaign, t *sheet.Table, m *mapping, now time.Time) *Result {
	hl := headerLine(t)
	if len(m.idx) == 0 {
		res.Errors = append(res.Errors, LineError{Line: hl,
			Message: "aucune colonne reconnue : la première ligne du fichier doit contenir les intitulés des colonnes (Structure, Intitulé du projet, Montant demandé…). Partez du modèle de fichier d'import"})
		res.UnknownColumns = nil
		return res
	}
	missing := map[string]bool{}
	for _, col := range Columns {
		if _, ok := m.idx[col.Key]; col.Required && !ok {
			missing[col.Key] = true
			res.Errors = append(res.Errors, LineError{Line: hl, Column: col.Label,
				Message: fmt.Sprintf("colonne obligatoire absente : ajoutez une colonne intitulée « %s »", col.Label)})
		}
	}
	if len(t.Rows) == 0 {
		res.Errors = append(res.Errors, LineError{Line: hl, Message: "le fichier ne contient aucun dossier : seulement la ligne d'intitulés"})
		return res
	}

	rs := &rows{c: c, t: t, m: m, lk: newLookup(c), numbers: make([]string, 0, len(t.Rows))}
	res.rows = rs
	numbers := map[string]int{} // upper-cased number → first line
	var incomplete []int        // lines whose address lacks its postal code or town
	res.Lines = make([]int, 0, len(t.Rows))
	for i, row := range t.Rows {
		line := i + 2
		if i < len(t.Lines) {
			line = t.Lines[i]
		}
		app, p := rs.parse(i, line)

		// Cells beyond the header: a stray separator, most often.
		for j := len(t.Header); j < len(row); j++ {
			if strings.TrimSpace(row[j]) != "" {
				p.addAt(j, LineError{Line: line, Column: fmt.Sprintf("n° %d", j+1),
					Message: fmt.Sprintf("cellule hors des colonnes de l'en-tête (« %s ») : un séparateur en trop, ou une virgule décimale dans un fichier séparé par des virgules ?", abbrev(row[j]))})
				break
			}
		}
		for j := range m.unnamed {
			if j < len(row) && strings.TrimSpace(row[j]) != "" {
				m.unnamed[j] = false // reported below, once
			}
		}

		if app.Number != "" {
			k := strings.ToUpper(app.Number)
			if first, dup := numbers[k]; dup {
				p.add(data.FieldNumber, fmt.Sprintf("numéro « %s » déjà utilisé ligne %d", app.Number, first))
			} else {
				numbers[k] = line
			}
		}
		if err := app.Validate(c); err != nil {
			if v, ok := err.(data.ValidationErrors); ok {
				for _, fe := range v {
					if p.bad[fe.Field] || missing[fe.Field] {
						continue // already said better, or said once for the whole file
					}
					p.add(fe.Field, fe.Message)
				}
			} else {
				p.addAt(1<<30, LineError{Line: line, Message: data.ErrorMessage(err)})
			}
		}
		if pa := app.Structure.PostalAddress(); pa.PostalCode == "" || data.Blank(pa.Town) {
			incomplete = append(incomplete, line) // an invalid code is an error of its own
		}
		res.Errors = append(res.Errors, p.sorted()...)
		res.Lines = append(res.Lines, line)
		rs.numbers = append(rs.numbers, app.Number)
		res.RequestedCents += app.RequestedCents
	}
	if m.hasAny(data.FieldAddress, data.FieldPostalCode, data.FieldTown) {
		res.warnIncompleteAddresses(incomplete) // a file without any address says nothing of it
	}
	var unnamed []int
	for j, blank := range m.unnamed {
		if !blank {
			unnamed = append(unnamed, j)
		}
	}
	sort.Ints(unnamed)
	for _, j := range unnamed {
		res.UnknownColumns = append(res.UnknownColumns, fmt.Sprintf(unnamedPrefix+"%d sans intitulé)", j+1))
	}
	return res
}

func abbrev(s string) string {
	s = data.Clean(s)
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

// warnIncompleteAddresses says, in one line, which dossiers come without a
// postal code or a town: they are imported (the form completes them later),
// but no letter can be posted to them until then.
func (res *Result) warnIncompleteAddresses(lines []int) {
	if len(lines) == 0 {
		return
	}
	shown := make([]string, 0, 10)
	for _, l := range lines[:min(len(lines), 10)] {
		shown = append(shown, strconv.Itoa(l))
	}
	more := ""
	if len(lines) > 10 {
		more = fmt.Sprintf(" (et %d autres)", len(lines)-10)
	}
	res.Warnings = append(res.Warnings, fmt.Sprintf("Adresse sans code postal ou sans localité : %s %s%s. %s ; complétez l'adresse avant d'écrire les lettres.",
		data.Plural(len(lines), "ligne", "lignes"), strings.Join(shown, ", "), more,
		data.Plural(len(lines), "Le dossier s'importe", "Les dossiers s'importent")))
}
