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
	day := data.Date{}
	if at != "" {
		d, err := data.ParseDate(at)
		if err != nil {
			return usageError{"--at : " + data.ErrorMessage(err)}
		}
		day = d
	}
	return a.followUpDocuments(ctx, kind, "", out, day, perApplicant)
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
