package ui

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/campaign"
	"github.com/call-agglo/cohesion/data/dashboard"
	"github.com/call-agglo/cohesion/data/demo"
)

// demoApp is the main window on the demonstration campaign.
func demoApp(t *testing.T) *App {
	t.Helper()
	a := newTestApp(t)
	c, _, err := demo.Load(context.Background(), a.base.db)
	if err != nil {
		t.Fatal(err)
	}
	a.setCampaign(c)
	return a
}

// tapText taps the dashboard line (a button under its text) whose text
// starts with prefix.
func tapText(t *testing.T, o fyne.CanvasObject, prefix string) {
	t.Helper()
	var hit *widget.Button
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *container.Scroll:
			walk(w.Content)
		case *fyne.Container:
			if b, ok := w.Objects[0].(*widget.Button); ok && len(w.Objects) == 2 && hasText(w.Objects[1], prefix) && hit == nil {
				hit = b
			}
			for _, x := range w.Objects {
				walk(x)
			}
		}
	}
	walk(o)
	if hit == nil {
		t.Fatalf("nothing to tap reading %q", prefix)
	}
	test.Tap(hit)
}

// hasText reports whether a label or text under o starts with prefix.
func hasText(o fyne.CanvasObject, prefix string) bool {
	switch w := o.(type) {
	case *widget.Label:
		return strings.HasPrefix(w.Text, prefix)
	case *frenchLabel:
		return strings.HasPrefix(w.text, prefix)
	case *canvas.Text:
		return strings.HasPrefix(w.Text, prefix)
	case *fyne.Container:
		for _, x := range w.Objects {
			if hasText(x, prefix) {
				return true
			}
		}
	}
	return false
}

func TestDashboardIsTheFirstScreen(t *testing.T) {
	a := demoApp(t)
	if a.screens[0].title != "Tableau de bord" || a.current != 0 {
		t.Fatalf("first screen %q, current %d", a.screens[0].title, a.current)
	}
	f := a.dashboard.figures
	if f == nil || f.Counts.Received != 30 {
		t.Fatalf("figures %+v", f)
	}
}

// « 1 dossier sans RIB » opens the register on that one dossier, and the
// filter can be removed.
func TestDashboardTileOpensFilteredRegister(t *testing.T) {
	a := demoApp(t)
	a.selectScreen("Tableau de bord")
	var rib dashboard.Missing
	for _, m := range a.dashboard.figures.Missing {
		if m.Document == data.DocRIB {
			rib = m
		}
	}
	if rib.Count == 0 {
		t.Fatal("the demonstration set lacks no RIB")
	}
	tapText(t, a.dashboard.root, "1 dossier sans RIB")
	if a.screens[a.current].title != "Dossiers" {
		t.Fatalf("screen %q", a.screens[a.current].title)
	}
	if len(a.register.rows) != rib.Count {
		t.Fatalf("register shows %d dossiers, the tile said %d", len(a.register.rows), rib.Count)
	}
	for _, r := range a.register.rows {
		if !r.Lacks(data.DocRIB) {
			t.Errorf("%s has its RIB", r.Number)
		}
	}
	test.Tap(findButton(t, a.register.preset, "Retirer ce filtre"))
	if len(a.register.rows) != 30 {
		t.Fatalf("after removing the filter: %d rows", len(a.register.rows))
	}
}

func TestDashboardJurorOpensNotation(t *testing.T) {
	a := demoApp(t)
	a.selectScreen("Tableau de bord")
	tapText(t, a.dashboard.root, "Karim Benali (fictif)")
	if a.screens[a.current].title != "Notation" || a.scoring.juror == nil || a.scoring.juror.Name != "Karim Benali (fictif)" {
		t.Fatalf("screen %q, juror %+v", a.screens[a.current].title, a.scoring.juror)
	}
}

// Another desk's write refreshes the dashboard on screen.
func TestDashboardRefreshesOnChanges(t *testing.T) {
	a := demoApp(t)
	a.selectScreen("Tableau de bord")
	before := a.dashboard.figures.Counts.Received
	ap := &data.Application{Structure: data.Structure{Name: "Nouvelle (fictif)"}, Title: "Projet", RequestedCents: 100_000}
	if err := a.base.db.CreateApplication(context.Background(), a.campaign, ap); err != nil {
		t.Fatal(err)
	}
	a.onOtherDesk(a.campaign.ID)
	if got := a.dashboard.figures.Counts.Received; got != before+1 {
		t.Fatalf("received %d after a new dossier, was %d", got, before)
	}
}

// BenchmarkDashboard10000 computes the figures of 10 000 dossiers and draws
// them in a 1280×800 window: « all » (compute, lay out, paint) must stay under
// 100 ms an operation. The test driver paints in software (an empty window
// alone costs about 25 ms), an upper bound of what the GL driver takes.
func BenchmarkDashboard10000(b *testing.B) {
	a := newTestApp(b)
	c, _, err := demo.Fill(context.Background(), a.base.db, 10_000, 1)
	if err != nil {
		b.Fatal(err)
	}
	a.campaign = c
	v, err := campaign.LoadCurrent(context.Background(), a.base.db, c.ID)
	if err != nil {
		b.Fatal(err)
	}
	w := test.NewWindow(nil)
	defer w.Close()
	w.Resize(fyne.NewSize(1280, 800))
	s := newDashboardScreen(a.env, dashboardLinksOf(a))
	today := data.DateOf(time.Date(2021, 6, 10, 9, 0, 0, 0, data.Paris))
	b.Run("compute", func(b *testing.B) {
		for range b.N {
			dashboard.Compute(v, today)
		}
	})
	f := dashboard.Compute(v, today)
	b.Run("layout", func(b *testing.B) {
		for range b.N {
			w.SetContent(s.render(f))
		}
	})
	b.Run("paint", func(b *testing.B) {
		for range b.N {
			_ = w.Canvas().Capture()
		}
	})
	b.Run("all", func(b *testing.B) {
		for range b.N {
			w.SetContent(s.render(dashboard.Compute(v, today)))
			_ = w.Canvas().Capture()
		}
	})
}

// The tiles write their figures the French way: « 10 000 reçus », not « 10000 ».
func TestDashboardFiguresFrench(t *testing.T) {
	a := newTestApp(t)
	tiles := a.dashboard.countTiles(&dashboard.Figures{Counts: dashboard.Counts{Received: 10_000, Ranked: 1_234}})
	var texts []string
	for _, o := range tiles {
		for _, c := range o.(*fyne.Container).Objects[1].(*fyne.Container).Objects {
			if txt, ok := c.(*canvas.Text); ok {
				texts = append(texts, txt.Text)
			}
		}
	}
	if got := strings.Join(texts, " "); !strings.Contains(got, "10\u202f000") || !strings.Contains(got, "1\u202f234") {
		t.Errorf("tiles read %q", got)
	}
}

var badCount = regexp.MustCompile(`\d / \d|\d,\d+/\d`)

// « 7 / 7 » and « 6,67 / 20 »: spaced around the slash (narrow no-break
// spaces), and the juror's count in a label of its own that never wraps, so
// it cannot split across lines.
func TestScoresOutOfNeverSplit(t *testing.T) {
	a := demoApp(t)
	counts := 0
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *container.Scroll:
			walk(w.Content)
		case *widget.Card:
			walk(w.Content)
		case *widget.Label:
			if badCount.MatchString(w.Text) {
				t.Errorf("a count with plain spaces, or none: %q", w.Text)
			}
			if _, _, ok := strings.Cut(w.Text, "\u202f/\u202f"); ok {
				counts++
				if w.Wrapping != fyne.TextWrapOff {
					t.Errorf("%q may wrap", w.Text)
				}
			}
		case *fyne.Container:
			for _, x := range w.Objects {
				walk(x)
			}
		}
	}
	walk(a.dashboard.root)
	if counts == 0 {
		t.Error("no juror's count « n / m » on the dashboard")
	}
	a.selectScreen("Classement")
	if !strings.Contains(a.ranking.summary.text, "note minimale 10,00\u202f/\u202f20") {
		t.Errorf("summary %q", a.ranking.summary.text)
	}
}

// An amount, a score or a quoted word never splits across lines, however
// narrow the label: lines break at ordinary spaces only.
func TestFrenchLabelKeepsFiguresWhole(t *testing.T) {
	newTestApp(t)
	text := "Proposé pour 12 dossiers par « Rang » recalculé : 150\u202f000,00\u00a0€, note minimale 10,00\u202f/\u202f20"
	for _, width := range []float32{60, 120, 200, 300} {
		l := newFrenchLabel(text)
		l.Resize(fyne.NewSize(width, 400))
		lines := strings.Split(l.Text, "\n")
		joined := strings.Join(lines, " ")
		if joined != gluedQuotes(text) {
			t.Fatalf("%v: text changed: %q", width, joined)
		}
		for _, whole := range []string{"150\u202f000,00\u00a0€", "10,00\u202f/\u202f20", "«\u00a0Rang\u00a0»"} {
			found := false
			for _, line := range lines {
				found = found || strings.Contains(line, whole)
			}
			if !found {
				t.Errorf("%v: %q split: %q", width, whole, lines)
			}
		}
		if l.MinSize().Width > max(width, textWidth("150\u202f000,00\u00a0€,")) {
			t.Errorf("%v: min width %v", width, l.MinSize().Width)
		}
	}
	// On the dashboard, the envelope's sentences are such labels.
	a := demoApp(t)
	found := false
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *frenchLabel:
			found = found || strings.HasPrefix(w.text, "Enveloppe : ")
		case *container.Scroll:
			walk(w.Content)
		case *widget.Card:
			walk(w.Content)
		case *fyne.Container:
			for _, x := range w.Objects {
				walk(x)
			}
		}
	}
	walk(a.dashboard.root)
	if !found {
		t.Error("the envelope's amounts may split across lines")
	}
}

// Once every step of the calendar is past (AMI2021 on the first start, years
// later), the dashboard offers « Nouvelle campagne… », which opens the form;
// while a step is to come, it does not.
func TestDashboardOffersANewCampaignWhenTheCalendarIsOver(t *testing.T) {
	a := newTestApp(t)
	day := data.NewDate(2021, 9, 27)
	over := &dashboard.Figures{Today: data.NewDate(2026, 12, 6), Steps: []dashboard.Step{{Label: "Délibération", From: day, To: day}}, Next: -1, Current: -1}
	test.Tap(findButton(t, a.dashboard.calendarCard(over), "Nouvelle campagne…"))
	if len(a.dialogs.open) != 1 {
		t.Fatalf("%d dialog(s) after « Nouvelle campagne… », want its form", len(a.dialogs.open))
	}
	coming := &dashboard.Figures{Today: data.NewDate(2021, 4, 20), Steps: over.Steps, Next: 0, Current: -1}
	if calendarOver(coming) || !calendarOver(over) || calendarOver(&dashboard.Figures{Next: -1, Current: -1}) {
		t.Fatal("calendarOver")
	}
	var found bool
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == "Nouvelle campagne…" {
			found = true
		}
		if c, ok := o.(*fyne.Container); ok {
			for _, x := range c.Objects {
				walk(x)
			}
		}
	}
	walk(a.dashboard.calendarCard(coming))
	if found {
		t.Fatal("« Nouvelle campagne… » offered while a step is to come")
	}
}

// An empty campaign's dashboard reads in French: « Aucun dossier au
// registre », « Aucun dossier « à discuter » », and each tile's caption
// agrees with its figure (« 0 décidé », « 1 reçu », « 2 classés »).
func TestDashboardCountsAgree(t *testing.T) {
	a := newTestApp(t)
	a.selectScreen("Tableau de bord")
	got := data.Plain(strings.Join(labels(a.dashboard.root), "\n"))
	for _, want := range []string{"Aucun dossier au registre", "Aucun dossier « à discuter »", "Proposé : aucun dossier"} {
		if !strings.Contains(got, want) {
			t.Errorf("the empty dashboard lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "0 dossier") || strings.Contains(got, "les 0") {
		t.Errorf("the empty dashboard counts zero in figures:\n%s", got)
	}
	tiles := a.dashboard.countTiles(&dashboard.Figures{Counts: dashboard.Counts{Received: 1, Instruction: 1, Admissible: 0, Inadmissible: 1, Ranked: 2}})
	var captions []string
	for _, o := range tiles {
		captions = append(captions, strings.Join(labels(o), ""))
	}
	want := "reçu|en instruction|recevable|irrecevable ou sans suite|classés|décidé"
	if strings.Join(captions, "|") != want {
		t.Errorf("tiles read %q, want %q", strings.Join(captions, "|"), want)
	}
}

// The Classement's summary says none in words: « Aucun dossier à classer »,
// « aucune décision enregistrée », never « 0 décision enregistrée, dont 0
// retenu ».
func TestRankingSummaryCounts(t *testing.T) {
	a := newTestApp(t)
	a.selectScreen("Classement")
	if got := data.Plain(a.ranking.summary.text); !strings.HasPrefix(got, "Aucun dossier à classer — ") || !strings.HasSuffix(got, "aucune décision enregistrée.") {
		t.Errorf("empty campaign: summary %q", got)
	}
	a = demoApp(t)
	a.selectScreen("Classement")
	if got := data.Plain(a.ranking.summary.text); !strings.HasPrefix(got, "28 dossiers classés sur 30 — ") || !strings.HasSuffix(got, " — aucune décision enregistrée.") {
		t.Errorf("demo: summary %q", got)
	}
}
