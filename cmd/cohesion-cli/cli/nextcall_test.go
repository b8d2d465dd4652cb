package cli

import (
	"encoding/json"
	"sort"
	"strings"
	"testing"

	"github.com/call-agglo/cohesion/data"
)

// deliberatedDB is juryDB's campaign a year of work later: a déport, its own
// letters' place, scored, a scenario adopted, the deliberation recorded.
func deliberatedDB(t *testing.T, db string) {
	t.Helper()
	juryDB(t, db)
	scores := writeFile(t, "notes.csv", "Numéro;Juré;1;2;3;4;5\nAMI2021-001;Mme Durand;5;5;5;5;5\nAMI2021-002;Mme Durand;4;4;4;4;4\n")
	for _, args := range [][]string{{"conflicts", "add", "--juror", "M. Leroy", "--application", "AMI2021-003"},
		{"campaign", "set", "letter-place=Lens", "budget-function=520"}, {"import", "scores", scores},
		{"allocate", "--method", "rank", "--save", "Rang"}, {"adopt", "Rang"},
		{"deliberation", "record", "--number", "2021-154", "--date", "27/09/2021"}} {
		if code, _, errs := runCLI(t, db, args...); code != 0 {
			t.Fatalf("%v: %s", args, errs)
		}
	}
}

func campaignJSON(t *testing.T, db string, args ...string) map[string]string {
	t.Helper()
	code, out, errs := runCLI(t, db, append(args, "campaign", "show", "--format", "json")...)
	if code != 0 {
		t.Fatalf("campaign show: %d %s", code, errs)
	}
	var m map[string]string
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	return m
}

func TestCampaignNewFromDeliberated(t *testing.T) {
	eachBase(t, func(t *testing.T, db string) {
		deliberatedDB(t, db)
		code, out, errs := runCLI(t, db, "campaign", "new", "AMI2022", "--from", "AMI2021", "--jury")
		if code != 0 || !strings.Contains(out, "AMI2022 créée à partir de AMI2021") || !strings.Contains(out, "30/04/2022") {
			t.Fatalf("new: %d %q %q", code, out, errs)
		}
		next, old := campaignJSON(t, db), campaignJSON(t, db, "--campaign", "AMI2021")
		if next["code"] != "AMI2022" || next["deadline"] != "30/04/2022" || next["letter-place"] != "Lens" || next["budget-function"] != "520" ||
			next["envelope"] != old["envelope"] || next["required-pieces"] != old["required-pieces"] || old["deadline"] != "30/04/2021" {
			t.Errorf("the copy: %v\nthe source: %v", next, old)
		}
		if _, out, _ := runCLI(t, db, "jurors"); !strings.Contains(out, "Mme Durand") || !strings.Contains(out, "M. Leroy") {
			t.Errorf("jury not copied: %q", out)
		}
		if _, out, _ := runCLI(t, db, "conflicts"); strings.Contains(out, "Leroy") {
			t.Errorf("déport copied: %q", out)
		}
		if apps := listJSON(t, db); len(apps) != 0 {
			t.Errorf("dossiers copied: %+v", apps)
		}
		if _, out, _ := runCLI(t, db, "history"); !strings.Contains(out, "à partir de AMI2021") {
			t.Errorf("not journaled: %q", out)
		}
		if _, out, _ := runCLI(t, db, "campaign", "show"); !strings.Contains(out, "Faite à partir de") {
			t.Errorf("show does not name the source: %q", out)
		}
		if code, out, _ := runCLI(t, db, "verify"); code != 0 {
			t.Errorf("verify: %q", out)
		}
	})
}

// campaign show --format json gives every key campaign set takes, each value
// as set would read it back.
func TestCampaignShowJSONRoundTrips(t *testing.T) {
	db := t.TempDir() + "/c.db"
	runCLI(t, db, "init")
	runCLI(t, db, "campaign", "set", "payment-dates=01/10/2021 au 31/12/2021", "case-officer=Mme Martin")
	m := campaignJSON(t, db)
	var keys, pairs []string
	for k, v := range m {
		keys, pairs = append(keys, k), append(pairs, k+"="+v)
	}
	sort.Strings(keys)
	want := strings.Split(data.SettingKeys(), ", ")
	sort.Strings(want)
	if strings.Join(keys, ",") != strings.Join(want, ",") {
		t.Fatalf("keys %v, want %v", keys, want)
	}
	if m["payment-dates"] != "01/10/2021 au 31/12/2021" || m["case-officer"] != "Mme Martin" || !strings.HasPrefix(m["envelope"], "150\u202f000,00") {
		t.Errorf("values: %v", m)
	}
	if code, _, errs := runCLI(t, db, append([]string{"campaign", "set"}, pairs...)...); code != 0 {
		t.Fatalf("set back: %s", errs)
	}
	if again := campaignJSON(t, db); len(again) != len(m) || again["payment-dates"] != m["payment-dates"] || again["min-score"] != m["min-score"] {
		t.Errorf("after set back: %v", again)
	}
}

func TestCampaignNewRefusals(t *testing.T) {
	db := t.TempDir() + "/c.db"
	runCLI(t, db, "init")
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"campaign", "new"}, 2, "code de la nouvelle campagne"},
		{[]string{"campaign", "new", "AMI2022", "--year", "2022"}, 2, "--from"},
		{[]string{"campaign", "new", "AMI2022", "--from", "AMI2021", "--year", "22"}, 2, "année"},
		{[]string{"campaign", "new", "AMI2022", "--from", "INCONNUE"}, 1, "Aucune campagne"},
		{[]string{"campaign", "new", "AMI2021", "--from", "AMI2021"}, 1, "déjà le code"},
	} {
		if code, _, errs := runCLI(t, db, tc.args...); code != tc.code || !strings.Contains(errs, tc.want) {
			t.Errorf("%v: %d %q", tc.args, code, errs)
		}
	}
	code, out, errs := runCLI(t, db, "campaign", "new", "AMI2023", "--title", "Appel 2023")
	if code != 0 || !strings.Contains(out, "paramètres par défaut") {
		t.Fatalf("new from the defaults: %d %q %q", code, out, errs)
	}
	if m := campaignJSON(t, db); m["code"] != "AMI2023" || m["title"] != "Appel 2023" {
		t.Errorf("the new campaign is not the default: %v", m)
	}
}
