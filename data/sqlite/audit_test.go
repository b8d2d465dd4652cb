package sqlite_test

import (
	"strings"
	"testing"
	"time"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/alloc"
	"github.com/call-agglo/cohesion/data/sqlite"
)

func TestAuditTrailRecordsEveryChange(t *testing.T) {
	db, c, apps, jurors := juryFixture(t)
	a := apps[0]
	a.RequestedCents = 900_000
	a.Title = "Vélo-école, nouvelle saison"
	if err := db.UpdateApplication(ctx, c, a); err != nil {
		t.Fatal(err)
	}
	db.ChangeStatus(ctx, a.ID, data.StatusComplet, "")
	db.SaveSheet(ctx, c, sheetOf(c, jurors[0], a, 5, 4, 3))
	db.AddConflict(ctx, jurors[1].ID, apps[1].ID, "Trésorier")
	db.Decide(ctx, &data.JuryDecision{ApplicationID: a.ID, Decision: data.DecisionRetenu})

	entries, err := db.Audit(ctx, sqlite.AuditFilter{Entity: sqlite.AuditApplication, EntityID: a.ID})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Action+"|"+e.Field+"|"+e.Old+"|"+e.New)
		if e.User != "agent.test" || e.Label != a.Number {
			t.Errorf("entry %+v", e)
		}
	}
	joined := strings.Join(got, "\n")
	for _, want := range []string{"création|", "modification|Montant demandé|8 000,00 €|9 000,00 €", "modification|Intitulé du projet|Vélo-école au Grand Moulin|Vélo-école, nouvelle saison", "statut|Statut|Reçu|Complet"} {
		if !strings.Contains(joined, want) {
			t.Errorf("missing %q in\n%s", want, joined)
		}
	}
	all, _ := db.Audit(ctx, sqlite.AuditFilter{CampaignID: c.ID})
	kinds := map[string]bool{}
	for _, e := range all {
		kinds[e.Entity+"/"+e.Action] = true
	}
	for _, k := range []string{"grille/notes", "déport/déclaration", "décision/décision", "juré/création"} {
		if !kinds[k] {
			t.Errorf("no %s in the campaign trail: %v", k, kinds)
		}
	}
	n, broken, err := db.VerifyAudit(ctx)
	if err != nil || broken != nil || n < 10 {
		t.Fatalf("verify: %d %+v %v", n, broken, err)
	}
}

func TestAuditTamperDetected(t *testing.T) {
	db, c := open(t)
	for i := 0; i < 5; i++ {
		db.CreateApplication(ctx, c, app(t, c))
	}
	raw := rawDB(t, db.Path())
	// The table refuses edits outright…
	if _, err := raw.Exec(`UPDATE audit SET new_value = 'falsifié' WHERE id = 3`); err == nil {
		t.Fatal("the append-only trigger let an update through")
	}
	if _, err := raw.Exec(`DELETE FROM audit WHERE id = 3`); err == nil {
		t.Fatal("the append-only trigger let a delete through")
	}
	// …and one who drops the trigger is still caught by the chain.
	for _, q := range []string{`DROP TRIGGER audit_no_update`, `UPDATE audit SET new_value = 'falsifié' WHERE id = 4`} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	_, broken, err := db.VerifyAudit(ctx)
	if err != nil || broken == nil || broken.ID != 4 || !strings.Contains(broken.Reason, "modifié") {
		t.Fatalf("tampered row 4: %+v %v", broken, err)
	}
	for _, q := range []string{`DROP TRIGGER audit_no_delete`, `DELETE FROM audit WHERE id = 2`} {
		raw.Exec(q)
	}
	if _, broken, _ = db.VerifyAudit(ctx); broken == nil || broken.ID != 2 {
		t.Fatalf("deleted row 2: %+v", broken)
	}
}

func TestDeliberationLocksCampaign(t *testing.T) {
	db, c, apps := scoredFixture(t)
	jurors, _ := db.Jurors(ctx, c.ID)
	if err := db.RecordDeliberation(ctx, c.ID, "2021-154", data.NewDate(2021, 9, 27), ""); err == nil || !strings.Contains(err.Error(), "Adoptez") {
		t.Fatalf("deliberation without an adopted scenario: %v", err)
	}
	split, _ := db.SplitInput(ctx, c)
	res, _ := split.Compute(alloc.DefaultParams(c.EnvelopeCents), nil)
	db.SaveScenario(ctx, c, "Rang", res, nil, split.Fingerprint, false)
	db.AdoptScenario(ctx, c.ID, "Rang")
	if err := db.RecordDeliberation(ctx, c.ID, "2021-154", data.NewDate(2021, 9, 27), "Conseil communautaire"); err != nil {
		t.Fatal(err)
	}
	c, _ = db.Campaign(ctx, c.ID)
	if !c.Locked() || c.DeliberationNumber != "2021-154" || c.DeliberationDate != data.NewDate(2021, 9, 27) {
		t.Fatalf("%+v", c)
	}
	refused := func(what string, err error) {
		t.Helper()
		if err == nil || !strings.Contains(err.Error(), "verrouillée") {
			t.Errorf("%s on a locked campaign: %v", what, err)
		}
	}
	refused("score", db.SaveSheet(ctx, c, sheetOf(c, &jurors[1], apps[0], 1, 1, 1, 1, 1)))
	refused("decision", db.Decide(ctx, &data.JuryDecision{ApplicationID: apps[0].ID, Decision: data.DecisionAjourne, Motivation: "x"}))
	_, err := db.AddConflict(ctx, jurors[1].ID, apps[0].ID, "")
	refused("déport", err)
	_, err = db.SaveScenario(ctx, c, "Autre", res, nil, split.Fingerprint, false)
	refused("scenario", err)
	bigger := *c
	bigger.EnvelopeCents *= 2
	refused("envelope", db.UpdateCampaign(ctx, &bigger))
	a, _ := db.Application(ctx, apps[0].ID)
	a.RequestedCents++
	refused("requested amount", db.UpdateApplication(ctx, c, a))
	refused("status", db.ChangeStatus(ctx, apps[0].ID, data.StatusIrrecevable, "Pièce manquante"))
	late, _ := db.Application(ctx, apps[0].ID)
	late.Received = time.Date(2021, 5, 3, 9, 0, 0, 0, data.Paris)
	refused("re-dating after the deadline", db.UpdateApplication(ctx, c, late))
	// A contact correction is still allowed.
	a, _ = db.Application(ctx, apps[0].ID)
	a.Structure.Phone = "03 21 11 22 33"
	if err := db.UpdateApplication(ctx, c, a); err != nil {
		t.Fatalf("contact change refused: %v", err)
	}
	if err := db.Reopen(ctx, c.ID, " "); err == nil {
		t.Fatal("reopened without a reason")
	}
	if err := db.Reopen(ctx, c.ID, "Erreur matérielle sur le montant du dossier AMI2021-001"); err != nil {
		t.Fatal(err)
	}
	if err := db.Decide(ctx, &data.JuryDecision{ApplicationID: apps[0].ID, Decision: data.DecisionAjourne, Motivation: "x"}); err != nil {
		t.Fatalf("after reopening: %v", err)
	}
	trail, _ := db.Audit(ctx, sqlite.AuditFilter{CampaignID: c.ID, Limit: 5})
	found := false
	for _, e := range trail {
		if e.Action == "réouverture" && strings.Contains(e.New, "Erreur matérielle") {
			found = true
		}
	}
	if !found {
		t.Fatal("the reason for reopening is not in the trail")
	}
}

// Rows cut from the end of the trail leave no broken link: the latest backup shows them.
func TestAuditTailCutDetectedByBackup(t *testing.T) {
	db, c := open(t)
	for i := 0; i < 3; i++ {
		db.CreateApplication(ctx, c, app(t, c))
	}
	if _, err := db.AutoBackup(ctx); err != nil {
		t.Fatal(err)
	}
	raw := rawDB(t, db.Path())
	for _, q := range []string{`DROP TRIGGER audit_no_delete`, `DELETE FROM audit WHERE id >= (SELECT max(id) - 1 FROM audit)`} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	_, broken, err := db.VerifyAudit(ctx)
	if err != nil || broken == nil || !strings.Contains(broken.Reason, "fin de journal") {
		t.Fatalf("tail cut: %+v %v", broken, err)
	}
}
