package cli

import (
	"context"
	"flag"
	"fmt"
	"sort"
	"text/tabwriter"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/campaign"
)

func init() {
	commands["verify"] = command{"verify [--head EMPREINTE]", "vérifie le journal des modifications et les données qu'il garantit ; --head : que le journal contient toujours une empreinte imprimée sur un document", (*cli).cmdVerify}
	commands["history"] = command{"history [--application NUMÉRO] [--limit N]", "affiche le journal des modifications de la campagne ou d'un dossier", (*cli).cmdHistory}
	commands["deliberation"] = command{"deliberation record --number N --date JJ/MM/AAAA [--body TEXTE] | deliberation reopen --reason TEXTE",
		"enregistre la délibération (et verrouille la campagne) ou la rouvre", (*cli).cmdDeliberation}
}

func (a *cli) cmdVerify(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("verify", flag.ContinueOnError)
	headArg := fs.String("head", "", "")
	if err := noArgs(fs, args); err != nil {
		return err
	}
	db, err := a.open(ctx)
	if err != nil {
		return err
	}
	rep, err := db.VerifyAudit(ctx)
	if err != nil {
		return err
	}
	if !rep.Intact() {
		return data.Errorf(data.EINVALID, "%s", rep.Verdict())
	}
	if *headArg != "" {
		if err := checkHead(ctx, db, *headArg); err != nil {
			return err
		}
	}
	fmt.Fprintln(a.out, rep.Verdict())
	if *headArg != "" {
		fmt.Fprintf(a.out, "L'empreinte %s figure bien dans le journal.\n", *headArg)
	}
	return nil
}

// checkHead checks that the chain still holds a head printed on a document
// or kept beside a backup.
func checkHead(ctx context.Context, db data.Journal, s string) error {
	h, err := data.ParseHead(s)
	if err != nil {
		return usageError{data.ErrorMessage(err)}
	}
	e, err := db.EntryAt(ctx, h.ID)
	if data.ErrorCode(err) == data.ENOTFOUND {
		return data.Errorf(data.EINVALID, "Journal altéré : la ligne %d de l'empreinte %s n'existe plus (le journal a été raccourci).", h.ID, s)
	} else if err != nil {
		return err
	}
	if !h.Matches(*e) {
		return data.Errorf(data.EINVALID, "Journal altéré : la ligne %d ne porte plus l'empreinte %s (le journal a été réécrit).", h.ID, s)
	}
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
	f := data.AuditFilter{CampaignID: c.ID, Limit: *limit}
	if *number != "" {
		ap, err := db.ApplicationByNumber(ctx, c.ID, *number)
		if err != nil {
			return err
		}
		f = data.AuditFilter{Entity: data.AuditApplication, EntityID: ap.ID, Limit: *limit}
	}
	entries, err := db.Audit(ctx, f)
	if err != nil {
		return err
	}
	if f.Entity == data.AuditApplication {
		// The dossier's grant, after the deliberation, has its own entity.
		if entries, err = withGrantEntries(ctx, db, f, entries); err != nil {
			return err
		}
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
	if v, err := campaign.Load(ctx, db, c.ID, data.SnapshotOptions{}); err == nil && v.Scenario != nil {
		writeReview(a.errw, "la délibération", v.Review(campaign.Funded(v.Scenario)))
	}
	if err := campaign.Deliberate(ctx, db, c.ID, *number, d, *body); err != nil {
		return err
	}
	fmt.Fprintf(a.out, "Délibération n° %s du %s enregistrée : la campagne %s est verrouillée.\n", *number, d.Format(), c.Code)
	return nil
}

// withGrantEntries adds the follow-up of a dossier's grant to its history,
// newest first, within the limit.
func withGrantEntries(ctx context.Context, db data.Journal, f data.AuditFilter, entries []data.AuditEntry) ([]data.AuditEntry, error) {
	f.Entity = data.AuditGrant
	grant, err := db.Audit(ctx, f)
	if err != nil || len(grant) == 0 {
		return entries, err
	}
	all := append(grant, entries...)
	sort.Slice(all, func(i, j int) bool { return all[i].ID > all[j].ID })
	if f.Limit > 0 && len(all) > f.Limit {
		all = all[:f.Limit]
	}
	return all, nil
}
