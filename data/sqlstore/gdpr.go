package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"github.com/call-agglo/cohesion/data"
)

// personalFields are the fields whose values the audit trail never copies: the
// trail cannot be purged (it is chained), so it only says they changed.
var personalFields = map[string]bool{
	data.FieldLabel(data.FieldLegalRep): true, data.FieldLabel(data.FieldContact): true,
	data.FieldLabel(data.FieldEmail): true, data.FieldLabel(data.FieldPhone): true,
}

const maskedValue = "(donnée personnelle)"

func maskPersonal(field, v string) string {
	if personalFields[field] && v != "" {
		return maskedValue
	}
	return v
}

// PurgeExpired erases the contacts' personal data (legal representative,
// contact person, e-mail, phone; jurors' e-mails) of every campaign whose
// retention period has ended. Each dossier keeps its applicant's identity as
// declared for it, so a purge touches only that campaign's dossiers, each
// journaled (without the values, which the journal never holds). A locked
// campaign is purged too: the law's deadline outranks the deliberation's lock.
// With dryRun nothing is written.
func (s *Store) PurgeExpired(ctx context.Context, dryRun bool) ([]data.Purge, error) {
	today := data.DateOf(s.Now())
	var out []data.Purge
	err := s.inTx(ctx, func(tx *txw) error {
		out = nil
		list, err := campaigns(ctx, tx)
		if err != nil {
			return err
		}
		for _, c := range list {
			end := c.RetentionEnd()
			if !c.PurgedAt.IsZero() || end.IsZero() || !end.Before(today) {
				continue
			}
			p, err := s.purgeCampaign(ctx, tx, c, end)
			if err != nil {
				return err
			}
			out = append(out, p)
		}
		if dryRun {
			return errDryRun
		}
		return nil
	})
	if err != nil && !errors.Is(err, errDryRun) {
		return nil, err
	}
	return out, nil
}

func (s *Store) purgeCampaign(ctx context.Context, tx *txw, c data.Campaign, end data.Date) (data.Purge, error) {
	p := data.Purge{CampaignID: c.ID, Code: c.Code, RetentionEnd: end}
	var purged []data.Sibling
	err := eachRow(ctx, tx, `SELECT a.id, a.number FROM applications a JOIN structures st ON st.id = a.structure_id
		WHERE a.campaign_id = ? AND (st.legal_rep <> '' OR st.contact <> '' OR st.email <> '' OR st.phone <> '') ORDER BY a.id`, []any{c.ID}, func(r *sql.Rows) error {
		var sb data.Sibling
		err := r.Scan(&sb.ApplicationID, &sb.Number)
		purged = append(purged, sb)
		return err
	})
	if err != nil {
		return p, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE structures SET legal_rep = '', contact = '', email = '', phone = ''
		WHERE id IN (SELECT structure_id FROM applications WHERE campaign_id = ?)`, c.ID); err != nil {
		return p, err
	}
	for _, sb := range purged {
		tx.audit(data.AuditEntry{CampaignID: c.ID, Entity: data.AuditApplication, EntityID: sb.ApplicationID, Label: sb.Number,
			Action: "purge des données personnelles"})
	}
	p.Structures = len(purged)
	js, err := jurors(ctx, tx, c.ID)
	if err != nil {
		return p, err
	}
	for _, j := range js {
		if j.Email == "" {
			continue
		}
		if _, err := tx.ExecContext(ctx, `UPDATE jurors SET email = '' WHERE id = ?`, j.ID); err != nil {
			return p, err
		}
		tx.audit(data.AuditEntry{CampaignID: c.ID, Entity: data.AuditJuror, EntityID: j.ID, Label: j.Name, Action: "purge des données personnelles"})
		p.Jurors++
	}
	if _, err := tx.ExecContext(ctx, `UPDATE campaigns SET purged_at = ? WHERE id = ?`, s.now(), c.ID); err != nil {
		return p, err
	}
	tx.audit(data.AuditEntry{CampaignID: c.ID, Entity: data.AuditCampaign, EntityID: c.ID, Label: c.Code, Action: "purge des données personnelles",
		New: "fin de conservation le " + end.Format()})
	return p, nil
}

// PersonData finds a person by name, e-mail or phone (accents and case
// ignored), in one read transaction: the dossiers and jury seats where they
// appear, and the journal entries that concern them.
func (s *Store) PersonData(ctx context.Context, query string) (*data.PersonRecord, error) {
	k := data.FoldKey(query)
	if len(k) < 3 {
		return nil, data.Errorf(data.EINVALID, "Indiquez au moins trois lettres ou chiffres du nom, du courriel ou du téléphone.")
	}
	rec := &data.PersonRecord{Query: query, Structures: []data.PersonStructure{}, Jurors: []data.PersonJuror{}, Journal: []data.PersonEntry{}}
	err := s.readTx(ctx, func(q queryer) error {
		p := &person{k: k, dossiers: map[int64]bool{}, jurors: map[int64]bool{}, names: map[int64]map[string]bool{}}
		if err := personStructures(ctx, q, p, rec); err != nil {
			return err
		}
		seats, err := readSeats(ctx, q)
		if err != nil {
			return err
		}
		p.seatsByName(seats)
		if err := personJurors(ctx, q, p, rec); err != nil {
			return err
		}
		return personJournal(ctx, q, p, rec, p.seatEntries(seats))
	})
	return rec, err
}

// person is the search, and what the base holds of theirs: the journal's
// entries about these are about them.
type person struct {
	k        string         // the search, folded
	dossiers map[int64]bool // applications where they are a contact
	jurors   map[int64]bool // their jurors still on the jury, by ID
	// names are the names their seats bore, folded, by campaign: the
	// journal names a juror's sheets and déports so (see personJournal).
	names map[int64]map[string]bool
}

// named adds a name a seat of theirs bore in a campaign.
func (p *person) named(campaignID int64, name string) {
	if p.names[campaignID] == nil {
		p.names[campaignID] = map[string]bool{}
	}
	p.names[campaignID][data.FoldKey(name)] = true
}

// personStructures finds the dossiers whose contacts match k; a structure that
// applied several times with the same identity is listed once.
func personStructures(ctx context.Context, q queryer, p *person, rec *data.PersonRecord) error {
	type identity struct{ name, rep, contact, email, phone, address, postalCode, town string }
	index := map[identity]int{}
	return eachRow(ctx, q, `SELECT a.id, st.name, st.legal_rep, st.contact, st.email, st.phone, st.address, st.postal_code, st.town, c.code || ' ' || a.number
		FROM applications a JOIN structures st ON st.id = a.structure_id JOIN campaigns c ON c.id = a.campaign_id ORDER BY a.id`, nil, func(r *sql.Rows) error {
		var ps data.PersonStructure
		var id int64
		var number string
		if err := r.Scan(&id, &ps.Name, &ps.LegalRep, &ps.Contact, &ps.Email, &ps.Phone, &ps.Address, &ps.PostalCode, &ps.Town, &number); err != nil {
			return err
		}
		if !personMatches(p.k, ps.LegalRep, ps.Contact, ps.Email, ps.Phone) {
			return nil
		}
		p.dossiers[id] = true
		key := identity{ps.Name, ps.LegalRep, ps.Contact, ps.Email, ps.Phone, ps.Address, ps.PostalCode, ps.Town}
		i, ok := index[key]
		if !ok {
			i = len(rec.Structures)
			index[key] = i
			rec.Structures = append(rec.Structures, ps)
		}
		rec.Structures[i].Applications = append(rec.Structures[i].Applications, number)
		return nil
	})
}

// personJurors lists their seats on the jury: a juror whose name or e-mail
// matches, or whose earlier name did (see seatsByName).
func personJurors(ctx context.Context, q queryer, p *person, rec *data.PersonRecord) error {
	return eachRow(ctx, q, `SELECT j.id, j.campaign_id, c.code, j.name, j.college, j.email,
		(SELECT count(DISTINCT application_id) FROM scores WHERE juror_id = j.id), (SELECT count(*) FROM conflicts WHERE juror_id = j.id)
		FROM jurors j JOIN campaigns c ON c.id = j.campaign_id ORDER BY j.id`, nil, func(r *sql.Rows) error {
		var pj data.PersonJuror
		var id, campaignID int64
		if err := r.Scan(&id, &campaignID, &pj.Campaign, &pj.Name, &pj.College, &pj.Email, &pj.Sheets, &pj.Conflict); err != nil {
			return err
		}
		if personMatches(p.k, pj.Name, pj.Email) || p.jurors[id] {
			p.jurors[id] = true
			p.named(campaignID, pj.Name)
			pj.College = data.College(pj.College).Label()
			rec.Jurors = append(rec.Jurors, pj)
		}
		return nil
	})
}

func personMatches(k string, values ...string) bool {
	for _, v := range values {
		if v != "" && strings.Contains(data.FoldKey(v), k) {
			return true
		}
	}
	return false
}
