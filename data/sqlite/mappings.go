package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"

	"github.com/call-agglo/cohesion/data"
)

// SaveMapping stores a column mapping under a name (replacing one of that name).
func (db *DB) SaveMapping(ctx context.Context, name string, m map[string]string) error {
	name = data.Clean(name)
	if name == "" {
		return data.Errorf(data.EINVALID, "Donnez un nom au modèle de correspondance.")
	}
	body, err := json.Marshal(m)
	if err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *txw) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO import_mappings (name_key, name, body, updated_at) VALUES (?,?,?,?)
			ON CONFLICT (name_key) DO UPDATE SET name = excluded.name, body = excluded.body, updated_at = excluded.updated_at`,
			data.FoldKey(name), name, string(body), db.now())
		return err
	})
}

// Mapping loads a named column mapping.
func (db *DB) Mapping(ctx context.Context, name string) (map[string]string, error) {
	var body string
	err := db.db.QueryRowContext(ctx, `SELECT body FROM import_mappings WHERE name_key = ?`, data.FoldKey(name)).Scan(&body)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, data.Errorf(data.ENOTFOUND, "Aucun modèle de correspondance ne s'appelle « %s ».", name)
	} else if err != nil {
		return nil, err
	}
	m := map[string]string{}
	return m, json.Unmarshal([]byte(body), &m)
}

// Mappings lists the saved mappings' names.
func (db *DB) Mappings(ctx context.Context) ([]string, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT name FROM import_mappings ORDER BY name_key`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}
