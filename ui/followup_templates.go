package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/reports"
)

// followUpTemplatesForm edits the follow-up documents' templates. Unlike
// the letters', they may change after the deliberation: the conventions and
// reminders are written long after it.
type followUpTemplatesForm struct {
	convention, reminder, reversal *widget.Entry
}

func newFollowUpTemplatesForm(t data.FollowUpTemplates) *followUpTemplatesForm {
	f := &followUpTemplatesForm{widget.NewMultiLineEntry(), widget.NewMultiLineEntry(), widget.NewMultiLineEntry()}
	def := reports.DefaultFollowUpTemplates()
	for _, p := range []struct {
		e           *widget.Entry
		stored, def string
	}{{f.convention, t.Convention, def.Convention}, {f.reminder, t.Reminder, def.Reminder}, {f.reversal, t.Reversal, def.Reversal}} {
		p.e.Wrapping = fyne.TextWrapWord
		p.e.SetMinRowsVisible(12)
		p.e.SetText(p.stored)
		if data.Blank(p.stored) {
			p.e.SetText(p.def)
		}
	}
	return f
}

// content is the three templates in tabs, under the fields they may use.
func (f *followUpTemplatesForm) content() fyne.CanvasObject {
	help := widget.NewLabel("Paragraphes séparés par une ligne vide ; « Article … » et « Préambule » : un titre de la convention ; « Objet : … » : en gras dans une lettre. Champs : {{" +
		strings.Join(reports.FollowUpFields, "}}, {{") + "}}")
	help.Wrapping = fyne.TextWrapWord
	tabs := container.NewAppTabs(container.NewTabItem("Convention", f.convention),
		container.NewTabItem("Relance du compte rendu", f.reminder), container.NewTabItem("Demande de reversement", f.reversal))
	reset := widget.NewButton("Revenir aux modèles par défaut", f.reset)
	return container.NewBorder(help, container.NewHBox(reset), nil, nil, tabs)
}

func (f *followUpTemplatesForm) reset() {
	def := reports.DefaultFollowUpTemplates()
	f.convention.SetText(def.Convention)
	f.reminder.SetText(def.Reminder)
	f.reversal.SetText(def.Reversal)
}

// templates checks the texts typed, and gives "" for a default text: it
// follows the defaults of later versions.
func (f *followUpTemplatesForm) templates() (data.FollowUpTemplates, error) {
	def := reports.DefaultFollowUpTemplates()
	var t data.FollowUpTemplates
	for _, p := range []struct {
		kind string
		e    *widget.Entry
		to   *string
		def  string
	}{{reports.KindConventions, f.convention, &t.Convention, def.Convention}, {reports.KindReminders, f.reminder, &t.Reminder, def.Reminder},
		{reports.KindReversals, f.reversal, &t.Reversal, def.Reversal}} {
		if err := reports.ValidateFollowUpTemplate(p.kind, p.e.Text); err != nil {
			return t, err
		}
		if p.e.Text != p.def {
			*p.to = p.e.Text
		}
	}
	return t, nil
}

// onTemplates edits the templates, read from the follow-up on screen.
func (s *followUpScreen) onTemplates() {
	if s.fu != nil {
		s.showTemplates(newFollowUpTemplatesForm(s.fu.Templates))
	}
}

// showTemplates shows the form; a template refused shows it again as typed,
// under the message that names the unknown field.
func (s *followUpScreen) showTemplates(form *followUpTemplatesForm) {
	s.templatesForm = form
	st, cid := s.env.store(), s.env.campaign().ID
	d := dialog.NewCustomConfirm("Modèles des documents du suivi", "Enregistrer", "Annuler", form.content(), func(ok bool) {
		if !ok {
			return
		}
		t, err := form.templates()
		if err != nil {
			s.showTemplates(form)
			s.env.showError(err)
			return
		}
		s.save(context.Background(), func(ctx context.Context) error { return st.SaveFollowUpTemplates(ctx, cid, t) })
	}, s.env.win())
	d.Resize(fyne.NewSize(820, 600))
	s.env.showDialog(d, nil)
}
