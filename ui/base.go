package ui

import (
	"context"
	"fmt"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/files"
)

// baseLink is the window's link to its base: which base (its address, found
// through bases), the store open on it, the window's presence there (see
// announce) and the watch of the other desks' writes. A restore and « Ouvrir
// une base partagée » swap the store through release and adopt; everything
// else reads db when it needs it and keeps none, so that it follows the swap.
type baseLink struct {
	bases   data.Bases
	address string // the base's file or server address
	db      data.Store
	// win is where announce says that another window has the base open.
	win fyne.Window
	// changed is told, on the UI thread, of each write of another desk or
	// window: the campaign's ID, 0 for any (see watch).
	changed func(campaignID int64)
	// stopWatch ends the watch of the other desks' writes (see watch).
	stopWatch func()
	// otherDesks counts the changes of other desks handled, so that a test
	// acts on the window only once the watcher has (see watch).
	otherDesks atomic.Int64
	// leave unregisters this window from the base (see announce).
	leave    func()
	instance int64
}

// watch tells changed when another desk or window writes to the base, so a
// colleague's change appears without a restart.
func (b *baseLink) watch() {
	ctx, cancel := context.WithCancel(context.Background())
	b.stopWatch = cancel
	changes := b.db.Watch(ctx)
	go func() {
		for id := range changes {
			fyne.Do(func() {
				b.changed(id)
				b.otherDesks.Add(1)
			})
		}
	}()
}

// release leaves the base: the window's presence ends (its heartbeat stops
// before its store closes), the watch stops, the store closes. announced
// says the window had announced itself, so that the next base is told too.
func (b *baseLink) release() (announced bool, err error) {
	announced = b.leave != nil
	if announced {
		b.leave()
		b.leave = nil
	}
	b.stopWatch()
	return announced, b.db.Close()
}

// adopt makes db, open at address, the window's base, and watches it.
func (b *baseLink) adopt(address string, db data.Store) {
	b.db, b.address = db, address
	b.watch()
}

// checkOutput refuses to save a file over the base, its journal files or its
// backups, or with an extension that does not fit.
func (b *baseLink) checkOutput(path string, k files.Kind) error {
	var p files.Protected
	p.Files, p.Dirs = b.bases.Protected(b.db)
	return files.CheckOutput(path, k, p)
}

// announce records this window on the base, warns when another one is already
// open on it, and keeps saying it is there until the window closes.
func (b *baseLink) announce() {
	db := b.db // the heartbeat keeps to this base, even if a restore swaps b.db
	// The window's presence lasts as long as it: no deadline, no cancel.
	ctx := context.Background()
	id, others, err := db.RegisterInstance(ctx)
	if err != nil {
		return // a busy base must not stop the app from starting
	}
	b.instance = id
	if len(others) > 0 {
		o := others[0]
		dialog.ShowInformation("Base déjà ouverte",
			fmt.Sprintf("Cohésion est déjà ouvert sur cette base (par %s sur %s, depuis le %s).\n\n"+
				"Les deux fenêtres peuvent travailler sans risque pour la base : si un même dossier est modifié des deux côtés, "+
				"le second enregistrement est refusé et signalé, jamais écrasé en silence.",
				o.User, o.Host, data.FormatDateTime(o.StartedAt)), b.win)
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
	b.leave = func() {
		close(done)
		db.UnregisterInstance(ctx, id)
	}
}
