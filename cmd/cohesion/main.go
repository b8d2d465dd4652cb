// Command cohesion is Cohésion's desktop application.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"

	"github.com/call-agglo/cohesion/assets"
	"github.com/call-agglo/cohesion/cmd/backend"
	"github.com/call-agglo/cohesion/cmd/internal/logfile"
	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/ui"
)

func main() {
	icon := fyne.NewStaticResource("icon.png", assets.Icon)
	app.SetMetadata(fyne.AppMetadata{ID: appID, Name: appName, Version: appVersion, Build: appBuild, Icon: icon})
	fa := app.NewWithID(appID)
	fa.SetIcon(icon)

	bases := backend.Bases{}
	address := bases.DefaultAddress()
	if len(os.Args) > 1 {
		address = os.Args[1] // a base file dropped on the executable, or given by a shortcut
	}
	logfile.Start(bases.LogFolder(address))
	start(fa, bases, address)
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
		fyne.Do(fa.Quit)
	}()
	fa.Run()
}

// running is the main window's app once started, closed when Cohésion ends.
var running *ui.App

// start opens the base and shows the main window, or says why it cannot:
// a damaged base gets the offer to restore its latest backup, never a silent reset.
func start(fa fyne.App, bases backend.Bases, address string) {
	db, err := bases.Open(context.Background(), address, data.OpenOptions{})
	var ce *data.CorruptError
	if errors.As(err, &ce) {
		ui.RecoveryWindow(fa, bases, ce, func() { start(fa, bases, address) }).Show()
		return
	}
	var main *ui.App
	if err == nil {
		main, err = ui.New(fa, bases, address, db)
	}
	if err != nil {
		fatal(fa, err)
		return
	}
	running = main
	w := main.Window()
	w.SetMaster()
	w.Show()
	main.AutoBackup()
	main.Announce()
}

// fatal shows why Cohésion cannot start, in a window: on Windows the GUI has no
// console to print to.
func fatal(fa fyne.App, err error) {
	w := fa.NewWindow("Cohésion — erreur")
	msg := widget.NewLabel(fmt.Sprintf("Cohésion ne peut pas démarrer :\n\n%s", data.ErrorMessage(err)))
	msg.Wrapping = fyne.TextWrapWord
	w.SetContent(msg)
	w.Resize(fyne.NewSize(560, 200))
	w.Show()
}
