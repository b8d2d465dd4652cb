package storetest

import (
	"fmt"
	"slices"
	"testing"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/seed"
)

// The letters' settings (place, case officer and contact, reference) are
// kept, read back by every way the campaign is read (by ID, by code, in the
// list, in the documents' snapshot), journaled field by field, and vouched
// for by the journal: changed in a SQL console, they show as tampering.
var _ = register("LetterSettingsRoundTrip", func(t *testing.T, h Harness) {
	st, c := seeded(t, h)
	if c.LetterPlace != "Liévin" || c.CaseOfficer != "Service politique de la ville" {
		t.Fatalf("defaults of the CALL campaign: place %q, officer %q", c.LetterPlace, c.CaseOfficer)
	}
	c.LetterPlace, c.CaseOfficer = "Lens", "Mme Sonia Bernard"
	c.CaseOfficerContact, c.LetterReference = "03 21 79 07 90 — politique.ville@agglo-lenslievin.fr", "DPV/SB/2021"
	if err := st.UpdateCampaign(ctx, c, false); err != nil {
		t.Fatal(err)
	}
	same := func(what string, got *data.Campaign) {
		t.Helper()
		if got.LetterPlace != c.LetterPlace || got.CaseOfficer != c.CaseOfficer || got.CaseOfficerContact != c.CaseOfficerContact || got.LetterReference != c.LetterReference {
			t.Errorf("%s: %q %q %q %q", what, got.LetterPlace, got.CaseOfficer, got.CaseOfficerContact, got.LetterReference)
		}
	}
	byID, err := st.Campaign(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	same("by ID", byID)
	byCode, _ := st.CampaignByCode(ctx, c.Code)
	same("by code", byCode)
	list, _ := st.Campaigns(ctx)
	same("in the list", &list[0])
	snap, err := st.Snapshot(ctx, c.ID, data.SnapshotOptions{})
	if err != nil {
		t.Fatal(err)
	}
	same("in the snapshot", snap.Campaign)
	entries, err := st.Audit(ctx, data.AuditFilter{CampaignID: c.ID, Entity: data.AuditCampaign, EntityID: c.ID})
	if err != nil {
		t.Fatal(err)
	}
	fields := map[string]string{}
	for _, e := range entries {
		fields[e.Field] = e.New
	}
	if fields["Affaire suivie par"] != "Mme Sonia Bernard" || fields["Référence des lettres"] != "DPV/SB/2021" || fields["Lieu de signature des lettres"] != "Lens" {
		t.Errorf("journal of the settings: %v", fields)
	}
	intact(t, st)
	if _, err := Raw(st).Exec(fmt.Sprintf(`UPDATE campaigns SET case_officer = 'M. Autre' WHERE id = %d`, c.ID)); err != nil {
		t.Fatal(err)
	}
	rep, err := st.VerifyAudit(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := data.Tampering{Entity: data.AuditCampaign, Label: c.Code, What: "modifié"}
	if rep.Intact() || len(rep.Tampered) != 1 || rep.Tampered[0] != want {
		t.Errorf("case officer changed outside Cohésion: %+v", rep.Tampered)
	}
})

// BudgetDowngrade is the SQL that takes a base back to version 13's
// campaigns table (no budget line), the statement that sets the version
// excepted. The letter_templates' CHECK is left wider: it admits every kind
// an older base holds.
var BudgetDowngrade = append(slices.Clone(PostalDowngrade),
	// Later versions' columns go first (17, the reference, and 16, the
	// postal address, in PostalDowngrade; 15, the admissibility): the
	// migrations after 13 add them again.
	`ALTER TABLE campaigns DROP COLUMN required_documents`,
	`ALTER TABLE applications DROP COLUMN exemption`,
	`ALTER TABLE applications DROP COLUMN decision_override`,
	`ALTER TABLE campaigns DROP COLUMN budget_nature`,
	`ALTER TABLE campaigns DROP COLUMN budget_function`,
)

// LetterDowngrade is the SQL that takes a base back to version 12's
// campaigns table, the statements that set the version excepted.
var LetterDowngrade = append(slices.Clone(BudgetDowngrade), // then version 13's
	`ALTER TABLE campaigns DROP COLUMN letter_place`,
	`ALTER TABLE campaigns DROP COLUMN case_officer`,
	`ALTER TABLE campaigns DROP COLUMN case_officer_contact`,
	`ALTER TABLE campaigns DROP COLUMN letter_reference`,
)

// CampaignOfVersion12 stores a campaign as Cohésion's version 12 did: without
// the letters' settings, journaled. Then LetterDowngrade, the version set to
// 11 and the base reopened make it a base that version left.
func CampaignOfVersion12(t testing.TB, st data.Store) *data.Campaign {
	t.Helper()
	Pin(st, Clock)
	c, err := seed.DefaultCampaign()
	if err != nil {
		t.Fatal(err)
	}
	c.Code, c.LetterPlace, c.CaseOfficer = "AMI2020", "", ""
	if err := st.CreateCampaign(ctx, c); err != nil {
		t.Fatal(err)
	}
	intact(t, st)
	return c
}

// LetterSettingsAfterMigration checks a base brought from version 12 to 13:
// its campaign reads with no letters' settings, its journal still matches
// its rows, and the settings are saved and read back.
func LetterSettingsAfterMigration(t testing.TB, st data.Store, code string) {
	t.Helper()
	c, err := st.CampaignByCode(ctx, code)
	if err != nil {
		t.Fatal(err)
	}
	if c.LetterPlace != "" || c.CaseOfficer != "" || c.CaseOfficerContact != "" || c.LetterReference != "" {
		t.Errorf("letters' settings after the migration: %q %q %q %q", c.LetterPlace, c.CaseOfficer, c.CaseOfficerContact, c.LetterReference)
	}
	intact(t, st)
	c.LetterPlace, c.CaseOfficer, c.LetterReference = "Liévin", "M. Karim Haddad", "PV-2020"
	if err := st.UpdateCampaign(ctx, c, false); err != nil {
		t.Fatal(err)
	}
	again, _ := st.Campaign(ctx, c.ID)
	if again.LetterPlace != "Liévin" || again.CaseOfficer != "M. Karim Haddad" || again.LetterReference != "PV-2020" {
		t.Errorf("read back after the migration: %+v", again)
	}
	intact(t, st)
}
