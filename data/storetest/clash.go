package storetest

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/call-agglo/cohesion/data"
)

// typedTwo stores two dossiers as the form does, numbered AMI2021-001 and
// -002 by the register, for applicants a file will bring under the same
// numbers.
func typedTwo(t testing.TB, st data.Store, c *data.Campaign) []*data.Application {
	t.Helper()
	first, second := app(t, c), app(t, c)
	first.Structure.Name, first.Structure.SIRET = "Association Vivre à Méricourt", ""
	second.Structure.Name, second.Structure.SIRET = "Le Relais de Billy", "44306184100047"
	return []*data.Application{mustCreate(t, st, c, first), mustCreate(t, st, c, second)}
}

// clashingFile is a file bringing AMI2021-001 and -002 for other applicants,
// and AMI2021-003, a number the register does not hold.
func clashingFile(t testing.TB, c *data.Campaign) []data.Application {
	t.Helper()
	var lines []data.Application
	for i, name := range []string{"Vélo Solidaire Avion", "Les Jardins du Vent de Bise", "Club Ados Cité 12-14"} {
		a := app(t, c)
		a.Number, a.Structure.Name = "AMI2021-00"+string(rune('1'+i)), name
		a.Structure.SIRET = []string{"88332366900019", "87392664600019", "85882058200014"}[i]
		lines = append(lines, *a)
	}
	return lines
}

// A line whose number the register holds for another applicant is a clash,
// never an update: refused with or without Update, dry or not, each clash
// named side by side, nothing written; Renumber gives the file's dossiers
// the next numbers, the file's number kept as their Reference, journaled
// and vouched for.
var _ = register("ImportClashIsNeverAnUpdate", func(t *testing.T, h Harness) {
	st, c := seeded(t, h)
	typed := typedTwo(t, st, c)
	lines := data.LinesOf(clashingFile(t, c))
	for _, o := range []data.ImportOptions{{DryRun: true}, {}, {Update: true}, {Update: true, DryRun: true}} {
		_, err := st.ImportApplications(ctx, c, lines, o)
		var clash *data.ClashError
		if !errors.As(err, &clash) || len(clash.Clashes) != 2 || data.ErrorCode(err) != data.ECONFLICT {
			t.Fatalf("%+v: %v", o, err)
		}
		want := "AMI2021-001 : au registre Association Vivre à Méricourt (sans SIRET), dans le fichier Vélo Solidaire Avion (SIRET 88332366900019)"
		if clash.Clashes[0].String() != want || !strings.Contains(data.ErrorMessage(err), "Le Relais de Billy (SIRET 44306184100047)") {
			t.Errorf("%+v: %q", o, data.ErrorMessage(err))
		}
	}
	if n := count(t, st, c); n != 2 {
		t.Fatalf("a refused import wrote: %d dossiers", n)
	}
	if got := mustApp(t, st, typed[0].ID); got.Structure.Name != "Association Vivre à Méricourt" {
		t.Fatalf("the typed dossier became %q", got.Structure.Name)
	}
	sum, err := st.ImportApplications(ctx, c, lines, data.ImportOptions{Renumber: true})
	if err != nil || sum.Created != 3 || len(sum.Renumbered) != 3 || sum.Renumbered[0] != (data.Renumbering{Reference: "AMI2021-001", Number: "AMI2021-003"}) {
		t.Fatalf("renumbered: %+v %v", sum, err)
	}
	rows, _, _ := st.ListApplications(ctx, c.ID, data.Filter{})
	if len(rows) != 5 || rows[2].Structure != "Vélo Solidaire Avion" || rows[2].Reference != "AMI2021-001" || rows[4].Reference != "AMI2021-003" {
		t.Fatalf("register after renumbering: %+v", rows)
	}
	got := mustApp(t, st, rows[2].ID)
	if got.Reference != "AMI2021-001" {
		t.Fatalf("stored reference %q", got.Reference)
	}
	intact(t, st)
	// The same file again updates the renumbered dossiers, known by their
	// reference: nothing is duplicated, renumbered or not.
	for _, o := range []data.ImportOptions{{Update: true}, {Update: true, Renumber: true}} {
		o.Fields = []string{data.FieldTitle}
		sum, err := st.ImportApplications(ctx, c, lines, o)
		if err != nil || sum.Created != 0 || sum.Unchanged != 3 || len(sum.Absent) != 2 {
			t.Fatalf("%+v again: %+v %v", o, sum, err)
		}
	}
	got.Reference = "VSA-2021-1"
	if err := st.UpdateApplication(ctx, c, got, data.UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
	trail, _ := st.Audit(ctx, data.AuditFilter{Entity: data.AuditApplication, EntityID: got.ID})
	if last := trail[0]; last.Field != "Référence du porteur" || last.Old != "AMI2021-001" || last.New != "VSA-2021-1" {
		t.Errorf("journal: %+v", last)
	}
	intact(t, st)
	if _, err := Raw(st).ExecContext(ctx, `UPDATE applications SET reference = 'X' WHERE reference = 'VSA-2021-1'`); err != nil {
		t.Fatal(err)
	}
	if rep, err := st.VerifyAudit(ctx); err != nil || rep.Intact() {
		t.Fatalf("a reference changed outside Cohésion went unseen: %v", err)
	}
})

// Update still updates the dossier of the same applicant: the same SIRET,
// or, without one, the same name folded; an export of démarches-simplifiées
// updates the dossier it brought before (its number is the platform's ID).
var _ = register("ImportUpdatesTheSameApplicant", func(t *testing.T, h Harness) {
	st, c := seeded(t, h)
	typedTwo(t, st, c)
	lines := clashingFile(t, c)[:2]
	lines[0].Structure.Name, lines[0].Structure.SIRET = "ASSOCIATION VIVRE A MERICOURT", ""
	lines[1].Structure.Name, lines[1].Structure.SIRET = "Relais de Billy (le)", "443 061 841 00047"
	sum, err := st.ImportApplications(ctx, c, data.LinesOf(lines), data.ImportOptions{Update: true, Fields: []string{data.FieldTitle}})
	if err != nil || sum.Updated+sum.Unchanged != 2 {
		t.Fatalf("same applicants: %+v %v", sum, err)
	}
	ds := app(t, c)
	ds.Number, ds.ExternalState = "14820073", "en construction"
	if _, err := st.ImportApplications(ctx, c, data.LinesOf([]data.Application{*ds}), data.ImportOptions{FromDS: true}); err != nil {
		t.Fatal(err)
	}
	ds.Structure.Name, ds.Structure.SIRET = "Les Petits Pas (nouveau nom)", "88332366900019"
	sum, err = st.ImportApplications(ctx, c, data.LinesOf([]data.Application{*ds}), data.ImportOptions{FromDS: true, Update: true, Fields: []string{data.FieldStructure, data.FieldSIRET}})
	if err != nil || sum.Updated != 1 {
		t.Fatalf("the same DS dossier: %+v %v", sum, err)
	}
	intact(t, st)
})

// ReferenceDowngrade takes a base back to the applications table of the
// version before the applicant's reference (migration 017), the version
// itself excepted; the later versions' tables and columns go first (18, the
// grants' follow-up, in FollowUpDowngrade, after 19's in SourceDowngrade).
var ReferenceDowngrade = append(slices.Clone(FollowUpDowngrade), `ALTER TABLE applications DROP COLUMN reference`)

// ReferenceAfterMigration checks a base brought past migration 017 (made by
// DossierBeforePostal, then ReferenceDowngrade): the dossier reads without a
// reference, its journal still matches its rows, and a reference set is
// stored and journaled.
func ReferenceAfterMigration(t testing.TB, st data.Store, id int64) {
	t.Helper()
	a := mustApp(t, st, id)
	if a.Reference != "" {
		t.Fatalf("after the migration: reference %q", a.Reference)
	}
	intact(t, st)
	c, _ := st.Campaign(ctx, a.CampaignID)
	a.Reference = "AMI2021-001"
	if err := st.UpdateApplication(ctx, c, a, data.UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
	if again := mustApp(t, st, id); again.Reference != "AMI2021-001" {
		t.Errorf("reference stored: %q", again.Reference)
	}
	intact(t, st)
}
