package sqlstore

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"hash"
	"sort"
	"strconv"

	"github.com/call-agglo/cohesion/data"
)

// The journal vouches for the data, not only for itself: each entry carries
// the digest of what the base held for its entity once the change was made.
// The check recomputes every entity's digest from the rows and compares: a row
// changed, added or deleted outside Cohésion (an UPDATE in a SQL console)
// shows as an entity whose digest no entry recorded.
//
// The digest is computed from the rows as text, the same on every engine, so a
// base copied from SQLite to PostgreSQL still matches its journal.

// stateKey is an entity whose state the journal follows.
type stateKey struct {
	kind string // one of the data.Audit* entities
	id   int64
}

// stateKind maps an audit entity to the entity whose rows it changes: a
// deliberation changes its campaign's row.
func stateKind(entity string) string {
	if entity == data.AuditDeliberation {
		return data.AuditCampaign
	}
	return entity
}

// stateSpec reads the rows of one kind of entity: each query's first column is
// the entity's ID, and the first query's rows say the entity exists.
type stateSpec struct {
	queries []string // each with one %s for the IDs
	all     string   // the IDs of every such entity in the base
	label   string   // a human handle for an ID, with one ?
	// since names the queries of columns a later migration added, with the
	// schema version that added them: the baseline an older migration
	// journals (version 10's) skips them, the columns not being there yet.
	since map[int]int
	// from is the schema version that made the entity's tables (0: the
	// first): an older migration's baseline skips the entity.
	from int
}

var stateSpecs = map[string]stateSpec{
	data.AuditApplication: {
		queries: []string{
			`SELECT a.id, a.campaign_id, a.number, a.received, a.title, a.summary, coalesce(a.theme_id, 0), a.target_public, a.beneficiaries,
				a.qpv_share_pct, a.start_date, a.end_date, a.total_cents, a.requested_cents, a.status, a.late, a.late_override, a.notes,
				a.opinion, a.opinion_text, a.version, s.name, s.legal_form, s.siret, s.rna, s.address, s.commune, s.legal_rep,
				s.contact, s.email, s.phone
				FROM applications a JOIN structures s ON s.id = a.structure_id WHERE a.id IN %s`,
			`SELECT application_id, position, qpv_code FROM application_qpvs WHERE application_id IN %s ORDER BY application_id, position`,
			`SELECT application_id, position, funder, amount_cents, acquired FROM cofinancings WHERE application_id IN %s ORDER BY application_id, position`,
			`SELECT application_id, document FROM application_documents WHERE application_id IN %s ORDER BY application_id, document`,
			`SELECT application_id, id, at, from_status, to_status, reason, user_name FROM status_history WHERE application_id IN %s ORDER BY application_id, id`,
			// An exemption's reason and a forced decision's note (version 15)
			// count only once written, so the journals of older bases still
			// match their rows.
			`SELECT id, exemption, decision_override FROM applications WHERE id IN %s AND (exemption <> '' OR decision_override <> '')`,
			// The head office's postal code and town (version 16) count only
			// once set, likewise.
			`SELECT a.id, s.postal_code, s.town FROM applications a JOIN structures s ON s.id = a.structure_id WHERE a.id IN %s
				AND (s.postal_code <> '' OR s.town <> '')`,
			// The applicant's reference (version 17), likewise.
			`SELECT id, reference FROM applications WHERE id IN %s AND reference <> ''`,
		},
		since: map[int]int{5: 15, 6: 16, 7: 17},
		all:   `SELECT id FROM applications`,
		label: `SELECT number FROM applications WHERE id = ?`,
	},
	data.AuditCampaign: {
		queries: []string{
			`SELECT id, code, title, organiser, envelope_cents, launch, deadline, instruction_from, instruction_to, jury_from, jury_to,
				deliberation_from, deliberation_to, objectives, min_score_hundredths, quorum, disagreement_hundredths, created_at,
				deliberation_number, deliberation_date, deliberation_body, organiser_siret, locked_at, locked_by, retention_months,
				purged_at, version, payment_dates FROM campaigns WHERE id IN %s`,
			`SELECT campaign_id, position, label, examples FROM themes WHERE campaign_id IN %s ORDER BY campaign_id, position, id`,
			`SELECT campaign_id, position, label, description, weight, max FROM criteria WHERE campaign_id IN %s ORDER BY campaign_id, position, id`,
			`SELECT campaign_id, insee, name, siren, population, has_qpv FROM communes WHERE campaign_id IN %s ORDER BY campaign_id, insee`,
			`SELECT campaign_id, code, name, communes, population FROM qpvs WHERE campaign_id IN %s ORDER BY campaign_id, code`,
			`SELECT campaign_id, kind, body FROM letter_templates WHERE campaign_id IN %s ORDER BY campaign_id, kind`,
			// The letters' settings (version 13) count only once set: a campaign
			// without them digests as it did before, so the journals of older
			// bases still match their rows after the migration.
			`SELECT id, letter_place, case_officer, case_officer_contact, letter_reference FROM campaigns WHERE id IN %s
				AND (letter_place <> '' OR case_officer <> '' OR case_officer_contact <> '' OR letter_reference <> '')`,
			// The budget line (version 14), likewise only once set.
			`SELECT id, budget_nature, budget_function FROM campaigns WHERE id IN %s AND (budget_nature <> '' OR budget_function <> '')`,
			// The required pièces (version 15) count only once set, likewise.
			`SELECT id, required_documents FROM campaigns WHERE id IN %s AND required_documents <> ''`,
			// The follow-up's rule (version 18), once set.
			`SELECT campaign_id, crf_due, advance_percent FROM followup_settings WHERE campaign_id IN %s`,
			// The campaign it was made from (version 19), only once there is one.
			`SELECT id, source_campaign_id FROM campaigns WHERE id IN %s AND source_campaign_id IS NOT NULL`,
		},
		since: map[int]int{6: 13, 7: 14, 8: 15, 9: 18, 10: 19},
		all:   `SELECT id FROM campaigns`,
		label: `SELECT code FROM campaigns WHERE id = ?`,
	},
	data.AuditJuror: {
		queries: []string{`SELECT id, campaign_id, name, college, email FROM jurors WHERE id IN %s`},
		all:     `SELECT id FROM jurors`,
		label:   `SELECT name FROM jurors WHERE id = ?`,
	},
	data.AuditConflict: {
		queries: []string{`SELECT application_id, juror_id, reason, declared_at, user_name FROM conflicts WHERE application_id IN %s ORDER BY application_id, juror_id`},
		all:     `SELECT DISTINCT application_id FROM conflicts`,
		label:   `SELECT number FROM applications WHERE id = ?`,
	},
	data.AuditSheet: {
		queries: []string{`SELECT application_id, juror_id, criterion_id, score FROM scores WHERE application_id IN %s ORDER BY application_id, juror_id, criterion_id`},
		all:     `SELECT DISTINCT application_id FROM scores`,
		label:   `SELECT number FROM applications WHERE id = ?`,
	},
	data.AuditDecision: {
		queries: []string{`SELECT application_id, decision, motivation, jury_date, decided_at, user_name FROM decisions WHERE application_id IN %s`,
			// The exemption to the bar of loi 2000-321 art. 10 (version 20),
			// only once written.
			`SELECT application_id, crf_exemption FROM decisions WHERE application_id IN %s AND crf_exemption <> ''`},
		since: map[int]int{1: 20},
		all:   `SELECT application_id FROM decisions`,
		label: `SELECT number FROM applications WHERE id = ?`,
	},
	data.AuditScenario: {
		queries: []string{
			`SELECT id, campaign_id, name, method, step_cents, min_cents, cap_percent, partial, envelope_cents, total_cents, remainder_cents,
				fingerprint, adopted_at, adopted_by FROM scenarios WHERE id IN %s`,
			`SELECT scenario_id, application_id, amount_cents FROM scenario_locks WHERE scenario_id IN %s ORDER BY scenario_id, application_id`,
			`SELECT scenario_id, position, application_id, rank, requested_cents, cap_cents, amount_cents, locked, reason FROM scenario_lines
				WHERE scenario_id IN %s ORDER BY scenario_id, position`,
		},
		all:   `SELECT id FROM scenarios`,
		label: `SELECT name FROM scenarios WHERE id = ?`,
	},
	// A grant's follow-up (version 18): its row and its payments, by dossier.
	data.AuditGrant: {
		queries: []string{
			`SELECT application_id, campaign_id, convention_number, convention_signed, crf_due, coalesce(advance_cents, -1), crf_status,
				crf_received, crf_cost_cents, crf_used_cents, crf_other_cents, crf_beneficiaries, crf_assessment, crf_missing,
				reversal_cents, reversal_reason, reversal_decided FROM grant_followups WHERE application_id IN %s`,
			`SELECT application_id, id, paid_on, amount_cents, mandate, ej, recorded_at, user_name FROM payments
				WHERE application_id IN %s ORDER BY application_id, id`,
		},
		all:   `SELECT application_id FROM grant_followups`,
		label: `SELECT number FROM applications WHERE id = ?`,
		from:  18,
	},
}

// stateKinds are the kinds in a fixed order, for reports.
var stateKinds = []string{data.AuditCampaign, data.AuditApplication, data.AuditJuror, data.AuditConflict, data.AuditSheet, data.AuditDecision, data.AuditScenario,
	data.AuditGrant}

// absent is the digest of an entity with no rows (a déport withdrawn, a juror removed).
const absent = "-"

// digests computes the state of each entity, reading the rows of many
// entities per query, with the queries of the schema version given (0: the
// latest).
func digests(ctx context.Context, q queryer, keys []stateKey, schema int) (map[stateKey]string, error) {
	byKind := map[string][]int64{}
	for _, k := range keys {
		byKind[k.kind] = append(byKind[k.kind], k.id)
	}
	out := make(map[stateKey]string, len(keys))
	for kind, ids := range byKind {
		spec, ok := stateSpecs[kind]
		if !ok {
			return nil, fmt.Errorf("entité du journal sans état : %s", kind)
		}
		for start := 0; start < len(ids); start += 500 {
			chunk := ids[start:min(start+500, len(ids))]
			states, err := spec.digest(ctx, q, chunk, schema)
			if err != nil {
				return nil, err
			}
			for _, id := range chunk {
				out[stateKey{kind, id}] = states[id]
			}
		}
	}
	return out, nil
}

// digest hashes the rows of each entity of ids, every value as text.
func (spec stateSpec) digest(ctx context.Context, q queryer, ids []int64, schema int) (map[int64]string, error) {
	hashes := make(map[int64]hash.Hash, len(ids))
	exists := make(map[int64]bool, len(ids))
	padded := padIDs(ids)
	for i, query := range spec.queries {
		if v := spec.since[i]; schema != 0 && v > schema {
			continue
		}
		if err := digestRows(ctx, q, fmt.Sprintf(query, in(len(padded))), padded, byte('0'+i), hashes, exists, i == 0); err != nil {
			return nil, err
		}
	}
	out := make(map[int64]string, len(ids))
	for _, id := range ids {
		if !exists[id] {
			out[id] = absent
			continue
		}
		out[id] = hex.EncodeToString(hashes[id].Sum(nil)[:16])
	}
	return out, nil
}

// padIDs repeats the last ID up to a power of two, so the IN lists come in
// ten sizes and their statements are prepared and cached once each.
func padIDs(ids []int64) []int64 {
	if len(ids) == 0 {
		return ids
	}
	n := 1
	for n < len(ids) {
		n *= 2
	}
	out := append(make([]int64, 0, n), ids...)
	for len(out) < n {
		out = append(out, ids[len(ids)-1])
	}
	return out
}

// digestRows feeds each row of one query to its entity's hash: the query's
// number, then every value as text, separated.
func digestRows(ctx context.Context, q queryer, query string, ids []int64, tag byte, hashes map[int64]hash.Hash, exists map[int64]bool, first bool) error {
	rows, err := q.QueryContext(ctx, query, int64Args(ids)...)
	if err != nil {
		return err
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	vals := make([]sql.RawBytes, len(cols))
	ptrs := make([]any, len(cols))
	for j := range vals {
		ptrs[j] = &vals[j]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		id, _ := strconv.ParseInt(string(vals[0]), 10, 64)
		if first {
			exists[id] = true
		}
		h := hashes[id]
		if h == nil {
			h = sha256.New()
			hashes[id] = h
		}
		h.Write([]byte{tag})
		for _, v := range vals {
			h.Write([]byte{0x1f})
			h.Write(v)
		}
		h.Write([]byte{0x1e})
	}
	return rows.Err()
}

// compareStates finds every entity whose rows differ from the last state the
// journal recorded: changed, added or deleted outside Cohésion.
func compareStates(ctx context.Context, q queryer, recorded map[stateKey]string) ([]data.Tampering, error) {
	var out []data.Tampering
	for _, kind := range stateKinds {
		spec := stateSpecs[kind]
		ids, err := allIDs(ctx, q, spec.all)
		if err != nil {
			return nil, err
		}
		present := map[int64]bool{}
		for _, id := range ids {
			present[id] = true
		}
		for k, st := range recorded {
			if k.kind == kind && !present[k.id] && st != absent {
				ids = append(ids, k.id) // recorded, no longer there
			}
		}
		sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
		keys := make([]stateKey, len(ids))
		for i, id := range ids {
			keys[i] = stateKey{kind, id}
		}
		now, err := digests(ctx, q, keys, 0)
		if err != nil {
			return nil, err
		}
		for _, k := range keys {
			was, ok := recorded[k]
			what := ""
			switch {
			case !ok && now[k] != absent:
				what = "ajouté"
			case ok && was != absent && now[k] == absent:
				what = "supprimé"
			case ok && was != now[k]:
				what = "modifié"
			}
			if what != "" {
				out = append(out, data.Tampering{Entity: kind, Label: labelOf(ctx, q, k), What: what})
			}
		}
	}
	return out, nil
}

func allIDs(ctx context.Context, q queryer, query string) ([]int64, error) {
	rows, err := q.QueryContext(ctx, query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// labelOf names an entity for people: its number, name or code.
func labelOf(ctx context.Context, q queryer, k stateKey) string {
	var label string
	if q.QueryRowContext(ctx, stateSpecs[k.kind].label, k.id).Scan(&label) != nil || label == "" {
		return fmt.Sprintf("n° %d", k.id)
	}
	return label
}

// baselineIn journals the state of every entity of a base whose journal did
// not follow states yet (a base made by an older Cohésion), so its check
// starts from what it holds at the upgrade.
func (s *Store) baselineIn(ctx context.Context, tx *txw, action string) error {
	for _, kind := range stateKinds {
		if from := stateSpecs[kind].from; tx.schema != 0 && from > tx.schema {
			continue // its tables come with a later migration
		}
		ids, err := allIDs(ctx, tx, stateSpecs[kind].all)
		if err != nil {
			return err
		}
		for _, id := range ids {
			tx.audit(data.AuditEntry{CampaignID: campaignOfEntity(ctx, tx, kind, id), Entity: kind, EntityID: id,
				Label: labelOf(ctx, tx, stateKey{kind, id}), Action: action})
		}
	}
	return nil
}

// campaignOfEntity finds the campaign an entity belongs to, for the journal's filter.
func campaignOfEntity(ctx context.Context, q queryer, kind string, id int64) int64 {
	var query string
	switch kind {
	case data.AuditCampaign:
		return id
	case data.AuditJuror:
		query = `SELECT campaign_id FROM jurors WHERE id = ?`
	case data.AuditScenario:
		query = `SELECT campaign_id FROM scenarios WHERE id = ?`
	default:
		query = `SELECT campaign_id FROM applications WHERE id = ?`
	}
	var c int64
	q.QueryRowContext(ctx, query, id).Scan(&c)
	return c
}

// Note journals an event that changes no data (a restore forced past a broken
// journal), then takes the state of every entity as the new reference.
func (s *Store) Note(ctx context.Context, e data.AuditEntry) error {
	return s.inTx(ctx, func(tx *txw) error {
		tx.audit(e)
		return s.baselineIn(ctx, tx, "état de référence après "+e.Action)
	})
}
