package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"strings"

	"github.com/call-agglo/cohesion/data/files"
)

func init() {
	commands["gdpr"] = command{"gdpr purge [--dry-run] | gdpr export --person NOM|COURRIEL [-o FICHIER.json]",
		"purge les données personnelles échues, ou exporte tout ce que la base contient sur une personne", (*cli).cmdGDPR}
}

func (a *cli) cmdGDPR(ctx context.Context, args []string) error {
	if len(args) == 0 || (args[0] != "purge" && args[0] != "export") {
		return usageError{"indiquez « purge » ou « export »"}
	}
	fs := flag.NewFlagSet("gdpr", flag.ContinueOnError)
	dry := fs.Bool("dry-run", false, "")
	person := fs.String("person", "", "")
	out := fs.String("o", "", "")
	if err := noArgs(fs, args[1:]); err != nil {
		return err
	}
	db, err := a.open(ctx)
	if err != nil {
		return err
	}
	if args[0] == "purge" {
		purged, err := db.PurgeExpired(ctx, *dry)
		if err != nil {
			return err
		}
		if len(purged) == 0 {
			fmt.Fprintln(a.out, "Aucune campagne n'a dépassé sa durée de conservation des données personnelles.")
		}
		for _, p := range purged {
			if p.Structures == 0 && p.Jurors == 0 {
				continue // a campaign with no contact left to purge
			}
			verb := "purgées"
			if *dry {
				verb = "seraient purgées"
			}
			fmt.Fprintf(a.out, "%s (conservation échue le %s) : coordonnées de %s et courriels de %s %s.\n",
				p.Code, p.RetentionEnd.Format(), count(p.Structures, "dossier", "dossiers"), count(p.Jurors, "juré", "jurés"), verb)
		}
		if len(purged) > 0 && len(purged[0].RemovedBackups) > 0 {
			fmt.Fprintf(a.out, "Sauvegardes supprimées car elles contenaient ces données : %s\n", strings.Join(purged[0].RemovedBackups, ", "))
		}
		// Removed at this command's start already, even for a dry run: named here.
		if left := a.bases.RemoveLeftovers(db); len(left) > 0 {
			fmt.Fprintf(a.out, "Fichiers laissés par une opération interrompue, supprimés : %s\n", strings.Join(left, ", "))
		}
		return nil
	}
	if *person == "" {
		return usageError{"indiquez --person"}
	}
	rec, err := db.PersonData(ctx, *person)
	if err != nil {
		return err
	}
	b, _ := json.MarshalIndent(rec, "", "  ")
	if *out == "" {
		fmt.Fprintln(a.out, string(b))
		return nil
	}
	if err := a.checkOutput(*out, files.JSON); err != nil {
		return err
	}
	if err := files.Write(*out, append(b, '\n'), 0o600); err != nil {
		return err
	}
	fmt.Fprintf(a.out, "%s et %s trouvés, %s ; export écrit dans %s.\n", count(len(rec.Structures), "structure", "structures"),
		count(len(rec.Jurors), "siège de juré", "sièges de juré"), count(rec.Entries, "entrée du journal", "entrées du journal"), *out)
	return nil
}
