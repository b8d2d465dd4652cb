package cli

import (
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/call-agglo/cohesion/data"
)

// bookScores are the scores of the round trip, juror → number → criteria 1…5;
// a nil entry is a dossier the juror leaves blank.
var bookScores = map[string]map[string][]int{
	"Mme Durand": {"AMI2021-001": {5, 4, 4, 3, 5}, "AMI2021-002": {3, 3, 2, 4, 3}, "AMI2021-003": {2, 1, 2, 3, 1}},
	"M. Leroy":   {"AMI2021-001": {4, 4, 5, 3, 4}, "AMI2021-002": {4, 5, 4, 4, 4}}, // déport on 003
	"Mme Nguyen": {"AMI2021-001": {5, 5, 4, 4, 4}, "AMI2021-002": {2, 3, 3, 2, 3}, "AMI2021-003": {1, 2, 2, 1, 2}},
}

// bookDB is juryDB with a third juror and M. Leroy's déport on AMI2021-003.
func bookDB(t *testing.T) string {
	t.Helper()
	db := juryDB(t, filepath.Join(t.TempDir(), "c.db"))
	for _, args := range [][]string{{"jurors", "add", "Mme Nguyen", "--college", "partenaire"},
		{"conflicts", "add", "--juror", "M. Leroy", "--application", "AMI2021-003", "--reason", "Administrateur de l'association"}} {
		if code, _, errs := runCLI(t, db, args...); code != 0 {
			t.Fatal(errs)
		}
	}
	return db
}

// scoresCSV is the wide score file of the same scores.
func scoresCSV(t *testing.T) string {
	var b strings.Builder
	b.WriteString("Numéro;Juré;1;2;3;4;5\n")
	for juror, byNumber := range bookScores {
		for number, s := range byNumber {
			b.WriteString(number + ";" + juror)
			for _, n := range s {
				b.WriteString(";" + strconv.Itoa(n))
			}
			b.WriteString("\n")
		}
	}
	return writeFile(t, "notes.csv", b.String())
}

func rankingOut(t *testing.T, db string) string {
	t.Helper()
	code, out, errs := runCLI(t, db, "ranking", "--format", "json")
	if code != 0 {
		t.Fatal(errs)
	}
	return out
}

// exportBooks writes every juror's workbook and returns them by juror.
func exportBooks(t *testing.T, db string, args ...string) map[string]string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "grilles")
	code, out, errs := runCLI(t, db, append(args, "export", "juror-sheets", "-o", dir)...)
	if code != 0 {
		t.Fatalf("export juror-sheets: %d %q", code, errs)
	}
	entries, _ := os.ReadDir(dir)
	books := map[string]string{}
	for _, e := range entries {
		f, err := excelize.OpenFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		name, _ := f.GetCellValue(data.JurorBookHelpSheet, "B3")
		f.Close()
		books[name] = filepath.Join(dir, e.Name())
	}
	if !strings.Contains(out, strconv.Itoa(len(entries))+" grilles de juré écrites") {
		t.Errorf("export says %q for %d files", out, len(entries))
	}
	return books
}

// fill types a juror's scores in their workbook, as the juror would: only in
// the score cells, row by row after the number.
func fill(t *testing.T, path string, scores map[string][]int) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(data.JurorBookScoresSheet)
	if err != nil {
		t.Fatal(err)
	}
	for r, row := range rows[1:] {
		s, ok := scores[row[0]]
		for c := 0; c < 5; c++ {
			cell, _ := excelize.CoordinatesToCellName(4+c, r+2)
			var err error
			if ok && s != nil {
				err = f.SetCellInt(data.JurorBookScoresSheet, cell, int64(s[c]))
			} else {
				err = f.SetCellValue(data.JurorBookScoresSheet, cell, nil) // left blank
			}
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
}

func TestJurorWorkbooksRoundTrip(t *testing.T) {
	viaBooks, viaCSV := bookDB(t), bookDB(t)
	// One sheet is already recorded: Mme Durand's for 003, typed at the
	// Notation screen. Her workbook brings it pre-filled; she clears it, which
	// changes nothing.
	first := writeFile(t, "avant.csv", "Numéro;Juré;1;2;3;4;5\nAMI2021-003;Mme Durand;2;1;2;3;1\n")
	if code, _, errs := runCLI(t, viaBooks, "import", "scores", first); code != 0 {
		t.Fatal(errs)
	}
	books := exportBooks(t, viaBooks)
	if len(books) != 3 {
		t.Fatalf("workbooks %v", books)
	}
	checkWorkbook(t, books["M. Leroy"], []string{"AMI2021-001", "AMI2021-002"}, []string{"AMI2021-003"})
	checkWorkbook(t, books["Mme Durand"], []string{"AMI2021-001", "AMI2021-002", "AMI2021-003"}, nil)
	if got := cellOf(t, books["Mme Durand"], data.JurorBookScoresSheet, "D4"); got != "2" {
		t.Errorf("Mme Durand's recorded score for 003 not pre-filled: %q", got)
	}
	var paths []string
	for juror, path := range books {
		s := bookScores[juror]
		if juror == "Mme Durand" {
			s = map[string][]int{"AMI2021-001": s["AMI2021-001"], "AMI2021-002": s["AMI2021-002"], "AMI2021-003": nil}
		}
		fill(t, path, s)
		paths = append(paths, path)
	}
	sort.Strings(paths)
	code, out, errs := runCLI(t, viaBooks, append([]string{"import", "scores"}, paths...)...)
	if code != 0 || !strings.Contains(out, "7 grilles importées") {
		t.Fatalf("import of the workbooks: %d %q %q", code, out, errs)
	}
	if strings.Contains(errs, "Colonne ignorée") {
		t.Errorf("a workbook's own columns reported: %q", errs)
	}
	if code, _, errs := runCLI(t, viaCSV, "import", "scores", scoresCSV(t)); code != 0 {
		t.Fatal(errs)
	}
	a, b := rankingOut(t, viaBooks), rankingOut(t, viaCSV)
	if a != b {
		t.Fatalf("ranking from the workbooks\n%s\ndiffers from the one from the CSV sheet\n%s", a, b)
	}
	if r := ranking(t, viaBooks); len(r) != 3 || r[0].Sheets != 3 || r[2].Sheets != 2 {
		t.Fatalf("ranking %+v", r)
	}
}

func cellOf(t *testing.T, path, sheet, cell string) string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	v, _ := f.GetCellValue(sheet, cell)
	return v
}

// checkWorkbook checks what a juror receives: the dossiers to score, the
// déports apart, the grid with weights and maxima, whole numbers only, the
// rest locked, the juror and campaign on each row, the instructions.
func checkWorkbook(t *testing.T, path string, numbers, deports []string) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); strings.Join(got, "|") != "Mode d'emploi|Notes|Déports" {
		t.Fatalf("sheets %v", got)
	}
	if f.GetActiveSheetIndex() != 0 {
		t.Errorf("the workbook opens on sheet %d", f.GetActiveSheetIndex())
	}
	help, _ := f.GetRows(data.JurorBookHelpSheet)
	var text []string
	for _, r := range help {
		text = append(text, strings.Join(r, " "))
	}
	all := strings.Join(text, "\n")
	for _, s := range []string{"Campagne AMI2021", "une note entière par critère", "Déports", "Réponse à un besoin social non pourvu par le Contrat de ville 3 5"} {
		if !strings.Contains(all, s) {
			t.Errorf("instructions lack %q:\n%s", s, all)
		}
	}
	rows, _ := f.GetRows(data.JurorBookScoresSheet)
	head := rows[0]
	if head[0] != "Numéro" || head[1] != "Structure" || head[2] != "Intitulé du projet" ||
		head[3] != "1. Réponse à un besoin social non pourvu par le Contrat de ville (coefficient 3, note de 0 à 5)" ||
		head[8] != "Juré" || head[9] != "Campagne" || head[10] != "Contrôle" {
		t.Errorf("header %q", head)
	}
	var got []string
	for _, r := range rows[1:] {
		got = append(got, r[0])
		if r[8] != cellOf(t, path, data.JurorBookHelpSheet, "B3") || r[9] != "AMI2021" || r[10] != data.JurorBookCheck("AMI2021", r[8], r[0]) {
			t.Errorf("row %q: juror, campaign or control", r)
		}
	}
	if strings.Join(got, " ") != strings.Join(numbers, " ") {
		t.Errorf("dossiers to score %v, want %v", got, numbers)
	}
	dep, _ := f.GetRows(data.JurorBookDeportsSheet)
	got = nil
	for _, r := range dep[1:] {
		if strings.HasPrefix(r[0], "AMI") {
			got = append(got, r[0])
		}
	}
	if strings.Join(got, " ") != strings.Join(deports, " ") {
		t.Errorf("déports %v, want %v", got, deports)
	}
	dvs, _ := f.GetDataValidations(data.JurorBookScoresSheet)
	if len(dvs) != 5 {
		t.Fatalf("%d data validations", len(dvs))
	}
	for i, dv := range dvs {
		col, _ := excelize.ColumnNumberToName(4 + i)
		if dv.Type != "whole" || dv.Operator != "between" || dv.Formula1 != "0" || dv.Formula2 != "5" ||
			dv.Sqref != col+"2:"+col+strconv.Itoa(len(numbers)+1) || !dv.ShowErrorMessage {
			t.Errorf("validation %d: %+v %q %q", i, dv, dv.Formula1, dv.Formula2)
		}
	}
	for _, sheet := range f.GetSheetList() {
		if p, err := f.GetSheetProtection(sheet); err != nil || !p.SelectUnlockedCells {
			t.Errorf("sheet %s not protected: %+v %v", sheet, p, err)
		}
	}
	locked := func(cell string) bool {
		id, _ := f.GetCellStyle(data.JurorBookScoresSheet, cell)
		st, _ := f.GetStyle(id)
		return st.Protection == nil || st.Protection.Locked
	}
	if locked("D2") || locked("H2") || !locked("A2") || !locked("I2") || !locked("C2") {
		t.Errorf("locks: D2 %v H2 %v A2 %v I2 %v", locked("D2"), locked("H2"), locked("A2"), locked("I2"))
	}
	if visible, _ := f.GetColVisible(data.JurorBookScoresSheet, "K"); visible {
		t.Errorf("the control column is visible")
	}
}

func TestJurorWorkbooksRefused(t *testing.T) {
	db := bookDB(t)
	books := exportBooks(t, db)
	fill(t, books["Mme Durand"], bookScores["Mme Durand"])
	fill(t, books["Mme Nguyen"], bookScores["Mme Nguyen"])

	// Mme Nguyen's workbook, her name typed over with M. Leroy's on one row.
	f, err := excelize.OpenFile(books["Mme Nguyen"])
	if err != nil {
		t.Fatal(err)
	}
	f.SetCellStr(data.JurorBookScoresSheet, "I3", "M. Leroy")
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	code, _, errs := runCLI(t, db, "import", "scores", books["Mme Durand"], books["Mme Nguyen"])
	if code != 1 || !strings.Contains(errs, "Ligne 3, colonne « Juré »") || !strings.Contains(errs, "modifié à la main") {
		t.Fatalf("a name typed over: %d %q", code, errs)
	}
	if r := ranking(t, db); len(r) != 0 {
		t.Fatalf("a refused batch wrote scores: %+v", r)
	}

	// A workbook of another campaign (the demo's) is refused whole.
	if code, _, errs := runCLI(t, db, "init", "--demo"); code != 0 {
		t.Fatal(errs)
	}
	demo := exportBooks(t, db, "--campaign", data.DemoCode)
	var one string
	for _, p := range demo {
		one = p
		break
	}
	code, _, errs = runCLI(t, db, "--campaign", "AMI2021", "import", "scores", books["Mme Durand"], one)
	if code != 1 || !strings.Contains(errs, "grille de la campagne « DEMO2021 », pas de la campagne « AMI2021 »") || strings.Count(errs, "DEMO2021 »") != 1 {
		t.Fatalf("another campaign's workbook: %d %q", code, errs)
	}
	if r := ranking(t, db); len(r) != 0 {
		t.Fatalf("a refused batch wrote scores: %+v", r)
	}
	// The good workbook alone goes in.
	if code, out, errs := runCLI(t, db, "import", "scores", books["Mme Durand"]); code != 0 || !strings.Contains(out, "3 grilles importées") {
		t.Fatalf("%d %q %q", code, out, errs)
	}
}
