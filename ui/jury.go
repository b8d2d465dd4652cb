package ui

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/call-agglo/cohesion/data"
)

// juryScreen sets up the jury: its members, their declared conflicts of
// interest (a matrix juror × application) and the grid they score with.
type juryScreen struct {
	env screenEnv

	jurors    []data.Juror
	apps      []data.Row
	conflicts map[[2]int64]data.Conflict

	name, email *widget.Entry
	college     *widget.Select
	members     *widget.Table
	// membersColumns is members in its stretchColumns
	membersColumns fyne.CanvasObject
	matrix         *widget.Table
	matrixWidths   *keptWidths // the jurors' columns, kept per juror
	banner         *widget.Label
	root           fyne.CanvasObject

	editor *jurorEditor // the open « Modifier » dialog, for tests
	deport *deportForm  // the open déport dialog, for tests
}

func newJuryScreen(env screenEnv) *juryScreen { return &juryScreen{env: env} }

func (s *juryScreen) view() fyne.CanvasObject {
	s.build()
	s.reload(context.Background())
	if s.env.campaign().Locked() {
		// The base refuses every change to a deliberated campaign's jury; the
		// table cells follow the campaign's Locked() as they are drawn.
		disableInputs(s.root)
	}
	return s.root
}

func collegeLabels() []string {
	var out []string
	for _, c := range data.Colleges {
		out = append(out, c.Label())
	}
	return out
}

func (s *juryScreen) build() {
	s.name, s.email = widget.NewEntry(), widget.NewEntry()
	s.name.SetPlaceHolder("Nom du juré")
	s.email.SetPlaceHolder("Courriel (facultatif)")
	s.college = newSelect(collegeLabels(), "Choisir un collège", nil)
	s.college.SetSelected(data.CollegeQualifiee.Label())
	s.name.OnSubmitted = func(string) { s.onAddJuror() }
	s.email.OnSubmitted = func(string) { s.onAddJuror() }
	add := widget.NewButtonWithIcon("Ajouter au jury", theme.ContentAddIcon(), s.onAddJuror)
	add.Importance = widget.HighImportance
	form := container.NewBorder(nil, nil, nil, add, container.NewGridWithColumns(3, s.name, s.college, s.email))

	s.members = widget.NewTableWithHeaders(
		func() (int, int) { return len(s.jurors), 4 },
		func() fyne.CanvasObject {
			edit := widget.NewButtonWithIcon("Modifier", theme.DocumentCreateIcon(), nil)
			remove := widget.NewButtonWithIcon("Retirer", theme.DeleteIcon(), nil)
			return container.NewStack(newTipLabel(s.members), container.NewHBox(edit, remove))
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			st := o.(*fyne.Container)
			l, b := cellLabel(st.Objects[0]), st.Objects[1].(*fyne.Container)
			j := s.jurors[id.Row]
			l.Show()
			b.Hide()
			switch id.Col {
			case 0:
				l.SetText(j.Name)
			case 1:
				l.SetText(j.College.Label())
			case 2:
				l.SetText(j.Email)
			case 3:
				l.Hide()
				b.Show()
				b.Objects[0].(*widget.Button).OnTapped = func() { s.onEditJuror(j) }
				b.Objects[1].(*widget.Button).OnTapped = func() { s.onDeleteJuror(j) }
				enable(b.Objects[0].(*widget.Button), !s.env.campaign().Locked())
				enable(b.Objects[1].(*widget.Button), !s.env.campaign().Locked())
			}
		})
	s.members.ShowHeaderColumn = false
	s.members.CreateHeader = headerLabel(s.members)
	s.members.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		st := cellLabel(o)
		if id.Col >= 0 {
			st.SetText([]string{"Nom", "Collège", "Courriel", ""}[id.Col])
		}
	}
	// the buttons' column as wide as they are; the name and the e-mail take
	// the spare width, the e-mail giving it back first
	s.membersColumns = stretchColumns(s.members, []float32{200, 150, 220, s.members.CreateCell().MinSize().Width},
		columnKeys{s.env.prefs(), "jury", []string{"Nom", "Collège", "Courriel", "Actions"}}, columnShare{grow: []int{0, 2}, key: []int{0, 3}})

	s.matrix = widget.NewTableWithHeaders(
		func() (int, int) { return len(s.apps), len(s.jurors) },
		func() fyne.CanvasObject { return widget.NewCheck("", nil) },
		s.updateMatrixCell)
	s.matrix.CreateHeader = func() fyne.CanvasObject { return newTipLabel(s.matrix) } // a juror's or dossier's name whole under the mouse
	s.matrix.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		l := cellLabel(o)
		switch {
		case id.Row < 0 && id.Col >= 0 && id.Col < len(s.jurors):
			l.SetText(s.jurors[id.Col].Name)
		case id.Col < 0 && id.Row >= 0 && id.Row < len(s.apps):
			l.SetText(s.apps[id.Row].Number + " " + s.apps[id.Row].Structure)
		default:
			l.SetText("")
		}
	}
	s.matrix.SetColumnWidth(-1, 320)
	s.matrixWidths = keepWidths(s.matrix, columnKeys{prefs: s.env.prefs(), screen: "deports"}, 0)

	grid := widget.NewLabel("")
	grid.Wrapping = fyne.TextWrapWord
	var lines []string
	for _, k := range s.env.campaign().Criteria {
		lines = append(lines, fmt.Sprintf("%d. %s — poids %d, noté de 0 à %d", k.Position, k.Label, k.Weight, k.Max))
	}
	grid.SetText(strings.Join(lines, "\n") + "\n\nLa grille se modifie dans l'écran Campagne ; une fois des notes saisies, " +
		"toute modification demande une confirmation qui indique les grilles concernées.")

	s.banner = widget.NewLabel("")
	s.banner.Wrapping = fyne.TextWrapWord
	s.banner.Hide()
	help := widget.NewLabel("Cochez une case pour déclarer qu'un juré se déporte pour un dossier : sa grille pour ce dossier ne comptera jamais.")
	help.Wrapping = fyne.TextWrapWord
	tabs := container.NewAppTabs(
		container.NewTabItem("Membres", container.NewBorder(form, nil, nil, nil, s.membersColumns)),
		container.NewTabItem("Déports", container.NewBorder(help, nil, nil, nil, s.matrix)),
		container.NewTabItem("Grille", container.NewVScroll(container.NewPadded(grid))),
	)
	heading := widget.NewLabelWithStyle("Jury", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.root = container.NewBorder(container.NewVBox(heading, s.banner), nil, nil, nil, tabs)
}

// reload reads the jurors, the register and the declared conflicts in one
// consistent view of the campaign.
func (s *juryScreen) reload(ctx context.Context) {
	snap, err := s.env.snapshots().Snapshot(ctx, s.env.campaign().ID, data.SnapshotOptions{})
	if err != nil {
		s.env.showError(err)
		return
	}
	s.jurors, s.apps = snap.Jurors, snap.Rows
	s.conflicts = map[[2]int64]data.Conflict{}
	for _, k := range snap.Conflicts {
		s.conflicts[[2]int64{k.JurorID, k.ApplicationID}] = k
	}
	names, widths := make([]string, len(s.jurors)), make([]float32, len(s.jurors))
	for i, j := range s.jurors {
		names[i], widths[i] = "Juré "+strconv.FormatInt(j.ID, 10), 150
	}
	s.matrixWidths.rename(names)
	base, _ := s.matrixWidths.fix(widths, nil)
	s.matrixWidths.apply(s.matrix, base)
	s.members.Refresh()
	s.matrix.Refresh()
}

func (s *juryScreen) say(msg string, imp widget.Importance) {
	s.banner.Importance = imp
	s.banner.SetText(msg)
	s.banner.Show()
}

func (s *juryScreen) onAddJuror() {
	college, _ := data.ParseCollege(s.college.Selected)
	j := &data.Juror{CampaignID: s.env.campaign().ID, Name: s.name.Text, College: college, Email: s.email.Text}
	ctx := context.Background()
	if err := s.env.jury().AddJuror(ctx, j); err != nil {
		s.say(data.ErrorMessage(err), widget.DangerImportance)
		return
	}
	s.name.SetText("")
	s.email.SetText("")
	s.say(j.Name+" ajouté(e) au jury.", widget.SuccessImportance)
	s.reload(ctx)
	s.env.win().Canvas().Focus(s.name)
}

func (s *juryScreen) onDeleteJuror(j data.Juror) {
	s.env.confirm("Retirer un juré", "Retirer", "Annuler", widget.NewLabel("Retirer "+j.Name+" du jury ?"), func(ok bool) {
		if !ok {
			return
		}
		ctx := context.Background()
		var deports []data.Conflict // put back by an undo
		for _, k := range s.conflicts {
			if k.JurorID == j.ID {
				deports = append(deports, k)
			}
		}
		if err := s.env.jury().DeleteJuror(ctx, j.ID); err != nil {
			s.say(data.ErrorMessage(err), widget.DangerImportance)
			return
		}
		removed := j
		s.env.didBulk(ctx, "Retirer "+j.Name+" du jury", data.Revert{Juror: &removed, Conflicts: deports})
		s.reload(ctx)
	})
}

func (s *juryScreen) updateMatrixCell(id widget.TableCellID, o fyne.CanvasObject) {
	ch := o.(*widget.Check)
	if id.Row >= len(s.apps) || id.Col >= len(s.jurors) {
		return
	}
	j, a := s.jurors[id.Col], s.apps[id.Row]
	_, declared := s.conflicts[[2]int64{j.ID, a.ID}]
	ch.OnChanged = nil
	ch.SetChecked(declared)
	ch.Text = ""
	if declared {
		ch.Text = "déport" // the reason shows in the history and in the annex
	}
	enable(ch, !s.env.campaign().Locked())
	ch.Refresh()
	ch.OnChanged = func(on bool) {
		if on {
			s.onDeclareConflict(j, a)
		} else {
			s.onWithdrawConflict(j, a)
		}
	}
}

func (s *juryScreen) onWithdrawConflict(j data.Juror, a data.Row) {
	s.env.confirm("Retirer le déport", "Retirer", "Annuler",
		widget.NewLabel("Retirer le déport de "+j.Name+" pour "+a.Number+" ?\nSes notes pour ce dossier compteront de nouveau."),
		func(ok bool) {
			ctx := context.Background()
			if ok {
				if err := s.env.jury().RemoveConflict(ctx, j.ID, a.ID); err != nil {
					s.say(data.ErrorMessage(err), widget.DangerImportance)
				}
			}
			s.reload(ctx)
		})
}
