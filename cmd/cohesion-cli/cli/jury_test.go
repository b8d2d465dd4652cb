package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

// juryDB fills a base with three applications declared recevable (with an
// exemption: the file ticks no pièce) and two jurors.
func juryDB(t *testing.T, db string) string {
	runCLI(t, db, "init")
	file := writeFile(t, "dossiers.csv", header+
		";12/04/2021 14:30;Les Petits Pas;73282932000074;Avion;Vélo-école;Mobilité;QP062019;20 000;8 000;\n"+
		";13/04/2021 10:00;L'Étoile;;Lens;Atelier santé;Santé;QP062024;10 000;4 000;\n"+
		";14/04/2021 11:00;Avenir;;Liévin;Réussite;Éducation;QP062002;9 000;6 000;\n")
	if code, _, errs := runCLI(t, db, "import", "applications", file); code != 0 {
		t.Fatal(errs)
	}
	if code, _, errs := runCLI(t, db, "status", "--all-received", "recevable", "--reason", "Pièces vérifiées sur la plateforme"); code != 0 {
		t.Fatal(errs)
	}
	for _, args := range [][]string{{"jurors", "add", "Mme Durand", "--college", "élu"}, {"jurors", "add", "M. Leroy", "--college", "Etat", "--email", "leroy@example.org"}} {
		if code, _, errs := runCLI(t, db, args...); code != 0 {
			t.Fatal(errs)
		}
	}
	return db
}

type rankJSON struct {
	Rank      int      `json:"rank"`
	Number    string   `json:"number"`
	Structure string   `json:"structure"`
	Title     string   `json:"title"`
	Score     *float64 `json:"score"`
	Sheets    int      `json:"sheets"`
	Flags     []string `json:"flags"`
	Decision  string   `json:"decision"`
}

func ranking(t *testing.T, db string) []rankJSON {
	t.Helper()
	code, out, errs := runCLI(t, db, "ranking", "--format", "json")
	if code != 0 {
		t.Fatalf("ranking: %s", errs)
	}
	var r []rankJSON
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	return r
}

func TestJurorsAndConflicts(t *testing.T) {
	eachBase(t, func(t *testing.T, db string) {
		juryDB(t, db)
		code, out, _ := runCLI(t, db, "jurors", "--format", "json")
		var js []map[string]string
		if code != 0 || json.Unmarshal([]byte(out), &js) != nil || len(js) != 2 || js[0]["name"] != "Mme Durand" || js[1]["name"] != "M. Leroy" || js[1]["college"] != "etat" { // by surname
			t.Fatalf("jurors: %d %s", code, out)
		}
		if code, _, errs := runCLI(t, db, "jurors", "add", "Mme Durand"); code != 1 || !strings.Contains(errs, "déjà") {
			t.Fatalf("duplicate: %d %q", code, errs)
		}
		if code, _, errs := runCLI(t, db, "jurors", "add", "X", "--college", "martien"); code != 1 || !strings.Contains(errs, "Collège inconnu") {
			t.Fatalf("bad college: %d %q", code, errs)
		}
		code, out, errs := runCLI(t, db, "conflicts", "add", "--juror", "mme durand", "--application", "AMI2021-002", "--reason", "Trésorière de l'association")
		if code != 0 || !strings.Contains(out, "Mme Durand") {
			t.Fatalf("conflicts add: %d %q %q", code, out, errs)
		}
		_, out, _ = runCLI(t, db, "conflicts")
		if !strings.Contains(out, "AMI2021-002") || !strings.Contains(out, "Trésorière") {
			t.Fatalf("conflicts: %q", out)
		}
		if code, _, errs := runCLI(t, db, "conflicts", "add", "--juror", "Inconnu", "--application", "AMI2021-002"); code != 1 || !strings.Contains(errs, "Aucun juré") {
			t.Fatalf("unknown juror: %d %q", code, errs)
		}
	})
}

func TestScoresRankingDecide(t *testing.T) {
	eachBase(t, func(t *testing.T, db string) {
		juryDB(t, db)
		runCLI(t, db, "conflicts", "add", "--juror", "M. Leroy", "--application", "AMI2021-003")
		// Wide form; one line scores a conflicted pair: nothing is written.
		bad := writeFile(t, "notes.csv", "Numéro;Juré;1;2;3;4;5\n"+
			"AMI2021-001;Mme Durand;5;5;5;5;5\n"+
			"AMI2021-003;M. Leroy;1;1;1;1;1\n")
		code, _, errs := runCLI(t, db, "import", "scores", bad)
		if code != 1 || !strings.Contains(errs, "Déport") || !strings.Contains(errs, "3") {
			t.Fatalf("conflicted import: %d %q", code, errs)
		}
		if r := ranking(t, db); len(r) != 0 {
			t.Fatalf("partial import: %+v", r)
		}
		good := writeFile(t, "notes.csv", "Numéro;Juré;1;2;3;4;5\n"+
			"AMI2021-001;Mme Durand;5;5;5;5;5\n"+
			"AMI2021-001;M. Leroy;3;3;3;3;3\n"+
			"AMI2021-002;M. Leroy;4;4;4;4;4\n"+
			"AMI2021-003;Mme Durand;1;1;1;1;1\n"+
			"AMI2021-003;Mme Nouvelle;2;2;2;2;2\n")
		// A juror the jury does not have is refused, the file with them…
		if code, _, errs := runCLI(t, db, "import", "scores", good); code != 1 || !strings.Contains(errs, "Juré inconnu « Mme Nouvelle »") || !strings.Contains(errs, "--create-jurors") {
			t.Fatalf("unknown juror: %d %q", code, errs)
		}
		// …unless asked to create them on purpose.
		if code, _, errs := runCLI(t, db, "import", "scores", good, "--dry-run", "--create-jurors"); code != 0 {
			t.Fatalf("dry run: %s", errs)
		}
		if r := ranking(t, db); len(r) != 0 {
			t.Fatal("dry run wrote")
		}
		code, out, errs := runCLI(t, db, "import", "scores", good, "--create-jurors")
		if code != 0 || !strings.Contains(out, "5 grilles importées") || !strings.Contains(out, "1 juré créé") {
			t.Fatalf("import: %d %q %q", code, out, errs)
		}
		r := ranking(t, db)
		if len(r) != 3 {
			t.Fatalf("%+v", r)
		}
		// 001 and 002 tie at 16 and on the highest-weighted criterion (mean 4): the
		// received date breaks it, 001 came first.
		if r[0].Number != "AMI2021-001" || *r[0].Score != 16 || r[0].Rank != 1 || r[0].Sheets != 2 ||
			r[1].Number != "AMI2021-002" || *r[1].Score != 16 || r[1].Rank != 2 ||
			r[2].Number != "AMI2021-003" || *r[2].Score != 6 || r[2].Structure != "Avenir" {
			t.Fatalf("ranking %+v %+v %+v", r[0], r[1], r[2])
		}
		if !strings.Contains(strings.Join(r[1].Flags, " "), "départagé : date de dépôt") || !strings.Contains(strings.Join(r[0].Flags, " "), "à discuter") {
			t.Errorf("flags: %v %v", r[0].Flags, r[1].Flags)
		}
		if !strings.Contains(strings.Join(r[2].Flags, " "), "sous le seuil") {
			t.Errorf("flags %v", r[2].Flags)
		}
		if code, _, errs := runCLI(t, db, "decide", "AMI2021-003", "non-retenu"); code != 1 || !strings.Contains(errs, "motivation") {
			t.Fatalf("decide without motivation: %d %q", code, errs)
		}
		if code, _, errs := runCLI(t, db, "decide", "AMI2021-003", "non-retenu", "--motivation", "Note insuffisante"); code != 0 {
			t.Fatal(errs)
		}
		if code, _, errs := runCLI(t, db, "decide", "AMI2021-002", "retenu", "--date", "15/06/2021"); code != 0 {
			t.Fatal(errs)
		}
		if code, _, errs := runCLI(t, db, "decide", "AMI2021-001", "peut-être"); code != 2 || !strings.Contains(errs, "Décision inconnue") {
			t.Fatalf("bad decision: %d %q", code, errs)
		}
		r = ranking(t, db)
		if r[1].Decision != "retenu" || r[2].Decision != "non_retenu" {
			t.Fatalf("decisions %+v", r)
		}
		apps := listJSON(t, db)
		if apps[1].Status != "retenu" || apps[2].Status != "non_retenu" {
			t.Fatalf("statuses %s %s", apps[1].Status, apps[2].Status)
		}
		_, out, _ = runCLI(t, db, "ranking")
		if !strings.Contains(out, "16,00") || !strings.Contains(out, "Retenu") {
			t.Errorf("table: %q", out)
		}
		_, out, _ = runCLI(t, db, "ranking", "--format", "csv")
		if !strings.HasPrefix(out, "Rang;Numéro;Structure") || !strings.Contains(out, "16,00") {
			t.Errorf("csv: %q", out)
		}
	})
}
