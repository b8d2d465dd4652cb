package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/files"
	"github.com/call-agglo/cohesion/reports"
	"github.com/call-agglo/cohesion/reports/gather"
)

// The follow-up's documents from the Suivi screen: the conventions, the
// reminders of the comptes rendus overdue today and the reversal demands,
// in one PDF or one per structure, as `report conventions|reminders|
// reversals` writes them; and one grant's convention from its page.

// followUpKindTitles name the documents for the files, followUpKindButtons
// for the buttons, short enough for a 1024-pixel screen.
var followUpKindTitles = map[string]string{
	reports.KindConventions: "Conventions",
	reports.KindReminders:   "Relances des comptes rendus",
	reports.KindReversals:   "Demandes de reversement",
}

var followUpKindButtons = map[string]string{
	reports.KindConventions: "Conventions…",
	reports.KindReminders:   "Relances…",
	reports.KindReversals:   "Reversements…",
}

// documentsBar is the row under the list: the documents, one file per
// structure or not, the templates.
func (s *followUpScreen) documentsBar() fyne.CanvasObject {
	s.perFile = widget.NewCheck("Un fichier par structure", nil)
	s.outcome = widget.NewLabel("")
	s.outcome.Wrapping = fyne.TextWrapWord
	s.outcome.Hide()
	bar := container.NewHBox()
	for _, k := range reports.FollowUpKinds {
		bar.Add(widget.NewButtonWithIcon(followUpKindButtons[k], theme.DocumentPrintIcon(), func() { s.onDocuments(k, "") }))
	}
	bar.Add(s.perFile)
	bar.Add(s.settingsButton())
	return container.NewVBox(bar, s.outcome)
}

// settingsButton opens the follow-up's settings, the documents' templates
// and the campaign's rule, from one button: a second would push the row past
// a 1024-pixel screen.
func (s *followUpScreen) settingsButton() fyne.CanvasObject {
	var b *widget.Button
	b = widget.NewButtonWithIcon("Réglages…", theme.SettingsIcon(), func() {
		m := fyne.NewMenu("",
			fyne.NewMenuItem("Modèles des documents…", s.onTemplates),
			fyne.NewMenuItem("Règle du suivi (comptes rendus, avance)…", rulesForms{s}.onCampaignRule))
		widget.ShowPopUpMenuAtRelativePosition(m, s.env.win().Canvas(), fyne.NewPos(0, b.Size().Height), b)
	})
	return b
}

// onDocuments asks where to write a kind's documents (one dossier's when
// number is given), then writes them in the background.
func (s *followUpScreen) onDocuments(kind, number string) {
	perFile := number == "" && s.perFile.Checked
	if perFile {
		s.env.folder("Dossier des documents", func(dir string) { s.produce(context.Background(), kind, number, dir, true) })
		return
	}
	name := followUpKindTitles[kind] + " " + s.env.campaign().Code
	if number != "" {
		name = "Convention " + number
	}
	s.env.saveFile("Enregistrer le document", files.SafeName(name)+".pdf", fileFilter{"Document PDF", []string{".pdf"}}, func(path string) {
		s.produce(context.Background(), kind, number, path, false)
	})
}

// produce writes the documents, numbering the conventions required first
// (each PDF carries its number), then says what it wrote.
func (s *followUpScreen) produce(ctx context.Context, kind, number, path string, perFile bool) {
	target := files.PDF
	if perFile {
		target = files.Folder
	}
	if err := s.env.checkOutput(path, target); err != nil {
		s.env.showError(err)
		return
	}
	st, c, at := s.env.store(), s.env.campaign(), s.at
	work := func() (string, error) { return s.writeDocuments(ctx, st, c, at, kind, number, path, perFile) }
	background(s.env.run, work, func(said string, err error) {
		if err != nil {
			s.env.showError(err)
			return
		}
		sayOutcome(s.outcome, said)
		s.reload(ctx) // the conventions may have been numbered
	})
}

// writeDocuments runs off the UI thread: it is handed the base, the
// campaign and the date rather than reading the window's.
func (s *followUpScreen) writeDocuments(ctx context.Context, st followUpStore, c *data.Campaign, at data.Date, kind, number, path string, perFile bool) (string, error) {
	if kind == reports.KindConventions {
		if _, err := st.NumberConventions(ctx, c.ID); err != nil {
			return "", err
		}
	}
	in, _, err := gather.Load(ctx, st, c, gather.Options{Now: time.Now(), FollowUp: true, At: at})
	if err != nil {
		return "", err
	}
	if perFile {
		n, err := reports.WriteFollowUp(*in, kind, path)
		return data.Count(n, "document écrit", "documents écrits") + " dans " + displayPath(path), err
	}
	doc, err := reports.FollowUpDocument(*in, kind)
	if number != "" {
		doc, err = reports.FollowUpFor(*in, kind, number)
	}
	if err != nil {
		return "", err
	}
	return "Document écrit : " + displayPath(path), reports.WriteFile(doc, path)
}
