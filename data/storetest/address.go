package storetest

import (
	"slices"
	"testing"

	"github.com/call-agglo/cohesion/data"
)

// The head office's postal address (Cerfa n° 12156) is stored as street
// lines, a postal code and a town; a change of either is journaled under its
// own label, a change made outside Cohésion is found by the check, and the
// GDPR export carries them.
var _ = register("PostalAddressIsStoredAndVouchedFor", func(t *testing.T, h Harness) {
	st, c := seeded(t, h)
	a := app(t, c)
	a.Structure.Contact = "Sabrina Dufour"
	a.Structure.Address = "Maison des associations\n12 rue Jean Jaurès\n62300 Lens"
	mustCreate(t, st, c, a)
	got, _ := st.Application(ctx, a.ID)
	s := got.Structure
	if s.Address != "Maison des associations\n12 rue Jean Jaurès" || s.PostalCode != "62300" || s.Town != "Lens" {
		t.Fatalf("stored address: %q %q %q", s.Address, s.PostalCode, s.Town)
	}
	intact(t, st)

	got.Structure.Town, got.Structure.PostalCode = "Liévin", "62800"
	if err := st.UpdateApplication(ctx, c, got, data.UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
	trail, _ := st.Audit(ctx, data.AuditFilter{Entity: data.AuditApplication, EntityID: a.ID})
	fields := map[string]bool{}
	for _, e := range trail {
		fields[e.Field] = true
	}
	if !fields["Code postal"] || !fields["Localité"] {
		t.Fatalf("journal fields: %v", fields)
	}
	intact(t, st)

	rec, err := st.PersonData(ctx, "sabrina dufour")
	if err != nil || len(rec.Structures) != 1 || rec.Structures[0].PostalCode != "62800" || rec.Structures[0].Town != "Liévin" {
		t.Fatalf("GDPR export: %+v %v", rec, err)
	}

	if _, err := Raw(st).ExecContext(ctx, `UPDATE structures SET postal_code = '59000'`); err != nil {
		t.Fatal(err)
	}
	if rep, err := st.VerifyAudit(ctx); err != nil || rep.Intact() {
		t.Fatalf("a postal code changed outside Cohésion went unseen: %v", err)
	}
})

// PostalDowngrade takes a base back to the structures table of the version
// before the postal address (migration 016), the version itself excepted;
// the later versions' columns go first.
var PostalDowngrade = append(slices.Clone(ReferenceDowngrade), `ALTER TABLE structures DROP COLUMN postal_code`, `ALTER TABLE structures DROP COLUMN town`)

// DossierBeforePostal stores a dossier as the versions before 016 did: a
// street address, no postal code nor town.
func DossierBeforePostal(t testing.TB, st data.Store) *data.Application {
	t.Helper()
	c := SeedDefault(t, st)
	a := app(t, c)
	a.Structure.Address = "12 rue Jean Jaurès"
	return mustCreate(t, st, c, a)
}

// PostalAddressAfterMigration checks a base brought past migration 016: the
// dossier reads with an empty postal code and town, its journal still
// matches its rows, its address is flagged incomplete, and once completed
// it is stored and journaled.
func PostalAddressAfterMigration(t testing.TB, st data.Store, id int64) {
	t.Helper()
	a, err := st.Application(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	s := a.Structure
	if s.PostalCode != "" || s.Town != "" || s.Address != "12 rue Jean Jaurès" {
		t.Fatalf("after the migration: %q %q %q", s.Address, s.PostalCode, s.Town)
	}
	if p := s.PostalAddress(); p.Complete() {
		t.Errorf("an address without postal code reads complete: %+v", p)
	}
	intact(t, st)
	c, _ := st.Campaign(ctx, a.CampaignID)
	a.Structure.PostalCode, a.Structure.Town = "62300", "Lens"
	if err := st.UpdateApplication(ctx, c, a, data.UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
	again, _ := st.Application(ctx, id)
	if p := again.Structure.PostalAddress(); p.LastLine() != "62300 LENS" {
		t.Errorf("completed: %+v", p)
	}
	intact(t, st)
}
