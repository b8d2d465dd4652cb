package cli

import (
	"context"
	"flag"
	"fmt"
	"slices"
	"time"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/export"
	"github.com/call-agglo/cohesion/data/files"
	"github.com/call-agglo/cohesion/reports"
	"github.com/call-agglo/cohesion/reports/gather"
)

func init() {
	commands["report"] = command{"report jury|sheets|annex|letters|deliberation|rapport -o FICHIER.pdf [--scenario NOM] [--anonymise] [--per-applicant] | report conventions|reminders|reversals -o FICHIER.pdf [--at JJ/MM/AAAA] [--per-applicant]",
		"produit un document PDF (par défaut avec le scénario adopté) ; deliberation : le projet de délibération, rapport : le rapport de présentation ; conventions, reminders (relances des comptes rendus financiers en retard à --at), reversals (demandes de reversement) : les documents du suivi des subventions", (*cli).cmdReport}
	commands["export"] = command{"export applications|ranking|allocation|scdl|letters-merge|payments -o FICHIER.csv|FICHIER.xlsx [--scenario NOM] | export reminders-merge -o FICHIER.csv|FICHIER.xlsx [--at JJ/MM/AAAA] | export deliberation|rapport -o FICHIER.docx [--scenario NOM] | export juror-sheets -o DOSSIER",
		"exporte le registre, le classement, une répartition, les subventions au format SCDL ou les champs des lettres pour un publipostage Word ; payments : les versements faits et à faire, pour le service financier ; reminders-merge : les relances des comptes rendus financiers en retard à --at, pour le publipostage ; deliberation, rapport : le projet de délibération ou le rapport de présentation en Word modifiable ; juror-sheets : une grille Excel par juré, à remplir et à réimporter", (*cli).cmdExport}
}

func (a *cli) cmdReport(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	out := fs.String("o", "", "")
	scenario := fs.String("scenario", "", "")
	anonymise := fs.Bool("anonymise", false, "")
	perApplicant := fs.Bool("per-applicant", false, "")
	at := fs.String("at", "", "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || *out == "" {
		return usageError{"indiquez le document (jury, sheets, annex, letters, deliberation, rapport, conventions, reminders ou reversals) et le fichier avec -o"}
	}
	kind := pos[0]
	if slices.Contains(reports.FollowUpKinds, kind) {
		return a.followUpReport(ctx, kind, *out, *at, *perApplicant)
	}
	if *at != "" {
		return usageError{"--at ne s'applique qu'aux documents du suivi (conventions, reminders, reversals)"}
	}
	// An unknown kind is a usage error, found in the catalogue rather than in
	// the words of Build's error: Build's code (EINVALID) is the same for a
	// known kind without a campaign.
	if !slices.ContainsFunc(reports.Catalog(), func(k reports.Kind) bool { return k.Key == kind }) {
		_, err := reports.Build(kind, reports.Input{})
		return usageError{data.ErrorMessage(err)}
	}
	if *perApplicant && kind != "letters" {
		return usageError{"--per-applicant ne s'applique qu'aux lettres et aux documents du suivi"}
	}
	a.reading = true
	db, c, err := a.current(ctx)
	if err != nil {
		return err
	}
	target := files.PDF
	if *perApplicant {
		target = files.Folder
	}
	if err := a.checkOutput(*out, target); err != nil {
		return err
	}
	in, _, err := gather.Load(ctx, db, c, gather.Options{Scenario: *scenario, Anonymise: *anonymise, Now: time.Now(), Document: kind})
	if err != nil {
		return err
	}
	if in.ScenarioStale {
		fmt.Fprintf(a.errw, "Attention : le scénario « %s » ne correspond plus aux notes ou aux décisions actuelles.\n", in.ScenarioName)
	}
	if *perApplicant {
		return a.lettersPerApplicant(*in, *out)
	}
	doc, err := reports.Build(kind, *in)
	if err != nil {
		return err
	}
	if err := reports.WriteFile(doc, *out); err != nil {
		return err
	}
	fmt.Fprintf(a.out, "%s écrit : %s\n", doc.Title, *out)
	return nil
}

// checkOutput refuses to write over the base, its journal files or its
// backups, or a file whose extension does not fit.
func (a *cli) checkOutput(path string, k files.Kind) error {
	var p files.Protected
	if a.db != nil {
		p.Files, p.Dirs = a.bases.Protected(a.db)
	}
	if err := files.CheckOutput(path, k, p); err != nil {
		return usageError{data.ErrorMessage(err)}
	}
	return nil
}

func (a *cli) lettersPerApplicant(in reports.Input, dir string) error {
	n, err := reports.WriteLetters(in, dir)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.out, "%s dans %s.\n", count(n, "lettre écrite", "lettres écrites"), dir)
	return nil
}

func (a *cli) cmdExport(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	out := fs.String("o", "", "")
	scenario := fs.String("scenario", "", "")
	at := fs.String("at", "", "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || *out == "" {
		return usageError{"indiquez ce qu'il faut exporter (applications, ranking, allocation, scdl, letters-merge, reminders-merge, payments, deliberation, rapport ou juror-sheets) et le fichier avec -o"}
	}
	switch {
	case pos[0] == "reminders-merge":
		return a.exportRemindersMerge(ctx, *out, *at)
	case *at != "":
		return usageError{"--at ne s'applique qu'à reminders-merge"}
	case pos[0] == "payments":
		return a.exportPayments(ctx, *out)
	}
	council := pos[0] == reports.KindDeliberation || pos[0] == reports.KindReport
	if !slices.Contains(gather.Exports, pos[0]) && pos[0] != "juror-sheets" && pos[0] != "letters-merge" && !council {
		return usageError{"export inconnu « " + pos[0] + " » (applications, ranking, allocation, scdl, letters-merge, reminders-merge, payments, deliberation, rapport ou juror-sheets)"}
	}
	db, c, err := a.current(ctx)
	if err != nil {
		return err
	}
	switch {
	case pos[0] == "juror-sheets":
		return a.jurorSheets(ctx, db, c, *out)
	case council:
		return a.councilDocx(ctx, db, c, pos[0], *scenario, *out)
	}
	if err := a.checkOutput(*out, files.Table); err != nil {
		return err
	}
	t, err := a.exportTable(ctx, db, c, pos[0], *scenario)
	if err != nil {
		return err
	}
	b, err := gather.EncodeExport(*out, pos[0], t)
	if err != nil {
		return err
	}
	if err := files.Write(*out, b, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(a.out, "%s dans %s.\n", count(len(t.Rows), "ligne exportée", "lignes exportées"), *out)
	return nil
}

// councilDocx is `export deliberation|rapport -o FICHIER.docx`: the council's
// document as an editable Word file, from the same input as its PDF.
func (a *cli) councilDocx(ctx context.Context, db data.Snapshots, c *data.Campaign, kind, scenario, out string) error {
	if err := a.checkOutput(out, files.Word); err != nil {
		return err
	}
	in, _, err := gather.Load(ctx, db, c, gather.Options{Scenario: scenario, Now: time.Now()})
	if err != nil {
		return err
	}
	doc, err := reports.Build(kind, *in)
	if err != nil {
		return err
	}
	if err := reports.WriteDocxFile(doc, out); err != nil {
		return err
	}
	fmt.Fprintf(a.out, "%s écrit : %s\n", doc.Title, out)
	return nil
}

// exportTable reads one export; the mail merge of the letters from the
// documents' input, the others from their own view.
func (a *cli) exportTable(ctx context.Context, db data.Snapshots, c *data.Campaign, what, scenario string) (export.Table, error) {
	if what != "letters-merge" {
		return gather.ExportTable(ctx, db, c, what, scenario)
	}
	in, _, err := gather.Load(ctx, db, c, gather.Options{Scenario: scenario, Now: time.Now()})
	if err != nil {
		return export.Table{}, err
	}
	if in.ScenarioStale {
		fmt.Fprintf(a.errw, "Attention : le scénario « %s » ne correspond plus aux notes ou aux décisions actuelles.\n", in.ScenarioName)
	}
	return gather.LettersMerge(in)
}

// jurorSheets is `export juror-sheets -o DIR`: one workbook per juror.
func (a *cli) jurorSheets(ctx context.Context, db data.Snapshots, c *data.Campaign, dir string) error {
	if err := a.checkOutput(dir, files.Folder); err != nil {
		return err
	}
	written, err := gather.WriteJurorBooks(ctx, db, c, dir)
	for _, p := range written {
		fmt.Fprintln(a.out, p)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(a.out, "%s dans %s : à renvoyer remplies, puis « import scores » avec tous les fichiers.\n",
		count(len(written), "grille de juré écrite", "grilles de juré écrites"), dir)
	return nil
}
