package sqlite

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/call-agglo/cohesion/data"
)

// VerifyAudit checks the journal and the data it vouches for, then compares
// the journal with the latest backup's: the chain alone cannot show entries cut
// from its end, but a backup still holds them.
func (db *DB) VerifyAudit(ctx context.Context) (*data.AuditReport, error) {
	rep, err := db.Store.VerifyAudit(ctx)
	if err != nil || rep.Broken != nil {
		return rep, err
	}
	backup := LatestBackup(db.path)
	if backup == "" {
		return rep, nil
	}
	h, err := fileHead(backup)
	if err != nil || h.ID == 0 {
		return rep, nil // an older backup without a journal: nothing to compare
	}
	if h.ID > rep.Head.ID {
		rep.Broken = &data.BrokenLink{ID: rep.Head.ID + 1, Reason: fmt.Sprintf("lignes supprimées en fin de journal (la sauvegarde %s va jusqu'à la ligne %d)", filepath.Base(backup), h.ID)}
		return rep, nil
	}
	if e, err := db.EntryAt(ctx, h.ID); err != nil || e.Hash != h.Hash {
		rep.Broken = &data.BrokenLink{ID: h.ID, Reason: "différente de la sauvegarde " + filepath.Base(backup)}
	}
	return rep, nil
}
