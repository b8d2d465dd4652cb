package dashboard_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/alloc"
	"github.com/call-agglo/cohesion/data/campaign"
	"github.com/call-agglo/cohesion/data/dashboard"
	"github.com/call-agglo/cohesion/data/demo"
	"github.com/call-agglo/cohesion/data/seed"
	"github.com/call-agglo/cohesion/data/sqlite"
	"github.com/call-agglo/cohesion/data/storetest"
)

var ctx = context.Background()

// fixture is a base with six dossiers at every stage, two jurors (one with a
// déport), scores, a decision and an adopted scenario.
type fixture struct {
	st   data.Store
	c    *data.Campaign
	apps []*data.Application
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	st, err := sqlite.Open(filepath.Join(t.TempDir(), "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	storetest.Pin(st, time.Date(2021, 6, 10, 9, 0, 0, 0, data.Paris))
	if _, err := seed.EnsureDefault(ctx, st); err != nil {
		t.Fatal(err)
	}
	c, _ := st.CampaignByCode(ctx, "")
	fx := &fixture{st: st, c: c}
	theme := func(l string) int64 { th, _ := c.ThemeByLabel(l); return th.ID }
	all := map[data.Document]bool{}
	for _, d := range data.Documents {
		all[d] = true
	}
	mk := func(name, th, qpv, commune string, req int64, docs map[data.Document]bool, received time.Time) *data.Application {
		a := &data.Application{Received: received, Structure: data.Structure{Name: name, Commune: commune}, Title: "Projet " + name,
			ThemeID: theme(th), QPVs: []string{qpv}, TotalCents: 2 * req, RequestedCents: req, Documents: docs}
		if err := st.CreateApplication(ctx, c, a); err != nil {
			t.Fatal(err)
		}
		fx.apps = append(fx.apps, a)
		return a
	}
	on := time.Date(2021, 4, 12, 10, 0, 0, 0, data.Paris)
	a1 := mk("Complet", "Mobilité", "QP062019", "62498", 500_000, all, on)
	a2 := mk("Sans RIB", "Santé", "QP062002", "62510", 300_000, map[data.Document]bool{data.DocCerfa: true}, on)
	a3 := mk("Sans RIB non plus", "Santé", "QP062002", "62510", 200_000, nil, time.Time{})
	a4 := mk("Hors délai", "Mobilité", "QP062019", "62498", 900_000, nil, time.Date(2021, 5, 3, 9, 0, 0, 0, data.Paris))
	a5 := mk("Sans suite", "Éducation", "QP062019", "62498", 100_000, all, on)
	mk("En attente", "Éducation", "QP062019", "62065", 100_000, all, on)
	for _, ch := range []struct {
		a  *data.Application
		to data.Status
	}{{a1, data.StatusRecevable}, {a2, data.StatusRecevable}, {a3, data.StatusComplet}, {a5, data.StatusSansSuite}} {
		if err := st.ChangeStatus(ctx, ch.a.ID, ch.to, "motif"); err != nil {
			t.Fatal(err)
		}
	}
	_ = a4
	var jurors []*data.Juror
	for _, n := range []string{"Claire Vasseur (fictif)", "Karim Benali (fictif)"} {
		j := &data.Juror{CampaignID: c.ID, Name: n, College: data.CollegeElu}
		if err := st.AddJuror(ctx, j); err != nil {
			t.Fatal(err)
		}
		jurors = append(jurors, j)
	}
	if _, err := st.AddConflict(ctx, jurors[1].ID, a2.ID, "administrateur"); err != nil {
		t.Fatal(err)
	}
	score := func(j *data.Juror, a *data.Application, v ...int) {
		ch := data.ScoreChange{JurorID: j.ID, ApplicationID: a.ID, Set: map[int64]int{}}
		for i, x := range v {
			ch.Set[c.Criteria[i].ID] = x
		}
		if err := st.WriteScores(ctx, c, data.ScoreWrite{Changes: []data.ScoreChange{ch}}); err != nil {
			t.Fatal(err)
		}
	}
	score(jurors[0], a1, 5, 4, 3, 2, 1)
	score(jurors[0], a2, 1, 1, 1, 1, 1)
	score(jurors[0], a3, 1, 1) // incomplete: not done
	score(jurors[1], a1, 5, 5, 5, 5, 5)
	if err := st.Decide(ctx, &data.JuryDecision{ApplicationID: a1.ID, Decision: data.DecisionRetenu, JuryDate: data.NewDate(2021, 6, 9)}); err != nil {
		t.Fatal(err)
	}
	v, err := campaign.Load(ctx, st, c.ID, data.SnapshotOptions{})
	if err != nil {
		t.Fatal(err)
	}
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
	return fx
}

func (fx *fixture) figures(t *testing.T, today data.Date) *dashboard.Figures {
	t.Helper()
	v, err := campaign.LoadCurrent(ctx, fx.st, fx.c.ID)
	if err != nil {
		t.Fatal(err)
	}
	return dashboard.Compute(v, today)
}

// listed counts what the register lists with a tile's filter.
func (fx *fixture) listed(t *testing.T, f data.Filter) int {
	t.Helper()
	_, tot, err := fx.st.ListApplications(ctx, fx.c.ID, f)
	if err != nil {
		t.Fatal(err)
	}
	return tot.Count
}

func TestFiguresAgainstTheRegister(t *testing.T) {
	fx := newFixture(t)
	f := fx.figures(t, data.NewDate(2021, 6, 10))
	want := dashboard.Counts{Received: 6, Instruction: 2, Admissible: 2, Inadmissible: 2, Ranked: 2, Decided: 1}
	// a1 retenu (admissible), a2 recevable; a3 complet, a6 reçu (instruction);
	// a4 hors délai and a5 sans suite. Ranked: a1 and a2 (a3's only sheet is incomplete).
	if f.Counts != want {
		t.Fatalf("counts %+v, want %+v", f.Counts, want)
	}
	for _, tile := range []struct {
		n int
		f data.Filter
	}{
		{f.Counts.Instruction, dashboard.StatusFilter(dashboard.InstructionStatuses)},
		{f.Counts.Admissible, dashboard.StatusFilter(dashboard.AdmissibleStatuses)},
		{f.Counts.Inadmissible, dashboard.StatusFilter(dashboard.InadmissibleStatuses)},
	} {
		if got := fx.listed(t, tile.f); got != tile.n {
			t.Errorf("tile of %d opens a register of %d (%+v)", tile.n, got, tile.f)
		}
	}
	// Sans RIB: a2 and a3 (a4 lacks it too, but is out of the running), and
	// the register lists the same two.
	rib := -1
	for _, m := range f.Missing {
		if got := fx.listed(t, dashboard.MissingFilter(m.Document)); got != m.Count {
			t.Errorf("sans %s: %d counted, %d listed", m.Document.Label(), m.Count, got)
		}
		if m.Document == data.DocRIB {
			rib = m.Count
		}
	}
	if rib != 2 {
		t.Errorf("dossiers sans RIB: %d, want 2", rib)
	}
	// a2 was declared recevable with a written exemption: checked, the RIB still to come.
	for _, m := range f.Missing {
		if m.Document == data.DocRIB && data.Plain(m.Caption("RIB")) != "2 dossiers sans RIB, dont 1 recevable par dérogation" {
			t.Errorf("caption %q", m.Caption("RIB"))
		}
	}
	if f.Undated != 1 {
		t.Errorf("undated %d", f.Undated)
	}
	// Jurors: two dossiers declared recevable, those the jury ranks (a3 and
	// a6 are still in instruction); Karim stepped aside from one. By
	// surname: Benali, then Vasseur.
	if j := f.Jurors[1]; j.Juror.Name != "Claire Vasseur (fictif)" || j.Done != 2 || j.Expected != 2 || j.Deports != 0 {
		t.Errorf("Claire: %+v", j)
	}
	if j := f.Jurors[0]; j.Juror.Name != "Karim Benali (fictif)" || j.Done != 1 || j.Expected != 1 || j.Deports != 1 {
		t.Errorf("Karim: %+v", j)
	}
	// The envelope: what the two dossiers declared recevable request, beside
	// the whole register; the adopted scenario is the current one.
	e := f.Envelope
	if e.Requested != 500_000+300_000 || e.RequestedCount != 2 || e.Register != 2_100_000 || e.RegisterCount != 6 || !e.HasAdopted || e.Scenario != "Rang" ||
		e.Adopted != e.Proposed || e.Remainder != e.Envelope-e.Adopted || e.Adopted == 0 || e.AdoptedCount != 1 || e.ProposedCount != 1 {
		t.Errorf("envelope %+v", e)
	}
	if len(f.Pending) != 2 || f.Pending[0] != fx.apps[2].Number || f.Pending[1] != fx.apps[5].Number {
		t.Errorf("à instruire: %v", f.Pending)
	}
	// The charts sum what the register holds for the dossiers declared recevable.
	var req int64
	for _, b := range f.Charts[0].Bars {
		req += b.Values[0]
		if bf, ok := dashboard.BarFilter(0, b); ok {
			rows, _, _ := fx.st.ListApplications(ctx, fx.c.ID, bf)
			var sum int64
			for _, r := range rows {
				sum += r.RequestedCents
			}
			if sum != b.Values[0] {
				t.Errorf("bar %s: %d charted, %d in the register", b.Label, b.Values[0], sum)
			}
		}
	}
	if req != e.Requested {
		t.Errorf("theme chart sums %d, requested %d", req, e.Requested)
	}
}

func TestCalendarPosition(t *testing.T) {
	fx := newFixture(t)
	// The AMI 2021: launch 08/03, deadline 30/04, instruction in May, jury in June.
	f := fx.figures(t, data.NewDate(2021, 6, 10))
	if f.Current < 0 || f.Steps[f.Current].Label != "Jury" {
		t.Fatalf("current step %d of %+v", f.Current, f.Steps)
	}
	if f.Next < 0 || f.Steps[f.Next].Label != "Délibération" {
		t.Fatalf("next step %d", f.Next)
	}
	before := fx.figures(t, data.NewDate(2021, 3, 1))
	if before.Current != -1 || before.Next != 0 || before.Position(before.Today) != 0 {
		t.Errorf("before launch: current %d next %d pos %v", before.Current, before.Next, before.Position(before.Today))
	}
	after := fx.figures(t, data.NewDate(2026, 12, 1))
	if after.Next != -1 || after.Position(after.Today) != 1 {
		t.Errorf("long after: next %d pos %v", after.Next, after.Position(after.Today))
	}
	jury, delib := f.Position(f.Steps[f.Current].From), f.Position(f.Steps[f.Next].From)
	if p := f.Position(f.Today); p <= jury || p >= delib {
		t.Errorf("position on 10/06: %v, not between the jury (%v) and the deliberation (%v)", p, jury, delib)
	}
}

func TestChangesShowAtOnce(t *testing.T) {
	fx := newFixture(t)
	before := fx.figures(t, data.NewDate(2021, 6, 10))
	a, _ := fx.st.Application(ctx, fx.apps[1].ID)
	a.Documents[data.DocRIB] = true
	if err := fx.st.UpdateApplication(ctx, fx.c, a, data.UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
	after := fx.figures(t, data.NewDate(2021, 6, 10))
	ribs := func(f *dashboard.Figures) int {
		for _, m := range f.Missing {
			if m.Document == data.DocRIB {
				return m.Count
			}
		}
		return 0
	}
	if ribs(before) != 2 || ribs(after) != 1 {
		t.Fatalf("sans RIB before %d, after %d", ribs(before), ribs(after))
	}
}

// The demonstration is instructed as a service would: every dossier received
// in time is declared recevable (with a written exemption where pièces are
// missing), so the jury ranks them as before, and « recevables » is never
// fewer than « classés ». Each amount counts what it says.
func TestDemoFiguresAddUp(t *testing.T) {
	st, err := sqlite.Open(filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	c, _, err := demo.Load(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	v, err := campaign.LoadCurrent(ctx, st, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	f := dashboard.Compute(v, data.NewDate(2021, 6, 10))
	k := f.Counts
	if k.Received != 30 || k.Instruction != 0 || k.Admissible != 28 || k.Inadmissible != 2 || k.Ranked == 0 || k.Ranked > k.Admissible || len(f.Pending) != 0 {
		t.Fatalf("counts %+v, à instruire %v", k, f.Pending)
	}
	e := f.Envelope
	if e.RequestedCount != 28 || e.Requested != 362_500_00 || e.RegisterCount != 30 || e.Register != 383_500_00 {
		t.Errorf("demandé par %d dossiers : %s — %s au registre (%d)", e.RequestedCount, data.FormatEuros(e.Requested), data.FormatEuros(e.Register), e.RegisterCount)
	}
	if got := data.Plain(e.Lines()[1]); got != "Demandé par les 28 dossiers recevables : 362 500,00 € — 383 500,00 € au registre (30 dossiers, tous statuts)" {
		t.Errorf("the envelope says %q", got)
	}
	exempted := 0
	for _, r := range v.Rows {
		if r.Exemption != "" {
			exempted++
		}
		if r.Status.Admissible() && len(r.Unchecked(c)) > 0 {
			t.Errorf("%s declared recevable with pièces missing and no exemption", r.Number)
		}
	}
	if exempted != 9 {
		t.Errorf("%d dossiers recevables par dérogation, want 9", exempted)
	}
}

// The envelope's lines agree with their counts and say « aucun » rather than
// « 0 » (French keeps 0 and 1 singular): an empty campaign reads naturally.
func TestEnvelopeLinesCount(t *testing.T) {
	for _, c := range []struct {
		e    dashboard.Envelope
		want []string
	}{
		{dashboard.Envelope{Envelope: 150_000_00, Remainder: 150_000_00}, []string{"Enveloppe : 150 000,00 €",
			"Aucun dossier au registre",
			"Proposé : aucun dossier (paramètres par défaut)",
			"Adopté : aucun scénario adopté",
			"Reliquat (enveloppe moins le proposé) : 150 000,00 €"}},
		{dashboard.Envelope{Envelope: 150_000_00, Register: 9_000_00, RegisterCount: 1, Remainder: 150_000_00,
			HasAdopted: true}, []string{"Enveloppe : 150 000,00 €",
			"Aucun dossier recevable — 9 000,00 € au registre (1 dossier, tous statuts)",
			"Proposé : aucun dossier (paramètres par défaut)",
			"Adopté : aucun dossier",
			"Reliquat (enveloppe moins l'adopté) : 150 000,00 €"}},
		{dashboard.Envelope{Envelope: 150_000_00, Requested: 9_000_00, RequestedCount: 1, Register: 9_000_00, RegisterCount: 1,
			Proposed: 9_000_00, ProposedCount: 1, Remainder: 141_000_00, Scenario: "Au rang"}, []string{"Enveloppe : 150 000,00 €",
			"Demandé par le seul dossier recevable : 9 000,00 € — 9 000,00 € au registre (1 dossier, tous statuts)",
			"Proposé pour 1 dossier par « Au rang » recalculé : 9 000,00 €",
			"Adopté : aucun scénario adopté",
			"Reliquat (enveloppe moins le proposé) : 141 000,00 €"}},
	} {
		var got []string
		for _, l := range c.e.Lines() {
			got = append(got, data.Plain(l))
		}
		if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
			t.Errorf("the envelope says\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
		}
	}
}
