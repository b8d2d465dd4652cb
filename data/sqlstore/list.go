package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/call-agglo/cohesion/data"
)

// The register is read from the base once per state of the journal, then
// filtered and sorted in memory: the search box lists it again on every
// keystroke, and every write leaves a journal entry, so an unchanged head
// means an unchanged register. Sorting in Go also makes both engines order
// alike (PostgreSQL and SQLite disagree on where NULLs sort).

// listed is a register row with the keys it is searched and sorted by.
type listed struct {
	data.Row
	search, structure, title, communeKey string
	themePos                             int64
}

// registerCache keeps the last register read, per campaign.
type registerCache struct {
	mu    sync.Mutex
	head  data.Head
	byCam map[int64][]listed
}

func (c *registerCache) get(h data.Head, campaignID int64) ([]listed, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	rows, ok := c.byCam[campaignID]
	return rows, ok && c.head == h
}

func (c *registerCache) put(h data.Head, campaignID int64, rows []listed) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.head != h || c.byCam == nil {
		c.head, c.byCam = h, map[int64][]listed{}
	}
	c.byCam[campaignID] = rows
}

func (c *registerCache) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.byCam = nil
}

// ListApplications returns the register of a campaign, filtered and sorted, with
// the totals of what it returns.
func (s *Store) ListApplications(ctx context.Context, campaignID int64, f data.Filter) ([]data.Row, data.Totals, error) {
	h, err := head(ctx, s.q())
	if err != nil {
		return nil, data.Totals{}, s.fail(err)
	}
	all, ok := s.register.get(h, campaignID)
	if !ok {
		// Head and register in one read transaction, so the cache never files
		// a register under a head it does not match.
		err = s.readTx(ctx, func(q queryer) error {
			if h, err = head(ctx, q); err == nil {
				all, err = s.cachedRegister(ctx, q, h, campaignID)
			}
			return err
		})
		if err != nil {
			return nil, data.Totals{}, s.fail(err)
		}
	}
	rows, tot := selectRows(all, f)
	return rows, tot, nil
}

// cachedRegister is the register at the state q reads, whose journal head is
// h: from the cache when the journal has not moved since it was filled.
func (s *Store) cachedRegister(ctx context.Context, q queryer, h data.Head, campaignID int64) ([]listed, error) {
	if all, ok := s.register.get(h, campaignID); ok {
		return all, nil
	}
	all, err := loadRegister(ctx, q, campaignID)
	if err == nil {
		s.register.put(h, campaignID, all)
	}
	return all, err
}

// loadRegister reads a campaign's whole register in number order.
func loadRegister(ctx context.Context, q queryer, campaignID int64) ([]listed, error) {
	var out []listed
	err := eachRow(ctx, q, `SELECT a.id, a.number, a.received, s.name, s.siret, a.title, coalesce(a.theme_id, 0), coalesce(t.label, ''),
		s.commune, coalesce(m.name, s.commune), a.total_cents, a.requested_cents, a.status, a.late, a.exemption, a.decision_override,
		a.search_key, s.name_key, a.title_key, coalesce(m.name_key, ''), coalesce(t.position, 0),
		s.address, s.postal_code, s.town, a.reference
		FROM applications a
		JOIN structures s ON s.id = a.structure_id
		LEFT JOIN themes t ON t.id = a.theme_id
		LEFT JOIN communes m ON m.campaign_id = a.campaign_id AND m.insee = s.commune
		WHERE a.campaign_id = ? ORDER BY a.number`, []any{campaignID}, func(r *sql.Rows) error {
		var l listed
		var received, status string
		if err := r.Scan(&l.ID, &l.Number, &received, &l.Row.Structure, &l.SIRET, &l.Title, &l.ThemeID, &l.Theme,
			&l.Commune, &l.CommuneName, &l.TotalCents, &l.RequestedCents, &status, &l.Late, &l.Exemption, &l.Overridden,
			&l.search, &l.structure, &l.title, &l.communeKey, &l.themePos, &l.Address, &l.PostalCode, &l.Town, &l.Reference); err != nil {
			return err
		}
		if l.PostalCode == "" || l.Town == "" { // an older address may end with « 62300 Lens »
			l.Address, l.PostalCode, l.Town = data.SplitPostalLine(l.Address, l.PostalCode, l.Town)
		}
		l.Received, l.Status = parseTime(received), data.Status(status)
		out = append(out, l)
		return nil
	})
	if err != nil {
		return nil, err
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
		return nil, err
	}
	return out, addPieces(ctx, q, campaignID, out, index)
}

// addPieces gives each row its documents received, in checklist order, in
// one query for the whole campaign: one line per dossier, its documents as
// the bits of their places in the checklist (a document outside it is left
// out, as it always was), rather than one line per document received.
func addPieces(ctx context.Context, q queryer, campaignID int64, out []listed, index map[int64]int) error {
	var bits strings.Builder
	args := make([]any, 0, len(data.Documents)+1)
	for i, d := range data.Documents {
		bits.WriteString(" WHEN ? THEN " + strconv.Itoa(1<<i))
		args = append(args, string(d))
	}
	return eachRow(ctx, q, `SELECT d.application_id, sum(CASE d.document`+bits.String()+` ELSE 0 END) FROM application_documents d
		JOIN applications a ON a.id = d.application_id WHERE a.campaign_id = ? GROUP BY d.application_id`, append(args, campaignID), func(r *sql.Rows) error {
		var id, got int64
		if err := r.Scan(&id, &got); err != nil {
			return err
		}
		i, ok := index[id]
		if !ok {
			return nil
		}
		for b, d := range data.Documents {
			if got&(1<<b) != 0 {
				out[i].Pieces = append(out[i].Pieces, d)
			}
		}
		return nil
	})
}

// selectRows filters and sorts a register, ties broken by number in the same
// direction.
func selectRows(all []listed, f data.Filter) ([]data.Row, data.Totals) {
	k := data.FoldKey(f.Search)
	kept := make([]*listed, 0, len(all))
	for i := range all {
		if l := &all[i]; matches(l, f, k) {
			kept = append(kept, l)
		}
	}
	if less := sortKeys[f.Sort]; less != nil {
		sort.SliceStable(kept, func(i, j int) bool {
			if f.Desc {
				i, j = j, i
			}
			if c := less(kept[i], kept[j]); c != 0 {
				return c < 0
			}
			return kept[i].Number < kept[j].Number
		})
	} else if f.Desc {
		for i, j := 0, len(kept)-1; i < j; i, j = i+1, j-1 {
			kept[i], kept[j] = kept[j], kept[i]
		}
	}
	rows := make([]data.Row, len(kept))
	var tot data.Totals
	for i, l := range kept {
		rows[i] = l.Row
		rows[i].QPVs = append([]string(nil), l.QPVs...) // the caller may change its rows
		rows[i].Pieces = append([]data.Document(nil), l.Pieces...)
		tot.Count++
		tot.RequestedCents += l.RequestedCents
		tot.TotalCents += l.TotalCents
	}
	return rows, tot
}

func matches(l *listed, f data.Filter, search string) bool {
	switch {
	case search != "" && !strings.Contains(l.search, search),
		f.Status != "" && l.Status != f.Status,
		f.ThemeID != 0 && l.ThemeID != f.ThemeID,
		f.Commune != "" && l.Commune != f.Commune,
		len(f.Statuses) > 0 && !slices.Contains(f.Statuses, l.Status),
		f.Missing != "" && !l.Lacks(f.Missing),
		f.QPV != "" && !slices.Contains(l.QPVs, f.QPV):
		return false
	}
	return true
}

// sortKeys compare two rows by a column (number order needs none: the
// register is read in it).
var sortKeys = map[data.SortKey]func(a, b *listed) int{
	data.SortReceived:  func(a, b *listed) int { return a.Received.Compare(b.Received) },
	data.SortStructure: func(a, b *listed) int { return strings.Compare(a.structure, b.structure) },
	data.SortTitle:     func(a, b *listed) int { return strings.Compare(a.title, b.title) },
	data.SortTheme:     func(a, b *listed) int { return cmp.Compare(a.themePos, b.themePos) },
	data.SortCommune:   func(a, b *listed) int { return strings.Compare(a.communeKey, b.communeKey) },
	data.SortTotal:     func(a, b *listed) int { return cmp.Compare(a.TotalCents, b.TotalCents) },
	data.SortRequested: func(a, b *listed) int { return cmp.Compare(a.RequestedCents, b.RequestedCents) },
	data.SortStatus:    func(a, b *listed) int { return strings.Compare(string(a.Status), string(b.Status)) },
}
