package storetest

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/seed"
)

var _ = register("DefaultCampaignSeeded", func(t *testing.T, h Harness) {
	st, c := seeded(t, h)
	if c.Code != "AMI2021" || c.EnvelopeCents != 15_000_000 || !strings.HasPrefix(c.Title, "Changer la vie des habitants") {
		t.Fatalf("campaign %s, envelope %d, title %q", c.Code, c.EnvelopeCents, c.Title)
	}
	var labels []string
	for _, th := range c.Themes {
		labels = append(labels, th.Label)
	}
	if got := strings.Join(labels, "|"); got != "Mobilité|Santé|Éducation|Insertion professionnelle et sociale" {
		t.Errorf("themes %q", got)
	}
	if len(c.Communes) != 36 || len(c.QPVs) != 21 || len(c.Criteria) != 5 || len(c.Objectives) != 3 {
		t.Errorf("communes %d, QPV %d, criteria %d, objectives %d", len(c.Communes), len(c.QPVs), len(c.Criteria), len(c.Objectives))
	}
	withQPV := 0
	for _, m := range c.Communes {
		if m.HasQPV {
			withQPV++
		}
	}
	if withQPV != 19 {
		t.Errorf("communes with a QPV: %d, want 19", withQPV)
	}
	if c.Deadline != data.NewDate(2021, 4, 30) || c.Launch != data.NewDate(2021, 3, 8) || c.Jury.Format() != "juin 2021" {
		t.Errorf("calendar: %v %v %s", c.Launch, c.Deadline, c.Jury.Format())
	}
	if seededAgain, err := seed.EnsureDefault(ctx, st); err != nil || seededAgain {
		t.Fatalf("second EnsureDefault seeded=%v err=%v", seededAgain, err)
	}
	if cs, _ := st.Campaigns(ctx); len(cs) != 1 {
		t.Fatalf("%d campaigns after a second start", len(cs))
	}
})

var _ = register("CreateNumbersAndReload", func(t *testing.T, h Harness) {
	st, c := seeded(t, h)
	a := mustCreate(t, st, c, app(t, c))
	b := app(t, c)
	b.Title = "Deuxième projet de la même structure"
	mustCreate(t, st, c, b)
	if a.Number != "AMI2021-001" || b.Number != "AMI2021-002" {
		t.Fatalf("numbers %s %s", a.Number, b.Number)
	}
	got, err := st.ApplicationByNumber(ctx, c.ID, "AMI2021-001")
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != a.Title || got.RequestedCents != 800_000 || got.Structure.Phone != "03 21 00 00 00" ||
		len(got.QPVs) != 1 || got.QPVs[0] != "QP062019" || len(got.Cofinancing) != 1 || !got.Cofinancing[0].Acquired ||
		!got.Documents[data.DocCerfa] || got.Documents[data.DocStatuts] || !got.Received.Equal(a.Received) ||
		got.Start != a.Start || got.Status != data.StatusRecu || got.Late {
		t.Errorf("reloaded %+v", got)
	}
	if len(got.History) != 1 || got.History[0].User != "agent.test" || got.History[0].To != data.StatusRecu {
		t.Errorf("history %+v", got.History)
	}
	// A kept number is kept, and the sequence continues after the highest.
	k := app(t, c)
	k.Number = "AMI2021-010"
	mustCreate(t, st, c, k)
	if n := mustCreate(t, st, c, app(t, c)); n.Number != "AMI2021-011" {
		t.Errorf("after a kept AMI2021-010, got %s", n.Number)
	}
})

var _ = register("DuplicateNumberWritesNothing", func(t *testing.T, h Harness) {
	st, c := seeded(t, h)
	a := app(t, c)
	a.Number = "X-1"
	mustCreate(t, st, c, a)
	b := app(t, c)
	b.Number = "X-1"
	b.Structure = data.Structure{Name: "Autre structure", SIRET: "44306184100047"}
	err := st.CreateApplication(ctx, c, b)
	if data.ErrorCode(err) != data.ECONFLICT || !strings.Contains(err.Error(), "déjà attribué") {
		t.Fatalf("got %v", err)
	}
	if count(t, st, c) != 1 {
		t.Fatal("the duplicate was written")
	}
	if rows, _, _ := st.ListApplications(ctx, c.ID, data.Filter{Search: "Autre structure"}); len(rows) != 0 {
		t.Fatal("rollback incomplete")
	}
})

var _ = register("InvalidApplicationWritesNothing", func(t *testing.T, h Harness) {
	st, c := seeded(t, h)
	a := app(t, c)
	a.Structure.SIRET = "73282932000075" // bad key
	a.RequestedCents = 3_000_000         // over the total cost
	a.QPVs = []string{"QP999999"}
	var v data.ValidationErrors
	if err := st.CreateApplication(ctx, c, a); !errors.As(err, &v) {
		t.Fatalf("got %v", err)
	}
	for _, f := range []string{data.FieldSIRET, data.FieldRequested, data.FieldQPV} {
		if v.For(f) == "" {
			t.Errorf("no message for %s in %v", f, v)
		}
	}
	if count(t, st, c) != 0 {
		t.Fatal("an invalid application was written")
	}
})

var _ = register("LateApplicationAndOverride", func(t *testing.T, h Harness) {
	st, c := seeded(t, h)
	a := app(t, c)
	a.Received = time.Date(2021, 5, 1, 0, 0, 0, 0, data.Paris) // first minute after the deadline day
	a.Documents = allPieces()                                  // the pièces are not what this test is about
	mustCreate(t, st, c, a)
	if !a.Late || a.Status != data.StatusIrrecevable {
		t.Fatalf("late=%v status=%s", a.Late, a.Status)
	}
	if err := st.ChangeStatus(ctx, a.ID, data.StatusRecevable, ""); err == nil {
		t.Fatal("a late application became recevable without an exemption")
	}
	if err := st.OverrideLate(ctx, a.ID, "  "); err == nil {
		t.Fatal("an exemption without a reason was accepted")
	}
	if err := st.OverrideLate(ctx, a.ID, "Panne de la plateforme de dépôt le 30/04"); err != nil {
		t.Fatal(err)
	}
	if err := st.ChangeStatus(ctx, a.ID, data.StatusRecevable, ""); err != nil {
		t.Fatal(err)
	}
	got, _ := st.Application(ctx, a.ID)
	var steps []string
	for _, hs := range got.History {
		steps = append(steps, string(hs.To))
	}
	if got.Status != data.StatusRecevable || got.LateOverride == "" || !got.Late || strings.Join(steps, ">") != "recu>irrecevable>recu>recevable" {
		t.Fatalf("after override: %s %v", got.Status, steps)
	}
	if !strings.Contains(got.History[1].Reason, "Hors délai") || !strings.Contains(got.History[2].Reason, "Panne") {
		t.Errorf("reasons %+v", got.History)
	}
	onTime := app(t, c)
	onTime.Received = time.Date(2021, 4, 30, 23, 59, 0, 0, data.Paris)
	if err := st.CreateApplication(ctx, c, onTime); err != nil || onTime.Late {
		t.Fatalf("23:59 on the deadline day: late=%v err=%v", onTime.Late, err)
	}
})

var _ = register("StatusNeedsReason", func(t *testing.T, h Harness) {
	st, c := seeded(t, h)
	a := mustCreate(t, st, c, app(t, c))
	if err := st.ChangeStatus(ctx, a.ID, data.StatusIrrecevable, ""); err == nil || !strings.Contains(err.Error(), "motif") {
		t.Fatalf("got %v", err)
	}
	if err := st.ChangeStatus(ctx, a.ID, data.StatusIrrecevable, "Structure hors territoire"); err != nil {
		t.Fatal(err)
	}
	got, _ := st.Application(ctx, a.ID)
	if got.Status != data.StatusIrrecevable || got.History[len(got.History)-1].Reason != "Structure hors territoire" {
		t.Fatalf("%+v", got.History)
	}
})

var _ = register("UpdateApplication", func(t *testing.T, h Harness) {
	st, c := seeded(t, h)
	a := mustCreate(t, st, c, app(t, c))
	a.Title = "Vélo-école, deuxième saison"
	a.QPVs = []string{"QP062019", "QP062002"}
	a.Cofinancing = nil
	a.Documents[data.DocStatuts] = true
	a.Opinion, a.OpinionText = data.OpinionFavorable, "Projet solide."
	if err := st.UpdateApplication(ctx, c, a, data.UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
	got, _ := st.Application(ctx, a.ID)
	if got.Title != a.Title || len(got.QPVs) != 2 || len(got.Cofinancing) != 0 || !got.Documents[data.DocStatuts] || got.Opinion != data.OpinionFavorable {
		t.Fatalf("%+v", got)
	}
	bad := *got
	bad.Title = ""
	if err := st.UpdateApplication(ctx, c, &bad, data.UpdateOptions{}); err == nil {
		t.Fatal("empty title accepted")
	}
	again, _ := st.Application(ctx, a.ID)
	if again.Title != "Vélo-école, deuxième saison" {
		t.Fatal("failed update changed the title")
	}
	// Re-dating after the deadline makes it late and irrecevable.
	again.Received = time.Date(2021, 5, 3, 9, 0, 0, 0, data.Paris)
	if err := st.UpdateApplication(ctx, c, again, data.UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
	if again.Status != data.StatusIrrecevable || !again.Late {
		t.Fatalf("re-dated: %s late=%v", again.Status, again.Late)
	}
})

var _ = register("ImportAllOrNothing", func(t *testing.T, h Harness) {
	st, c := seeded(t, h)
	bad := []data.Application{*app(t, c), *app(t, c), *app(t, c)}
	bad[1].Structure.Name = ""
	if _, err := st.ImportApplications(ctx, c, data.LinesOf(bad), data.ImportOptions{}); err == nil || !strings.Contains(err.Error(), "dossier 2") {
		t.Fatalf("a bad line: %v", err)
	}
	if count(t, st, c) != 0 {
		t.Fatal("partial import written")
	}
	// A number already in the register aborts the whole import, naming --update.
	first := *app(t, c)
	first.Number = "AMI2021-005"
	mustCreate(t, st, c, &first)
	clash := []data.Application{*app(t, c), *app(t, c)}
	clash[1].Number = "AMI2021-005"
	if _, err := st.ImportApplications(ctx, c, data.LinesOf(clash), data.ImportOptions{}); data.ErrorCode(err) != data.ECONFLICT || !strings.Contains(err.Error(), "--update") {
		t.Fatalf("number clash: %v", err)
	}
	if count(t, st, c) != 1 {
		t.Fatal("partial import written on a number clash")
	}
	three := func() []data.Application { return []data.Application{*app(t, c), *app(t, c), *app(t, c)} }
	if sum, err := st.ImportApplications(ctx, c, data.LinesOf(three()), data.ImportOptions{DryRun: true}); err != nil || sum.Created != 3 || count(t, st, c) != 1 {
		t.Fatalf("dry run: %+v %v count=%d", sum, err, count(t, st, c))
	}
	if sum, err := st.ImportApplications(ctx, c, data.LinesOf(three()), data.ImportOptions{}); err != nil || sum.Created != 3 || count(t, st, c) != 4 {
		t.Fatalf("%+v %v count=%d", sum, err, count(t, st, c))
	}
})

// A dry run leaves the lines as they were, so the same lines import after it.
var _ = register("DryRunThenImportSameLines", func(t *testing.T, h Harness) {
	st, c := seeded(t, h)
	lines := []data.Application{*app(t, c), *app(t, c)}
	lines[1].Structure = data.Structure{Name: "Autre structure"}
	if _, err := st.ImportApplications(ctx, c, data.LinesOf(lines), data.ImportOptions{DryRun: true}); err != nil {
		t.Fatal(err)
	}
	if lines[0].ID != 0 || lines[0].Number != "" || lines[0].Structure.ID != 0 {
		t.Fatalf("the dry run changed the caller's lines: %+v", lines[0])
	}
	if sum, err := st.ImportApplications(ctx, c, data.LinesOf(lines), data.ImportOptions{}); err != nil || sum.Created != 2 || count(t, st, c) != 2 {
		t.Fatalf("import after a dry run: %+v %v", sum, err)
	}
})

var _ = register("HostileText", func(t *testing.T, h Harness) {
	st, c := seeded(t, h)
	a := app(t, c)
	a.Structure.Name = `Robert'); DROP TABLE applications; -- « l'Étoile » 🚲 ?`
	a.Summary = strings.Repeat("é", 10000)
	a.Title = `"Quotes" and 'apostrophes' % _ \ $1 ? 🎉`
	mustCreate(t, st, c, a)
	got, _ := st.Application(ctx, a.ID)
	if got.Structure.Name != a.Structure.Name || got.Summary != a.Summary || got.Title != a.Title {
		t.Fatal("text changed on the way through the base")
	}
	if rows, _, err := st.ListApplications(ctx, c.ID, data.Filter{Search: "%"}); err != nil || len(rows) != 1 {
		t.Fatalf("search for %%: %d rows, %v", len(rows), err)
	}
	if rows, _, _ := st.ListApplications(ctx, c.ID, data.Filter{Search: "drop table"}); len(rows) != 1 {
		t.Fatal("search on a hostile name")
	}
})

var _ = register("ListFilterSearchSort", func(t *testing.T, h Harness) {
	st, c := seeded(t, h)
	mk := func(name, siret, title, themeLabel, qpv, commune string, req int64) *data.Application {
		a := app(t, c)
		a.Structure = data.Structure{Name: name, SIRET: siret, Commune: commune}
		a.Title, a.ThemeID, a.QPVs, a.RequestedCents = title, theme(t, c, themeLabel), []string{qpv}, req
		return mustCreate(t, st, c, a)
	}
	mk("Éveil des Quartiers", "73282932000074", "Atelier santé", "Santé", "QP062019", "62065", 500_000)
	mk("Zèbre Mobile", "44306184100047", "Garage solidaire", "Mobilité", "QP062002", "62510", 1_500_000)
	third := mk("Association Avenir", "", "Réussite éducative", "Éducation", "QP062019", "62065", 1_000_000)
	if err := st.ChangeStatus(ctx, third.ID, data.StatusIrrecevable, "Hors territoire"); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		f    data.Filter
		want string
	}{
		{"all by number", data.Filter{}, "AMI2021-001 AMI2021-002 AMI2021-003"},
		{"accents and case ignored", data.Filter{Search: "EVEIL"}, "AMI2021-001"},
		{"title", data.Filter{Search: "garage"}, "AMI2021-002"},
		{"siret with spaces", data.Filter{Search: "443 061 841"}, "AMI2021-002"},
		{"number", data.Filter{Search: "2021-003"}, "AMI2021-003"},
		{"status", data.Filter{Status: data.StatusIrrecevable}, "AMI2021-003"},
		{"statuses", data.Filter{Statuses: []data.Status{data.StatusRecu, data.StatusIrrecevable}}, "AMI2021-001 AMI2021-002 AMI2021-003"},
		{"one of statuses", data.Filter{Statuses: []data.Status{data.StatusComplet, data.StatusIrrecevable}}, "AMI2021-003"},
		{"theme", data.Filter{ThemeID: theme(t, c, "Mobilité")}, "AMI2021-002"},
		{"qpv", data.Filter{QPV: "QP062019"}, "AMI2021-001 AMI2021-003"},
		{"commune", data.Filter{Commune: "62510"}, "AMI2021-002"},
		{"sort by requested desc", data.Filter{Sort: data.SortRequested, Desc: true}, "AMI2021-002 AMI2021-003 AMI2021-001"},
		{"sort by structure", data.Filter{Sort: data.SortStructure}, "AMI2021-003 AMI2021-001 AMI2021-002"},
		{"sort by commune", data.Filter{Sort: data.SortCommune}, "AMI2021-001 AMI2021-003 AMI2021-002"},
		{"nothing", data.Filter{Search: "introuvable"}, ""},
	}
	for _, tc := range cases {
		rows, tot, err := st.ListApplications(ctx, c.ID, tc.f)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		var sum int64
		for _, r := range rows {
			got = append(got, r.Number)
			sum += r.RequestedCents
		}
		if strings.Join(got, " ") != tc.want || tot.Count != len(rows) || tot.RequestedCents != sum {
			t.Errorf("%s: got %v (totals %+v)", tc.name, got, tot)
		}
	}
	rows, _, _ := st.ListApplications(ctx, c.ID, data.Filter{Search: "zebre"})
	if r := rows[0]; r.Theme != "Mobilité" || r.CommuneName != "Liévin" || r.QPVs[0] != "QP062002" {
		t.Errorf("row %+v", r)
	}
})

var _ = register("CampaignSettings", func(t *testing.T, h Harness) {
	st, c := seeded(t, h)
	c.EnvelopeCents = 20_000_000
	c.Themes = append(c.Themes, data.Theme{Label: "Citoyenneté", Examples: "Participation des habitants"})
	c.QPVs = append(c.QPVs, data.QPV{Code: "QP062999", Name: "Nouveau quartier", Communes: []string{"62498"}})
	if err := st.UpdateCampaign(ctx, c, false); err != nil {
		t.Fatal(err)
	}
	got, _ := st.Campaign(ctx, c.ID)
	if got.EnvelopeCents != 20_000_000 || len(got.Themes) != 5 || len(got.QPVs) != 22 {
		t.Fatalf("%d %d %d", got.EnvelopeCents, len(got.Themes), len(got.QPVs))
	}
	// A QPV still cited by an application cannot be removed.
	a := app(t, c)
	a.QPVs = []string{"QP062002"}
	mustCreate(t, st, c, a)
	got.QPVs = got.QPVs[1:] // drops QP062002
	if err := st.UpdateCampaign(ctx, got, false); data.ErrorCode(err) != data.ECONFLICT {
		t.Fatalf("removing a used QPV: %v", err)
	}
	got, _ = st.Campaign(ctx, c.ID)
	got.Themes = got.Themes[1:] // drops Mobilité, used by a
	if err := st.UpdateCampaign(ctx, got, false); data.ErrorCode(err) != data.ECONFLICT {
		t.Fatalf("removing a used theme: %v", err)
	}
	bad, _ := st.Campaign(ctx, c.ID)
	bad.EnvelopeCents = 0
	if err := st.UpdateCampaign(ctx, bad, false); data.ErrorCode(err) != data.EINVALID {
		t.Fatalf("zero envelope: %v", err)
	}
})

var _ = register("StaleCampaignSettingsRefused", func(t *testing.T, h Harness) {
	st, c := seeded(t, h)
	mine, _ := st.Campaign(ctx, c.ID)
	theirs, _ := st.Campaign(ctx, c.ID)
	theirs.EnvelopeCents = 20_000_000
	if err := st.UpdateCampaign(ctx, theirs, false); err != nil {
		t.Fatal(err)
	}
	mine.Title = "Titre corrigé"
	if err := st.UpdateCampaign(ctx, mine, false); data.ErrorCode(err) != data.ECONFLICT || !strings.Contains(err.Error(), "entre-temps") {
		t.Fatalf("stale settings: %v", err)
	}
	got, _ := st.Campaign(ctx, c.ID)
	if got.EnvelopeCents != 20_000_000 || got.Title == "Titre corrigé" {
		t.Fatalf("%d %q", got.EnvelopeCents, got.Title)
	}
})

// The CLI without --campaign and a new window take the most recent real
// campaign, never the demonstration one.
var _ = register("DefaultCampaignIsNeverTheDemo", func(t *testing.T, h Harness) {
	st, _ := seeded(t, h)
	demo, _ := seed.DefaultCampaign()
	demo.Code = data.DemoCode
	if err := st.CreateCampaign(ctx, demo); err != nil {
		t.Fatal(err)
	}
	if c, err := st.CampaignByCode(ctx, ""); err != nil || c.Code != "AMI2021" {
		t.Fatalf("default campaign with a demo loaded after it: %v %v", c, err)
	}
})

// The dashboard's « 3 dossiers sans RIB » opens the register on exactly those:
// the filter keeps the dossiers lacking a piece, and every row carries the
// pieces received, in checklist order.
var _ = register("ListMissingPiece", func(t *testing.T, h Harness) {
	st, c := seeded(t, h)
	mk := func(name string, docs ...data.Document) *data.Application {
		a := app(t, c)
		a.Structure.Name = name
		a.Documents = map[data.Document]bool{}
		for _, d := range docs {
			a.Documents[d] = true
		}
		return mustCreate(t, st, c, a)
	}
	mk("Complet", data.Documents...)
	noRIB := mk("Sans RIB", data.DocStatuts, data.DocCerfa)
	mk("Rien reçu")
	rows, tot, err := st.ListApplications(ctx, c.ID, data.Filter{Missing: data.DocRIB})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || tot.Count != 2 || rows[0].Structure != "Sans RIB" || rows[1].Structure != "Rien reçu" {
		t.Fatalf("sans RIB: %+v", rows)
	}
	if got := rows[0].Pieces; len(got) != 2 || got[0] != data.DocCerfa || got[1] != data.DocStatuts || !rows[0].Lacks(data.DocRIB) || rows[0].Lacks(data.DocCerfa) {
		t.Fatalf("pieces %v", got)
	}
	if rows, _, _ := st.ListApplications(ctx, c.ID, data.Filter{Missing: data.DocRIB, Search: "rien"}); len(rows) != 1 {
		t.Fatalf("missing and search: %d rows", len(rows))
	}
	all, _, _ := st.ListApplications(ctx, c.ID, data.Filter{})
	if len(all[0].Pieces) != len(data.Documents) || len(all[2].Pieces) != 0 {
		t.Fatalf("pieces of every row: %v / %v", all[0].Pieces, all[2].Pieces)
	}
	// The RIB arrives: the dossier leaves the list.
	got, _ := st.Application(ctx, noRIB.ID)
	got.Documents[data.DocRIB] = true
	if err := st.UpdateApplication(ctx, c, got, data.UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
	if rows, _, _ := st.ListApplications(ctx, c.ID, data.Filter{Missing: data.DocRIB}); len(rows) != 1 || rows[0].Structure != "Rien reçu" {
		t.Fatalf("after the RIB came: %+v", rows)
	}
})

// A dossier typed without its deposit date keeps it unknown: it is not late,
// even when typed after the deadline; typing a late date later declares it so.
var _ = register("CreateWithoutDepositDate", func(t *testing.T, h Harness) {
	st, c := seeded(t, h)
	Pin(st, time.Date(2021, 6, 2, 9, 0, 0, 0, data.Paris)) // after the deadline of 30/04/2021
	a := app(t, c)
	a.Received = time.Time{}
	mustCreate(t, st, c, a)
	got, _ := st.Application(ctx, a.ID)
	if !got.Received.IsZero() || got.Late || got.Status != data.StatusRecu {
		t.Fatalf("received %v, late %v, status %s", got.Received, got.Late, got.Status)
	}
	got.Received = time.Date(2021, 5, 3, 9, 0, 0, 0, data.Paris)
	if err := st.UpdateApplication(ctx, c, got, data.UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
	got, _ = st.Application(ctx, a.ID)
	if !got.Late || got.Status != data.StatusIrrecevable {
		t.Fatalf("after typing a late date: late %v, status %s", got.Late, got.Status)
	}
})

// A dossier typed without a number follows the register's scheme: after an
// import of DS-1034 and DS-1035 it is DS-1036, not AMI2021-001.
var _ = register("NumberFollowsScheme", func(t *testing.T, h Harness) {
	st, c := seeded(t, h)
	var apps []data.Application
	for _, n := range []string{"DS-1034", "DS-1035"} {
		a := app(t, c)
		a.Number = n
		apps = append(apps, *a)
	}
	if _, err := st.ImportApplications(ctx, c, data.LinesOf(apps), data.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	typed := mustCreate(t, st, c, app(t, c))
	if typed.Number != "DS-1036" {
		t.Fatalf("typed dossier numbered %s", typed.Number)
	}
})

// A statement of rows the engine refuses midway through a long import (here a
// trigger stands for any rule of the base that the store does not check
// first) fails the whole import: nothing is written, and the base takes the
// next write as usual.
var _ = register("RefusedBatchWritesNothing", func(t *testing.T, h Harness) {
	st, c := seeded(t, h)
	refuseStructure(t, st, "Structure refusée")
	lines := make([]data.Application, 1_200)
	for i := range lines {
		lines[i] = *app(t, c)
		lines[i].Number = fmt.Sprintf("DS-%04d", i+1)
	}
	lines[700].Structure.Name = "Structure refusée"
	_, err := st.ImportApplications(ctx, c, data.LinesOf(lines), data.ImportOptions{})
	if err == nil || !strings.Contains(data.ErrorMessage(err), "rien n'a été") {
		t.Fatalf("the import through a refused row: %v (« %s »)", err, data.ErrorMessage(err))
	}
	if n := count(t, st, c); n != 0 {
		t.Fatalf("%d dossiers written by a failed import", n)
	}
	lines[700].Structure.Name = "Structure acceptée"
	if sum, err := st.ImportApplications(ctx, c, data.LinesOf(lines), data.ImportOptions{}); err != nil || sum.Created != len(lines) {
		t.Fatalf("the next import: %+v %v", sum, err)
	}
	intact(t, st)
})

// refuseStructure makes the base refuse a structure of that name, with a
// trigger in the engine's own dialect.
func refuseStructure(t *testing.T, st data.Store, name string) {
	t.Helper()
	raw := Raw(st)
	sqlite := `CREATE TRIGGER refuse_structure BEFORE INSERT ON structures WHEN NEW.name = '` + name + `'
		BEGIN SELECT RAISE(ABORT, 'structure refusée'); END`
	if _, err := raw.Exec(sqlite); err == nil {
		return
	}
	for _, q := range []string{
		`CREATE FUNCTION refuse_structure() RETURNS trigger AS $$ BEGIN
			IF NEW.name = '` + name + `' THEN RAISE EXCEPTION 'structure refusée'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`,
		`CREATE TRIGGER refuse_structure BEFORE INSERT ON structures FOR EACH ROW EXECUTE FUNCTION refuse_structure()`,
	} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
}
