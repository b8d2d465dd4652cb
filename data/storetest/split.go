package storetest

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/alloc"
	"github.com/call-agglo/cohesion/data/campaign"
)

// scoredFixture: three scored applications (F 20, 16, 4) requesting 8 000 €
// each, and an envelope of 10 000 €.
func scoredFixture(t testing.TB, h Harness) (data.Store, *data.Campaign, []*data.Application, []*data.Juror) {
	st, c, apps, jurors := juryFixture(t, h)
	for i, v := range []int{5, 4, 1} {
		mustScore(t, st, c, jurors[0], apps[i], v, v, v, v, v)
	}
	c.EnvelopeCents = 1_000_000
	if err := st.UpdateCampaign(ctx, c, false); err != nil {
		t.Fatal(err)
	}
	return st, c, apps, jurors
}

func view(t testing.TB, st data.Store, c *data.Campaign) *campaign.View {
	t.Helper()
	v, err := campaign.Load(ctx, st, c.ID, data.SnapshotOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// adoptRank saves and adopts the rank split under the name « Rang ».
func adoptRank(t testing.TB, st data.Store, c *data.Campaign) *alloc.Result {
	t.Helper()
	v := view(t, st, c)
	res, err := v.Split.Compute(alloc.DefaultParams(c.EnvelopeCents), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.SaveScenario(ctx, c, "Rang", res, nil, v.Split.Fingerprint, false); err != nil {
		t.Fatal(err)
	}
	if err := st.AdoptScenario(ctx, c.ID, "Rang"); err != nil {
		t.Fatal(err)
	}
	return res
}

var _ = register("SplitCandidatesAndScenarios", func(t *testing.T, h Harness) {
	st, c, apps, _ := scoredFixture(t, h)
	split := view(t, st, c).Split
	// The third (F 4) is below the minimum: not a candidate.
	if len(split.Candidates) != 2 || split.Candidates[0].ID != apps[0].ID || split.Candidates[1].ID != apps[1].ID {
		t.Fatalf("candidates %+v", split.Candidates)
	}
	p := alloc.DefaultParams(c.EnvelopeCents)
	res, err := split.Compute(p, map[int64]int64{apps[1].ID: 300_000})
	if err != nil || res.Lines[0].AmountCents != 700_000 || res.Lines[1].AmountCents != 300_000 || !res.Lines[1].Locked || res.RemainderCents != 0 {
		t.Fatalf("%+v %v", res, err)
	}
	info, err := st.SaveScenario(ctx, c, "Rang, 3 000 € fixés", res, map[int64]int64{apps[1].ID: 300_000}, split.Fingerprint, false)
	if err != nil || info.Adopted() {
		t.Fatalf("%+v %v", info, err)
	}
	got, err := st.Scenario(ctx, c.ID, "rang, 3 000 € fixes")
	if err != nil || got.Locks[apps[1].ID] != 300_000 || len(got.Lines) != 2 || got.Lines[0].AmountCents != 700_000 || got.Params.Method != alloc.Rank || got.Fingerprint != split.Fingerprint {
		t.Fatalf("reloaded %+v %v", got, err)
	}
	if _, err := st.AdoptedScenario(ctx, c.ID); data.ErrorCode(err) != data.ENOTFOUND {
		t.Fatalf("adopted before adoption: %v", err)
	}
	if err := st.AdoptScenario(ctx, c.ID, "Rang, 3 000 € fixés"); err != nil {
		t.Fatal(err)
	}
	res2, _ := split.Compute(p, nil)
	_, err = st.SaveScenario(ctx, c, "Rang, 3 000 € fixés", res2, nil, split.Fingerprint, false)
	var ae *data.AdoptedChangeError
	if !errors.As(err, &ae) || data.ErrorCode(err) != data.ECONFLICT {
		t.Fatalf("overwrite adopted: %v", err)
	}
	if _, err := st.SaveScenario(ctx, c, "Rang, 3 000 € fixés", res2, nil, split.Fingerprint, true); err != nil {
		t.Fatal(err)
	}
	adopted, _ := st.AdoptedScenario(ctx, c.ID)
	events, _ := st.ScenarioEvents(ctx, adopted.ID)
	var actions []string
	for _, e := range events {
		actions = append(actions, e.Action)
	}
	if strings.Join(actions, ",") != "créé,adopté,modifié après adoption" || events[2].User != "agent.test" {
		t.Fatalf("events %v", actions)
	}
	st.SaveScenario(ctx, c, "Uniforme", res2, nil, split.Fingerprint, false)
	if err := st.AdoptScenario(ctx, c.ID, "Uniforme"); err != nil {
		t.Fatal(err)
	}
	list, _ := st.Scenarios(ctx, c.ID)
	if len(list) != 2 || list[0].Name != "Uniforme" || !list[0].Adopted() || list[1].Adopted() {
		t.Fatalf("%+v", list)
	}
	// A new decision changes the inputs: the saved scenario is now stale.
	if err := st.Decide(ctx, &data.JuryDecision{ApplicationID: apps[2].ID, Decision: data.DecisionRetenu}); err != nil {
		t.Fatal(err)
	}
	v := view(t, st, c)
	if !v.Stale(list[0]) || !v.ScenarioStale() || len(v.Split.Candidates) != 3 {
		t.Fatalf("a retenu below the minimum should join and change the fingerprint: %d candidates", len(v.Split.Candidates))
	}
	intact(t, st)
})

var _ = register("LockedOverEnvelope", func(t *testing.T, h Harness) {
	st, c, apps, _ := scoredFixture(t, h)
	_, err := view(t, st, c).Split.Compute(alloc.DefaultParams(c.EnvelopeCents), map[int64]int64{apps[0].ID: 800_000, apps[1].ID: 800_000})
	if data.ErrorCode(err) != data.EINVALID {
		t.Fatalf("locked lines over the envelope: %v", err)
	}
})

// After the deliberation, every write to the campaign is refused, whatever the
// path, until « Rouvrir » with a written reason.
var _ = register("DeliberationLocksEverything", func(t *testing.T, h Harness) {
	st, c, apps, jurors := scoredFixture(t, h)
	if err := campaign.Deliberate(ctx, st, c.ID, "2021-154", data.NewDate(2021, 9, 27), ""); err == nil || !strings.Contains(err.Error(), "Adoptez") {
		t.Fatalf("deliberation without an adopted scenario: %v", err)
	}
	res := adoptRank(t, st, c)
	if err := campaign.Deliberate(ctx, st, c.ID, "2021-154", data.NewDate(2021, 9, 27), "Conseil communautaire"); err != nil {
		t.Fatal(err)
	}
	c, _ = st.Campaign(ctx, c.ID)
	if !c.Locked() || c.DeliberationNumber != "2021-154" || c.DeliberationDate != data.NewDate(2021, 9, 27) {
		t.Fatalf("%+v", c)
	}
	refused := func(what string, err error) {
		t.Helper()
		if err == nil || !strings.Contains(err.Error(), "verrouillée") {
			t.Errorf("%s on a locked campaign: %v", what, err)
		}
	}
	a, _ := st.Application(ctx, apps[0].ID)
	a.Structure.Phone = "03 21 11 22 33"
	refused("dossier correction", st.UpdateApplication(ctx, c, a, data.UpdateOptions{}))
	refused("new dossier", st.CreateApplication(ctx, c, app(t, c)))
	_, err := st.ImportApplications(ctx, c, data.LinesOf([]data.Application{*app(t, c)}), data.ImportOptions{})
	refused("import of applications", err)
	refused("status", st.ChangeStatus(ctx, apps[0].ID, data.StatusIrrecevable, "Pièce manquante"))
	refused("juror added", st.AddJuror(ctx, &data.Juror{CampaignID: c.ID, Name: "M. Tardif"}))
	j := *jurors[1]
	j.Email = "leroy@example.org"
	refused("juror changed", st.UpdateJuror(ctx, &j))
	refused("juror removed", st.DeleteJuror(ctx, jurors[1].ID))
	_, err = st.AddConflict(ctx, jurors[1].ID, apps[0].ID, "")
	refused("déport", err)
	refused("score", st.WriteScores(ctx, c, scores(c, jurors[1], apps[0], 1, 1, 1, 1, 1)))
	refused("decision", st.Decide(ctx, &data.JuryDecision{ApplicationID: apps[0].ID, Decision: data.DecisionAjourne, Motivation: "x"}))
	_, err = st.SaveScenario(ctx, c, "Autre", res, nil, "", false)
	refused("scenario", err)
	refused("adoption", st.AdoptScenario(ctx, c.ID, "Autre"))
	renamed := *c
	renamed.Title = "Autre intitulé"
	refused("campaign settings", st.UpdateCampaign(ctx, &renamed, false))
	grid := *c
	grid.Criteria = append([]data.Criterion(nil), c.Criteria...)
	grid.Criteria[0].Label = "Autre libellé"
	refused("grid", st.UpdateCampaign(ctx, &grid, true))
	refused("letter templates", st.SaveLetterTemplates(ctx, c.ID, data.LetterTemplates{Attribution: "Madame, Monsieur, {structure}"}))
	refused("second deliberation", campaign.Deliberate(ctx, st, c.ID, "2021-155", data.NewDate(2021, 9, 28), ""))

	if err := st.Reopen(ctx, c.ID, " "); err == nil {
		t.Fatal("reopened without a reason")
	}
	if err := st.Reopen(ctx, c.ID, "Erreur matérielle sur le montant du dossier AMI2021-001"); err != nil {
		t.Fatal(err)
	}
	if err := st.Decide(ctx, &data.JuryDecision{ApplicationID: apps[0].ID, Decision: data.DecisionAjourne, Motivation: "x"}); err != nil {
		t.Fatalf("after reopening: %v", err)
	}
	trail, _ := st.Audit(ctx, data.AuditFilter{CampaignID: c.ID, Limit: 5})
	found := false
	for _, e := range trail {
		found = found || (e.Action == "réouverture" && strings.Contains(e.New, "Erreur matérielle"))
	}
	if !found {
		t.Fatal("the reason for reopening is not in the trail")
	}
	intact(t, st)
})

// A deliberation approves the adopted scenario as computed: it is refused
// while scores, decisions or amounts changed since.
var _ = register("DeliberationRefusedWhileScenarioStale", func(t *testing.T, h Harness) {
	st, c, apps, jurors := scoredFixture(t, h)
	adoptRank(t, st, c)
	mustScore(t, st, c, jurors[1], apps[1], 5, 5, 5, 5, 5)
	err := campaign.Deliberate(ctx, st, c.ID, "2021-154", data.NewDate(2021, 9, 27), "")
	if data.ErrorCode(err) != data.EINVALID || !strings.Contains(err.Error(), "recalculé") {
		t.Fatalf("deliberation on a stale scenario: %v", err)
	}
	if got, _ := st.Campaign(ctx, c.ID); got.Locked() {
		t.Fatal("locked anyway")
	}
	// The store refuses it too when anything was written after the check.
	v := view(t, st, c)
	stale := v.Head
	mustScore(t, st, c, jurors[1], apps[0], 4, 4, 4, 4, 4)
	if err := st.RecordDeliberation(ctx, c.ID, "2021-154", data.NewDate(2021, 9, 27), "", stale); data.ErrorCode(err) != data.ECONFLICT {
		t.Fatalf("deliberation checked on an older state: %v", err)
	}
})

var _ = register("StaleEditRefused", func(t *testing.T, h Harness) {
	st, c := seeded(t, h)
	a := mustCreate(t, st, c, app(t, c))
	second := h.Again(t, st)
	Pin(second, Clock.Add(time.Hour))
	mine, _ := st.Application(ctx, a.ID)
	theirs, _ := second.Application(ctx, a.ID)
	theirs.Structure.Phone = "03 21 99 99 99"
	if err := second.UpdateApplication(ctx, c, theirs, data.UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
	mine.Title = "Titre corrigé dans la première fenêtre"
	err := st.UpdateApplication(ctx, c, mine, data.UpdateOptions{})
	if data.ErrorCode(err) != data.ECONFLICT || !strings.Contains(err.Error(), "modifié entre-temps") || !strings.Contains(err.Error(), "agent.test") {
		t.Fatalf("stale edit: %v", err)
	}
	got, _ := st.Application(ctx, a.ID)
	if got.Structure.Phone != "03 21 99 99 99" || got.Title == mine.Title || got.Version != 2 {
		t.Fatalf("after the refused edit: %+v", got)
	}
	got.Title = mine.Title
	if err := st.UpdateApplication(ctx, c, got, data.UpdateOptions{}); err != nil || got.Version != 3 {
		t.Fatalf("%v version %d", err, got.Version)
	}
})
