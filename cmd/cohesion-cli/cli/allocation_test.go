package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/call-agglo/cohesion/data"
)

func TestAllocateScenariosAdopt(t *testing.T) {
	eachBase(t, func(t *testing.T, db string) {
		juryDB(t, db)
		scores := writeFile(t, "notes.csv", "Numéro;Juré;1;2;3;4;5\n"+
			"AMI2021-001;Mme Durand;5;5;5;5;5\n"+
			"AMI2021-002;Mme Durand;4;4;4;4;4\n"+
			"AMI2021-003;Mme Durand;1;1;1;1;1\n")
		if code, _, errs := runCLI(t, db, "import", "scores", scores); code != 0 {
			t.Fatal(errs)
		}
		code, out, errs := runCLI(t, db, "allocate", "--method", "rank", "--format", "json")
		if code != 0 {
			t.Fatal(errs)
		}
		var res struct {
			Method         string `json:"method"`
			EnvelopeCents  int64  `json:"envelope_cents"`
			TotalCents     int64  `json:"total_cents"`
			RemainderCents int64  `json:"remainder_cents"`
			Lines          []struct {
				Rank           int    `json:"rank"`
				Number         string `json:"number"`
				RequestedCents int64  `json:"requested_cents"`
				CapCents       int64  `json:"cap_cents"`
				AmountCents    int64  `json:"amount_cents"`
				Locked         bool   `json:"locked"`
			} `json:"lines"`
		}
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		// 003 (F 4) is below the minimum; 001 and 002 get what they asked for.
		if res.Method != "rank" || res.EnvelopeCents != 15_000_000 || len(res.Lines) != 2 || res.Lines[0].Number != "AMI2021-001" ||
			res.Lines[0].AmountCents != 800_000 || res.Lines[1].AmountCents != 400_000 || res.TotalCents != 1_200_000 || res.RemainderCents != 13_800_000 {
			t.Fatalf("%+v", res)
		}
		code, out, errs = runCLI(t, db, "allocate", "--method", "uniform", "--step", "100", "--lock", "AMI2021-002=3500", "--save", "Uniforme")
		if code != 0 || !strings.Contains(out, "Scénario « Uniforme » enregistré") || !strings.Contains(out, "3 500,00 €") {
			t.Fatalf("%d %q %q", code, out, errs)
		}
		if code, _, errs = runCLI(t, db, "allocate", "--method", "rank", "--lock", "AMI2021-003=1000"); code != 1 || !strings.Contains(errs, "pas candidat") {
			t.Fatalf("lock on a non-candidate: %d %q", code, errs)
		}
		if code, _, errs = runCLI(t, db, "allocate", "--method", "lottery"); code != 2 {
			t.Fatalf("bad method: %d %q", code, errs)
		}
		if code, _, errs = runCLI(t, db, "allocate", "--method", "rank", "--step", "abc"); code != 2 || !strings.Contains(errs, "--step") {
			t.Fatalf("bad step: %d %q", code, errs)
		}
		if code, out, errs = runCLI(t, db, "adopt", "uniforme"); code != 0 || !strings.Contains(out, "adopté") {
			t.Fatalf("adopt: %d %q %q", code, out, errs)
		}
		if code, _, errs = runCLI(t, db, "allocate", "--method", "rank", "--save", "Uniforme"); code != 1 || !strings.Contains(errs, "--force") {
			t.Fatalf("overwrite adopted: %d %q", code, errs)
		}
		_, out, _ = runCLI(t, db, "scenarios")
		if !strings.Contains(out, "Uniforme") || !strings.Contains(out, "adopté") || strings.Contains(out, "recalculer") {
			t.Fatalf("scenarios: %q", out)
		}
		runCLI(t, db, "decide", "AMI2021-003", "retenu")
		_, out, _ = runCLI(t, db, "scenarios")
		if !strings.Contains(out, "à recalculer") {
			t.Fatalf("stale scenario not flagged: %q", out)
		}
		if code, _, errs = runCLI(t, db, "adopt", "Inexistant"); code != 1 || !strings.Contains(errs, "Aucun scénario") {
			t.Fatalf("adopt unknown: %d %q", code, errs)
		}
	})
}

func TestDeliberationVerifyHistory(t *testing.T) {
	eachBase(t, func(t *testing.T, db string) {
		juryDB(t, db)
		scores := writeFile(t, "notes.csv", "Numéro;Juré;1;2;3;4;5\nAMI2021-001;Mme Durand;5;5;5;5;5\nAMI2021-002;Mme Durand;4;4;4;4;4\n")
		runCLI(t, db, "import", "scores", scores)
		runCLI(t, db, "allocate", "--method", "rank", "--save", "Rang")
		if code, _, errs := runCLI(t, db, "deliberation", "record", "--number", "2021-154", "--date", "27/09/2021"); code != 1 || !strings.Contains(errs, "Adoptez") {
			t.Fatalf("record without adoption: %d %q", code, errs)
		}
		runCLI(t, db, "adopt", "Rang")
		if code, out, errs := runCLI(t, db, "deliberation", "record", "--number", "2021-154", "--date", "27/09/2021"); code != 0 || !strings.Contains(out, "verrouillée") {
			t.Fatalf("record: %d %q %q", code, out, errs)
		}
		if code, _, errs := runCLI(t, db, "decide", "AMI2021-001", "ajourne", "--motivation", "x"); code != 1 || !strings.Contains(errs, "verrouillée") {
			t.Fatalf("decide on a locked campaign: %d %q", code, errs)
		}
		more := writeFile(t, "plus.csv", header+";15/04/2021 10:00;Nouvelle;;Lens;Projet;Santé;QP062024;10 000;4 000;\n")
		for _, args := range [][]string{{"allocate", "--method", "uniform", "--save", "Autre"}, {"import", "applications", more},
			{"jurors", "add", "Mme Tardive"}, {"conflicts", "add", "--juror", "M. Leroy", "--application", "AMI2021-001"},
			{"import", "scores", scores}, {"campaign", "set", "envelope=200 000"}} {
			if code, _, errs := runCLI(t, db, args...); code != 1 || !strings.Contains(errs, "verrouillée") {
				t.Errorf("%v on a locked campaign: %d %q", args, code, errs)
			}
		}
		if code, _, _ := runCLI(t, db, "deliberation", "reopen"); code != 1 {
			t.Fatal("reopened without a reason")
		}
		if code, _, errs := runCLI(t, db, "deliberation", "reopen", "--reason", "Erreur matérielle"); code != 0 {
			t.Fatal(errs)
		}
		code, out, _ := runCLI(t, db, "verify")
		if code != 0 || !strings.Contains(out, "Journal intact") {
			t.Fatalf("verify: %d %q", code, out)
		}
		_, out, _ = runCLI(t, db, "history", "--application", "AMI2021-001")
		if !strings.Contains(out, "création") || !strings.Contains(out, "AMI2021-001") {
			t.Fatalf("history: %q", out)
		}
		_, out, _ = runCLI(t, db, "history")
		if !strings.Contains(out, "réouverture") || !strings.Contains(out, "Erreur matérielle") || !strings.Contains(out, "adoption") {
			t.Fatalf("campaign history: %q", out)
		}
	})
}

func TestGDPRCommands(t *testing.T) {
	eachBase(t, func(t *testing.T, db string) {
		t.Setenv("COHESION_CAMPAIGN", data.DemoCode)
		runCLI(t, db, "init", "--demo")
		out := filepath.Join(t.TempDir(), "personne.json")
		code, stdout, errs := runCLI(t, db, "gdpr", "export", "--person", "Sabrina Dufour", "-o", out)
		if code != 0 || !strings.Contains(stdout, "1 structure et") {
			t.Fatalf("export: %d %q %q", code, stdout, errs)
		}
		// The 2021 campaigns ended their 36 months of retention in September 2024.
		code, stdout, _ = runCLI(t, db, "gdpr", "purge", "--dry-run")
		if code != 0 || !strings.Contains(stdout, "DEMO2021 (conservation échue le 30/09/2024)") || !strings.Contains(stdout, "coordonnées de 30 dossiers") || !strings.Contains(stdout, "seraient purgées") {
			t.Fatalf("purge dry run: %d %q", code, stdout)
		}
		if _, stdout, _ = runCLI(t, db, "gdpr", "export", "--person", "Sabrina Dufour"); !strings.Contains(stdout, "example.org") {
			t.Fatal("the dry run purged")
		}
		code, stdout, _ = runCLI(t, db, "gdpr", "purge")
		if code != 0 || !strings.Contains(stdout, "purgées") {
			t.Fatalf("purge: %d %q", code, stdout)
		}
		if _, stdout, _ = runCLI(t, db, "gdpr", "export", "--person", "Sabrina Dufour"); strings.Contains(stdout, "example.org") {
			t.Fatalf("still there after the purge: %s", stdout)
		}
		if code, _, _ := runCLI(t, db, "gdpr", "export"); code != 2 {
			t.Fatal("export without --person accepted")
		}
	})
}
