package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/export"
	"github.com/call-agglo/cohesion/data/sqlite"
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
	if kind == "letters" && *perApplicant {
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
	n := 0
	for _, ap := range in.Applications {
		if _, decided := in.Decisions[ap.ID]; !decided {
			continue
		}
		doc, err := reports.LetterFor(in, ap.ID)
		if err != nil {
			fmt.Fprintf(a.errw, "%s : %s\n", ap.Number, data.ErrorMessage(err))
			continue
		}
		name := filepath.Join(dir, fileName(ap.Number+" "+ap.Structure.Name)+".pdf")
		if err := writePDF(doc, name); err != nil {
			return err
		}
		n++
	}
	fmt.Fprintf(a.out, "%d lettre(s) écrite(s) dans %s.\n", n, dir)
	return nil
}

// fileName keeps what Windows accepts in a file name.
func fileName(s string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`<>:"/\|?*`, r) || r < 32 {
			return '_'
		}
		return r
	}, s)
	if r := []rune(s); len(r) > 100 {
		s = string(r[:100])
	}
	return strings.TrimRight(s, ". ")
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
	ext := strings.ToLower(filepath.Ext(*out))
	if ext != ".csv" && ext != ".xlsx" {
		return usageError{"le fichier doit finir par .csv ou .xlsx"}
	}
	db, c, err := a.current(ctx)
	if err != nil {
		return err
	}
	var t export.Table
	switch pos[0] {
	case "applications":
		rows, _, err := db.ListApplications(ctx, c.ID, sqlite.Filter{})
		if err != nil {
			return err
		}
		t = export.Applications(c, rows)
	case "ranking":
		rows, err := db.Ranking(ctx, c)
		if err != nil {
			return err
		}
		t = export.Ranking(rows)
	case "allocation", "scdl":
		sc, err := scenarioOf(ctx, db, c, *scenario)
		if err != nil {
			return err
		}
		split, err := db.SplitInput(ctx, c)
		if err != nil {
			return err
		}
		if pos[0] == "allocation" {
			t = export.Allocation(gather.ResultOf(sc), split.Rows)
			break
		}
		apps, err := db.Applications(ctx, c.ID)
		if err != nil {
			return err
		}
		byID := map[int64]data.Application{}
		for _, ap := range apps {
			byID[ap.ID] = ap
		}
		ref := ""
		if c.DeliberationNumber != "" {
			ref = "Délibération n° " + c.DeliberationNumber + " du " + c.DeliberationDate.Format()
		}
		t, err = export.SCDL(export.SCDLParams{NomAttribuant: c.Organiser, IdAttribuant: c.OrganiserSIRET, DateConvention: c.DeliberationDate,
			ReferenceDecision: ref}, gather.ResultOf(sc), byID)
		if err != nil {
			return err
		}
	default:
		return usageError{"export inconnu « " + pos[0] + " » (applications, ranking, allocation ou scdl)"}
	}
	var buf bytes.Buffer
	switch {
	case ext == ".xlsx":
		err = export.WriteXLSX(&buf, t)
	case pos[0] == "scdl":
		err = export.WriteSCDLCSV(&buf, t)
	default:
		err = export.WriteCSV(&buf, t)
	}
	if err != nil {
		return err
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		return data.Errorf(data.EINTERNAL, "Écriture impossible de %s : %v", *out, err)
	}
	fmt.Fprintf(a.out, "%d ligne(s) exportée(s) dans %s.\n", len(t.Rows), *out)
	return nil
}

// scenarioOf is the named scenario, or the adopted one.
func scenarioOf(ctx context.Context, db *sqlite.DB, c *data.Campaign, name string) (*sqlite.Scenario, error) {
	if name != "" {
		return db.Scenario(ctx, c.ID, name)
	}
	return db.AdoptedScenario(ctx, c.ID)
}
