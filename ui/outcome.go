package ui

import (
	"strings"

	"fyne.io/fyne/v2/widget"
)

// sayOutcome shows what an action did on a status label: in the success
// colour only when nothing calls for attention; any warning turns the whole
// message to the warning colour, so a warning never reads as a success.
func sayOutcome(l *widget.Label, done string, warnings ...string) {
	var kept []string
	for _, w := range warnings {
		if strings.TrimSpace(w) != "" {
			kept = append(kept, strings.TrimSpace(w))
		}
	}
	l.Importance = widget.SuccessImportance
	text := done
	if len(kept) > 0 {
		l.Importance = widget.WarningImportance
		text += "\n" + strings.Join(kept, "\n")
	}
	l.SetText(text)
	l.Show()
}

// textWidth is the width a label needs to show text whole.
func textWidth(text string) float32 { return widget.NewLabel(text).MinSize().Width }
