package ui

import (
	"context"
	"net/url"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/seed"
)

// The preferences that remember the shared base: its address, never its
// password (libpq's pgpass file, or the prompt, gives that).
const (
	prefSharedAddress = "sharedBaseAddress"
	prefLastBase      = "lastBase"
)

// LastBase is the base the user last worked on, when it was a shared one
// ("" otherwise): the next start opens it again.
func LastBase(fa fyne.App) string { return fa.Preferences().String(prefLastBase) }

// withoutPassword removes a password typed into an address: it is never
// remembered.
func withoutPassword(address string) string {
	u, err := url.Parse(strings.TrimSpace(address))
	if err != nil || u.User == nil {
		return strings.TrimSpace(address)
	}
	u.User = url.User(u.User.Username())
	return u.String()
}

// onOpenShared asks for the address of a shared PostgreSQL base and opens it.
func (a *App) onOpenShared() {
	addr := widget.NewEntry()
	addr.SetPlaceHolder("postgres://utilisateur@serveur:5432/cohesion?sslmode=verify-full")
	addr.SetText(a.fyne.Preferences().String(prefSharedAddress))
	help := widget.NewLabel("L'adresse vous est donnée par le service informatique. Le mot de passe vient de votre fichier pgpass, ou vous est demandé : il n'est jamais enregistré.")
	help.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm("Ouvrir une base partagée", "Ouvrir", "Annuler", container.NewVBox(addr, help), func(ok bool) {
		if ok {
			a.openBase(context.Background(), strings.TrimSpace(addr.Text), "")
		}
	}, a.win)
	addr.OnSubmitted = func(string) { d.Confirm() } // Entrée in the address opens it
	d.Resize(fyne.NewSize(640, 220))
	a.dialogs.show(d, d.Confirm)
	a.win.Canvas().Focus(addr)
}

// onOpenLocal goes back to this desk's own base: its file, even when a
// policy or the installer names a shared base by default.
func (a *App) onOpenLocal() {
	address := a.bases.DefaultAddress()
	if l, ok := a.bases.(interface{ LocalAddress() string }); ok {
		address = l.LocalAddress()
	}
	a.openBase(context.Background(), address, "")
}

// openBase switches the window to another base; the current one stays open
// until the new one answers, so a wrong address changes nothing.
func (a *App) openBase(ctx context.Context, address, password string) {
	if address == "" || address == a.address {
		return
	}
	db, err := a.bases.Open(ctx, address, data.OpenOptions{Password: password})
	if data.ErrorCode(err) == data.EAUTH && password == "" {
		a.askPassword(address, err)
		return
	}
	if err == nil {
		_, err = seed.EnsureDefault(ctx, db)
	}
	var c *data.Campaign
	if err == nil {
		c, err = a.campaignToOpen(ctx, db, address)
	}
	if err != nil {
		if db != nil {
			db.Close()
		}
		a.dialogs.showError(err)
		return
	}
	a.register.guard(func() { a.switchTo(address, db, c) }, func() { db.Close() })
}

// switchTo leaves the current base for db.
func (a *App) switchTo(address string, db data.Store, c *data.Campaign) {
	announced := a.leave != nil
	if announced {
		a.leave()
		a.leave = nil
	}
	a.stopWatch()
	a.db.Close()
	a.db, a.address = db, address
	a.watch()
	if announced {
		a.Announce()
	}
	prefs := a.fyne.Preferences()
	if address != a.bases.DefaultAddress() {
		prefs.SetString(prefSharedAddress, withoutPassword(address))
		prefs.SetString(prefLastBase, withoutPassword(address))
	} else {
		prefs.SetString(prefLastBase, "")
	}
	a.setCampaign(c)
	dialog.ShowInformation("Base ouverte", "Vous travaillez maintenant sur la base "+displayPath(db.Location())+".", a.win)
}

// askPassword asks for the password a server wants, once, without keeping it.
func (a *App) askPassword(address string, why error) {
	pw := widget.NewPasswordEntry()
	msg := widget.NewLabel(data.ErrorMessage(why))
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm("Mot de passe", "Se connecter", "Annuler", container.NewVBox(msg, pw), func(ok bool) {
		if ok && pw.Text != "" {
			a.openBase(context.Background(), address, pw.Text)
		}
	}, a.win)
	pw.OnSubmitted = func(string) { d.Confirm() }
	d.Resize(fyne.NewSize(520, 200))
	a.dialogs.show(d, d.Confirm)
	a.win.Canvas().Focus(pw)
}
