package sqlite

import (
	"context"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/jury"
)

// RankingRow is one line of the jury's ranking with what screens, the CLI and
// documents show beside it.
type RankingRow struct {
	jury.Line
	Row      Row                // the register's line: structure, project, theme…
	Decision *data.JuryDecision // nil until the jury decides
	Proposed data.Decision      // what the ranking proposes: retenu when F ≥ the minimum
}

// RankingInput gathers what the jury's rules work on: every application of the
// campaign (irrecevable and withdrawn ones are kept, and not ranked), every sheet
// and every declared conflict.
func (db *DB) RankingInput(ctx context.Context, c *data.Campaign) (jury.Input, []Row, error) {
	rows, _, err := db.ListApplications(ctx, c.ID, Filter{})
	if err != nil {
		return jury.Input{}, nil, err
	}
	in := jury.Input{Criteria: c.Criteria, Params: jury.ParamsOf(c)}
	for _, r := range rows {
		in.Candidates = append(in.Candidates, jury.Candidate{ID: r.ID, Number: r.Number, Received: r.Received,
			Irrecevable: r.Status == data.StatusIrrecevable || r.Status == data.StatusSansSuite})
	}
	if in.Sheets, err = db.Sheets(ctx, c.ID); err != nil {
		return jury.Input{}, nil, err
	}
	conflicts, err := db.Conflicts(ctx, c.ID)
	if err != nil {
		return jury.Input{}, nil, err
	}
	for _, k := range conflicts {
		in.Conflicts = append(in.Conflicts, jury.Conflict{JurorID: k.JurorID, ApplicationID: k.ApplicationID})
	}
	return in, rows, nil
}

// Ranking computes the campaign's ranking by the published rules, with the
// register's details and the decisions recorded so far.
func (db *DB) Ranking(ctx context.Context, c *data.Campaign) ([]RankingRow, error) {
	in, rows, err := db.RankingInput(ctx, c)
	if err != nil {
		return nil, err
	}
	decisions, err := db.Decisions(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]Row, len(rows))
	for _, r := range rows {
		byID[r.ID] = r
	}
	rk := jury.Rank(in)
	out := make([]RankingRow, 0, len(rk.Lines))
	for _, l := range rk.Lines {
		rr := RankingRow{Line: l, Row: byID[l.ApplicationID]}
		if d, ok := decisions[l.ApplicationID]; ok {
			rr.Decision = &d
		}
		if l.Rank > 0 {
			rr.Proposed = data.DecisionNonRetenu
			if !l.Below(in.Params) {
				rr.Proposed = data.DecisionRetenu
			}
		}
		out = append(out, rr)
	}
	return out, nil
}
