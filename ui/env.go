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
	// The base, by the job a screen does with it: functions, because a
	// restore swaps the base and every screen must follow. None hands out the
	// whole data.Store: a screen names what it uses of the base.
	campaigns     func() data.Campaigns
	deliberations func() data.Deliberations
	followUps     func() data.FollowUps
	register      func() data.Register
	jury          func() data.Jury
	splits        func() data.Splits
	journal       func() data.Journal
	snapshots     func() data.Snapshots
	structures    func() data.Structures
	mappings      func() data.Mappings
	personal      func() data.Personal
	// now is the base's clock, which tests pin: what is late is late on its day.
	now func() time.Time

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

// newScreenEnv is the window's environment for its screens; run runs their
// work on the base, then hands its result back to the widgets (see runner).
func newScreenEnv(a *App, run runner) screenEnv {
	b := a.base // its store read at each call: a restore swaps it
	return screenEnv{
		campaigns:     func() data.Campaigns { return b.db },
		deliberations: func() data.Deliberations { return b.db },
		followUps:     func() data.FollowUps { return b.db },
		register:      func() data.Register { return b.db },
		jury:          func() data.Jury { return b.db },
		splits:        func() data.Splits { return b.db },
		journal:       func() data.Journal { return b.db },
		snapshots:     func() data.Snapshots { return b.db },
		structures:    func() data.Structures { return b.db },
		mappings:      func() data.Mappings { return b.db },
		personal:      func() data.Personal { return b.db },
		now:           func() time.Time { return b.db.Now() },

		campaign: a.Campaign, run: run, win: a.Window,
		prefs: a.fyne.Preferences, openURL: a.fyne.OpenURL,
		showError: a.dialogs.showError, showDialog: a.dialogs.show, confirm: a.dialogs.confirm, inform: a.dialogs.inform, askDiscard: a.dialogs.askDiscard,
		saveFile: a.files.chooseSaveFile, folder: a.files.chooseFolder, checkOutput: a.base.checkOutput,
		selectScreen: a.selectScreen, setCampaign: a.setCampaign, didBulk: a.undo.did,
	}
}
