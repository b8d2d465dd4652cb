package campaign_test

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/alloc"
	"github.com/call-agglo/cohesion/data/campaign"
	"github.com/call-agglo/cohesion/data/chart"
	"github.com/call-agglo/cohesion/data/jury"
	"github.com/call-agglo/cohesion/data/seed"
	"github.com/call-agglo/cohesion/data/sqlite"
)

var ctx = context.Background()

// base is a real SQLite file with the default campaign (grid of five criteria
// on 5, minimum 10/20, quorum 1), four dossiers A to D and two jurors.
type base struct {
	db          *sqlite.DB
	c           *data.Campaign
	a, b, c2, d *data.Application // A, B, C, D
	j1, j2      *data.Juror
}

func newBase(t *testing.T) *base {
	t.Helper()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "campagne.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := seed.EnsureDefault(ctx, db); err != nil {
		t.Fatal(err)
	}
	c, err := db.CampaignByCode(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	b := &base{db: db, c: c}
	apps := []**data.Application{&b.a, &b.b, &b.c2, &b.d}
	for i, name := range []string{"Structure A", "Structure B", "Structure C", "Structure D"} {
		a := &data.Application{Received: time.Date(2021, 4, 10+i, 9, 0, 0, 0, data.Paris),
			Structure: data.Structure{Name: name}, Title: "Projet " + name, RequestedCents: int64(10_000+1_000*i) * 100}
		if err := db.CreateApplication(ctx, c, a); err != nil {
			t.Fatal(err)
		}
		// Declared recevable, as the jury ranks only those (pièces not
		// ticked here: the reason is the exemption).
		if err := db.ChangeStatus(ctx, a.ID, data.StatusRecevable, "pièces vérifiées sur le dossier papier"); err != nil {
			t.Fatal(err)
		}
		if a, err = db.Application(ctx, a.ID); err != nil { // its new version
			t.Fatal(err)
		}
		*apps[i] = a
	}
	b.j1, b.j2 = &data.Juror{CampaignID: c.ID, Name: "Mme Durand"}, &data.Juror{CampaignID: c.ID, Name: "M. Martin"}
	for _, j := range []*data.Juror{b.j1, b.j2} {
		if err := db.AddJuror(ctx, j); err != nil {
			t.Fatal(err)
		}
	}
	return b
}

// sheet is a juror's sheet with the same score on every criterion.
func (b *base) sheet(j *data.Juror, a *data.Application, score int) data.ScoreChange {
	set := map[int64]int{}
	for _, k := range b.c.Criteria {
		set[k.ID] = score
	}
	return data.ScoreChange{JurorID: j.ID, ApplicationID: a.ID, Set: set}
}

func (b *base) score(t *testing.T, changes ...data.ScoreChange) {
	t.Helper()
	if err := b.db.WriteScores(ctx, b.c, data.ScoreWrite{Changes: changes}); err != nil {
		t.Fatal(err)
	}
}

// scored: A 5 and 5 (F 20), B 3 and 3 (12), C 1 and 1 (4, below the minimum),
// D 4 from the first juror and 0 from the second, who then stepped aside (16).
func scored(t *testing.T) *base {
	b := newBase(t)
	b.score(t, b.sheet(b.j1, b.a, 5), b.sheet(b.j2, b.a, 5), b.sheet(b.j1, b.b, 3), b.sheet(b.j2, b.b, 3),
		b.sheet(b.j1, b.c2, 1), b.sheet(b.j2, b.c2, 1), b.sheet(b.j1, b.d, 4), b.sheet(b.j2, b.d, 0))
	// Declared after the sheet: kept, never counted.
	if _, err := b.db.AddConflict(ctx, b.j2.ID, b.d.ID, "membre du bureau"); err != nil {
		t.Fatal(err)
	}
	return b
}

func load(t *testing.T, b *base) *campaign.View {
	t.Helper()
	v, err := campaign.Load(ctx, b.db, b.c.ID, data.SnapshotOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// The view ranks what the base holds by the jury's rules: F, the déport, the
// minimum, and what the ranking proposes.
func TestLoadRanksTheBase(t *testing.T) {
	b := scored(t)
	v := load(t, b)
	type line struct {
		number, f, decision string
		rank                int
	}
	var got []line
	for _, r := range v.Ranked {
		got = append(got, line{r.Number, jury.FormatScore(r.F), r.DecisionText(), r.Rank})
	}
	want := []line{
		{b.a.Number, "20,00", "proposé : retenu", 1},
		{b.d.Number, "16,00", "proposé : retenu", 2},
		{b.b.Number, "12,00", "proposé : retenu", 3},
		{b.c2.Number, "4,00", "proposé : non retenu", 4},
	}
	if !slices.Equal(got, want) {
		t.Fatalf("ranking\n got %+v\nwant %+v", got, want)
	}
	d := v.Ranked[1]
	if d.Counted != 1 || d.Excluded != 1 || d.Row.Structure != "Structure D" {
		t.Errorf("D: %d counted, %d excluded, row %q", d.Counted, d.Excluded, d.Row.Structure)
	}
	if v.Ranking.Lines[0].ApplicationID != b.a.ID || v.Ranked[0].HarmonisedText() == "" {
		t.Errorf("full ranking or harmonised score missing: %+v", v.Ranked[0])
	}
	// The split's candidates: the ranked ones that reach the minimum, in order.
	var ids []int64
	for _, k := range v.Split.Candidates {
		ids = append(ids, k.ID)
	}
	if !slices.Equal(ids, []int64{b.a.ID, b.d.ID, b.b.ID}) || v.Split.IsCandidate(b.c2.ID) || !v.Split.IsCandidate(b.d.ID) {
		t.Errorf("candidates %v", ids)
	}
}

// A decision of the jury shows on its line and changes the split's
// candidates, and so the fingerprint that saved scenarios are checked by.
func TestDecisionsChangeTheSplit(t *testing.T) {
	b := scored(t)
	before := load(t, b)
	err := b.db.Decide(ctx, &data.JuryDecision{ApplicationID: b.b.ID, Decision: data.DecisionNonRetenu, Motivation: "budget insuffisamment détaillé",
		JuryDate: data.NewDate(2021, 6, 1)}, &data.JuryDecision{ApplicationID: b.c2.ID, Decision: data.DecisionRetenu, JuryDate: data.NewDate(2021, 6, 1)})
	if err != nil {
		t.Fatal(err)
	}
	v := load(t, b)
	if got := v.Ranked[2].DecisionText(); got != data.DecisionNonRetenu.Label() {
		t.Errorf("B's decision reads %q", got)
	}
	var ids []int64
	for _, k := range v.Split.Candidates {
		ids = append(ids, k.ID)
	}
	if !slices.Equal(ids, []int64{b.a.ID, b.d.ID, b.c2.ID}) {
		t.Errorf("candidates after the decisions %v", ids)
	}
	if v.Split.Fingerprint == before.Split.Fingerprint {
		t.Error("the fingerprint ignores the decisions")
	}
	if again := load(t, b); again.Split.Fingerprint != v.Split.Fingerprint {
		t.Error("the fingerprint of one state changes from one load to the next")
	}
}

// A scenario saved on today's scores is current until a score changes; the
// deliberation is refused on a stale adopted scenario, and recorded on a fresh
// one.
func TestScenarioStalenessAndDeliberation(t *testing.T) {
	b := scored(t)
	if err := campaign.Deliberate(ctx, b.db, b.c.ID, "2021-42", data.NewDate(2021, 7, 1), "Le conseil approuve."); data.ErrorCode(err) != data.EINVALID {
		t.Fatalf("deliberation without an adopted scenario: %v", err)
	}
	save := func(name string) {
		t.Helper()
		v := load(t, b)
		res, err := v.CurrentSplit()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := b.db.SaveScenario(ctx, b.c, name, res, nil, v.Split.Fingerprint, true); err != nil {
			t.Fatal(err)
		}
	}
	save("Premier")
	if err := b.db.AdoptScenario(ctx, b.c.ID, "Premier"); err != nil {
		t.Fatal(err)
	}
	v, err := campaign.LoadCurrent(ctx, b.db, b.c.ID)
	if err != nil || v.Scenario == nil || v.Scenario.Name != "Premier" || v.ScenarioStale() {
		t.Fatalf("current scenario %+v, stale %v, %v", v.Scenario, v != nil && v.ScenarioStale(), err)
	}
	b.score(t, b.sheet(b.j1, b.b, 5)) // B: 5 and 3 now
	v = load(t, b)
	if !v.ScenarioStale() || !v.Stale(v.Scenarios[0]) {
		t.Fatal("a changed score leaves the adopted scenario current")
	}
	err = campaign.Deliberate(ctx, b.db, b.c.ID, "2021-42", data.NewDate(2021, 7, 1), "Le conseil approuve.")
	if data.ErrorCode(err) != data.EINVALID {
		t.Fatalf("deliberation on a stale scenario: %v", err)
	}
	save("Premier")
	if err := campaign.Deliberate(ctx, b.db, b.c.ID, "2021-42", data.NewDate(2021, 7, 1), "Le conseil approuve."); err != nil {
		t.Fatal(err)
	}
	if err := b.db.WriteScores(ctx, b.c, data.ScoreWrite{Changes: []data.ScoreChange{b.sheet(b.j1, b.b, 1)}}); err == nil {
		t.Error("a score written after the deliberation")
	}
}

// CurrentSplit recomputes the current scenario's method and locked amounts on
// today's ranking, against the campaign's envelope; without a scenario, the
// default parameters.
func TestCurrentSplit(t *testing.T) {
	b := scored(t)
	v := load(t, b)
	res, err := v.CurrentSplit()
	if err != nil {
		t.Fatal(err)
	}
	if res.Method != alloc.Rank || res.EnvelopeCents != b.c.EnvelopeCents || len(res.Lines) != 3 {
		t.Fatalf("default split: %s, envelope %d, %d lines", res.Method, res.EnvelopeCents, len(res.Lines))
	}
	p := alloc.DefaultParams(b.c.EnvelopeCents)
	p.Method = alloc.Uniform
	locked, err := v.Split.Compute(p, map[int64]int64{b.d.ID: 500_000})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.db.SaveScenario(ctx, b.c, "Uniforme", locked, map[int64]int64{b.d.ID: 500_000}, v.Split.Fingerprint, true); err != nil {
		t.Fatal(err)
	}
	// The last saved scenario is current when none is adopted: LoadCurrent reads it.
	v, err = campaign.LoadCurrent(ctx, b.db, b.c.ID)
	if err != nil || v.Scenario == nil || v.Scenario.Name != "Uniforme" {
		t.Fatalf("current scenario %+v, %v", v.Scenario, err)
	}
	res, err = v.CurrentSplit()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range res.Lines {
		if l.ID == b.d.ID && (!l.Locked || l.AmountCents != 500_000) {
			t.Errorf("D's locked amount lost: %+v", l)
		}
	}
	if res.Method != alloc.Uniform {
		t.Errorf("method %s", res.Method)
	}
}

func TestCurrentScenario(t *testing.T) {
	at := func(day int) time.Time { return time.Date(2021, 6, day, 9, 0, 0, 0, data.Paris) }
	list := []data.ScenarioInfo{{Name: "Ancien", UpdatedAt: at(1)}, {Name: "Récent", UpdatedAt: at(3)}, {Name: "Milieu", UpdatedAt: at(2)}}
	if got := campaign.CurrentScenario(list); got != "Récent" {
		t.Errorf("last saved: %q", got)
	}
	list[0].AdoptedAt = at(4)
	if got := campaign.CurrentScenario(list); got != "Ancien" {
		t.Errorf("adopted: %q", got)
	}
	if got := campaign.CurrentScenario(nil); got != "" {
		t.Errorf("none: %q", got)
	}
}

// The comparisons group a line without a theme, a QPV or a commune under the
// charts' names.
func TestSplitGroups(t *testing.T) {
	b := scored(t)
	v := load(t, b)
	l := alloc.Line{ID: b.a.ID}
	if got := v.Split.ThemeOf(l); !slices.Equal(got, []string{chart.NoTheme}) {
		t.Errorf("theme %q", got)
	}
	if got := v.Split.QPVOf(l); !slices.Equal(got, []string{chart.NoQPV}) {
		t.Errorf("QPV %q", got)
	}
	if got := v.Split.CommuneOf(l); !slices.Equal(got, []string{chart.NoCommune}) {
		t.Errorf("commune %q", got)
	}
	th := b.c.Themes[0]
	b.a.ThemeID, b.a.QPVs, b.a.Structure.Commune = th.ID, []string{b.c.QPVs[0].Code}, b.c.Communes[0].INSEE
	if err := b.db.UpdateApplication(ctx, b.c, b.a, data.UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
	v = load(t, b)
	if got := v.Split.ThemeOf(l); !slices.Equal(got, []string{th.Label}) {
		t.Errorf("theme %q, want %q", got, th.Label)
	}
	if got := v.Split.QPVOf(l); len(got) != 1 || got[0] == chart.NoQPV {
		t.Errorf("QPV %q", got)
	}
	if got := v.Split.CommuneOf(l); !slices.Equal(got, []string{b.c.Communes[0].Name}) {
		t.Errorf("commune %q, want %q", got, b.c.Communes[0].Name)
	}
}

// A dossier whose structure owes a compte rendu financier elsewhere (loi
// 2000-321 art. 10) is proposed nothing and gets no share of the split until
// the jury retains it, with its exemption: the split proposed it an amount
// that adopting the scenario then refused.
func TestBarredStructureIsNeitherProposedNorShared(t *testing.T) {
	b := scored(t)
	snap := load(t, b).Snapshot
	snap.History = map[int64][]data.StructureDossier{b.d.ID: {{CampaignCode: "AMI2020", Number: "AMI2020-004", CRFOverdue: true}}}
	v := campaign.Compute(snap)
	d := v.Ranked[1]
	if d.ApplicationID != b.d.ID || d.Proposed != "" || d.DecisionText() != "" {
		t.Fatalf("D barred: %+v, decision %q", d, d.DecisionText())
	}
	if v.Split.IsCandidate(b.d.ID) || !v.Split.IsCandidate(b.a.ID) {
		t.Fatal("the split shares the envelope with a barred dossier the jury did not retain")
	}
	snap.Decisions[b.d.ID] = data.JuryDecision{ApplicationID: b.d.ID, Decision: data.DecisionRetenu, CRFExemption: "CRF remis en main propre"}
	if v := campaign.Compute(snap); !v.Split.IsCandidate(b.d.ID) {
		t.Error("retained with an exemption, D is still left out of the split")
	}
}
