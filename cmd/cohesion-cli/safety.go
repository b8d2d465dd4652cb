package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"time"

	"github.com/call-agglo/cohesion/data/sqlite"
)

func init() {
	commands["backup"] = command{"backup -o FICHIER", "copie cohérente de la base, même pendant que l'application tourne", (*cli).cmdBackup}
	commands["restore"] = command{"restore FICHIER", "remplace la base par une sauvegarde vérifiée (la base remplacée est gardée)", (*cli).cmdRestore}
}

func (a *cli) cmdBackup(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	out := fs.String("o", "", "")
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 || *out == "" {
		return usageError{"indiquez le fichier de sauvegarde avec -o"}
	}
	db, err := a.open(ctx)
	if err != nil {
		return err
	}
	if err := db.Backup(ctx, *out); err != nil {
		return err
	}
	fmt.Fprintf(a.out, "Sauvegarde écrite : %s\n", *out)
	return nil
}

func (a *cli) cmdRestore(ctx context.Context, args []string) error {
	if len(args) != 1 {
		return usageError{"indiquez le fichier de sauvegarde à restaurer"}
	}
	// A window still working on the base would lose what it saves afterwards.
	if db, err := sqlite.Open(a.dbPath); err == nil {
		others, err := db.OtherInstances(ctx, 0)
		db.Close()
		if err == nil && len(others) > 0 {
			return sqlite.InUseError(others)
		}
	}
	kept, err := sqlite.Restore(args[0], a.dbPath, time.Now())
	if err != nil {
		return err
	}
	fmt.Fprintf(a.out, "Base restaurée depuis %s.\n", args[0])
	if kept != "" {
		fmt.Fprintf(a.out, "La base remplacée est gardée : %s\n", kept)
	}
	return nil
}

// corruptHint adds what to do when the base is damaged.
func corruptHint(err error) string {
	var ce *sqlite.CorruptError
	if errors.As(err, &ce) && ce.LatestBackup != "" {
		return "Pour restaurer la dernière sauvegarde : cohesion-cli restore \"" + ce.LatestBackup + "\""
	}
	return ""
}
