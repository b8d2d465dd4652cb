package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

type historyJSON struct {
	Campaign     string `json:"campaign"`
	Number       string `json:"number"`
	Status       string `json:"status"`
	GrantedCents *int64 `json:"granted_cents"`
	PaidCents    *int64 `json:"paid_cents"`
	CRFStatus    string `json:"crf_status"`
}

// twoYearsDB is deliberatedDB's AMI2021 (AMI2021-001 granted 8 000 €), then
// AMI2022 made from it, where Les Petits Pas (same SIRET) and L'Étoile
// (same name, no SIRET) apply again beside a newcomer.
func twoYearsDB(t *testing.T, db string) {
	t.Helper()
	deliberatedDB(t, db)
	if code, _, errs := runCLI(t, db, "campaign", "new", "AMI2022", "--from", "AMI2021"); code != 0 {
		t.Fatal(errs)
	}
	file := writeFile(t, "dossiers2022.csv", header+
		";12/04/2022 14:30;Les P'tits Pas;73282932000074;Avion;Vélo-école, suite;Mobilité;QP062019;20 000;8 000;\n"+
		";13/04/2022 10:00;L'ETOILE;;Lens;Atelier santé;Santé;QP062024;10 000;4 000;\n"+
		";14/04/2022 11:00;Nouvelle;;Liévin;Jardin;Éducation;QP062002;9 000;6 000;\n")
	if code, _, errs := runCLI(t, db, "import", "applications", file); code != 0 {
		t.Fatal(errs)
	}
}

func TestStructuresAcrossCampaigns(t *testing.T) {
	eachBase(t, func(t *testing.T, db string) {
		twoYearsDB(t, db)
		code, out, errs := runCLI(t, db, "structures", "--format", "json")
		if code != 0 {
			t.Fatalf("structures: %d %s", code, errs)
		}
		var got []struct {
			SIRET    string        `json:"siret"`
			RNA      *string       `json:"rna"`
			Name     string        `json:"name"`
			Dossiers []historyJSON `json:"dossiers"`
		}
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		if len(got) != 4 {
			t.Fatalf("%d structures:\n%s", len(got), out)
		}
		found := false
		for _, s := range got {
			if s.SIRET != "73282932000074" {
				continue
			}
			found = true
			if s.Name != "Les P'tits Pas" || s.RNA == nil || len(s.Dossiers) != 2 || s.Dossiers[0].Campaign != "AMI2021" ||
				*s.Dossiers[0].GrantedCents != 800_000 || s.Dossiers[1].Number != "AMI2022-001" || *s.Dossiers[1].GrantedCents != 0 ||
				s.Dossiers[1].PaidCents == nil || *s.Dossiers[1].PaidCents != 0 {
				t.Errorf("Les Petits Pas: %+v", s)
			}
		}
		if !found {
			t.Errorf("no entry for the SIRET:\n%s", out)
		}
		_, out, _ = runCLI(t, db, "structures")
		if !strings.Contains(out, "Les P'tits Pas") || !strings.Contains(out, "AMI2021-001 (Recevable, 8 000,00 € accordés)") || !strings.Contains(out, "4 structures") {
			t.Errorf("table:\n%s", out)
		}
	})
}

func TestApplicationsJSONHistory(t *testing.T) {
	db := t.TempDir() + "/c.db"
	twoYearsDB(t, db)
	code, out, errs := runCLI(t, db, "applications", "--format", "json")
	if code != 0 {
		t.Fatalf("%d %s", code, errs)
	}
	var apps []struct {
		Number  string         `json:"number"`
		History *[]historyJSON `json:"history"`
		Overdue *bool          `json:"crf_overdue_elsewhere"`
	}
	if err := json.Unmarshal([]byte(out), &apps); err != nil || len(apps) != 3 {
		t.Fatalf("%v\n%s", err, out)
	}
	// AMI2021-001's and -002's comptes rendus financiers, due in 2022, never
	// came: on today's date Les P'tits Pas and L'ETOILE are barred, the
	// newcomer is not.
	for i, a := range apps {
		if a.History == nil || a.Overdue == nil || *a.Overdue != (i < 2) {
			t.Fatalf("%s: history %v, overdue %v", a.Number, a.History, a.Overdue)
		}
	}
	if h := *apps[0].History; len(h) != 1 || h[0].Number != "AMI2021-001" || *h[0].GrantedCents != 800_000 || h[0].Status != "recevable" {
		t.Errorf("AMI2022-001's history: %+v", h)
	}
	if h := *apps[1].History; len(h) != 1 || h[0].Number != "AMI2021-002" {
		t.Errorf("L'ETOILE by its folded name: %+v", h)
	}
	if len(*apps[2].History) != 0 || !strings.Contains(out, `"history": []`) {
		t.Errorf("the newcomer's history: %+v", *apps[2].History)
	}
	// AMI2021's dossiers see AMI2022's, never their own campaign's.
	_, out, _ = runCLI(t, db, "--campaign", "AMI2021", "applications", "--format", "json")
	if strings.Count(out, `"campaign": "AMI2022"`) != 2 || strings.Contains(out, `"campaign": "AMI2021"`) {
		t.Errorf("AMI2021's histories:\n%s", out)
	}
}
