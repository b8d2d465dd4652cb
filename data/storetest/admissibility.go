package storetest

import (
	"strings"
	"testing"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/campaign"
)

// « Recevable » needs the pièces the campaign requires, or an exemption with
// its reason, kept on the dossier and journaled; another ruling clears it.
var _ = register("RecevableNeedsRequiredPieces", func(t *testing.T, h Harness) {
	st, c := seeded(t, h)
	a := mustCreate(t, st, c, app(t, c)) // Cerfa and RIB only
	err := st.ChangeStatus(ctx, a.ID, data.StatusRecevable, "")
	if err == nil || !strings.Contains(data.ErrorMessage(err), "Statuts") {
		t.Fatalf("recevable with pièces missing and no reason: %v", err)
	}
	// The campaign requires only what the dossier has: no reason needed.
	c.RequiredDocuments = []data.Document{data.DocCerfa, data.DocRIB}
	if err := st.UpdateCampaign(ctx, c, false); err != nil {
		t.Fatal(err)
	}
	if got, _ := st.Campaign(ctx, c.ID); len(got.Required()) != 2 {
		t.Fatalf("required pièces read back: %v", got.Required())
	}
	if err := st.ChangeStatus(ctx, a.ID, data.StatusRecevable, ""); err != nil {
		t.Fatal(err)
	}
	if got, _ := st.Application(ctx, a.ID); got.Exemption != "" {
		t.Errorf("exemption without pièces missing: %q", got.Exemption)
	}
	// The whole checklist again: the recevabilité needs a written exemption.
	c, _ = st.Campaign(ctx, c.ID)
	c.RequiredDocuments = nil
	if err := st.UpdateCampaign(ctx, c, false); err != nil {
		t.Fatal(err)
	}
	if err := st.ChangeStatus(ctx, a.ID, data.StatusComplet, ""); err != nil {
		t.Fatal(err)
	}
	if err := st.ChangeStatus(ctx, a.ID, data.StatusRecevable, "Statuts en cours de dépôt en préfecture"); err != nil {
		t.Fatal(err)
	}
	got, _ := st.Application(ctx, a.ID)
	last := got.History[len(got.History)-1]
	if got.Exemption != "Statuts en cours de dépôt en préfecture" || !strings.Contains(last.Reason, "dérogation") || !strings.Contains(last.Reason, "Statuts") {
		t.Fatalf("exemption %q, history %q", got.Exemption, last.Reason)
	}
	rows, _, _ := st.ListApplications(ctx, c.ID, data.Filter{})
	if rows[0].Exemption == "" || len(rows[0].Unchecked(c)) != 0 {
		t.Errorf("an exemption counts as checked: %+v", rows[0])
	}
	if err := st.ChangeStatus(ctx, a.ID, data.StatusIncomplet, "RIB illisible"); err != nil {
		t.Fatal(err)
	}
	if got, _ := st.Application(ctx, a.ID); got.Exemption != "" {
		t.Errorf("exemption kept after another ruling: %q", got.Exemption)
	}
	intact(t, st)
})

// The jury ranks and the split funds only the dossiers declared recevable;
// the others are listed apart; a decision on them is refused, unless forced,
// which the journal and the reviews say.
var _ = register("JuryRanksOnlyDeclaredDossiers", func(t *testing.T, h Harness) {
	st, c := seeded(t, h)
	var apps []*data.Application
	for i := 0; i < 3; i++ {
		a := app(t, c)
		a.Documents = allPieces()
		apps = append(apps, mustCreate(t, st, c, a))
	}
	if err := st.ChangeStatus(ctx, apps[0].ID, data.StatusRecevable, ""); err != nil {
		t.Fatal(err)
	}
	j := &data.Juror{CampaignID: c.ID, Name: "Mme Durand", College: data.CollegeElu}
	if err := st.AddJuror(ctx, j); err != nil {
		t.Fatal(err)
	}
	for _, a := range apps { // jurors may score a dossier before it is declared
		mustScore(t, st, c, j, a, 5, 5, 5, 5, 5)
	}
	v, err := campaign.Load(ctx, st, c.ID, data.SnapshotOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if v.Ranking.Ranked != 1 || len(v.Ranked) != 1 || v.Ranked[0].ApplicationID != apps[0].ID || len(v.Pending) != 2 || len(v.Split.Candidates) != 1 {
		t.Fatalf("ranked %d (%d lines), pending %d, candidates %d", v.Ranking.Ranked, len(v.Ranked), len(v.Pending), len(v.Split.Candidates))
	}
	if len(v.Ranking.Warnings) != 0 {
		t.Errorf("warnings about the pending dossiers' sheets: %v", v.Ranking.Warnings)
	}
	err = st.Decide(ctx, &data.JuryDecision{ApplicationID: apps[1].ID, Decision: data.DecisionRetenu})
	if err == nil || !strings.Contains(data.ErrorMessage(err), "pas été déclaré recevable") {
		t.Fatalf("retenu on a dossier « Reçu »: %v", err)
	}
	if err := st.Decide(ctx, &data.JuryDecision{ApplicationID: apps[1].ID, Decision: data.DecisionRetenu, Force: true}); err != nil {
		t.Fatal(err)
	}
	entries, _ := st.Audit(ctx, data.AuditFilter{Entity: data.AuditDecision, EntityID: apps[1].ID})
	if len(entries) == 0 || !strings.Contains(entries[0].New, "passé outre") {
		t.Errorf("forced decision's journal: %+v", entries)
	}
	v, _ = campaign.Load(ctx, st, c.ID, data.SnapshotOptions{})
	rv := v.Review(v.Retained())
	if len(rv.NotDeclared) != 1 || !strings.HasPrefix(rv.NotDeclared[0], apps[1].Number) || len(rv.Pending) != 1 {
		t.Errorf("review after a forced decision: %+v", rv)
	}
	intact(t, st)
})
