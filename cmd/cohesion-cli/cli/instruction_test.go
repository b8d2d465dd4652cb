package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// receivedDB is a base with three dossiers still « Reçu » (the file ticks no
// pièce) and a juror who scored them all: jurors may score early.
func receivedDB(t *testing.T, db string) string {
	t.Helper()
	runCLI(t, db, "init")
	file := writeFile(t, "dossiers.csv", header+
		";12/04/2021 14:30;Les Petits Pas;73282932000074;Avion;Vélo-école;Mobilité;QP062019;20 000;8 000;\n"+
		";13/04/2021 10:00;L'Étoile;;Lens;Atelier santé;Santé;QP062024;10 000;4 000;\n"+
		";14/04/2021 11:00;Avenir;;Liévin;Réussite;Éducation;QP062002;9 000;6 000;\n")
	if code, _, errs := runCLI(t, db, "import", "applications", file); code != 0 {
		t.Fatal(errs)
	}
	runCLI(t, db, "jurors", "add", "Mme Durand", "--college", "élu")
	scores := writeFile(t, "notes.csv", "Numéro;Juré;1;2;3;4;5\nAMI2021-001;Mme Durand;5;5;5;5;5\nAMI2021-002;Mme Durand;4;4;4;4;4\nAMI2021-003;Mme Durand;3;3;3;3;3\n")
	if code, _, errs := runCLI(t, db, "import", "scores", scores); code != 0 {
		t.Fatalf("scores on dossiers « Reçu »: %s", errs)
	}
	return db
}

// The instruction from the command line: « Recevable » needs the pièces or a
// reason (the exemption), an irrecevability a reason; a batch with one
// refusal writes nothing; the journal keeps each change.
func TestStatusCommand(t *testing.T) {
	db := receivedDB(t, filepath.Join(t.TempDir(), "c.db"))
	code, _, errs := runCLI(t, db, "status", "AMI2021-001", "recevable")
	if code != 1 || !strings.Contains(errs, "ne peut pas être déclaré recevable") || !strings.Contains(errs, "RIB") {
		t.Fatalf("recevable without pièces nor reason: %d %q", code, errs)
	}
	if code, _, errs := runCLI(t, db, "status", "AMI2021-002", "irrecevable"); code != 1 || !strings.Contains(errs, "motif") {
		t.Fatalf("irrecevable without a reason: %d %q", code, errs)
	}
	if code, _, errs := runCLI(t, db, "status", "AMI2021-009", "recevable"); code != 1 || !strings.Contains(errs, "AMI2021-009") {
		t.Fatalf("unknown number: %d %q", code, errs)
	}
	code, out, errs := runCLI(t, db, "status", "AMI2021-001", "AMI2021-002", "recevable", "--reason", "RIB et statuts promis pour le 15/06")
	if code != 0 || !strings.Contains(out, "2 dossiers déclarés recevables, dont 2 par dérogation") {
		t.Fatalf("recevable with an exemption: %d %q %q", code, out, errs)
	}
	_, out, _ = runCLI(t, db, "history", "--application", "AMI2021-001")
	if !strings.Contains(out, "RIB et statuts promis") || !strings.Contains(out, "dérogation") {
		t.Errorf("the journal does not keep the exemption:\n%s", out)
	}
	if code, out, errs := runCLI(t, db, "status", "AMI2021-002", "en-instruction"); code != 0 || !strings.Contains(out, "1 dossier remis en instruction") {
		t.Fatalf("back in instruction: %d %q %q", code, out, errs)
	}
	if code, out, errs := runCLI(t, db, "status", "--all-received", "irrecevable", "--reason", "Hors du territoire"); code != 0 || !strings.Contains(out, "2 dossiers déclarés irrecevables") {
		t.Fatalf("--all-received: %d %q %q", code, out, errs)
	}
	apps := listJSON(t, db)
	if apps[0].Status != "recevable" || apps[1].Status != "irrecevable" || apps[2].Status != "irrecevable" {
		t.Errorf("statuses %+v", apps)
	}
	if code, _, errs := runCLI(t, db, "status", "recevable"); code != 2 || !strings.Contains(errs, "--all-received") {
		t.Errorf("no dossier named: %d %q", code, errs)
	}
}

// The jury ranks only the dossiers declared recevable; the others are named
// apart, never ranked silently; the JSON stays the ranking's array.
// A decision on a dossier not declared recevable is refused unless forced.
func TestRankingAndDecisionsNeedRecevable(t *testing.T) {
	db := receivedDB(t, filepath.Join(t.TempDir(), "c.db"))
	runCLI(t, db, "status", "AMI2021-001", "recevable", "--reason", "Pièces vérifiées sur la plateforme")
	if r := ranking(t, db); len(r) != 1 || r[0].Number != "AMI2021-001" {
		t.Fatalf("ranking of one dossier declared recevable: %+v", r)
	}
	_, _, errs := runCLI(t, db, "ranking", "--format", "json")
	if !strings.Contains(errs, "À instruire, hors classement : 2 dossiers (AMI2021-002, AMI2021-003)") {
		t.Errorf("JSON's error output: %q", errs)
	}
	if _, out, _ := runCLI(t, db, "ranking"); !strings.Contains(out, "À instruire, hors classement : 2 dossiers") {
		t.Errorf("table:\n%s", out)
	}
	code, _, errs := runCLI(t, db, "decide", "AMI2021-002", "retenu")
	if code != 1 || !strings.Contains(errs, "pas été déclaré recevable") || !strings.Contains(errs, "--force") {
		t.Fatalf("retenu on a dossier « Reçu »: %d %q", code, errs)
	}
	if code, _, errs := runCLI(t, db, "decide", "AMI2021-002", "retenu", "--force"); code != 0 {
		t.Fatalf("--force: %q", errs)
	}
	if _, out, _ := runCLI(t, db, "history", "--limit", "3"); !strings.Contains(out, "passé outre") {
		t.Errorf("forced decision not journaled:\n%s", out)
	}
	runCLI(t, db, "decide", "AMI2021-001", "retenu")
	runCLI(t, db, "allocate", "--method", "rank", "--save", "Rang")
	code, out, errs := runCLI(t, db, "adopt", "Rang")
	if code != 0 || !strings.Contains(out, "adopté") {
		t.Fatalf("adopt: %d %q %q", code, out, errs)
	}
	for _, want := range []string{"À vérifier avant l'adoption", "1 dossier ni recevable ni irrecevable (AMI2021-003)", "Non déclaré recevable : 1 dossier (AMI2021-002"} {
		if !strings.Contains(errs, want) {
			t.Errorf("adopt's review lacks %q:\n%s", want, errs)
		}
	}
	code, _, errs = runCLI(t, db, "deliberation", "record", "--number", "2021-154", "--date", "27/09/2021")
	if code != 0 || !strings.Contains(errs, "À vérifier avant la délibération") {
		t.Errorf("deliberation: %d %q", code, errs)
	}
}

// The help keeps each command on its own line, indented by two spaces.
func TestHelpListsStatus(t *testing.T) {
	code, _, errs := runCLI(t, filepath.Join(t.TempDir(), "c.db"), "--help")
	if code != 0 || !strings.Contains(errs, "\n  status NUMÉRO…|--all-received recevable|irrecevable|en-instruction [--reason TEXTE]\n") ||
		!strings.Contains(errs, "\n  decide NUMÉRO retenu|non-retenu|ajourne [--motivation TEXTE] [--date JJ/MM/AAAA] [--force [--reason MOTIF]]\n") {
		t.Errorf("help:\n%s", errs)
	}
}

// The campaign's required pièces are a setting like the others.
func TestCampaignRequiredPieces(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	runCLI(t, db, "init")
	if code, _, errs := runCLI(t, db, "campaign", "set", "required-pieces=RIB; cerfa12156"); code != 0 {
		t.Fatalf("set: %q", errs)
	}
	if _, out, _ := runCLI(t, db, "campaign", "show"); !strings.Contains(out, "cerfa12156, rib") {
		t.Errorf("show:\n%s", out)
	}
	if code, _, errs := runCLI(t, db, "campaign", "set", "required-pieces=passeport"); code != 1 || !strings.Contains(errs, "Pièce inconnue") {
		t.Errorf("unknown pièce: %d %q", code, errs)
	}
	if _, out, _ := runCLI(t, db, "history", "--limit", "1"); !strings.Contains(out, "Pièces exigées") {
		t.Errorf("not journaled:\n%s", out)
	}
}
