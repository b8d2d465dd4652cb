package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"

	"github.com/call-agglo/cohesion/data"
)

// SaveMapping stores a column mapping under a name (replacing one of that name).
func (s *Store) SaveMapping(ctx context.Context, name string, m map[string]string) error {
	name = data.Clean(name)
	if name == "" {
		return data.Errorf(data.EINVALID, "Donnez un nom au modèle de correspondance.")
	}
	body, err := json.Marshal(m)
	if err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *txw) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO import_mappings (name_key, name, body, updated_at) VALUES (?,?,?,?)
			ON CONFLICT (name_key) DO UPDATE SET name = excluded.name, body = excluded.body, updated_at = excluded.updated_at`,
			data.FoldKey(name), name, string(body), s.now())
		return err
	})
}

// Mapping loads a named column mapping.
func (s *Store) Mapping(ctx context.Context, name string) (map[string]string, error) {
	var body string
	err := s.q().QueryRowContext(ctx, `SELECT body FROM import_mappings WHERE name_key = ?`, data.FoldKey(name)).Scan(&body)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, data.Errorf(data.ENOTFOUND, "Aucun modèle de correspondance ne s'appelle « %s ».", name)
	} else if err != nil {
		return nil, s.fail(err)
	}
	m := map[string]string{}
	return m, json.Unmarshal([]byte(body), &m)
}

// Mappings lists the saved mappings' names.
func (s *Store) Mappings(ctx context.Context) ([]string, error) {
	var out []string
	err := eachRow(ctx, s.q(), `SELECT name FROM import_mappings ORDER BY name_key`, nil, func(r *sql.Rows) error {
		var n string
		err := r.Scan(&n)
		out = append(out, n)
		return err
	})
	return out, s.fail(err)
}
