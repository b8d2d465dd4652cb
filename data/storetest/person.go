package storetest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/call-agglo/cohesion/data"
)

// The export of a person's data includes the journal's entries that concern
// them (it used to count only the entries made under their exact user name,
// 0 for a juror whose creation and grids the journal holds): those about
// their jury seat, under each name it bore, and its sheets and déports;
// those of a juror of that name since removed from the jury, but not of the
// juror who took its ID afterwards (SQLite reuses it); those of a dossier
// where they are the contact; those made under their user name. Other
// people's entries stay out.
var _ = register("PersonDataIncludesJournal", func(t *testing.T, h Harness) {
	st, c, apps, jurors := juryFixture(t, h)
	a := mustApp(t, st, apps[0].ID)
	a.Structure.Contact, a.Structure.Email = "Claire Vasseur", "c.vasseur@petitspas.example.org"
	if err := st.UpdateApplication(ctx, c, a, data.UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
	her := &data.Juror{CampaignID: c.ID, Name: "Claire Vasseur", College: data.CollegeElu, Email: "claire@example.org"}
	if err := st.AddJuror(ctx, her); err != nil {
		t.Fatal(err)
	}
	mustScore(t, st, c, her, apps[1], 4, 3)
	mustScore(t, st, c, jurors[0], apps[1], 2, 2) // Mme Durand's: not hers
	if _, err := st.AddConflict(ctx, her.ID, apps[0].ID, "contact du dossier"); err != nil {
		t.Fatal(err)
	}
	her.Name = "Mme Leroy" // married since: her seat, her new name
	if err := st.UpdateJuror(ctx, her); err != nil {
		t.Fatal(err)
	}
	mustScore(t, st, c, her, apps[2], 5)
	gone := &data.Juror{CampaignID: c.ID, Name: "Jean Vasseur", College: data.CollegeEtat}
	if err := st.AddJuror(ctx, gone); err != nil {
		t.Fatal(err)
	}
	if err := st.DeleteJuror(ctx, gone.ID); err != nil {
		t.Fatal(err)
	}
	next := &data.Juror{CampaignID: c.ID, Name: "M. Petit", College: data.CollegeEtat} // may get gone's ID
	if err := st.AddJuror(ctx, next); err != nil {
		t.Fatal(err)
	}
	console(st).Pin(st.Now(), "c.vasseur (poste 12)")
	mustScore(t, st, c, jurors[1], apps[2], 1) // made by her, about M. Leroy's sheet
	rec, err := st.PersonData(ctx, "Vasseur")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range rec.Journal {
		got = append(got, fmt.Sprintf("%s|%s|%s|%s|%s", e.Entity, e.Label, e.Action, e.Field, e.Why))
	}
	want := []string{
		"dossier|AMI2021-001|création||" + data.WhyDossier,
		"dossier|AMI2021-001|statut|Statut|" + data.WhyDossier, // declared recevable by the fixture
		"dossier|AMI2021-001|modification|Contact|" + data.WhyDossier,
		"dossier|AMI2021-001|modification|Courriel|" + data.WhyDossier,
		"juré|Claire Vasseur|création||" + data.WhySeat,
		"grille|AMI2021-002 / Claire Vasseur|notes||" + data.WhySheet,
		"déport|AMI2021-001 / Claire Vasseur|déclaration||" + data.WhyDeport,
		"juré|Mme Leroy|modification||" + data.WhySeat,
		"grille|AMI2021-003 / Mme Leroy|notes||" + data.WhySheet,
		"juré|Jean Vasseur|création||" + data.WhySeat,
		"juré|Jean Vasseur|retrait du jury||" + data.WhySeat,
		"grille|AMI2021-003 / M. Leroy|notes||" + data.WhyAuthor,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("journal of the export:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if rec.Entries != len(want) || rec.Actions != 1 || rec.Journal[0].Campaign != c.Code || rec.Journal[0].At.IsZero() {
		t.Fatalf("entries %d, actions %d, first %+v", rec.Entries, rec.Actions, rec.Journal[0])
	}
	if len(rec.Jurors) != 1 || rec.Jurors[0].Name != "Mme Leroy" {
		t.Fatalf("seats: %+v", rec.Jurors)
	}
})
