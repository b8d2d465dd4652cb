package sqlite_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/sqlite"
)

var ctx = context.Background()

// open gives a fresh database file seeded with the default campaign.
func open(t testing.TB) (*sqlite.DB, *data.Campaign) {
	t.Helper()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "cohesion.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.Now = func() time.Time { return time.Date(2021, 4, 20, 10, 0, 0, 0, data.Paris) }
	db.User = "agent.test"
	if _, err := db.EnsureDefault(ctx); err != nil {
		t.Fatal(err)
	}
	c, err := db.CampaignByCode(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	return db, c
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

func count(t testing.TB, db *sqlite.DB, c *data.Campaign) int {
	t.Helper()
	_, tot, err := db.ListApplications(ctx, c.ID, sqlite.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	return tot.Count
}

func TestDefaultCampaignSeeded(t *testing.T) {
	db, c := open(t)
	if c.Code != "AMI2021" || c.EnvelopeCents != 15_000_000 {
		t.Fatalf("campaign %s, envelope %d", c.Code, c.EnvelopeCents)
	}
	if !strings.HasPrefix(c.Title, "Changer la vie des habitants des quartiers prioritaires") {
		t.Errorf("title %q", c.Title)
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
	if k := c.Criteria[0]; k.Weight != 3 || k.Max != 5 || !strings.HasPrefix(k.Label, "Réponse à un besoin social") {
		t.Errorf("criterion 1: %+v", k)
	}
	if c.Deadline != data.NewDate(2021, 4, 30) || c.Launch != data.NewDate(2021, 3, 8) || c.Jury.Format() != "juin 2021" || c.Deliberation.Format() != "septembre 2021" {
		t.Errorf("calendar: %v %v %s %s", c.Launch, c.Deadline, c.Jury.Format(), c.Deliberation.Format())
	}
	if c.MinScoreHundredths != 1000 || c.Quorum != 1 {
		t.Errorf("jury defaults %d %d", c.MinScoreHundredths, c.Quorum)
	}
	seeded, err := db.EnsureDefault(ctx)
	if err != nil || seeded {
		t.Fatalf("second EnsureDefault seeded=%v err=%v", seeded, err)
	}
	cs, _ := db.Campaigns(ctx)
	if len(cs) != 1 {
		t.Fatalf("%d campaigns after a second start", len(cs))
	}
}

func TestSchemaAndPragmas(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.db")
	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	raw := rawDB(t, path)
	var v int
	raw.QueryRow(`PRAGMA user_version`).Scan(&v)
	if v != sqlite.SchemaVersion() || v < 1 {
		t.Fatalf("user_version %d, want %d", v, sqlite.SchemaVersion())
	}
	var mode string
	raw.QueryRow(`PRAGMA journal_mode`).Scan(&mode)
	if mode != "wal" {
		t.Errorf("journal_mode %s", mode)
	}
	// Every pooled connection enforces foreign keys: hold several at once.
	fks := db.ForeignKeysOnAllConns(ctx, 4)
	for i, on := range fks {
		if !on {
			t.Errorf("connection %d has foreign keys off", i)
		}
	}
}

func TestNewerSchemaRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.db")
	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	raw := rawDB(t, path)
	if _, err := raw.Exec(`PRAGMA user_version = 999`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	_, err = sqlite.Open(path)
	if err == nil || !strings.Contains(err.Error(), "version plus récente") {
		t.Fatalf("got %v", err)
	}
}

func TestNotADatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.db")
	os.WriteFile(path, []byte(strings.Repeat("ceci n'est pas une base SQLite\n", 200)), 0o644)
	_, err := sqlite.Open(path)
	var ce *sqlite.CorruptError
	if !errors.As(err, &ce) || !strings.Contains(err.Error(), "endommagée") || ce.LatestBackup != "" {
		t.Fatalf("got %v", err)
	}
}

func TestCreateNumbersAndReload(t *testing.T) {
	db, c := open(t)
	a := app(t, c)
	if err := db.CreateApplication(ctx, c, a); err != nil {
		t.Fatal(err)
	}
	b := app(t, c)
	b.Title = "Deuxième projet de la même structure"
	if err := db.CreateApplication(ctx, c, b); err != nil {
		t.Fatal(err)
	}
	if a.Number != "AMI2021-001" || b.Number != "AMI2021-002" {
		t.Fatalf("numbers %s %s", a.Number, b.Number)
	}
	if a.Structure.ID == 0 || a.Structure.ID != b.Structure.ID {
		t.Errorf("one structure applying twice should stay one: %d %d", a.Structure.ID, b.Structure.ID)
	}
	got, err := db.ApplicationByNumber(ctx, c.ID, "AMI2021-001")
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
	if err := db.CreateApplication(ctx, c, k); err != nil {
		t.Fatal(err)
	}
	n := app(t, c)
	if err := db.CreateApplication(ctx, c, n); err != nil {
		t.Fatal(err)
	}
	if n.Number != "AMI2021-011" {
		t.Errorf("after a kept AMI2021-010, got %s", n.Number)
	}
}

func TestDuplicateNumberWritesNothing(t *testing.T) {
	db, c := open(t)
	a := app(t, c)
	a.Number = "X-1"
	if err := db.CreateApplication(ctx, c, a); err != nil {
		t.Fatal(err)
	}
	b := app(t, c)
	b.Number = "X-1"
	b.Structure = data.Structure{Name: "Autre structure", SIRET: "44306184100047"}
	err := db.CreateApplication(ctx, c, b)
	if data.ErrorCode(err) != data.ECONFLICT || !strings.Contains(err.Error(), "déjà attribué") {
		t.Fatalf("got %v", err)
	}
	if count(t, db, c) != 1 {
		t.Fatal("the duplicate was written")
	}
	// The structure inserted before the failure was rolled back with it.
	rows, _, _ := db.ListApplications(ctx, c.ID, sqlite.Filter{Search: "Autre structure"})
	if len(rows) != 0 {
		t.Fatal("rollback incomplete")
	}
}

func TestInvalidApplicationWritesNothing(t *testing.T) {
	db, c := open(t)
	a := app(t, c)
	a.Structure.SIRET = "73282932000075" // bad key
	a.RequestedCents = 3_000_000         // over the total cost
	a.QPVs = []string{"QP999999"}
	err := db.CreateApplication(ctx, c, a)
	var v data.ValidationErrors
	if !asValidation(err, &v) {
		t.Fatalf("got %v", err)
	}
	for _, f := range []string{data.FieldSIRET, data.FieldRequested, data.FieldQPV} {
		if v.For(f) == "" {
			t.Errorf("no message for %s in %v", f, v)
		}
	}
	if count(t, db, c) != 0 {
		t.Fatal("an invalid application was written")
	}
}

func TestLateApplicationAndOverride(t *testing.T) {
	db, c := open(t)
	a := app(t, c)
	a.Received = time.Date(2021, 5, 1, 0, 0, 0, 0, data.Paris) // first minute after the deadline day
	if err := db.CreateApplication(ctx, c, a); err != nil {
		t.Fatal(err)
	}
	if !a.Late || a.Status != data.StatusIrrecevable {
		t.Fatalf("late=%v status=%s", a.Late, a.Status)
	}
	if err := db.ChangeStatus(ctx, a.ID, data.StatusRecevable, ""); err == nil {
		t.Fatal("a late application became recevable without an exemption")
	}
	if err := db.OverrideLate(ctx, a.ID, "  "); err == nil {
		t.Fatal("an exemption without a reason was accepted")
	}
	if err := db.OverrideLate(ctx, a.ID, "Panne de la plateforme de dépôt le 30/04"); err != nil {
		t.Fatal(err)
	}
	if err := db.ChangeStatus(ctx, a.ID, data.StatusRecevable, ""); err != nil {
		t.Fatal(err)
	}
	got, _ := db.Application(ctx, a.ID)
	if got.Status != data.StatusRecevable || got.LateOverride == "" || !got.Late {
		t.Fatalf("after override: %+v", got)
	}
	var steps []string
	for _, h := range got.History {
		steps = append(steps, string(h.To))
	}
	if strings.Join(steps, ">") != "recu>irrecevable>recu>recevable" {
		t.Errorf("history %v", steps)
	}
	if !strings.Contains(got.History[1].Reason, "Hors délai") || !strings.Contains(got.History[2].Reason, "Panne") {
		t.Errorf("reasons %+v", got.History)
	}

	onTime := app(t, c)
	onTime.Received = time.Date(2021, 4, 30, 23, 59, 0, 0, data.Paris)
	if err := db.CreateApplication(ctx, c, onTime); err != nil || onTime.Late {
		t.Fatalf("23:59 on the deadline day: late=%v err=%v", onTime.Late, err)
	}
}

func TestStatusNeedsReason(t *testing.T) {
	db, c := open(t)
	a := app(t, c)
	db.CreateApplication(ctx, c, a)
	if err := db.ChangeStatus(ctx, a.ID, data.StatusIrrecevable, ""); err == nil || !strings.Contains(err.Error(), "motif") {
		t.Fatalf("got %v", err)
	}
	if err := db.ChangeStatus(ctx, a.ID, data.StatusIrrecevable, "Structure hors territoire"); err != nil {
		t.Fatal(err)
	}
	got, _ := db.Application(ctx, a.ID)
	if got.Status != data.StatusIrrecevable || got.History[len(got.History)-1].Reason != "Structure hors territoire" {
		t.Fatalf("%+v", got.History)
	}
}

func TestUpdateApplication(t *testing.T) {
	db, c := open(t)
	a := app(t, c)
	db.CreateApplication(ctx, c, a)
	a.Title = "Vélo-école, deuxième saison"
	a.QPVs = []string{"QP062019", "QP062002"}
	a.Cofinancing = nil
	a.Documents[data.DocStatuts] = true
	a.Opinion, a.OpinionText = data.OpinionFavorable, "Projet solide."
	if err := db.UpdateApplication(ctx, c, a); err != nil {
		t.Fatal(err)
	}
	got, _ := db.Application(ctx, a.ID)
	if got.Title != a.Title || len(got.QPVs) != 2 || len(got.Cofinancing) != 0 || !got.Documents[data.DocStatuts] || got.Opinion != data.OpinionFavorable {
		t.Fatalf("%+v", got)
	}
	// An invalid correction changes nothing.
	bad := *got
	bad.Title = ""
	if err := db.UpdateApplication(ctx, c, &bad); err == nil {
		t.Fatal("empty title accepted")
	}
	again, _ := db.Application(ctx, a.ID)
	if again.Title != "Vélo-école, deuxième saison" {
		t.Fatal("failed update changed the title")
	}
	// Re-dating after the deadline makes it late and irrecevable.
	again.Received = time.Date(2021, 5, 3, 9, 0, 0, 0, data.Paris)
	if err := db.UpdateApplication(ctx, c, again); err != nil {
		t.Fatal(err)
	}
	if again.Status != data.StatusIrrecevable || !again.Late {
		t.Fatalf("re-dated: %s late=%v", again.Status, again.Late)
	}
}

func TestImportAllOrNothing(t *testing.T) {
	db, c := open(t)
	good := []data.Application{*app(t, c), *app(t, c), *app(t, c)}
	bad := append([]data.Application(nil), good...)
	bad[1].Structure.Name = ""
	if _, err := db.ImportApplications(ctx, c, bad, false); err == nil {
		t.Fatal("import with a bad line succeeded")
	} else if !strings.Contains(err.Error(), "dossier 2") {
		t.Errorf("error does not name the line: %v", err)
	}
	if count(t, db, c) != 0 {
		t.Fatal("partial import written")
	}
	// A number already in the database aborts the whole import too.
	first := *app(t, c)
	first.Number = "AMI2021-005"
	db.CreateApplication(ctx, c, &first)
	clash := []data.Application{*app(t, c), *app(t, c)}
	clash[1].Number = "AMI2021-005"
	if _, err := db.ImportApplications(ctx, c, clash, false); data.ErrorCode(err) != data.ECONFLICT {
		t.Fatalf("got %v", err)
	}
	if count(t, db, c) != 1 {
		t.Fatal("partial import written on a number clash")
	}
	n, err := db.ImportApplications(ctx, c, []data.Application{*app(t, c), *app(t, c), *app(t, c)}, true)
	if err != nil || n != 3 || count(t, db, c) != 1 {
		t.Fatalf("dry run: n=%d err=%v count=%d", n, err, count(t, db, c))
	}
	n, err = db.ImportApplications(ctx, c, []data.Application{*app(t, c), *app(t, c), *app(t, c)}, false)
	if err != nil || n != 3 || count(t, db, c) != 4 {
		t.Fatalf("n=%d err=%v count=%d", n, err, count(t, db, c))
	}
}

func TestHostileText(t *testing.T) {
	db, c := open(t)
	a := app(t, c)
	a.Structure.Name = `Robert'); DROP TABLE applications; -- « l'Étoile » 🚲`
	a.Summary = strings.Repeat("é", 10000)
	a.Title = `"Quotes" and 'apostrophes' % _ \ 🎉`
	if err := db.CreateApplication(ctx, c, a); err != nil {
		t.Fatal(err)
	}
	got, _ := db.Application(ctx, a.ID)
	if got.Structure.Name != a.Structure.Name || got.Summary != a.Summary || got.Title != a.Title {
		t.Fatal("text changed on the way through the database")
	}
	rows, _, err := db.ListApplications(ctx, c.ID, sqlite.Filter{Search: "%"})
	if err != nil || len(rows) != 1 {
		t.Fatalf("search for %%: %d rows, %v", len(rows), err)
	}
	rows, _, _ = db.ListApplications(ctx, c.ID, sqlite.Filter{Search: "drop table"})
	if len(rows) != 1 {
		t.Fatal("search on a hostile name")
	}
}

func TestListFilterSearchSort(t *testing.T) {
	db, c := open(t)
	mk := func(name, siret, title, themeLabel, qpv, commune string, req int64) *data.Application {
		a := app(t, c)
		a.Structure = data.Structure{Name: name, SIRET: siret, Commune: commune}
		a.Title, a.ThemeID, a.QPVs, a.RequestedCents = title, theme(t, c, themeLabel), []string{qpv}, req
		if err := db.CreateApplication(ctx, c, a); err != nil {
			t.Fatal(err)
		}
		return a
	}
	mk("Éveil des Quartiers", "73282932000074", "Atelier santé", "Santé", "QP062019", "62065", 500_000)
	mk("Zèbre Mobile", "44306184100047", "Garage solidaire", "Mobilité", "QP062002", "62510", 1_500_000)
	mk("Association Avenir", "", "Réussite éducative", "Éducation", "QP062019", "62065", 1_000_000)
	db.ChangeStatus(ctx, 3, data.StatusIrrecevable, "Hors territoire")

	cases := []struct {
		name string
		f    sqlite.Filter
		want string
	}{
		{"all by number", sqlite.Filter{}, "AMI2021-001 AMI2021-002 AMI2021-003"},
		{"accents and case ignored", sqlite.Filter{Search: "EVEIL"}, "AMI2021-001"},
		{"title", sqlite.Filter{Search: "garage"}, "AMI2021-002"},
		{"siret with spaces", sqlite.Filter{Search: "443 061 841"}, "AMI2021-002"},
		{"number", sqlite.Filter{Search: "2021-003"}, "AMI2021-003"},
		{"status", sqlite.Filter{Status: data.StatusIrrecevable}, "AMI2021-003"},
		{"theme", sqlite.Filter{ThemeID: theme(t, c, "Mobilité")}, "AMI2021-002"},
		{"qpv", sqlite.Filter{QPV: "QP062019"}, "AMI2021-001 AMI2021-003"},
		{"commune", sqlite.Filter{Commune: "62510"}, "AMI2021-002"},
		{"sort by requested desc", sqlite.Filter{Sort: sqlite.SortRequested, Desc: true}, "AMI2021-002 AMI2021-003 AMI2021-001"},
		{"sort by structure", sqlite.Filter{Sort: sqlite.SortStructure}, "AMI2021-003 AMI2021-001 AMI2021-002"},
		{"nothing", sqlite.Filter{Search: "introuvable"}, ""},
	}
	for _, tc := range cases {
		rows, tot, err := db.ListApplications(ctx, c.ID, tc.f)
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
	rows, _, _ := db.ListApplications(ctx, c.ID, sqlite.Filter{Search: "zebre"})
	if r := rows[0]; r.Theme != "Mobilité" || r.CommuneName != "Liévin" || r.QPVs[0] != "QP062002" {
		t.Errorf("row %+v", r)
	}
}

func TestCampaignSettings(t *testing.T) {
	db, c := open(t)
	c.EnvelopeCents = 20_000_000
	c.Themes = append(c.Themes, data.Theme{Label: "Citoyenneté", Examples: "Participation des habitants"})
	c.QPVs = append(c.QPVs, data.QPV{Code: "QP062999", Name: "Nouveau quartier", Communes: []string{"62498"}})
	if err := db.UpdateCampaign(ctx, c); err != nil {
		t.Fatal(err)
	}
	got, _ := db.Campaign(ctx, c.ID)
	if got.EnvelopeCents != 20_000_000 || len(got.Themes) != 5 || len(got.QPVs) != 22 {
		t.Fatalf("%d %d %d", got.EnvelopeCents, len(got.Themes), len(got.QPVs))
	}
	// A QPV still cited by an application cannot be removed.
	a := app(t, c)
	db.CreateApplication(ctx, c, a)
	got.QPVs = got.QPVs[1:] // drops QP062002
	a.QPVs = []string{"QP062002"}
	db.UpdateApplication(ctx, c, a)
	if err := db.UpdateCampaign(ctx, got); data.ErrorCode(err) != data.ECONFLICT {
		t.Fatalf("removing a used QPV: %v", err)
	}
	// A theme in use cannot be removed either.
	got, _ = db.Campaign(ctx, c.ID)
	got.Themes = got.Themes[1:] // drops Mobilité, used by a
	if err := db.UpdateCampaign(ctx, got); data.ErrorCode(err) != data.ECONFLICT {
		t.Fatalf("removing a used theme: %v", err)
	}
	bad, _ := db.Campaign(ctx, c.ID)
	bad.EnvelopeCents = 0
	if err := db.UpdateCampaign(ctx, bad); data.ErrorCode(err) != data.EINVALID {
		t.Fatalf("zero envelope: %v", err)
	}
}

// A dry run leaves the lines as they were, so the same lines import after it.
func TestDryRunThenImportSameLines(t *testing.T) {
	db, c := open(t)
	lines := []data.Application{*app(t, c), *app(t, c)}
	lines[1].Structure = data.Structure{Name: "Autre structure"}
	if _, err := db.ImportApplications(ctx, c, lines, true); err != nil {
		t.Fatal(err)
	}
	if lines[0].ID != 0 || lines[0].Number != "" || lines[0].Structure.ID != 0 {
		t.Fatalf("the dry run changed the caller's lines: %+v", lines[0])
	}
	if n, err := db.ImportApplications(ctx, c, lines, false); err != nil || n != 2 || count(t, db, c) != 2 {
		t.Fatalf("import after a dry run: %d %v", n, err)
	}
}
