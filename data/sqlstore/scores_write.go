package sqlstore

import (
	"context"
	"database/sql"

	"github.com/call-agglo/cohesion/data"
)

// A grid import changes tens of thousands of sheets. Checked and written one
// by one, each sheet costs some ten statements (its juror, its dossier, a
// conflict, its scores before and after, one upsert per score): a round trip
// each, which on a server is the whole import's time. So WriteScores reads the
// campaign's jury, dossiers, conflicts and scores once, checks and changes the
// sheets in memory, in the order given (the same errors, the same journal),
// and writes what changed at the end in batches.
//
// A change whose juror or dossier is not the campaign's goes the old way,
// statement by statement (sameCampaign words its error): those sheets are
// never the campaign's, so the two ways never touch the same sheet.

// sheetKey is a juror and a dossier: one score sheet.
type sheetKey [2]int64

// scoreKey3 is one score of a sheet.
type scoreKey3 struct {
	sheet     sheetKey
	criterion int64
}

// heldScore is a score as the transaction leaves it.
type heldScore struct {
	value int
	at    string // updated_at
}

// scoreBook is the campaign's jury as read once, changed in memory.
type scoreBook struct {
	jurors    map[int64]string // ID → name
	numbers   map[int64]string // dossier ID → number
	conflicts map[sheetKey]bool
	sheets    map[sheetKey]map[int64]heldScore // criterion → score
	stored    map[scoreKey3]bool               // rows the base held before
	changed   map[scoreKey3]bool               // rows to write (or delete) at the end
	order     []scoreKey3                      // changed, in the order first changed
}

// readScoreBook reads what the campaign's sheets need checking against.
func readScoreBook(ctx context.Context, tx *txw, campaignID int64) (*scoreBook, error) {
	b := &scoreBook{jurors: map[int64]string{}, numbers: map[int64]string{}, conflicts: map[sheetKey]bool{},
		sheets: map[sheetKey]map[int64]heldScore{}, stored: map[scoreKey3]bool{}, changed: map[scoreKey3]bool{}}
	args := []any{campaignID}
	err := eachRow(ctx, tx, `SELECT id, name FROM jurors WHERE campaign_id = ?`, args, func(r *sql.Rows) error {
		var id int64
		var name string
		err := r.Scan(&id, &name)
		b.jurors[id] = name
		return err
	})
	if err == nil {
		err = eachRow(ctx, tx, `SELECT id, number FROM applications WHERE campaign_id = ?`, args, func(r *sql.Rows) error {
			var id int64
			var number string
			err := r.Scan(&id, &number)
			b.numbers[id] = number
			return err
		})
	}
	if err == nil {
		err = eachRow(ctx, tx, `SELECT k.juror_id, k.application_id FROM conflicts k JOIN jurors j ON j.id = k.juror_id WHERE j.campaign_id = ?`, args, func(r *sql.Rows) error {
			var k sheetKey
			err := r.Scan(&k[0], &k[1])
			b.conflicts[k] = true
			return err
		})
	}
	if err == nil {
		err = b.readScores(ctx, tx, campaignID)
	}
	return b, err
}

func (b *scoreBook) readScores(ctx context.Context, tx *txw, campaignID int64) error {
	return eachRow(ctx, tx, `SELECT s.juror_id, s.application_id, s.criterion_id, s.score, s.updated_at FROM scores s
		JOIN jurors j ON j.id = s.juror_id WHERE j.campaign_id = ?`, []any{campaignID}, func(r *sql.Rows) error {
		var k scoreKey3
		var h heldScore
		if err := r.Scan(&k.sheet[0], &k.sheet[1], &k.criterion, &h.value, &h.at); err != nil {
			return err
		}
		b.sheet(k.sheet)[k.criterion] = h
		b.stored[k] = true
		return nil
	})
}

// sheet is a sheet's scores, made empty on first use.
func (b *scoreBook) sheet(k sheetKey) map[int64]heldScore {
	m := b.sheets[k]
	if m == nil {
		m = map[int64]heldScore{}
		b.sheets[k] = m
	}
	return m
}

// values is a sheet's scores without their times, as scoresText wants them.
func (b *scoreBook) values(k sheetKey) map[int64]int {
	out := make(map[int64]int, len(b.sheets[k]))
	for id, h := range b.sheets[k] {
		out[id] = h.value
	}
	return out
}

func (b *scoreBook) mark(k scoreKey3) {
	if !b.changed[k] {
		b.changed[k] = true
		b.order = append(b.order, k)
	}
}

// applyScoresHeld is applyScores on the book: the same checks, in the same
// order, and the same journal entry. ok is false when the juror or the
// dossier is not the campaign's: the caller takes the old way.
func (s *Store) applyScoresHeld(tx *txw, b *scoreBook, c *data.Campaign, ch data.ScoreChange) (ok bool, err error) {
	juror, jok := b.jurors[ch.JurorID]
	number, aok := b.numbers[ch.ApplicationID]
	if !jok || !aok {
		return false, nil
	}
	k := sheetKey{ch.JurorID, ch.ApplicationID}
	if b.conflicts[k] {
		return true, data.Errorf(data.EINVALID, "Déport déclaré : %s ne peut pas noter le dossier %s.", juror, number)
	}
	if err := checkScores(c, ch.Set); err != nil {
		return true, err
	}
	before := b.values(k)
	sheet := b.sheet(k)
	now := s.now()
	for _, id := range ch.Clear {
		delete(sheet, id)
		b.mark(scoreKey3{k, id})
	}
	for _, crit := range c.Criteria {
		v, set := ch.Set[crit.ID]
		if !set {
			continue
		}
		if old, had := before[crit.ID]; had && old == v {
			continue
		}
		sheet[crit.ID] = heldScore{value: v, at: now}
		b.mark(scoreKey3{k, crit.ID})
	}
	if old, new := scoresText(c, before), scoresText(c, b.values(k)); old != new {
		tx.audit(data.AuditEntry{CampaignID: c.ID, Entity: data.AuditSheet, EntityID: ch.ApplicationID, Label: number + " / " + juror, Action: "notes",
			Old: old, New: new})
	}
	return true, nil
}

const scoreCols = `juror_id, application_id, criterion_id, score, updated_at`

// write sends what the book changed: new rows as plain inserts (the long
// import's path), rows the base held as upserts, cleared ones as deletes.
func (b *scoreBook) write(ctx context.Context, tx *txw) error {
	for _, k := range b.order {
		h, held := b.sheets[k.sheet][k.criterion]
		var err error
		switch {
		case held && !b.stored[k]:
			err = tx.insertLater(ctx, "scores", scoreCols, k.sheet[0], k.sheet[1], k.criterion, h.value, h.at)
		case held:
			err = tx.upsertLater(ctx, "scores", scoreCols, ` ON CONFLICT (juror_id, application_id, criterion_id)
				DO UPDATE SET score = excluded.score, updated_at = excluded.updated_at`, k.sheet[0], k.sheet[1], k.criterion, h.value, h.at)
		case b.stored[k]:
			_, err = tx.ExecContext(ctx, `DELETE FROM scores WHERE juror_id = ? AND application_id = ? AND criterion_id = ?`,
				k.sheet[0], k.sheet[1], k.criterion)
		}
		if err != nil {
			return err
		}
	}
	return nil
}
