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
	res := &ScoresResult{}
	if c == nil || t == nil {
		res.Errors = append(res.Errors, LineError{Line: 1, Message: "rien à importer"})
		return res
	}
	hl := t.HeaderLine
	if hl == 0 {
		hl = 1
	}
	g := newGrid(c)
	if len(g.crits) == 0 {
		res.Errors = append(res.Errors, LineError{Line: hl, Message: "la grille d'évaluation de la campagne n'a aucun critère : complétez-la avant d'importer des notes"})
		return res
	}
	ids := map[int64]bool{}
	for _, cr := range g.crits {
		if ids[cr.ID] {
			res.Errors = append(res.Errors, LineError{Line: hl, Message: "la grille d'évaluation de la campagne n'est pas enregistrée (critères sans identifiant)"})
			return res
		}
		ids[cr.ID] = true
	}

	// Headers.
	hdr := scoreRow{line: hl} // header errors, sorted by column
	roleCol := [nRoles]int{-1, -1, -1, -1, -1, -1}
	var critCols []int // long form: the criterion columns (« N° de critère » and « Intitulé du critère »)
	var other []int    // columns with a header and no role
	unnamed := map[int]bool{}
	for i, h := range t.Header {
		if strings.TrimSpace(h) == "" {
			unnamed[i] = true
			continue
		}
		r := roleFor(h)
		if r < 0 {
			other = append(other, i)
			continue
		}
		if r == roleCriterion {
			critCols = append(critCols, i)
		}
		if j := roleCol[r]; j >= 0 && r != roleCriterion {
			hdr.add(i, h, "la colonne « %s » apparaît deux fois (colonnes %d et %d) : supprimez ou renommez l'une d'elles", roleLabels[r], j+1, i+1)
			continue
		}
		if roleCol[r] < 0 {
			roleCol[r] = i
		}
	}
	long := roleCol[roleCriterion] >= 0
	book := roleCol[roleCheck] >= 0 // a juror's workbook, as `export juror-sheets` writes it
	critCol := map[int]int{}        // wide form: criterion index → cell index
	var cells []scoreCell           // wide form, in column order
	for _, i := range other {
		h := t.Header[i]
		ci, ok, like := g.criterion(h)
		switch {
		case ok && long:
			hdr.add(i, h, "%s", "le fichier a une colonne « Critère » (une ligne par note) et des colonnes par critère : choisissez l'une des deux présentations")
		case ok:
			if j, dup := critCol[ci]; dup {
				hdr.add(i, h, "le %s a deux colonnes (colonnes %d et %d) : supprimez ou renommez l'une d'elles", g.name(ci), j+1, i+1)
				continue
			}
			critCol[ci] = i
			cells = append(cells, scoreCell{crit: ci, col: i})
		case like && !long:
			hdr.add(i, h, "critère inconnu « %s » : intitulez chaque colonne de notes par %s", abbrev(h), g.valid)
		case book && jurorBookInfo[data.FoldKey(h)]:
		default:
			res.Warnings = append(res.Warnings, fmt.Sprintf("Colonne ignorée : « %s » (intitulé non reconnu).", abbrev(h)))
		}
	}
	if !long && roleCol[roleScore] >= 0 {
		res.Warnings = append(res.Warnings, fmt.Sprintf("Colonne ignorée : « %s » (sans colonne « Critère », les notes se lisent dans les colonnes des critères).", t.Header[roleCol[roleScore]]))
	}
	missing := false
	need := []int{roleNumber, roleJuror}
	if long {
		need = append(need, roleScore)
	}
	if book {
		need = append(need, roleCampaign)
	}
	for _, r := range need {
		if roleCol[r] < 0 {
			missing = true
			hdr.add(1<<30, roleLabels[r], "colonne obligatoire absente : ajoutez une colonne intitulée « %s »", roleLabels[r])
		}
	}
	if !long && len(critCol) == 0 {
		missing = true
		hdr.add(1<<30, "", "aucune colonne de notes : ajoutez soit les colonnes « Critère » et « Note » (une ligne par note), soit une colonne par critère, intitulée par %s", g.valid)
	}
	res.Errors = append(res.Errors, hdr.sorted()...)
	if missing {
		return res
	}
	if len(t.Rows) == 0 && book {
		// A juror who stepped aside from every dossier has nothing to score:
		// their workbook may travel with the others.
		res.Warnings = append(res.Warnings, "Classeur sans aucun dossier à noter : rien à importer.")
		return res
	}
	if len(t.Rows) == 0 {
		res.Errors = append(res.Errors, LineError{Line: hl, Message: "le fichier ne contient aucune note : seulement la ligne d'intitulés"})
		return res
	}

	// Lookups, built once.
	apps := map[string]string{} // upper-cased number → number as the campaign has it
	example := ""
	for k := range lk.Applications {
		u := strings.ToUpper(data.Clean(k))
		if prev, ok := apps[u]; !ok || k < prev {
			apps[u] = k
		}
		if example == "" || k < example {
			example = k
		}
	}
	type jurorRef struct {
		id   int64
		name string
		msg  string // why the name is refused
		line int    // where it was first refused
	}
	jurors := map[string]jurorRef{} // cell as written → juror
	newJurors := map[string]int64{} // folded name → negative ID
	sheets := map[[2]int64]int{}    // {juror, application} → index in Sheets
	type scoreKey struct {
		juror, app int64
		crit       int
	}
	seen := map[scoreKey]int{} // → first line
	irrecevable := map[int64]bool{}
	blankRows := 0
	otherCampaign := false // said once: every row of such a workbook is

	numHeader, jurorHeader := t.Header[roleCol[roleNumber]], t.Header[roleCol[roleJuror]]
	for i, row := range t.Rows {
		line := i + 2
		if i < len(t.Lines) {
			line = t.Lines[i]
		}
		p := scoreRow{line: line}
		cell := func(j int) string {
			if j < 0 || j >= len(row) {
				return ""
			}
			return row[j]
		}

		// Cells beyond the header: a stray separator, most often.
		for j := len(t.Header); j < len(row); j++ {
			if strings.TrimSpace(row[j]) != "" {
				p.add(j, fmt.Sprintf("n° %d", j+1),
					"cellule hors des colonnes de l'en-tête (« %s ») : un séparateur en trop, ou une virgule décimale dans un fichier séparé par des virgules ?", abbrev(row[j]))
				break
			}
		}
		for j := range unnamed {
			if strings.TrimSpace(cell(j)) != "" {
				unnamed[j] = false // reported below, once
			}
		}

		// The scores the row gives, before anything else: a row without any is skipped.
		type given struct {
			crit, col int
			value     string
		}
		var scores []given
		if long {
			sc := roleCol[roleScore]
			if v := cell(sc); strings.TrimSpace(v) != "" {
				ci, ok, named := -1, true, -1
				for _, cc := range critCols {
					cv := cell(cc)
					if data.Blank(cv) {
						continue
					}
					i, found, _ := g.criterion(cv)
					switch {
					case !found:
						ok = false
						p.add(cc, t.Header[cc], "critère inconnu « %s » : indiquez %s", abbrev(cv), g.valid)
					case ci < 0:
						ci, named = i, cc
					case i != ci:
						ok = false
						p.add(cc, t.Header[cc], "les colonnes « %s » et « %s » désignent deux critères différents : le %s et le %s",
							t.Header[named], t.Header[cc], g.name(ci), g.name(i))
					}
				}
				switch {
				case ok && ci >= 0:
					scores = append(scores, given{ci, sc, v})
				case ok:
					cc := critCols[0]
					p.add(cc, t.Header[cc], "critère manquant : indiquez %s", g.valid)
				}
			} else {
				blankRows++
				res.Errors = append(res.Errors, p.sorted()...)
				continue
			}
		} else {
			for _, sc := range cells {
				if v := cell(sc.col); strings.TrimSpace(v) != "" {
					scores = append(scores, given{sc.crit, sc.col, v})
				}
			}
			if len(scores) == 0 {
				blankRows++
				res.Errors = append(res.Errors, p.sorted()...)
				continue
			}
		}

		if book && !p.jurorBook(c, cell, roleCol, t.Header, &otherCampaign) {
			res.Errors = append(res.Errors, p.sorted()...)
			continue
		}

		// Application.
		appID, number := int64(0), ""
		numCol := roleCol[roleNumber]
		if v := cell(numCol); data.Blank(v) {
			p.add(numCol, numHeader, "numéro de dossier manquant")
		} else if id, ok := lk.Applications[strings.TrimSpace(v)]; ok {
			appID, number = id, strings.TrimSpace(v)
		} else if k, ok := apps[strings.ToUpper(data.Clean(v))]; ok {
			appID, number = lk.Applications[k], k
		} else if example != "" {
			p.add(numCol, numHeader, "dossier inconnu « %s » : indiquez le numéro complet d'un dossier de la campagne, par exemple %s", abbrev(v), example)
		} else {
			p.add(numCol, numHeader, "dossier inconnu « %s » : la campagne n'a aucun dossier", abbrev(v))
		}

		// Juror.
		jurCol := roleCol[roleJuror]
		raw := cell(jurCol)
		j, ok := jurors[raw]
		if ok && j.msg != "" && j.line != line {
			j.msg = fmt.Sprintf("même juré refusé qu'à la ligne %d (« %s »)", j.line, abbrev(data.Clean(raw)))
		}
		if !ok {
			j.line = line
			name := data.Clean(raw)
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
				if id, known := lk.juror(name); known {
					j.id = id
					if listed, ok := lk.Names[id]; ok {
						j.name = listed
					}
				} else if id, known := newJurors[k]; known {
					j.id = id
				} else if !lk.CreateJurors {
					j.msg = lk.unknownJuror(name)
				} else {
					res.NewJurors = append(res.NewJurors, name)
					j.id = -int64(len(res.NewJurors))
					newJurors[k] = j.id
					res.Warnings = append(res.Warnings, fmt.Sprintf("Juré créé : %s (absent du jury de la campagne, ligne %d).", name, line))
				}
			}
			jurors[raw] = j
		}
		if j.msg != "" {
			p.add(jurCol, jurorHeader, "%s", j.msg)
		}

		known := number != ""
		if known && j.msg == "" {
			if lk.Conflicts[[2]int64{j.id, appID}] {
				p.add(jurCol, jurorHeader, "Déport déclaré : %s ne peut pas noter %s", j.name, number)
			}
		}
		if known && lk.Irrecevable[appID] && !irrecevable[appID] {
			irrecevable[appID] = true
			res.Warnings = append(res.Warnings, fmt.Sprintf("Le dossier %s est irrecevable, mais le fichier le note (ligne %d).", number, line))
		}

		// Scores.
		var sh *jury.Sheet
		if known && j.msg == "" {
			key := [2]int64{j.id, appID}
			si, ok := sheets[key]
			if !ok {
				si = len(res.Sheets)
				sheets[key] = si
				res.Sheets = append(res.Sheets, jury.Sheet{JurorID: j.id, ApplicationID: appID, Scores: map[int64]int{}})
				res.Lines = append(res.Lines, line)
			}
			sh = &res.Sheets[si]
		}
		for _, s := range scores {
			cr := g.crits[s.crit]
			n, _, msg := parseScore(s.value, cr.Max, g.name(s.crit))
			if msg != "" {
				p.add(s.col, t.Header[s.col], "%s", msg)
			}
			if sh == nil {
				continue
			}
			k := scoreKey{j.id, appID, s.crit}
			if first, dup := seen[k]; dup {
				p.add(s.col, t.Header[s.col], "note en double : %s a déjà noté le %s du dossier %s ligne %d", j.name, g.name(s.crit), number, first)
				continue
			}
			seen[k] = line
			if msg == "" {
				sh.Scores[cr.ID] = n
			}
		}
		res.Errors = append(res.Errors, p.sorted()...)
	}

	var cols []int
	for j, blank := range unnamed {
		if !blank {
			cols = append(cols, j)
		}
	}
	sort.Ints(cols)
	for _, j := range cols {
		res.Warnings = append(res.Warnings, fmt.Sprintf("Colonne n° %d ignorée : elle n'a pas d'intitulé, mais contient des données.", j+1))
	}
	incomplete := 0
	for _, s := range res.Sheets {
		if len(s.Scores) < len(g.crits) {
			incomplete++
		}
	}
	if incomplete > 0 {
		verb := "elle ne comptera"
		if incomplete > 1 {
			verb = "elles ne compteront"
		}
		res.Warnings = append(res.Warnings, fmt.Sprintf("%s incomplète%s : %s pas tant que tous les critères ne seront pas notés.",
			data.Count(incomplete, "grille", "grilles"), data.Plural(incomplete, "", "s"), verb))
	}
	if blankRows > 0 {
		res.Warnings = append(res.Warnings, fmt.Sprintf("%s sans aucune note ignorée%s.", data.Count(blankRows, "ligne", "lignes"), data.Plural(blankRows, "", "s")))
	}
	return res
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
