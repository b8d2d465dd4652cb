package sqlstore

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/call-agglo/cohesion/data"
)

// hashOf chains an entry to the one before: its hash covers every field and the
// previous hash, so changing, removing or inserting a row breaks the chain. The
// state digest counts only when there is one, so entries written before states
// existed keep their hashes.
func hashOf(e *data.AuditEntry) string {
	h := sha256.New()
	for _, f := range []string{e.PrevHash, strconv.FormatInt(e.ID, 10), fmtTime(e.At), e.User, strconv.FormatInt(e.CampaignID, 10), e.Entity,
		strconv.FormatInt(e.EntityID, 10), e.Label, e.Action, e.Field, e.Old, e.New} {
		h.Write([]byte(f))
		h.Write([]byte{0x1f})
	}
	if e.State != "" {
		h.Write([]byte("state:" + e.State))
		h.Write([]byte{0x1f})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// audit adds an entry to the operation's trail; it is written when the
// operation ends, with the state of the entity it describes.
func (w *txw) audit(e data.AuditEntry) {
	w.entries = append(w.entries, e)
}

// touch marks an entity changed by the operation without an entry of its own
// (a cascade): its new state is journaled too.
func (w *txw) touch(entity string, id int64) {
	w.touched = append(w.touched, stateKey{stateKind(entity), id})
}

// flushAudit writes the operation's entries at the end of its transaction
// (and, for a long import, as it goes): the last entry of each entity carries
// the digest of what the base holds for it now, so the check of the journal
// can compare the two. A late-locked import's entries wait, their states
// computed, until it holds the writers' lock (see late.go).
func (s *Store) flushAudit(ctx context.Context, w *txw) error {
	entries, err := stateEntries(ctx, w)
	if err != nil {
		return err
	}
	if l := w.late; l != nil {
		if !l.held {
			l.unchained = append(l.unchained, entries...)
			return nil
		}
		entries, l.unchained = append(l.unchained, entries...), nil
	}
	return s.chain(ctx, w, entries)
}

// stateEntries takes the operation's entries (and one for each entity it
// touched without one), the last of each entity with its state.
func stateEntries(ctx context.Context, w *txw) ([]data.AuditEntry, error) {
	if len(w.entries) == 0 && len(w.touched) == 0 {
		return nil, nil
	}
	last := map[stateKey]int{}
	for i, e := range w.entries {
		last[stateKey{stateKind(e.Entity), e.EntityID}] = i
	}
	for _, k := range w.touched {
		if _, ok := last[k]; !ok {
			w.entries = append(w.entries, data.AuditEntry{CampaignID: campaignOfEntity(ctx, w, k.kind, k.id), Entity: k.kind, EntityID: k.id,
				Label: labelOf(ctx, w, k), Action: "état mis à jour"})
			last[k] = len(w.entries) - 1
		}
	}
	states, err := digests(ctx, w, toRead(w, last), w.schema)
	if err != nil {
		return nil, err
	}
	for i := range w.entries {
		k := stateKey{stateKind(w.entries[i].Entity), w.entries[i].EntityID}
		if last[k] != i {
			w.entries[i].State = "" // only the last entry of an entity carries its state
		} else if st, read := states[k]; read {
			w.entries[i].State = st
		}
	}
	// A copy: w.entries is reused for the next entries.
	entries := slices.Clone(w.entries)
	w.entries, w.touched = w.entries[:0], nil
	return entries, nil
}

// toRead lists the entities whose state must be read from the base: all but
// those whose last entry came with its state, known from the rows the
// operation wrote (a new dossier, see state_written.go), and not touched
// since. An older migration's baseline reads them all. So whatever changes
// an entity's rows must journal an entry or touch it, as every write does
// already: a state known from the rows written is trusted until then.
func toRead(w *txw, last map[stateKey]int) []stateKey {
	touched := map[stateKey]bool{}
	for _, k := range w.touched {
		touched[k] = true
	}
	keys := make([]stateKey, 0, len(last))
	for k, i := range last {
		if w.entries[i].State == "" || touched[k] || w.schema != 0 {
			keys = append(keys, k)
		}
	}
	return keys
}

// chain links entries after the journal's last one and queues their rows.
func (s *Store) chain(ctx context.Context, w *txw, entries []data.AuditEntry) error {
	if len(entries) == 0 {
		return nil
	}
	h, err := head(ctx, w)
	if err != nil {
		return err
	}
	_, err = s.link(w, entries, h, func(vals ...any) error { return w.insertLater(ctx, "audit", auditCols, vals...) })
	return err
}

// link chains entries after the entry h and hands each row's values to
// row, in order; it returns the last link.
func (s *Store) link(w *txw, entries []data.AuditEntry, h data.Head, row func(vals ...any) error) (data.Head, error) {
	id, prev := h.ID, h.Hash
	at := parseTime(s.now())
	for _, e := range entries {
		id++
		e.ID, e.PrevHash, e.User = id, prev, s.User
		if e.At.IsZero() {
			e.At = at
		}
		e.Hash = hashOf(&e)
		if err := row(e.ID, fmtTime(e.At), e.User, e.CampaignID, e.Entity, e.EntityID, e.Label, e.Action, e.Field, e.Old, e.New, e.State, e.PrevHash, e.Hash); err != nil {
			return data.Head{}, err
		}
		prev = e.Hash
		w.written = append(w.written, e.ID)
		w.wroteTo(e.CampaignID)
	}
	return data.Head{ID: id, Hash: prev}, nil
}

// wroteTo notes a campaign the operation wrote to.
func (w *txw) wroteTo(campaignID int64) {
	for _, id := range w.wrote {
		if id == campaignID {
			return
		}
	}
	w.wrote = append(w.wrote, campaignID)
}

// campaigns lists the campaigns the operation wrote to (its entries are
// written by then).
func (w *txw) campaigns() []int64 { return w.wrote }

const auditCols = `id, at, user_name, campaign_id, entity, entity_id, label, action, field, old_value, new_value, state, prev_hash, hash`

func scanAudit(r scanner) (data.AuditEntry, error) {
	var e data.AuditEntry
	var at string
	err := r.Scan(&e.ID, &at, &e.User, &e.CampaignID, &e.Entity, &e.EntityID, &e.Label, &e.Action, &e.Field, &e.Old, &e.New, &e.State, &e.PrevHash, &e.Hash)
	e.At = parseTime(at)
	return e, err
}

// Audit returns the trail, newest first.
func (s *Store) Audit(ctx context.Context, f data.AuditFilter) ([]data.AuditEntry, error) {
	where := []string{"1 = 1"}
	var args []any
	if f.CampaignID != 0 {
		where, args = append(where, "campaign_id = ?"), append(args, f.CampaignID)
	}
	if f.Entity != "" {
		where, args = append(where, "entity = ? AND entity_id = ?"), append(args, f.Entity, f.EntityID)
	}
	q := `SELECT ` + auditCols + ` FROM audit WHERE ` + strings.Join(where, " AND ") + ` ORDER BY id DESC`
	if f.Limit > 0 {
		q += ` LIMIT ` + strconv.Itoa(f.Limit)
	}
	rows, err := s.q().QueryContext(ctx, q, args...)
	if err != nil {
		return nil, s.fail(err)
	}
	defer rows.Close()
	var out []data.AuditEntry
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// Head is the chain's last link.
func (s *Store) Head(ctx context.Context) (data.Head, error) {
	return head(ctx, s.q())
}

func head(ctx context.Context, q queryer) (data.Head, error) {
	var h data.Head
	err := q.QueryRowContext(ctx, `SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1`).Scan(&h.ID, &h.Hash)
	if errors.Is(err, sql.ErrNoRows) {
		return data.Head{}, nil
	}
	return h, err
}

// VerifyAudit walks the whole chain in one read transaction, then compares
// every entity of the data with the last state the chain recorded for it.
func (s *Store) VerifyAudit(ctx context.Context) (*data.AuditReport, error) {
	rep := &data.AuditReport{}
	err := s.readTx(ctx, func(q queryer) error {
		recorded, err := walkChain(ctx, q, rep)
		if err != nil || rep.Broken != nil {
			return err
		}
		rep.Departed = s.departure(ctx, q, rep.Head)
		rep.Tampered, err = compareStates(ctx, q, recorded)
		return err
	})
	if err == nil && rep.Intact() && s.anchors != nil {
		s.saveAnchor(rep.Head)
	}
	return rep, err
}

// walkChain checks every link and returns, for each entity, the last state
// the chain recorded.
func walkChain(ctx context.Context, q queryer, rep *data.AuditReport) (map[stateKey]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+auditCols+` FROM audit ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	recorded := map[stateKey]string{}
	prevHash, prevID := "", int64(0)
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return nil, err
		}
		rep.Count++
		switch {
		case e.ID != prevID+1:
			rep.Broken = &data.BrokenLink{ID: prevID + 1, Reason: "ligne supprimée (numéro manquant)"}
		case e.PrevHash != prevHash:
			rep.Broken = &data.BrokenLink{ID: e.ID, Reason: "le lien avec la ligne précédente est rompu"}
		case hashOf(&e) != e.Hash:
			rep.Broken = &data.BrokenLink{ID: e.ID, Reason: "contenu modifié après coup"}
		}
		if rep.Broken != nil {
			return nil, nil
		}
		if e.State != "" {
			recorded[stateKey{stateKind(e.Entity), e.EntityID}] = e.State
		}
		prevHash, prevID = e.Hash, e.ID
		rep.Head = data.Head{ID: e.ID, Hash: e.Hash}
	}
	return recorded, rows.Err()
}

// EntryAt loads the journal's entry number id.
func (s *Store) EntryAt(ctx context.Context, id int64) (*data.AuditEntry, error) {
	e, err := entryAt(ctx, s.q(), id)
	if data.ErrorCode(err) == data.ENOTFOUND {
		return nil, err
	}
	return e, s.fail(err)
}

func entryAt(ctx context.Context, q queryer, id int64) (*data.AuditEntry, error) {
	e, err := scanAudit(q.QueryRowContext(ctx, `SELECT `+auditCols+` FROM audit WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, data.Errorf(data.ENOTFOUND, "Le journal n'a pas de ligne n° %d.", id)
	}
	return &e, err
}
