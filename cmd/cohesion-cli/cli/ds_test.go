package cli

import (
	"encoding/json"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/call-agglo/cohesion/data"
)

// dsHeader is the header of a CSV export of démarches-simplifiées for the
// AMI: DS's fixed columns, then the procedure's fields.
const dsHeader = "ID,Email,Établissement SIRET,Établissement siège social,Établissement Adresse,Établissement code postal," +
	"Établissement localité,Établissement code INSEE localité,Entreprise SIREN,Entreprise forme juridique,Entreprise raison sociale," +
	"Association RNA,Association titre,Archivé,État du dossier,Dernière mise à jour le,Déposé le,Passé en instruction le,Traité le," +
	"Motivation de la décision,Instructeurs,Intitulé du projet,Quartier(s) prioritaire(s) concerné(s),Coût total du projet," +
	"Montant de la subvention sollicitée\n"

// dsLine is one dossier of that export.
func dsLine(id, title, state, deposited, qpv, total, requested string) string {
	return id + ",contact-" + id + "@example.org,88332366900019,true,\"12 RUE JEAN JAURES\n62210 AVION\",62210,AVION,62065,883323669," +
		"Association déclarée,ASSO " + id + ",W623004512,Association " + id + ",false," + state + "," + deposited + "," + deposited + ",,,,agent@example.fr," +
		title + ",\"" + qpv + "\"," + total + "," + requested + "\n"
}

// summaryJSON decodes `import applications --format json` strictly: the
// documented keys, nothing else.
func summaryJSON(t *testing.T, out string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		t.Fatalf("JSON: %v\n%s", err, out)
	}
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	if len(keys) != 5 || m["created"] == nil || m["updated"] == nil || m["unchanged"] == nil || m["absent"] == nil || m["changes"] == nil {
		t.Fatalf("summary keys %v:\n%s", keys, out)
	}
	return m
}

func TestImportDSExportThenUpdate(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	runCLI(t, db, "init")
	first := writeFile(t, "dossiers_ami-2021_2021-04-25.csv", dsHeader+
		dsLine("4123456", "À vélo vers l'emploi", "En construction", "2021-04-20 14:32:10 +0200", "République - Cité 4, Cité 2", "18500", "9000")+
		dsLine("4123457", "Atelier santé", "En construction", "2021-04-21 09:00:00 +0200", "QP062024", "10000", "4000")+
		dsLine("4123458", "Réussite éducative", "En construction", "2021-04-22 18:45:00 +0200", "QP062002", "5000", "3000"))
	code, out, errs := runCLI(t, db, "import", "applications", first)
	if code != 0 || !strings.Contains(out, "3 dossiers importés dans AMI2021") {
		t.Fatalf("DS import: %d %q %q", code, out, errs)
	}
	if !strings.Contains(errs, "démarches-simplifiées reconnu") || strings.Count(errs, "non utilisées") != 1 || !strings.Contains(errs, "« Traité le »") {
		t.Errorf("report of the DS columns:\n%s", errs)
	}
	apps := listJSON(t, db)
	if len(apps) != 3 || apps[0].Number != "4123456" || apps[0].Structure != "Association 4123456" || apps[0].Commune != "Avion" ||
		apps[0].Received != "2021-04-20T14:32:10+02:00" || !reflect.DeepEqual(apps[0].QPV, []string{"QP062019", "QP062026"}) ||
		apps[0].RequestedCents != 900000 || apps[0].Status != "recu" {
		t.Fatalf("%+v", apps)
	}

	// The next export: 4123456 asks for more, 4123457 is as it was, 4123458
	// was withdrawn from DS, 4123459 is new.
	again := writeFile(t, "dossiers_ami-2021_2021-04-29.csv", dsHeader+
		dsLine("4123456", "À vélo vers l'emploi", "En construction", "2021-04-20 14:32:10 +0200", "République - Cité 4, Cité 2", "18500", "9500")+
		dsLine("4123457", "Atelier santé", "En construction", "2021-04-21 09:00:00 +0200", "QP062024", "10000", "4000")+
		dsLine("4123459", "Jardin partagé", "En construction", "2021-04-28 11:05:00 +0200", "QP062024", "6000", "2500"))
	code, _, errs = runCLI(t, db, "import", "applications", again)
	if code == 0 || !strings.Contains(errs, "--update") || !strings.Contains(errs, "4123456") {
		t.Fatalf("re-import without --update: %d %q", code, errs)
	}
	if n := len(listJSON(t, db)); n != 3 {
		t.Fatalf("a refused re-import wrote: %d dossiers", n)
	}
	code, out, errs = runCLI(t, db, "import", "applications", again, "--update", "--format", "json")
	if code != 0 {
		t.Fatalf("--update: %d %q", code, errs)
	}
	sum := summaryJSON(t, out)
	want := map[string]any{"created": 1.0, "updated": 1.0, "unchanged": 1.0, "absent": []any{"4123458"},
		"changes": []any{map[string]any{"number": "4123456", "field": data.FieldLabel(data.FieldRequested), "old": "9 000,00 €", "new": "9 500,00 €"}}}
	if !reflect.DeepEqual(sum, want) {
		t.Fatalf("summary\n got %v\nwant %v", sum, want)
	}
	apps = listJSON(t, db)
	if len(apps) != 4 || apps[0].RequestedCents != 950000 || apps[2].Number != "4123458" || apps[3].Number != "4123459" {
		t.Fatalf("after the update: %+v", apps)
	}
	_, hist, _ := runCLI(t, db, "history", "--application", "4123456")
	if !strings.Contains(hist, "9 000,00 €") || !strings.Contains(hist, "9 500,00 €") {
		t.Errorf("the journal lacks the change:\n%s", hist)
	}
	// The same export once more: nothing to change.
	code, out, _ = runCLI(t, db, "import", "applications", again, "--update", "--format", "json")
	sum = summaryJSON(t, out)
	if code != 0 || sum["created"] != 0.0 || sum["updated"] != 0.0 || sum["unchanged"] != 3.0 || len(sum["changes"].([]any)) != 0 {
		t.Errorf("idempotent re-import: %v", sum)
	}
}

// TestImportJSONWithoutUpdate: a first import's summary has the same shape,
// with empty lists rather than null.
func TestImportJSONWithoutUpdate(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	runCLI(t, db, "init")
	file := writeFile(t, "ds.csv", dsHeader+dsLine("77", "Projet", "Accepté", "2021-04-12 10:00:00 +0200", "QP062024", "1000", "500"))
	code, out, errs := runCLI(t, db, "import", "applications", file, "--format", "json")
	if code != 0 {
		t.Fatal(errs)
	}
	sum := summaryJSON(t, out)
	if sum["created"] != 1.0 || !reflect.DeepEqual(sum["absent"], []any{}) || !reflect.DeepEqual(sum["changes"], []any{}) {
		t.Errorf("%v", sum)
	}
}
