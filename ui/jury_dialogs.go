package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/call-agglo/cohesion/data"
)

// jurorEditor is the « Modifier » dialog of a member: name, college, e-mail.
type jurorEditor struct {
	name, email *escEntry
	college     *widget.Select
}

// onEditJuror corrects a member's name, college or e-mail (journaled by the
// store); Entrée in a field confirms.
func (s *juryScreen) onEditJuror(j data.Juror) {
	e := &jurorEditor{name: newEscEntry(false), email: newEscEntry(false), college: newSelect(collegeLabels(), "Choisir un collège", nil)}
	e.name.SetText(j.Name)
	e.email.SetText(j.Email)
	e.college.SetSelected(j.College.Label())
	d := dialog.NewForm("Modifier un membre du jury", "Enregistrer", "Annuler",
		[]*widget.FormItem{widget.NewFormItem("Nom", e.name), widget.NewFormItem("Collège", e.college), widget.NewFormItem("Courriel", e.email)},
		func(ok bool) {
			s.editor = nil
			if ok {
				s.saveJuror(context.Background(), j, e)
			}
		}, s.env.win())
	e.name.OnSubmitted = func(string) { d.Submit() }
	e.email.OnSubmitted = func(string) { d.Submit() }
	d.Resize(fyne.NewSize(520, 240))
	s.editor = e
	s.env.showDialog(d, d.Submit)
	s.env.win().Canvas().Focus(e.name)
}

func (s *juryScreen) saveJuror(ctx context.Context, j data.Juror, e *jurorEditor) {
	college, _ := data.ParseCollege(e.college.Selected)
	edited := j
	edited.Name, edited.College, edited.Email = e.name.Text, college, e.email.Text
	if err := s.env.jury().UpdateJuror(ctx, &edited); err != nil {
		s.say(data.ErrorMessage(err), widget.DangerImportance)
		return
	}
	s.say(edited.Name+" : fiche du juré enregistrée.", widget.SuccessImportance)
	s.reload(ctx)
}

// deportForm is the déport dialog: its reason, and the other dossiers of the
// same structure (same SIRET) the juror may step aside for at once.
type deportForm struct {
	reason *escEntry
	others []*widget.Check
	apps   []data.Row // the dossier, then those the checks stand for
}

// onDeclareConflict asks for the reason, then records the déport; a juror
// tied to a structure is usually tied to all its dossiers, so they are offered.
func (s *juryScreen) onDeclareConflict(j data.Juror, a data.Row) {
	f := &deportForm{reason: newEscEntry(false), apps: []data.Row{a}}
	f.reason.SetPlaceHolder("ex. membre du conseil d'administration")
	items := []*widget.FormItem{widget.NewFormItem("Dossier", widget.NewLabel(a.Number+" — "+a.Structure)), widget.NewFormItem("Motif", f.reason)}
	for _, o := range s.sameStructure(j, a) {
		c := widget.NewCheck("aussi pour "+o.Number+" — "+o.Title, nil)
		f.others, f.apps = append(f.others, c), append(f.apps, o)
		items = append(items, widget.NewFormItem("", c))
	}
	d := dialog.NewForm("Déport de "+j.Name, "Déclarer", "Annuler", items, func(ok bool) {
		s.deport = nil
		ctx := context.Background()
		if ok {
			s.declare(ctx, j, f)
		}
		s.reload(ctx)
	}, s.env.win())
	f.reason.OnSubmitted = func(string) { d.Submit() }
	d.Resize(fyne.NewSize(560, 240))
	s.deport = f
	s.env.showDialog(d, d.Submit)
	s.env.win().Canvas().Focus(f.reason)
}

// sameStructure are the other dossiers of a's SIRET the juror has not
// stepped aside for yet.
func (s *juryScreen) sameStructure(j data.Juror, a data.Row) []data.Row {
	var out []data.Row
	for _, o := range s.apps {
		_, declared := s.conflicts[[2]int64{j.ID, o.ID}]
		if a.SIRET != "" && o.SIRET == a.SIRET && o.ID != a.ID && !declared {
			out = append(out, o)
		}
	}
	return out
}

// declare records the déport for the dossier and each checked one.
func (s *juryScreen) declare(ctx context.Context, j data.Juror, f *deportForm) {
	var numbers []string
	excluded := false
	for i, a := range f.apps {
		if i > 0 && !f.others[i-1].Checked {
			continue
		}
		ex, err := s.env.jury().AddConflict(ctx, j.ID, a.ID, f.reason.Text)
		if err != nil {
			s.say(data.ErrorMessage(err), widget.DangerImportance)
			return
		}
		excluded = excluded || ex
		numbers = append(numbers, a.Number)
	}
	msg := j.Name + " se déporte pour " + joinAnd(numbers) + "."
	if excluded {
		s.say(msg+" Ses notes déjà saisies pour ces dossiers sont conservées et ne comptent plus.", widget.WarningImportance)
		return
	}
	s.say(msg, widget.SuccessImportance)
}

// joinAnd lists as French does: « A », « A et B », « A, B et C ».
func joinAnd(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " et " + items[len(items)-1]
}
