package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/campaign"
)

// refreshLock shows, above every screen, what the user must keep in mind
// while working: the base's warnings (a shared base reached in clear), and
// that the deliberation froze the campaign.
func (a *App) refreshLock() {
	if a.lockBar == nil {
		return
	}
	a.lockBar.RemoveAll()
	if w, ok := a.base.db.(data.Warner); ok {
		showBaseWarnings(a.lockBar, w)
	}
	c := a.campaign
	if !c.Locked() {
		return
	}
	msg := widget.NewLabel("Campagne verrouillée depuis la délibération n° " + c.DeliberationNumber + " du " + c.DeliberationBody + " du " +
		c.DeliberationDate.Format() + " : montants, notes, décisions et grille ne peuvent plus changer.")
	msg.Importance = widget.WarningImportance
	msg.Wrapping = fyne.TextWrapWord
	reopen := widget.NewButtonWithIcon("Rouvrir…", theme.ViewRefreshIcon(), func() { askReopening(a.env, a.reloadCampaign) })
	a.lockBar.Add(container.NewBorder(nil, nil, widget.NewIcon(theme.WarningIcon()), reopen, msg))
}

// askDeliberation records the council's deliberation on the adopted scenario
// (« Délibération… » on the Répartition screen), then reloads the campaign,
// locked, through reloadCampaign.
func askDeliberation(env screenEnv, reloadCampaign func(ctx context.Context)) {
	c := env.campaign()
	number := newEscEntry(false)
	number.SetPlaceHolder("ex. 2021-154")
	date := newDateEntry(env.win, false)
	date.entry.SetText(c.Deliberation.From.Format())
	body := newEscEntry(false)
	body.SetText(c.DeliberationBody)
	if data.Blank(body.Text) {
		body.SetText("Conseil communautaire")
	}
	warn := widget.NewLabel("Une fois la délibération enregistrée, la campagne est verrouillée : montants, notes, décisions et grille\n" +
		"ne changent plus, sauf à la rouvrir avec un motif écrit.")
	items := []*widget.FormItem{
		widget.NewFormItem("", warn),
		widget.NewFormItem("Numéro", number),
		widget.NewFormItem("Date", date.root),
		widget.NewFormItem("Instance", body),
	}
	ctx := context.Background()
	confirmed := func() bool { return true }
	if v, err := campaign.Load(ctx, env.snapshots(), c.ID, data.SnapshotOptions{}); err == nil && v.Scenario != nil {
		var review fyne.CanvasObject
		if review, confirmed = reviewBox(v.Review(campaign.Funded(v.Scenario)), env.showError); review != nil {
			items = append(items, widget.NewFormItem("", review))
		}
	}
	d := dialog.NewForm("Enregistrer la délibération", "Enregistrer et verrouiller", "Annuler", items, func(ok bool) {
		if !ok || !confirmed() {
			return
		}
		d, err := data.ParseDate(date.entry.Text)
		if err != nil {
			env.showError(err)
			return
		}
		if err := campaign.Deliberate(ctx, deliberationBase{env.snapshots(), env.deliberations()}, c.ID, number.Text, d, body.Text); err != nil {
			env.showError(err)
			return
		}
		reloadCampaign(ctx)
	}, env.win())
	d.Resize(fyne.NewSize(640, 320))
	env.showDialog(d, nil)
}

// deliberationBase is what campaign.Deliberate uses of the base: the
// snapshot it checks, the deliberation it records.
type deliberationBase struct {
	data.Snapshots
	data.Deliberations
}

// askReopening unlocks the campaign with a written reason, kept in the trail
// (« Rouvrir… » in the lock bar), then reloads it through reloadCampaign.
func askReopening(env screenEnv, reloadCampaign func(ctx context.Context)) {
	reason := newEscEntry(true)
	reason.SetPlaceHolder("Motif de la réouverture (conservé dans l'historique)")
	d := dialog.NewCustomConfirm("Rouvrir la campagne", "Rouvrir", "Annuler", reason, func(ok bool) {
		if !ok {
			return
		}
		ctx := context.Background()
		if err := env.deliberations().Reopen(ctx, env.campaign().ID, reason.Text); err != nil {
			env.showError(err)
			return
		}
		reloadCampaign(ctx)
	}, env.win())
	d.Resize(fyne.NewSize(520, 240))
	env.showDialog(d, nil)
}

// reloadCampaign reads the campaign again after a change of its state.
func (a *App) reloadCampaign(ctx context.Context) {
	c, err := a.base.db.Campaign(ctx, a.campaign.ID)
	if err != nil {
		a.dialogs.showError(err)
		return
	}
	a.campaign = c
	a.refreshLock()
	a.show(a.current)
}

// showBaseWarnings puts, above every screen, what the base said when it was
// opened (a desk connected as the owner of a shared base…).
func showBaseWarnings(bar *fyne.Container, w data.Warner) {
	for _, msg := range w.Warnings() {
		l := widget.NewLabel(msg.Text)
		l.Importance = widget.WarningImportance
		l.Wrapping = fyne.TextWrapWord
		bar.Add(container.NewBorder(nil, nil, widget.NewIcon(theme.WarningIcon()), nil, l))
	}
}
