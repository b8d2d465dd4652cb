package sqlstore

import (
	"context"
	"slices"
	"strings"

	"github.com/call-agglo/cohesion/data"
)

// Tables are the base's tables, in an order that satisfies their foreign
// keys. The list of running windows is not data and is not copied.
var Tables = []string{"campaigns", "themes", "communes", "qpvs", "criteria", "structures", "applications",
	"application_qpvs", "cofinancings", "application_documents", "status_history", "jurors", "conflicts", "scores",
	"decisions", "scenarios", "scenario_locks", "scenario_lines", "scenario_events", "letter_templates",
	"followup_settings", "grant_followups", "payments", "import_mappings", "audit"}

// Copy copies every row of from into to, an empty base of the same schema
// version, row for row (IDs, journal and its hashes included), reading one
// snapshot of from and writing in one transaction of to: the copy is whole
// or absent. It returns the number of rows of each table.
func Copy(ctx context.Context, from, to *Store) (map[string]int, error) {
	return copyInto(ctx, from, to, false)
}

// Replace is Copy into a base whose rows it first removes, in the same
// transaction: a restore in place, whole or not at all.
func Replace(ctx context.Context, from, to *Store) (map[string]int, error) {
	return copyInto(ctx, from, to, true)
}

func copyInto(ctx context.Context, from, to *Store, wipe bool) (map[string]int, error) {
	counts := map[string]int{}
	err := from.readTx(ctx, func(q queryer) error {
		return to.inTx(ctx, func(tx *txw) error {
			if wipe {
				if err := to.d.Wipe(ctx, tx.tx, Tables); err != nil {
					return err
				}
			}
			if err := mustBeEmpty(ctx, tx); err != nil {
				return err
			}
			for _, t := range Tables {
				n, err := copyTable(ctx, q, tx, t)
				if err != nil {
					return err
				}
				counts[t] = n
			}
			return to.d.SyncIDs(ctx, tx.tx, Tables)
		})
	})
	return counts, err
}

func mustBeEmpty(ctx context.Context, tx *txw) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM campaigns) + (SELECT count(*) FROM audit)`).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return data.Errorf(data.ECONFLICT, "La base de destination contient déjà des données : la copie ne se fait que dans une base vide.")
	}
	return nil
}

// copyTable streams one table's rows from a snapshot into the transaction.
func copyTable(ctx context.Context, q queryer, tx *txw, table string) (int, error) {
	rows, err := q.QueryContext(ctx, `SELECT * FROM `+table)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return 0, err
	}
	colList := strings.Join(cols, ", ")
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	n := 0
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return n, err
		}
		for i, v := range vals {
			if b, ok := v.([]byte); ok {
				vals[i] = string(b) // every column is text or integer
			}
		}
		// Batched like every insert (batch.go); vals is scanned into again.
		if err := tx.insertLater(ctx, table, colList, slices.Clone(vals)...); err != nil {
			return n, err
		}
		n++
	}
	if err := rows.Err(); err != nil {
		return n, err
	}
	return n, tx.flush(ctx) // this table whole before the next, which may refer to it
}

// Counts counts the rows of every table, to check a copy.
func (s *Store) Counts(ctx context.Context) (map[string]int, error) {
	out := map[string]int{}
	err := s.readTx(ctx, func(q queryer) error {
		for _, t := range Tables {
			var n int
			if err := q.QueryRowContext(ctx, `SELECT count(*) FROM `+t).Scan(&n); err != nil {
				return err
			}
			out[t] = n
		}
		return nil
	})
	return out, err
}

// Columns lists each table's columns, to check that two engines' schemas match.
func (s *Store) Columns(ctx context.Context) (map[string][]string, error) {
	out := map[string][]string{}
	err := s.readTx(ctx, func(q queryer) error {
		for _, t := range append(Tables, "instances") {
			rows, err := q.QueryContext(ctx, `SELECT * FROM `+t+` WHERE 1 = 0`)
			if err != nil {
				return err
			}
			cols, err := rows.Columns()
			rows.Close()
			if err != nil {
				return err
			}
			out[t] = cols
		}
		return nil
	})
	return out, err
}
