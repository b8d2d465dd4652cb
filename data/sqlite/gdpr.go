package sqlite

import (
	"context"
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

// Purge is what a purge of personal data did (or would do) for one campaign.
type Purge struct {
	CampaignID   int64
	Code         string
	RetentionEnd data.Date
	Structures   int // structures whose contacts were erased
	Jurors       int // jurors whose e-mail was erased
}

// PurgeExpired erases the contacts' personal data (legal representative,
// contact person, e-mail, phone; jurors' e-mails) of every campaign whose
// retention period has ended. A structure that also applied to a campaign still
// within its period keeps its data. With dryRun nothing is written.
func (db *DB) PurgeExpired(ctx context.Context, dryRun bool) ([]Purge, error) {
	campaigns, err := db.Campaigns(ctx)
	if err != nil {
		return nil, err
	}
	today := data.DateOf(db.Now())
	var out []Purge
	err = db.inTx(ctx, func(tx *txw) error {
		for _, c := range campaigns {
			end := c.RetentionEnd()
			if !c.PurgedAt.IsZero() || end.IsZero() || !end.Before(today) {
				continue
			}
			p := Purge{CampaignID: c.ID, Code: c.Code, RetentionEnd: end}
			res, err := tx.ExecContext(ctx, `UPDATE structures SET legal_rep = '', contact = '', email = '', phone = ''
				WHERE id IN (SELECT structure_id FROM applications WHERE campaign_id = ?)
				AND id NOT IN (SELECT a.structure_id FROM applications a JOIN campaigns k ON k.id = a.campaign_id
					WHERE k.id <> ? AND k.purged_at = '')
				AND (legal_rep <> '' OR contact <> '' OR email <> '' OR phone <> '')`, c.ID, c.ID)
			if err != nil {
				return err
			}
			n, _ := res.RowsAffected()
			p.Structures = int(n)
			res, err = tx.ExecContext(ctx, `UPDATE jurors SET email = '' WHERE campaign_id = ? AND email <> ''`, c.ID)
			if err != nil {
				return err
			}
			n, _ = res.RowsAffected()
			p.Jurors = int(n)
			if _, err := tx.ExecContext(ctx, `UPDATE campaigns SET purged_at = ? WHERE id = ?`, db.now(), c.ID); err != nil {
				return err
			}
			if err := db.audit(ctx, tx, AuditEntry{CampaignID: c.ID, Entity: AuditCampaign, EntityID: c.ID, Label: c.Code, Action: "purge des données personnelles",
				New: "fin de conservation le " + end.Format()}); err != nil {
				return err
			}
			out = append(out, p)
		}
		if dryRun {
			return errDryRun
		}
		return nil
	})
	if err != nil && err != errDryRun {
		return nil, err
	}
	return out, nil
}

// PersonRecord is everything the base holds about one person, for a subject
// access request (RGPD, art. 15).
type PersonRecord struct {
	Query      string            `json:"recherche"`
	Structures []PersonStructure `json:"structures"`
	Jurors     []PersonJuror     `json:"jury"`
	Actions    int               `json:"modifications_faites"` // audit entries made under that user name
}

// PersonStructure is a structure where the person appears, with its applications.
type PersonStructure struct {
	Name         string   `json:"structure"`
	LegalRep     string   `json:"representant_legal"`
	Contact      string   `json:"contact"`
	Email        string   `json:"courriel"`
	Phone        string   `json:"telephone"`
	Address      string   `json:"adresse"`
	Applications []string `json:"dossiers"`
}

// PersonJuror is a jury seat held by the person.
type PersonJuror struct {
	Campaign string `json:"campagne"`
	Name     string `json:"nom"`
	College  string `json:"college"`
	Email    string `json:"courriel"`
	Sheets   int    `json:"grilles"`
	Conflict int    `json:"deports"`
}

// PersonData finds a person by name, e-mail or phone (accents and case ignored).
func (db *DB) PersonData(ctx context.Context, query string) (*PersonRecord, error) {
	k := data.FoldKey(query)
	if len(k) < 3 {
		return nil, data.Errorf(data.EINVALID, "Indiquez au moins trois lettres ou chiffres du nom, du courriel ou du téléphone.")
	}
	rec := &PersonRecord{Query: query, Structures: []PersonStructure{}, Jurors: []PersonJuror{}}
	rows, err := db.db.QueryContext(ctx, `SELECT id, name, legal_rep, contact, email, phone, address FROM structures ORDER BY id`)
	if err != nil {
		return nil, err
	}
	var ids []int64
	for rows.Next() {
		var id int64
		var s PersonStructure
		if err := rows.Scan(&id, &s.Name, &s.LegalRep, &s.Contact, &s.Email, &s.Phone, &s.Address); err != nil {
			rows.Close()
			return nil, err
		}
		for _, v := range []string{s.LegalRep, s.Contact, s.Email, s.Phone} {
			if v != "" && strings.Contains(data.FoldKey(v), k) {
				rec.Structures = append(rec.Structures, s)
				ids = append(ids, id)
				break
			}
		}
	}
	rows.Close()
	for i, id := range ids {
		apps, err := db.db.QueryContext(ctx, `SELECT c.code || ' ' || a.number FROM applications a JOIN campaigns c ON c.id = a.campaign_id WHERE a.structure_id = ? ORDER BY a.id`, id)
		if err != nil {
			return nil, err
		}
		for apps.Next() {
			var n string
			apps.Scan(&n)
			rec.Structures[i].Applications = append(rec.Structures[i].Applications, n)
		}
		apps.Close()
	}
	jrows, err := db.db.QueryContext(ctx, `SELECT j.id, c.code, j.name, j.college, j.email FROM jurors j JOIN campaigns c ON c.id = j.campaign_id ORDER BY j.id`)
	if err != nil {
		return nil, err
	}
	type jid struct {
		id int64
		j  PersonJuror
	}
	var found []jid
	for jrows.Next() {
		var x jid
		if err := jrows.Scan(&x.id, &x.j.Campaign, &x.j.Name, &x.j.College, &x.j.Email); err != nil {
			jrows.Close()
			return nil, err
		}
		if strings.Contains(data.FoldKey(x.j.Name), k) || (x.j.Email != "" && strings.Contains(data.FoldKey(x.j.Email), k)) {
			found = append(found, x)
		}
	}
	jrows.Close()
	for _, x := range found {
		db.db.QueryRowContext(ctx, `SELECT count(DISTINCT application_id) FROM scores WHERE juror_id = ?`, x.id).Scan(&x.j.Sheets)
		db.db.QueryRowContext(ctx, `SELECT count(*) FROM conflicts WHERE juror_id = ?`, x.id).Scan(&x.j.Conflict)
		x.j.College = data.College(x.j.College).Label()
		rec.Jurors = append(rec.Jurors, x.j)
	}
	db.db.QueryRowContext(ctx, `SELECT count(*) FROM audit WHERE lower(user_name) = lower(?)`, strings.TrimSpace(query)).Scan(&rec.Actions)
	return rec, nil
}
