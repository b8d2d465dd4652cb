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

// safety is « Sauvegarder la base… », « Restaurer une sauvegarde… » and the
// day's automatic backup, built from the window's base, its dialogs and file
// chooser, and its campaign, which a restore opens again.
type safety struct {
	base        *baseLink
	dialogs     *dialogs
	files       *fileChooser
	campaign    func() *data.Campaign
	setCampaign func(*data.Campaign)
}

// autoBackup makes the day's backup in the background, once the window is up.
func (s *safety) autoBackup() {
	db := s.base.db // not read from the goroutine: a restore may replace it
	go func() {
		if _, err := s.base.bases.AutoBackup(context.Background(), db); err != nil {
			fyne.Do(func() { s.dialogs.showError(err) })
		}
	}()
}

// onBackup writes a consistent copy where the user chooses.
func (s *safety) onBackup() {
	name := "cohesion-" + time.Now().In(data.Paris).Format("2006-01-02") + ".db"
	s.files.chooseSaveFile("Sauvegarder la base", name, fileFilter{"Base Cohésion", []string{".db"}}, func(path string) {
		if err := s.base.checkOutput(path, files.Base); err != nil {
			s.dialogs.showError(err)
			return
		}
		// The dialog asked before handing over an existing file: replacing it is
		// the user's choice, and the adapter still refuses a base in use.
		if err := s.base.bases.Backup(context.Background(), s.base.db, path, data.BackupOptions{Replace: true}); err != nil {
			s.dialogs.showError(err)
			return
		}
		s.dialogs.inform("Sauvegarde", "Sauvegarde écrite :\n"+displayPath(path))
	})
}

// onRestore replaces the database by a checked backup, keeping the current one.
func (s *safety) onRestore() {
	s.files.chooseOpenFile("Restaurer une sauvegarde", fileFilter{"Base Cohésion", []string{".db"}}, s.base.bases.BackupFolder(s.base.db), func(src string) {
		s.dialogs.confirm("Restaurer une sauvegarde", "Restaurer", "Annuler",
			widget.NewLabel("Remplacer la base par « "+filepath.Base(src)+" » ?\nLa base actuelle est gardée dans le dossier des sauvegardes."),
			func(ok bool) {
				if ok {
					s.restoreFrom(context.Background(), src)
				}
			})
	})
}

// restoreFrom closes this window's base (its lock with it), restores, then
// reopens the base, restored or not: a restore refused because another window
// or command holds the base leaves everything as it was.
func (s *safety) restoreFrom(ctx context.Context, src string) {
	b := s.base
	if others, err := b.db.OtherInstances(ctx, b.instance); err == nil && len(others) > 0 {
		s.dialogs.showError(data.InUseError(others))
		return
	}
	announced, _ := b.release()
	rep, err := b.bases.Restore(ctx, b.address, src, data.RestoreOptions{Now: time.Now()})
	db, openErr := b.bases.Open(ctx, b.address, data.OpenOptions{})
	if openErr != nil {
		s.dialogs.showError(openErr)
		return
	}
	b.adopt(b.address, db)
	if announced {
		defer b.announce()
	}
	if err != nil {
		s.dialogs.showError(err)
		return
	}
	c, err := db.CampaignByCode(ctx, s.campaign().Code)
	if err != nil {
		if c, err = db.CampaignByCode(ctx, ""); err != nil {
			s.dialogs.showError(err)
			return
		}
	}
	s.setCampaign(c)
	msg := "Base restaurée depuis " + filepath.Base(src) + "."
	if rep.Kept != "" {
		msg += "\nBase remplacée gardée : " + displayPath(rep.Kept)
	}
	s.dialogs.inform("Restauration", msg)
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
