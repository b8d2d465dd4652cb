package ui

import (
	"strconv"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// dragColumnEdge drags the right edge of column col in tbl's header by dx, as
// the mouse does: over the divider, pressed, moved, released. widths are the
// columns' widths on screen.
func dragColumnEdge(tbl *widget.Table, widths []float32, col int, dx float32) {
	pad := theme.Padding()
	x := float32(col)*pad + pad/2
	for _, w := range widths[:col+1] {
		x += w
	}
	at := fyne.NewPos(x, 5)
	tbl.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: at}})
	tbl.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: at}})
	for _, step := range []float32{dx / 2, dx} {
		tbl.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: at.AddXY(step, 0)}, Dragged: fyne.Delta{DX: dx / 2}})
	}
	tbl.DragEnd()
}

func sharedWidths(columns fyne.CanvasObject) []float32 {
	return columns.(*fyne.Container).Layout.(*stretchLayout).shared
}

// A column whose edge the user drags keeps its width: when the window
// changes, in the preferences, on the screen built again and in another
// window of the app.
func TestDraggedColumnWidthKept(t *testing.T) {
	a := newTestApp(t)
	withJury(t, a)
	typeScores(a, "Mme Durand", "5", "1")
	a.selectScreen("Classement")
	r := a.ranking
	before := sharedWidths(r.columns)[decisionColumn]
	dragColumnEdge(r.table, sharedWidths(r.columns), decisionColumn, 60)
	const key = "largeur.classement.decision"
	saved := float32(a.fyne.Preferences().Float(key))
	if saved < before+59 || saved > before+61 {
		t.Fatalf("%s = %v after a 60 px drag from %v", key, saved, before)
	}
	if got := a.fyne.Preferences().Float("largeur.classement.numero"); got != 0 {
		t.Errorf("an undragged column saved: %v", got)
	}

	a.win.Resize(fyne.NewSize(1366, 768))
	if w := sharedWidths(r.columns)[decisionColumn]; w != saved {
		t.Errorf("the window resized: « Décision » %v, dragged to %v", w, saved)
	}

	old := r.columns
	a.selectScreen("Dossiers")
	a.selectScreen("Classement")
	if a.ranking.columns == old {
		t.Fatal("the Classement was not built again")
	}
	if w := sharedWidths(a.ranking.columns)[decisionColumn]; w != saved {
		t.Errorf("built again: « Décision » %v, saved %v", w, saved)
	}

	w := a.fyne.NewWindow("Classement")
	s := newRankingScreen(a.env)
	w.SetContent(withTips(w, s.view()))
	w.Resize(fyne.NewSize(1024, 768))
	if got := sharedWidths(s.columns)[decisionColumn]; got != saved {
		t.Errorf("another window: « Décision » %v, saved %v", got, saved)
	}
	w.Close()
}

// A width too narrow to read, dragged or saved, comes back at keptFloor.
func TestKeptWidthFloor(t *testing.T) {
	a := newTestApp(t)
	withJury(t, a)
	a.selectScreen("Classement")
	r := a.ranking
	dragColumnEdge(r.table, sharedWidths(r.columns), 2, -400) // « Structure » nearly shut
	if got := a.fyne.Preferences().Float("largeur.classement.structure"); got != keptFloor {
		t.Errorf("dragged nearly shut, saved %v, want %v", got, keptFloor)
	}

	a.fyne.Preferences().SetFloat("largeur.classement.decision", 3)
	a.selectScreen("Dossiers")
	a.selectScreen("Classement")
	ws := sharedWidths(a.ranking.columns)
	if ws[decisionColumn] != keptFloor || ws[2] != keptFloor {
		t.Errorf("« Décision » %v, « Structure » %v: want %v", ws[decisionColumn], ws[2], keptFloor)
	}
}

// The keys are the screens' and columns' names, lower case, unaccented.
func TestColumnKeys(t *testing.T) {
	k := columnKeys{screen: "repartition", names: []string{"Numéro", "Plafond (% du coût)", ""}}
	for col, want := range []string{"largeur.repartition.numero", "largeur.repartition.plafond-du-cout", "largeur.repartition.colonne-3"} {
		if got := k.key(col); got != want {
			t.Errorf("key(%d) = %q, want %q", col, got, want)
		}
	}
}

// The Jury's members keep their dragged widths too.
func TestJuryColumnWidthKept(t *testing.T) {
	a := newTestApp(t)
	withJury(t, a)
	a.selectScreen("Jury")
	before := sharedWidths(a.jury.membersColumns)[0]
	dragColumnEdge(a.jury.members, sharedWidths(a.jury.membersColumns), 0, 40)
	saved := float32(a.fyne.Preferences().Float("largeur.jury.nom"))
	if saved < before+39 || saved > before+41 {
		t.Fatalf("largeur.jury.nom = %v after dragging %v px by 40", saved, before)
	}
	a.selectScreen("Dossiers")
	a.selectScreen("Jury")
	if w := sharedWidths(a.jury.membersColumns)[0]; w != saved {
		t.Fatalf("built again: « Nom » %v, dragged to %v", w, saved)
	}
	// the edge is found where it was left only if « Nom » came back that wide
	dragColumnEdge(a.jury.members, sharedWidths(a.jury.membersColumns), 0, 10)
	if got := float32(a.fyne.Preferences().Float("largeur.jury.nom")); got < saved+9 || got > saved+11 {
		t.Errorf("built again, dragged 10 px more: largeur.jury.nom = %v, want %v", got, saved+10)
	}
}

// columnEdges are the drag handles of a header built by flexColumns.
func columnEdges(o fyne.CanvasObject) []*columnEdge {
	var out []*columnEdge
	if e, ok := o.(*columnEdge); ok {
		return []*columnEdge{e}
	}
	if sc, ok := o.(*container.Scroll); ok {
		return columnEdges(sc.Content)
	}
	if c, ok := o.(*fyne.Container); ok {
		for _, child := range c.Objects {
			out = append(out, columnEdges(child)...)
		}
	}
	return out
}

// Notation's rows are entries, not a table: the header's edges drag the
// columns of every row, the width kept per user as a table's.
func TestNotationColumnWidthKept(t *testing.T) {
	a := newTestApp(t)
	withJury(t, a)
	typeScores(a, "Mme Durand", "5", "1")
	s := a.scoring
	edges := columnEdges(s.root.(*container.AppTabs).Items[0].Content)
	if len(edges) != len(s.widths()) {
		t.Fatalf("%d edges for %d columns", len(edges), len(s.widths()))
	}
	before := s.columns.width(0)
	for _, dx := range []float32{10, 20} { // two moves of the mouse, then released
		edges[0].Dragged(&fyne.DragEvent{Dragged: fyne.Delta{DX: dx}})
	}
	edges[0].DragEnd()
	if got := float32(a.fyne.Preferences().Float("largeur.notation.numero")); got != before+30 {
		t.Fatalf("largeur.notation.numero = %v after dragging %v by 30", got, before)
	}
	row := s.rows[0].obj.(*fyne.Container).Objects[1].(*fyne.Container)
	if w := row.Objects[0].Size().Width; w != before+30 {
		t.Errorf("a row's « Numéro » %v, want %v", w, before+30)
	}
	edges[1].Dragged(&fyne.DragEvent{Dragged: fyne.Delta{DX: 1200}}) // « Structure » past the window
	edges[1].DragEnd()
	var matrix *container.Scroll
	for _, o := range s.root.(*container.AppTabs).Items[0].Content.(*fyne.Container).Objects {
		if sc, ok := o.(*container.Scroll); ok {
			matrix = sc
		}
	}
	if matrix == nil || matrix.Content.Size().Width <= matrix.Size().Width {
		t.Errorf("« Structure » dragged past the window: the matrix does not scroll sideways")
	}

	a.selectScreen("Dossiers")
	typeScores(a, "Mme Durand")
	if w := a.scoring.columns.width(0); w != before+30 {
		t.Errorf("built again: « Numéro » %v, want %v", w, before+30)
	}
}

// showDeports shows the Jury's « Déports » tab, the matrix.
func showDeports(a *App) {
	for _, o := range a.jury.root.(*fyne.Container).Objects {
		if tabs, ok := o.(*container.AppTabs); ok {
			tabs.SelectIndex(1)
		}
	}
}

// The conflicts' matrix keeps each juror's column width, whichever place the
// juror takes.
func TestMatrixColumnWidthKept(t *testing.T) {
	a := newTestApp(t)
	withJury(t, a)
	a.selectScreen("Jury")
	showDeports(a)
	s := a.jury
	// the dossiers' names, a header column 320 px wide with no gap after it,
	// as dragColumnEdge counts one
	widths := []float32{320 - theme.Padding()}
	for range s.jurors {
		widths = append(widths, 150)
	}
	dragColumnEdge(s.matrix, widths, 1, 25) // the first juror's right edge
	key := "largeur.deports.jure-" + strconv.FormatInt(s.jurors[0].ID, 10)
	if got := a.fyne.Preferences().Float(key); got != 175 {
		t.Fatalf("%s = %v after dragging 150 px to 175", key, got)
	}
	a.selectScreen("Dossiers")
	a.selectScreen("Jury")
	showDeports(a)
	widths[1] = 175
	dragColumnEdge(a.jury.matrix, widths, 1, 5) // found at 175 px only if kept
	if got := a.fyne.Preferences().Float(key); got != 180 {
		t.Errorf("built again, dragged 5 px more: %s = %v, want 180", key, got)
	}
}

// hasTip tells whether o is, or holds, a tipLabel.
func hasTip(o fyne.CanvasObject) bool {
	if _, ok := o.(*tipLabel); ok {
		return true
	}
	if c, ok := o.(*fyne.Container); ok {
		for _, child := range c.Objects {
			if hasTip(child) {
				return true
			}
		}
	}
	return false
}

// Every table's text cells show their whole text under the mouse when cut,
// and so do the titles of those whose headers are labels.
func TestEveryTableTipsCutText(t *testing.T) {
	a := newTestApp(t)
	withJury(t, a)
	typeScores(a, "Mme Durand", "5", "1")
	a.selectScreen("Classement")
	a.selectScreen("Répartition")
	a.selectScreen("Historique")
	a.selectScreen("Jury")
	tables := map[string]*widget.Table{
		"Dossiers": a.register.table, "Classement": a.ranking.table, "Répartition": a.split.table,
		"Historique": a.history.table, "Jury": a.jury.members,
		"Comparaison": comparisonTable([]string{"Numéro", "Structure", "A", "B", "Écart"}, nil),
	}
	for name, tbl := range tables {
		if !hasTip(tbl.CreateCell()) {
			t.Errorf("%s: a cut cell does not show its text under the mouse", name)
		}
	}
	for _, name := range []string{"Répartition", "Historique", "Jury", "Comparaison"} {
		if !hasTip(tables[name].CreateHeader()) {
			t.Errorf("%s: a cut title does not show under the mouse", name)
		}
	}
	if !hasTip(a.jury.matrix.CreateHeader()) {
		t.Error("Déports: a cut name does not show under the mouse")
	}
}
