package ui

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/call-agglo/cohesion/data"
)

var historyHeads = []string{"Date", "Utilisateur", "Objet", "Action", "Champ", "Avant", "Après"}
var historyWidths = []float32{120, 85, 220, 100, 110, 150, 250}

// historyColumnWidths are the columns' widths; the date and time show whole,
// whatever the font size.
func historyColumnWidths() []float32 {
	w := append([]float32(nil), historyWidths...)
	// a table's cell keeps a padding on each side of its label
	w[0] = max(w[0], textWidth("00/00/0000 00:00")+2*theme.Padding())
	return w
}

// historyTable shows audit entries, newest first.
func historyTable(entries *[]data.AuditEntry) *widget.Table {
	var t *widget.Table
	t = widget.NewTableWithHeaders(
		func() (int, int) { return len(*entries), len(historyHeads) },
		func() fyne.CanvasObject { return newTipLabel(t) },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			if id.Row >= len(*entries) {
				return
			}
			e := (*entries)[id.Row]
			cellLabel(o).SetText([]string{data.FormatDateTime(e.At), e.User, e.Entity + " " + e.Label, e.Action, e.Field, e.Old, e.New}[id.Col])
		})
	t.ShowHeaderColumn = false
	t.CreateHeader = headerLabel(t)
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 {
			cellLabel(o).SetText(historyHeads[id.Col])
		}
	}
	for i, w := range historyColumnWidths() {
		t.SetColumnWidth(i, w)
	}
	return t
}

// historyScreen is the campaign's « Historique »: every change, who and when,
// and the check that the trail was not altered.
type historyScreen struct {
	env     screenEnv
	entries []data.AuditEntry
	table   *widget.Table
	status  *widget.Label
	root    fyne.CanvasObject
}

func newHistoryScreen(env screenEnv) *historyScreen { return &historyScreen{env: env} }

func (s *historyScreen) view() fyne.CanvasObject {
	s.table = historyTable(&s.entries)
	s.status = widget.NewLabel("")
	verify := widget.NewButtonWithIcon("Vérifier le journal", theme.ConfirmIcon(), func() { verifyJournal(context.Background(), s.env) })
	heading := widget.NewLabelWithStyle("Historique de la campagne", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.root = container.NewBorder(container.NewBorder(nil, nil, nil, verify, heading), s.status, nil, nil, stretchColumns(s.table, historyColumnWidths(), columnKeys{s.env.prefs(), "historique", historyHeads}, columnShare{grow: []int{2, 5, 6}}))
	s.reload(context.Background())
	return s.root
}

func (s *historyScreen) reload(ctx context.Context) {
	entries, err := s.env.journal().Audit(ctx, data.AuditFilter{CampaignID: s.env.campaign().ID})
	if err != nil {
		s.env.showError(err)
		return
	}
	s.entries = entries
	s.status.SetText(data.Count(len(entries), "modification enregistrée.", "modifications enregistrées."))
	s.table.Refresh()
}

// verifyJournal walks the hash chain, compares the data with it, and says
// what it found: from the menu and from the « Historique » screen.
func verifyJournal(ctx context.Context, env screenEnv) {
	rep, err := env.journal().VerifyAudit(ctx)
	switch {
	case err != nil:
		env.showError(err)
	case !rep.Intact():
		dialog.ShowError(errors.New(rep.Verdict()), env.win())
	default:
		env.inform("Journal des modifications", rep.Verdict())
	}
}
