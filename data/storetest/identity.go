package storetest

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/call-agglo/cohesion/data"
)

// A dossier never changes because another one was saved: a new dossier with
// the SIRET of another's structure keeps its own identity, and the other
// dossier keeps its own, its journal untouched.
var _ = register("NewDossierNeverRewritesAnother", func(t *testing.T, h Harness) {
	st, c := seeded(t, h)
	first := app(t, c)
	first.Structure.LegalRep, first.Structure.Contact = "Gérard Lemaire", "Sabrina Dufour"
	mustCreate(t, st, c, first)
	before, _ := st.Application(ctx, first.ID)
	trail, _ := st.Audit(ctx, data.AuditFilter{Entity: data.AuditApplication, EntityID: first.ID})

	// Same SIRET, another name and nothing else: from the form…
	second := app(t, c)
	second.Structure = data.Structure{Name: "Les Petits Pas (nouveau bureau)", SIRET: first.Structure.SIRET}
	mustCreate(t, st, c, second)
	// …and from an import.
	line := *app(t, c)
	line.Structure = data.Structure{Name: "Petits Pas", SIRET: first.Structure.SIRET}
	if _, err := st.ImportApplications(ctx, c, data.LinesOf([]data.Application{line}), data.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	after, _ := st.Application(ctx, first.ID)
	if after.Structure != before.Structure || after.Version != before.Version {
		t.Fatalf("the first dossier changed:\n%+v\n%+v", before.Structure, after.Structure)
	}
	if again, _ := st.Audit(ctx, data.AuditFilter{Entity: data.AuditApplication, EntityID: first.ID}); len(again) != len(trail) {
		t.Fatalf("the first dossier's journal grew from %d to %d entries", len(trail), len(again))
	}
	got2, _ := st.Application(ctx, second.ID)
	if got2.Structure.Name != "Les Petits Pas (nouveau bureau)" || got2.Structure.RNA != "" {
		t.Fatalf("second dossier's identity: %+v", got2.Structure)
	}
	sibs, err := st.SameSIRET(ctx, first.Structure.SIRET, second.ID)
	if err != nil || len(sibs) != 2 || sibs[0].Number != first.Number || sibs[0].CampaignCode != "AMI2021" {
		t.Fatalf("siblings of %s: %+v %v", second.Number, sibs, err)
	}
	intact(t, st)
})

// Sharing the identity is an explicit choice, journaled on every dossier it changes.
var _ = register("SharedIdentityIsExplicitAndJournaled", func(t *testing.T, h Harness) {
	st, c := seeded(t, h)
	first := mustCreate(t, st, c, app(t, c))
	second := app(t, c)
	second.Title = "Autre projet"
	mustCreate(t, st, c, second)
	second.Structure.Address = "12 rue de la Gare"
	second.Structure.Phone = "03 21 44 55 66"
	if err := st.UpdateApplication(ctx, c, second, data.UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
	if got, _ := st.Application(ctx, first.ID); got.Structure.Address != "" {
		t.Fatalf("an update without sharing changed the other dossier: %+v", got.Structure)
	}
	second.Structure.Address = "14 rue de la Gare"
	if err := st.UpdateApplication(ctx, c, second, data.UpdateOptions{ShareIdentity: true}); err != nil {
		t.Fatal(err)
	}
	got, _ := st.Application(ctx, first.ID)
	if got.Structure.Address != "14 rue de la Gare" || got.Structure.Phone != "03 21 44 55 66" {
		t.Fatalf("shared identity not written: %+v", got.Structure)
	}
	trail, _ := st.Audit(ctx, data.AuditFilter{Entity: data.AuditApplication, EntityID: first.ID})
	var fields []string
	for _, e := range trail {
		if strings.HasPrefix(e.Action, "identité partagée") {
			fields = append(fields, e.Field+"="+e.New)
		}
	}
	if joined := strings.Join(fields, ","); !strings.Contains(joined, "Adresse=14 rue de la Gare") || !strings.Contains(joined, "Téléphone=(donnée personnelle)") {
		t.Fatalf("the other dossier's journal: %v", fields)
	}
	intact(t, st)
})

// Re-importing an export updates the dossiers already there (only the fields
// the file has), adds the new ones, names the absent ones, and journals each change.
var _ = register("ImportUpdate", func(t *testing.T, h Harness) {
	st, c := seeded(t, h)
	lines := []data.Application{*app(t, c), *app(t, c)}
	lines[0].Number, lines[1].Number = "DS-1001", "DS-1002"
	if _, err := st.ImportApplications(ctx, c, data.LinesOf(lines), data.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	kept, _ := st.ApplicationByNumber(ctx, c.ID, "DS-1001")
	kept.Notes = "Pièces vérifiées par l'instructeur"
	if err := st.UpdateApplication(ctx, c, kept, data.UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
	again := []data.Application{*app(t, c), *app(t, c)}
	again[0].Number, again[0].RequestedCents = "DS-1001", 750_000
	again[1].Number, again[1].Title = "DS-1003", "Nouveau projet"
	fields := []string{data.FieldNumber, data.FieldStructure, data.FieldTitle, data.FieldRequested}
	if _, err := st.ImportApplications(ctx, c, data.LinesOf(again), data.ImportOptions{Fields: fields}); data.ErrorCode(err) != data.ECONFLICT {
		t.Fatalf("a re-import without --update: %v", err)
	}
	sum, err := st.ImportApplications(ctx, c, data.LinesOf(again), data.ImportOptions{Update: true, Fields: fields})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Created != 1 || sum.Updated != 1 || sum.Unchanged != 0 || strings.Join(sum.Absent, ",") != "DS-1002" || len(sum.Changes) != 1 ||
		sum.Changes[0] != (data.FieldChange{Number: "DS-1001", Field: "Montant demandé", Old: "8 000,00 €", New: "7 500,00 €"}) {
		t.Fatalf("summary %+v", sum)
	}
	got, _ := st.ApplicationByNumber(ctx, c.ID, "DS-1001")
	if got.RequestedCents != 750_000 || got.Notes != "Pièces vérifiées par l'instructeur" {
		t.Fatalf("updated dossier: requested %d, notes %q", got.RequestedCents, got.Notes)
	}
	if count(t, st, c) != 3 {
		t.Fatalf("%d dossiers", count(t, st, c))
	}
	// The same file again: nothing changes.
	sum, err = st.ImportApplications(ctx, c, data.LinesOf(again), data.ImportOptions{Update: true, Fields: fields})
	if err != nil || sum.Unchanged != 2 || sum.Updated != 0 || sum.Created != 0 {
		t.Fatalf("second re-import: %+v %v", sum, err)
	}
	intact(t, st)
})

// A re-import longer than what the store reads and journals at once (500
// dossiers, 1 000 entries) updates each dossier from its own state, wherever
// its line falls, and still refuses a number the file names twice.
var _ = register("ImportUpdateManyLines", func(t *testing.T, h Harness) {
	st, c := seeded(t, h)
	const n = 1_100
	lines := make([]data.Application, n)
	for i := range lines {
		lines[i] = *app(t, c)
		lines[i].Number, lines[i].RequestedCents = fmt.Sprintf("DS-%04d", i+1), int64(100_000+i)
	}
	if _, err := st.ImportApplications(ctx, c, data.LinesOf(lines), data.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	fields := []string{data.FieldNumber, data.FieldStructure, data.FieldTitle, data.FieldRequested}
	again := slices.Clone(lines)
	for i := 0; i < n; i += 3 {
		again[i].RequestedCents += 50_000
	}
	again = append(again, *app(t, c))
	again[n].Number = "DS-9999"
	twice := append(slices.Clone(again), again[7])
	if _, err := st.ImportApplications(ctx, c, data.LinesOf(twice), data.ImportOptions{Update: true, Fields: fields}); data.ErrorCode(err) != data.ECONFLICT || !strings.Contains(err.Error(), "DS-0008 figure deux fois") {
		t.Fatalf("a number named twice, far apart: %v", err)
	}
	sum, err := st.ImportApplications(ctx, c, data.LinesOf(again), data.ImportOptions{Update: true, Fields: fields})
	if err != nil {
		t.Fatal(err)
	}
	if changed := (n + 2) / 3; sum.Created != 1 || sum.Updated != changed || sum.Unchanged != n-changed || len(sum.Absent) != 0 {
		t.Fatalf("summary: %d created, %d updated, %d unchanged, %d absent", sum.Created, sum.Updated, sum.Unchanged, len(sum.Absent))
	}
	for _, i := range []int{0, 1, 499, 500, 501, 999, 1000, n - 1} {
		got, err := st.ApplicationByNumber(ctx, c.ID, again[i].Number)
		if err != nil || got.RequestedCents != again[i].RequestedCents {
			t.Fatalf("line %d: %+v %v, want %d requested", i+1, got, err, again[i].RequestedCents)
		}
	}
	intact(t, st)
})
