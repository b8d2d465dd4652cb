package ui

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/seed"
)

// fromDefaults is « à partir de … »'s choice of no campaign: the default
// settings, as before next year's call could be made from this one.
const fromDefaults = "Paramètres par défaut"

// newCampaignForm is « Nouvelle campagne »'s dialog: a code, a title, and
// what the campaign starts from — the default settings or a campaign of the
// base (issue 22), whose calendar moves to the year typed and whose jury
// may come along, without its déports. A small type of its own: App's
// methods are many enough.
type newCampaignForm struct {
	env               screenEnv
	listed            []data.Campaign // the base's campaigns, as the selector lists them
	code, title, year *widget.Entry
	from              *widget.Select
	jury              *widget.Check
}

// showNewCampaign opens the dialog, starting from the campaign on screen:
// next year's call is made from this year's.
func showNewCampaign(env screenEnv, listed []data.Campaign) *newCampaignForm {
	f := &newCampaignForm{env: env, listed: listed, code: widget.NewEntry(), title: widget.NewEntry(), year: widget.NewEntry()}
	f.code.SetPlaceHolder("ex. AMI2022")
	f.title.SetPlaceHolder("Vide : celui de la campagne reprise, avec sa nouvelle année")
	f.year.SetPlaceHolder("AAAA")
	f.jury = widget.NewCheck("Reprendre le jury (sans les déports)", nil)
	opts := []string{fromDefaults}
	for _, c := range listed {
		opts = append(opts, c.Code)
	}
	f.from = newSelect(opts, fromDefaults, func(string) { f.onFrom() })
	f.from.SetSelected(env.campaign().Code)
	d := dialog.NewForm("Nouvelle campagne", "Créer", "Annuler", []*widget.FormItem{
		widget.NewFormItem("Code", f.code), widget.NewFormItem("Intitulé", f.title),
		widget.NewFormItem("À partir de", f.from), widget.NewFormItem("Calendrier décalé à l'année", f.year), widget.NewFormItem("", f.jury),
	}, func(ok bool) {
		if ok {
			f.create(context.Background())
		}
	}, env.win())
	d.Resize(fyne.NewSize(620, 360))
	env.showDialog(d, nil)
	return f
}

// source is the listed campaign chosen to start from; nil: the defaults.
func (f *newCampaignForm) source() *data.Campaign {
	for i := range f.listed {
		if f.listed[i].Code == f.from.Selected {
			return &f.listed[i]
		}
	}
	return nil
}

// onFrom proposes the year after the source's; the year and the jury mean
// nothing without a source.
func (f *newCampaignForm) onFrom() {
	src := f.source()
	if src == nil {
		f.year.SetText("")
		f.jury.SetChecked(false)
		f.year.Disable()
		f.jury.Disable()
		return
	}
	f.year.Enable()
	f.jury.Enable()
	if y := src.Year(); y != 0 {
		f.year.SetText(strconv.Itoa(y + 1))
	}
}

// create stores the campaign and shows it: the window's campaign becomes
// the new one, as the command line's default does.
func (f *newCampaignForm) create(ctx context.Context) {
	db := f.env.campaigns()
	c, err := f.campaign(ctx)
	if err == nil && c.SourceID != 0 {
		err = db.CreateCampaignFrom(ctx, c, f.jury.Checked)
	} else if err == nil {
		err = db.CreateCampaign(ctx, c)
	}
	if err == nil {
		c, err = db.Campaign(ctx, c.ID)
	}
	if err != nil {
		f.env.showError(err)
		return
	}
	f.env.setCampaign(c)
}

// campaign is the campaign to create, from the source read whole (the
// listing holds no lists) or from the defaults.
func (f *newCampaignForm) campaign(ctx context.Context) (*data.Campaign, error) {
	listed := f.source()
	if listed == nil {
		c, err := seed.DefaultCampaign()
		if err != nil {
			return nil, err
		}
		c.Code = strings.TrimSpace(f.code.Text)
		if !data.Blank(f.title.Text) {
			c.Title = data.Clean(f.title.Text)
		}
		return c, nil
	}
	year := 0
	if y := strings.TrimSpace(f.year.Text); y != "" {
		n, err := strconv.Atoi(y)
		if err != nil || n < 2000 || n > 2200 {
			return nil, data.Errorf(data.EINVALID, "Année illisible « %s » : écrivez-la en quatre chiffres, par exemple 2022.", y)
		}
		year = n
	}
	src, err := f.env.campaigns().Campaign(ctx, listed.ID)
	if err != nil {
		return nil, err
	}
	return data.CampaignFrom(src, f.code.Text, year, f.title.Text), nil
}
