// Package storetest is the contract every store adapter passes: one suite of
// behaviours (rules, transactions, the journal and its check, the
// deliberation's lock, stale edits, all-or-nothing imports, the French
// messages), run by each adapter's tests against a real base — a SQLite file,
// a PostgreSQL server.
package storetest

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/seed"
)

// Harness is what an adapter gives the suite.
type Harness struct {
	// New opens a fresh, empty base (migrated, not seeded), closed at the
	// test's end.
	New func(t testing.TB) data.Store
	// Again opens a second connection to the same base, as another desk or
	// process would, closed at the test's end.
	Again func(t testing.TB, st data.Store) data.Store
}

// test is one behaviour of the contract.
type test struct {
	name string
	run  func(t *testing.T, h Harness)
}

var tests []test

func register(name string, run func(t *testing.T, h Harness)) bool {
	tests = append(tests, test{name, run})
	return true
}

// Run runs the whole contract.
func Run(t *testing.T, h Harness) {
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.run(t, h) })
	}
}

var ctx = context.Background()

// Clock is the time every fixture base writes at.
var Clock = time.Date(2021, 4, 20, 10, 0, 0, 0, data.Paris)

// Console is what the suite needs of an adapter beyond data's interfaces: a
// pinned clock and user, so that journals are reproducible, and the SQL
// console an attacker with access to the base has. The suite asks for nothing
// else, so any adapter that offers these two fits it.
type Console interface {
	Pin(at time.Time, user string)
	DB() *sql.DB
}

func console(st data.Store) Console {
	c, ok := st.(Console)
	if !ok {
		panic("storetest: the adapter offers no Console (Pin, DB)")
	}
	return c
}

// Pin sets the time and the user a store writes with.
func Pin(st data.Store, at time.Time) { console(st).Pin(at, "agent.test") }

// Raw is direct SQL on the base, as an attacker with a SQL console has it.
func Raw(st data.Store) *sql.DB { return console(st).DB() }

// seeded opens a base with the default campaign.
func seeded(t testing.TB, h Harness) (data.Store, *data.Campaign) {
	t.Helper()
	st := h.New(t)
	return st, SeedDefault(t, st)
}

// SeedDefault pins st's clock and gives it the default campaign.
func SeedDefault(t testing.TB, st data.Store) *data.Campaign {
	t.Helper()
	Pin(st, Clock)
	if _, err := seed.EnsureDefault(ctx, st); err != nil {
		t.Fatal(err)
	}
	c, err := st.CampaignByCode(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func theme(t testing.TB, c *data.Campaign, label string) int64 {
	th, ok := c.ThemeByLabel(label)
	if !ok {
		t.Fatalf("theme %q missing", label)
	}
	return th.ID
}

// app is a valid application of the default campaign.
func app(t testing.TB, c *data.Campaign) *data.Application {
	return &data.Application{
		Received: time.Date(2021, 4, 12, 14, 30, 0, 0, data.Paris),
		Structure: data.Structure{Name: "Association Les Petits Pas", LegalForm: "Association loi 1901", SIRET: "73282932000074",
			RNA: "W623001234", Commune: "62498", Email: "contact@petitspas.example.org", Phone: "03 21 00 00 00"},
		Title: "Vélo-école au Grand Moulin", Summary: "Apprendre le vélo aux adultes du quartier.",
		ThemeID: theme(t, c, "Mobilité"), QPVs: []string{"QP062019"}, Beneficiaries: 40, QPVSharePct: 80,
		Start: data.NewDate(2021, 9, 1), End: data.NewDate(2022, 6, 30),
		TotalCents: 2_000_000, RequestedCents: 800_000,
		Cofinancing: []data.Cofinancing{{Funder: "CAF du Pas-de-Calais", AmountCents: 300_000, Acquired: true}},
		Documents:   map[data.Document]bool{data.DocCerfa: true, data.DocRIB: true},
	}
}

func count(t testing.TB, st data.Store, c *data.Campaign) int {
	t.Helper()
	_, tot, err := st.ListApplications(ctx, c.ID, data.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	return tot.Count
}

func mustCreate(t testing.TB, st data.Store, c *data.Campaign, a *data.Application) *data.Application {
	t.Helper()
	if err := st.CreateApplication(ctx, c, a); err != nil {
		t.Fatal(err)
	}
	return a
}

// juryFixture: three applications declared recevable (the jury ranks only
// those), two jurors.
func juryFixture(t testing.TB, h Harness) (data.Store, *data.Campaign, []*data.Application, []*data.Juror) {
	st, c := seeded(t, h)
	var apps []*data.Application
	for i := 0; i < 3; i++ {
		a := app(t, c)
		a.Received = time.Date(2021, 4, 10+i, 9, 0, 0, 0, data.Paris)
		apps = append(apps, declared(t, st, c, mustCreate(t, st, c, a)))
	}
	var jurors []*data.Juror
	for _, n := range []string{"Mme Durand", "M. Leroy"} {
		j := &data.Juror{CampaignID: c.ID, Name: n, College: data.CollegeElu}
		if err := st.AddJuror(ctx, j); err != nil {
			t.Fatal(err)
		}
		jurors = append(jurors, j)
	}
	return st, c, apps, jurors
}

// allPieces ticks every pièce of the checklist.
func allPieces() map[data.Document]bool {
	m := map[data.Document]bool{}
	for _, d := range data.Documents {
		m[d] = true
	}
	return m
}

// declared declares a dossier recevable, with an exemption for the pièces
// app leaves out, and reloads it.
func declared(t testing.TB, st data.Store, c *data.Campaign, a *data.Application) *data.Application {
	t.Helper()
	reason := ""
	if len(a.MissingRequired(c)) > 0 {
		reason = "Pièces attendues avant la convention"
	}
	if err := st.ChangeStatus(ctx, a.ID, data.StatusRecevable, reason); err != nil {
		t.Fatal(err)
	}
	got, err := st.Application(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// scores sets the given scores, criterion by criterion, on a juror's sheet.
func scores(c *data.Campaign, j *data.Juror, a *data.Application, values ...int) data.ScoreWrite {
	ch := data.ScoreChange{JurorID: j.ID, ApplicationID: a.ID, Set: map[int64]int{}}
	for i, v := range values {
		ch.Set[c.Criteria[i].ID] = v
	}
	return data.ScoreWrite{Changes: []data.ScoreChange{ch}}
}

func mustScore(t testing.TB, st data.Store, c *data.Campaign, j *data.Juror, a *data.Application, values ...int) {
	t.Helper()
	if err := st.WriteScores(ctx, c, scores(c, j, a, values...)); err != nil {
		t.Fatal(err)
	}
}

func sheetOf(t testing.TB, st data.Store, c *data.Campaign, j *data.Juror, a *data.Application) map[int64]int {
	t.Helper()
	all, err := st.Sheets(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range all {
		if s.JurorID == j.ID && s.ApplicationID == a.ID {
			return s.Scores
		}
	}
	return nil
}

// intact checks the journal and the data it vouches for.
func intact(t testing.TB, st data.Store) *data.AuditReport {
	t.Helper()
	rep, err := st.VerifyAudit(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Intact() {
		t.Fatalf("journal: %s", rep.Verdict())
	}
	return rep
}
