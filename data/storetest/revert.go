package storetest

import (
	"strings"
	"testing"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/alloc"
)

func headOf(t testing.TB, st data.Store) data.Head {
	t.Helper()
	h, err := st.Head(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// Undoing « Confirmer les propositions » removes the decisions it recorded
// and puts the statuses back, each change journaled « annulation », the
// journal still intact; a second undo, or one after another write, is refused.
var _ = register("RevertDecisions", func(t *testing.T, h Harness) {
	st, c, apps, _ := scoredFixture(t, h)
	var before []data.DecisionBefore
	for _, a := range apps[:2] {
		before = append(before, data.DecisionBefore{ApplicationID: a.ID, Status: data.StatusRecu})
		if err := st.Decide(ctx, &data.JuryDecision{ApplicationID: a.ID, Decision: data.DecisionRetenu, JuryDate: data.NewDate(2021, 6, 9)}); err != nil {
			t.Fatal(err)
		}
	}
	r := data.Revert{CampaignID: c.ID, Label: "Confirmer les propositions", Basis: headOf(t, st), Decisions: before}
	if err := st.Revert(ctx, r); err != nil {
		t.Fatal(err)
	}
	if ds, _ := st.Decisions(ctx, c.ID); len(ds) != 0 {
		t.Fatalf("%d decisions left", len(ds))
	}
	for _, a := range apps[:2] {
		if got, _ := st.Application(ctx, a.ID); got.Status != data.StatusRecu {
			t.Fatalf("%s status %s", got.Number, got.Status)
		}
	}
	trail, _ := st.Audit(ctx, data.AuditFilter{CampaignID: c.ID, Limit: 4})
	if e := trail[1]; e.Entity != data.AuditDecision || e.Old != data.DecisionRetenu.Label() {
		t.Errorf("the undo's entry says %q was undone", e.Old)
	}
	for _, e := range trail {
		if !strings.HasPrefix(e.Action, "annulation : Confirmer les propositions") && !(e.Action == "statut" && strings.Contains(e.New, "annulation")) {
			t.Errorf("entry %q %q", e.Action, e.New)
		}
	}
	intact(t, st)
	if err := st.Revert(ctx, r); data.ErrorCode(err) != data.ECONFLICT {
		t.Fatalf("a second undo: %v", err)
	}
})

// Undoing an adoption adopts again the scenario adopted before, or none.
var _ = register("RevertAdoption", func(t *testing.T, h Harness) {
	st, c, _, _ := scoredFixture(t, h)
	adoptRank(t, st, c)
	v := view(t, st, c)
	p := alloc.DefaultParams(c.EnvelopeCents)
	p.Method = alloc.Uniform
	res, _ := v.Split.Compute(p, nil)
	if _, err := st.SaveScenario(ctx, c, "Uniforme", res, nil, v.Split.Fingerprint, false); err != nil {
		t.Fatal(err)
	}
	if err := st.AdoptScenario(ctx, c.ID, "Uniforme"); err != nil {
		t.Fatal(err)
	}
	prev := "Rang"
	if err := st.Revert(ctx, data.Revert{CampaignID: c.ID, Label: "Adopter « Uniforme »", Basis: headOf(t, st), Adopted: &prev}); err != nil {
		t.Fatal(err)
	}
	if sc, err := st.AdoptedScenario(ctx, c.ID); err != nil || sc.Name != "Rang" {
		t.Fatalf("adopted after the undo: %+v %v", sc, err)
	}
	none := ""
	if err := st.Revert(ctx, data.Revert{CampaignID: c.ID, Label: "Adopter « Rang »", Basis: headOf(t, st), Adopted: &none}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.AdoptedScenario(ctx, c.ID); data.ErrorCode(err) != data.ENOTFOUND {
		t.Fatalf("still adopted: %v", err)
	}
	intact(t, st)
})

// Undoing the removal of a juror puts them back, same ID, with their déports.
var _ = register("RevertJurorRemoval", func(t *testing.T, h Harness) {
	st, c, apps, _ := juryFixture(t, h)
	j := &data.Juror{CampaignID: c.ID, Name: "M. Nouveau", College: data.CollegeEtat}
	if err := st.AddJuror(ctx, j); err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddConflict(ctx, j.ID, apps[0].ID, "administrateur"); err != nil {
		t.Fatal(err)
	}
	ks, _ := st.Conflicts(ctx, c.ID)
	if err := st.DeleteJuror(ctx, j.ID); err != nil {
		t.Fatal(err)
	}
	if err := st.Revert(ctx, data.Revert{CampaignID: c.ID, Label: "Retirer M. Nouveau du jury", Basis: headOf(t, st), Juror: j, Conflicts: ks}); err != nil {
		t.Fatal(err)
	}
	back, err := st.JurorByName(ctx, c.ID, "M. Nouveau")
	if err != nil || back.ID != j.ID || back.College != data.CollegeEtat {
		t.Fatalf("juror back: %+v %v", back, err)
	}
	if ks, _ := st.Conflicts(ctx, c.ID); len(ks) != 1 || ks[0].Reason != "administrateur" {
		t.Fatalf("déports back: %+v", ks)
	}
	intact(t, st)
})
