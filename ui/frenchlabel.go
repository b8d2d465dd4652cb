package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// frenchLabel is a wrapped label that breaks its lines only at ordinary
// spaces. Fyne's own wrapping breaks at any space, no-break ones included
// (unicode.IsSpace in widget/richtext.go), so « 150 000,00 € », « 6,67 / 20 »
// or « à discuter » between guillemets could split across two lines. Here
// the no-break spaces of amounts and scores hold, and the spaces inside
// guillemets are made no-break ones.
type frenchLabel struct {
	widget.Label
	text  string  // the text as given, without the line breaks
	width float32 // the width the lines were broken for
}

func newFrenchLabel(text string) *frenchLabel {
	l := &frenchLabel{}
	l.ExtendBaseWidget(l)
	l.SetText(text)
	return l
}

// SetText sets the text, broken into lines for the label's width.
func (l *frenchLabel) SetText(text string) {
	l.text = gluedQuotes(text)
	l.Label.SetText(breakLines(l.text, l.width-2*theme.InnerPadding(), l.measure))
}

// Resize breaks the lines again for a new width.
func (l *frenchLabel) Resize(size fyne.Size) {
	if size.Width != l.width {
		l.width = size.Width
		l.Label.SetText(breakLines(l.text, l.width-2*theme.InnerPadding(), l.measure))
	}
	l.Label.Resize(size)
}

// MinSize is as narrow as the longest unbreakable run, as tall as the lines
// the current width gives: the label can always narrow again.
func (l *frenchLabel) MinSize() fyne.Size {
	h := l.Label.MinSize().Height
	var w float32
	for _, line := range strings.Split(l.text, "\n") {
		for _, word := range strings.Split(line, " ") {
			w = max(w, l.measure(word))
		}
	}
	return fyne.NewSize(w+2*theme.InnerPadding(), h)
}

func (l *frenchLabel) measure(s string) float32 {
	return fyne.MeasureText(s, theme.TextSize(), l.TextStyle).Width
}

// gluedQuotes makes the spaces inside French guillemets no-break ones.
func gluedQuotes(s string) string {
	return strings.NewReplacer("« ", "«\u00a0", " »", "\u00a0»").Replace(s)
}

// breakLines puts as many words as width holds on each line, words being
// separated by ordinary spaces only; width 0 or less leaves the text whole.
func breakLines(text string, width float32, measure func(string) float32) string {
	if width <= 0 {
		return text
	}
	paragraphs := strings.Split(text, "\n")
	for i, p := range paragraphs {
		words := strings.Split(p, " ")
		lines, line := []string(nil), words[0]
		for _, w := range words[1:] {
			if measure(line+" "+w) <= width {
				line += " " + w
				continue
			}
			lines, line = append(lines, line), w
		}
		paragraphs[i] = strings.Join(append(lines, line), "\n")
	}
	return strings.Join(paragraphs, "\n")
}
