package sqlstore

import (
	"context"
	"database/sql"
	"errors"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/followup"
)

// structureDossiers reads dossiers for the structures' directory: each with
// the identity declared in it and its line of its campaign's adopted
// scenario (one per campaign at most), in campaign then number order. The
// campaigns' codes and years are read apart, once each (campaignYears).
const structureDossiers = `SELECT a.id, a.campaign_id, a.number, a.status, st.name, st.siret, st.rna, coalesce(l.amount_cents, 0)
	FROM applications a JOIN structures st ON st.id = a.structure_id
	LEFT JOIN scenarios sc ON sc.campaign_id = a.campaign_id AND sc.adopted_at <> ''
	LEFT JOIN scenario_lines l ON l.scenario_id = sc.id AND l.application_id = a.id`

// StructureDossiers lists every dossier of the base for the directory, in
// one read transaction.
func (s *Store) StructureDossiers(ctx context.Context) ([]data.StructureDossier, error) {
	var out []data.StructureDossier
	err := s.readTx(ctx, func(q queryer) error {
		var err error
		out, err = readStructureDossiers(ctx, q, data.DateOf(s.Now()), ``)
		return err
	})
	return out, err
}

// StructureHistory lists the dossiers of the structure that applied with
// the dossier applicationID, in every campaign, in one read transaction. The
// structure is found as data.StructureKey says: by SIRET, else RNA, else
// folded name (the indexed name_key).
func (s *Store) StructureHistory(ctx context.Context, applicationID int64) ([]data.StructureDossier, error) {
	var out []data.StructureDossier
	at := data.DateOf(s.Now())
	err := s.readTx(ctx, func(q queryer) error {
		var siret, rna, name string
		err := q.QueryRowContext(ctx, `SELECT st.siret, st.rna, st.name FROM applications a JOIN structures st ON st.id = a.structure_id
			WHERE a.id = ?`, applicationID).Scan(&siret, &rna, &name)
		if errors.Is(err, sql.ErrNoRows) {
			return data.Errorf(data.ENOTFOUND, "Dossier introuvable.")
		} else if err != nil {
			return err
		}
		switch {
		case siret != "":
			out, err = readStructureDossiers(ctx, q, at, ` WHERE st.siret = ?`, siret)
		case rna != "":
			out, err = readStructureDossiers(ctx, q, at, ` WHERE st.siret = '' AND st.rna = ?`, rna)
		default:
			out, err = readStructureDossiers(ctx, q, at, ` WHERE st.siret = '' AND st.rna = '' AND st.name_key = ?`, data.FoldKey(name))
		}
		return err
	})
	return out, err
}

func readStructureDossiers(ctx context.Context, q queryer, at data.Date, where string, args ...any) ([]data.StructureDossier, error) {
	known, err := campaignYears(ctx, q)
	if err != nil {
		return nil, err
	}
	var out []data.StructureDossier
	err = eachRow(ctx, q, structureDossiers+where+` ORDER BY a.campaign_id, a.number`, args, func(r *sql.Rows) error {
		var d data.StructureDossier
		var status string
		var adopted int64
		if err := r.Scan(&d.ApplicationID, &d.CampaignID, &d.Number, &status, &d.Name, &d.SIRET, &d.RNA, &adopted); err != nil {
			return err
		}
		c := known[d.CampaignID]
		d.CampaignCode, d.CampaignYear = c.code, c.year
		d.Status = data.Status(status)
		d.GrantedCents = data.Granted(d.Status, adopted)
		out = append(out, d)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, fillFollowUp(ctx, q, out, at)
}

// campaignOf is a campaign as the directory names it.
type campaignOf struct {
	code string
	year int
}

// campaignYears names every campaign by its code and the year it is known
// by: its launch's, else its deadline's, else its creation's.
func campaignYears(ctx context.Context, q queryer) (map[int64]campaignOf, error) {
	out := map[int64]campaignOf{}
	err := eachRow(ctx, q, `SELECT id, code, launch, deadline, created_at FROM campaigns`, nil, func(r *sql.Rows) error {
		var id int64
		var code, launch, deadline, created string
		err := r.Scan(&id, &code, &launch, &deadline, &created)
		year := data.DateOf(parseTime(created)).Year
		if d := parseDate(launch); !d.IsZero() {
			year = d.Year
		} else if d := parseDate(deadline); !d.IsZero() {
			year = d.Year
		}
		out[id] = campaignOf{code, year}
		return err
	})
	return out, err
}

// fillFollowUp completes the dossiers granted something with what the
// follow-up of their grants recorded: the amount paid, the compte rendu
// financier's status and whether it is overdue at the date at, read in the
// same transaction and decided by data/followup as the « Suivi » screen does.
func fillFollowUp(ctx context.Context, q queryer, ds []data.StructureDossier, at data.Date) error {
	granted := map[int64]*data.StructureDossier{}
	var campaigns []int64
	for i := range ds {
		d := &ds[i]
		if d.GrantedCents == 0 {
			continue
		}
		if len(campaigns) == 0 || campaigns[len(campaigns)-1] != d.CampaignID {
			campaigns = append(campaigns, d.CampaignID) // ds come in campaign order
		}
		granted[d.ApplicationID] = d
	}
	for _, id := range campaigns {
		f := &data.FollowUp{}
		var err error
		if f.Campaign, err = loadCampaign(ctx, q, `id = ?`, id); err != nil {
			return err
		}
		if err := loadFollowUp(ctx, q, f); err != nil {
			return err
		}
		for _, st := range followup.List(f, at, false) {
			if d := granted[st.Grant.ApplicationID]; d != nil {
				d.PaidCents, d.CRFStatus, d.CRFOverdue = st.PaidCents, st.CRFStatus, st.Overdue
			}
		}
	}
	return nil
}
