package importer

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/jury"
	"github.com/call-agglo/cohesion/data/sheet"
)

// ScoreLookup is what Scores needs to know of the campaign's database.
type ScoreLookup struct {
	// Applications maps an application number to its ID. A number in the file
	// is matched trimmed, then ignoring case.
	Applications map[string]int64
	// Irrecevable marks the inadmissible applications: scores given for them
	// only raise a warning. Optional.
	Irrecevable map[int64]bool
	// Jurors maps data.FoldKey(name) to the juror's ID.
	Jurors map[string]int64
	// Emails maps a juror's e-mail, in lower case, to their ID: a sheet may
	// name its juror by e-mail.
	Emails map[string]int64
	// Names gives each juror's name as the jury lists it, for suggestions.
	Names map[int64]string
	// CreateJurors creates, on purpose, the jurors a file names and the jury
	// lacks. Without it such a file is refused: a name written slightly
	// differently must never become a juror of its own.
	CreateJurors bool
	// Conflicts holds the declared conflicts of interest (déports), keyed
	// {jurorID, applicationID}.
	Conflicts map[[2]int64]bool
}

// ScoresResult is the outcome of mapping a table of jury scores.
type ScoresResult struct {
	// Sheets holds one sheet per (juror, application) pair the file scores, in
	// the order of their first line in the file; the rows of one pair merge into
	// one sheet, holding only the scores the file gives. A juror unknown to the
	// campaign has JurorID -(i+1), i being its index in NewJurors. Only
	// meaningful when OK.
	Sheets []jury.Sheet
	// Lines holds, for each sheet, the first line of the file that scores it
	// (Lines[i] for Sheets[i]).
	Lines []int
	// NewJurors lists, in file order, the names (as first written) of the
	// jurors the campaign does not know: the caller creates them.
	NewJurors []string
	// Errors lists every problem in file order, header problems first.
	Errors []LineError
	// Warnings are French sentences for the user: jurors to create,
	// inadmissible applications scored, ignored columns, incomplete sheets.
	Warnings []string
}

// OK reports whether the file has no error: the caller may store Sheets.
func (r *ScoresResult) OK() bool { return len(r.Errors) == 0 }

// BadLines counts the distinct lines with at least one error.
func (r *ScoresResult) BadLines() int { return badLines(r.Errors) }

// Report renders the result for a person: a summary, one line per error, then
// the warnings.
func (r *ScoresResult) Report() string {
	var b strings.Builder
	if r.OK() {
		n := 0
		for _, s := range r.Sheets {
			n += len(s.Scores)
		}
		fmt.Fprintf(&b, "%s prête%s à importer (%s), aucune erreur.\n",
			data.Count(len(r.Sheets), "grille", "grilles"), data.Plural(len(r.Sheets), "", "s"), data.Count(n, "note", "notes"))
	} else {
		writeFailure(&b, r.Errors, "aucune note n'a été importée")
	}
	for _, w := range r.Warnings {
		b.WriteString(sentence(w))
		b.WriteByte('\n')
	}
	return b.String()
}

// The roles of the columns of a score file, beside the criteria.
const (
	roleNumber = iota
	roleJuror
	roleCriterion
	roleScore
	roleCampaign // a juror's workbook: the campaign's code on each row
	roleCheck    // a juror's workbook: the control cell (data.JurorBookCheck)
	nRoles
)

// roleLabels are the template's headers, for messages.
var roleLabels = [nRoles]string{"Numéro", "Juré", "Critère", "Note", data.JurorBookCampaignHeader, data.JurorBookCheckHeader}

// jurorBookInfo are the columns of a juror's workbook that only inform the
// juror: the import reads past them without a word.
var jurorBookInfo = map[string]bool{data.FoldKey("Structure"): true, data.FoldKey("Intitulé du projet"): true}

// ScoreSheets is where a workbook keeps its scores: the « Notes » sheet of a
// juror's workbook, else the first sheet.
var ScoreSheets = sheet.Options{Sheets: []string{data.JurorBookScoresSheet}}

var roleHeaders = func() map[string]int {
	m := map[string]int{}
	for role, names := range [nRoles][]string{
		roleNumber: {"Numéro", "N°", "No", "Num", "Numéro de dossier", "N° de dossier", "Numéro dossier", "N° dossier",
			"Numéro du dossier", "Dossier", "Référence", "Réf", "Référence du dossier"},
		roleJuror: {"Juré", "Jurée", "Jury", "Membre du jury", "Membre", "Évaluateur", "Évaluatrice", "Évaluateur/trice",
			"Évaluateur·rice", "Nom du juré", "Juré évaluateur", "Examinateur", "Examinatrice", "Correcteur"},
		roleCriterion: {"Critère", "Critères", "N° de critère", "Numéro du critère", "Critère n°", "Critère d'évaluation",
			"Intitulé du critère", "Critère de la grille"},
		roleScore:    {"Note", "Score", "Points", "Note attribuée", "Note obtenue", "Valeur"},
		roleCampaign: {data.JurorBookCampaignHeader},
		roleCheck:    {data.JurorBookCheckHeader},
	} {
		for _, n := range names {
			m[data.FoldKey(n)] = role
		}
	}
	return m
}()

// roleFor finds the role a header names, or -1.
func roleFor(h string) int {
	if r, ok := roleHeaders[data.FoldKey(h)]; ok {
		return r
	}
	if s := unitSuffix.ReplaceAllString(h, ""); s != h {
		if r, ok := roleHeaders[data.FoldKey(s)]; ok {
			return r
		}
	}
	return -1
}

// maxJurorName is data.Juror's limit on names, in runes.
const maxJurorName = 500

// grid indexes a campaign's criteria for matching headers and cells.
type grid struct {
	crits   []data.Criterion // by position
	byPos   map[int]int      // position → index in crits
	byLabel map[string]int   // folded label → index in crits
	folded  []string         // folded labels
	names   []string         // « critère n° 2 « Caractère… » », for messages
	valid   string           // « 1 à 5 » and the labels, for messages
}

func newGrid(c *data.Campaign) *grid {
	g := &grid{byPos: map[int]int{}, byLabel: map[string]int{}}
	g.crits = append([]data.Criterion(nil), c.Criteria...)
	sort.SliceStable(g.crits, func(a, b int) bool { return g.crits[a].Position < g.crits[b].Position })
	var list []string
	for i, cr := range g.crits {
		if _, ok := g.byPos[cr.Position]; !ok {
			g.byPos[cr.Position] = i
		}
		k := data.FoldKey(cr.Label)
		g.folded = append(g.folded, k)
		if _, ok := g.byLabel[k]; !ok && k != "" {
			g.byLabel[k] = i
		}
		g.names = append(g.names, fmt.Sprintf("critère n° %d « %s »", cr.Position, abbrev(cr.Label)))
		list = append(list, fmt.Sprintf("%d « %s »", cr.Position, cr.Label))
	}
	if n := len(g.crits); n > 0 {
		g.valid = fmt.Sprintf("le numéro du critère (%d à %d) ou son intitulé : %s",
			g.crits[0].Position, g.crits[n-1].Position, strings.Join(list, ", "))
	}
	return g
}

var (
	// scoreSuffix is a trailing « /5 », « sur 5 » or « (sur 5) » in a header.
	scoreSuffix = regexp.MustCompile(`(?i)\s*(?:/|\bsur\b)\s*\d+\s*(?:points?|pts?)?\s*$`)
	// positionKey reads a folded « Critère n° 2 », « C2 », « 2 », « Note C2 »,
	// optionally followed by the label: « Critère 2 - Caractère exemplaire… ».
	positionKey = regexp.MustCompile(`^(?:note)?(?:criteres?|crit|c)?(?:n|no|num|numero)?([0-9]+)(.*)$`)
)

// criterion matches a header or a cell to a criterion: by label (ignoring case,
// accents, spaces and a trailing « (sur 5) »), by position (« 2 », « C2 »,
// « Critère 2 », with or without the label after it), or by the start of a
// single label. like reports whether s looks like a criterion though it names
// none of the grid's.
func (g *grid) criterion(s string) (idx int, ok, like bool) {
	k := data.FoldKey(s)
	if i, ok := g.byLabel[k]; ok {
		return i, true, true
	}
	if t := scoreSuffix.ReplaceAllString(unitSuffix.ReplaceAllString(s, ""), ""); t != s {
		k = data.FoldKey(t)
		if i, ok := g.byLabel[k]; ok {
			return i, true, true
		}
	}
	if k == "" {
		return 0, false, false
	}
	if m := positionKey.FindStringSubmatch(k); m != nil {
		p, err := strconv.Atoi(m[1])
		i, found := g.byPos[p]
		if err != nil || !found {
			return 0, false, true
		}
		rest := m[2]
		if rest == "" || rest == g.folded[i] || (len(rest) >= 3 && strings.HasPrefix(g.folded[i], rest)) {
			return i, true, true
		}
		return 0, false, true
	}
	// The start of one label: « Réponse à un besoin social ».
	if len(k) >= 6 {
		found := -1
		for i, f := range g.folded {
			if strings.HasPrefix(f, k) {
				if found >= 0 {
					return 0, false, true // ambiguous
				}
				found = i
			}
		}
		if found >= 0 {
			return found, true, true
		}
	}
	return 0, false, strings.HasPrefix(k, "crit")
}

// name describes a criterion in messages: « critère n° 2 « Caractère… » ».
func (g *grid) name(i int) string { return g.names[i] }

// parseScore reads a whole score from 0 to max; blank is false for an empty cell.
func parseScore(v string, max int, crit string) (n int, blank bool, msg string) {
	s := strings.TrimFunc(v, unicode.IsSpace)
	if s == "" {
		return 0, true, ""
	}
	rng := fmt.Sprintf("de 0 à %d", max)
	body := strings.TrimPrefix(s, "-")
	if body != "" && strings.Trim(body, "0123456789") == "" {
		if len(strings.TrimLeft(body, "0")) > 6 {
			return 0, false, fmt.Sprintf("note « %s » hors barème : le %s se note %s", abbrev(v), crit, rng)
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 || n > max {
			return 0, false, fmt.Sprintf("note « %s » hors barème : le %s se note %s", abbrev(v), crit, rng)
		}
		return n, false, ""
	}
	if strings.ContainsAny(body, ",.") && strings.Trim(body, "0123456789,.") == "" && strings.Trim(body, ",.") != "" {
		return 0, false, fmt.Sprintf("note « %s » non entière : les notes sont des nombres entiers ; le %s se note %s", abbrev(v), crit, rng)
	}
	return 0, false, fmt.Sprintf("note illisible « %s » : écrivez un nombre entier ; le %s se note %s", abbrev(v), crit, rng)
}

// scoreCell is one score a row gives: which criterion, from which cell.
type scoreCell struct {
	crit int // index in grid.crits
	col  int // cell index
}

// scoreRow collects one row's errors, to sort them in column order.
type scoreRow struct {
	line int
	errs []LineError
	pos  []int
}

func (r *scoreRow) add(pos int, column, format string, args ...any) {
	r.errs = append(r.errs, LineError{Line: r.line, Column: column, Message: fmt.Sprintf(format, args...)})
	r.pos = append(r.pos, pos)
}

func (r *scoreRow) sorted() []LineError {
	idx := make([]int, len(r.errs))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return r.pos[idx[a]] < r.pos[idx[b]] })
	out := make([]LineError, len(idx))
	for i, j := range idx {
		out[i] = r.errs[j]
	}
	return out
}

// Scores maps a table of jury scores to sheets, for campaign c. Two layouts are
// read, told apart by the headers:
//
//   - long: columns Numéro, Juré, Critère, Note, one row per score; Critère
//     holds the criterion's position in the grid or its label;
//   - wide: columns Numéro, Juré, then one column per criterion headed by its
//     position (« 1 », « C1 », « Critère 1 ») or its label; each row is a whole
//     sheet, a blank cell a criterion not scored.
//
// A row with no score at all is skipped. A juror is found by name (folded) or
// e-mail; an unknown one is an error naming the closest jurors, unless
// lk.CreateJurors asks to create it (NewJurors); unknown numbers, scores out of the criterion's range or not
// whole, scores a juror gives despite a declared conflict, a criterion scored
// twice for one juror and application, and unknown criteria are errors naming
// the line, column and value. Nothing is stored: the caller imports all the
// sheets or none, each changing only the scores the file gives.
func Scores(c *data.Campaign, t *sheet.Table, lk ScoreLookup) *ScoresResult {
	s := &scoresFile{c: c, t: t, lk: &lk, res: &ScoresResult{}}
	if !s.usableGrid() || !s.readHeader() || !s.hasRows() {
		return s.res
	}
	s.indexApplications()
	for i, row := range t.Rows {
		s.readRow(i, row)
	}
	s.warnUnnamedColumns()
	s.warnIncompleteSheets()
	if s.blankRows > 0 {
		s.res.Warnings = append(s.res.Warnings, fmt.Sprintf("%s sans aucune note ignorée%s.", data.Count(s.blankRows, "ligne", "lignes"), data.Plural(s.blankRows, "", "s")))
	}
	return s.res
}

// scoresFile is Scores' work in progress on one file: each step below reads one
// part of it (the grid, the header, each row) and leaves its result here.
type scoresFile struct {
	c   *data.Campaign
	t   *sheet.Table
	lk  *ScoreLookup
	res *ScoresResult
	hl  int // the header's line
	g   *grid

	// The header.
	roleCol  [nRoles]int  // column of each role, -1 when absent
	critCols []int        // long form: the criterion columns (« N° de critère » and « Intitulé du critère »)
	other    []int        // columns with a header and no role
	unnamed  map[int]bool // columns without a header → still blank
	long     bool         // one row per score
	book     bool         // a juror's workbook, as `export juror-sheets` writes it
	cells    []scoreCell  // wide form, in column order

	// The lookups, built once.
	apps    map[string]string // upper-cased number → number as the campaign has it
	example string            // a number of the campaign, for messages

	// What the rows so far have found.
	jurors        map[string]jurorRef // cell as written → juror
	newJurors     map[string]int64    // folded name → negative ID
	sheets        map[[2]int64]int    // {juror, application} → index in Sheets
	seen          map[scoreKey]int    // → first line
	irrecevable   map[int64]bool      // already warned
	blankRows     int
	otherCampaign bool // said once: every row of such a workbook is
}

// jurorRef is a juror cell as read: the juror, or why the name is refused.
type jurorRef struct {
	id   int64
	name string
	msg  string // why the name is refused
	line int    // where it was first refused
}

// scoreKey is one criterion of one juror's sheet for one application.
type scoreKey struct {
	juror, app int64
	crit       int
}

// givenScore is a score a row gives: the criterion, its cell and its text.
type givenScore struct {
	crit, col int
	value     string
}

// usableGrid checks that there is something to import and a stored grid to
// read it with.
func (s *scoresFile) usableGrid() bool {
	if s.c == nil || s.t == nil {
		s.res.Errors = append(s.res.Errors, LineError{Line: 1, Message: "rien à importer"})
		return false
	}
	s.hl = s.t.HeaderLine
	if s.hl == 0 {
		s.hl = 1
	}
	s.g = newGrid(s.c)
	if len(s.g.crits) == 0 {
		s.res.Errors = append(s.res.Errors, LineError{Line: s.hl, Message: "la grille d'évaluation de la campagne n'a aucun critère : complétez-la avant d'importer des notes"})
		return false
	}
	ids := map[int64]bool{}
	for _, cr := range s.g.crits {
		if ids[cr.ID] {
			s.res.Errors = append(s.res.Errors, LineError{Line: s.hl, Message: "la grille d'évaluation de la campagne n'est pas enregistrée (critères sans identifiant)"})
			return false
		}
		ids[cr.ID] = true
	}
	return true
}

// readHeader finds each column's role and the layout, and reports the header's
// problems in column order; false when a column the file needs is missing.
func (s *scoresFile) readHeader() bool {
	hdr := scoreRow{line: s.hl} // header errors, sorted by column
	s.findRoles(&hdr)
	s.findCriterionColumns(&hdr)
	if !s.long && s.roleCol[roleScore] >= 0 {
		s.res.Warnings = append(s.res.Warnings, fmt.Sprintf("Colonne ignorée : « %s » (sans colonne « Critère », les notes se lisent dans les colonnes des critères).", s.t.Header[s.roleCol[roleScore]]))
	}
	missing := s.requireColumns(&hdr)
	s.res.Errors = append(s.res.Errors, hdr.sorted()...)
	return !missing
}

// findRoles gives each named column its role (Numéro, Juré…); a role named
// twice is an error, except Critère, which two columns may give.
func (s *scoresFile) findRoles(hdr *scoreRow) {
	s.roleCol = [nRoles]int{-1, -1, -1, -1, -1, -1}
	s.unnamed = map[int]bool{}
	for i, h := range s.t.Header {
		if strings.TrimSpace(h) == "" {
			s.unnamed[i] = true
			continue
		}
		r := roleFor(h)
		if r < 0 {
			s.other = append(s.other, i)
			continue
		}
		if r == roleCriterion {
			s.critCols = append(s.critCols, i)
		}
		if j := s.roleCol[r]; j >= 0 && r != roleCriterion {
			hdr.add(i, h, "la colonne « %s » apparaît deux fois (colonnes %d et %d) : supprimez ou renommez l'une d'elles", roleLabels[r], j+1, i+1)
			continue
		}
		if s.roleCol[r] < 0 {
			s.roleCol[r] = i
		}
	}
	s.long = s.roleCol[roleCriterion] >= 0
	s.book = s.roleCol[roleCheck] >= 0
}

// findCriterionColumns reads the other columns as criteria (wide form): a
// criterion in the long form, twice, or unknown is an error; a column that
// names nothing is ignored with a warning.
func (s *scoresFile) findCriterionColumns(hdr *scoreRow) {
	critCol := map[int]int{} // criterion index → cell index
	for _, i := range s.other {
		h := s.t.Header[i]
		ci, ok, like := s.g.criterion(h)
		switch {
		case ok && s.long:
			hdr.add(i, h, "%s", "le fichier a une colonne « Critère » (une ligne par note) et des colonnes par critère : choisissez l'une des deux présentations")
		case ok:
			if j, dup := critCol[ci]; dup {
				hdr.add(i, h, "le %s a deux colonnes (colonnes %d et %d) : supprimez ou renommez l'une d'elles", s.g.name(ci), j+1, i+1)
				continue
			}
			critCol[ci] = i
			s.cells = append(s.cells, scoreCell{crit: ci, col: i})
		case like && !s.long:
			hdr.add(i, h, "critère inconnu « %s » : intitulez chaque colonne de notes par %s", abbrev(h), s.g.valid)
		case s.book && jurorBookInfo[data.FoldKey(h)]:
		default:
			s.res.Warnings = append(s.res.Warnings, fmt.Sprintf("Colonne ignorée : « %s » (intitulé non reconnu).", abbrev(h)))
		}
	}
}

// requireColumns reports the columns the layout needs and lacks.
func (s *scoresFile) requireColumns(hdr *scoreRow) (missing bool) {
	need := []int{roleNumber, roleJuror}
	if s.long {
		need = append(need, roleScore)
	}
	if s.book {
		need = append(need, roleCampaign)
	}
	for _, r := range need {
		if s.roleCol[r] < 0 {
			missing = true
			hdr.add(1<<30, roleLabels[r], "colonne obligatoire absente : ajoutez une colonne intitulée « %s »", roleLabels[r])
		}
	}
	if !s.long && len(s.cells) == 0 {
		missing = true
		hdr.add(1<<30, "", "aucune colonne de notes : ajoutez soit les colonnes « Critère » et « Note » (une ligne par note), soit une colonne par critère, intitulée par %s", s.g.valid)
	}
	return missing
}

// hasRows refuses a file with only a header, except a juror's workbook: a
// juror who stepped aside from every dossier has nothing to score, and their
// workbook may travel with the others.
func (s *scoresFile) hasRows() bool {
	if len(s.t.Rows) > 0 {
		return true
	}
	if s.book {
		s.res.Warnings = append(s.res.Warnings, "Classeur sans aucun dossier à noter : rien à importer.")
	} else {
		s.res.Errors = append(s.res.Errors, LineError{Line: s.hl, Message: "le fichier ne contient aucune note : seulement la ligne d'intitulés"})
	}
	return false
}

// indexApplications builds the lookups the rows need: numbers by upper case,
// an example number for messages, and empty sets of what the rows find.
func (s *scoresFile) indexApplications() {
	s.apps = map[string]string{}
	for k := range s.lk.Applications {
		u := strings.ToUpper(data.Clean(k))
		if prev, ok := s.apps[u]; !ok || k < prev {
			s.apps[u] = k
		}
		if s.example == "" || k < s.example {
			s.example = k
		}
	}
	s.jurors = map[string]jurorRef{}
	s.newJurors = map[string]int64{}
	s.sheets = map[[2]int64]int{}
	s.seen = map[scoreKey]int{}
	s.irrecevable = map[int64]bool{}
}

// readRow reads row i: its scores (a row without any is skipped), its
// workbook control, its application and juror, then adds its scores to their
// sheet. Its errors are reported in column order.
func (s *scoresFile) readRow(i int, row []string) {
	line := i + 2
	if i < len(s.t.Lines) {
		line = s.t.Lines[i]
	}
	p := scoreRow{line: line}
	cell := func(j int) string {
		if j < 0 || j >= len(row) {
			return ""
		}
		return row[j]
	}
	s.strayCells(&p, row, cell)
	scores := s.rowScores(&p, cell)
	if scores == nil {
		s.blankRows++
		s.res.Errors = append(s.res.Errors, p.sorted()...)
		return
	}
	if s.book && !p.jurorBook(s.c, cell, s.roleCol, s.t.Header, &s.otherCampaign) {
		s.res.Errors = append(s.res.Errors, p.sorted()...)
		return
	}
	appID, number := s.rowApplication(&p, cell(s.roleCol[roleNumber]))
	j := s.rowJuror(&p, cell(s.roleCol[roleJuror]), line)
	known := number != ""
	if known && j.msg == "" && s.lk.Conflicts[[2]int64{j.id, appID}] {
		p.add(s.roleCol[roleJuror], s.t.Header[s.roleCol[roleJuror]], "Déport déclaré : %s ne peut pas noter %s", j.name, number)
	}
	if known && s.lk.Irrecevable[appID] && !s.irrecevable[appID] {
		s.irrecevable[appID] = true
		s.res.Warnings = append(s.res.Warnings, fmt.Sprintf("Le dossier %s est irrecevable, mais le fichier le note (ligne %d).", number, line))
	}
	var sh *jury.Sheet
	if known && j.msg == "" {
		sh = s.sheet(j.id, appID, line)
	}
	s.addScores(&p, sh, scores, j, appID, number)
	s.res.Errors = append(s.res.Errors, p.sorted()...)
}

// strayCells reports the first cell beyond the header (a stray separator, most
// often), and notes the unnamed columns that hold data.
func (s *scoresFile) strayCells(p *scoreRow, row []string, cell func(int) string) {
	for j := len(s.t.Header); j < len(row); j++ {
		if strings.TrimSpace(row[j]) != "" {
			p.add(j, fmt.Sprintf("n° %d", j+1),
				"cellule hors des colonnes de l'en-tête (« %s ») : un séparateur en trop, ou une virgule décimale dans un fichier séparé par des virgules ?", abbrev(row[j]))
			break
		}
	}
	for j := range s.unnamed {
		if strings.TrimSpace(cell(j)) != "" {
			s.unnamed[j] = false // reported at the end, once
		}
	}
}

// rowScores lists the scores a row gives, before anything else; nil when it
// gives none (in the long form: a blank Note cell).
func (s *scoresFile) rowScores(p *scoreRow, cell func(int) string) []givenScore {
	if !s.long {
		var scores []givenScore
		for _, sc := range s.cells {
			if v := cell(sc.col); strings.TrimSpace(v) != "" {
				scores = append(scores, givenScore{sc.crit, sc.col, v})
			}
		}
		return scores
	}
	sc := s.roleCol[roleScore]
	v := cell(sc)
	if strings.TrimSpace(v) == "" {
		return nil
	}
	ci, ok := s.rowCriterion(p, cell)
	switch {
	case ok && ci >= 0:
		return []givenScore{{ci, sc, v}}
	case ok:
		cc := s.critCols[0]
		p.add(cc, s.t.Header[cc], "critère manquant : indiquez %s", s.g.valid)
	}
	return []givenScore{} // scores to come to nothing, but the row is not blank
}

// rowCriterion reads the criterion of a long-form row from its criterion
// columns, which must agree; ci is -1 when none is filled in.
func (s *scoresFile) rowCriterion(p *scoreRow, cell func(int) string) (ci int, ok bool) {
	ci, ok, named := -1, true, -1
	for _, cc := range s.critCols {
		cv := cell(cc)
		if data.Blank(cv) {
			continue
		}
		i, found, _ := s.g.criterion(cv)
		switch {
		case !found:
			ok = false
			p.add(cc, s.t.Header[cc], "critère inconnu « %s » : indiquez %s", abbrev(cv), s.g.valid)
		case ci < 0:
			ci, named = i, cc
		case i != ci:
			ok = false
			p.add(cc, s.t.Header[cc], "les colonnes « %s » et « %s » désignent deux critères différents : le %s et le %s",
				s.t.Header[named], s.t.Header[cc], s.g.name(ci), s.g.name(i))
		}
	}
	return ci, ok
}

// rowApplication finds the row's application by its number, trimmed, then
// ignoring case; number is "" when it is missing or unknown.
func (s *scoresFile) rowApplication(p *scoreRow, v string) (appID int64, number string) {
	numCol := s.roleCol[roleNumber]
	numHeader := s.t.Header[numCol]
	if data.Blank(v) {
		p.add(numCol, numHeader, "numéro de dossier manquant")
	} else if id, ok := s.lk.Applications[strings.TrimSpace(v)]; ok {
		return id, strings.TrimSpace(v)
	} else if k, ok := s.apps[strings.ToUpper(data.Clean(v))]; ok {
		return s.lk.Applications[k], k
	} else if s.example != "" {
		p.add(numCol, numHeader, "dossier inconnu « %s » : indiquez le numéro complet d'un dossier de la campagne, par exemple %s", abbrev(v), s.example)
	} else {
		p.add(numCol, numHeader, "dossier inconnu « %s » : la campagne n'a aucun dossier", abbrev(v))
	}
	return 0, ""
}

// rowJuror finds the row's juror, each distinct cell once: a refused name is
// an error on every row that writes it, naming the first.
func (s *scoresFile) rowJuror(p *scoreRow, raw string, line int) jurorRef {
	j, ok := s.jurors[raw]
	if ok && j.msg != "" && j.line != line {
		j.msg = fmt.Sprintf("même juré refusé qu'à la ligne %d (« %s »)", j.line, abbrev(data.Clean(raw)))
	}
	if !ok {
		j = s.newJurorRef(data.Clean(raw), line)
		s.jurors[raw] = j
	}
	if j.msg != "" {
		jurCol := s.roleCol[roleJuror]
		p.add(jurCol, s.t.Header[jurCol], "%s", j.msg)
	}
	return j
}

// newJurorRef reads a juror's name the first time the file writes it: a known
// juror, one created on purpose (lk.CreateJurors), or why it is refused.
func (s *scoresFile) newJurorRef(name string, line int) jurorRef {
	j := jurorRef{line: line}
	k := data.FoldKey(name)
	switch {
	case name == "":
		j.msg = "nom du juré manquant"
	case len([]rune(name)) > maxJurorName:
		j.msg = fmt.Sprintf("nom du juré trop long (%d caractères au plus) : « %s »", maxJurorName, abbrev(name))
	case k == "":
		j.msg = fmt.Sprintf("nom du juré illisible « %s » : il doit contenir des lettres", abbrev(name))
	default:
		j.name = name
		if id, known := s.lk.juror(name); known {
			j.id = id
			if listed, ok := s.lk.Names[id]; ok {
				j.name = listed
			}
		} else if id, known := s.newJurors[k]; known {
			j.id = id
		} else if !s.lk.CreateJurors {
			j.msg = s.lk.unknownJuror(name)
		} else {
			s.res.NewJurors = append(s.res.NewJurors, name)
			j.id = -int64(len(s.res.NewJurors))
			s.newJurors[k] = j.id
			s.res.Warnings = append(s.res.Warnings, fmt.Sprintf("Juré créé : %s (absent du jury de la campagne, ligne %d).", name, line))
		}
	}
	return j
}

// sheet is the sheet of a juror for an application, started at its first line.
func (s *scoresFile) sheet(juror, appID int64, line int) *jury.Sheet {
	key := [2]int64{juror, appID}
	si, ok := s.sheets[key]
	if !ok {
		si = len(s.res.Sheets)
		s.sheets[key] = si
		s.res.Sheets = append(s.res.Sheets, jury.Sheet{JurorID: juror, ApplicationID: appID, Scores: map[int64]int{}})
		s.res.Lines = append(s.res.Lines, line)
	}
	return &s.res.Sheets[si]
}

// addScores checks each score of a row against its criterion's range and adds
// it to the sheet (nil when the row's juror or application is refused); a
// criterion a juror already scored for that application is an error.
func (s *scoresFile) addScores(p *scoreRow, sh *jury.Sheet, scores []givenScore, j jurorRef, appID int64, number string) {
	for _, sc := range scores {
		cr := s.g.crits[sc.crit]
		n, _, msg := parseScore(sc.value, cr.Max, s.g.name(sc.crit))
		if msg != "" {
			p.add(sc.col, s.t.Header[sc.col], "%s", msg)
		}
		if sh == nil {
			continue
		}
		k := scoreKey{j.id, appID, sc.crit}
		if first, dup := s.seen[k]; dup {
			p.add(sc.col, s.t.Header[sc.col], "note en double : %s a déjà noté le %s du dossier %s ligne %d", j.name, s.g.name(sc.crit), number, first)
			continue
		}
		s.seen[k] = p.line
		if msg == "" {
			sh.Scores[cr.ID] = n
		}
	}
}

// warnUnnamedColumns warns of each column without a header that holds data.
func (s *scoresFile) warnUnnamedColumns() {
	var cols []int
	for j, blank := range s.unnamed {
		if !blank {
			cols = append(cols, j)
		}
	}
	sort.Ints(cols)
	for _, j := range cols {
		s.res.Warnings = append(s.res.Warnings, fmt.Sprintf("Colonne n° %d ignorée : elle n'a pas d'intitulé, mais contient des données.", j+1))
	}
}

// warnIncompleteSheets says how many sheets miss a criterion: they will not
// count until it is scored.
func (s *scoresFile) warnIncompleteSheets() {
	incomplete := 0
	for _, sh := range s.res.Sheets {
		if len(sh.Scores) < len(s.g.crits) {
			incomplete++
		}
	}
	if incomplete == 0 {
		return
	}
	verb := "elle ne comptera"
	if incomplete > 1 {
		verb = "elles ne compteront"
	}
	s.res.Warnings = append(s.res.Warnings, fmt.Sprintf("%s incomplète%s : %s pas tant que tous les critères ne seront pas notés.",
		data.Count(incomplete, "grille", "grilles"), data.Plural(incomplete, "", "s"), verb))
}

// jurorBook checks a row of a juror's workbook: its campaign is c, and its
// control cell still matches its juror and number. A row of another campaign
// is said once for the whole file.
func (p *scoreRow) jurorBook(c *data.Campaign, cell func(int) string, roleCol [nRoles]int, header []string, otherCampaign *bool) bool {
	campCol, checkCol, jurCol, numCol := roleCol[roleCampaign], roleCol[roleCheck], roleCol[roleJuror], roleCol[roleNumber]
	code := data.Clean(cell(campCol))
	if !strings.EqualFold(code, c.Code) {
		if !*otherCampaign {
			*otherCampaign = true
			p.add(campCol, header[campCol], "ce classeur est la grille de la campagne « %s », pas de la campagne « %s » : importez-le dans sa campagne (--campaign %s)", abbrev(code), c.Code, abbrev(code))
		}
		return false
	}
	if data.Clean(cell(checkCol)) != data.JurorBookCheck(code, cell(jurCol), cell(numCol)) {
		p.add(jurCol, header[jurCol], "le juré « %s » ou le dossier « %s » a été modifié à la main depuis l'envoi de la grille (la colonne « %s » ne correspond plus) : reprenez la grille telle qu'elle a été envoyée à ce juré, ou saisissez ces notes à l'écran Notation",
			abbrev(data.Clean(cell(jurCol))), abbrev(data.Clean(cell(numCol))), header[checkCol])
		return false
	}
	return true
}

// LookupOf is what Scores needs, from a snapshot of the campaign.
func LookupOf(snap *data.Snapshot) ScoreLookup {
	lk := ScoreLookup{Applications: map[string]int64{}, Irrecevable: map[int64]bool{}, Jurors: map[string]int64{}, Conflicts: map[[2]int64]bool{}}
	for _, r := range snap.Rows {
		lk.Applications[r.Number] = r.ID
		lk.Irrecevable[r.ID] = r.Irrecevable()
	}
	lk.Emails, lk.Names = map[string]int64{}, map[int64]string{}
	for _, j := range snap.Jurors {
		lk.Jurors[data.FoldKey(j.Name)] = j.ID
		lk.Names[j.ID] = j.Name
		if j.Email != "" {
			lk.Emails[strings.ToLower(j.Email)] = j.ID
		}
	}
	for _, k := range snap.Conflicts {
		lk.Conflicts[[2]int64{k.JurorID, k.ApplicationID}] = true
	}
	return lk
}

// Changes are the sheets as score changes: each sets the scores its file
// gives, and nothing else.
func (r *ScoresResult) Changes() []data.ScoreChange {
	out := make([]data.ScoreChange, len(r.Sheets))
	for i, s := range r.Sheets {
		out[i] = data.ScoreChange{JurorID: s.JurorID, ApplicationID: s.ApplicationID, Set: s.Scores}
	}
	return out
}

// juror finds a juror by folded name or by e-mail.
func (lk *ScoreLookup) juror(name string) (int64, bool) {
	if id, ok := lk.Jurors[data.FoldKey(name)]; ok {
		return id, true
	}
	id, ok := lk.Emails[strings.ToLower(strings.TrimSpace(name))]
	return id, ok
}

// unknownJuror refuses a name the jury does not have, with the closest names.
func (lk *ScoreLookup) unknownJuror(name string) string {
	msg := fmt.Sprintf("juré inconnu « %s » : aucun membre du jury ne porte ce nom ni cette adresse", abbrev(name))
	if near := closestJurors(name, lk.Names, 2); len(near) > 0 {
		msg += " (les plus proches : « " + strings.Join(near, " », « ") + " »)"
	}
	return msg + ". Corrigez le nom, ajoutez ce juré au jury, ou importez avec --create-jurors pour le créer"
}

// closestJurors are the n names nearest to name, by edit distance between
// folded names (a name written inside another counts as near).
func closestJurors(name string, names map[int64]string, n int) []string {
	k := data.FoldKey(name)
	type cand struct {
		name string
		d    int
	}
	var all []cand
	for _, full := range names {
		fk := data.FoldKey(full)
		d := editDistance(k, fk)
		if strings.Contains(fk, k) || strings.Contains(k, fk) {
			d = min(d, 1)
		}
		if d <= max(2, len([]rune(k))/3) { // farther than that is another person
			all = append(all, cand{full, d})
		}
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].d != all[j].d {
			return all[i].d < all[j].d
		}
		return all[i].name < all[j].name
	})
	var out []string
	for i := 0; i < len(all) && i < n; i++ {
		out = append(out, all[i].name)
	}
	return out
}

// editDistance is Levenshtein's distance between two strings, rune by rune.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
