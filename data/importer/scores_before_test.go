package importer

// Scores as it was before it was split into named steps (issue 20), frozen here
// so that random files can show the split changes no result. To be deleted once
// the split is in.

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/jury"
	"github.com/call-agglo/cohesion/data/sheet"
)

// TestScoresMatchesBefore runs seeded random score files through Scores and
// through the frozen copy, and wants the same result, to the last warning.
func TestScoresMatchesBefore(t *testing.T) {
	const cases = 5000
	r := rand.New(rand.NewPCG(20, 2026))
	for i := 0; i < cases; i++ {
		c, tab, lk := randomScoresFile(r)
		got, want := Scores(c, tab, lk), scoresBefore(c, tab, lk)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("case %d differs:\nheader %q\nrows %q\ngot  %+v\nwant %+v", i, tab.Header, tab.Rows, got, want)
		}
	}
	t.Logf("%d random files matched", cases)
}

var randomLabels = []string{"Besoin social", "Caractère innovant", "Proximité du terrain", "Thématique prioritaire", "Faisabilité du budget"}

// randomScoresFile is a campaign, a table and what the base knows: long, wide
// or juror's-workbook layouts, duplicate and unnamed columns, stray cells,
// unknown numbers, jurors and criteria, scores out of range, not whole or given
// twice, déports and irrecevable dossiers.
func randomScoresFile(r *rand.Rand) (*data.Campaign, *sheet.Table, ScoreLookup) {
	c := &data.Campaign{Code: "AMI2021"}
	nc := r.IntN(6)
	for k := 0; k < nc; k++ {
		cr := data.Criterion{ID: int64(11 + k), Position: k + 1, Label: randomLabels[k], Weight: 1, Max: 1 + r.IntN(10)}
		if r.IntN(40) == 0 {
			cr.ID = 0 // a grid not stored
		}
		c.Criteria = append(c.Criteria, cr)
	}
	if r.IntN(50) == 0 {
		c = nil
	}
	lk := ScoreLookup{Applications: map[string]int64{}, Irrecevable: map[int64]bool{}, Jurors: map[string]int64{},
		Emails: map[string]int64{}, Names: map[int64]string{}, CreateJurors: r.IntN(3) == 0, Conflicts: map[[2]int64]bool{}}
	na := r.IntN(6)
	for a := 1; a <= na; a++ {
		lk.Applications[fmt.Sprintf("AMI2021-%03d", a)] = int64(100 + a)
		if r.IntN(6) == 0 {
			lk.Irrecevable[int64(100+a)] = true
		}
	}
	jurors := []string{"Mme Durand", "M. Martin", "Léa Petit", "Paul Bernard"}
	for j, n := range jurors[:r.IntN(len(jurors)+1)] {
		lk.Jurors[data.FoldKey(n)] = int64(j + 1)
		lk.Names[int64(j+1)] = n
		lk.Emails[fmt.Sprintf("j%d@ville.fr", j+1)] = int64(j + 1)
		if na > 0 && r.IntN(4) == 0 {
			lk.Conflicts[[2]int64{int64(j + 1), int64(100 + 1 + r.IntN(na))}] = true
		}
	}

	var header []string
	pick := func(xs ...string) string { return xs[r.IntN(len(xs))] }
	if r.IntN(12) != 0 {
		header = append(header, pick("Numéro", "N° de dossier", "Dossier"))
	}
	if r.IntN(12) != 0 {
		header = append(header, pick("Juré", "Membre du jury", "Évaluateur"))
	}
	long := r.IntN(2) == 0
	book := r.IntN(6) == 0
	if long {
		header = append(header, pick("Critère", "N° de critère", "Intitulé du critère"))
		if r.IntN(4) == 0 {
			header = append(header, "Intitulé du critère")
		}
		if r.IntN(12) != 0 {
			header = append(header, pick("Note", "Score"))
		}
	} else {
		for k := 0; k < nc; k++ {
			if r.IntN(8) != 0 {
				header = append(header, pick(strconv.Itoa(k+1), "C"+strconv.Itoa(k+1), "Critère "+strconv.Itoa(k+1), randomLabels[k], randomLabels[k]+" (sur 5)"))
			}
		}
	}
	if book {
		header = append(header, data.JurorBookCampaignHeader, data.JurorBookCheckHeader, "Structure")
	}
	for n := r.IntN(3); n > 0; n-- {
		header = append(header, pick("", "Commentaire", "Critère 9", "Juré", "C2", "Note", "Besoin"))
	}
	r.Shuffle(len(header), func(i, j int) { header[i], header[j] = header[j], header[i] })

	numbers := []string{"AMI2021-001", "ami2021-002 ", "AMI2021-003", "AMI2021-999", "", "AMI2021-004"}
	names := append(jurors, "Inconnu Dupont", "mme durand", "j2@ville.fr", "", "123", strings.Repeat("x", 501))
	scores := []string{"0", "1", "2", "3", "5", "", "", "12", "2,5", "-1", "abc", " 4 "}
	if r.IntN(3) == 0 { // a clean file, mostly
		numbers, names, scores = numbers[:3], jurors[:2], []string{"0", "1", "2", "", " 1 "}
	}
	tab := &sheet.Table{Header: header, HeaderLine: r.IntN(3)}
	for n := r.IntN(12); n > 0; n-- {
		row := make([]string, len(header), len(header)+1)
		jur, num := pick(names...), pick(numbers...)
		for i, h := range header {
			switch {
			case roleFor(h) == roleNumber:
				row[i] = num
			case roleFor(h) == roleJuror:
				row[i] = jur
			case h == data.JurorBookCampaignHeader:
				row[i] = pick("AMI2021", "ami2021", "AUTRE")
			case h == data.JurorBookCheckHeader:
				row[i] = pick(data.JurorBookCheck("AMI2021", jur, num), "abc")
			case roleFor(h) == roleCriterion:
				row[i] = pick("1", "2", "C3", "Besoin social", "9", "", "Faisabilité du budget")
			case h == "":
				row[i] = pick("", "", "x")
			default:
				row[i] = pick(scores...)
			}
		}
		if r.IntN(15) == 0 {
			row = append(row, "de trop")
		}
		tab.Rows = append(tab.Rows, row)
		if r.IntN(2) == 0 {
			tab.Lines = append(tab.Lines, len(tab.Rows)+1+r.IntN(2))
		}
	}
	if r.IntN(30) == 0 {
		tab = nil
	}
	return c, tab, lk
}

func scoresBefore(c *data.Campaign, t *sheet.Table, lk ScoreLookup) *ScoresResult {
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
