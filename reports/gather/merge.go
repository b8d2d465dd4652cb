package gather

import (
	"github.com/call-agglo/cohesion/data/export"
	"github.com/call-agglo/cohesion/reports"
)

// SheetLettersMerge is the mail merge's worksheet.
const SheetLettersMerge = "Publipostage"

// LettersMerge is the data source of a mail merge in Word: one row per letter
// the campaign sends (as the PDF letters would be, and stopped by the same
// inconsistencies), one column per field the templates use, named as they
// name it ({{montant_lettres}} is the column « montant_lettres »), beside the
// dossier's number and the kind of letter.
func LettersMerge(in *reports.Input) (export.Table, error) {
	letters, err := reports.PlanLetters(*in)
	if err != nil {
		return export.Table{}, err
	}
	t := export.Table{Sheet: SheetLettersMerge}
	for _, f := range reports.MergeFields {
		t.Columns = append(t.Columns, export.Column{Title: f, Kind: export.Text})
	}
	for _, l := range letters {
		row := make([]any, len(reports.MergeFields))
		for i, f := range reports.MergeFields {
			if f == "lettre" {
				row[i] = l.Kind.Label()
				continue
			}
			row[i] = l.Fields[f]
		}
		t.Rows = append(t.Rows, row)
	}
	return t, nil
}

// SheetRemindersMerge is the reminders' mail merge worksheet.
const SheetRemindersMerge = "Relances"

// RemindersMerge is the data source of the reminders' mail merge: one row
// per compte rendu financier overdue at in.At (as the PDF reminders would
// be, and stopped by the same missing addresses), one column per field.
func RemindersMerge(in *reports.Input) (export.Table, error) {
	docs, err := reports.PlanFollowUp(*in, reports.KindReminders)
	if err != nil {
		return export.Table{}, err
	}
	t := export.Table{Sheet: SheetRemindersMerge}
	for _, f := range reports.ReminderMergeFields {
		t.Columns = append(t.Columns, export.Column{Title: f, Kind: export.Text})
	}
	for _, d := range docs {
		row := make([]any, len(reports.ReminderMergeFields))
		for i, f := range reports.ReminderMergeFields {
			row[i] = d.Fields[f]
		}
		row[1] = "Relance du compte rendu financier"
		t.Rows = append(t.Rows, row)
	}
	return t, nil
}
