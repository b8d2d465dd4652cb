package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// scoreEntry is one cell of the Notation matrix. Its content is selected when
// it gets the focus, so what is typed replaces the score it held; on a scale
// below 10 a digit always replaces the cell's content (« 2 » on « 5 » gives
// 2, never 52), wherever the cursor stands.
type scoreEntry struct {
	widget.Entry
	singleDigit bool
}

func newScoreEntry(maxScore int) *scoreEntry {
	e := &scoreEntry{singleDigit: maxScore < 10}
	e.ExtendBaseWidget(e)
	return e
}

// FocusGained selects the score the cell holds.
func (e *scoreEntry) FocusGained() {
	e.Entry.FocusGained()
	e.Entry.TypedShortcut(&fyne.ShortcutSelectAll{})
}

// TypedRune replaces the cell's content with a digit on a one-digit scale.
func (e *scoreEntry) TypedRune(r rune) {
	if e.singleDigit && r >= '0' && r <= '9' && !e.Disabled() {
		e.SetText(string(r))
		return
	}
	e.Entry.TypedRune(r)
}

// choiceEntry is a text field with a list of usual values (« Forme
// juridique »). Unlike widget.SelectEntry, its drop-down arrow is not a
// button: the field takes one Tab stop, so the SIRET typed after a Tab lands
// in the SIRET field, not on the arrow. Flèche bas opens the list.
type choiceEntry struct {
	widget.SelectEntry
	open func()
}

func newChoiceEntry(options []string) *choiceEntry {
	e := &choiceEntry{}
	e.ExtendBaseWidget(e)
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	e.SetOptions(options) // builds the list and its arrow button
	if b, ok := e.ActionItem.(*widget.Button); ok {
		e.open = b.OnTapped
		e.ActionItem = newArrow(b.OnTapped)
	}
	return e
}

// TypedKey opens the list on Flèche bas.
func (e *choiceEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyDown && e.open != nil {
		e.open()
		return
	}
	e.SelectEntry.TypedKey(k)
}

// arrow is a drop-down arrow that opens its list on a click and never
// takes the focus.
type arrow struct {
	widget.Icon
	onTap    func()
	disabled bool
}

func newArrow(onTap func()) *arrow {
	a := &arrow{onTap: onTap}
	a.ExtendBaseWidget(a)
	a.SetResource(theme.MenuDropDownIcon())
	return a
}

func (a *arrow) Tapped(*fyne.PointEvent) {
	if !a.disabled && a.onTap != nil {
		a.onTap()
	}
}

func (a *arrow) Enable()        { a.disabled = false }
func (a *arrow) Disable()       { a.disabled = true }
func (a *arrow) Disabled() bool { return a.disabled }

// newSelect is every selector of the app: Fyne's own placeholder reads
// « (Select one) », so each is built with a French one (french_test.go
// refuses a widget.NewSelect anywhere else).
func newSelect(options []string, placeholder string, changed func(string)) *widget.Select {
	s := widget.NewSelect(options, changed)
	s.PlaceHolder = placeholder
	return s
}
