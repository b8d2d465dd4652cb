package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/call-agglo/cohesion/data"
)

// cofinEditor edits the co-financing lines: funder, amount, acquired.
type cofinEditor struct {
	rows     []*cofinRow
	box      *fyne.Container
	root     fyne.CanvasObject
	onChange func()
}

type cofinRow struct {
	funder, amount *widget.Entry
	acquired       *widget.Check
	obj            fyne.CanvasObject
}

func newCofinEditor(onChange func()) *cofinEditor {
	e := &cofinEditor{onChange: onChange}
	e.box = container.NewVBox()
	add := widget.NewButtonWithIcon("Ajouter un cofinancement", theme.ContentAddIcon(), func() { e.add(data.Cofinancing{}); e.onChange() })
	e.root = container.NewVBox(e.box, container.NewHBox(add))
	return e
}

func (e *cofinEditor) add(cf data.Cofinancing) {
	r := &cofinRow{funder: widget.NewEntry(), amount: widget.NewEntry(), acquired: widget.NewCheck("acquis", nil)}
	r.funder.SetPlaceHolder("Financeur")
	r.amount.SetPlaceHolder("Montant")
	r.funder.SetText(cf.Funder)
	r.amount.SetText(amountText(cf.AmountCents))
	r.acquired.SetChecked(cf.Acquired)
	r.funder.OnChanged = func(string) { e.onChange() }
	r.amount.OnChanged = func(string) { e.onChange() }
	r.acquired.OnChanged = func(bool) { e.onChange() }
	remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), nil)
	r.obj = container.NewBorder(nil, nil, nil, container.NewHBox(r.acquired, remove), container.NewGridWithColumns(2, r.funder, r.amount))
	remove.OnTapped = func() {
		for i, x := range e.rows {
			if x == r {
				e.rows = append(e.rows[:i], e.rows[i+1:]...)
			}
		}
		e.box.Remove(r.obj)
		e.onChange()
	}
	e.rows = append(e.rows, r)
	e.box.Add(r.obj)
}

func (e *cofinEditor) set(lines []data.Cofinancing) {
	e.rows = nil
	e.box.RemoveAll()
	for _, cf := range lines {
		e.add(cf)
	}
}

// get reads the lines; blank lines are dropped, unreadable amounts reported.
func (e *cofinEditor) get() ([]data.Cofinancing, error) {
	var out []data.Cofinancing
	for i, r := range e.rows {
		if data.Blank(r.funder.Text) && data.Blank(r.amount.Text) {
			continue
		}
		var cents int64
		if !data.Blank(r.amount.Text) {
			n, err := data.ParseAmount(r.amount.Text)
			if err != nil {
				return out, data.Errorf(data.EINVALID, "ligne %d : %s", i+1, data.ErrorMessage(err))
			}
			cents = n
		}
		out = append(out, data.Cofinancing{Funder: r.funder.Text, AmountCents: cents, Acquired: r.acquired.Checked})
	}
	return out, nil
}
