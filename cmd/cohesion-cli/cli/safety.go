package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"time"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/files"
)

func init() {
	commands["backup"] = command{"backup -o FICHIER.db [--replace]", "copie cohérente de la base (un fichier SQLite, même pour une base partagée), même pendant que l'application tourne ; un fichier existant n'est remplacé qu'avec --replace, jamais une base ouverte par une autre fenêtre ou commande", (*cli).cmdBackup}
	commands["restore"] = command{"restore FICHIER.db [--force]", "remplace la base par une sauvegarde vérifiée (la base remplacée est gardée) ; --force accepte une sauvegarde au journal altéré, et l'inscrit au journal", (*cli).cmdRestore}
	commands["migrate"] = command{"migrate --to postgres://…|FICHIER.db", "copie toute la base vers une base partagée PostgreSQL vide (ou vers un nouveau fichier), et vérifie la copie", (*cli).cmdMigrate}
}

func (a *cli) cmdBackup(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	out := fs.String("o", "", "")
	replace := fs.Bool("replace", false, "")
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 || *out == "" {
		return usageError{"indiquez le fichier de sauvegarde avec -o"}
	}
	db, err := a.open(ctx)
	if err != nil {
		return err
	}
	if err := a.checkOutput(*out, files.Base); err != nil {
		return err
	}
	if err := a.bases.Backup(ctx, db, *out, data.BackupOptions{Replace: *replace}); err != nil {
		return err
	}
	fmt.Fprintf(a.out, "Sauvegarde écrite : %s\n", *out)
	return nil
}

func (a *cli) cmdRestore(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("restore", flag.ContinueOnError)
	force := fs.Bool("force", false, "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{"indiquez le fichier de sauvegarde à restaurer"}
	}
	rep, err := a.bases.Restore(ctx, a.dbPath, pos[0], data.RestoreOptions{Force: *force, Now: time.Now()})
	if err != nil {
		return err
	}
	fmt.Fprintf(a.out, "Base restaurée depuis %s.\n", pos[0])
	if rep.Migrated > 0 {
		fmt.Fprintf(a.out, "La sauvegarde venait d'une version antérieure (schéma %d) : elle a été mise à jour.\n", rep.Migrated)
	}
	if rep.Forced != "" {
		fmt.Fprintf(a.out, "Restauration forcée malgré un journal altéré (%s) : c'est inscrit au journal.\n", rep.Forced)
	}
	if rep.Kept != "" {
		fmt.Fprintf(a.out, "La base remplacée est gardée : %s\n", rep.Kept)
	}
	return nil
}

func (a *cli) cmdMigrate(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	to := fs.String("to", "", "")
	if err := noArgs(fs, args); err != nil {
		return err
	}
	if *to == "" {
		return usageError{"indiquez la base de destination avec --to postgres://… ou --to FICHIER.db"}
	}
	rep, err := a.bases.Migrate(ctx, a.dbPath, *to)
	if err != nil {
		return err
	}
	total := 0
	for _, n := range rep.Rows {
		total += n
	}
	fmt.Fprintf(a.out, "Base copiée vers %s : %s ; journal identique (empreinte %s) ; classement et répartition adoptée identiques pour %s.\n",
		*to, count(total, "ligne", "lignes"), rep.Head, count(len(rep.Campaigns), "campagne", "campagnes"))
	return nil
}

// corruptHint adds what to do when the base is damaged.
func corruptHint(err error) string {
	var ce *data.CorruptError
	if errors.As(err, &ce) && ce.LatestBackup != "" {
		return "Pour restaurer la dernière sauvegarde : cohesion-cli restore \"" + ce.LatestBackup + "\""
	}
	return ""
}
