package cli

import (
	"context"
	"flag"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/files"
	"github.com/call-agglo/cohesion/reports"
	"github.com/call-agglo/cohesion/reports/gather"
)

// The follow-up's documents on the command line (issue 21): `convention
// NUMÉRO|--all -o …` and `report conventions|reminders|reversals -o …`.

func init() {
	conventionDocuments = (*cli).conventionPDF
}

// conventionPDF is `convention NUMÉRO|--all -o FICHIER.pdf|DOSSIER`: one
// dossier's convention, or every convention required (one file, or one per
// structure when -o names a folder). The conventions required are numbered
// first, so that each PDF carries its number.
func (a *cli) conventionPDF(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("convention", flag.ContinueOnError)
	out := fs.String("o", "", "")
	all := fs.Bool("all", false, "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if *out == "" || (*all == (len(pos) == 1)) || len(pos) > 1 {
		return usageError{"indiquez le numéro du dossier ou --all, et le fichier PDF (ou le dossier) avec -o ; ou « sign » suivi du numéro du dossier"}
	}
	number := ""
	if len(pos) == 1 {
		number = pos[0]
	}
	return a.followUpDocuments(ctx, reports.KindConventions, number, *out, data.Date{}, *all && isFolder(*out))
}

// isFolder reports whether an output names a folder rather than a PDF.
func isFolder(path string) bool { return !strings.EqualFold(filepath.Ext(path), ".pdf") }

// followUpReport is `report conventions|reminders|reversals`.
func (a *cli) followUpReport(ctx context.Context, kind, out, at string, perApplicant bool) error {
	day, err := atFlag(at)
	if err != nil {
		return err
	}
	return a.followUpDocuments(ctx, kind, "", out, day, perApplicant)
}

// atFlag reads --at; empty is the zero date (today, for the documents).
func atFlag(at string) (data.Date, error) {
	if at == "" {
		return data.Date{}, nil
	}
	d, err := data.ParseDate(at)
	if err != nil {
		return d, usageError{"--at : " + data.ErrorMessage(err)}
	}
	return d, nil
}

// exportRemindersMerge is `export reminders-merge`: the reminders' fields
// for Word's mail merge, one row per compte rendu overdue at --at.
func (a *cli) exportRemindersMerge(ctx context.Context, out, at string) error {
	day, err := atFlag(at)
	if err != nil {
		return err
	}
	db, c, err := a.current(ctx)
	if err != nil {
		return err
	}
	if err := a.checkOutput(out, files.Table); err != nil {
		return err
	}
	in, _, err := gather.Load(ctx, db, c, gather.Options{Now: time.Now(), FollowUp: true, At: day})
	if err != nil {
		return err
	}
	t, err := gather.RemindersMerge(in)
	if err != nil {
		return err
	}
	b, err := gather.EncodeExport(out, "reminders-merge", t)
	if err != nil {
		return err
	}
	if err := files.Write(out, b, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(a.out, "%s dans %s.\n", count(len(t.Rows), "relance exportée", "relances exportées"), out)
	return nil
}

// followUpDocuments writes a kind's documents: one dossier's (number), all
// in one PDF, or one per structure into a folder.
func (a *cli) followUpDocuments(ctx context.Context, kind, number, out string, at data.Date, perApplicant bool) error {
	db, c, err := a.current(ctx)
	if err != nil {
		return err
	}
	target := files.PDF
	if perApplicant {
		target = files.Folder
	}
	if err := a.checkOutput(out, target); err != nil {
		return err
	}
	if kind == reports.KindConventions && c.DeliberationNumber != "" {
		if _, err := db.NumberConventions(ctx, c.ID); err != nil {
			return err
		}
	}
	in, _, err := gather.Load(ctx, db, c, gather.Options{Now: time.Now(), FollowUp: true, At: at})
	if err != nil {
		return err
	}
	if perApplicant {
		n, err := reports.WriteFollowUp(*in, kind, out)
		if err != nil {
			return err
		}
		fmt.Fprintf(a.out, "%s dans %s.\n", count(n, "document écrit", "documents écrits"), out)
		return nil
	}
	doc, err := a.followUpDoc(*in, kind, number)
	if err != nil {
		return err
	}
	if err := reports.WriteFile(doc, out); err != nil {
		return err
	}
	fmt.Fprintf(a.out, "%s écrit : %s\n", doc.Title, out)
	return nil
}

func (a *cli) followUpDoc(in reports.Input, kind, number string) (*reports.Document, error) {
	if number != "" {
		return reports.FollowUpFor(in, kind, number)
	}
	return reports.FollowUpDocument(in, kind)
}
