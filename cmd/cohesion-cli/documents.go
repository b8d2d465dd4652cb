package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/reports"
	"github.com/call-agglo/cohesion/reports/gather"
)

func init() {
	commands["report"] = command{"report jury|sheets|annex|letters -o FICHIER.pdf [--scenario NOM] [--anonymise] [--per-applicant]",
		"produit un document PDF (par défaut avec le scénario adopté)", (*cli).cmdReport}
	commands["export"] = command{"export applications|ranking|allocation|scdl -o FICHIER.csv|FICHIER.xlsx [--scenario NOM]",
		"exporte le registre, le classement, une répartition ou les subventions au format SCDL", (*cli).cmdExport}
}

func (a *cli) cmdReport(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	out := fs.String("o", "", "")
	scenario := fs.String("scenario", "", "")
	anonymise := fs.Bool("anonymise", false, "")
	perApplicant := fs.Bool("per-applicant", false, "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || *out == "" {
		return usageError{"indiquez le document (jury, sheets, annex ou letters) et le fichier avec -o"}
	}
	kind := pos[0]
	if _, err := reports.Build(kind, reports.Input{}); err != nil && strings.Contains(err.Error(), "Type de document inconnu") {
		return usageError{data.ErrorMessage(err)}
	}
	db, c, err := a.current(ctx)
	if err != nil {
		return err
	}
	in, err := gather.Input(ctx, db, c, gather.Options{Scenario: *scenario, Anonymise: *anonymise, Now: time.Now()})
	if err != nil {
		return err
	}
	if in.ScenarioStale {
		fmt.Fprintf(a.errw, "Attention : le scénario « %s » ne correspond plus aux notes ou aux décisions actuelles.\n", in.ScenarioName)
	}
	if *perApplicant {
		if kind != "letters" {
			return usageError{"--per-applicant ne s'applique qu'aux lettres"}
		}
		return a.lettersPerApplicant(*in, *out)
	}
	doc, err := reports.Build(kind, *in)
	if err != nil {
		return err
	}
	if err := writePDF(doc, *out); err != nil {
		return err
	}
	fmt.Fprintf(a.out, "%s écrit : %s\n", doc.Title, *out)
	return nil
}

// writePDF draws into memory first, so a failure never leaves half a file.
func writePDF(doc *reports.Document, path string) error {
	var buf bytes.Buffer
	if err := reports.Write(doc, &buf); err != nil {
		return err
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return data.Errorf(data.EINTERNAL, "Écriture impossible de %s : %v", path, err)
	}
	return nil
}

func (a *cli) lettersPerApplicant(in reports.Input, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return data.Errorf(data.EINTERNAL, "Impossible de créer le dossier %s : %v", dir, err)
	}
	n, skipped := 0, 0
	for _, ap := range in.Applications {
		if _, decided := in.Decisions[ap.ID]; !decided {
			continue
		}
		doc, err := reports.LetterFor(in, ap.ID)
		if err != nil {
			fmt.Fprintf(a.errw, "%s : %s\n", ap.Number, data.ErrorMessage(err))
			skipped++
			continue
		}
		name := filepath.Join(dir, gather.FileName(ap.Number+" "+ap.Structure.Name)+".pdf")
		if err := writePDF(doc, name); err != nil {
			return err
		}
		n++
	}
	fmt.Fprintf(a.out, "%d lettre(s) écrite(s) dans %s.\n", n, dir)
	if skipped > 0 {
		return data.Errorf(data.EINVALID, "%d dossier(s) décidé(s) sans lettre : voir ci-dessus.", skipped)
	}
	return nil
}

func (a *cli) cmdExport(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	out := fs.String("o", "", "")
	scenario := fs.String("scenario", "", "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || *out == "" {
		return usageError{"indiquez ce qu'il faut exporter (applications, ranking, allocation ou scdl) et le fichier avec -o"}
	}
	if ext := strings.ToLower(filepath.Ext(*out)); ext != ".csv" && ext != ".xlsx" {
		return usageError{"le fichier doit finir par .csv ou .xlsx"}
	}
	if !slices.Contains(gather.Exports, pos[0]) {
		return usageError{"export inconnu « " + pos[0] + " » (applications, ranking, allocation ou scdl)"}
	}
	db, c, err := a.current(ctx)
	if err != nil {
		return err
	}
	t, err := gather.ExportTable(ctx, db, c, pos[0], *scenario)
	if err != nil {
		return err
	}
	b, err := gather.EncodeExport(*out, pos[0], t)
	if err != nil {
		return err
	}
	if err := os.WriteFile(*out, b, 0o644); err != nil {
		return data.Errorf(data.EINTERNAL, "Écriture impossible de %s : %v", *out, err)
	}
	fmt.Fprintf(a.out, "%d ligne(s) exportée(s) dans %s.\n", len(t.Rows), *out)
	return nil
}
