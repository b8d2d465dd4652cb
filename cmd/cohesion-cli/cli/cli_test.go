package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/sqlite"
)

// cli runs cohesion-cli in-process on a database in dir.
func runCLI(t *testing.T, db string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errw bytes.Buffer
	code = run(append([]string{"--db", db}, args...), strings.NewReader(""), &out, &errw)
	return code, out.String(), errw.String()
}

type appJSON struct {
	Number         string   `json:"number"`
	Structure      string   `json:"structure"`
	SIRET          string   `json:"siret"`
	Title          string   `json:"title"`
	Theme          string   `json:"theme"`
	QPV            []string `json:"qpv"`
	Commune        string   `json:"commune"`
	Received       string   `json:"received"`
	TotalCents     int64    `json:"total_cents"`
	RequestedCents int64    `json:"requested_cents"`
	Status         string   `json:"status"`
	Late           bool     `json:"late"`
}

func listJSON(t *testing.T, db string, args ...string) []appJSON {
	t.Helper()
	code, out, errs := runCLI(t, db, append(args, "applications", "--format", "json")...)
	if code != 0 {
		t.Fatalf("applications: exit %d: %s", code, errs)
	}
	var apps []appJSON
	if err := json.Unmarshal([]byte(out), &apps); err != nil {
		t.Fatalf("JSON: %v\n%s", err, out)
	}
	return apps
}

const header = "Numéro;Date de dépôt;Structure;SIRET;Commune;Intitulé du projet;Thématique;QPV;Coût total;Montant demandé;Cofinancements\n"

func writeFile(t *testing.T, name, content string) string {
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestInitAndEmptyRegister(t *testing.T) {
	eachBase(t, func(t *testing.T, db string) {
		code, out, _ := runCLI(t, db, "init")
		if code != 0 || !strings.Contains(out, "AMI2021") {
			t.Fatalf("init: %d %q", code, out)
		}
		code, out, _ = runCLI(t, db, "applications", "--format", "json")
		if code != 0 || strings.TrimSpace(out) != "[]" {
			t.Fatalf("empty register as JSON: %d %q", code, out)
		}
		code, out, _ = runCLI(t, db, "init")
		if code != 0 || !strings.Contains(out, "rien à créer") {
			t.Fatalf("second init: %d %q", code, out)
		}
		_, out, _ = runCLI(t, db, "campaigns")
		if !strings.Contains(out, "AMI2021") || !strings.Contains(out, "150 000,00 €") || !strings.Contains(out, "30/04/2021") {
			t.Errorf("campaigns: %q", out)
		}
	})
}

func TestInitDemo(t *testing.T) {
	eachBase(t, func(t *testing.T, db string) {
		t.Setenv("COHESION_CAMPAIGN", data.DemoCode)
		if code, _, errs := runCLI(t, db, "init", "--demo"); code != 0 {
			t.Fatalf("init --demo: %s", errs)
		}
		apps := listJSON(t, db) // the most recent campaign: the demo one
		if len(apps) != 30 {
			t.Fatalf("%d demo applications", len(apps))
		}
		late := 0
		for _, a := range apps {
			if !strings.HasPrefix(a.Number, "DEMO-") || !strings.Contains(a.Structure, "fictif") {
				t.Errorf("demo application not labelled: %s %s", a.Number, a.Structure)
			}
			if a.Late {
				late++
				if a.Status != "irrecevable" {
					t.Errorf("late %s has status %s", a.Number, a.Status)
				}
			}
			if len(a.QPV) == 0 || a.RequestedCents <= 0 || a.Theme == "" || !strings.HasPrefix(a.Received, "2021-") {
				t.Errorf("incomplete JSON: %+v", a)
			}
		}
		if late != 2 {
			t.Errorf("%d late demo applications, want 2", late)
		}
		// The real campaign got none of them.
		if real := listJSON(t, db, "--campaign", "AMI2021"); len(real) != 0 {
			t.Fatalf("demo mixed into AMI2021: %d", len(real))
		}
		// It comes with a fictional jury, its sheets (one incomplete) and one déport.
		if r := ranking(t, db); len(r) != 28 {
			t.Fatalf("demo ranking: %d lines", len(r))
		}
		if _, out, _ := runCLI(t, db, "conflicts"); !strings.Contains(out, "(fictif)") {
			t.Fatalf("demo déport: %q", out)
		}
		if code, _, errs := runCLI(t, db, "init", "--demo"); code == 0 || !strings.Contains(errs, "existe déjà") {
			t.Errorf("second init --demo: %d %q", code, errs)
		}
	})
}

func TestImportOneBadLineWritesNothing(t *testing.T) {
	eachBase(t, func(t *testing.T, db string) {
		runCLI(t, db, "init")
		file := writeFile(t, "dossiers.csv", header+
			";12/04/2021 14:30;Les Petits Pas;73282932000074;Avion;Vélo-école;Mobilité;QP062019;20 000;8 000;CAF : 3 000 € (acquis)\n"+
			";13/04/2021;L'Étoile;73282932000075;Lens;Atelier santé;Santé;QP062024;10 000;4 000,50;\n"+
			";14/04/2021;Avenir;;Liévin;Réussite;Éducation;QP062002;5 000;6 000;\n")
		code, _, errs := runCLI(t, db, "import", "applications", file)
		if code == 0 {
			t.Fatal("import with bad lines succeeded")
		}
		for _, want := range []string{"3", "SIRET", "4", "Montant demandé", "rien n'a été importé"} {
			if !strings.Contains(errs, want) {
				t.Errorf("report lacks %q:\n%s", want, errs)
			}
		}
		if n := len(listJSON(t, db)); n != 0 {
			t.Fatalf("%d applications written by a failed import", n)
		}
	})
}

func TestImportDryRunThenReal(t *testing.T) {
	eachBase(t, func(t *testing.T, db string) {
		runCLI(t, db, "init")
		file := writeFile(t, "dossiers.csv", header+
			"AMI2021-101;12/04/2021 14:30;Les Petits Pas;73282932000074;Avion;Vélo-école;mobilite;QP062019;20 000;8 000;CAF : 3 000 € (acquis)\n"+
			";03/05/2021 09:00;Retardataire;;Lens;Atelier;Santé;République - Cité 4;10 000;4 000,50;\n")
		code, out, errs := runCLI(t, db, "import", "applications", file, "--dry-run")
		if code != 0 || !strings.Contains(out, "aucune écriture") {
			t.Fatalf("dry run: %d %q %q", code, out, errs)
		}
		if n := len(listJSON(t, db)); n != 0 {
			t.Fatalf("dry run wrote %d", n)
		}
		code, out, errs = runCLI(t, db, "import", "applications", file)
		if code != 0 || !strings.Contains(out, "2 dossiers importés dans AMI2021 en ") || !strings.Contains(out, "hors délai") {
			t.Fatalf("import: %d %q %q", code, out, errs)
		}
		apps := listJSON(t, db)
		if len(apps) != 2 || apps[0].Number != "AMI2021-101" || apps[0].RequestedCents != 800000 || apps[0].Commune != "Avion" {
			t.Fatalf("%+v", apps)
		}
		if apps[1].Number != "AMI2021-102" || !apps[1].Late || apps[1].Status != "irrecevable" || apps[1].QPV[0] != "QP062019" {
			t.Errorf("late line: %+v", apps[1])
		}
		// The same file again: its kept number is taken, so nothing is written.
		if code, _, errs = runCLI(t, db, "import", "applications", file); code == 0 || !strings.Contains(errs, "AMI2021-101") {
			t.Fatalf("re-import: %d %q", code, errs)
		}
		if n := len(listJSON(t, db)); n != 2 {
			t.Fatalf("re-import wrote: %d", n)
		}
	})
}

func TestImportXLSX(t *testing.T) {
	eachBase(t, func(t *testing.T, db string) {
		f := excelize.NewFile()
		rows := [][]any{
			{"Structure", "Intitulé du projet", "Montant demandé", "Coût total", "Thématique"},
			{"Association A", "Projet A", 5000.5, 12000, "Santé"},
			{"Association B", "Projet B", "3 000", 9000, "Insertion professionnelle et sociale"},
		}
		for i, r := range rows {
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			f.SetSheetRow("Sheet1", cell, &r)
		}
		path := filepath.Join(t.TempDir(), "dossiers.xlsx")
		if err := f.SaveAs(path); err != nil {
			t.Fatal(err)
		}
		if code, _, errs := runCLI(t, db, "import", "applications", path); code != 0 {
			t.Fatalf("xlsx import: %s", errs)
		}
		apps := listJSON(t, db)
		if len(apps) != 2 || apps[0].RequestedCents != 500050 || apps[1].Theme != "Insertion professionnelle et sociale" {
			t.Fatalf("%+v", apps)
		}
	})
}

func TestImportNotASpreadsheet(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	png := writeFile(t, "photo.csv", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
	code, _, errs := runCLI(t, db, "import", "applications", png)
	if code != 1 || !strings.Contains(errs, "CSV") {
		t.Fatalf("%d %q", code, errs)
	}
	code, _, errs = runCLI(t, db, "import", "applications", filepath.Join(t.TempDir(), "absent.csv"))
	if code != 1 || errs == "" {
		t.Fatalf("missing file: %d %q", code, errs)
	}
}

func TestUsageErrors(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"frobnicate"}, 2, "commande inconnue"},
		{[]string{"applications", "--format", "xml"}, 2, "format inconnu"},
		{[]string{"applications", "--colour"}, 2, "option inconnue"},
		{[]string{"import", "grilles", "x.csv"}, 2, "scores"},
		{[]string{"--campaign", "AMI1999", "applications"}, 1, "Aucune campagne ne porte le code AMI1999"},
		{[]string{"gen", "--applications", "0"}, 2, "--applications"},
		{[]string{"gen", "--applications", "abc"}, 2, "valeur invalide « abc » pour l'option --applications"},
		{[]string{"allocate", "--method", "rank", "--no-partial=peut-être"}, 2, "valeur invalide"},
		{[]string{"import", "scores", "x.csv", "--mapping", "DS"}, 2, "--mapping"},
		{[]string{"report", "annex", "-o", "x.pdf", "--per-applicant"}, 2, "lettres"},
	} {
		code, _, errs := runCLI(t, db, tc.args...)
		if code != tc.code || !strings.Contains(errs, tc.want) {
			t.Errorf("%v: exit %d, stderr %q", tc.args, code, errs)
		}
		if strings.Contains(errs, "Erreur interne") || strings.Contains(errs, "flag") {
			t.Errorf("%v: %q", tc.args, errs)
		}
	}
	if code, help, _ := runCLI(t, db, "ranking", "-h"); code != 0 || !strings.Contains(help, "Utilisation : cohesion-cli ranking") {
		t.Errorf("ranking -h: %d %q", code, help)
	}
	var out, errw bytes.Buffer
	if code := run(nil, strings.NewReader(""), &out, &errw); code != 2 || !strings.Contains(errw.String(), "Utilisation") {
		t.Errorf("no command: %d %q", code, errw.String())
	}
}

func TestGenAndFormats(t *testing.T) {
	eachBase(t, func(t *testing.T, db string) {
		code, out, errs := runCLI(t, db, "gen", "--applications", "40", "--seed", "7")
		if code != 0 || !strings.Contains(out, "40 dossiers synthétiques ajoutés à la campagne SYNTH") {
			t.Fatalf("gen: %d %q %q", code, out, errs)
		}
		apps := listJSON(t, db, "--campaign", "SYNTH")
		if len(apps) != 40 {
			t.Fatalf("%d generated", len(apps))
		}
		if real := listJSON(t, db, "--campaign", "AMI2021"); len(real) != 0 {
			t.Fatal("synthetic data mixed into AMI2021")
		}
		_, out, _ = runCLI(t, db, "--campaign", "SYNTH", "applications", "--format", "csv")
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if len(lines) != 41 || !strings.HasPrefix(lines[0], "Numéro;Date de dépôt;Structure;SIRET") {
			t.Fatalf("csv: %d lines, header %q", len(lines), lines[0])
		}
		_, out, _ = runCLI(t, db, "--campaign", "SYNTH", "applications")
		if !strings.Contains(out, "40 dossiers — demandé") || !strings.Contains(out, "SYNTH-001") {
			t.Fatalf("table: %q", out[:min(len(out), 400)])
		}
	})
}

func TestBackupAndRestoreCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	t.Setenv("COHESION_CAMPAIGN", data.DemoCode)
	runCLI(t, db, "init", "--demo")
	copyPath := filepath.Join(t.TempDir(), "sauvegarde.db")
	if code, out, errs := runCLI(t, db, "backup", "-o", copyPath); code != 0 || !strings.Contains(out, "Sauvegarde écrite") {
		t.Fatalf("backup: %d %q %q", code, out, errs)
	}
	runCLI(t, db, "gen", "--applications", "5")
	code, out, errs := runCLI(t, db, "restore", copyPath)
	if code != 0 || !strings.Contains(out, "gardée") {
		t.Fatalf("restore: %d %q %q", code, out, errs)
	}
	if code, _, errs := runCLI(t, db, "--campaign", "SYNTH", "applications"); code != 1 || !strings.Contains(errs, "SYNTH") {
		t.Fatalf("the generated campaign survived the restore: %d %q", code, errs)
	}
	bad := writeFile(t, "abime.db", strings.Repeat("x", 8192))
	if code, _, errs := runCLI(t, db, "restore", bad); code != 1 || !strings.Contains(errs, "endommagé") {
		t.Fatalf("restore of a damaged file: %d %q", code, errs)
	}
	if n := len(listJSON(t, db, "--campaign", "DEMO2021")); n != 30 {
		t.Fatalf("%d demo applications after a refused restore", n)
	}
	if code, _, _ := runCLI(t, db, "backup"); code != 2 {
		t.Fatal("backup without -o accepted")
	}
}

// Restoring while a window works on the base is refused: its later saves would be lost.
func TestRestoreRefusedWhileInUse(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	runCLI(t, db, "init")
	backup := filepath.Join(t.TempDir(), "s.db")
	runCLI(t, db, "backup", "-o", backup)
	store, err := sqlite.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	id, _, err := store.RegisterInstance(ctx())
	if err != nil {
		t.Fatal(err)
	}
	if code, _, errs := runCLI(t, db, "restore", backup); code != 1 || !strings.Contains(errs, "fermez cette fenêtre") {
		t.Fatalf("restore while in use: %d %q", code, errs)
	}
	store.UnregisterInstance(ctx(), id)
	store.Close()
	if code, _, errs := runCLI(t, db, "restore", backup); code != 0 {
		t.Fatalf("restore once closed: %s", errs)
	}
}

// The campaign's settings are reachable without the GUI, with the same rules,
// lock and journal as the Campagne screen.
func TestCampaignShowAndSet(t *testing.T) {
	eachBase(t, func(t *testing.T, db string) {
		runCLI(t, db, "init")
		code, out, errs := runCLI(t, db, "campaign", "show")
		if code != 0 || !strings.Contains(out, "envelope") || !strings.Contains(out, "150\u202f000,00") || !strings.Contains(out, "30/04/2021") {
			t.Fatalf("show: %d %q %q", code, out, errs)
		}
		code, out, errs = runCLI(t, db, "campaign", "set", "envelope=180 000", "payment-dates=01/10/2021 au 31/12/2021", "disagreement=2,5", "siret=24620036400015")
		if code != 0 || !strings.Contains(out, "Enveloppe") {
			t.Fatalf("set: %d %q %q", code, out, errs)
		}
		_, out, _ = runCLI(t, db, "campaign", "show")
		for _, want := range []string{"180\u202f000,00", "01/10/2021 au 31/12/2021", "2,5", "24620036400015"} {
			if !strings.Contains(out, want) {
				t.Errorf("show after set: no %q in\n%s", want, out)
			}
		}
		for args, want := range map[string]string{"disagreement=0": "seuil de désaccord", "min-score=-0,5": "note minimale",
			"envelope=beaucoup": "Enveloppe", "siret=123": "SIRET", "couleur=bleu": "paramètre inconnu", "envelope": "CLÉ=VALEUR"} {
			if code, _, errs := runCLI(t, db, "campaign", "set", args); code == 0 || !strings.Contains(errs, want) {
				t.Errorf("set %s: %d %q", args, code, errs)
			}
		}
		if _, out, _ := runCLI(t, db, "history"); !strings.Contains(out, "Enveloppe") || !strings.Contains(out, "180 000,00 €") {
			t.Errorf("the change is not journaled: %q", out)
		}
	})
}
