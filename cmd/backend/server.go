package backend

import (
	"context"
	"path/filepath"
	"time"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/postgres"
	"github.com/call-agglo/cohesion/data/sqlite"
	"github.com/call-agglo/cohesion/data/sqlstore"
)

func openServer(ctx context.Context, address string, o data.OpenOptions) (data.Store, error) {
	db, err := postgres.Open(ctx, address, postgres.Options{Password: o.Password})
	if err != nil {
		return nil, err
	}
	return db, nil
}

// restoreServer replaces a server base by a backup file: the backup is checked
// on a copy, the server base is kept as a file among this desk's backups,
// then its rows are replaced in one transaction, with every desk closed.
func restoreServer(ctx context.Context, address, backup string, o data.RestoreOptions) (*data.RestoreReport, error) {
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	src, rep, done, err := sqlite.OpenBackup(backup, o)
	if err != nil {
		return nil, err
	}
	defer done()
	dst, err := postgres.Open(ctx, address, postgres.Options{Password: o.Password, Exclusive: true})
	if err != nil {
		return nil, err
	}
	defer dst.Close()
	// Kept among the backups of this desk's own base (COHESION_DB, else its
	// file), never beside the shared base a policy or the installer names.
	desk := Bases{}.LocalAddress()
	if IsServer(desk) {
		desk = Bases{}.defaultFile()
	}
	rep.Kept = filepath.Join(sqlite.BackupDir(desk), "avant-restauration-serveur-"+o.Now.In(data.Paris).Format("20060102-150405")+".db")
	if err := snapshotToFile(ctx, dst, rep.Kept, data.BackupOptions{Replace: true}); err != nil { // the backup folder is Cohésion's own
		return nil, err
	}
	if _, err := sqlstore.Replace(ctx, src.Base(), dst.Base()); err != nil {
		return nil, err
	}
	if _, err := sameJournal(ctx, src, dst); err != nil {
		return nil, err
	}
	if _, err := sameResults(ctx, src, dst); err != nil {
		return nil, err
	}
	return rep, nil
}
