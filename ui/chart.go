package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/chart"
)

// seriesColor is the colour of a chart's series i: the requested amount in a
// light shade, the proposed one in the theme's primary colour, as the PDF.
func seriesColor(i int) color.Color {
	if i == 0 {
		return theme.Color(theme.ColorNameDisabled)
	}
	return theme.Color(theme.ColorNamePrimary)
}

// drawChart draws a chart.Chart on Fyne's canvas: its title, a legend, then
// per group its label and one bar per series, each with its amount, every
// bar to the chart's one scale and inside the width it is given. onBar, when
// set, makes a group's label a button (the register filtered on it).
func drawChart(c chart.Chart, onBar func(b chart.Bar)) fyne.CanvasObject {
	title := bold(c.Title)
	title.Wrapping = fyne.TextWrapWord
	box := container.NewVBox(title, legend(c.Legend))
	if len(c.Bars) == 0 {
		l := widget.NewLabel("Aucun montant à représenter.")
		l.Importance = widget.LowImportance
		box.Add(l)
		return box
	}
	for _, b := range c.Bars {
		box.Add(groupLabel(b, onBar))
		for i, v := range b.Values {
			box.Add(barRow(c.Share(v), seriesColor(i), data.FormatEuros(v)))
		}
	}
	return box
}

func groupLabel(b chart.Bar, onBar func(chart.Bar)) fyne.CanvasObject {
	if onBar == nil || b.Key == "" {
		l := widget.NewLabel(b.Label)
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	bar := b
	return linkButton(b.Label, func() { onBar(bar) })
}

// legend names each series beside a swatch of its colour, one per line so
// a narrow panel keeps it whole.
func legend(names []string) fyne.CanvasObject {
	box := container.NewVBox()
	for i, n := range names {
		sw := canvas.NewRectangle(seriesColor(i))
		sw.SetMinSize(fyne.NewSize(14, 14))
		l := widget.NewLabel(n)
		l.Wrapping = fyne.TextWrapWord
		box.Add(container.NewBorder(nil, nil, container.NewCenter(sw), nil, l))
	}
	return box
}

// barRow is one bar and its amount, written after the bar.
func barRow(share float64, c color.Color, amount string) fyne.CanvasObject {
	r := canvas.NewRectangle(c)
	t := canvas.NewText(amount, theme.Color(theme.ColorNameForeground))
	t.TextSize = theme.TextSize() * 0.85
	return container.New(&barRowLayout{share: float32(share)}, r, t)
}

// barRowLayout sizes the bar to share × (the width less the amount's), so
// the longest bar and its amount still fit inside the row.
type barRowLayout struct{ share float32 }

func (l *barRowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	text := objs[1]
	tw := text.MinSize().Width
	room := max(size.Width-tw-theme.Padding(), 0)
	w := room * l.share
	objs[0].Move(fyne.NewPos(0, 2))
	objs[0].Resize(fyne.NewSize(w, size.Height-4))
	text.Move(fyne.NewPos(w+theme.Padding()/2, (size.Height-text.MinSize().Height)/2))
	text.Resize(text.MinSize())
}

func (l *barRowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(objs[1].MinSize().Width+40, max(objs[1].MinSize().Height, 16))
}
