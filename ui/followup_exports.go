package ui

import (
	"context"
	"fmt"
	"time"

	"fyne.io/fyne/v2/dialog"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/export"
	"github.com/call-agglo/cohesion/data/files"
	"github.com/call-agglo/cohesion/data/followup"
	"github.com/call-agglo/cohesion/reports/gather"
)

// The follow-up's two tables, from Fichier › Exporter as `export payments`
// and `export reminders-merge` give them: the payments made and to make, for
// the finance service, and the fields of the reminders of the comptes rendus
// financiers overdue today, for a Word mail merge. Both read the follow-up
// once, off the UI thread, then ask where to write.

// followUpExports are those two exports, for the follow-up screen's env.
type followUpExports struct{ env followUpEnv }

// payments exports the payments made and to make.
func (x followUpExports) payments() {
	st, c := x.env.store(), x.env.campaign()
	x.export("versements-"+c.Code+".xlsx", "payments", func(ctx context.Context) (export.Table, error) {
		f, err := st.FollowUp(ctx, c.ID)
		if err != nil {
			return export.Table{}, err
		}
		if err := followup.CheckOpen(f.Campaign); err != nil {
			return export.Table{}, err
		}
		return export.Payments(f, data.DateOf(st.Now())), nil
	})
}

// reminders exports the reminders' fields for a mail merge.
func (x followUpExports) reminders() {
	st, c := x.env.store(), x.env.campaign()
	x.export("relances-"+c.Code+".xlsx", "reminders-merge", func(ctx context.Context) (export.Table, error) {
		in, _, err := gather.Load(ctx, st, c, gather.Options{Now: time.Now(), FollowUp: true, At: data.DateOf(st.Now())})
		if err != nil {
			return export.Table{}, err
		}
		return gather.RemindersMerge(in)
	})
}

// export reads a table in the background, then asks where to write it.
func (x followUpExports) export(name, what string, read func(ctx context.Context) (export.Table, error)) {
	work := func() (export.Table, error) { return read(context.Background()) }
	background(x.env.run, work, func(t export.Table, err error) {
		if err != nil {
			x.env.showError(err)
			return
		}
		x.env.saveFile("Exporter", name, fileFilter{"Classeur Excel ou CSV", []string{".xlsx", ".csv"}}, func(path string) {
			if err := x.write(path, what, t); err != nil {
				x.env.showError(err)
				return
			}
			d := dialog.NewInformation("Export", fmt.Sprintf("%s dans\n%s", data.Count(len(t.Rows), "ligne exportée", "lignes exportées"), displayPath(path)), x.env.win())
			x.env.showDialog(d, d.Hide)
		})
	})
}

func (x followUpExports) write(path, what string, t export.Table) error {
	if err := x.env.checkOutput(path, files.Table); err != nil {
		return err
	}
	b, err := gather.EncodeExport(path, what, t)
	if err != nil {
		return err
	}
	return files.Write(path, b, 0o644)
}
