package sqlite_test

import (
	"errors"
	"testing"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/alloc"
	"github.com/call-agglo/cohesion/data/sqlite"
)

// scoredFixture: three scored applications (F 20, 16, 4) requesting 8 000 € each.
func scoredFixture(t *testing.T) (*sqlite.DB, *data.Campaign, []*data.Application) {
	db, c, apps, jurors := juryFixture(t)
	for i, v := range []int{5, 4, 1} {
		if err := db.SaveSheet(ctx, c, sheetOf(c, jurors[0], apps[i], v, v, v, v, v)); err != nil {
			t.Fatal(err)
		}
	}
	c.EnvelopeCents = 1_000_000 // 10 000 €
	if err := db.UpdateCampaign(ctx, c); err != nil {
		t.Fatal(err)
	}
	return db, c, apps
}

func TestSplitCandidatesAndScenarios(t *testing.T) {
	db, c, apps := scoredFixture(t)
	split, err := db.SplitInput(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	// The third (F 4) is below the minimum: not a candidate.
	if len(split.Candidates) != 2 || split.Candidates[0].ID != apps[0].ID || split.Candidates[1].ID != apps[1].ID {
		t.Fatalf("candidates %+v", split.Candidates)
	}
	p := alloc.DefaultParams(c.EnvelopeCents)
	res, err := split.Compute(p, map[int64]int64{apps[1].ID: 300_000})
	if err != nil {
		t.Fatal(err)
	}
	if res.Lines[0].AmountCents != 700_000 || res.Lines[1].AmountCents != 300_000 || !res.Lines[1].Locked || res.RemainderCents != 0 {
		t.Fatalf("%+v", res)
	}
	info, err := db.SaveScenario(ctx, c, "Rang, 3 000 € fixés", res, map[int64]int64{apps[1].ID: 300_000}, split.Fingerprint, false)
	if err != nil || info.Adopted() {
		t.Fatalf("%+v %v", info, err)
	}
	got, err := db.Scenario(ctx, c.ID, "rang, 3 000 € fixes")
	if err != nil {
		t.Fatal(err)
	}
	if got.Locks[apps[1].ID] != 300_000 || len(got.Lines) != 2 || got.Lines[0].AmountCents != 700_000 || got.Params.Method != alloc.Rank || got.Fingerprint != split.Fingerprint {
		t.Fatalf("reloaded %+v", got)
	}
	if _, err := db.AdoptedScenario(ctx, c.ID); data.ErrorCode(err) != data.ENOTFOUND {
		t.Fatalf("adopted before adoption: %v", err)
	}
	if err := db.AdoptScenario(ctx, c.ID, "Rang, 3 000 € fixés"); err != nil {
		t.Fatal(err)
	}
	// Overwriting the adopted scenario needs an explicit confirmation, recorded.
	res2, _ := split.Compute(p, nil)
	_, err = db.SaveScenario(ctx, c, "Rang, 3 000 € fixés", res2, nil, split.Fingerprint, false)
	var ae *sqlite.AdoptedChangeError
	if !errors.As(err, &ae) || data.ErrorCode(err) != data.ECONFLICT {
		t.Fatalf("overwrite adopted: %v", err)
	}
	if _, err := db.SaveScenario(ctx, c, "Rang, 3 000 € fixés", res2, nil, split.Fingerprint, true); err != nil {
		t.Fatal(err)
	}
	adopted, _ := db.AdoptedScenario(ctx, c.ID)
	events, _ := db.ScenarioEvents(ctx, adopted.ID)
	var actions []string
	for _, e := range events {
		actions = append(actions, e.Action)
	}
	if len(actions) != 3 || actions[0] != "créé" || actions[1] != "adopté" || actions[2] != "modifié après adoption" || events[2].User != "agent.test" {
		t.Fatalf("events %v", actions)
	}
	// Adopting another one un-adopts the first.
	db.SaveScenario(ctx, c, "Uniforme", res2, nil, split.Fingerprint, false)
	if err := db.AdoptScenario(ctx, c.ID, "Uniforme"); err != nil {
		t.Fatal(err)
	}
	list, _ := db.Scenarios(ctx, c.ID)
	if len(list) != 2 || list[0].Name != "Uniforme" || !list[0].Adopted() || list[1].Adopted() {
		t.Fatalf("%+v", list)
	}
	// A new decision changes the inputs: the saved scenario is now stale.
	if err := db.Decide(ctx, &data.JuryDecision{ApplicationID: apps[2].ID, Decision: data.DecisionRetenu}); err != nil {
		t.Fatal(err)
	}
	split2, _ := db.SplitInput(ctx, c)
	if split2.Fingerprint == list[0].Fingerprint || len(split2.Candidates) != 3 {
		t.Fatalf("a retenu below the minimum should join and change the fingerprint: %d candidates", len(split2.Candidates))
	}
}

func TestLockedOverEnvelope(t *testing.T) {
	db, c, apps := scoredFixture(t)
	split, _ := db.SplitInput(ctx, c)
	_, err := split.Compute(alloc.DefaultParams(c.EnvelopeCents), map[int64]int64{apps[0].ID: 800_000, apps[1].ID: 800_000})
	if data.ErrorCode(err) != data.EINVALID {
		t.Fatalf("locked lines over the envelope: %v", err)
	}
}
