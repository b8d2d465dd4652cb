package sqlite

import (
	"context"
	"strings"
	"time"

	"github.com/call-agglo/cohesion/data"
)

// Row is one line of the register: what the table, the CLI listing and the
// exports show, without the long texts.
type Row struct {
	ID             int64
	Number         string
	Received       time.Time
	Structure      string
	SIRET          string
	Title          string
	ThemeID        int64
	Theme          string
	QPVs           []string
	Commune        string // INSEE code
	CommuneName    string
	TotalCents     int64
	RequestedCents int64
	Status         data.Status
	Late           bool
}

// Filter narrows the register. Zero values mean « all ».
type Filter struct {
	Search  string // number, structure, title or SIRET; accents and case ignored
	Status  data.Status
	ThemeID int64
	QPV     string // code
	Commune string // INSEE code
	Sort    SortKey
	Desc    bool
}

// SortKey names a sortable column of the register.
type SortKey string

// Sortable columns.
const (
	SortNumber    SortKey = "number"
	SortReceived  SortKey = "received"
	SortStructure SortKey = "structure"
	SortTitle     SortKey = "title"
	SortTheme     SortKey = "theme"
	SortCommune   SortKey = "commune"
	SortTotal     SortKey = "total"
	SortRequested SortKey = "requested"
	SortStatus    SortKey = "status"
)

var sortSQL = map[SortKey]string{
	SortNumber: "a.number", SortReceived: "a.received", SortStructure: "s.name_key",
	SortTitle: "a.title_key", SortTheme: "t.position", SortCommune: "m.name COLLATE FR",
	SortTotal: "a.total_cents", SortRequested: "a.requested_cents", SortStatus: "a.status",
}

// Totals sums a listing for the register's footer.
type Totals struct {
	Count          int
	RequestedCents int64
	TotalCents     int64
}

// ListApplications returns the register of a campaign, filtered and sorted, with
// the totals of what it returns.
func (db *DB) ListApplications(ctx context.Context, campaignID int64, f Filter) ([]Row, Totals, error) {
	var where []string
	args := []any{campaignID}
	where = append(where, "a.campaign_id = ?")
	if k := data.FoldKey(f.Search); k != "" {
		where = append(where, "instr(a.search_key, ?) > 0")
		args = append(args, k)
	}
	if f.Status != "" {
		where = append(where, "a.status = ?")
		args = append(args, string(f.Status))
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
	order := sortSQL[f.Sort]
	if order == "" {
		order = "a.number"
	}
	dir := " ASC"
	if f.Desc {
		dir = " DESC"
	}
	q := `SELECT a.id, a.number, a.received, s.name, s.siret, a.title, coalesce(a.theme_id, 0), coalesce(t.label, ''),
		s.commune, coalesce(m.name, s.commune), a.total_cents, a.requested_cents, a.status, a.late
		FROM applications a
		JOIN structures s ON s.id = a.structure_id
		LEFT JOIN themes t ON t.id = a.theme_id
		LEFT JOIN communes m ON m.campaign_id = a.campaign_id AND m.insee = s.commune
		WHERE ` + strings.Join(where, " AND ") + ` ORDER BY ` + order + dir + `, a.number` + dir
	rows, err := db.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, Totals{}, err
	}
	defer rows.Close()
	var out []Row
	var tot Totals
	for rows.Next() {
		var r Row
		var received, status string
		if err := rows.Scan(&r.ID, &r.Number, &received, &r.Structure, &r.SIRET, &r.Title, &r.ThemeID, &r.Theme,
			&r.Commune, &r.CommuneName, &r.TotalCents, &r.RequestedCents, &status, &r.Late); err != nil {
			return nil, Totals{}, err
		}
		r.Received, r.Status = parseTime(received), data.Status(status)
		tot.Count++
		tot.RequestedCents += r.RequestedCents
		tot.TotalCents += r.TotalCents
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, Totals{}, err
	}
	// The QPV come in one query for the whole campaign rather than one per row.
	qrows, err := db.db.QueryContext(ctx, `SELECT aq.application_id, aq.qpv_code FROM application_qpvs aq
		JOIN applications a ON a.id = aq.application_id WHERE a.campaign_id = ? ORDER BY aq.application_id, aq.position`, campaignID)
	if err != nil {
		return nil, Totals{}, err
	}
	defer qrows.Close()
	index := make(map[int64]int, len(out))
	for i := range out {
		index[out[i].ID] = i
	}
	for qrows.Next() {
		var id int64
		var code string
		if err := qrows.Scan(&id, &code); err != nil {
			return nil, Totals{}, err
		}
		if i, ok := index[id]; ok {
			out[i].QPVs = append(out[i].QPVs, code)
		}
	}
	return out, tot, qrows.Err()
}
