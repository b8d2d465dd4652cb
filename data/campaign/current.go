package campaign

import (
	"context"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/alloc"
)

// CurrentScenario names the scenario a screen opens on: the adopted one, else
// the one saved last; "" when none is saved.
func CurrentScenario(list []data.ScenarioInfo) string {
	name, last := "", data.ScenarioInfo{}
	for _, s := range list {
		if s.Adopted() {
			return s.Name
		}
		if name == "" || s.UpdatedAt.After(last.UpdatedAt) {
			name, last = s.Name, s
		}
	}
	return name
}

// LoadCurrent loads the view with the current scenario (CurrentScenario) as
// its Scenario: the adopted one comes with the first read; the last saved one
// needs a second.
func LoadCurrent(ctx context.Context, st data.Snapshots, campaignID int64) (*View, error) {
	return LoadCurrentWith(ctx, st, campaignID, data.SnapshotOptions{})
}

// LoadCurrentWith is LoadCurrent loading what o asks beside (its Scenario
// ignored).
func LoadCurrentWith(ctx context.Context, st data.Snapshots, campaignID int64, o data.SnapshotOptions) (*View, error) {
	o.Scenario = ""
	v, err := Load(ctx, st, campaignID, o)
	if err != nil || v.Scenario != nil {
		return v, err
	}
	if name := CurrentScenario(v.Scenarios); name != "" {
		o.Scenario = name
		return Load(ctx, st, campaignID, o)
	}
	return v, nil
}

// CurrentSplit is the split with the current scenario's method, parameters
// and fixed amounts recomputed on today's scores and decisions (the default
// parameters without a scenario), against the campaign's envelope.
func (v *View) CurrentSplit() (*alloc.Result, error) {
	p := alloc.DefaultParams(v.Campaign.EnvelopeCents)
	var locks map[int64]int64
	if v.Scenario != nil {
		p = v.Scenario.Params
		p.EnvelopeCents = v.Campaign.EnvelopeCents
		locks = v.Scenario.Locks
	}
	return v.Split.Compute(p, locks)
}
