package postgres_test

import (
	"database/sql"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/postgres/pgtest"
	"github.com/call-agglo/cohesion/data/storetest"
)

// parentsBase is a base with the default campaign, one dossier and one
// juror, and the server's console.
func parentsBase(t *testing.T) (raw *sql.DB, campaign, theme, app, juror, criterion int64) {
	t.Helper()
	db, c := seededBase(t, pgtest.NewDatabase(t))
	a := &data.Application{Received: time.Date(2021, 4, 12, 14, 30, 0, 0, data.Paris), Structure: data.Structure{Name: "Association Les Petits Pas"},
		Title: "Vélo-école", ThemeID: c.Themes[0].ID, TotalCents: 100_000, RequestedCents: 50_000}
	if err := db.CreateApplication(ctx, c, a); err != nil {
		t.Fatal(err)
	}
	j := &data.Juror{CampaignID: c.ID, Name: "Mme Martin"}
	if err := db.AddJuror(ctx, j); err != nil {
		t.Fatal(err)
	}
	return storetest.Raw(db), c.ID, c.Themes[0].ID, a.ID, j.ID, c.Criteria[0].ID
}

// sqlState is the SQLSTATE of a server's refusal, or "".
func sqlState(err error) string {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code
	}
	return ""
}

// Migrations 021, 022 and 024 check a statement's parents instead of foreign
// keys: every row naming a parent that is not there is refused as a key
// would refuse it (23503), whichever row of a many-row statement it is; a
// theme left empty names none.
func TestRowsWithoutTheirParentRefused(t *testing.T) {
	raw, c, th, a, j, k := parentsBase(t)
	const missing = 999_999
	// Each dossier has a structure of its own (a unique index).
	appRow := `WITH s AS (INSERT INTO structures (name) VALUES ('Structure') RETURNING id)
		INSERT INTO applications (campaign_id, number, received, structure_id, title, theme_id, requested_cents, status, created_at, updated_at)
		SELECT $1, $2, '2021-04-12T12:30:00Z', s.id, 'Projet', $3, 0, 'recu', '', '' FROM s`
	for _, tc := range []struct {
		name, query string
		args        []any
		refused     bool
	}{
		{"note, juré absent", `INSERT INTO scores VALUES ($1, $2, $3, 3, ''), ($4, $2, $3, 3, '')`, []any{j, a, k, missing}, true},
		{"note, dossier absent", `INSERT INTO scores VALUES ($1, $2, $3, 3, ''), ($1, $4, $3, 3, '')`, []any{j, a, k, missing}, true},
		{"note, critère absent", `INSERT INTO scores VALUES ($1, $2, $3, 3, ''), ($1, $2, $4, 3, '')`, []any{j, a, k, missing}, true},
		{"note complète", `INSERT INTO scores VALUES ($1, $2, $3, 3, '')`, []any{j, a, k}, false},
		{"notes d'un même juré sur deux critères", `INSERT INTO scores VALUES ($1, $2, $3, 3, ''), ($1, $2, $4, 4, '')`, []any{j, a, k + 1, k + 2}, false},
		{"dossier, campagne absente", appRow, []any{missing, "X-1", th}, true},
		{"dossier, structure absente", `INSERT INTO applications (campaign_id, number, received, structure_id, title, requested_cents, status, created_at, updated_at)
			VALUES ($1, 'X-4', '', $2, 'Projet', 0, 'recu', '', '')`, []any{c, missing}, true},
		{"dossier, thématique absente", appRow, []any{c, "X-2", missing}, true},
		{"dossier sans thématique", appRow, []any{c, "X-3", nil}, false},
		{"QPV, dossier absent", `INSERT INTO application_qpvs VALUES ($1, 1, 'QP062019'), ($2, 1, 'QP062019')`, []any{a, missing}, true},
		{"cofinancement, dossier absent", `INSERT INTO cofinancings VALUES ($1, 2, 'CAF', 100, 0), ($2, 1, 'CAF', 100, 0)`, []any{a, missing}, true},
		{"pièce, dossier absent", `INSERT INTO application_documents VALUES ($1, 'rib')`, []any{missing}, true},
		{"deux QPV d'un même dossier", `INSERT INTO application_qpvs VALUES ($1, 2, 'QP062002'), ($1, 3, 'QP062016')`, []any{a}, false},
		{"statut, dossier absent", `INSERT INTO status_history (application_id, at, from_status, to_status) VALUES ($1, '', '', 'recu')`, []any{missing}, true},
	} {
		_, err := raw.ExecContext(ctx, tc.query, tc.args...)
		if refused := sqlState(err) == "23503"; refused != tc.refused || (err != nil && !refused) {
			t.Errorf("%s: %v (refusal expected: %v)", tc.name, err, tc.refused)
		}
	}
	// A second structure for the dossier of a missing one, in the same
	// statement as a right one.
	_, err := raw.ExecContext(ctx, `UPDATE applications SET structure_id = CASE WHEN id = $1 THEN $2 ELSE structure_id END WHERE campaign_id = $3`, a, missing, c)
	if sqlState(err) != "23503" || !strings.Contains(err.Error(), "structure") {
		t.Errorf("dossier moved to a missing structure: %v", err)
	}
}

// The parents a written row names are locked as a key locks them: while a
// desk's transaction holds an unsaved score, another cannot delete its
// juror, which would leave the score without one once both commit.
func TestParentsOfRowsWrittenAreLocked(t *testing.T) {
	raw, _, _, a, _, k := parentsBase(t)
	var j2 int64
	if err := raw.QueryRowContext(ctx, `INSERT INTO jurors (campaign_id, name, name_key, college) SELECT campaign_id, 'M. Petit', 'petit', college FROM jurors LIMIT 1 RETURNING id`).Scan(&j2); err != nil {
		t.Fatal(err)
	}
	tx, err := raw.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `INSERT INTO scores VALUES ($1, $2, $3, 3, '')`, j2, a, k); err != nil {
		t.Fatal(err)
	}
	other, err := raw.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, err := other.ExecContext(ctx, `SET lock_timeout = '200ms'`); err != nil {
		t.Fatal(err)
	}
	_, err = other.ExecContext(ctx, `DELETE FROM jurors WHERE id = $1`, j2)
	if sqlState(err) != "55P03" { // lock_not_available: it waited for the score's transaction
		t.Fatalf("juror deleted under an unsaved score: %v", err)
	}
}
