package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/call-agglo/cohesion/data"
)

// Schema is an engine's embedded migrations: files NNN_name.sql, each
// bringing the base to version NNN. An engine whose first file is not 001 (a
// server added later) starts new bases at that file, which holds the whole
// schema of its version.
type Schema struct {
	Files fs.FS // the migrations folder's files
	// Version reads the base's schema version, SetVersion writes it in the
	// migration's transaction.
	Version    func(ctx context.Context, q *sql.Tx) (int, error)
	SetVersion func(ctx context.Context, tx *sql.Tx, v int) error
}

type migration struct {
	version int
	name    string
}

func (m Schema) list() ([]migration, error) {
	names, err := fs.Glob(m.Files, "*.sql")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var out []migration
	for _, n := range names {
		v, err := strconv.Atoi(strings.SplitN(path.Base(n), "_", 2)[0])
		if err != nil || (len(out) > 0 && v != out[len(out)-1].version+1) {
			return nil, fmt.Errorf("migration %s hors séquence", n)
		}
		out = append(out, migration{v, n})
	}
	return out, nil
}

// Latest is the version this build brings bases to.
func (m Schema) Latest() int {
	l, _ := m.list()
	if len(l) == 0 {
		return 0
	}
	return l[len(l)-1].version
}

// upgrades are what a version needs beyond SQL, run in its transaction.
var upgrades = map[int]func(ctx context.Context, s *Store, tx *txw, from int) error{
	10: func(ctx context.Context, s *Store, tx *txw, from int) error {
		if err := fillCommuneKeys(ctx, tx); err != nil {
			return err
		}
		if from == 0 {
			return nil
		}
		return s.baselineIn(ctx, tx, "état de référence")
	},
}

// Migrate brings the base's schema up to date: each pending migration in its
// own write transaction, with the new version written in it, so a crash
// never leaves a half-applied one and two processes never apply one twice.
// A base made by a newer Cohésion is refused.
func (s *Store) Migrate(ctx context.Context, m Schema) error {
	list, err := m.list()
	if err != nil {
		return err
	}
	from, err := s.SchemaVersion(ctx, m)
	if err != nil {
		return err
	}
	if latest := m.Latest(); from > latest {
		return data.Errorf(data.EINVALID, "La base %s a été créée par une version plus récente de Cohésion (schéma %d, cette version connaît le schéma %d). Mettez Cohésion à jour.", s.location, from, latest)
	}
	for _, mg := range list {
		if err := s.migrateOne(ctx, m, mg, list[0].version, from); err != nil {
			return err
		}
	}
	return nil
}

// migrateOne applies one migration unless the base already has it (another
// process may have applied it meanwhile); from is the version the base had
// before this run.
func (s *Store) migrateOne(ctx context.Context, m Schema, mg migration, first, from int) error {
	return s.inTx(ctx, func(tx *txw) error {
		v, err := m.Version(ctx, tx.tx)
		if err != nil {
			return err
		}
		if !(v == 0 && mg.version == first) && v+1 != mg.version {
			return nil
		}
		script, err := fs.ReadFile(m.Files, mg.name)
		if err != nil {
			return err
		}
		if _, err := tx.tx.ExecContext(ctx, string(script)); err != nil {
			return fmt.Errorf("migration %s : %w", mg.name, err)
		}
		tx.schema = mg.version // the journal's digests read this version's columns
		if up := upgrades[mg.version]; up != nil {
			if err := up(ctx, s, tx, from); err != nil {
				return fmt.Errorf("migration %s : %w", mg.name, err)
			}
		}
		return m.SetVersion(ctx, tx.tx, mg.version)
	})
}

// SchemaVersion reads the base's version.
func (s *Store) SchemaVersion(ctx context.Context, m Schema) (int, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	return m.Version(ctx, tx)
}

// fillCommuneKeys writes the folded names the register sorts communes by.
func fillCommuneKeys(ctx context.Context, tx *txw) error {
	type commune struct {
		campaign    int64
		insee, name string
	}
	var all []commune
	err := eachRow(ctx, tx, `SELECT campaign_id, insee, name FROM communes WHERE name_key = ''`, nil, func(r *sql.Rows) error {
		var c commune
		err := r.Scan(&c.campaign, &c.insee, &c.name)
		all = append(all, c)
		return err
	})
	if err != nil {
		return err
	}
	for _, c := range all {
		if _, err := tx.ExecContext(ctx, `UPDATE communes SET name_key = ? WHERE campaign_id = ? AND insee = ?`, data.FoldKey(c.name), c.campaign, c.insee); err != nil {
			return err
		}
	}
	return nil
}
