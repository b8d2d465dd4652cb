package importer_test

import (
	"bytes"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/importer"
	"github.com/call-agglo/cohesion/data/jury"
	"github.com/call-agglo/cohesion/data/seed"
	"github.com/call-agglo/cohesion/data/sheet"
	"github.com/xuri/excelize/v2"
)

// scoreCampaign is the default campaign with its criteria stored: IDs 11 to 15.
// Its grid: 1 « Réponse à un besoin social non pourvu par le Contrat de ville »,
// 2 « Caractère exemplaire et innovant de la démarche », 3 « Proximité du
// terrain et participation des habitants des quartiers prioritaires »,
// 4 « Inscription dans une thématique prioritaire », 5 « Faisabilité,
// partenariats et cohérence du budget », each on 5.
func scoreCampaign(t testing.TB) *data.Campaign {
	t.Helper()
	c, err := seed.DefaultCampaign()
	if err != nil {
		t.Fatal(err)
	}
	c.ID = 7
	if len(c.Criteria) != 5 {
		t.Fatalf("%d criteria in the seed", len(c.Criteria))
	}
	for i := range c.Criteria {
		c.Criteria[i].ID = int64(11 + i)
		if c.Criteria[i].Max != 5 {
			t.Fatalf("criterion %d on %d", i+1, c.Criteria[i].Max)
		}
	}
	return c
}

// Jurors 1 Marie Dupont, 2 Jean-Pierre Lefèvre (in conflict for AMI2021-003),
// 3 Amina Benali; applications AMI2021-001 to 005 are 101 to 105, 105 irrecevable.
func scoreLookup() importer.ScoreLookup {
	lk := importer.ScoreLookup{
		Applications: map[string]int64{},
		Irrecevable:  map[int64]bool{105: true},
		Jurors: map[string]int64{
			data.FoldKey("Marie Dupont"): 1, data.FoldKey("Jean-Pierre Lefèvre"): 2, data.FoldKey("Amina Benali"): 3,
		},
		Conflicts: map[[2]int64]bool{{2, 103}: true},
		// These tables also test the jurors a file creates on purpose
		// (--create-jurors); TestScoresUnknownJuror tests the refusal.
		CreateJurors: true,
	}
	for i := 1; i <= 5; i++ {
		lk.Applications[fmt.Sprintf("AMI2021-%03d", i)] = int64(100 + i)
	}
	return lk
}

func readScores(t testing.TB, name string, b []byte) *importer.ScoresResult {
	t.Helper()
	tb, err := sheet.Read(name, bytes.NewReader(b))
	if err != nil {
		t.Fatalf("read %s: %v", name, err)
	}
	return importer.Scores(scoreCampaign(t), tb, scoreLookup())
}

func sh(juror, app int64, scores ...int) jury.Sheet {
	s := jury.Sheet{JurorID: juror, ApplicationID: app, Scores: map[int64]int{}}
	for i := 0; i+1 < len(scores); i += 2 {
		s.Scores[int64(scores[i])] = scores[i+1]
	}
	return s
}

func checkScoreErrors(t *testing.T, r *importer.ScoresResult, want []wantErr) {
	t.Helper()
	if len(r.Errors) != len(want) {
		t.Errorf("%d errors, want %d:\n%s", len(r.Errors), len(want), r.Report())
		return
	}
	for i, w := range want {
		e := r.Errors[i]
		if e.Line != w.line || e.Column != w.column || !strings.Contains(e.Message, w.msg) {
			t.Errorf("error %d: got %+v, want line %d column %q message containing %q", i, e, w.line, w.column, w.msg)
		}
	}
}

const (
	longHeader = "Numéro;Juré;Critère;Note\n"
	wideHeader = "Numéro;Juré;1;2;3;4;5\n"
)

// long10k is a cell of 10 000 characters.
var long10k = strings.Repeat("Zoé ", 2500)

// scoresCSVCase is one case of TestScoresCSV.
type scoresCSVCase struct {
	name     string
	file     string
	in       string
	errs     []wantErr
	sheets   []jury.Sheet
	lines    []int
	new      []string
	warnings []string // each a substring of one warning, in order; nil: not checked
}

// scoresCSVCases are the cases of TestScoresCSV.
var scoresCSVCases = []scoresCSVCase{
	{
		name:     "long form by position",
		in:       longHeader + "AMI2021-001;Marie Dupont;1;4\nAMI2021-001;Marie Dupont;2; 3 \nAMI2021-002;marie dupont;1;5\nami2021-001 ;Amina Benali;5;0\n",
		sheets:   []jury.Sheet{sh(1, 101, 11, 4, 12, 3), sh(1, 102, 11, 5), sh(3, 101, 15, 0)},
		lines:    []int{2, 4, 5},
		warnings: []string{"3 grilles incomplètes : elles ne compteront pas"},
	},
	{
		name: "long form by label, accents and case aside, synonyms",
		in: "\uFEFFN°;Membre du jury;Critère;Score\n" +
			"AMI2021-004;AMINA BENALI;reponse a un besoin social non pourvu par le contrat de ville;5\n" +
			"AMI2021-004;Amina Benali;Caractère exemplaire et innovant de la démarche;4\n" +
			"AMI2021-004;Amina  Benali;Critère 3 - Proximité du terrain et participation des habitants des quartiers prioritaires;3\n" +
			"AMI2021-004;Amina Benali;INSCRIPTION DANS UNE THEMATIQUE PRIORITAIRE;2\n" +
			"AMI2021-004;Amina Benali;Faisabilité, partenariats;1\n",
		sheets:   []jury.Sheet{sh(3, 104, 11, 5, 12, 4, 13, 3, 14, 2, 15, 1)},
		lines:    []int{2},
		warnings: []string{},
	},
	{
		name:   "long form: number and label columns for the criterion",
		in:     "Dossier;Jure;N° de critère;Intitulé du critère;Note\nAMI2021-001;Marie Dupont;1;Réponse à un besoin social non pourvu par le Contrat de ville;3\nAMI2021-001;Marie Dupont;;Faisabilité, partenariats et cohérence du budget;2\nAMI2021-001;Marie Dupont;2;Faisabilité, partenariats et cohérence du budget;2\n",
		errs:   []wantErr{{4, "Intitulé du critère", "désignent deux critères différents : le critère n° 2"}},
		sheets: []jury.Sheet{sh(1, 101, 11, 3, 15, 2)},
	},
	{
		name:     "wide form by position",
		in:       "Dossier;Évaluateur;C1;C2;Critère 3;4;Critère n° 5 (sur 5)\nAMI2021-001;Marie Dupont;1;2;3;4;5\nAMI2021-002;Jean-Pierre Lefevre;0;0;0;0;0\n",
		sheets:   []jury.Sheet{sh(1, 101, 11, 1, 12, 2, 13, 3, 14, 4, 15, 5), sh(2, 102, 11, 0, 12, 0, 13, 0, 14, 0, 15, 0)},
		lines:    []int{2, 3},
		warnings: []string{},
	},
	{
		name: "wide form by label, partial sheet, blank row, ignored columns",
		in: "Numéro;Juré;Structure;Réponse à un besoin social non pourvu par le contrat de ville;CARACTERE EXEMPLAIRE ET INNOVANT DE LA DEMARCHE;Proximité du terrain et participation des habitants des quartiers prioritaires /5;Inscription dans une thématique prioritaire (sur 5);Faisabilité, partenariats et cohérence du budget;Total;Note\n" +
			"AMI2021-003;Amina Benali;Asso;5;4;;2;1;12;\n" +
			"AMI2021-003;Marie Dupont;Asso;;;;;;;\n",
		sheets: []jury.Sheet{sh(3, 103, 11, 5, 12, 4, 14, 2, 15, 1)},
		lines:  []int{2},
		warnings: []string{"Colonne ignorée : « Structure »", "Colonne ignorée : « Total »", "Colonne ignorée : « Note »",
			"1 grille incomplète : elle ne comptera pas", "1 ligne sans aucune note ignorée"},
	},
	{
		name: "unknown juror created once",
		in: longHeader + "AMI2021-001;Zoé Martin;1;3\nAMI2021-002;zoe martin;1;3\nAMI2021-001;Paul Durand;1;2\nAMI2021-001;ZOÉ  MARTIN;2;3\n" +
			"AMI2021-002;Marie Dupont;1;1\n",
		sheets:   []jury.Sheet{sh(-1, 101, 11, 3, 12, 3), sh(-1, 102, 11, 3), sh(-2, 101, 11, 2), sh(1, 102, 11, 1)},
		lines:    []int{2, 3, 4, 6},
		new:      []string{"Zoé Martin", "Paul Durand"},
		warnings: []string{"Juré créé : Zoé Martin (absent du jury de la campagne, ligne 2)", "Juré créé : Paul Durand", "4 grilles incomplètes"},
	},
	{
		name: "unknown or missing number",
		in:   longHeader + "AMI2021-999;Marie Dupont;1;3\n;Marie Dupont;1;3\n" + strings.Repeat("X", 10000) + ";Marie Dupont;1;3\n",
		errs: []wantErr{
			{2, "Numéro", "dossier inconnu « AMI2021-999 » : indiquez le numéro complet d'un dossier de la campagne, par exemple AMI2021-001"},
			{3, "Numéro", "numéro de dossier manquant"},
			{4, "Numéro", "dossier inconnu « XXXX"},
		},
	},
	{
		name: "out of range",
		in:   wideHeader + "AMI2021-001;Marie Dupont;6;-1;5;0;99999999999999999999\n",
		errs: []wantErr{
			{2, "1", "note « 6 » hors barème : le critère n° 1 « Réponse à un besoin social non pourvu pa… » se note de 0 à 5"},
			{2, "2", "note « -1 » hors barème : le critère n° 2"},
			{2, "5", "note « 99999999999999999999 » hors barème"},
		},
	},
	{
		name: "not whole numbers",
		in:   wideHeader + "AMI2021-001;Marie Dupont;3,5;2.0;abc;,0;5️⃣\n",
		errs: []wantErr{
			{2, "1", "note « 3,5 » non entière : les notes sont des nombres entiers ; le critère n° 1"},
			{2, "2", "note « 2.0 » non entière"},
			{2, "3", "note illisible « abc » : écrivez un nombre entier ; le critère n° 3"},
			{2, "4", "note « ,0 » non entière"},
			{2, "5", "note illisible « 5️⃣ »"},
		},
	},
	{
		name: "declared conflict",
		in:   longHeader + "AMI2021-003;Jean-Pierre Lefèvre;1;3\nAMI2021-003;Jean-Pierre Lefèvre;2;3\nAMI2021-002;Jean-Pierre Lefèvre;1;3\nAMI2021-003;Jean-Pierre Lefèvre;3;\n",
		errs: []wantErr{
			{2, "Juré", "Déport déclaré : Jean-Pierre Lefèvre ne peut pas noter AMI2021-003"},
			{3, "Juré", "Déport déclaré : Jean-Pierre Lefèvre ne peut pas noter AMI2021-003"},
		},
	},
	{
		name: "same score twice",
		in:   longHeader + "AMI2021-001;Marie Dupont;1;3\nAMI2021-001;Marie Dupont;2;3\nAMI2021-001;MARIE DUPONT;C1;4\n",
		errs: []wantErr{{4, "Note", "note en double : MARIE DUPONT a déjà noté le critère n° 1 « Réponse à un besoin social non pourvu pa… » du dossier AMI2021-001 ligne 2"}},
	},
	{
		name: "same pair twice in the wide form",
		in:   wideHeader + "AMI2021-001;Marie Dupont;1;;;;\nAMI2021-001;Marie Dupont;;2;;;\nAMI2021-001;Marie Dupont;1;;3;;\n",
		errs: []wantErr{{4, "1", "note en double"}},
	},
	{
		name: "unknown criterion in the long form",
		in:   longHeader + "AMI2021-001;Marie Dupont;9;3\nAMI2021-001;Marie Dupont;Budget;3\nAMI2021-001;Marie Dupont;;3\nAMI2021-001;Marie Dupont;🌟;3\n",
		errs: []wantErr{
			{2, "Critère", "critère inconnu « 9 » : indiquez le numéro du critère (1 à 5) ou son intitulé : 1 « Réponse à un besoin social non pourvu par le Contrat de ville », 2 « Caractère exemplaire"},
			{3, "Critère", "critère inconnu « Budget »"},
			{4, "Critère", "critère manquant"},
			{5, "Critère", "critère inconnu « 🌟 »"},
		},
	},
	{
		name: "unknown criterion in the wide form",
		in:   "Numéro;Juré;C1;C9;Critère 6;Critère « budget »\nAMI2021-001;Marie Dupont;1;2;3;4\n",
		errs: []wantErr{
			{1, "C9", "critère inconnu « C9 » : intitulez chaque colonne de notes par le numéro du critère (1 à 5)"},
			{1, "Critère 6", "critère inconnu"},
			{1, "Critère « budget »", "critère inconnu"},
		},
	},
	{
		name: "missing juror column",
		in:   "Numéro;Critère;Note\nAMI2021-001;1;3\n",
		errs: []wantErr{{1, "Juré", "colonne obligatoire absente : ajoutez une colonne intitulée « Juré »"}},
	},
	{
		name: "missing number and score columns",
		in:   "Juré;Critère\nMarie Dupont;1\n",
		errs: []wantErr{{1, "Numéro", "colonne obligatoire absente"}, {1, "Note", "colonne obligatoire absente"}},
	},
	{
		name: "no score column",
		in:   "Numéro;Juré;Commentaire\nAMI2021-001;Marie Dupont;bien\n",
		errs: []wantErr{{1, "", "aucune colonne de notes : ajoutez soit les colonnes « Critère » et « Note »"}},
	},
	{
		name: "both layouts",
		in:   "Numéro;Juré;Critère;Note;C2\nAMI2021-001;Marie Dupont;1;3;4\n",
		errs: []wantErr{{1, "C2", "choisissez l'une des deux présentations"}},
	},
	{
		name: "column twice",
		in:   "Numéro;Juré;C1;Critère 1;Jury\nAMI2021-001;Marie Dupont;1;2;x\n",
		errs: []wantErr{
			{1, "Critère 1", "le critère n° 1 « Réponse à un besoin social non pourvu pa… » a deux colonnes (colonnes 3 et 4)"},
			{1, "Jury", "la colonne « Juré » apparaît deux fois (colonnes 2 et 5)"},
		},
		sheets: []jury.Sheet{sh(1, 101, 11, 1)},
	},
	{
		name: "only a header",
		in:   longHeader,
		errs: []wantErr{{1, "", "le fichier ne contient aucune note"}},
	},
	{
		name: "10 000-character cells",
		in:   longHeader + "AMI2021-001;" + long10k + ";1;3\nAMI2021-001;Marie Dupont;" + long10k + ";3\nAMI2021-001;Marie Dupont;1;" + strings.Repeat("4", 10000) + "\n",
		errs: []wantErr{
			{2, "Juré", "nom du juré trop long (500 caractères au plus) : « Zoé Zoé"},
			{3, "Critère", "critère inconnu « Zoé Zoé"},
			{4, "Note", "hors barème"},
		},
	},
	{
		name:     "emoji",
		in:       longHeader + "AMI2021-001;Zoé 🌟 Martin;1;3\nAMI2021-001;🌟;1;3\nAMI2021-001;Zoé Martin;2;🌟\n",
		errs:     []wantErr{{3, "Juré", "nom du juré illisible « 🌟 »"}, {4, "Note", "note illisible « 🌟 »"}},
		new:      []string{"Zoé 🌟 Martin"},
		warnings: []string{"Juré créé : Zoé 🌟 Martin", "1 grille incomplète"},
	},
	{
		name:     "irrecevable application",
		in:       longHeader + "AMI2021-005;Marie Dupont;1;3\nAMI2021-005;Amina Benali;1;3\n",
		sheets:   []jury.Sheet{sh(1, 105, 11, 3), sh(3, 105, 11, 3)},
		warnings: []string{"Le dossier AMI2021-005 est irrecevable, mais le fichier le note (ligne 2)", "2 grilles incomplètes"},
	},
	{
		name: "comma separator with a decimal comma",
		in:   "Numéro,Juré,Critère,Note\nAMI2021-001,Marie Dupont,1,3,5\n",
		errs: []wantErr{{2, "n° 5", "cellule hors des colonnes de l'en-tête (« 5 ») : un séparateur en trop, ou une virgule décimale"}},
	},
	{
		name:   "every error of a line, in column order",
		in:     "Note;Critère;Juré;Numéro\n7;C8;;AMI2021-000\n",
		errs:   []wantErr{{2, "Critère", "critère inconnu « C8 »"}, {2, "Juré", "nom du juré manquant"}, {2, "Numéro", "dossier inconnu"}},
		sheets: []jury.Sheet{},
	},
}

func TestScoresCSV(t *testing.T) {
	for _, tt := range scoresCSVCases {
		t.Run(tt.name, func(t *testing.T) {
			name := tt.file
			if name == "" {
				name = "notes.csv"
			}
			r := readScores(t, name, []byte(tt.in))
			checkScoreErrors(t, r, tt.errs)
			if r.OK() != (len(tt.errs) == 0) {
				t.Errorf("OK() = %v", r.OK())
			}
			if tt.sheets != nil && !(len(tt.sheets) == 0 && len(r.Sheets) == 0) && !reflect.DeepEqual(r.Sheets, tt.sheets) {
				t.Errorf("sheets\n got %+v\nwant %+v", r.Sheets, tt.sheets)
			}
			if len(r.Lines) != len(r.Sheets) || (tt.lines != nil && !reflect.DeepEqual(r.Lines, tt.lines)) {
				t.Errorf("lines %v for %d sheets", r.Lines, len(r.Sheets))
			}
			if !reflect.DeepEqual(r.NewJurors, tt.new) {
				t.Errorf("new jurors %q, want %q", r.NewJurors, tt.new)
			}
			if tt.warnings != nil {
				if len(r.Warnings) != len(tt.warnings) {
					t.Errorf("warnings %q, want %q", r.Warnings, tt.warnings)
				} else {
					for i, w := range tt.warnings {
						if !strings.Contains(r.Warnings[i], w) {
							t.Errorf("warning %d %q, want %q", i, r.Warnings[i], w)
						}
					}
				}
			}
			rep := r.Report()
			for _, e := range r.Errors {
				if !strings.HasPrefix(rep, "Import impossible") || !strings.Contains(rep, e.String()) {
					t.Errorf("report lacks %q:\n%s", e.String(), rep)
				}
				if len([]rune(e.String())) > 2000 {
					t.Errorf("error too long: %d runes", len([]rune(e.String())))
				}
			}
			for _, w := range r.Warnings {
				if !strings.Contains(rep, w) {
					t.Errorf("report lacks warning %q:\n%s", w, rep)
				}
			}
			// Deterministic: the same file gives the same result.
			if again := readScores(t, name, []byte(tt.in)); !reflect.DeepEqual(again, r) {
				t.Errorf("second run differs:\n%+v\n%+v", again, r)
			}
		})
	}
}

func TestScoresReport(t *testing.T) {
	r := readScores(t, "n.csv", []byte(longHeader+"AMI2021-001;Marie Dupont;1;6\nAMI2021-003;Jean-Pierre Lefèvre;1;2,5\nAMI2021-002;Zoé Martin;2;3\n"))
	want := "Import impossible : 3 erreurs sur 2 lignes. Corrigez le fichier puis recommencez ; aucune note n'a été importée.\n" +
		"Ligne 2, colonne « Note » : Note « 6 » hors barème : le critère n° 1 « Réponse à un besoin social non pourvu pa… » se note de 0 à 5.\n" +
		"Ligne 3, colonne « Juré » : Déport déclaré : Jean-Pierre Lefèvre ne peut pas noter AMI2021-003.\n" +
		"Ligne 3, colonne « Note » : Note « 2,5 » non entière : les notes sont des nombres entiers ; le critère n° 1 « Réponse à un besoin social non pourvu pa… » se note de 0 à 5.\n" +
		"Juré créé : Zoé Martin (absent du jury de la campagne, ligne 4).\n" +
		"3 grilles incomplètes : elles ne compteront pas tant que tous les critères ne seront pas notés.\n"
	if got := r.Report(); got != want {
		t.Errorf("report\n%s\nwant\n%s", got, want)
	}
	if r.BadLines() != 2 {
		t.Errorf("bad lines %d", r.BadLines())
	}

	r = readScores(t, "n.csv", []byte(wideHeader+"AMI2021-001;Marie Dupont;1;2;3;4;5\nAMI2021-002;Marie Dupont;1;2;3;4;5\n"))
	if want := "2 grilles prêtes à importer (10 notes), aucune erreur.\n"; r.Report() != want {
		t.Errorf("report %q, want %q", r.Report(), want)
	}
}

func TestScoresXLSX(t *testing.T) {
	f := excelize.NewFile()
	s := f.GetSheetName(0)
	rows := [][]any{
		{"N° de dossier", "Membre du jury", 1, 2, "C3", "Critère 4", "Faisabilité, partenariats et cohérence du budget"},
		{"AMI2021-001", "Marie Dupont", 5, 4, 3, 2, 1},
		{"AMI2021-002", "Zoé Martin", 5, 4.0, nil, "3", 0},
		{"AMI2021-003", "Amina Benali", 3.5, true, 1, 1, 1},
	}
	for r, row := range rows {
		for c, v := range row {
			if v == nil {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if err := f.SetCellValue(s, cell, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	p := filepath.Join(t.TempDir(), "notes.xlsx")
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	tb, err := sheet.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	r := importer.Scores(scoreCampaign(t), tb, scoreLookup())
	checkScoreErrors(t, r, []wantErr{{4, "1", "note « 3.5 » non entière"}, {4, "2", "note illisible « VRAI »"}})
	want := []jury.Sheet{sh(1, 101, 11, 5, 12, 4, 13, 3, 14, 2, 15, 1), sh(-1, 102, 11, 5, 12, 4, 14, 3, 15, 0), sh(3, 103, 13, 1, 14, 1, 15, 1)}
	if !reflect.DeepEqual(r.Sheets, want) || !reflect.DeepEqual(r.NewJurors, []string{"Zoé Martin"}) || !reflect.DeepEqual(r.Lines, []int{2, 3, 4}) {
		t.Errorf("sheets %+v lines %v new %q", r.Sheets, r.Lines, r.NewJurors)
	}
}

func TestScoresNilInputs(t *testing.T) {
	if r := importer.Scores(nil, nil, importer.ScoreLookup{}); r.OK() {
		t.Error("nil input is OK")
	}
	tb := &sheet.Table{Header: []string{"Numéro", "Juré", "1"}, Rows: [][]string{{"AMI2021-001", "Marie Dupont", "1"}}}
	r := importer.Scores(scoreCampaign(t), tb, importer.ScoreLookup{CreateJurors: true}) // nil maps
	checkScoreErrors(t, r, []wantErr{{1 + 1, "Numéro", "dossier inconnu « AMI2021-001 » : la campagne n'a aucun dossier"}})
	if !reflect.DeepEqual(r.NewJurors, []string{"Marie Dupont"}) {
		t.Errorf("new jurors %q", r.NewJurors)
	}
	c := scoreCampaign(t)
	c.Criteria = nil
	if r := importer.Scores(c, tb, scoreLookup()); r.OK() || !strings.Contains(r.Report(), "aucun critère") {
		t.Errorf("no grid: %s", r.Report())
	}
	c = scoreCampaign(t)
	c.Criteria[1].ID = c.Criteria[0].ID
	if r := importer.Scores(c, tb, scoreLookup()); r.OK() {
		t.Error("criteria without IDs are OK")
	}
}

// genScores builds a wide-form file: apps applications × jurors jurors, whole
// sheets.
func genScores(apps, jurors int) ([]byte, importer.ScoreLookup) {
	lk := importer.ScoreLookup{Applications: map[string]int64{}, Jurors: map[string]int64{}, Conflicts: map[[2]int64]bool{}, CreateJurors: true}
	names := make([]string, jurors)
	for j := range names {
		names[j] = fmt.Sprintf("Juré n° %d Lefèvre", j+1)
		lk.Jurors[data.FoldKey(names[j])] = int64(j + 1)
	}
	var b bytes.Buffer
	b.WriteString("\uFEFFNuméro;Juré;C1;C2;C3;C4;C5\n")
	for a := range apps {
		num := fmt.Sprintf("AMI2021-%05d", a+1)
		lk.Applications[num] = int64(a + 1)
		for j, n := range names {
			fmt.Fprintf(&b, "%s;%s;%d;%d;%d;%d;%d\n", num, n, (a+j)%6, (a+2*j)%6, j%6, a%6, (a*j)%6)
		}
	}
	return b.Bytes(), lk
}

func TestScores70000(t *testing.T) {
	in, lk := genScores(10000, 7)
	c := scoreCampaign(t)
	start := time.Now()
	tb, err := sheet.Read("notes.csv", bytes.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	r := importer.Scores(c, tb, lk)
	el := time.Since(start)
	if !r.OK() || len(r.Sheets) != 70000 || len(r.Warnings) != 0 {
		t.Fatalf("%d sheets\n%.2000s", len(r.Sheets), r.Report())
	}
	t.Logf("10 000 applications × 7 jurors read and mapped in %v", el)
	if el > 10*time.Second { // the target is under 1 s; this only catches a blow-up
		t.Errorf("too slow: %v", el)
	}
}

func BenchmarkScores70000(b *testing.B) {
	in, lk := genScores(10000, 7)
	c := scoreCampaign(b)
	b.SetBytes(int64(len(in)))
	b.ResetTimer()
	for b.Loop() {
		tb, err := sheet.Read("notes.csv", bytes.NewReader(in))
		if err != nil {
			b.Fatal(err)
		}
		if r := importer.Scores(c, tb, lk); !r.OK() {
			b.Fatal(r.Report())
		}
	}
}

func FuzzScores(f *testing.F) {
	f.Add([]byte(longHeader + "AMI2021-001;Marie Dupont;1;4\nAMI2021-001;Zoé;2;3\n"))
	f.Add([]byte(wideHeader + "AMI2021-001;Marie Dupont;1;2;3;4;5\nami2021-003;Jean-Pierre Lefèvre;;;;;6\n"))
	f.Add([]byte("Dossier,Évaluateur,C1,Critère 2,Faisabilité\nAMI2021-002,\"Amina, Benali\",\"3,5\",x,-1\n"))
	f.Add([]byte("N°;Jury;N° de critère;Intitulé du critère;Score\nAMI2021-005;🌟;C1;Budget;2\n"))
	f.Add([]byte("Num\xE9ro;Jur\xE9;Crit\xE8re;Note\nAMI2021-001;L\xE9a;1;1\n"))
	c := scoreCampaign(f)
	lk := scoreLookup()
	f.Fuzz(func(t *testing.T, b []byte) {
		tb, err := sheet.Read("f.csv", bytes.NewReader(b))
		if err != nil {
			return
		}
		r := importer.Scores(c, tb, lk)
		_ = r.Report()
		for _, e := range r.Errors {
			if e.Line < 1 || e.Message == "" {
				t.Fatalf("bad error %+v", e)
			}
		}
		if len(r.Lines) != len(r.Sheets) {
			t.Fatalf("%d lines for %d sheets", len(r.Lines), len(r.Sheets))
		}
		if !r.OK() {
			return
		}
		for _, s := range r.Sheets {
			if s.JurorID == 0 || s.JurorID < -int64(len(r.NewJurors)) || s.ApplicationID < 101 || s.ApplicationID > 105 {
				t.Fatalf("bad sheet %+v (%d new jurors)", s, len(r.NewJurors))
			}
			if lk.Conflicts[[2]int64{s.JurorID, s.ApplicationID}] {
				t.Fatalf("conflicted sheet %+v", s)
			}
			for id, n := range s.Scores {
				if id < 11 || id > 15 || n < 0 || n > 5 {
					t.Fatalf("bad score %d → %d", id, n)
				}
			}
		}
	})
}

// A sheet counts only known jurors: a name that matches none (folded) nor an
// e-mail refuses the whole file, naming the line and the closest jurors.
func TestScoresUnknownJuror(t *testing.T) {
	lk := scoreLookup()
	lk.CreateJurors = false
	lk.Jurors[data.FoldKey("Jean-Marc Leroy (fictif)")] = 4
	lk.Emails = map[string]int64{"jm.leroy@caf.example.org": 4}
	lk.Names = map[int64]string{1: "Marie Dupont", 2: "Jean-Pierre Lefèvre", 3: "Amina Benali", 4: "Jean-Marc Leroy (fictif)"}
	read := func(csv string) *importer.ScoresResult {
		tb, err := sheet.Read("notes.csv", strings.NewReader(csv))
		if err != nil {
			t.Fatal(err)
		}
		return importer.Scores(scoreCampaign(t), tb, lk)
	}
	r := read(wideHeader + "AMI2021-001;Marie Dupont;3;3;2;4;3\nAMI2021-002;Jean-Marc Leroy;4;4;4;4;4\n")
	checkScoreErrors(t, r, []wantErr{{3, "Juré", "juré inconnu « Jean-Marc Leroy »"}})
	if !strings.Contains(r.Report(), "les plus proches : « Jean-Marc Leroy (fictif) »") || !strings.Contains(r.Report(), "--create-jurors") || len(r.NewJurors) != 0 {
		t.Fatalf("report:\n%s", r.Report())
	}
	// An e-mail names its juror; any case.
	r = read(wideHeader + "AMI2021-002;JM.Leroy@CAF.example.org;4;4;4;4;4\n")
	if !r.OK() || len(r.Sheets) != 1 || r.Sheets[0].JurorID != 4 {
		t.Fatalf("by e-mail: %+v\n%s", r.Sheets, r.Report())
	}
	// A name that folds to nothing is refused, even on purpose.
	lk.CreateJurors = true
	r = read(wideHeader + "AMI2021-002;***;4;4;4;4;4\n")
	checkScoreErrors(t, r, []wantErr{{2, "Juré", "illisible"}})
}
