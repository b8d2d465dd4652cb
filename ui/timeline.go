package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/call-agglo/cohesion/data/dashboard"
)

// timeline draws the campaign's calendar on one line: a segment per step,
// each step's name and dates, alternately above and below so close steps do
// not overlap, and today's position.
func timeline(f *dashboard.Figures) fyne.CanvasObject {
	l := &timelineLayout{}
	var objs []fyne.CanvasObject
	line := canvas.NewRectangle(theme.Color(theme.ColorNameSeparator))
	objs = append(objs, line)
	for i, st := range f.Steps {
		from, to := f.Position(st.From), f.Position(st.To)
		c := theme.Color(theme.ColorNameDisabled)
		switch {
		case i == f.Current:
			c = theme.Color(theme.ColorNamePrimary)
		case f.Today.Before(st.From):
			c = theme.Color(theme.ColorNameForeground)
		}
		seg := canvas.NewRectangle(c)
		text := st.Label + "\n" + stepDates(st)
		lab := widget.NewLabelWithStyle(text, fyne.TextAlignCenter, fyne.TextStyle{Bold: i == f.Current || i == f.Next})
		l.marks = append(l.marks, mark{from: float32(from), to: float32(to)})
		objs = append(objs, seg, lab)
	}
	today := canvas.NewRectangle(theme.Color(theme.ColorNameError))
	todayLabel := canvas.NewText("aujourd'hui", theme.Color(theme.ColorNameError))
	todayLabel.TextSize = theme.TextSize() * 0.8
	l.today = float32(f.Position(f.Today))
	objs = append(objs, today, todayLabel)
	return container.New(l, objs...)
}

func stepDates(st dashboard.Step) string {
	if st.From == st.To {
		return st.From.Format()
	}
	return st.From.Format() + " – " + st.To.Format()
}

type mark struct{ from, to float32 }

// timelineLayout: objects are the line, then (segment, label) per step, then
// today's bar and its caption.
type timelineLayout struct {
	marks []mark
	today float32
}

const timelineLabelW = 170

func (l *timelineLayout) rowH(objs []fyne.CanvasObject) float32 {
	if len(objs) < 3 {
		return 40
	}
	return objs[2].MinSize().Height
}

func (l *timelineLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	rh := l.rowH(objs)
	margin := float32(timelineLabelW / 2)
	w := max(size.Width-2*margin, 1)
	y := rh + 8 // the line, between the two rows of labels
	objs[0].Move(fyne.NewPos(margin, y))
	objs[0].Resize(fyne.NewSize(w, 4))
	for i, m := range l.marks {
		seg, lab := objs[1+2*i], objs[2+2*i]
		x0, x1 := margin+w*m.from, margin+w*m.to
		seg.Move(fyne.NewPos(x0-3, y-4))
		seg.Resize(fyne.NewSize(max(x1-x0, 0)+6, 12))
		ly := y + 12
		if i%2 == 1 {
			ly = y - 8 - rh
		}
		cx := (x0 + x1) / 2
		lab.Move(fyne.NewPos(cx-timelineLabelW/2, ly))
		lab.Resize(fyne.NewSize(timelineLabelW, rh))
	}
	n := len(objs)
	tx := margin + w*l.today
	objs[n-2].Move(fyne.NewPos(tx-1, y-14))
	objs[n-2].Resize(fyne.NewSize(3, 32))
	cap := objs[n-1]
	cw := cap.MinSize().Width
	objs[n-1].Move(fyne.NewPos(min(max(tx-cw/2, 0), size.Width-cw), y+20+rh))
	objs[n-1].Resize(cap.MinSize())
}

func (l *timelineLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	rh := l.rowH(objs)
	return fyne.NewSize(timelineLabelW*3, 2*rh+48)
}
