package cli

import (
	"context"
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/call-agglo/cohesion/data"
)

func init() {
	commands["structures"] = command{"structures [--format table|json]",
		"liste les structures qui ont déposé dans toutes les campagnes de la base (une par SIRET, sinon par RNA, sinon par nom), avec leurs dossiers, décisions et montants",
		(*cli).cmdStructures}
}

// structureJSON is the documented JSON shape of `structures --format json`.
type structureJSON struct {
	SIRET    string        `json:"siret"`
	RNA      string        `json:"rna"`
	Name     string        `json:"name"` // as last declared
	Dossiers []dossierJSON `json:"dossiers"`
}

// dossierJSON is one dossier of a structure, in `structures` and in
// `applications`' history; amounts are 0, never null.
type dossierJSON struct {
	Campaign     string `json:"campaign"` // the campaign's code
	Number       string `json:"number"`
	Status       string `json:"status"`
	GrantedCents int64  `json:"granted_cents"`
	PaidCents    int64  `json:"paid_cents"`
	CRFStatus    string `json:"crf_status"`
}

func dossiersJSON(ds []data.StructureDossier) []dossierJSON {
	out := make([]dossierJSON, 0, len(ds))
	for _, d := range ds {
		out = append(out, dossierJSON{d.CampaignCode, d.Number, string(d.Status), d.GrantedCents, d.PaidCents, string(d.CRFStatus)})
	}
	return out
}

func (a *cli) cmdStructures(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("structures", flag.ContinueOnError)
	format := fs.String("format", "table", "")
	if err := noArgs(fs, args); err != nil {
		return err
	}
	if err := checkFormat(*format, "table", "json"); err != nil {
		return err
	}
	db, err := a.open(ctx)
	if err != nil {
		return err
	}
	all, err := db.StructureDossiers(ctx)
	if err != nil {
		return err
	}
	dir := data.NewDirectory(all)
	if *format == "json" {
		out := make([]structureJSON, 0, len(dir.Entries))
		for _, e := range dir.Entries {
			out = append(out, structureJSON{e.SIRET, e.RNA, e.Name, dossiersJSON(e.Dossiers)})
		}
		return writeJSON(a, out)
	}
	return a.structuresTable(dir)
}

// structuresTable lists one structure a line, its dossiers in campaign order.
func (a *cli) structuresTable(dir *data.Directory) error {
	w := tabwriter.NewWriter(a.out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "Structure\tSIRET\tRNA\tDossiers")
	for _, e := range dir.Entries {
		ds := make([]string, len(e.Dossiers))
		for i, d := range e.Dossiers {
			ds[i] = d.Number + " (" + d.Status.Label()
			if d.GrantedCents > 0 {
				ds[i] += ", " + data.FormatEurosPlain(d.GrantedCents) + " accordés"
			}
			ds[i] += ")"
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", cut(e.Name, 40), e.SIRET, e.RNA, strings.Join(ds, ", "))
	}
	w.Flush()
	_, err := fmt.Fprintln(a.out, count(len(dir.Entries), "structure", "structures"))
	return err
}
