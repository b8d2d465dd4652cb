package sqlstore

import (
	"context"
	"database/sql"
	"strings"

	"github.com/call-agglo/cohesion/data"
)

// personJournal adds the journal's entries that concern the person, for a
// subject access request: the journal is part of what the base holds about
// them. An entry concerns them when it was made under their user name, is
// about what is theirs (a jury seat, its sheets and déports, a dossier where
// they are a contact), or names them. The journal outlives what it records (a
// juror removed, or renamed) and names sheets and déports by the juror's
// name at the time (« number / name »): so the seats are found in the
// journal itself first (readSeats), with every name they bore.
func personJournal(ctx context.Context, q queryer, p *person, rec *data.PersonRecord, seatEntries map[int64]bool) error {
	codes := map[int64]string{}
	list, err := campaigns(ctx, q)
	if err != nil {
		return err
	}
	for _, c := range list {
		codes[c.ID] = c.Code
	}
	err = eachRow(ctx, q, `SELECT `+auditCols+` FROM audit ORDER BY id`, nil, func(r *sql.Rows) error {
		e, err := scanAudit(r)
		if err != nil {
			return err
		}
		author := personMatches(p.k, e.User)
		if author {
			rec.Actions++
		}
		why := p.about(e, seatEntries[e.ID])
		if why == "" && author {
			why = data.WhyAuthor
		}
		if why != "" {
			rec.Journal = append(rec.Journal, data.PersonEntry{At: e.At, User: e.User, Campaign: codes[e.CampaignID], Entity: e.Entity,
				Label: e.Label, Action: e.Action, Field: e.Field, Old: e.Old, New: e.New, Why: why})
		}
		return nil
	})
	rec.Entries = len(rec.Journal)
	return err
}

// about says why an entry is about the person or what is theirs ("" when it
// is not); seat is an entry of one of their jury seats.
func (p *person) about(e data.AuditEntry, seat bool) string {
	names := p.names[e.CampaignID]
	switch e.Entity {
	case data.AuditJuror:
		if seat {
			return data.WhySeat
		}
	case data.AuditSheet:
		if _, name, ok := strings.Cut(e.Label, " / "); ok && names[data.FoldKey(name)] {
			return data.WhySheet
		}
	case data.AuditConflict:
		_, name, ok := strings.Cut(e.Label, " / ")
		if !ok && e.Field == "Déport" { // a déport restored with its juror: « name : reason »
			name, _, ok = strings.Cut(e.New, " : ")
		}
		if ok && names[data.FoldKey(name)] {
			return data.WhyDeport
		}
	case data.AuditApplication:
		if p.dossiers[e.EntityID] {
			return data.WhyDossier
		}
	}
	if personMatches(p.k, e.Label, e.Old, e.New) {
		return data.WhyMention
	}
	return ""
}

// seat is one juror's entries in the journal, up to the juror's leaving the
// jury (SQLite may give the ID to a later juror).
type seat struct {
	campaign, juror int64
	entries         []int64 // audit IDs
	labels          []string
	open            bool // the juror is still on the jury
	theirs          bool
}

// readSeats reads the jury seats from the journal, removed jurors' included.
func readSeats(ctx context.Context, q queryer) ([]*seat, error) {
	var seats []*seat
	open := map[int64]*seat{} // juror ID → its seat, until the juror leaves
	err := eachRow(ctx, q, `SELECT id, campaign_id, entity_id, label, action FROM audit WHERE entity = ? ORDER BY id`, []any{data.AuditJuror}, func(r *sql.Rows) error {
		var id, campaign, juror int64
		var label, action string
		if err := r.Scan(&id, &campaign, &juror, &label, &action); err != nil {
			return err
		}
		s := open[juror]
		if s == nil {
			s = &seat{campaign: campaign, juror: juror, open: true}
			seats = append(seats, s)
			open[juror] = s
		}
		s.entries, s.labels = append(s.entries, id), append(s.labels, label)
		if action == leftJury {
			s.open = false
			delete(open, juror)
		}
		return nil
	})
	return seats, err
}

// seatsByName marks the seats one of whose names matches the search: a juror
// renamed since (« Mme Leroy », once « Claire Vasseur ») is still theirs.
func (p *person) seatsByName(seats []*seat) {
	for _, s := range seats {
		s.theirs = personMatches(p.k, s.labels...)
		if s.theirs && s.open {
			p.jurors[s.juror] = true
		}
	}
}

// seatEntries returns the audit IDs of their seats' entries, and learns every
// name the seats bore; a seat of a juror of theirs found by e-mail counts too.
func (p *person) seatEntries(seats []*seat) map[int64]bool {
	entries := map[int64]bool{}
	for _, s := range seats {
		if !s.theirs && !(s.open && p.jurors[s.juror]) {
			continue
		}
		for i, id := range s.entries {
			entries[id] = true
			p.named(s.campaign, s.labels[i])
		}
	}
	return entries
}
