// Package gather reads what the documents need from the store into the
// reports' input: the one adapter between package reports (which knows only the
// domain) and the SQLite store (which knows no report).
package gather

import (
	"context"
	"time"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/alloc"
	"github.com/call-agglo/cohesion/data/jury"
	"github.com/call-agglo/cohesion/data/sqlite"
	"github.com/call-agglo/cohesion/reports"
)

// Options choose the scenario and the dossier's anonymity.
type Options struct {
	Scenario  string // "": the adopted scenario, if any
	Anonymise bool
	Now       time.Time
}

// Input gathers the campaign's data for the documents.
func Input(ctx context.Context, db *sqlite.DB, c *data.Campaign, o Options) (*reports.Input, error) {
	go reports.Preload() // the fonts are parsed on another processor while the base is read
	in := &reports.Input{Campaign: c, Anonymise: o.Anonymise, GeneratedAt: o.Now, Decisions: map[int64]data.JuryDecision{}}
	if in.GeneratedAt.IsZero() {
		in.GeneratedAt = time.Now()
	}
	var err error
	if in.Applications, err = db.Applications(ctx, c.ID); err != nil {
		return nil, err
	}
	rin, _, err := db.RankingInput(ctx, c)
	if err != nil {
		return nil, err
	}
	if in.Jurors, err = db.Jurors(ctx, c.ID); err != nil {
		return nil, err
	}
	rin.JurorNames = map[int64]string{}
	for _, j := range in.Jurors {
		rin.JurorNames[j.ID] = j.Name
	}
	if len(rin.Sheets) > 0 {
		in.Ranking = jury.Rank(rin)
	}
	in.Sheets = rin.Sheets
	if in.Conflicts, err = db.Conflicts(ctx, c.ID); err != nil {
		return nil, err
	}
	if in.Decisions, err = db.Decisions(ctx, c.ID); err != nil {
		return nil, err
	}
	var sc *sqlite.Scenario
	if o.Scenario != "" {
		if sc, err = db.Scenario(ctx, c.ID, o.Scenario); err != nil {
			return nil, err
		}
	} else if sc, err = db.AdoptedScenario(ctx, c.ID); err != nil {
		if data.ErrorCode(err) != data.ENOTFOUND {
			return nil, err
		}
		sc = nil
	}
	if sc != nil {
		in.ScenarioName = sc.Name
		in.Allocation = ResultOf(sc)
		split, err := db.SplitInput(ctx, c)
		if err != nil {
			return nil, err
		}
		in.ScenarioStale = split.Fingerprint != sc.Fingerprint
	}
	in.Deliberation = reports.Deliberation{Number: c.DeliberationNumber, Date: c.DeliberationDate, Body: c.DeliberationBody}
	attribution, refusal, err := db.LetterTemplates(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	in.Templates = Templates(attribution, refusal)
	return in, nil
}

// Templates completes stored templates with the defaults.
func Templates(attribution, refusal string) reports.Templates {
	t := reports.DefaultTemplates()
	if attribution != "" {
		t.Attribution = attribution
	}
	if refusal != "" {
		t.Refusal = refusal
	}
	return t
}

// ResultOf turns a saved scenario back into the split's result.
func ResultOf(sc *sqlite.Scenario) *alloc.Result {
	r := &alloc.Result{Method: sc.Params.Method, Params: sc.Params, EnvelopeCents: sc.Params.EnvelopeCents,
		TotalCents: sc.TotalCents, RemainderCents: sc.RemainderCents, Lines: sc.Lines}
	for _, l := range sc.Lines {
		if l.Locked {
			r.LockedCents += l.AmountCents
		}
		if l.AmountCents > 0 {
			r.Funded++
		}
	}
	return r
}
