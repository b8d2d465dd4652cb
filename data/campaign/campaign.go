// Package campaign is the one place that computes on a campaign: it loads a
// consistent snapshot from the store (one read transaction), ranks it by the
// jury's rules and selects the split's candidates, with pure functions. The
// GUI, the CLI, the documents and the exports all start from a View; the
// store only persists.
package campaign

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/alloc"
	"github.com/call-agglo/cohesion/data/chart"
	"github.com/call-agglo/cohesion/data/jury"
)

// View is a campaign as one snapshot shows it, with what follows from it.
type View struct {
	*data.Snapshot
	// Ranked is the jury's ranking with the register's details and the decisions.
	Ranked []RankingRow
	// Ranking is the jury's full result (sheets, warnings), for the documents.
	Ranking *jury.Ranking
	// Split is what a répartition works on, from the current ranking.
	Split *Split
	// Pending are the dossiers still in instruction (« à instruire »),
	// neither declared recevable nor irrecevable: the jury does not rank
	// them and the split does not fund them; they are listed apart.
	Pending []data.Row
}

// Load reads a snapshot of the campaign and computes its view.
func Load(ctx context.Context, st data.Snapshots, campaignID int64, o data.SnapshotOptions) (*View, error) {
	snap, err := st.Snapshot(ctx, campaignID, o)
	if err != nil {
		return nil, err
	}
	return Compute(snap), nil
}

// Compute ranks a snapshot and selects its split's candidates.
func Compute(snap *data.Snapshot) *View {
	v := &View{Snapshot: snap}
	in := RankingInput(snap)
	v.Ranking = jury.Rank(in)
	v.Ranked = rankingRows(snap, in.Params, v.Ranking)
	v.Split = splitOf(snap.Campaign, v.Ranked)
	for _, r := range snap.Rows {
		if r.Status.InInstruction() {
			v.Pending = append(v.Pending, r)
		}
	}
	return v
}

// ScenarioStale reports whether the loaded scenario no longer matches the
// scores, the decisions or the amounts.
func (v *View) ScenarioStale() bool {
	return v.Scenario != nil && v.Scenario.Fingerprint != v.Split.Fingerprint
}

// Stale reports whether a saved scenario needs recomputing.
func (v *View) Stale(s data.ScenarioInfo) bool { return s.Fingerprint != v.Split.Fingerprint }

// RankingInput is what the jury's rules work on: the applications the
// instruction ruled on (irrecevable and withdrawn ones are kept, and not
// ranked), their sheets and déports, and the jurors' names for the warnings.
// The dossiers still in instruction are left out with their sheets: jurors
// may score them early, but the jury ranks only what was declared recevable.
func RankingInput(snap *data.Snapshot) jury.Input {
	c := snap.Campaign
	in := jury.Input{Criteria: c.Criteria, Params: jury.ParamsOf(c), JurorNames: map[int64]string{}}
	pending := map[int64]bool{}
	for _, r := range snap.Rows {
		if r.Status.InInstruction() {
			pending[r.ID] = true
			continue
		}
		in.Candidates = append(in.Candidates, jury.Candidate{ID: r.ID, Number: r.Number, Received: r.Received, Irrecevable: r.Irrecevable()})
	}
	for _, s := range snap.Sheets {
		if !pending[s.ApplicationID] {
			in.Sheets = append(in.Sheets, s)
		}
	}
	for _, k := range snap.Conflicts {
		if !pending[k.ApplicationID] {
			in.Conflicts = append(in.Conflicts, jury.Conflict{JurorID: k.JurorID, ApplicationID: k.ApplicationID})
		}
	}
	for _, j := range snap.Jurors {
		in.JurorNames[j.ID] = j.Name
	}
	return in
}

// RankingRow is one line of the jury's ranking with what screens, the CLI and
// documents show beside it.
type RankingRow struct {
	jury.Line
	Row      data.Row           // the register's line: structure, project, theme…
	Decision *data.JuryDecision // nil until the jury decides
	Proposed data.Decision      // what the ranking proposes: retenu when F ≥ the minimum
	// Barred: the structure has a compte rendu financier overdue or refused in
	// another campaign. The ranking then proposes nothing: a new grant is
	// forbidden (loi 2000-321 art. 10) unless the jury retains the dossier
	// with an exemption, which is its decision to take, never a default.
	Barred bool
}

// DecisionText is the line's decision as the ranking shows it: the jury's once
// taken, else what the ranking proposes (« proposé : retenu »), else nothing.
// The window and the command line both write it so.
func (r *RankingRow) DecisionText() string {
	switch {
	case r.Decision != nil:
		return r.Decision.Decision.Label()
	case r.Proposed != "":
		return "proposé : " + strings.ToLower(r.Proposed.Label())
	}
	return ""
}

// HarmonisedText is the harmonised score with two decimals (« 12,35 »), blank
// when the line has none.
func (r *RankingRow) HarmonisedText() string {
	if !r.HasHarmonised {
		return ""
	}
	return data.FormatDecimal(r.Harmonised, 2)
}

func rankingRows(snap *data.Snapshot, params jury.Params, rk *jury.Ranking) []RankingRow {
	byID := make(map[int64]data.Row, len(snap.Rows))
	for _, r := range snap.Rows {
		byID[r.ID] = r
	}
	out := make([]RankingRow, 0, len(rk.Lines))
	for _, l := range rk.Lines {
		rr := RankingRow{Line: l, Row: byID[l.ApplicationID]}
		if flag := data.CRFFlag(snap.History[l.ApplicationID]); flag != "" {
			rr.Flags = append(slices.Clip(rr.Flags), flag) // the jury's line keeps its own
			rr.Barred = true
		}
		if d, ok := snap.Decisions[l.ApplicationID]; ok {
			rr.Decision = &d
		}
		switch {
		case l.Rank <= 0:
		case l.Below(params):
			rr.Proposed = data.DecisionNonRetenu
		case !rr.Barred:
			rr.Proposed = data.DecisionRetenu
		}
		out = append(out, rr)
	}
	return out
}

// Split is what a budget split works on: the candidates in ranking order, the
// register's lines for display and grouping, and a fingerprint of the inputs
// that tells when a saved scenario no longer matches the scores or decisions.
type Split struct {
	Candidates  []alloc.Candidate
	Rows        map[int64]data.Row
	Fingerprint string
}

func splitOf(c *data.Campaign, ranking []RankingRow) *Split {
	var ranked []alloc.Ranked
	rows := make(map[int64]data.Row, len(ranking))
	params := jury.ParamsOf(c)
	for _, r := range ranking {
		rows[r.ApplicationID] = r.Row
		rk := alloc.Ranked{ID: r.ApplicationID, Number: r.Number, Rank: r.Rank, Score: r.F, Below: r.Below(params), Barred: r.Barred,
			RequestedCents: r.Row.RequestedCents, TotalCents: r.Row.TotalCents}
		if r.Decision != nil {
			rk.Decision = r.Decision.Decision
		}
		ranked = append(ranked, rk)
	}
	s := &Split{Candidates: alloc.Select(ranked), Rows: rows}
	s.Fingerprint = fingerprint(c.EnvelopeCents, s.Candidates)
	return s
}

// fingerprint names what a split was computed from: the envelope and each
// candidate's rank, score and amounts.
func fingerprint(envelope int64, cands []alloc.Candidate) string {
	h := sha256.New()
	fmt.Fprintf(h, "E%d;", envelope)
	for _, k := range cands {
		score := ""
		if k.Score != nil {
			score = k.Score.RatString()
		}
		fmt.Fprintf(h, "%d:%d:%s:%d:%d;", k.ID, k.Rank, score, k.RequestedCents, k.TotalCents)
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// Compute runs a split with the given parameters and locked amounts.
func (s *Split) Compute(p alloc.Params, locks map[int64]int64) (*alloc.Result, error) {
	cands := make([]alloc.Candidate, len(s.Candidates))
	copy(cands, s.Candidates)
	for i := range cands {
		if v, ok := locks[cands[i].ID]; ok {
			cands[i].Locked, cands[i].LockedCents = true, v
		}
	}
	return alloc.Allocate(cands, p)
}

// IsCandidate reports whether an application takes part in the split.
func (s *Split) IsCandidate(id int64) bool {
	for _, k := range s.Candidates {
		if k.ID == id {
			return true
		}
	}
	return false
}

// ThemeOf keys a line by its theme, for comparisons.
func (s *Split) ThemeOf(l alloc.Line) []string {
	if t := s.Rows[l.ID].Theme; t != "" {
		return []string{t}
	}
	return []string{chart.NoTheme} // as the charts name it
}

// QPVOf keys a line by each of its QPV.
func (s *Split) QPVOf(l alloc.Line) []string {
	if q := s.Rows[l.ID].QPVs; len(q) > 0 {
		return q
	}
	return []string{chart.NoQPV}
}

// CommuneOf keys a line by the structure's commune.
func (s *Split) CommuneOf(l alloc.Line) []string {
	if r := s.Rows[l.ID]; r.Commune != "" {
		return []string{r.CommuneName}
	}
	return []string{chart.NoCommune}
}

// Deliberate records the council's deliberation on the adopted scenario,
// which locks the campaign; it is refused while the adopted scenario needs
// recomputing (scores, decisions or amounts changed since it was computed).
// The store refuses it too if anything is written between the check and the
// recording.
func Deliberate(ctx context.Context, st interface {
	data.Snapshots
	data.Deliberations
}, campaignID int64, number string, date data.Date, body string) error {
	v, err := Load(ctx, st, campaignID, data.SnapshotOptions{})
	if err != nil {
		return err
	}
	if v.Scenario == nil {
		return data.Errorf(data.EINVALID, "Adoptez d'abord un scénario de répartition : c'est lui que la délibération approuve.")
	}
	if v.ScenarioStale() {
		return data.Errorf(data.EINVALID, "Le scénario adopté « %s » doit être recalculé : les notes, les décisions ou les montants ont changé depuis son calcul. Recalculez-le et enregistrez-le (écran Répartition ou « allocate --save »), puis enregistrez la délibération.", v.Scenario.Name)
	}
	return st.RecordDeliberation(ctx, campaignID, number, date, body, v.Head)
}
