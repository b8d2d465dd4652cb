package ui

import (
	"context"
	"net/url"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/files"
)

// screenEnv is what a screen is built from, instead of the whole window: the
// base through the narrow interfaces of package data, the campaign on
// screen, the runner of its background work, the window's dialogs, and a
// few callbacks to talk back to the window. The window builds it once; the
// base and the campaign are read through functions because a restore swaps
// the base and the selector the campaign, and every screen must follow.
type screenEnv struct {
	// base is the open base; screens name what they use of it through the
	// accessors below (campaigns, register…), never the whole data.Store.
	base     func() data.Store
	campaign func() *data.Campaign
	run      runner
	win      func() fyne.Window
	// prefs keeps the tables' column widths; openURL opens a document
	// produced in the system's viewer.
	prefs   func() fyne.Preferences
	openURL func(*url.URL) error

	// The window's dialogs, which Échap and Entrée act on (see dialogs.show).
	showError  func(error)
	showDialog func(d dialog.Dialog, onEnter func())
	confirm    func(title, ok, cancel string, content fyne.CanvasObject, done func(bool))
	inform     func(title, message string)
	// askDiscard asks whether to drop unsaved changes, then runs discard
	// or keep.
	askDiscard func(message string, discard, keep func())
	// Where the documents go: the save and folder dialogs, and the check
	// that never writes over the base or its backups.
	saveFile    func(title, name string, f fileFilter, done func(path string))
	folder      func(title string, done func(dir string))
	checkOutput func(path string, k files.Kind) error

	// Talking back to the window: show another screen, switch the campaign
	// everywhere, offer « Annuler » for a bulk action just done.
	selectScreen func(title string)
	setCampaign  func(*data.Campaign)
	didBulk      func(ctx context.Context, label string, r data.Revert)
}

// The base, by the job a screen does with it.

func (e screenEnv) campaigns() data.Campaigns         { return e.base() }
func (e screenEnv) deliberations() data.Deliberations { return e.base() }
func (e screenEnv) followUps() data.FollowUps         { return e.base() }
func (e screenEnv) register() data.Register           { return e.base() }
func (e screenEnv) jury() data.Jury                   { return e.base() }
func (e screenEnv) splits() data.Splits               { return e.base() }
func (e screenEnv) journal() data.Journal             { return e.base() }
func (e screenEnv) snapshots() data.Snapshots         { return e.base() }
func (e screenEnv) structures() data.Structures       { return e.base() }
func (e screenEnv) mappings() data.Mappings           { return e.base() }
func (e screenEnv) personal() data.Personal           { return e.base() }

// now is the base's clock, which tests pin: what is late is late on its day.
func (e screenEnv) now() time.Time { return e.base().Now() }

// newScreenEnv is the window's environment for its screens; run runs their
// work on the base, then hands its result back to the widgets (see runner).
func newScreenEnv(a *App, run runner) screenEnv {
	return screenEnv{
		base: func() data.Store { return a.base.db }, campaign: a.Campaign, run: run, win: a.Window,
		prefs: a.fyne.Preferences, openURL: a.fyne.OpenURL,
		showError: a.dialogs.showError, showDialog: a.dialogs.show, confirm: a.dialogs.confirm, inform: a.dialogs.inform, askDiscard: a.dialogs.askDiscard,
		saveFile: a.files.chooseSaveFile, folder: a.files.chooseFolder, checkOutput: a.base.checkOutput,
		selectScreen: a.selectScreen, setCampaign: a.setCampaign, didBulk: a.undo.did,
	}
}
