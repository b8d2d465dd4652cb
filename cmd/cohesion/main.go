// Command cohesion is Cohésion's desktop application.
package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"syscall"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"

	"github.com/call-agglo/cohesion"
	"github.com/call-agglo/cohesion/assets"
	"github.com/call-agglo/cohesion/cmd/backend"
	"github.com/call-agglo/cohesion/cmd/internal/logfile"
	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/ui"
)

func main() {
	icon := fyne.NewStaticResource("icon.png", assets.Icon)
	// The identity comes from the top-level FyneApp.toml, embedded by package
	// cohesion: one source for the window, the CLI and the Windows package.
	d := cohesion.App.Details
	app.SetMetadata(fyne.AppMetadata{ID: d.ID, Name: d.Name, Version: d.Version, Build: d.Build, Icon: icon})
	fa := app.NewWithID(d.ID)
	fa.SetIcon(icon)
	fa.Settings().SetTheme(ui.Theme()) // every text colour readable (WCAG AA)
	bases := backend.Bases{}
	// Before anything opens it: the base of an older version, in the roaming
	// profile, moves to the local one (see backend.Folders).
	moved, moveErr := bases.MoveOld()
	address := chooseBase(fa, bases)
	logDir = bases.LogFolder(address)
	logfile.Start(logDir)
	defer logfile.Capture(logDir).Close()
	defer sayPanic() // after the log's capture is set, before it closes
	if moved != "" {
		log.Print(moved)
	}
	if moveErr != nil {
		log.Printf("Déplacement de la base hors du profil itinérant : %v", moveErr)
	}

	if !start(fa, bases, address) {
		log.Print("La fenêtre n'a pas pu s'ouvrir (la cause est juste au-dessus, dans les messages de Fyne).")
		if running != nil {
			running.Close()
		}
		alert("Cohésion ne peut pas s'ouvrir", noWindowMessage())
		os.Exit(1)
	}
	windowOpen = true
	if moved != "" {
		running.Inform("Base déplacée", moved)
	}
	defer func() {
		if running != nil {
			running.Close() // the window is gone: the base no longer counts it
		}
	}()
	// Closed by the system (logout, kill): leave as through the window's close
	// button, so the base knows this window is gone.
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-stop
		fyne.Do(func() { ui.Quit(fa) })
	}()
	fa.Run()
}

// running is the main window's app once started, closed when Cohésion ends.
var running *ui.App

// chooseBase is the base to open: the one given (a file dropped on the
// executable, or a shortcut's argument), else COHESION_DB, else the base the
// user last chose, else the policy's, the installer's or this desk's own
// (backend.Bases.DefaultChoice).
func chooseBase(fa fyne.App, bases backend.Bases) string {
	switch {
	case len(os.Args) > 1:
		return os.Args[1]
	case os.Getenv("COHESION_DB") == "" && ui.LastBase(fa) != "":
		return ui.LastBase(fa)
	}
	return bases.DefaultAddress()
}

// logDir is where the log file is: beside the base.
var logDir string

// start opens the base and shows the main window, or says why it cannot:
// a damaged base gets the offer to restore its latest backup, never a silent
// reset. It returns false when the system could not open a window at all.
func start(fa fyne.App, bases backend.Bases, address string) bool {
	db, err := bases.Open(context.Background(), address, data.OpenOptions{})
	var ce *data.CorruptError
	if errors.As(err, &ce) {
		w := ui.RecoveryWindow(fa, bases, ce, func() { start(fa, bases, address) })
		w.Show()
		return ui.WindowOpened(w)
	}
	var main *ui.App
	if err == nil {
		if main, err = ui.New(fa, bases, address, db); err != nil {
			db.Close() // its lock too: the fallback may open the same file
		}
	}
	if err != nil && address != bases.DefaultAddress() && backend.IsServer(address) {
		// The shared base does not answer: work on this desk's own, and say why.
		log.Printf("Base partagée %s injoignable : %v", address, err)
		ok := start(fa, bases, bases.DefaultAddress())
		running.ShowError(err)
		return ok
	}
	if err != nil {
		return fatal(fa, err)
	}
	running = main
	main.Window().SetMaster()
	if !main.ShowPlaced() {
		return false
	}
	main.AutoBackup()
	main.Announce()
	return true
}

// windowOpen is set once the main window showed: a panic after it is no
// failure of the graphics' start.
var windowOpen bool

// sayPanic turns a panic into the French message box and the log, never a Go
// trace on a console Windows does not show. Fyne's driver panics (GLFW « not
// initialized », from its cursors) when the graphics cannot start: no display
// yet, as under Wine right as its X display comes up, or none at all.
func sayPanic() {
	r := recover()
	if r == nil {
		return
	}
	log.Printf("Arrêt sur une erreur : %v\n%s", r, debug.Stack())
	if running != nil {
		running.Close()
	}
	if !windowOpen {
		alert("Cohésion ne peut pas s'ouvrir", noWindowMessage())
	} else {
		alert("Cohésion s'est arrêté", "Cohésion s'est arrêté sur une erreur interne. Vos données enregistrées ne sont pas touchées.\n\n"+
			"Pour votre service informatique, le détail est écrit dans :\n"+filepath.FromSlash(logfile.Path(logDir)))
	}
	os.Exit(1)
}

// noWindowMessage explains, when the graphics cannot start (no OpenGL 2.1 to
// draw with, no display), why nothing opens and what still works.
func noWindowMessage() string {
	return "La fenêtre de Cohésion ne peut pas s'ouvrir : l'affichage graphique n'a pas pu démarrer. " +
		"Cohésion a besoin d'un écran et d'OpenGL 2.1, qui manque souvent à un bureau à distance " +
		"ou à une machine virtuelle sans accélération graphique.\n\n" +
		"Vos données ne sont pas touchées. La ligne de commande cohesion-cli.exe, installée " +
		"à côté de Cohésion, reste utilisable.\n\n" +
		"Pour votre service informatique, le détail est écrit dans :\n" + filepath.FromSlash(logfile.Path(logDir))
}

// fatal shows why Cohésion cannot start, in a window: on Windows the GUI has no
// console to print to. It returns whether that window could open.
func fatal(fa fyne.App, err error) bool {
	log.Printf("Cohésion ne peut pas démarrer : %v", err)
	w := fa.NewWindow("Cohésion — erreur")
	msg := widget.NewLabel(fmt.Sprintf("Cohésion ne peut pas démarrer :\n\n%s", data.ErrorMessage(err)))
	msg.Wrapping = fyne.TextWrapWord
	w.SetContent(msg)
	w.Resize(fyne.NewSize(560, 200))
	w.Show()
	return ui.WindowOpened(w)
}
