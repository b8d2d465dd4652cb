package storetest

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/call-agglo/cohesion/data"
)

var _ = register("AuditTrailRecordsEveryChange", func(t *testing.T, h Harness) {
	st, c, apps, jurors := juryFixture(t, h)
	a := apps[0]
	a.RequestedCents = 900_000
	a.Title = "Vélo-école, nouvelle saison"
	if err := st.UpdateApplication(ctx, c, a, data.UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
	mustScore(t, st, c, jurors[0], a, 5, 4, 3)
	st.AddConflict(ctx, jurors[1].ID, apps[1].ID, "Trésorier")
	st.Decide(ctx, &data.JuryDecision{ApplicationID: a.ID, Decision: data.DecisionRetenu})
	entries, err := st.Audit(ctx, data.AuditFilter{Entity: data.AuditApplication, EntityID: a.ID})
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
	for _, want := range []string{"création|", "modification|Montant demandé|8 000,00 €|9 000,00 €",
		"modification|Intitulé du projet|Vélo-école au Grand Moulin|Vélo-école, nouvelle saison", "statut|Statut|Reçu|Recevable", "statut|Statut|Recevable|Retenu"} {
		if !strings.Contains(joined, want) {
			t.Errorf("missing %q in\n%s", want, joined)
		}
	}
	all, _ := st.Audit(ctx, data.AuditFilter{CampaignID: c.ID})
	kinds := map[string]bool{}
	for _, e := range all {
		kinds[e.Entity+"/"+e.Action] = true
	}
	for _, k := range []string{"grille/notes", "déport/déclaration", "décision/décision", "juré/création"} {
		if !kinds[k] {
			t.Errorf("no %s in the campaign trail: %v", k, kinds)
		}
	}
	if rep := intact(t, st); rep.Count < 10 || rep.Head.ID != int64(rep.Count) {
		t.Fatalf("verify: %+v", rep)
	}
})

// dropAuditGuards removes the append-only triggers, as an attacker with the
// base's owner rights can (the spelling differs between engines).
func dropAuditGuards(t testing.TB, st data.Store) {
	raw := Raw(st)
	if _, err := raw.Exec(`DROP TRIGGER audit_no_update ON audit`); err == nil {
		return // PostgreSQL: one trigger guards updates and deletes
	}
	for _, q := range []string{`DROP TRIGGER audit_no_update`, `DROP TRIGGER audit_no_delete`} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
}

var _ = register("AuditTamperDetected", func(t *testing.T, h Harness) {
	st, c := seeded(t, h)
	for i := 0; i < 5; i++ {
		mustCreate(t, st, c, app(t, c))
	}
	raw := Raw(st)
	if _, err := raw.Exec(`UPDATE audit SET new_value = 'falsifié' WHERE id = 3`); err == nil {
		t.Fatal("the append-only trigger let an update through")
	}
	if _, err := raw.Exec(`DELETE FROM audit WHERE id = 3`); err == nil {
		t.Fatal("the append-only trigger let a delete through")
	}
	dropAuditGuards(t, st)
	if _, err := raw.Exec(`UPDATE audit SET new_value = 'falsifié' WHERE id = 4`); err != nil {
		t.Fatal(err)
	}
	rep, err := st.VerifyAudit(ctx)
	if err != nil || rep.Broken == nil || rep.Broken.ID != 4 || !strings.Contains(rep.Broken.Reason, "modifié") {
		t.Fatalf("tampered row 4: %+v %v", rep, err)
	}
	raw.Exec(`DELETE FROM audit WHERE id = 2`)
	if rep, _ = st.VerifyAudit(ctx); rep.Broken == nil || rep.Broken.ID != 2 {
		t.Fatalf("deleted row 2: %+v", rep.Broken)
	}
})

// The journal vouches for the data: a row changed, added or deleted outside
// Cohésion is found and named.
var _ = register("DataTamperDetected", func(t *testing.T, h Harness) {
	st, c, apps, jurors := scoredFixture(t, h)
	if _, err := st.AddConflict(ctx, jurors[1].ID, apps[2].ID, "Trésorier"); err != nil {
		t.Fatal(err)
	}
	if err := st.Decide(ctx, &data.JuryDecision{ApplicationID: apps[0].ID, Decision: data.DecisionRetenu}); err != nil {
		t.Fatal(err)
	}
	adoptRank(t, st, c)
	intact(t, st)
	cases := []struct {
		sql, entity, label, what string
	}{
		{fmt.Sprintf(`UPDATE applications SET requested_cents = 99900000 WHERE id = %d`, apps[1].ID), data.AuditApplication, apps[1].Number, "modifié"},
		{fmt.Sprintf(`UPDATE structures SET name = 'Autre' WHERE id = (SELECT structure_id FROM applications WHERE id = %d)`, apps[2].ID), data.AuditApplication, apps[2].Number, "modifié"},
		{`DELETE FROM conflicts`, data.AuditConflict, apps[2].Number, "supprimé"},
		{fmt.Sprintf(`UPDATE scores SET score = 0 WHERE application_id = %d`, apps[0].ID), data.AuditSheet, apps[0].Number, "modifié"},
		{fmt.Sprintf(`INSERT INTO scores (juror_id, application_id, criterion_id, score, updated_at) VALUES (%d, %d, %d, 5, '')`, jurors[1].ID, apps[1].ID, c.Criteria[0].ID), data.AuditSheet, apps[1].Number, "modifié"},
		{fmt.Sprintf(`INSERT INTO decisions (application_id, decision, decided_at) VALUES (%d, 'retenu', '')`, apps[2].ID), data.AuditDecision, apps[2].Number, "ajouté"},
		{`UPDATE scenario_lines SET amount_cents = amount_cents + 100`, data.AuditScenario, "Rang", "modifié"},
		{`UPDATE campaigns SET locked_at = '2021-09-27T10:00:00Z', envelope_cents = 1`, data.AuditCampaign, "AMI2021", "modifié"},
		{fmt.Sprintf(`UPDATE jurors SET name = 'M. Autre' WHERE id = %d`, jurors[0].ID), data.AuditJuror, "M. Autre", "modifié"},
	}
	for _, tc := range cases {
		if _, err := Raw(st).Exec(tc.sql); err != nil {
			t.Fatalf("%s: %v", tc.sql, err)
		}
		rep, err := st.VerifyAudit(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := data.Tampering{Entity: tc.entity, Label: tc.label, What: tc.what}
		found := false
		for _, x := range rep.Tampered {
			found = found || x == want
		}
		if rep.Intact() || !found || !strings.Contains(rep.Verdict(), want.Describe()) {
			t.Errorf("after %s: want %q, got %+v", tc.sql, want.Describe(), rep.Tampered)
		}
	}
})

// The head printed on a document designates one entry: rewriting the chain
// (even consistently) changes it.
var _ = register("HeadAnchorsTheChain", func(t *testing.T, h Harness) {
	st, c := seeded(t, h)
	mustCreate(t, st, c, app(t, c))
	head, err := st.Head(ctx)
	if err != nil || head.ID == 0 {
		t.Fatalf("%+v %v", head, err)
	}
	printed, err := data.ParseHead(head.String())
	if err != nil {
		t.Fatal(err)
	}
	e, err := st.EntryAt(ctx, printed.ID)
	if err != nil || !printed.Matches(*e) {
		t.Fatalf("the printed head %s does not match its entry: %+v %v", head, e, err)
	}
	mustCreate(t, st, c, app(t, c))
	if later, _ := st.Head(ctx); later == head || later.ID != head.ID+1 {
		t.Fatalf("head after another dossier: %+v (was %+v)", later, head)
	}
	dropAuditGuards(t, st)
	Raw(st).Exec(fmt.Sprintf(`UPDATE audit SET hash = 'f%s' WHERE id = %d`, head.Hash[1:], head.ID))
	if e, _ := st.EntryAt(ctx, head.ID); printed.Matches(*e) {
		t.Fatal("a rewritten entry still matches the printed head")
	}
	if _, err := data.ParseHead("pas une empreinte"); data.ErrorCode(err) != data.EINVALID {
		t.Fatalf("unreadable head: %v", err)
	}
})

// Two desks (or windows, or processes) writing at once lose nothing, and the
// chain stays one line.
var _ = register("ConcurrentWritersLoseNothing", func(t *testing.T, h Harness) {
	st, c := seeded(t, h)
	second := h.Again(t, st)
	Pin(second, Clock)
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	for w, d := range []data.Store{st, second} {
		wg.Add(1)
		go func(w int, d data.Store) {
			defer wg.Done()
			for i := 0; i < 30; i++ {
				a := app(t, c)
				a.Title = strings.Repeat("x", w+1)
				if err := d.CreateApplication(ctx, c, a); err != nil {
					errs <- err
				}
				lines := []data.Application{*app(t, c), *app(t, c)}
				if _, err := d.ImportApplications(ctx, c, data.LinesOf(lines), data.ImportOptions{}); err != nil {
					errs <- err
				}
			}
		}(w, d)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if n := count(t, st, c); n != 180 {
		t.Fatalf("%d applications, want 180", n)
	}
	intact(t, st)
})

var _ = register("Instances", func(t *testing.T, h Harness) {
	st := h.New(t)
	now := time.Date(2021, 6, 1, 9, 0, 0, 0, data.Paris)
	Pin(st, now)
	first, others, err := st.RegisterInstance(ctx)
	if err != nil || len(others) != 0 {
		t.Fatalf("%v %v", others, err)
	}
	_, others, _ = st.RegisterInstance(ctx)
	if len(others) != 1 || others[0].ID != first || others[0].User != "agent.test" {
		t.Fatalf("second window does not see the first: %+v", others)
	}
	Pin(st, now.Add(5*time.Minute)) // a window that stopped beating (crashed) no longer counts
	if _, others, _ = st.RegisterInstance(ctx); len(others) != 0 {
		t.Fatalf("stale instances counted: %+v", others)
	}
})

var _ = register("PurgeAndPersonData", func(t *testing.T, h Harness) {
	st, c := seeded(t, h)
	a := app(t, c)
	a.Structure.LegalRep, a.Structure.Contact = "Gérard Lemaire", "Sabrina Dufour"
	a.Structure.Email = "s.dufour@petitspas.example.org"
	mustCreate(t, st, c, a)
	j := &data.Juror{CampaignID: c.ID, Name: "Mme Durand", Email: "durand@example.org"}
	st.AddJuror(ctx, j)
	a.Structure.Phone = "03 21 55 66 77"
	if err := st.UpdateApplication(ctx, c, a, data.UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
	trail, _ := st.Audit(ctx, data.AuditFilter{Entity: data.AuditApplication, EntityID: a.ID, Limit: 1})
	if trail[0].Field != "Téléphone" || strings.Contains(trail[0].New+trail[0].Old, "55 66") {
		t.Fatalf("personal value copied into the trail: %+v", trail[0])
	}
	rec, err := st.PersonData(ctx, "sabrina dufour")
	if err != nil || len(rec.Structures) != 1 || rec.Structures[0].Email != a.Structure.Email || rec.Structures[0].Applications[0] != "AMI2021 AMI2021-001" {
		t.Fatalf("%+v %v", rec, err)
	}
	if rec, _ := st.PersonData(ctx, "durand"); len(rec.Jurors) != 1 || rec.Jurors[0].Email != "durand@example.org" {
		t.Fatalf("juror not found: %+v", rec)
	}
	if _, err := st.PersonData(ctx, "a"); err == nil {
		t.Fatal("a one-letter search accepted")
	}
	Pin(st, time.Date(2024, 9, 1, 9, 0, 0, 0, data.Paris)) // within 36 months of September 2021
	if p, _ := st.PurgeExpired(ctx, false); len(p) != 0 {
		t.Fatalf("purged too early: %+v", p)
	}
	Pin(st, time.Date(2024, 10, 2, 9, 0, 0, 0, data.Paris))
	if p, err := st.PurgeExpired(ctx, true); err != nil || len(p) != 1 || p[0].Structures != 1 || p[0].Jurors != 1 {
		t.Fatalf("dry run: %+v %v", p, err)
	}
	if got, _ := st.Application(ctx, a.ID); got.Structure.Email == "" {
		t.Fatal("the dry run purged")
	}
	if p, err := st.PurgeExpired(ctx, false); err != nil || len(p) != 1 {
		t.Fatalf("%+v %v", p, err)
	}
	s := mustApp(t, st, a.ID).Structure
	if s.LegalRep != "" || s.Contact != "" || s.Email != "" || s.Phone != "" || s.Name == "" || s.SIRET == "" {
		t.Fatalf("after purge: %+v", s)
	}
	if js, _ := st.Jurors(ctx, c.ID); js[0].Email != "" || js[0].Name == "" {
		t.Fatalf("juror after purge: %+v", js[0])
	}
	if p, _ := st.PurgeExpired(ctx, false); len(p) != 0 {
		t.Fatal("purged twice")
	}
	intact(t, st)
})

func mustApp(t testing.TB, st data.Store, id int64) *data.Application {
	t.Helper()
	a, err := st.Application(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// A long import writes its journal as it goes: every dossier gets its entry
// with its state, the chain holds, and a failure past the first thousand
// lines still leaves nothing, journal included.
var _ = register("LongImportJournal", func(t *testing.T, h Harness) {
	st, c := seeded(t, h)
	before, err := st.VerifyAudit(ctx)
	if err != nil {
		t.Fatal(err)
	}
	lines := make([]data.Application, 2500)
	for i := range lines {
		lines[i] = *app(t, c)
		lines[i].Number = fmt.Sprintf("DS-%d", 10000+i)
	}
	bad := append(append([]data.Application(nil), lines...), *app(t, c))
	bad[len(bad)-1].Number, bad[len(bad)-1].Title = "DS-LAST", "" // no title: refused
	if _, err := st.ImportApplications(ctx, c, data.LinesOf(bad), data.ImportOptions{}); err == nil {
		t.Fatal("a line without a title was imported")
	}
	if rep, err := st.VerifyAudit(ctx); err != nil || rep.Count != before.Count || count(t, st, c) != 0 {
		t.Fatalf("a failed import left %d entries (had %d), %d dossiers, %v", rep.Count, before.Count, count(t, st, c), err)
	}
	sum, err := st.ImportApplications(ctx, c, data.LinesOf(lines), data.ImportOptions{})
	if err != nil || sum.Created != len(lines) {
		t.Fatalf("%+v %v", sum, err)
	}
	rep, err := st.VerifyAudit(ctx)
	if err != nil || !rep.Intact() || rep.Count != before.Count+len(lines) {
		t.Fatalf("journal after the import: %+v %v", rep, err)
	}
	last, _ := st.ApplicationByNumber(ctx, c.ID, "DS-12499")
	if trail, _ := st.Audit(ctx, data.AuditFilter{Entity: data.AuditApplication, EntityID: last.ID}); len(trail) != 1 || trail[0].State == "" {
		t.Fatalf("the last dossier's journal: %+v", trail)
	}
})
