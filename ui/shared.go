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

// sharedBases is « Ouvrir une base partagée… » and « Ouvrir la base de ce
// poste »: it switches the window's base, built from that base, the
// preferences that remember the shared one, the dialogs, and the window's
// guard of unsaved changes and campaign switch.
type sharedBases struct {
	base    *baseLink
	prefs   func() fyne.Preferences
	dialogs *dialogs
	// guard runs do once unsaved changes are saved or dropped, cancel if the
	// user keeps them (the register's form, see registerScreen.guard).
	guard       func(do, cancel func())
	setCampaign func(*data.Campaign)
}

// onOpenShared asks for the address of a shared PostgreSQL base and opens it.
func (s *sharedBases) onOpenShared() {
	addr := widget.NewEntry()
	addr.SetPlaceHolder("postgres://utilisateur@serveur:5432/cohesion?sslmode=verify-full")
	addr.SetText(s.prefs().String(prefSharedAddress))
	help := widget.NewLabel("L'adresse vous est donnée par le service informatique. Le mot de passe vient de votre fichier pgpass, ou vous est demandé : il n'est jamais enregistré.")
	help.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm("Ouvrir une base partagée", "Ouvrir", "Annuler", container.NewVBox(addr, help), func(ok bool) {
		if ok {
			s.openBase(context.Background(), strings.TrimSpace(addr.Text), "")
		}
	}, s.dialogs.win)
	addr.OnSubmitted = func(string) { d.Confirm() } // Entrée in the address opens it
	d.Resize(fyne.NewSize(640, 220))
	s.dialogs.show(d, d.Confirm)
	s.dialogs.win.Canvas().Focus(addr)
}

// onOpenLocal goes back to this desk's own base: its file, even when a
// policy or the installer names a shared base by default.
func (s *sharedBases) onOpenLocal() {
	address := s.base.bases.DefaultAddress()
	if l, ok := s.base.bases.(interface{ LocalAddress() string }); ok {
		address = l.LocalAddress()
	}
	s.openBase(context.Background(), address, "")
}

// openBase switches the window to another base; the current one stays open
// until the new one answers, so a wrong address changes nothing.
func (s *sharedBases) openBase(ctx context.Context, address, password string) {
	if address == "" || address == s.base.address {
		return
	}
	db, err := s.base.bases.Open(ctx, address, data.OpenOptions{Password: password})
	if data.ErrorCode(err) == data.EAUTH && password == "" {
		s.askPassword(address, err)
		return
	}
	if err == nil {
		_, err = seed.EnsureDefault(ctx, db)
	}
	var c *data.Campaign
	if err == nil {
		c, err = campaignToOpen(ctx, s.prefs(), db, address)
	}
	if err != nil {
		if db != nil {
			db.Close()
		}
		s.dialogs.showError(err)
		return
	}
	s.guard(func() { s.switchTo(address, db, c) }, func() { db.Close() })
}

// switchTo leaves the current base for db.
func (s *sharedBases) switchTo(address string, db data.Store, c *data.Campaign) {
	announced, _ := s.base.release()
	s.base.adopt(address, db)
	if announced {
		s.base.announce()
	}
	prefs := s.prefs()
	if address != s.base.bases.DefaultAddress() {
		prefs.SetString(prefSharedAddress, withoutPassword(address))
		prefs.SetString(prefLastBase, withoutPassword(address))
	} else {
		prefs.SetString(prefLastBase, "")
	}
	s.setCampaign(c)
	dialog.ShowInformation("Base ouverte", "Vous travaillez maintenant sur la base "+displayPath(db.Location())+".", s.dialogs.win)
}

// askPassword asks for the password a server wants, once, without keeping it.
func (s *sharedBases) askPassword(address string, why error) {
	pw := widget.NewPasswordEntry()
	msg := widget.NewLabel(data.ErrorMessage(why))
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm("Mot de passe", "Se connecter", "Annuler", container.NewVBox(msg, pw), func(ok bool) {
		if ok && pw.Text != "" {
			s.openBase(context.Background(), address, pw.Text)
		}
	}, s.dialogs.win)
	pw.OnSubmitted = func(string) { d.Confirm() }
	d.Resize(fyne.NewSize(520, 200))
	s.dialogs.show(d, d.Confirm)
	s.dialogs.win.Canvas().Focus(pw)
}
