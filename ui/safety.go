package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/files"
)

// AutoBackup makes the day's backup in the background, once the window is up.
func (a *App) AutoBackup() {
	db := a.db // not read from the goroutine: a restore may replace it
	go func() {
		if _, err := a.bases.AutoBackup(context.Background(), db); err != nil {
			fyne.Do(func() { a.dialogs.showError(err) })
		}
	}()
}

// onBackup writes a consistent copy where the user chooses.
func (a *App) onBackup() {
	name := "cohesion-" + time.Now().In(data.Paris).Format("2006-01-02") + ".db"
	a.files.chooseSaveFile("Sauvegarder la base", name, fileFilter{"Base Cohésion", []string{".db"}}, func(path string) {
		if err := a.checkOutput(path, files.Base); err != nil {
			a.dialogs.showError(err)
			return
		}
		// The dialog asked before handing over an existing file: replacing it is
		// the user's choice, and the adapter still refuses a base in use.
		if err := a.bases.Backup(context.Background(), a.db, path, data.BackupOptions{Replace: true}); err != nil {
			a.dialogs.showError(err)
			return
		}
		a.dialogs.inform("Sauvegarde", "Sauvegarde écrite :\n"+displayPath(path))
	})
}

// onRestore replaces the database by a checked backup, keeping the current one.
func (a *App) onRestore() {
	a.files.chooseOpenFile("Restaurer une sauvegarde", fileFilter{"Base Cohésion", []string{".db"}}, a.bases.BackupFolder(a.db), func(src string) {
		a.dialogs.confirm("Restaurer une sauvegarde", "Restaurer", "Annuler",
			widget.NewLabel("Remplacer la base par « "+filepath.Base(src)+" » ?\nLa base actuelle est gardée dans le dossier des sauvegardes."),
			func(ok bool) {
				if ok {
					a.restoreFrom(context.Background(), src)
				}
			})
	})
}

// restoreFrom closes this window's base (its lock with it), restores, then
// reopens the base, restored or not: a restore refused because another window
// or command holds the base leaves everything as it was.
func (a *App) restoreFrom(ctx context.Context, src string) {
	if others, err := a.db.OtherInstances(ctx, a.instance); err == nil && len(others) > 0 {
		a.dialogs.showError(data.InUseError(others))
		return
	}
	announced := a.leave != nil
	if announced {
		a.leave() // stops the heartbeat before its base closes
		a.leave = nil
	}
	a.stopWatch()
	a.db.Close()
	rep, err := a.bases.Restore(ctx, a.address, src, data.RestoreOptions{Now: time.Now()})
	db, openErr := a.bases.Open(ctx, a.address, data.OpenOptions{})
	if openErr != nil {
		a.dialogs.showError(openErr)
		return
	}
	a.db = db
	a.watch()
	if announced {
		defer a.Announce()
	}
	if err != nil {
		a.dialogs.showError(err)
		return
	}
	c, err := db.CampaignByCode(ctx, a.campaign.Code)
	if err != nil {
		if c, err = db.CampaignByCode(ctx, ""); err != nil {
			a.dialogs.showError(err)
			return
		}
	}
	a.setCampaign(c)
	msg := "Base restaurée depuis " + filepath.Base(src) + "."
	if rep.Kept != "" {
		msg += "\nBase remplacée gardée : " + displayPath(rep.Kept)
	}
	a.dialogs.inform("Restauration", msg)
}

// RecoveryWindow is shown instead of the main window when the database is
// damaged: it says so plainly and offers the latest backup.
func RecoveryWindow(fa fyne.App, bases data.Bases, ce *data.CorruptError, reopen func()) fyne.Window {
	w := fa.NewWindow("Cohésion — base endommagée")
	msg := widget.NewLabel(ce.Error() + "\n\nRien n'a été modifié. Vous pouvez restaurer la dernière sauvegarde : la base endommagée sera gardée à côté.")
	msg.Wrapping = fyne.TextWrapWord
	restore := widget.NewButton("Restaurer la dernière sauvegarde", func() {
		if _, err := bases.Restore(context.Background(), ce.Path, ce.LatestBackup, data.RestoreOptions{Now: time.Now()}); err != nil {
			dialog.ShowError(fmt.Errorf("%s", data.ErrorMessage(err)), w)
			return
		}
		reopen()
		w.Close()
	})
	restore.Importance = widget.HighImportance
	if ce.LatestBackup == "" {
		restore.Disable()
	}
	quit := widget.NewButton("Quitter", func() { Quit(fa) })
	w.SetContent(container.NewBorder(nil, container.NewHBox(quit, restore), nil, nil, msg))
	w.Resize(fyne.NewSize(640, 260))
	return w
}

// Announce records this window on the base, warns when another one is already
// open on it, and keeps saying it is there until the window closes.
func (a *App) Announce() {
	db := a.db // the heartbeat keeps to this base, even if a restore swaps a.db
	// The window's presence lasts as long as it: no deadline, no cancel.
	ctx := context.Background()
	id, others, err := db.RegisterInstance(ctx)
	if err != nil {
		return // a busy base must not stop the app from starting
	}
	a.instance = id
	if len(others) > 0 {
		o := others[0]
		dialog.ShowInformation("Base déjà ouverte",
			fmt.Sprintf("Cohésion est déjà ouvert sur cette base (par %s sur %s, depuis le %s).\n\n"+
				"Les deux fenêtres peuvent travailler sans risque pour la base : si un même dossier est modifié des deux côtés, "+
				"le second enregistrement est refusé et signalé, jamais écrasé en silence.",
				o.User, o.Host, data.FormatDateTime(o.StartedAt)), a.win)
	}
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(data.HeartbeatEvery)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				db.Heartbeat(ctx, id)
			case <-done:
				return
			}
		}
	}()
	a.leave = func() {
		close(done)
		db.UnregisterInstance(ctx, id)
	}
}
