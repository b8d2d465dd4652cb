package ui

import (
	"context"
	"fmt"
	"math"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/call-agglo/cohesion/data"
)

// screenSizes are the screens the column tests lay the window out at, as
// issue 19 asks: a small laptop's, the common one, and a desktop's.
var screenSizes = []fyne.Size{fyne.NewSize(1024, 768), fyne.NewSize(1366, 768), fyne.NewSize(1920, 1080)}

// keyColumn is a column that must stay on screen, whose texts must read
// whole when whole is set, and that keeps its base width when keep is set (a
// text column while a lesser one can make room).
type keyColumn struct {
	col         int
	whole, keep bool
}

// checkKeyColumns lays columns out and checks that each key column ends
// within the table's width and, for the whole ones, that every cell's text
// (text(row)) fits its column.
func checkKeyColumns(t *testing.T, name string, columns fyne.CanvasObject, rows int, heads []string, keys []keyColumn, text func(row, col int) string) {
	t.Helper()
	l := columns.(*fyne.Container).Layout.(*stretchLayout)
	if l.shared == nil {
		t.Fatalf("%s: columns not laid out", name)
	}
	pad := theme.Padding()
	for _, k := range keys {
		end := float32(k.col) * pad
		for _, w := range l.shared[:k.col+1] {
			end += w
		}
		if k.keep && l.shared[k.col] < l.widths[k.col]-0.5 {
			t.Errorf("%s: « %s » %v wide, narrower than its %v", name, heads[k.col], l.shared[k.col], l.widths[k.col])
		}
		if end > columns.Size().Width {
			t.Errorf("%s: « %s » ends at %v, off a table %v wide", name, heads[k.col], end, columns.Size().Width)
		}
		for r := 0; k.whole && r < rows; r++ {
			if s := text(r, k.col); textWidth(s)+2*pad > l.shared[k.col]+0.5 {
				t.Errorf("%s: « %s » cuts %q (%v in %v)", name, heads[k.col], s, textWidth(s)+2*pad, l.shared[k.col])
			}
		}
	}
}

// At 1024×768, 1366×768 and 1920×1080 the Classement and the Répartition
// show their key columns (Numéro, Structure, amounts, Décision), their texts
// whole.
func TestKeyColumnsOnSmallScreens(t *testing.T) {
	a := newTestApp(t)
	withJury(t, a)
	typeScores(a, "Mme Durand", "5", "1")
	var rankHeads []string
	for _, c := range rankColumns {
		rankHeads = append(rankHeads, c.title)
	}
	for _, size := range screenSizes {
		a.win.Resize(size)
		a.selectScreen("Classement")
		r := a.ranking
		cell := widget.NewLabel("")
		checkKeyColumns(t, fmt.Sprint("Classement ", size), r.columns, len(r.rows), rankHeads,
			[]keyColumn{{numberColumn, true, false}, {2, false, true}, {decisionColumn, true, false}},
			func(row, col int) string {
				r.table.UpdateCell(widget.TableCellID{Row: row, Col: col}, cell)
				return cell.Text
			})
		a.selectScreen("Répartition")
		s := a.split
		box := s.table.CreateCell()
		checkKeyColumns(t, fmt.Sprint("Répartition ", size), s.columns, len(s.result.Lines), splitHeads,
			[]keyColumn{{splitNumber, true, false}, {splitStructure, false, false}, {splitAmount, false, false}, {splitFixed, false, false},
				{splitRequested, true, false}, {splitCap, true, false}, {splitScore, true, false}},
			func(row, col int) string {
				s.updateCell(widget.TableCellID{Row: row, Col: col}, box)
				return cellLabel(box.(*fyne.Container).Objects[0]).Text
			})
	}
}

// The register's « Numéro » shows its numbers whole whatever the campaign's
// code: DEMO2022-001 and longer, not only AMI2021-001.
func TestRegisterNumbersWhole(t *testing.T) {
	a := newTestApp(t)
	ctx := context.Background()
	next := data.CampaignFrom(a.campaign, "POLITIQUE2022", 2022, "")
	if err := a.base.db.CreateCampaignFrom(ctx, next, false); err != nil {
		t.Fatal(err)
	}
	ap := &data.Application{Received: time.Date(2022, 4, 1, 9, 0, 0, 0, data.Paris), Structure: data.Structure{Name: "Les Petits Pas"},
		Title: "Projet", RequestedCents: 300_000}
	if err := a.base.db.CreateApplication(ctx, next, ap); err != nil {
		t.Fatal(err)
	}
	a.setCampaign(next)
	var heads []string
	for _, c := range registerColumns {
		heads = append(heads, c.title)
	}
	for _, size := range screenSizes {
		a.win.Resize(size)
		a.selectScreen("Dossiers")
		s := a.register
		checkKeyColumns(t, fmt.Sprint("Dossiers ", size), s.columns, len(s.rows), heads, []keyColumn{{0, true, false}},
			func(row, col int) string { return cellText(a, row, col) })
	}
}

// At 1024×768, 1366×768 and 1920×1080 the register shows its key columns
// (Numéro, Structure, Demandé, Statut): the numbers, amounts and statuses
// whole, and « Structure » at its own width while « Projet », which is not
// key, still has room to give.
func TestRegisterKeyColumns(t *testing.T) {
	a := demoApp(t)
	var heads []string
	for _, c := range registerColumns {
		heads = append(heads, c.title)
	}
	for _, size := range screenSizes {
		a.win.Resize(size)
		a.selectScreen("Dossiers")
		s := a.register
		checkKeyColumns(t, fmt.Sprint("Dossiers ", size), s.columns, len(s.rows), heads,
			[]keyColumn{{0, true, false}, {2, false, true}, {4, true, false}, {5, true, false}},
			func(row, col int) string { return cellText(a, row, col) })
	}
}

// checkHeadersWhole checks that each column of a stretchColumns table is as
// wide as its header needs: the title whole, in bold, and the sort icon of
// the sorted column.
func checkHeadersWhole(t *testing.T, name string, columns fyne.CanvasObject, tbl *widget.Table, heads []string) {
	t.Helper()
	l := columns.(*fyne.Container).Layout.(*stretchLayout)
	for col := range heads {
		o := tbl.CreateHeader()
		tbl.UpdateHeader(widget.TableCellID{Row: -1, Col: col}, o)
		var need float32
		switch h := o.(type) {
		case *widget.Button:
			need = h.MinSize().Width
		case *tipLabel: // Fyne cuts what is wider than the whole pixels inside the padding
			need = float32(math.Ceil(float64(fyne.MeasureText(h.Text, theme.TextSize(), h.TextStyle).Width))) + 2*theme.InnerPadding()
		default:
			t.Fatalf("%s: header %T", name, o)
		}
		if need > l.shared[col]+0.01 {
			t.Errorf("%s: header « %s » cut (%v in %v)", name, heads[col], need, l.shared[col])
		}
	}
}

// At 1024×768, 1366×768 and 1920×1080 every header of Dossiers, Classement and
// Répartition reads whole: « Harmonisée », « Rang » and its sort icon.
func TestHeadersWhole(t *testing.T) {
	a := demoApp(t)
	var regHeads, rankHeads []string
	for _, c := range registerColumns {
		regHeads = append(regHeads, c.title)
	}
	for _, c := range rankColumns {
		rankHeads = append(rankHeads, c.title)
	}
	for _, size := range screenSizes {
		a.win.Resize(size)
		a.selectScreen("Dossiers")
		checkHeadersWhole(t, fmt.Sprint("Dossiers ", size), a.register.columns, a.register.table, regHeads)
		a.selectScreen("Classement")
		checkHeadersWhole(t, fmt.Sprint("Classement ", size), a.ranking.columns, a.ranking.table, rankHeads)
		a.ranking.onSort(6) // « Harmonisée », and its sort icon
		checkHeadersWhole(t, fmt.Sprint("Classement sorted ", size), a.ranking.columns, a.ranking.table, rankHeads)
		a.ranking.onSort(0)
		a.selectScreen("Répartition")
		checkHeadersWhole(t, fmt.Sprint("Répartition ", size), a.split.columns, a.split.table, splitHeads)
	}
}

// Widths the app gives are never kept as the user's: sharing the window
// again at another size (1366 then 1024 px, 1920 then 1024 px) leaves no
// width in the preferences, nor in the screen, without a drag.
func TestResizeKeepsNoWidth(t *testing.T) {
	a := demoApp(t)
	for _, size := range []fyne.Size{fyne.NewSize(1366, 768), fyne.NewSize(1024, 768), fyne.NewSize(1920, 1080), fyne.NewSize(1024, 768)} {
		a.win.Resize(size)
		for _, screen := range []string{"Dossiers", "Classement", "Répartition"} {
			a.selectScreen(screen)
		}
	}
	for name, columns := range map[string]fyne.CanvasObject{"Dossiers": a.register.columns, "Classement": a.ranking.columns, "Répartition": a.split.columns} {
		if user := columns.(*fyne.Container).Layout.(*stretchLayout).kept.user; len(user) > 0 {
			t.Errorf("%s: widths kept as the user's without a drag: %v", name, user)
		}
	}
}

// Notation's header, built of labels and drag edges rather than a table's,
// reads whole too: « C1 (/5) », « Total /20 ».
func TestNotationHeadersWhole(t *testing.T) {
	a := demoApp(t)
	for _, size := range screenSizes {
		a.win.Resize(size)
		a.selectScreen("Dossiers")
		a.selectScreen("Notation")
		s := a.scoring
		var walk func(o fyne.CanvasObject)
		seen := 0
		walk = func(o fyne.CanvasObject) {
			c, ok := o.(*fyne.Container)
			if !ok {
				if sc, ok := o.(*container.Scroll); ok {
					walk(sc.Content)
				}
				return
			}
			if len(c.Objects) == 2 {
				l, isLabel := c.Objects[0].(*widget.Label)
				e, isEdge := c.Objects[1].(*columnEdge)
				if isLabel && isEdge {
					seen++
					need := float32(math.Ceil(float64(fyne.MeasureText(l.Text, theme.TextSize(), l.TextStyle).Width))) + 2*theme.InnerPadding()
					if l.Size().Width == 0 || need > l.Size().Width+0.01 {
						t.Errorf("Notation %v: header « %s » cut (%v in %v; edge %v)", size, l.Text, need, l.Size().Width, e.MinSize().Width)
					}
					return
				}
			}
			for _, x := range c.Objects {
				walk(x)
			}
		}
		walk(s.root.(*container.AppTabs).Items[0].Content)
		if seen != len(s.widths()) {
			t.Fatalf("Notation %v: %d headers for %d columns", size, seen, len(s.widths()))
		}
	}
}

// Notation › Par dossier, at 1024×768, 1366×768 and 1920×1080: the juror's
// name never runs over the scores beside it (cut with an ellipsis, whole
// under the mouse), and the scores, the total and the state read whole.
func TestByApplicationColumnsApart(t *testing.T) {
	a := demoApp(t)
	for _, size := range screenSizes {
		a.win.Resize(size)
		a.selectScreen("Dossiers")
		a.selectScreen("Notation")
		s := a.scoring
		s.tabs.SelectIndex(1)
		s.appSel.SetSelectedIndex(1)
		if len(s.byApp.Objects) < 2 {
			t.Fatalf("%v: %d lines side by side", size, len(s.byApp.Objects))
		}
		for _, line := range s.byApp.Objects {
			objs := line.(*fyne.Container).Objects
			for i, o := range objs {
				if o.Size().Width <= 0 {
					t.Fatalf("%v: line not laid out", size)
				}
				if i+1 < len(objs) && o.Position().X+o.Size().Width > objs[i+1].Position().X {
					t.Errorf("%v: column %d (%v wide from %v) runs over column %d at %v", size, i, o.Size().Width, o.Position().X, i+1, objs[i+1].Position().X)
				}
				l := cellLabel(o)
				need := float32(math.Ceil(float64(fyne.MeasureText(l.Text, theme.TextSize(), l.TextStyle).Width))) + 2*theme.InnerPadding()
				if l.Truncation == fyne.TextTruncateOff && need > o.Size().Width+0.01 {
					t.Errorf("%v: %q overflows its column (%v in %v)", size, l.Text, need, o.Size().Width)
				}
				if i > 0 && need > o.Size().Width+0.01 {
					t.Errorf("%v: %q cut (%v in %v)", size, l.Text, need, o.Size().Width)
				}
			}
		}
	}
}

// Jury › Membres at 1024×768, 1366×768 and 1920×1080: the name and the buttons
// « Modifier » and « Retirer » stay on screen, whole.
func TestJuryMembersOnSmallScreens(t *testing.T) {
	a := demoApp(t)
	heads := []string{"Nom", "Collège", "Courriel", "Actions"}
	for _, size := range screenSizes {
		a.win.Resize(size)
		a.selectScreen("Jury")
		s := a.jury
		columns, ok := s.membersColumns.(*fyne.Container)
		if !ok {
			t.Fatalf("Jury: the members' table takes no share of the window")
		}
		checkKeyColumns(t, fmt.Sprint("Jury ", size), columns, len(s.jurors), heads, []keyColumn{{0, false, true}, {3, false, false}},
			func(row, col int) string { return "" })
		l := columns.Layout.(*stretchLayout)
		if need := s.members.CreateCell().MinSize().Width; need > l.shared[3]+0.01 {
			t.Errorf("Jury %v: the buttons need %v, the column is %v", size, need, l.shared[3])
		}
	}
}

// The import's « Aperçu » at 1024×768, 1366×768 and 1920×1080: « Numéro » and
// « Demandé » whole, « Structure » at its width, none of them off the
// dialog's edge.
func TestImportPreviewKeyColumns(t *testing.T) {
	for _, size := range screenSizes {
		a := newTestApp(t)
		a.win.Resize(size)
		p := openDS(t, a, dsExport([3]string{"101", "En construction", "9000"}, [3]string{"102", "En construction", "124000"}))
		p.tabs.SelectIndex(1)
		heads := []string{"Numéro", "Structure", "Projet", "Commune", "Demandé"}
		checkKeyColumns(t, fmt.Sprint("Aperçu ", size), p.preview, p.res.Len(), heads,
			[]keyColumn{{0, true, false}, {1, false, true}, {4, true, false}},
			func(row, col int) string { return previewCells(p.campaign, p.res.Line(row))[col] })
	}
}
