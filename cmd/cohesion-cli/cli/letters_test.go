package cli

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/call-agglo/cohesion/reports"
)

// mergeRows reads a mail merge file back: its header, then a map per row.
func mergeRows(t *testing.T, path string) ([]string, []map[string]string) {
	t.Helper()
	var rows [][]string
	if strings.HasSuffix(path, ".xlsx") {
		f, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if rows, err = f.GetRows(f.GetSheetName(0)); err != nil {
			t.Fatal(err)
		}
	} else {
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		r := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(raw), "\ufeff")))
		r.Comma = ';'
		if rows, err = r.ReadAll(); err != nil {
			t.Fatal(err)
		}
	}
	var out []map[string]string
	for _, r := range rows[1:] {
		m := map[string]string{}
		for i, h := range rows[0] {
			m[h] = "" // a workbook's row ends at its last cell that holds something
			if i < len(r) {
				m[h] = strings.NewReplacer("\u202f", " ", "\u00a0", " ").Replace(r[i])
			}
		}
		out = append(out, m)
	}
	return rows[0], out
}

func TestEveryLetterAndTheMailMerge(t *testing.T) {
	db := demoDecided(t, filepath.Join(t.TempDir(), "c.db"))
	dir := t.TempDir()
	pdf := filepath.Join(dir, "lettres.pdf")
	if code, _, errs := runCLI(t, db, "report", "letters", "-o", pdf); code != 0 {
		t.Fatalf("report letters: %s", errs)
	}
	text := pdfText(t, pdf)
	late := 0
	for _, a := range listJSON(t, db) {
		if a.Late {
			late++
			if !strings.Contains(text, "Objet : irrecevabilité de votre candidature — dossier n° "+a.Number) {
				t.Errorf("no irrecevability letter for %s", a.Number)
			}
		}
	}
	if late != 2 || strings.Count(text, "pour le motif suivant : Hors délai : reçu le") != late {
		t.Errorf("%d late dossiers; letters:\n%s", late, text)
	}

	header, csvRows := mergeRows(t, writeMerge(t, db, filepath.Join(dir, "publipostage.csv")))
	if !reflect.DeepEqual(header, reports.MergeFields) {
		t.Fatalf("columns %q", header)
	}
	_, xlsxRows := mergeRows(t, writeMerge(t, db, filepath.Join(dir, "publipostage.xlsx")))
	if !reflect.DeepEqual(csvRows, xlsxRows) {
		t.Errorf("the CSV and the workbook differ:\n%v\n%v", csvRows, xlsxRows)
	}
	kinds := map[string]int{}
	for _, r := range csvRows {
		kinds[r["lettre"]]++
		switch r["lettre"] {
		case "Attribution":
			if r["numero"] == "DEMO-028" && (r["montant"] != "10 000,00 €" || r["montant_lettres"] != "dix mille euros" || r["motif"] != "") {
				t.Errorf("DEMO-028: %v", r)
			}
		case "Refus":
			if r["motif"] != "Note inférieure au seuil" || r["montant"] != "" {
				t.Errorf("refusal %s: %v", r["numero"], r)
			}
		case "Irrecevabilité":
			if !strings.HasPrefix(r["motif"], "Hors délai : reçu le") {
				t.Errorf("irrecevability %s: %v", r["numero"], r)
			}
		}
		if r["civilite"] == "" || r["structure"] == "" || r["projet"] == "" || r["deliberation_numero"] == "" || r["date_limite"] != "30/04/2021" {
			t.Errorf("incomplete row %v", r)
		}
	}
	if kinds["Attribution"] != 3 || kinds["Irrecevabilité"] != 2 || kinds["Refus"] == 0 || len(csvRows) != strings.Count(text, "Objet :") {
		t.Errorf("rows by kind %v, %d letters in the PDF", kinds, strings.Count(text, "Objet :"))
	}

	// A dossier retained beyond the envelope: the adopted scenario gives it
	// nothing, so no letter goes out, and both commands say which dossier.
	if code, _, errs := runCLI(t, db, "decide", "DEMO-019", "retenu"); code != 0 {
		t.Fatal(errs)
	}
	for _, args := range [][]string{{"report", "letters", "-o", filepath.Join(dir, "x.pdf")}, {"export", "letters-merge", "-o", filepath.Join(dir, "x.csv")},
		{"report", "letters", "--per-applicant", "-o", filepath.Join(dir, "une-par-fichier")}} {
		code, _, errs := runCLI(t, db, args...)
		if code != 1 || !strings.Contains(errs, "DEMO-019 est retenu sans montant") || !strings.Contains(errs, "aucune lettre n'a été produite") {
			t.Errorf("%v: %d %q", args, code, errs)
		}
	}
	for _, f := range []string{"x.pdf", "x.csv"} {
		if fileExists(filepath.Join(dir, f)) {
			t.Errorf("%s written despite the inconsistency", f)
		}
	}
	if entries, _ := os.ReadDir(filepath.Join(dir, "une-par-fichier")); len(entries) > 0 {
		t.Errorf("%d letters written one per file despite the inconsistency", len(entries))
	}
}

func writeMerge(t *testing.T, db, path string) string {
	t.Helper()
	code, out, errs := runCLI(t, db, "export", "letters-merge", "-o", path)
	if code != 0 || !strings.Contains(out, "exportées dans") {
		t.Fatalf("export letters-merge: %d %q %q", code, out, errs)
	}
	return path
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
