package ui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/call-agglo/cohesion/cmd/backend"
	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/importer"
	"github.com/call-agglo/cohesion/data/jury"
	"github.com/call-agglo/cohesion/data/postgres/pgtest"
	"github.com/call-agglo/cohesion/data/sheet"
	"github.com/call-agglo/cohesion/data/sqlite"
	"github.com/call-agglo/cohesion/data/storetest"
)

// newTestApp opens the main window over a fresh database file.
func newTestApp(t testing.TB) *App {
	t.Helper()
	fa := test.NewTempApp(t)
	path := filepath.Join(t.TempDir(), "cohesion.db")
	t.Setenv("COHESION_DB", path) // this desk's own base, for « Ouvrir la base de ce poste »
	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	storetest.Pin(db, time.Date(2021, 4, 20, 10, 0, 0, 0, data.Paris))
	a, err := newApp(fa, backend.Bases{}, path, db, inlineRunner{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	a.win.Resize(fyne.NewSize(1280, 800))
	return a
}

func stored(t *testing.T, a *App) []data.Row {
	rows, _, err := a.base.db.ListApplications(context.Background(), a.campaign.ID, data.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func cellText(a *App, row, col int) string {
	l := widget.NewLabel("")
	a.register.updateCell(widget.TableCellID{Row: row, Col: col}, l)
	return l.Text
}

func TestStartsOnDefaultCampaign(t *testing.T) {
	a := newTestApp(t)
	if a.campaign.Code != "AMI2021" || a.campaignSel.Selected != "AMI2021" {
		t.Fatalf("campaign %s, selector %q", a.campaign.Code, a.campaignSel.Selected)
	}
	if !strings.Contains(a.register.footer.Text, "150\u202f000,00") || !strings.HasPrefix(a.register.footer.Text, "0 dossier") {
		t.Errorf("footer %q", a.register.footer.Text)
	}
	if a.win.Title() != "Cohésion — AMI2021" {
		t.Errorf("title %q", a.win.Title())
	}
	if !a.register.empty.Visible() || !strings.Contains(a.register.empty.Text, "Aucun dossier") {
		t.Errorf("empty register says %q", a.register.empty.Text)
	}
}

func TestCreateApplicationThroughForm(t *testing.T) {
	a := newTestApp(t)
	a.onNewApplication()
	f := a.register.form
	if f == nil {
		t.Fatal("no form after Nouveau dossier")
	}
	test.Type(f.name, "Association Les Petits Pas")
	test.Type(f.siret, "732 829 320 00074")
	test.Type(f.email, "contact@petitspas.example.org")
	test.Type(f.title, "Vélo-école au quartier")
	f.theme.SetSelected("Mobilité")
	f.qpv.SetSelected([]string{"République - Cité 4 (QP062019)"})
	test.Type(f.total, "20 000")
	test.Type(f.requested, "8 000,50 €")
	test.Type(f.share, "80 %")
	f.commune.SetSelected("Avion")
	save := findButton(t, f.root, "Enregistrer (Ctrl+S)")
	test.Tap(save)

	if !f.banner.Visible() || !strings.Contains(f.banner.Text, "AMI2021-001 enregistré") {
		t.Fatalf("banner %q", f.banner.Text)
	}
	rows := stored(t, a)
	if len(rows) != 1 {
		t.Fatalf("%d rows stored", len(rows))
	}
	r := rows[0]
	if r.Structure != "Association Les Petits Pas" || r.SIRET != "73282932000074" || r.RequestedCents != 800050 ||
		r.Theme != "Mobilité" || len(r.QPVs) != 1 || r.QPVs[0] != "QP062019" || r.CommuneName != "Avion" {
		t.Fatalf("stored %+v", r)
	}
	// Back to the register: the new application is in the table.
	test.Tap(findButton(t, f.root, "Registre"))
	if a.register.form != nil {
		t.Fatal("form still open after saving and going back")
	}
	if n, _ := a.register.table.Length(); n != 1 {
		t.Fatalf("table has %d rows", n)
	}
	if got := cellText(a, 0, 0); got != "AMI2021-001" {
		t.Errorf("number cell %q", got)
	}
	if got := cellText(a, 0, 4); got != "8\u202f000,50\u00a0€" {
		t.Errorf("amount cell %q", got)
	}
	if !strings.HasPrefix(a.register.footer.Text, "1 dossier") || !strings.Contains(a.register.footer.Text, "8\u202f000,50") {
		t.Errorf("footer %q", a.register.footer.Text)
	}
}

func TestInvalidSIRETSavesNothing(t *testing.T) {
	a := newTestApp(t)
	a.onNewApplication()
	f := a.register.form
	test.Type(f.name, "Association Test")
	test.Type(f.siret, "73282932000075")
	test.Type(f.title, "Projet")
	test.Type(f.requested, "5000")
	test.Type(f.total, "12.500") // ambiguous: thousands or decimals?
	a.register.onSaveShortcut()

	if msg := f.errs[data.FieldSIRET]; !msg.Visible() || !strings.Contains(msg.Text, "SIRET invalide") {
		t.Errorf("SIRET message %q visible=%v", msg.Text, msg.Visible())
	}
	if msg := f.errs[data.FieldTotal]; !msg.Visible() || !strings.Contains(msg.Text, "ambigu") {
		t.Errorf("total message %q", msg.Text)
	}
	if msg := f.errs[data.FieldStructure]; msg.Visible() {
		t.Errorf("a valid field shows %q", msg.Text)
	}
	if !strings.Contains(f.banner.Text, "non enregistré") {
		t.Errorf("banner %q", f.banner.Text)
	}
	if f.tabs.SelectedIndex() != 0 {
		t.Errorf("the Structure section (SIRET) should be shown, got tab %d", f.tabs.SelectedIndex())
	}
	if n := len(stored(t, a)); n != 0 {
		t.Fatalf("%d applications stored despite errors", n)
	}
	// Correct the SIRET: now it saves, and the messages go away.
	f.siret.SetText("73282932000074")
	f.total.SetText("12 500")
	a.register.onSaveShortcut()
	if f.errs[data.FieldSIRET].Visible() || len(stored(t, a)) != 1 {
		t.Fatalf("after correction: %q, %d stored", f.errs[data.FieldSIRET].Text, len(stored(t, a)))
	}
}

func TestMandatoryFieldsAllReported(t *testing.T) {
	a := newTestApp(t)
	a.onNewApplication()
	f := a.register.form
	a.register.onSaveShortcut()
	for _, k := range []string{data.FieldStructure, data.FieldTitle, data.FieldRequested} {
		if !f.errs[k].Visible() {
			t.Errorf("no message for mandatory %s", k)
		}
	}
	if len(stored(t, a)) != 0 {
		t.Fatal("empty application stored")
	}
}

func TestSearchFilterAndSort(t *testing.T) {
	a := newTestApp(t)
	ctx := context.Background()
	for i, name := range []string{"Zèbre Mobile", "Éveil des Quartiers", "Avenir Jeunes"} {
		ap := &data.Application{Received: time.Date(2021, 4, 1+i, 9, 0, 0, 0, data.Paris), Structure: data.Structure{Name: name},
			Title: "Projet " + name, RequestedCents: int64(1000+i) * 100}
		if i == 1 {
			th, _ := a.campaign.ThemeByLabel("Santé")
			ap.ThemeID = th.ID
		}
		if err := a.base.db.CreateApplication(ctx, a.campaign, ap); err != nil {
			t.Fatal(err)
		}
	}
	a.register.reload(context.Background())
	test.Type(a.register.search, "eveil")
	if len(a.register.rows) != 1 || a.register.rows[0].Structure != "Éveil des Quartiers" {
		t.Fatalf("search: %+v", a.register.rows)
	}
	a.register.search.SetText("")
	a.register.theme.SetSelected("Santé")
	if len(a.register.rows) != 1 || !strings.Contains(a.register.footer.Text, "1 dossier") {
		t.Fatalf("theme filter: %d rows, footer %q", len(a.register.rows), a.register.footer.Text)
	}
	a.register.theme.SetSelected(allOption)
	// Sort by structure through the header button, then reverse it.
	header := a.register.table.CreateHeader().(*widget.Button)
	a.register.updateHeader(widget.TableCellID{Row: -1, Col: 2}, header)
	test.Tap(header)
	var got []string
	for _, r := range a.register.rows {
		got = append(got, r.Structure)
	}
	if strings.Join(got, "|") != "Avenir Jeunes|Éveil des Quartiers|Zèbre Mobile" {
		t.Fatalf("sorted by structure: %v", got)
	}
	a.register.updateHeader(widget.TableCellID{Row: -1, Col: 2}, header)
	if header.Icon == nil {
		t.Error("no sort indicator on the sorted column")
	}
	test.Tap(header)
	if a.register.rows[0].Structure != "Zèbre Mobile" {
		t.Fatalf("reverse sort: first %s", a.register.rows[0].Structure)
	}
}

func TestFrenchCalendar(t *testing.T) {
	test.NewTempApp(t)
	var picked data.Date
	c := newFrenchCalendar(data.NewDate(2021, 4, 12), func(d data.Date) { picked = d })
	if c.title.Text != "avril 2021" {
		t.Fatalf("title %q", c.title.Text)
	}
	if l := c.grid.Objects[0].(*widget.Label); l.Text != "lun." {
		t.Errorf("first weekday %q", l.Text)
	}
	// 1 April 2021 was a Thursday: three blanks, then day 1.
	if b, ok := c.grid.Objects[7+3].(*widget.Button); !ok || b.Text != "1" {
		t.Fatalf("first day cell %#v", c.grid.Objects[7+3])
	}
	test.Tap(c.grid.Objects[7+3+29].(*widget.Button))
	if picked != data.NewDate(2021, 4, 30) {
		t.Errorf("picked %v", picked)
	}
	c.shift(-4)
	if c.title.Text != "décembre 2020" {
		t.Errorf("after four months back: %q", c.title.Text)
	}
}

func TestSettingsSave(t *testing.T) {
	a := newTestApp(t)
	a.selectScreen("Campagne")
	s := a.settings
	s.envelope.SetText("abc")
	test.Tap(findButton(t, s.root, "Enregistrer la campagne"))
	if !s.banner.Visible() || !strings.Contains(s.banner.Text, "non enregistrée") {
		t.Fatalf("banner %q", s.banner.Text)
	}
	c, _ := a.base.db.Campaign(context.Background(), a.campaign.ID)
	if c.EnvelopeCents != 15_000_000 {
		t.Fatal("an invalid envelope was saved")
	}
	s.envelope.SetText("200 000")
	s.deadline.entry.SetText("15/05/2021")
	test.Tap(findButton(t, s.root, "Enregistrer la campagne"))
	c, _ = a.base.db.Campaign(context.Background(), a.campaign.ID)
	if c.EnvelopeCents != 20_000_000 || c.Deadline != data.NewDate(2021, 5, 15) || len(c.QPVs) != 21 || len(c.Criteria) != 5 {
		t.Fatalf("saved %d %v, %d QPV, %d criteria", c.EnvelopeCents, c.Deadline, len(c.QPVs), len(c.Criteria))
	}
	if !strings.Contains(a.register.footer.Text, "200\u202f000,00") {
		t.Errorf("register footer not updated: %q", a.register.footer.Text)
	}
}

func TestImportPreviewRefusesBadFile(t *testing.T) {
	a := newTestApp(t)
	csv := "Structure;Intitulé du projet;Montant demandé;SIRET\n" +
		"Association A;Projet A;5 000;73282932000074\n" +
		"Association B;Projet B;5 000;12345678901234\n"
	tab, err := sheet.Read("dossiers.csv", strings.NewReader(csv))
	if err != nil {
		t.Fatal(err)
	}
	res := importer.Applications(a.campaign, tab, a.base.db.Now())
	p := a.imports.showImportPreview("dossiers.csv", a.base.db, a.campaign, res, nil)
	if !p.button.Disabled() {
		t.Fatal("import allowed with a bad line")
	}
	if !strings.Contains(p.report.Text, "3") || !strings.Contains(p.report.Text, "SIRET") {
		t.Errorf("report does not name line 3 and SIRET: %q", p.report.Text)
	}

	good := "Structure;Intitulé du projet;Montant demandé\nAssociation A;Projet A;5 000\nAssociation B;Projet B;2 500,50\n"
	tab, _ = sheet.Read("dossiers.csv", strings.NewReader(good))
	res = importer.Applications(a.campaign, tab, a.base.db.Now())
	p = a.imports.showImportPreview("dossiers.csv", a.base.db, a.campaign, res, nil)
	if p.button.Disabled() {
		t.Fatalf("valid file refused: %s", p.report.Text)
	}
	sum, err := a.base.db.ImportApplications(context.Background(), a.campaign, res, data.ImportOptions{})
	n := sum.Created
	if err != nil || n != 2 || len(stored(t, a)) != 2 {
		t.Fatalf("import: %d %v", n, err)
	}
}

// saveName is the name field of the « Enregistrer » dialog on screen: the
// dialog gives it the focus when it opens.
func saveName(t *testing.T, a *App) *escEntry {
	t.Helper()
	entry, ok := a.win.Canvas().Focused().(*escEntry)
	if !ok {
		t.Fatalf("focused: %T, want the name field of « Enregistrer »", a.win.Canvas().Focused())
	}
	return entry
}

// findButton finds a button by its text anywhere under o.
func findButton(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if found != nil || o == nil {
			return
		}
		switch w := o.(type) {
		case *widget.Button:
			if w.Text == text {
				found = w
			}
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		case *container.Scroll:
			walk(w.Content)
		case *widget.PopUp:
			walk(w.Content)
		case *importPreview:
			walk(w.body)
		case *container.AppTabs:
			for _, it := range w.Items {
				walk(it.Content)
			}
		}
	}
	walk(o)
	if found == nil {
		t.Fatalf("no button %q", text)
	}
	return found
}

// Ctrl+N on a form with unsaved changes asks first: nothing typed is lost.
func TestUnsavedFormIsGuarded(t *testing.T) {
	a := newTestApp(t)
	a.onNewApplication()
	f := a.register.form
	test.Type(f.name, "Association en cours de saisie")
	a.onNewApplication()
	if a.register.form != f {
		t.Fatal("Ctrl+N replaced a form with unsaved changes without asking")
	}
	a.onFind()
	if a.register.form != f || f.name.Text != "Association en cours de saisie" {
		t.Fatal("Ctrl+F closed a form with unsaved changes without asking")
	}
}

// The Campagne screen reads numbers as they are typed, and what it shows is
// what the jury's rules apply.
func TestSettingsNumbersReadAsTyped(t *testing.T) {
	a := newTestApp(t)
	a.selectScreen("Campagne")
	s := a.settings
	save := func() { test.Tap(findButton(t, s.root, "Enregistrer la campagne")) }
	for _, bad := range []struct {
		entry *widget.Entry
		text  string
	}{{s.minScore, "-0,5"}, {s.minScore, "10,-5"}, {s.disagreement, "0"}} {
		before, _ := a.base.db.Campaign(context.Background(), a.campaign.ID)
		bad.entry.SetText(bad.text)
		save()
		after, _ := a.base.db.Campaign(context.Background(), a.campaign.ID)
		if !s.banner.Visible() || after.MinScoreHundredths != before.MinScoreHundredths || after.DisagreementHundredths != before.DisagreementHundredths {
			t.Errorf("%q saved: min %d, disagreement %d (banner %q)", bad.text, after.MinScoreHundredths, after.DisagreementHundredths, s.banner.Text)
		}
		s.load(after)
	}
	s.disagreement.SetText("2,5")
	s.communes.rows[0].cells[3].SetText("12 500")
	save()
	c, _ := a.base.db.Campaign(context.Background(), a.campaign.ID)
	if c.DisagreementHundredths != 250 || jury.ParamsOf(c).DisagreementHundredths != 250 || s.disagreement.Text != "2,5" {
		t.Fatalf("disagreement stored %d, applied %d, shown %q", c.DisagreementHundredths, jury.ParamsOf(c).DisagreementHundredths, s.disagreement.Text)
	}
	found := false
	for _, m := range c.Communes {
		found = found || m.Population == 12500
	}
	if !found {
		t.Fatalf("a population typed « 12 500 » was not stored: %+v", c.Communes[0])
	}
}

// « Ouvrir une base partagée… » opens a PostgreSQL base, remembers its
// address (never a password) for the next start, and « Ouvrir la base de ce
// poste » comes back.
func TestOpenSharedBase(t *testing.T) {
	a := newTestApp(t)
	local := a.base.address
	server := pgtest.NewDatabase(t)
	withPw := strings.Replace(server, "postgres@", "postgres:motdepasse@", 1)
	a.shared.openBase(context.Background(), withPw, "")
	if a.base.address != withPw || !strings.HasPrefix(a.base.db.Location(), "postgres://") || a.campaign.Code != "AMI2021" {
		t.Fatalf("after opening the shared base: %s %s %s", a.base.address, a.base.db.Location(), a.campaign.Code)
	}
	saved := a.fyne.Preferences().String(prefSharedAddress)
	if strings.Contains(saved, "motdepasse") || saved != server || LastBase(a.fyne) != server {
		t.Fatalf("remembered %q / %q", saved, LastBase(a.fyne))
	}
	a.shared.onOpenLocal()
	if a.base.address != local || LastBase(a.fyne) != "" {
		t.Fatalf("back on %s, last base %q", a.base.address, LastBase(a.fyne))
	}
	// A server that does not answer changes nothing, and says why in French.
	a.shared.openBase(context.Background(), "postgres://x@127.0.0.1:1/cohesion?sslmode=disable&connect_timeout=2", "")
	if a.base.address != local {
		t.Fatal("a failed opening left the local base")
	}
}

// A desk sees a colleague's change without restarting: the register and the
// Notation screen refresh within 2 seconds, on a file and on a shared base.
func TestOtherDeskChangesAppear(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			a := newTestApp(t)
			if engine == "postgres" {
				a.shared.openBase(context.Background(), pgtest.NewDatabase(t), "")
			}
			other, err := backend.Bases{}.Open(context.Background(), a.base.address, data.OpenOptions{})
			if err != nil {
				t.Fatal(err)
			}
			defer other.Close()
			// No wait: the window's watcher was listening when newApp and
			// openBase returned (Watch returns ready).
			a.selectScreen("Dossiers")
			// The window is read, and touched, only once the watcher has handled
			// the change: Fyne's test driver runs fyne.Do on the watcher's goroutine.
			handled := func(write func()) {
				t.Helper()
				before := a.base.otherDesks.Load()
				write()
				deadline := time.Now().Add(2 * time.Second)
				for a.base.otherDesks.Load() == before && time.Now().Before(deadline) {
					time.Sleep(20 * time.Millisecond)
				}
			}
			ap := &data.Application{Structure: data.Structure{Name: "Poste voisin"}, Title: "Saisi ailleurs", RequestedCents: 100_000}
			handled(func() {
				if err := other.CreateApplication(context.Background(), a.campaign, ap); err != nil {
					t.Fatal(err)
				}
			})
			if len(a.register.rows) != 1 || a.register.rows[0].Structure != "Poste voisin" {
				t.Fatalf("register after a colleague's save: %+v", a.register.rows)
			}
			// The Notation screen shows a score a colleague typed.
			j := &data.Juror{CampaignID: a.campaign.ID, Name: "Mme Durand"}
			handled(func() { other.AddJuror(context.Background(), j) })
			a.selectScreen("Notation")
			chooseJuror(a, "Mme Durand")
			k := a.campaign.Criteria[0]
			handled(func() {
				other.WriteScores(context.Background(), a.campaign, data.ScoreWrite{Changes: []data.ScoreChange{{JurorID: j.ID, ApplicationID: ap.ID, Set: map[int64]int{k.ID: 4}}}})
			})
			if len(a.scoring.rows) == 0 || a.scoring.rows[0].entries[0].Text != "4" {
				t.Fatal("the Notation screen does not show the colleague's score")
			}
		})
	}
}

// The register's footer writes its figures the French way, whatever their size:
// « 10 000 dossiers », « 80 313 % », not « 10000 dossier(s) », « 80313 % ».
func TestRegisterFooterFrenchFigures(t *testing.T) {
	a := newTestApp(t)
	a.register.totals = data.Totals{Count: 10_000, RequestedCents: 12_046_950_000}
	got := a.register.footerText()
	for _, want := range []string{"10\u202f000 dossiers — ", "120\u202f469\u202f500,00", "(80\u202f313\u00a0% de l'enveloppe)"} {
		if !strings.Contains(got, want) {
			t.Errorf("footer %q lacks %q", got, want)
		}
	}
	a.register.totals = data.Totals{Count: 1}
	if got := a.register.footerText(); !strings.HasPrefix(got, "1 dossier — ") {
		t.Errorf("footer %q", got)
	}
}

// An error leaves its field, and the banner, as soon as the field is right;
// the others stay until they are fixed or the next save.
func TestFormErrorLeavesWhenFixed(t *testing.T) {
	a := newTestApp(t)
	a.onNewApplication()
	f := a.register.form
	test.Type(f.siret, "73282932000075")
	test.Type(f.total, "12.500")
	a.register.onSaveShortcut()
	for _, k := range []string{data.FieldStructure, data.FieldSIRET, data.FieldTotal, data.FieldTitle} {
		if !f.errs[k].Visible() {
			t.Fatalf("no message for %s", k)
		}
	}
	f.siret.SetText("73282932000074")
	if f.errs[data.FieldSIRET].Visible() || strings.Contains(f.banner.Text, "SIRET") {
		t.Errorf("fixed SIRET still reported: %q, banner %q", f.errs[data.FieldSIRET].Text, f.banner.Text)
	}
	f.total.SetText("12 500")
	if f.errs[data.FieldTotal].Visible() || strings.Contains(f.banner.Text, data.FieldLabel(data.FieldTotal)+" :") {
		t.Errorf("fixed total still reported: banner %q", f.banner.Text)
	}
	if !f.errs[data.FieldStructure].Visible() || !strings.Contains(f.banner.Text, "3 erreurs") {
		t.Errorf("unfixed errors gone: banner %q", f.banner.Text)
	}
	f.name.SetText("Association Test")
	f.title.SetText("Projet")
	f.requested.SetText("5000")
	if f.banner.Visible() {
		t.Errorf("every error fixed, banner %q", f.banner.Text)
	}
	// A field wrong again is not reported before the next save.
	f.siret.SetText("123")
	if f.errs[data.FieldSIRET].Visible() {
		t.Error("an error shown before the save")
	}
}
