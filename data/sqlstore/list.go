package sqlstore

import (
	"context"
	"database/sql"
	"strings"

	"github.com/call-agglo/cohesion/data"
)

var sortSQL = map[data.SortKey]string{
	data.SortNumber: "a.number", data.SortReceived: "a.received", data.SortStructure: "s.name_key",
	data.SortTitle: "a.title_key", data.SortTheme: "t.position", data.SortCommune: "m.name_key",
	data.SortTotal: "a.total_cents", data.SortRequested: "a.requested_cents", data.SortStatus: "a.status",
}

// ListApplications returns the register of a campaign, filtered and sorted, with
// the totals of what it returns.
func (s *Store) ListApplications(ctx context.Context, campaignID int64, f data.Filter) ([]data.Row, data.Totals, error) {
	rows, tot, err := s.listApplications(ctx, s.q(), campaignID, f)
	return rows, tot, s.fail(err)
}

func (s *Store) listApplications(ctx context.Context, q queryer, campaignID int64, f data.Filter) ([]data.Row, data.Totals, error) {
	where := []string{"a.campaign_id = ?"}
	args := []any{campaignID}
	if k := data.FoldKey(f.Search); k != "" {
		where = append(where, s.d.Contains("a.search_key"))
		args = append(args, k)
	}
	if f.Status != "" {
		where = append(where, "a.status = ?")
		args = append(args, string(f.Status))
	}
	if len(f.Statuses) > 0 {
		where = append(where, "a.status IN (?"+strings.Repeat(",?", len(f.Statuses)-1)+")")
		for _, st := range f.Statuses {
			args = append(args, string(st))
		}
	}
	if f.ThemeID != 0 {
		where = append(where, "a.theme_id = ?")
		args = append(args, f.ThemeID)
	}
	if f.QPV != "" {
		where = append(where, "EXISTS (SELECT 1 FROM application_qpvs q WHERE q.application_id = a.id AND q.qpv_code = ?)")
		args = append(args, f.QPV)
	}
	if f.Commune != "" {
		where = append(where, "s.commune = ?")
		args = append(args, f.Commune)
	}
	if f.Missing != "" {
		where = append(where, "NOT EXISTS (SELECT 1 FROM application_documents d WHERE d.application_id = a.id AND d.document = ?)")
		args = append(args, string(f.Missing))
	}
	order := sortSQL[f.Sort]
	if order == "" {
		order = "a.number"
	}
	dir := " ASC"
	if f.Desc {
		dir = " DESC"
	}
	query := `SELECT a.id, a.number, a.received, s.name, s.siret, a.title, coalesce(a.theme_id, 0), coalesce(t.label, ''),
		s.commune, coalesce(m.name, s.commune), a.total_cents, a.requested_cents, a.status, a.late
		FROM applications a
		JOIN structures s ON s.id = a.structure_id
		LEFT JOIN themes t ON t.id = a.theme_id
		LEFT JOIN communes m ON m.campaign_id = a.campaign_id AND m.insee = s.commune
		WHERE ` + strings.Join(where, " AND ") + ` ORDER BY ` + order + dir + `, a.number` + dir
	var out []data.Row
	var tot data.Totals
	err := eachRow(ctx, q, query, args, func(r *sql.Rows) error {
		var row data.Row
		var received, status string
		if err := r.Scan(&row.ID, &row.Number, &received, &row.Structure, &row.SIRET, &row.Title, &row.ThemeID, &row.Theme,
			&row.Commune, &row.CommuneName, &row.TotalCents, &row.RequestedCents, &status, &row.Late); err != nil {
			return err
		}
		row.Received, row.Status = parseTime(received), data.Status(status)
		tot.Count++
		tot.RequestedCents += row.RequestedCents
		tot.TotalCents += row.TotalCents
		out = append(out, row)
		return nil
	})
	if err != nil {
		return nil, data.Totals{}, err
	}
	// The QPV come in one query for the whole campaign rather than one per row.
	index := make(map[int64]int, len(out))
	for i := range out {
		index[out[i].ID] = i
	}
	err = eachRow(ctx, q, `SELECT aq.application_id, aq.qpv_code FROM application_qpvs aq
		JOIN applications a ON a.id = aq.application_id WHERE a.campaign_id = ? ORDER BY aq.application_id, aq.position`, []any{campaignID}, func(r *sql.Rows) error {
		var id int64
		var code string
		if err := r.Scan(&id, &code); err != nil {
			return err
		}
		if i, ok := index[id]; ok {
			out[i].QPVs = append(out[i].QPVs, code)
		}
		return nil
	})
	if err != nil {
		return nil, data.Totals{}, err
	}
	return out, tot, addPieces(ctx, q, campaignID, out, index)
}

// addPieces gives each row its documents received, in checklist order, in
// one query for the whole campaign.
func addPieces(ctx context.Context, q queryer, campaignID int64, out []data.Row, index map[int64]int) error {
	got := map[int64]map[data.Document]bool{}
	err := eachRow(ctx, q, `SELECT d.application_id, d.document FROM application_documents d
		JOIN applications a ON a.id = d.application_id WHERE a.campaign_id = ?`, []any{campaignID}, func(r *sql.Rows) error {
		var id int64
		var doc string
		if err := r.Scan(&id, &doc); err != nil {
			return err
		}
		if _, ok := index[id]; ok {
			if got[id] == nil {
				got[id] = map[data.Document]bool{}
			}
			got[id][data.Document(doc)] = true
		}
		return nil
	})
	for id, docs := range got {
		row := &out[index[id]]
		for _, d := range data.Documents {
			if docs[d] {
				row.Pieces = append(row.Pieces, d)
			}
		}
	}
	return err
}
