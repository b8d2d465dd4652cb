package backend

import (
	"context"
	"fmt"
	"os"
	"slices"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/campaign"
	"github.com/call-agglo/cohesion/data/sqlite"
	"github.com/call-agglo/cohesion/data/sqlstore"
)

// Migrate copies the base at from into the empty base at to (a new file, or
// an empty server base), row for row, then checks the copy: the rows of every
// table, the journal (intact, with the same head) and each campaign's ranking
// and adopted split, identical. A file is built under a temporary name and
// renamed only once checked and closed (sqlite.Create): a migration cut midway
// leaves no file under the final name, and the next one goes through.
func (b Bases) Migrate(ctx context.Context, from, to string) (*data.MigrateReport, error) {
	if !IsServer(to) {
		if _, err := os.Stat(to); err == nil {
			return nil, data.Errorf(data.ECONFLICT, "Le fichier %s existe déjà : la copie se fait vers un nouveau fichier.", to)
		}
		if err := sqlite.RefuseNetworkDrive(to); err != nil {
			return nil, err
		}
	}
	src, err := b.Open(ctx, from, data.OpenOptions{})
	if err != nil {
		return nil, err
	}
	defer src.Close()
	if !IsServer(to) {
		var rep *data.MigrateReport
		err := sqlite.Create(to, data.BackupOptions{}, func(dst *sqlite.DB) error {
			var err error
			rep, err = copyChecked(ctx, src, dst)
			return err
		})
		return rep, err
	}
	dst, err := b.Open(ctx, to, data.OpenOptions{})
	if err != nil {
		return nil, err
	}
	defer dst.Close()
	return copyChecked(ctx, src, dst)
}

// copyChecked copies src into the empty dst and checks the copy.
func copyChecked(ctx context.Context, src, dst data.Store) (*data.MigrateReport, error) {
	rows, err := sqlstore.Copy(ctx, sqlOf(src), sqlOf(dst))
	if err != nil {
		return nil, err
	}
	rep := &data.MigrateReport{Rows: rows}
	if err := sameCounts(ctx, rows, sqlOf(dst)); err != nil {
		return nil, err
	}
	if rep.Head, err = sameJournal(ctx, src, dst); err != nil {
		return nil, err
	}
	rep.Campaigns, err = sameResults(ctx, src, dst)
	return rep, err
}

func sameCounts(ctx context.Context, copied map[string]int, dst *sqlstore.Store) error {
	now, err := dst.Counts(ctx)
	if err != nil {
		return err
	}
	for t, n := range copied {
		if now[t] != n {
			return data.Errorf(data.EINTERNAL, "Copie incomplète : la table %s compte %s au lieu de %d.", t, data.Count(now[t], "ligne", "lignes"), n)
		}
	}
	return nil
}

// sameJournal checks that the copy's journal has the source's head and says
// the same of its data: intact when the source's is.
func sameJournal(ctx context.Context, src, dst data.Store) (data.Head, error) {
	want, err := src.VerifyAudit(ctx)
	if err != nil {
		return data.Head{}, err
	}
	got, err := dst.VerifyAudit(ctx)
	if err != nil {
		return data.Head{}, err
	}
	if got.Head != want.Head || got.Intact() != want.Intact() {
		return data.Head{}, data.Errorf(data.EINTERNAL, "Copie refusée : le journal de la copie ne correspond pas à celui de la base d'origine (empreinte %s au lieu de %s).", got.Head, want.Head)
	}
	return want.Head, nil
}

// sameResults compares each campaign's ranking and adopted split.
func sameResults(ctx context.Context, src, dst data.Store) ([]string, error) {
	list, err := src.Campaigns(ctx)
	if err != nil {
		return nil, err
	}
	var codes []string
	for _, c := range list {
		a, err := campaign.Load(ctx, src, c.ID, data.SnapshotOptions{})
		if err != nil {
			return nil, err
		}
		b, err := campaign.Load(ctx, dst, c.ID, data.SnapshotOptions{})
		if err != nil {
			return nil, err
		}
		if !sameRanking(a, b) || !sameSplit(a, b) {
			return nil, data.Errorf(data.EINTERNAL, "Copie refusée : le classement ou la répartition adoptée de la campagne %s diffère dans la copie.", c.Code)
		}
		codes = append(codes, c.Code)
	}
	return codes, nil
}

func sameRanking(a, b *campaign.View) bool {
	key := func(v *campaign.View) []string {
		var out []string
		for _, r := range v.Ranked {
			score := ""
			if r.F != nil {
				score = r.F.RatString()
			}
			out = append(out, fmt.Sprintf("%d/%s/%s", r.Rank, r.Number, score))
		}
		return out
	}
	return slices.Equal(key(a), key(b)) && a.Split.Fingerprint == b.Split.Fingerprint
}

func sameSplit(a, b *campaign.View) bool {
	if (a.Scenario == nil) != (b.Scenario == nil) {
		return false
	}
	return a.Scenario == nil || (a.Scenario.Name == b.Scenario.Name && slices.Equal(a.Scenario.Lines, b.Scenario.Lines))
}

// snapshotToFile writes a base of another engine to a new SQLite file.
func snapshotToFile(ctx context.Context, st data.Store, dest string, o data.BackupOptions) error {
	return sqlite.Create(dest, o, func(db *sqlite.DB) error {
		_, err := copyChecked(ctx, st, db)
		return err
	})
}
