package sqlstore

import (
	"context"
	"database/sql"
	"errors"

	"github.com/call-agglo/cohesion/data"
)

// structureDossiers reads dossiers for the structures' directory: each with
// its campaign, the identity declared in it and its line of the adopted
// scenario (one per campaign at most), in campaign then number order.
const structureDossiers = `SELECT a.id, a.campaign_id, c.code, c.launch, c.deadline, c.created_at, a.number, a.status, a.received,
	st.name, st.siret, st.rna, coalesce(l.amount_cents, 0)
	FROM applications a JOIN structures st ON st.id = a.structure_id JOIN campaigns c ON c.id = a.campaign_id
	LEFT JOIN scenarios sc ON sc.campaign_id = a.campaign_id AND sc.adopted_at <> ''
	LEFT JOIN scenario_lines l ON l.scenario_id = sc.id AND l.application_id = a.id`

// StructureDossiers lists every dossier of the base for the directory, in
// one read transaction.
func (s *Store) StructureDossiers(ctx context.Context) ([]data.StructureDossier, error) {
	var out []data.StructureDossier
	err := s.readTx(ctx, func(q queryer) error {
		var err error
		out, err = readStructureDossiers(ctx, q, ``)
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
			out, err = readStructureDossiers(ctx, q, ` WHERE st.siret = ?`, siret)
		case rna != "":
			out, err = readStructureDossiers(ctx, q, ` WHERE st.siret = '' AND st.rna = ?`, rna)
		default:
			out, err = readStructureDossiers(ctx, q, ` WHERE st.siret = '' AND st.rna = '' AND st.name_key = ?`, data.FoldKey(name))
		}
		return err
	})
	return out, err
}

func readStructureDossiers(ctx context.Context, q queryer, where string, args ...any) ([]data.StructureDossier, error) {
	var out []data.StructureDossier
	err := eachRow(ctx, q, structureDossiers+where+` ORDER BY a.campaign_id, a.number`, args, func(r *sql.Rows) error {
		var d data.StructureDossier
		var launch, deadline, created, status, received string
		var adopted int64
		if err := r.Scan(&d.ApplicationID, &d.CampaignID, &d.CampaignCode, &launch, &deadline, &created, &d.Number, &status, &received,
			&d.Name, &d.SIRET, &d.RNA, &adopted); err != nil {
			return err
		}
		d.CampaignYear = campaignYear(launch, deadline, created)
		d.Status, d.Received = data.Status(status), parseTime(received)
		d.GrantedCents = data.Granted(d.Status, adopted)
		out = append(out, d)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, fillFollowUp(ctx, q, out)
}

// campaignYear is the year a campaign is known by: its launch's, else its
// deadline's, else its creation's.
func campaignYear(launch, deadline, created string) int {
	if d := parseDate(launch); !d.IsZero() {
		return d.Year
	}
	if d := parseDate(deadline); !d.IsZero() {
		return d.Year
	}
	return data.DateOf(parseTime(created)).Year
}

// fillFollowUp completes the dossiers with what the follow-up of their
// grants recorded: the amounts paid and the compte rendu financier's status,
// read in the same transaction. The follow-up (issue 21) has no tables in
// this schema yet: until it does, nothing was paid and no CRF is due, the
// zero values every dossier already holds. This is where its reading goes.
func fillFollowUp(ctx context.Context, q queryer, ds []data.StructureDossier) error {
	return nil
}
