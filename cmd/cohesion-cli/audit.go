package main

import (
	"context"
	"flag"
	"fmt"
	"text/tabwriter"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/sqlite"
)

func init() {
	commands["verify"] = command{"verify", "vérifie que le journal des modifications n'a pas été altéré", (*cli).cmdVerify}
	commands["history"] = command{"history [--application NUMÉRO] [--limit N]", "affiche le journal des modifications de la campagne ou d'un dossier", (*cli).cmdHistory}
	commands["deliberation"] = command{"deliberation record --number N --date JJ/MM/AAAA [--body TEXTE] | deliberation reopen --reason TEXTE",
		"enregistre la délibération (et verrouille la campagne) ou la rouvre", (*cli).cmdDeliberation}
}

func (a *cli) cmdVerify(ctx context.Context, args []string) error {
	if len(args) > 0 {
		return usageError{"argument inattendu « " + args[0] + " »"}
	}
	db, err := a.open(ctx)
	if err != nil {
		return err
	}
	n, broken, err := db.VerifyAudit(ctx)
	if err != nil {
		return err
	}
	if broken != nil {
		return data.Errorf(data.EINVALID, "Journal altéré : premier lien rompu à la ligne %d (%s), sur %d ligne(s) lues.", broken.ID, broken.Reason, n)
	}
	fmt.Fprintf(a.out, "Journal intact : %d ligne(s), chaîne d'empreintes vérifiée.\n", n)
	return nil
}

func (a *cli) cmdHistory(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("history", flag.ContinueOnError)
	number := fs.String("application", "", "")
	limit := fs.Int("limit", 0, "")
	if err := noArgs(fs, args); err != nil {
		return err
	}
	db, c, err := a.current(ctx)
	if err != nil {
		return err
	}
	f := sqlite.AuditFilter{CampaignID: c.ID, Limit: *limit}
	if *number != "" {
		ap, err := db.ApplicationByNumber(ctx, c.ID, *number)
		if err != nil {
			return err
		}
		f = sqlite.AuditFilter{Entity: sqlite.AuditApplication, EntityID: ap.ID, Limit: *limit}
	}
	entries, err := db.Audit(ctx, f)
	if err != nil {
		return err
	}
	w := tabwriter.NewWriter(a.out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "Date\tUtilisateur\tObjet\tAction\tChamp\tAvant\tAprès")
	for _, e := range entries {
		fmt.Fprintf(w, "%s\t%s\t%s %s\t%s\t%s\t%s\t%s\n", data.FormatDateTime(e.At), e.User, e.Entity, e.Label, e.Action, e.Field, cut(e.Old, 40), cut(e.New, 60))
	}
	return w.Flush()
}

func (a *cli) cmdDeliberation(ctx context.Context, args []string) error {
	if len(args) == 0 || (args[0] != "record" && args[0] != "reopen") {
		return usageError{"indiquez « record » ou « reopen »"}
	}
	fs := flag.NewFlagSet("deliberation", flag.ContinueOnError)
	number := fs.String("number", "", "")
	date := fs.String("date", "", "")
	body := fs.String("body", "Conseil communautaire", "")
	reason := fs.String("reason", "", "")
	if err := noArgs(fs, args[1:]); err != nil {
		return err
	}
	db, c, err := a.current(ctx)
	if err != nil {
		return err
	}
	if args[0] == "reopen" {
		if err := db.Reopen(ctx, c.ID, *reason); err != nil {
			return err
		}
		fmt.Fprintf(a.out, "Campagne %s rouverte ; le motif est inscrit au journal.\n", c.Code)
		return nil
	}
	d, err := data.ParseDate(*date)
	if err != nil {
		return usageError{"--date : " + data.ErrorMessage(err)}
	}
	if err := db.RecordDeliberation(ctx, c.ID, *number, d, *body); err != nil {
		return err
	}
	fmt.Fprintf(a.out, "Délibération n° %s du %s enregistrée : la campagne %s est verrouillée.\n", *number, d.Format(), c.Code)
	return nil
}
