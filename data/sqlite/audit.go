package sqlite

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// AuditEntry is one line of the audit trail.
type AuditEntry struct {
	ID         int64
	At         time.Time
	User       string
	CampaignID int64
	Entity     string // dossier, campagne, juré, déport, grille, décision, scénario, délibération
	EntityID   int64
	Label      string // a human handle: the application's number, the juror's name…
	Action     string // création, modification, statut, note, déclaration…
	Field      string
	Old, New   string
	PrevHash   string
	Hash       string
}

// The entities of the trail.
const (
	AuditApplication  = "dossier"
	AuditCampaign     = "campagne"
	AuditJuror        = "juré"
	AuditConflict     = "déport"
	AuditSheet        = "grille"
	AuditDecision     = "décision"
	AuditScenario     = "scénario"
	AuditDeliberation = "délibération"
)

// hashOf chains an entry to the one before: its hash covers every field and the
// previous hash, so changing, removing or inserting a row breaks the chain.
func hashOf(e *AuditEntry) string {
	h := sha256.New()
	for _, f := range []string{e.PrevHash, strconv.FormatInt(e.ID, 10), fmtTime(e.At), e.User, strconv.FormatInt(e.CampaignID, 10), e.Entity,
		strconv.FormatInt(e.EntityID, 10), e.Label, e.Action, e.Field, e.Old, e.New} {
		h.Write([]byte(f))
		h.Write([]byte{0x1f})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// audit appends an entry in the transaction of the change it records.
func (db *DB) audit(ctx context.Context, tx *txw, e AuditEntry) error {
	if !tx.lastKnown {
		err := tx.QueryRowContext(ctx, `SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1`).Scan(&tx.lastID, &tx.lastHash)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		tx.lastKnown = true
	}
	e.ID, e.PrevHash, e.User = tx.lastID+1, tx.lastHash, db.User
	if e.At.IsZero() {
		e.At = parseTime(db.now())
	}
	e.Hash = hashOf(&e)
	if _, err := tx.ExecContext(ctx, `INSERT INTO audit (id, at, user_name, campaign_id, entity, entity_id, label, action, field, old_value, new_value, prev_hash, hash)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`, e.ID, fmtTime(e.At), e.User, e.CampaignID, e.Entity, e.EntityID, e.Label, e.Action, e.Field, e.Old, e.New, e.PrevHash, e.Hash); err != nil {
		return err
	}
	tx.lastID, tx.lastHash = e.ID, e.Hash
	return nil
}

// AuditFilter narrows the trail: a campaign, or one of its entities.
type AuditFilter struct {
	CampaignID int64
	Entity     string
	EntityID   int64
	Limit      int // 0: all
}

// Audit returns the trail, newest first.
func (db *DB) Audit(ctx context.Context, f AuditFilter) ([]AuditEntry, error) {
	where := []string{"1 = 1"}
	var args []any
	if f.CampaignID != 0 {
		where, args = append(where, "campaign_id = ?"), append(args, f.CampaignID)
	}
	if f.Entity != "" {
		where, args = append(where, "entity = ? AND entity_id = ?"), append(args, f.Entity, f.EntityID)
	}
	q := `SELECT id, at, user_name, campaign_id, entity, entity_id, label, action, field, old_value, new_value, prev_hash, hash FROM audit WHERE ` +
		strings.Join(where, " AND ") + ` ORDER BY id DESC`
	if f.Limit > 0 {
		q += ` LIMIT ` + strconv.Itoa(f.Limit)
	}
	rows, err := db.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

func scanAudit(r scanner) (AuditEntry, error) {
	var e AuditEntry
	var at string
	err := r.Scan(&e.ID, &at, &e.User, &e.CampaignID, &e.Entity, &e.EntityID, &e.Label, &e.Action, &e.Field, &e.Old, &e.New, &e.PrevHash, &e.Hash)
	e.At = parseTime(at)
	return e, err
}

// BrokenLink says where the trail was altered.
type BrokenLink struct {
	ID     int64 // the first entry that does not match
	Reason string
}

// VerifyAudit walks the whole chain and reports the first broken link, or nil
// when every entry still matches its hash and follows the one before.
func (db *DB) VerifyAudit(ctx context.Context) (count int, broken *BrokenLink, err error) {
	rows, err := db.db.QueryContext(ctx, `SELECT id, at, user_name, campaign_id, entity, entity_id, label, action, field, old_value, new_value, prev_hash, hash FROM audit ORDER BY id`)
	if err != nil {
		return 0, nil, err
	}
	defer rows.Close()
	prevHash, prevID := "", int64(0)
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return count, nil, err
		}
		count++
		switch {
		case e.ID != prevID+1:
			return count, &BrokenLink{ID: prevID + 1, Reason: "ligne supprimée (numéro manquant)"}, nil
		case e.PrevHash != prevHash:
			return count, &BrokenLink{ID: e.ID, Reason: "le lien avec la ligne précédente est rompu"}, nil
		case hashOf(&e) != e.Hash:
			return count, &BrokenLink{ID: e.ID, Reason: "contenu modifié après coup"}, nil
		}
		prevHash, prevID = e.Hash, e.ID
	}
	if err := rows.Err(); err != nil {
		return count, nil, err
	}
	return count, db.checkAnchor(ctx, prevID), nil
}

// checkAnchor compares the trail with the latest backup's: the chain alone cannot
// show rows cut from its end, but a backup still holds them. The backup's last
// row must be in the base, unchanged.
func (db *DB) checkAnchor(ctx context.Context, lastID int64) *BrokenLink {
	backup := LatestBackup(db.path)
	if backup == "" {
		return nil
	}
	raw, err := sql.Open(driverName, "file:"+filepath.ToSlash(backup)+"?mode=ro")
	if err != nil {
		return nil
	}
	defer raw.Close()
	var id int64
	var hash string
	if raw.QueryRowContext(ctx, `SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1`).Scan(&id, &hash) != nil {
		return nil // an older backup without a trail: nothing to compare
	}
	if id > lastID {
		return &BrokenLink{ID: lastID + 1, Reason: fmt.Sprintf("lignes supprimées en fin de journal (la sauvegarde %s va jusqu'à la ligne %d)", filepath.Base(backup), id)}
	}
	var live string
	if db.db.QueryRowContext(ctx, `SELECT hash FROM audit WHERE id = ?`, id).Scan(&live) != nil || live != hash {
		return &BrokenLink{ID: id, Reason: "différente de la sauvegarde " + filepath.Base(backup)}
	}
	return nil
}
