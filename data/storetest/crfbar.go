package storetest

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/alloc"
)

// barredNext is a base where AMI2021 granted 8 000 € to its second dossier,
// paid it, and its compte rendu financier fell due on 30/06/2022 without
// arriving; the store's clock is the next day. AMI2022, made from it with
// its jury, holds a new dossier of the same SIRET (barred) and one of
// another structure, both declared recevable and scored.
func barredNext(t testing.TB, h Harness) (st data.Store, old *data.Application, next *data.Campaign, barred, free *data.Application) {
	t.Helper()
	st, c, apps := grantsFixture(t, h)
	c = deliberated(t, st, c)
	if err := st.RecordPayment(ctx, c.ID, apps[1].ID, data.Payment{AmountCents: 800_000, Date: data.NewDate(2021, 10, 15)}); err != nil {
		t.Fatal(err)
	}
	Pin(st, time.Date(2022, 7, 1, 12, 0, 0, 0, data.Paris))
	next = data.CampaignFrom(c, "AMI2022", 2022, "")
	if err := st.CreateCampaignFrom(ctx, next, true); err != nil {
		t.Fatal(err)
	}
	jurors, err := st.Jurors(ctx, next.ID)
	if err != nil || len(jurors) == 0 {
		t.Fatalf("jurors: %v %v", jurors, err)
	}
	var two []*data.Application
	for i := 0; i < 2; i++ {
		a := app(t, next)
		a.Received = time.Date(2022, 4, 12+i, 14, 30, 0, 0, data.Paris)
		if i == 1 {
			a.Structure.SIRET, a.Structure.RNA, a.Structure.Name = "", "", "Le Nouveau Quartier"
		}
		a = declared(t, st, next, mustCreate(t, st, next, a))
		mustScore(t, st, next, &jurors[0], a, 5, 5, 5, 5, 5)
		two = append(two, a)
	}
	return st, apps[1], next, two[0], two[1]
}

// A structure whose compte rendu financier is overdue in another campaign is
// not retained (loi 2000-321 art. 10): the jury's decision and the adopted
// scenario are refused, naming the other campaign and dossier, until an
// exemption is recorded with its reason, kept and journaled.
var _ = register("CRFBarRefusesRetaining", func(t *testing.T, h Harness) {
	st, old, next, barred, free := barredNext(t, h)
	err := st.Decide(ctx, &data.JuryDecision{ApplicationID: free.ID, Decision: data.DecisionRetenu},
		&data.JuryDecision{ApplicationID: barred.ID, Decision: data.DecisionRetenu})
	var bar *data.CRFBarError
	if !errors.As(err, &bar) || data.ErrorCode(err) != data.EINVALID {
		t.Fatalf("retaining a barred structure: %v", err)
	}
	for _, want := range []string{barred.Number, "AMI2021", "dossier " + old.Number, "en retard", "2000-321", "art. 10", "--force"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the refusal does not name %q: %s", want, err)
		}
	}
	if ds, _ := st.Decisions(ctx, next.ID); len(ds) != 0 {
		t.Fatalf("a refused bulk decision left %d decisions", len(ds))
	}
	// Neither may the adopted scenario fund it, undecided.
	v := view(t, st, next)
	res, err := v.Split.Compute(alloc.DefaultParams(next.EnvelopeCents), map[int64]int64{barred.ID: 100_000})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.SaveScenario(ctx, next, "Rang", res, map[int64]int64{barred.ID: 100_000}, v.Split.Fingerprint, false); err != nil {
		t.Fatal(err)
	}
	if err := st.AdoptScenario(ctx, next.ID, "Rang"); !errors.As(err, &bar) || bar.Number != barred.Number {
		t.Fatalf("adopting a scenario funding a barred structure: %v", err)
	}
	// Not retaining it is allowed: the bar is on the grant.
	if err := st.Decide(ctx, &data.JuryDecision{ApplicationID: barred.ID, Decision: data.DecisionAjourne, Motivation: "CRF 2021 attendu"}); err != nil {
		t.Fatal(err)
	}
	intact(t, st)
})

// The exemption: with its reason, the decision is recorded, the reason kept
// with it and journaled, and the scenario funding the dossier adopted.
var _ = register("CRFBarExemption", func(t *testing.T, h Harness) {
	st, _, next, barred, free := barredNext(t, h)
	if err := st.Decide(ctx, &data.JuryDecision{ApplicationID: barred.ID, Decision: data.DecisionRetenu, CRFExemption: "   "}); err == nil {
		t.Fatal("a blank reason passed the bar")
	}
	reason := "CRF 2021 reçu par courriel le 30/06, en cours d'enregistrement"
	err := st.Decide(ctx, &data.JuryDecision{ApplicationID: barred.ID, Decision: data.DecisionRetenu, CRFExemption: reason},
		&data.JuryDecision{ApplicationID: free.ID, Decision: data.DecisionRetenu, CRFExemption: "sans objet"})
	if err != nil {
		t.Fatal(err)
	}
	ds, err := st.Decisions(ctx, next.ID)
	if err != nil || ds[barred.ID].CRFExemption != reason || ds[free.ID].CRFExemption != "" {
		t.Fatalf("exemptions kept: %+v %v", ds, err)
	}
	entries, err := st.Audit(ctx, data.AuditFilter{CampaignID: next.ID, Entity: data.AuditDecision, EntityID: barred.ID})
	if err != nil || len(entries) == 0 || !strings.Contains(entries[0].New, "2000-321") || !strings.Contains(entries[0].New, reason) {
		t.Fatalf("journal: %+v %v", entries, err)
	}
	adoptRank(t, st, next)
	intact(t, st)
})

// A snapshot asked for it carries each dossier's history in the other
// campaigns, read in its transaction, and the campaign it was made from.
var _ = register("SnapshotHistoryAndSource", func(t *testing.T, h Harness) {
	st, old, next, barred, free := barredNext(t, h)
	snap, err := st.Snapshot(ctx, next.ID, data.SnapshotOptions{History: true, Source: true})
	if err != nil {
		t.Fatal(err)
	}
	if !snap.CRFBarred(barred.ID) || snap.CRFBarred(free.ID) || len(snap.History[barred.ID]) != 3 || len(snap.History[free.ID]) != 0 {
		t.Errorf("history: %+v", snap.History)
	}
	if flag := data.CRFFlag(snap.History[barred.ID]); flag != "CRF en retard (loi 2000-321 art. 10)" {
		t.Errorf("flag %q", flag)
	}
	src := snap.Source
	if src == nil || src.Campaign.Code != "AMI2021" || len(src.Rows) != 3 || src.Adopted == nil || !src.Adopted.Adopted() {
		t.Fatalf("source: %+v", src)
	}
	funded := false
	for _, l := range src.Adopted.Lines {
		funded = funded || (l.ID == old.ID && l.AmountCents == 800_000)
	}
	if !funded {
		t.Errorf("the source's adopted lines: %+v", src.Adopted.Lines)
	}
	plain, err := st.Snapshot(ctx, next.ID, data.SnapshotOptions{})
	if err != nil || plain.History != nil || plain.Source != nil {
		t.Errorf("not asked: %v %v %v", plain.History, plain.Source, err)
	}
	if first, _ := st.Snapshot(ctx, src.Campaign.ID, data.SnapshotOptions{Source: true}); first.Source != nil {
		t.Errorf("a campaign made from the defaults has a source: %+v", first.Source)
	}
})

// DecisionOfVersion19 stores, on a fresh base, a campaign with a dossier the
// jury retained, journaled, as version 19 did. Then ExemptionDowngrade, the
// version set to 19 and the base reopened make it a base that version left.
func DecisionOfVersion19(t testing.TB, st data.Store) (campaignID, applicationID int64) {
	t.Helper()
	c := SeedDefault(t, st)
	a := declared(t, st, c, mustCreate(t, st, c, app(t, c)))
	if err := st.Decide(ctx, &data.JuryDecision{ApplicationID: a.ID, Decision: data.DecisionRetenu}); err != nil {
		t.Fatal(err)
	}
	intact(t, st)
	return c.ID, a.ID
}

// ExemptionAfterMigration checks a base brought past migration 020: its
// decision reads without an exemption, its journal still matches its rows,
// and a decision is recorded again.
func ExemptionAfterMigration(t testing.TB, st data.Store, campaignID, applicationID int64) {
	t.Helper()
	ds, err := st.Decisions(ctx, campaignID)
	if d := ds[applicationID]; err != nil || d.Decision != data.DecisionRetenu || d.CRFExemption != "" {
		t.Fatalf("after the migration: %+v %v", ds, err)
	}
	intact(t, st)
	if err := st.Decide(ctx, &data.JuryDecision{ApplicationID: applicationID, Decision: data.DecisionAjourne, Motivation: "Budget à préciser"}); err != nil {
		t.Fatal(err)
	}
	intact(t, st)
}
