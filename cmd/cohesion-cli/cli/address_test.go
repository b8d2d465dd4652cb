package cli

import (
	"database/sql"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// postalJSON is the part of `applications --format json` about the address.
type postalJSON struct {
	Number     string `json:"number"`
	PostalCode string `json:"postal_code"`
	Town       string `json:"town"`
}

// The sample file's addresses reach the register whole: its « Code postal »
// and « Localité » columns, and an « Adresse » ending « 62440 Harnes »;
// `applications --format json` gives them.
func TestSampleAddressesInTheJSON(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	runCLI(t, db, "init")
	if code, _, errs := runCLI(t, db, "import", "applications", filepath.Join("..", "..", "..", "testdata", "applications-sample.csv")); code != 0 {
		t.Fatal(errs)
	}
	_, out, _ := runCLI(t, db, "applications", "--format", "json")
	var apps []postalJSON
	if err := json.Unmarshal([]byte(out), &apps); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, a := range apps {
		got[a.Number] = a.PostalCode + " " + a.Town
	}
	if got["AMI2021-001"] != "62210 Avion" || got["AMI2021-005"] != "62440 Harnes" {
		t.Errorf("postal code and town: %v\n%s", got, out)
	}
}

// The mail merge has the postal code and the town in columns of their own,
// as the post writes them; a dossier whose address lacks them stops the
// letters and the mail merge, named, and nothing is written.
func TestLettersNeedAPostalAddress(t *testing.T) {
	db := demoDecided(t, filepath.Join(t.TempDir(), "c.db"))
	dir := t.TempDir()
	_, rows := mergeRows(t, writeMerge(t, db, filepath.Join(dir, "publipostage.csv")))
	var attributed string
	for _, r := range rows {
		if r["code_postal"] == "" || r["localite"] == "" || r["localite"] != strings.ToUpper(r["localite"]) || strings.Contains(r["adresse"], r["code_postal"]) {
			t.Errorf("%s: adresse %q, code postal %q, localité %q", r["numero"], r["adresse"], r["code_postal"], r["localite"])
		}
		if r["lettre"] == "Attribution" && attributed == "" {
			attributed = r["numero"]
		}
	}
	raw, _ := sql.Open("sqlite3", db)
	defer raw.Close()
	if _, err := raw.Exec(`UPDATE structures SET address = '12 rue Jean Jaurès', postal_code = '', town = ''
		WHERE id = (SELECT structure_id FROM applications WHERE number = ?)`, attributed); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"report", "letters", "-o", filepath.Join(dir, "x.pdf")}, {"export", "letters-merge", "-o", filepath.Join(dir, "x.csv")}} {
		code, _, errs := runCLI(t, db, args...)
		if code != 1 || !strings.Contains(errs, attributed) || !strings.Contains(errs, "code postal") || !strings.Contains(errs, "aucune lettre n'a été produite") {
			t.Errorf("%v: %d %q", args, code, errs)
		}
	}
	for _, f := range []string{"x.pdf", "x.csv"} {
		if fileExists(filepath.Join(dir, f)) {
			t.Errorf("%s written to an incomplete address", f)
		}
	}
}
