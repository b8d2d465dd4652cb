package ui

import (
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/call-agglo/cohesion/data"
)

// frenchCalendar is a month grid with French month and weekday names, weeks
// starting on Monday. Fyne's own calendar prints English names.
type frenchCalendar struct {
	month    data.Date // first day of the month shown
	selected data.Date // the entry's date, highlighted
	title    *widget.Label
	grid     *fyne.Container
	onPicked func(data.Date)
	root     fyne.CanvasObject
}

var weekdayHeads = []string{"lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."}

func newFrenchCalendar(d data.Date, onPicked func(data.Date)) *frenchCalendar {
	if d.IsZero() {
		d = data.DateOf(time.Now())
	}
	c := &frenchCalendar{month: data.NewDate(d.Year, d.Month, 1), selected: d, onPicked: onPicked}
	c.title = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	prev := widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { c.shift(-1) })
	next := widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { c.shift(1) })
	c.grid = container.NewGridWithColumns(7)
	c.root = container.NewBorder(container.NewBorder(nil, nil, prev, next, c.title), nil, nil, nil, c.grid)
	c.render()
	return c
}

// monthTitle is « avril 2021 ».
func monthTitle(d data.Date) string {
	return data.MonthNames[d.Month-1] + " " + strconv.Itoa(d.Year)
}

func (c *frenchCalendar) shift(months int) {
	m := int(c.month.Month) - 1 + months
	y := c.month.Year + m/12
	if m%12 < 0 {
		y--
	}
	c.month = data.NewDate(y, time.Month((m%12+12)%12+1), 1)
	c.render()
}

func (c *frenchCalendar) render() {
	c.title.SetText(monthTitle(c.month))
	objs := make([]fyne.CanvasObject, 0, 49)
	for _, h := range weekdayHeads {
		objs = append(objs, widget.NewLabelWithStyle(h, fyne.TextAlignCenter, fyne.TextStyle{Italic: true}))
	}
	first := c.month.In(time.UTC)
	offset := (int(first.Weekday()) + 6) % 7 // Monday = 0
	for i := 0; i < offset; i++ {
		objs = append(objs, widget.NewLabel(""))
	}
	for d := c.month; d.Month == c.month.Month; d = d.AddDays(1) {
		day := d
		b := widget.NewButton(strconv.Itoa(d.Day), func() {
			if c.onPicked != nil {
				c.onPicked(day)
			}
		})
		if day == c.selected {
			b.Importance = widget.HighImportance
		}
		objs = append(objs, b)
	}
	c.grid.Objects = objs
	c.grid.Refresh()
}

// dateEntry is a text entry for dd/mm/yyyy (with an optional time) and a button
// that opens the French calendar.
type dateEntry struct {
	entry    *escEntry
	withTime bool
	root     fyne.CanvasObject
}

func newDateEntry(win func() fyne.Window, withTime bool) *dateEntry {
	d := &dateEntry{entry: newEscEntry(false), withTime: withTime}
	if withTime {
		d.entry.SetPlaceHolder("jj/mm/aaaa hh:mm")
	} else {
		d.entry.SetPlaceHolder("jj/mm/aaaa")
	}
	var pop *widget.PopUp
	btn := widget.NewButtonWithIcon("", theme.CalendarIcon(), nil)
	btn.OnTapped = func() {
		cur, _ := data.ParseDate(strings.Fields(d.entry.Text + " ")[0])
		cal := newFrenchCalendar(cur, func(picked data.Date) {
			text := picked.Format()
			if d.withTime {
				if f := strings.Fields(d.entry.Text); len(f) == 2 {
					text += " " + f[1]
				}
			}
			d.entry.SetText(text)
			if pop != nil {
				pop.Hide()
			}
		})
		w := win()
		pop = widget.NewPopUp(cal.root, w.Canvas())
		size := fyne.NewSize(320, 300)
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(btn).Add(fyne.NewPos(0, btn.Size().Height))
		// Keep the calendar inside the window, right-aligned under the button if need be.
		if cs := w.Canvas().Size(); pos.X+size.Width > cs.Width {
			pos.X = cs.Width - size.Width
		}
		pop.ShowAtPosition(pos)
		pop.Resize(size)
	}
	d.root = container.NewBorder(nil, nil, nil, btn, d.entry)
	return d
}
