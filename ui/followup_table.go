package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/followup"
)

var followUpHeads = []string{"Dossier", "Structure", "Montant", "Convention", "Versé", "Reste à verser", "Compte rendu", "Prochaine étape", "Date"}
var followUpWidths = []float32{95, 180, 100, 125, 100, 115, 140, 235, 95}

// followUpCells are a line's cells, in the order of followUpHeads.
func followUpCells(st followup.Status) []string {
	g := st.Grant
	next := data.Plain(st.Next.Label)
	if st.Next.Overdue { // the step itself, not another one, is late
		next = "En retard — " + next
	}
	return []string{g.Number, g.Structure, data.FormatEuros(g.GrantedCents), conventionCell(st), data.FormatEuros(st.PaidCents),
		data.FormatEuros(st.BalanceCents), crfCell(st), next, orDash(st.Next.Date.Format())}
}

// conventionCell says where the convention stands: « non requise »,
// « à signer », « 2021-CONV-001 signée le 04/10/2021 ».
func conventionCell(st followup.Status) string {
	g := st.Grant
	switch {
	case !g.ConventionSigned.IsZero():
		return g.ConventionNumber + " signée le " + g.ConventionSigned.Format()
	case g.ConventionNumber != "": // numbered when it was printed
		return g.ConventionNumber + " à signer"
	case st.ConventionRequired:
		return "à signer"
	}
	return "facultative"
}

// crfCell is the compte rendu's status, « en retard » when it is.
func crfCell(st followup.Status) string {
	if st.Overdue {
		return st.CRFStatus.Label() + ", en retard"
	}
	return st.CRFStatus.Label()
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// enterTable is a table whose Entrée selects the cell under the focus, as
// Space does: a grant opens from the keyboard as from a list.
type enterTable struct{ widget.Table }

func (t *enterTable) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter {
		ev = &fyne.KeyEvent{Name: fyne.KeySpace}
	}
	t.Table.TypedKey(ev)
}

// newTable is the list of grants: Entrée, Espace or a click opens the
// grant's page.
func (s *followUpScreen) newTable() *enterTable {
	t := &enterTable{}
	t.Length = func() (int, int) { return len(s.rows), len(followUpHeads) }
	t.CreateCell = func() fyne.CanvasObject { return newTipLabel(&t.Table) }
	t.UpdateCell = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Row < len(s.rows) {
			cellLabel(o).SetText(followUpCells(s.rows[id.Row])[id.Col])
		}
	}
	t.ShowHeaderRow = true
	t.CreateHeader = headerLabel(&t.Table)
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 {
			cellLabel(o).SetText(followUpHeads[id.Col])
		}
	}
	t.ExtendBaseWidget(t)
	for i, w := range followUpWidths {
		t.SetColumnWidth(i, w)
	}
	t.OnSelected = func(id widget.TableCellID) {
		if id.Row >= 0 && id.Row < len(s.rows) {
			s.onOpen(s.rows[id.Row].Grant.Number)
		}
	}
	return t
}

// onOpen shows a grant's page.
func (s *followUpScreen) onOpen(number string) {
	g, ok := s.fu.Grant(number)
	if !ok {
		return
	}
	s.open = number
	s.showGrant(context.Background(), g)
}

// onBack shows the list again.
func (s *followUpScreen) onBack() {
	s.open = ""
	s.table.UnselectAll()
	s.setBody(s.list)
	s.env.win().Canvas().Focus(s.table)
}
