package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// typedTwo stands for two dossiers typed on the form: AMI2021-001 and -002
// for structures the sample file does not hold.
func typedTwo(t *testing.T, db string) {
	t.Helper()
	runCLI(t, db, "init")
	typed := writeFile(t, "saisis.csv", "Structure;SIRET;Intitulé du projet;Montant demandé\n"+
		"Association Vivre à Méricourt;;Jardins partagés;5 000\nLe Relais de Billy;;Café des parents;3 000\n")
	if code, _, errs := runCLI(t, db, "import", "applications", typed); code != 0 {
		t.Fatal(errs)
	}
}

var sample = filepath.Join("..", "..", "..", "testdata", "applications-sample.csv")

// A file whose numbers are other applicants' dossiers is a clash, never an
// update: the dry run, the import and --update refuse it, naming each clash
// side by side, and write nothing; --renumber gives the file's dossiers the
// next numbers, the file's number kept as the applicant's reference.
func TestImportClashIsNeverAnUpdate(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	typedTwo(t, db)
	for _, args := range [][]string{{"--dry-run"}, {}, {"--update"}, {"--update", "--dry-run"}} {
		code, _, errs := runCLI(t, db, append([]string{"import", "applications", sample}, args...)...)
		if code == 0 {
			t.Fatalf("%v: a clashing file was accepted", args)
		}
		for _, want := range []string{"AMI2021-001 : au registre Association Vivre à Méricourt (sans SIRET), dans le fichier Vélo Solidaire Avion (SIRET 88332366900019)",
			"AMI2021-002 : au registre Le Relais de Billy", "--renumber", "Rien n'a été importé"} {
			if !strings.Contains(errs, want) {
				t.Errorf("%v: %q not said:\n%s", args, want, errs)
			}
		}
	}
	apps := listJSON(t, db)
	if len(apps) != 2 || apps[0].Structure != "Association Vivre à Méricourt" {
		t.Fatalf("a refused import wrote: %+v", apps)
	}
	code, out, errs := runCLI(t, db, "import", "applications", sample, "--renumber")
	if code != 0 {
		t.Fatalf("--renumber: %s", errs)
	}
	if !strings.Contains(out, "AMI2021-001 du fichier → AMI2021-003") {
		t.Errorf("the renumbering is not reported:\n%s", out)
	}
	_, list, _ := runCLI(t, db, "applications", "--format", "json")
	var got []struct{ Number, Structure, Reference string }
	if err := json.Unmarshal([]byte(list), &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != 7 || got[0].Structure != "Association Vivre à Méricourt" || got[2].Structure != "Vélo Solidaire Avion" ||
		got[2].Reference != "AMI2021-001" || got[6].Number != "AMI2021-007" || got[6].Reference != "AMI2021-005" || got[0].Reference != "" {
		t.Errorf("after --renumber: %+v", got)
	}
	if code, out, _ := runCLI(t, db, "verify"); code != 0 {
		t.Errorf("verify: %s", out)
	}
}

// --update still updates the dossiers whose applicant matches: the same
// SIRET, or without one the same folded name.
func TestImportUpdateKeepsSameApplicant(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	runCLI(t, db, "init")
	if code, _, errs := runCLI(t, db, "import", "applications", sample); code != 0 {
		t.Fatal(errs)
	}
	again := writeFile(t, "maj.csv", "Numéro;Structure;SIRET;Intitulé du projet;Montant demandé\n"+
		"AMI2021-001;VELO SOLIDAIRE AVION;883 323 669 00019;À vélo vers l'emploi;9 500\n")
	code, out, errs := runCLI(t, db, "import", "applications", again, "--update")
	if code != 0 || !strings.Contains(out, "1 mis à jour") {
		t.Fatalf("update of the same applicant: %d %s %s", code, out, errs)
	}
}
