package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

func TestFirstWindowFillsTheWorkArea(t *testing.T) {
	work := screenRect{X: 0, Y: 0, W: 1366, H: 728} // 1366×768 less a 40 px taskbar
	if got := placeWindow(work, screenRect{}); got != work {
		t.Fatalf("first window %+v, want the work area %+v", got, work)
	}
}

func TestSavedPlaceIsKeptWhenItFits(t *testing.T) {
	work := screenRect{W: 1920, H: 1040}
	saved := screenRect{X: 200, Y: 100, W: 1200, H: 800}
	if got := placeWindow(work, saved); got != saved {
		t.Fatalf("got %+v, want %+v", got, saved)
	}
}

func TestSavedPlaceNeverLargerThanTheScreen(t *testing.T) {
	// Left maximised-size on a 1920×1080 screen, reopened on a 1366×768 one.
	work := screenRect{W: 1366, H: 728}
	got := placeWindow(work, screenRect{X: 300, Y: 200, W: 1900, H: 1000})
	if got != work {
		t.Fatalf("got %+v, want %+v", got, work)
	}
	// Partly below the taskbar: moved up, size kept.
	got = placeWindow(work, screenRect{X: 100, Y: 500, W: 800, H: 600})
	if got != (screenRect{X: 100, Y: 128, W: 800, H: 600}) {
		t.Fatalf("got %+v", got)
	}
}

func TestSavedPlaceOnAnUnpluggedMonitorComesBack(t *testing.T) {
	// The second monitor, right of the first, is gone: the saved place is off screen.
	work := screenRect{W: 1366, H: 728}
	got := placeWindow(work, screenRect{X: 2100, Y: -50, W: 1000, H: 700})
	if got != (screenRect{X: 366, Y: 0, W: 1000, H: 700}) {
		t.Fatalf("got %+v", got)
	}
	// A taskbar on top of the screen: the work area starts below it.
	top := screenRect{X: 0, Y: 48, W: 1024, H: 720}
	if got := placeWindow(top, screenRect{X: -20, Y: 0, W: 900, H: 600}); got != (screenRect{X: 0, Y: 48, W: 900, H: 600}) {
		t.Fatalf("got %+v", got)
	}
}

func TestPlacementKeptInPreferences(t *testing.T) {
	p := test.NewTempApp(t).Preferences()
	if got := loadPlacement(p); !got.rect.empty() || got.maximised {
		t.Fatalf("fresh preferences hold %+v", got)
	}
	want := windowPlacement{rect: screenRect{X: -1200, Y: 30, W: 1100, H: 700}, maximised: true}
	savePlacement(p, want)
	if got := loadPlacement(p); got != want {
		t.Fatalf("got %+v, want %+v", got, want)
	}
}

func TestInitialSizeFitsASmallScreen(t *testing.T) {
	// 1024×768 less the taskbar (40) and the title bar (31), at 100 %.
	if initialWindowSize.Width > 1024-16 || initialWindowSize.Height > 768-40-31 {
		t.Fatalf("initial size %v does not fit 1024×768", initialWindowSize)
	}
}

// Every title of the side panel shows whole, even on a 1024-pixel screen
// (« Tableau de bor » was cut: the panel was sized on « Répartition »).
func TestNavigationTitlesWhole(t *testing.T) {
	a := newTestApp(t)
	a.win.Resize(fyne.NewSize(1024, 768))
	for _, sc := range a.screens {
		need := container.NewHBox(widget.NewIcon(sc.icon), widget.NewLabel(sc.title)).MinSize().Width
		if got := a.nav.Size().Width; got < need {
			t.Errorf("« %s » needs %.0f px, the side panel has %.0f", sc.title, need, got)
		}
	}
}

// Fichier › Quitter is ours (Fyne then adds none of its own) and ends
// Cohésion without closing the window first: Fyne 2.7.1 panics on a mouse move
// that reaches a window marked closing, which a close under load met (see Quit).
func TestQuitStopsWithoutClosingTheWindowFirst(t *testing.T) {
	a := newTestApp(t)
	file := a.win.MainMenu().Items[0]
	last := file.Items[len(file.Items)-1]
	if last.Label != "Quitter" || !last.IsQuit {
		t.Fatalf("the last item of %s is %q (IsQuit %v), want our « Quitter »", file.Label, last.Label, last.IsQuit)
	}
	closed := false
	a.win.SetOnClosed(func() { closed = true })
	t.Cleanup(func() { stopping.Store(false) }) // one process, one Quit: not the other tests'
	last.Action()
	if !stopping.Load() {
		t.Fatal("Quitter did not mark Cohésion as stopping: the placement's ticker would touch a GLFW already ended")
	}
	if closed {
		t.Fatal("Quitter closed the window before stopping the driver")
	}
}
