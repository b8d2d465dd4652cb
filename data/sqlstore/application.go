package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/call-agglo/cohesion/data"
)

// CreateApplication registers a new application: it validates it against the
// campaign, numbers it when it has no number, applies the deadline rule and
// records the first status. Nothing is written when a rule is broken.
func (s *Store) CreateApplication(ctx context.Context, c *data.Campaign, a *data.Application) error {
	number := a.Number
	return s.inTx(ctx, func(tx *txw) error {
		// A transaction run again (a conflict with another desk) numbers
		// the dossier again: the number an aborted attempt gave it may be
		// taken now.
		a.Number = number
		if err := tx.mustBeOpen(ctx, c.ID); err != nil {
			return err
		}
		next, err := nextNumber(ctx, tx, c)
		if err != nil {
			return err
		}
		return s.insertApplication(ctx, tx, c, a, next, s.now())
	})
}

// ImportApplications registers many applications at once, all or nothing: one
// invalid line or a number already taken writes nothing. With o.Update, a line
// whose number is in the register updates that dossier instead (only the
// fields o.Fields names), each change journaled on it. With o.DryRun, every
// check runs (against the base too) and nothing is kept. The caller's lines
// are read, never changed: a retried transaction reads them again, and a dry
// run can be followed by the real import.
func (s *Store) ImportApplications(ctx context.Context, c *data.Campaign, in data.ImportLines, o data.ImportOptions) (data.ImportSummary, error) {
	var sum data.ImportSummary
	// Late-locked on a server (late.go): another desk's write to the
	// campaign's dossiers or to the campaign meanwhile starts it again.
	err := s.inLateTx(ctx, c.ID, in.Len(), []string{data.AuditApplication, data.AuditCampaign}, func(tx *txw) error {
		sum = data.ImportSummary{Absent: []string{}, Changes: []data.FieldChange{}, Renumbered: []data.Renumbering{}}
		if err := tx.mustBeOpen(ctx, c.ID); err != nil {
			return err
		}
		taken, err := tx.taken(ctx, c.ID)
		if err != nil {
			return err
		}
		existing := maps.Clone(taken) // the register before the file
		if err := s.importLines(ctx, tx, c, in, existing, o, &sum); err != nil {
			return err
		}
		if o.DryRun {
			return errDryRun
		}
		return nil
	})
	if err != nil && !errors.Is(err, errDryRun) {
		return data.ImportSummary{}, err
	}
	return sum, nil
}

// importChunk is how many lines are made ahead at once, and how many
// dossiers an update reads in one go.
const importChunk = 500

// lineImport is one import's state while its lines are written.
type lineImport struct {
	s        *Store
	tx       *txw
	c        *data.Campaign
	o        data.ImportOptions
	sum      *data.ImportSummary
	existing map[string]int64 // the register before the file: number → ID
	refs     map[string]int64 // its renumbered dossiers: the applicant's reference → ID
	seen     map[string]bool  // numbers of the register the file updated
	next     *data.NumberScheme
	now      string
	bad      data.ValidationErrors
	clashes  []data.ImportClash // lines naming another applicant's dossier
}

// importLines writes each line: a new dossier, or (Update) an existing one.
func (s *Store) importLines(ctx context.Context, tx *txw, c *data.Campaign, lines data.ImportLines, existing map[string]int64, o data.ImportOptions, sum *data.ImportSummary) error {
	next, err := nextNumber(ctx, tx, c)
	if err != nil {
		return err
	}
	// Automatic numbers follow the highest number the file keeps, too (a
	// renumbered file keeps none).
	for i := range lines.Len() {
		if o.Renumber {
			break
		}
		if v, ok := next.Seq(lines.Number(i)); ok && v >= next.Next {
			next.Next = v + 1
		}
	}
	refs, err := references(ctx, tx, c.ID)
	if err != nil {
		return err
	}
	// Every line a new dossier: their IDs in one round trip per table
	// (late.go), a first status each (a late one's second status takes its
	// ID from the blocks reservedID adds).
	if !o.Update {
		for _, table := range []string{"structures", "applications", "status_history"} {
			if err := tx.reserveAhead(ctx, table, lines.Len()); err != nil {
				return err
			}
		}
	}
	imp := &lineImport{s: s, tx: tx, c: c, o: o, sum: sum, existing: existing, refs: refs, seen: map[string]bool{}, next: next, now: s.now()}
	// Each line is made as it is written and goes once written: the caller's
	// lines stay as they were (a retried transaction reads them again), and
	// the file is never held as so many dossiers.
	made, stop := makeAhead(lines, importChunk, imp.ready)
	defer stop()
	i := 0
	for chunk := range made {
		if err := ctx.Err(); err != nil {
			return err
		}
		olds, err := imp.priorStates(ctx, chunk)
		if err != nil {
			return err
		}
		for j := range chunk {
			if err := imp.line(ctx, i, &chunk[j], olds); err != nil {
				return err
			}
			i++
			if err := imp.flushJournal(ctx, i); err != nil {
				return err
			}
		}
	}
	if o.Update {
		for _, number := range sortedNumbers(existing) {
			if !imp.seen[number] {
				sum.Absent = append(sum.Absent, number)
			}
		}
	}
	if len(imp.clashes) > 0 {
		return &data.ClashError{Clashes: imp.clashes}
	}
	return imp.bad.Err()
}

// journalEvery is how many lines an import writes before their journal.
const journalEvery = 1000

// flushJournal writes the journal of the last lines every journalEvery lines,
// so that a file of 100 000 lines does not hold as many entries in memory: a
// file names each dossier once, so each entry's state is already its last.
func (imp *lineImport) flushJournal(ctx context.Context, written int) error {
	if written%journalEvery != 0 {
		return nil
	}
	if imp.o.DryRun { // nothing will be kept: no journal to write
		imp.tx.entries = imp.tx.entries[:0]
		return nil
	}
	return imp.s.flushAudit(ctx, imp.tx)
}

// priorStates reads the dossiers of the register that a chunk's lines name,
// to tell an update from a clash and to update: one query per table for the
// chunk, not six per line.
func (imp *lineImport) priorStates(ctx context.Context, chunk []madeLine) (map[int64]*data.Application, error) {
	var ids []int64
	for i := range chunk {
		number := data.Clean(chunk[i].app.Number)
		if id, known := imp.existing[number]; known {
			ids = append(ids, id)
		}
		if id, known := imp.refs[number]; known {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	return getApplications(ctx, imp.tx, ids)
}

// madeLine is a line as makeAhead hands it: a new dossier comes readied by
// newDossier, with its first statuses and its verdict on the campaign's rules.
type madeLine struct {
	app     data.Application
	history []data.StatusChange
	err     error
}

// ready readies a line that is a new dossier; it runs ahead of the writes,
// so it reads only what no write changes (the campaign, the register before
// the file).
func (imp *lineImport) ready(m *madeLine) {
	if _, known := imp.existing[data.Clean(m.app.Number)]; !known {
		m.history, m.err = newDossier(imp.c, &m.app)
	}
}

// line writes line i (0-based): a new dossier, or the update of the one it
// names, whose state before the file is in olds. A line that breaks a rule
// is noted and the next one written, to report them all; any other refusal
// ends the import.
func (imp *lineImport) line(ctx context.Context, i int, m *madeLine, olds map[int64]*data.Application) error {
	a := &m.app
	number := data.Clean(a.Number)
	id, known := imp.existing[number]
	if ref, renumbered := imp.refs[number]; renumbered && data.SameApplicant(olds[ref], a, imp.o.FromDS) {
		// The dossier an earlier import renumbered: the file still gives
		// its applicant's number, which the dossier keeps as its reference.
		id, known, number = ref, true, olds[ref].Number
	} else if known && !data.SameApplicant(olds[id], a, imp.o.FromDS) {
		// Another applicant's dossier: never an update. Refused, all named,
		// or a new dossier under the register's next number.
		if !imp.o.Renumber {
			imp.clashes = append(imp.clashes, data.ImportClash{Line: i + 1, Number: number, Register: olds[id].Applicant(), File: a.Applicant()})
			return nil
		}
		known = false
		m.history, m.err = newDossier(imp.c, a) // not readied ahead: it bore a known number
	}
	var err error
	switch {
	case known && !imp.o.Update:
		return data.Errorf(data.ECONFLICT, "Dossier %d : le numéro %s est déjà dans le registre. Pour mettre à jour les dossiers déjà importés, relancez l'import avec --update (ou cochez « Mettre à jour les dossiers déjà importés » dans l'assistant d'import). Rien n'a été importé.", i+1, number)
	case known && imp.seen[number]:
		return data.Errorf(data.ECONFLICT, "Dossier %d : le numéro %s figure deux fois dans le fichier. Rien n'a été importé.", i+1, number)
	case known:
		imp.seen[number] = true
		err = imp.s.updateFromFile(ctx, imp.tx, imp.c, olds[id], a, imp.o.Fields, imp.sum)
	default: // a new dossier, readied ahead by ready
		if imp.o.Renumber && number != "" {
			a.Reference, a.Number = number, ""
		}
		if err = m.err; err == nil {
			err = imp.s.writeNewDossier(ctx, imp.tx, imp.c, a, m.history, imp.next, imp.now)
		}
		if err == nil {
			if a.Reference != "" && imp.o.Renumber {
				imp.sum.Renumbered = append(imp.sum.Renumbered, data.Renumbering{Reference: a.Reference, Number: a.Number})
			}
			imp.sum.Created++
			if a.Late {
				imp.sum.Late++
			}
		}
	}
	var v data.ValidationErrors
	var de *data.Error
	switch {
	case err == nil:
		return nil
	case errors.As(err, &v):
		for _, fe := range v {
			imp.bad = append(imp.bad, data.FieldError{Field: fe.Field, Message: fmt.Sprintf("dossier %d (%s) : %s", i+1, a.Number, fe.Message)})
		}
		return nil
	case errors.As(err, &de):
		return data.Errorf(de.Code, "Dossier %d : %s Rien n'a été importé.", i+1, de.Message)
	}
	return err
}

// makeAhead makes the lines in order on another goroutine, in chunks of size,
// one chunk ahead of the writes, each passed to ready: mapping and checking a
// line is as much work as writing it, and the machine has a second core. The
// channel closes after the last chunk; stop ends the goroutine when the
// writes end first.
func makeAhead(lines data.ImportLines, size int, ready func(*madeLine)) (made <-chan []madeLine, stop func()) {
	out, done := make(chan []madeLine, 1), make(chan struct{})
	go func() {
		defer close(out)
		n := lines.Len()
		for start := 0; start < n; start += size {
			chunk := make([]madeLine, min(size, n-start))
			for j := range chunk {
				chunk[j].app = lines.Line(start + j)
				ready(&chunk[j])
			}
			select {
			case out <- chunk:
			case <-done:
				return
			}
		}
	}()
	return out, func() { close(done) }
}

// updateFromFile applies a re-imported line to the dossier it names; old is
// that dossier as the register holds it.
func (s *Store) updateFromFile(ctx context.Context, tx *txw, c *data.Campaign, old, line *data.Application, fields []string, sum *data.ImportSummary) error {
	a := *old
	a.QPVs = append([]string(nil), old.QPVs...)
	a.Cofinancing = append([]data.Cofinancing(nil), old.Cofinancing...)
	line.Normalize()
	a.MergeFrom(line, fields)
	changes, err := s.saveApplication(ctx, tx, c, old, &a)
	if err != nil {
		return err
	}
	if len(changes) == 0 {
		sum.Unchanged++
		return nil
	}
	sum.Updated++
	for _, ch := range changes {
		sum.Changes = append(sum.Changes, data.FieldChange{Number: a.Number, Field: ch.Field, Old: ch.Old, New: ch.New})
	}
	return nil
}

// references maps the applicant's references of the campaign's renumbered
// dossiers to their IDs.
func references(ctx context.Context, tx *txw, campaignID int64) (map[string]int64, error) {
	out := map[string]int64{}
	err := eachRow(ctx, tx, `SELECT reference, id FROM applications WHERE campaign_id = ? AND reference <> ''`, []any{campaignID}, func(r *sql.Rows) error {
		var ref string
		var id int64
		if err := r.Scan(&ref, &id); err != nil {
			return err
		}
		out[ref] = id
		return nil
	})
	return out, err
}

// numbers maps the campaign's application numbers to their IDs.
func numbers(ctx context.Context, tx *txw, campaignID int64) (map[string]int64, error) {
	rows, err := tx.QueryContext(ctx, `SELECT number, id FROM applications WHERE campaign_id = ?`, campaignID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var n string
		var id int64
		if err := rows.Scan(&n, &id); err != nil {
			return nil, err
		}
		out[n] = id
	}
	return out, rows.Err()
}

func sortedNumbers(m map[string]int64) []string {
	out := make([]string, 0, len(m))
	for n := range m {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// nextNumber reads the campaign's numbering scheme from its register, with
// the next automatic sequence (data.SchemeOf).
func nextNumber(ctx context.Context, tx *txw, c *data.Campaign) (*data.NumberScheme, error) {
	taken, err := tx.taken(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	scheme := data.SchemeOf(c.Code, slices.Collect(maps.Keys(taken)))
	return &scheme, nil
}

func (s *Store) insertApplication(ctx context.Context, tx *txw, c *data.Campaign, a *data.Application, next *data.NumberScheme, now string) error {
	history, err := newDossier(c, a)
	if err != nil {
		return err
	}
	return s.writeNewDossier(ctx, tx, c, a, history, next, now)
}

// newDossier readies a new dossier without reading the base: normalised,
// with its first statuses (and the deadline's verdict), checked against the
// campaign's rules. An import runs it ahead of the writes, on another core.
func newDossier(c *data.Campaign, a *data.Application) ([]data.StatusChange, error) {
	a.CampaignID = c.ID
	// A deposit date nobody typed stays unknown: the dossier is not late
	// (data.Campaign.IsLate), rather than born « hors délai » at the time of
	// typing.
	a.Received = a.Received.Truncate(time.Second)
	if a.Status == "" {
		a.Status = data.StatusRecu
	}
	a.Normalize()
	history := []data.StatusChange{{From: "", To: a.Status, Reason: "Enregistrement du dossier"}}
	if ch, changed := a.ApplyDeadline(c); changed {
		history = append(history, ch)
	}
	return history, a.Validate(c)
}

// writeNewDossier numbers a dossier readied by newDossier and writes it, its
// structure, lists, statuses and journal.
func (s *Store) writeNewDossier(ctx context.Context, tx *txw, c *data.Campaign, a *data.Application, history []data.StatusChange, next *data.NumberScheme, now string) error {
	taken, err := tx.taken(ctx, c.ID)
	if err != nil {
		return err
	}
	if _, held := taken[a.Number]; a.Number != "" && held {
		return data.Errorf(data.ECONFLICT, "Le numéro %s est déjà attribué dans cette campagne.", a.Number)
	}
	for a.Number == "" { // the next automatic number nobody holds, in the register's scheme
		n := next.Format(next.Next)
		if _, held := taken[n]; !held {
			a.Number = n
		}
		next.Next++
	}
	taken[a.Number] = 0 // held from now on; its ID comes below
	// Each dossier keeps the applicant's identity as declared for it: a new
	// dossier never rewrites another's structure, even with the same SIRET.
	a.Structure.ID = 0
	if err := insertStructure(ctx, tx, &a.Structure); err != nil {
		return err
	}
	id, err := tx.newID(ctx, "applications")
	if err != nil {
		return err
	}
	taken[a.Number] = id
	// The numbers taken were checked above, so the unique index never trips.
	err = tx.insertLater(ctx, "applications", `id, campaign_id, number, received, structure_id, title, summary, theme_id,
		target_public, beneficiaries, qpv_share_pct, start_date, end_date, total_cents, requested_cents, status, late, late_override,
		notes, opinion, opinion_text, search_key, title_key, external_state, created_at, updated_at, exemption, reference`,
		id, c.ID, a.Number, fmtTime(a.Received), a.Structure.ID, a.Title, a.Summary, nullID(a.ThemeID), a.TargetPublic, a.Beneficiaries,
		a.QPVSharePct, a.Start.ISO(), a.End.ISO(), a.TotalCents, a.RequestedCents, string(a.Status), boolInt(a.Late),
		a.LateOverride, a.Notes, string(a.Opinion), a.OpinionText, searchKey(a), data.FoldKey(a.Title), a.ExternalState, now, now, a.Exemption, a.Reference)
	if err != nil {
		return err
	}
	a.ID = id
	a.UpdatedAt, a.Version = parseTime(now), 1
	if err := insertChildren(ctx, tx, c, a); err != nil {
		return err
	}
	a.History = nil
	written := writtenDossier{app: a}
	for _, h := range history {
		h.At, h.User = parseTime(now), s.User
		hid, err := insertHistory(ctx, tx, a.ID, h)
		if err != nil {
			return err
		}
		a.History = append(a.History, h)
		written.history = append(written.history, writtenStatus{id: hid, h: h})
	}
	entries := []data.AuditEntry{{CampaignID: c.ID, Entity: data.AuditApplication, EntityID: a.ID, Label: a.Number, Action: "création",
		New: a.Structure.Name + " — " + a.Title + " — " + data.FormatEurosPlain(a.RequestedCents) + " demandés"}}
	for _, h := range history[1:] {
		entries = append(entries, statusEntry(c.ID, a, h))
	}
	// Its last entry carries its state, known from what was written.
	entries[len(entries)-1].State = newDossierState(written)
	for _, e := range entries {
		tx.audit(e)
	}
	return nil
}

func statusEntry(campaignID int64, a *data.Application, h data.StatusChange) data.AuditEntry {
	return data.AuditEntry{CampaignID: campaignID, Entity: data.AuditApplication, EntityID: a.ID, Label: a.Number, Action: "statut",
		Field: "Statut", Old: h.From.Label(), New: strings.TrimSuffix(h.To.Label()+" : "+h.Reason, " : ")}
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// searchKey folds what the register's search looks in, so « educ » finds
// « Éducation » and a SIRET typed with spaces finds its structure.
func searchKey(a *data.Application) string {
	return "|" + strings.Join([]string{data.FoldKey(a.Number), data.FoldKey(a.Structure.Name), data.FoldKey(a.Title), a.Structure.SIRET}, "|") + "|"
}

func insertStructure(ctx context.Context, tx *txw, st *data.Structure) error {
	id, err := tx.newID(ctx, "structures")
	if err != nil {
		return err
	}
	st.ID = id
	return tx.insertLater(ctx, "structures", `id, name, name_key, legal_form, siret, rna, address, postal_code, town, commune, legal_rep, contact, email, phone`,
		st.ID, st.Name, data.FoldKey(st.Name), st.LegalForm, st.SIRET, st.RNA, st.Address, st.PostalCode, st.Town, st.Commune, st.LegalRep, st.Contact, st.Email, st.Phone)
}

func updateStructure(ctx context.Context, tx *txw, st *data.Structure) error {
	_, err := tx.ExecContext(ctx, `UPDATE structures SET name=?, name_key=?, legal_form=?, siret=?, rna=?, address=?, postal_code=?, town=?, commune=?, legal_rep=?, contact=?, email=?, phone=? WHERE id=?`,
		st.Name, data.FoldKey(st.Name), st.LegalForm, st.SIRET, st.RNA, st.Address, st.PostalCode, st.Town, st.Commune, st.LegalRep, st.Contact, st.Email, st.Phone, st.ID)
	return err
}

// writeChildren replaces the QPV, co-financing and pieces of a stored dossier.
func writeChildren(ctx context.Context, tx *txw, c *data.Campaign, a *data.Application) error {
	for _, q := range []string{`DELETE FROM application_qpvs WHERE application_id = ?`, `DELETE FROM cofinancings WHERE application_id = ?`, `DELETE FROM application_documents WHERE application_id = ?`} {
		if _, err := tx.ExecContext(ctx, q, a.ID); err != nil {
			return err
		}
	}
	return insertChildren(ctx, tx, c, a)
}

// insertChildren writes the QPV, co-financing and pieces of a dossier that has none.
func insertChildren(ctx context.Context, tx *txw, c *data.Campaign, a *data.Application) error {
	for i, q := range a.QPVs {
		code := q
		if qpv, ok := c.QPVByCodeOrName(q); ok {
			code = qpv.Code
		}
		a.QPVs[i] = code
		if err := tx.insertLater(ctx, "application_qpvs", "application_id, position, qpv_code", a.ID, i+1, code); err != nil {
			return err
		}
	}
	for i, cf := range a.Cofinancing {
		if err := tx.insertLater(ctx, "cofinancings", "application_id, position, funder, amount_cents, acquired", a.ID, i+1, cf.Funder, cf.AmountCents, boolInt(cf.Acquired)); err != nil {
			return err
		}
	}
	for _, d := range data.Documents {
		if a.Documents[d] {
			if err := tx.insertLater(ctx, "application_documents", "application_id, document", a.ID, string(d)); err != nil {
				return err
			}
		}
	}
	return nil
}

// insertHistory queues a status change of dossier id and returns the row's
// ID, which the transaction hands out (a new dossier's state needs it).
func insertHistory(ctx context.Context, tx *txw, id int64, h data.StatusChange) (int64, error) {
	hid, err := tx.newID(ctx, "status_history")
	if err != nil {
		return 0, err
	}
	return hid, tx.insertLater(ctx, "status_history", "id, application_id, at, from_status, to_status, reason, user_name",
		hid, id, fmtTime(h.At), string(h.From), string(h.To), h.Reason, h.User)
}

// UpdateApplication saves a corrected application. Its status is changed only
// through ChangeStatus; re-dating it re-applies the deadline rule. Only its own
// structure changes, unless o.ShareIdentity asks to write the applicant's
// identity to the other dossiers of the same SIRET too.
func (s *Store) UpdateApplication(ctx context.Context, c *data.Campaign, a *data.Application, o data.UpdateOptions) error {
	return s.inTx(ctx, func(tx *txw) error {
		old, err := getApplication(ctx, tx, a.ID)
		if err != nil {
			return err
		}
		if old.CampaignID != c.ID {
			return data.Errorf(data.EINVALID, "Ce dossier appartient à une autre campagne.")
		}
		if err := tx.mustBeOpen(ctx, c.ID); err != nil {
			return err
		}
		if a.Version != 0 && a.Version != old.Version {
			return staleApplication(ctx, tx, old)
		}
		if _, err := s.saveApplication(ctx, tx, c, old, a); err != nil {
			return err
		}
		if o.ShareIdentity {
			if err := s.shareIdentity(ctx, tx, a); err != nil {
				return err
			}
		}
		var err2 error
		a.History, err2 = loadHistory(ctx, tx, a.ID)
		return err2
	})
}

// staleApplication refuses an edit made on a copy another window has since saved.
func staleApplication(ctx context.Context, tx *txw, old *data.Application) error {
	last := ""
	if e, err := scanAudit(tx.QueryRowContext(ctx, `SELECT `+auditCols+` FROM audit WHERE entity = ? AND entity_id = ? ORDER BY id DESC LIMIT 1`,
		data.AuditApplication, old.ID)); err == nil {
		last = " (par " + e.User + " le " + data.FormatDateTime(e.At) + ")"
	}
	return data.Errorf(data.ECONFLICT, "Le dossier %s a été modifié entre-temps dans une autre fenêtre%s. Vos saisies ne sont pas enregistrées : rouvrez le dossier pour voir la version à jour, puis reportez-y vos corrections.", old.Number, last)
}

// saveApplication writes a's fields over old (the stored copy) and journals
// each changed field; it returns the changes.
func (s *Store) saveApplication(ctx context.Context, tx *txw, c *data.Campaign, old, a *data.Application) ([]data.Change, error) {
	a.CampaignID, a.Status, a.Structure.ID = c.ID, old.Status, old.Structure.ID
	a.Received = a.Received.Truncate(time.Second)
	if a.Number == "" {
		a.Number = old.Number
	}
	a.Normalize()
	now := s.now()
	var history []data.StatusChange
	if !a.Received.Equal(old.Received) || a.LateOverride != old.LateOverride {
		if ch, changed := a.ApplyDeadline(c); changed {
			history = append(history, ch)
		}
	} else {
		a.Late = c.IsLate(a.Received)
	}
	if err := a.Validate(c); err != nil {
		return nil, err
	}
	changes := data.DiffApplications(c, old, a)
	if len(changes) == 0 && len(history) == 0 {
		a.Version, a.UpdatedAt = old.Version, old.UpdatedAt
		return nil, nil
	}
	if err := updateStructure(ctx, tx, &a.Structure); err != nil {
		return nil, err
	}
	for _, ch := range changes {
		tx.audit(data.AuditEntry{CampaignID: c.ID, Entity: data.AuditApplication, EntityID: a.ID, Label: a.Number, Action: "modification",
			Field: ch.Field, Old: maskPersonal(ch.Field, ch.Old), New: maskPersonal(ch.Field, ch.New)})
	}
	for _, h := range history {
		tx.audit(statusEntry(c.ID, a, h))
	}
	_, err := tx.ExecContext(ctx, `UPDATE applications SET number=?, received=?, title=?, summary=?, theme_id=?, target_public=?,
		beneficiaries=?, qpv_share_pct=?, start_date=?, end_date=?, total_cents=?, requested_cents=?, status=?, late=?,
		late_override=?, notes=?, opinion=?, opinion_text=?, search_key=?, title_key=?, external_state=?, reference=?, updated_at=?, version=version+1 WHERE id=?`,
		a.Number, fmtTime(a.Received), a.Title, a.Summary, nullID(a.ThemeID), a.TargetPublic, a.Beneficiaries, a.QPVSharePct,
		a.Start.ISO(), a.End.ISO(), a.TotalCents, a.RequestedCents, string(a.Status), boolInt(a.Late), a.LateOverride,
		a.Notes, string(a.Opinion), a.OpinionText, searchKey(a), data.FoldKey(a.Title), a.ExternalState, a.Reference, now, a.ID)
	if err != nil {
		if tx.unique(err) {
			return nil, data.Errorf(data.ECONFLICT, "Le numéro %s est déjà attribué dans cette campagne.", a.Number)
		}
		return nil, err
	}
	if err := writeChildren(ctx, tx, c, a); err != nil {
		return nil, err
	}
	for _, h := range history {
		h.At, h.User = parseTime(now), s.User
		if _, err := insertHistory(ctx, tx, a.ID, h); err != nil {
			return nil, err
		}
	}
	a.UpdatedAt = parseTime(now)
	a.Version = old.Version + 1
	return changes, nil
}

// shareIdentity writes a's applicant identity to every other dossier declaring
// the same SIRET, each change journaled on that dossier. Dossiers of a locked
// campaign are left as they are, and the operation refused, rather than half done.
func (s *Store) shareIdentity(ctx context.Context, tx *txw, a *data.Application) error {
	if a.Structure.SIRET == "" {
		return nil
	}
	sibs, err := siblings(ctx, tx, a.Structure.SIRET, a.ID)
	if err != nil {
		return err
	}
	for _, sib := range sibs {
		other, err := getApplication(ctx, tx, sib.ApplicationID)
		if err != nil {
			return err
		}
		if err := tx.mustBeOpen(ctx, other.CampaignID); err != nil {
			return data.Errorf(data.EINVALID, "Le dossier %s (campagne %s) a la même structure mais sa campagne est verrouillée par sa délibération : l'identité commune n'a pas été mise à jour.", other.Number, sib.CampaignCode)
		}
		before := *other
		other.Structure = a.Structure
		other.Structure.ID = before.Structure.ID
		if err := updateStructure(ctx, tx, &other.Structure); err != nil {
			return err
		}
		for _, ch := range data.DiffApplications(nil, &before, other) {
			tx.audit(data.AuditEntry{CampaignID: other.CampaignID, Entity: data.AuditApplication, EntityID: other.ID, Label: other.Number,
				Action: "identité partagée depuis " + a.Number, Field: ch.Field, Old: maskPersonal(ch.Field, ch.Old), New: maskPersonal(ch.Field, ch.New)})
		}
		if _, err := tx.ExecContext(ctx, `UPDATE applications SET search_key = ?, updated_at = ?, version = version + 1 WHERE id = ?`,
			searchKey(other), s.now(), other.ID); err != nil {
			return err
		}
	}
	return nil
}

// SameSIRET lists the other dossiers whose applicant declared that SIRET.
func (s *Store) SameSIRET(ctx context.Context, siret string, except int64) ([]data.Sibling, error) {
	siret = data.NormalizeSIRET(siret)
	if siret == "" {
		return nil, nil
	}
	out, err := siblings(ctx, s.q(), siret, except)
	return out, s.fail(err)
}

func siblings(ctx context.Context, q queryer, siret string, except int64) ([]data.Sibling, error) {
	rows, err := q.QueryContext(ctx, `SELECT a.id, c.code, a.number, st.name FROM applications a JOIN structures st ON st.id = a.structure_id
		JOIN campaigns c ON c.id = a.campaign_id WHERE st.siret = ? AND a.id <> ? ORDER BY a.id`, siret, except)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []data.Sibling
	for rows.Next() {
		var sb data.Sibling
		if err := rows.Scan(&sb.ApplicationID, &sb.CampaignCode, &sb.Number, &sb.Structure); err != nil {
			return nil, err
		}
		out = append(out, sb)
	}
	return out, rows.Err()
}

// ChangeStatus moves an application to another status with a reason, and
// records it in the history. A late application cannot leave « irrecevable »
// until staff grant a written exemption (OverrideLate).
func (s *Store) ChangeStatus(ctx context.Context, id int64, to data.Status, reason string) error {
	return s.inTx(ctx, func(tx *txw) error {
		a, err := getApplication(ctx, tx, id)
		if err != nil {
			return err
		}
		c, err := loadCampaign(ctx, tx, `id = ?`, a.CampaignID)
		if err != nil {
			return err
		}
		in := data.Instruction{To: to, Reason: reason}
		if err := data.CheckInstruction(c, a, &in); err != nil {
			return err
		}
		if err := tx.mustBeOpen(ctx, a.CampaignID); err != nil {
			return err
		}
		// The exemption goes with the status it justifies: any other change
		// of status by the instruction clears it, and a ruling of the
		// instruction ends a forced decision's exception.
		if _, err := tx.ExecContext(ctx, `UPDATE applications SET exemption = ?, decision_override = '' WHERE id = ?`, in.Exemption, id); err != nil {
			return err
		}
		reason = in.Reason
		if in.Exemption != "" {
			reason = "dérogation : " + in.Exemption + " — pièces manquantes : " + data.DocumentLabels(a.MissingRequired(c))
		}
		return s.setStatus(ctx, tx, a, to, reason, reason)
	})
}

// setStatus moves a to another status, journaled and kept in its history.
func (s *Store) setStatus(ctx context.Context, tx *txw, a *data.Application, to data.Status, reason, historyReason string) error {
	now := s.now()
	if _, err := tx.ExecContext(ctx, `UPDATE applications SET status = ?, updated_at = ?, version = version + 1 WHERE id = ?`, string(to), now, a.ID); err != nil {
		return err
	}
	h := data.StatusChange{At: parseTime(now), From: a.Status, To: to, Reason: reason, User: s.User}
	tx.audit(statusEntry(a.CampaignID, a, h))
	h.Reason = historyReason
	_, err := insertHistory(ctx, tx, a.ID, h)
	return err
}

// OverrideLate accepts a late application with a written reason, which is kept;
// the application goes back to « reçu » to be instructed like the others.
func (s *Store) OverrideLate(ctx context.Context, id int64, reason string) error {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return data.Errorf(data.EINVALID, "Un motif écrit est obligatoire pour accepter un dossier hors délai.")
	}
	return s.inTx(ctx, func(tx *txw) error {
		a, err := getApplication(ctx, tx, id)
		if err != nil {
			return err
		}
		if !a.Late {
			return data.Errorf(data.EINVALID, "Le dossier %s n'est pas hors délai.", a.Number)
		}
		if err := tx.mustBeOpen(ctx, a.CampaignID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE applications SET late_override = ? WHERE id = ?`, reason, id); err != nil {
			return err
		}
		return s.setStatus(ctx, tx, a, data.StatusRecu, "dérogation au délai : "+reason, "Dérogation au délai : "+reason)
	})
}

// Application loads one application with its structure, lists and history.
func (s *Store) Application(ctx context.Context, id int64) (*data.Application, error) {
	a, err := getApplication(ctx, s.q(), id)
	return a, s.fail(err)
}

// ApplicationByNumber loads an application by its number in a campaign.
func (s *Store) ApplicationByNumber(ctx context.Context, campaignID int64, number string) (*data.Application, error) {
	var id int64
	err := s.q().QueryRowContext(ctx, `SELECT id FROM applications WHERE campaign_id = ? AND number = ?`, campaignID, strings.TrimSpace(number)).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, data.Errorf(data.ENOTFOUND, "Aucun dossier ne porte le numéro %s.", number)
	} else if err != nil {
		return nil, s.fail(err)
	}
	return s.Application(ctx, id)
}

const applicationCols = `a.id, a.campaign_id, a.number, a.received, a.title, a.summary, a.theme_id, a.target_public,
		a.beneficiaries, a.qpv_share_pct, a.start_date, a.end_date, a.total_cents, a.requested_cents, a.status, a.late, a.late_override,
		a.notes, a.opinion, a.opinion_text, a.updated_at, a.version, a.external_state, a.exemption, a.reference,
		s.id, s.name, s.legal_form, s.siret, s.rna, s.address, s.postal_code, s.town, s.commune, s.legal_rep, s.contact, s.email, s.phone`

func scanApplication(r scanner) (*data.Application, error) {
	var a data.Application
	st := &a.Structure
	var received, start, end, status, opinion, updated string
	var theme sql.NullInt64
	err := r.Scan(&a.ID, &a.CampaignID, &a.Number, &received, &a.Title, &a.Summary, &theme, &a.TargetPublic,
		&a.Beneficiaries, &a.QPVSharePct, &start, &end, &a.TotalCents, &a.RequestedCents, &status, &a.Late, &a.LateOverride,
		&a.Notes, &opinion, &a.OpinionText, &updated, &a.Version, &a.ExternalState, &a.Exemption, &a.Reference,
		&st.ID, &st.Name, &st.LegalForm, &st.SIRET, &st.RNA, &st.Address, &st.PostalCode, &st.Town, &st.Commune, &st.LegalRep, &st.Contact, &st.Email, &st.Phone)
	if err != nil {
		return nil, err
	}
	a.Received, a.UpdatedAt = parseTime(received), parseTime(updated)
	a.Start, a.End = parseDate(start), parseDate(end)
	a.ThemeID = theme.Int64
	a.Status, a.Opinion = data.Status(status), data.Opinion(opinion)
	a.Documents = map[data.Document]bool{}
	return &a, nil
}

// getApplication reads one dossier with its lists.
func getApplication(ctx context.Context, q queryer, id int64) (*data.Application, error) {
	apps, err := getApplications(ctx, q, []int64{id})
	if err != nil {
		return nil, err
	}
	a, ok := apps[id]
	if !ok {
		return nil, data.Errorf(data.ENOTFOUND, "Dossier introuvable.")
	}
	return a, nil
}

// getApplications reads the dossiers of ids, with their lists, in one query
// per table for them all; an ID without a dossier is left out.
func getApplications(ctx context.Context, q queryer, ids []int64) (map[int64]*data.Application, error) {
	padded := padIDs(ids) // a few sizes of statement, each prepared once
	cond, args := "IN "+in(len(padded)), int64Args(padded)
	var apps []data.Application
	err := eachRow(ctx, q, `SELECT `+applicationCols+`
		FROM applications a JOIN structures s ON s.id = a.structure_id WHERE a.id `+cond, args, func(r *sql.Rows) error {
		a, err := scanApplication(r)
		if err == nil {
			apps = append(apps, *a)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	if err := loadApplicationLists(ctx, q, apps, cond, args...); err != nil {
		return nil, err
	}
	out := make(map[int64]*data.Application, len(apps))
	for i := range apps {
		out[apps[i].ID] = &apps[i]
	}
	return out, nil
}

// loadApplicationLists fills the QPV, co-financing, pieces and history of
// apps, read for every application matching the condition on application_id
// at once.
func loadApplicationLists(ctx context.Context, q queryer, apps []data.Application, cond string, args ...any) error {
	idx := make(map[int64]int, len(apps))
	for i := range apps {
		idx[apps[i].ID] = i
		apps[i].Documents = map[data.Document]bool{}
	}
	if err := eachRow(ctx, q, `SELECT application_id, qpv_code FROM application_qpvs WHERE application_id `+cond+` ORDER BY application_id, position`, args, func(r *sql.Rows) error {
		var id int64
		var code string
		if err := r.Scan(&id, &code); err != nil {
			return err
		}
		if i, ok := idx[id]; ok {
			apps[i].QPVs = append(apps[i].QPVs, code)
		}
		return nil
	}); err != nil {
		return err
	}
	if err := eachRow(ctx, q, `SELECT application_id, funder, amount_cents, acquired FROM cofinancings WHERE application_id `+cond+` ORDER BY application_id, position`, args, func(r *sql.Rows) error {
		var id int64
		var cf data.Cofinancing
		if err := r.Scan(&id, &cf.Funder, &cf.AmountCents, &cf.Acquired); err != nil {
			return err
		}
		if i, ok := idx[id]; ok {
			apps[i].Cofinancing = append(apps[i].Cofinancing, cf)
		}
		return nil
	}); err != nil {
		return err
	}
	if err := eachRow(ctx, q, `SELECT application_id, document FROM application_documents WHERE application_id `+cond, args, func(r *sql.Rows) error {
		var id int64
		var d string
		if err := r.Scan(&id, &d); err != nil {
			return err
		}
		if i, ok := idx[id]; ok {
			apps[i].Documents[data.Document(d)] = true
		}
		return nil
	}); err != nil {
		return err
	}
	return eachRow(ctx, q, `SELECT application_id, at, from_status, to_status, reason, user_name FROM status_history WHERE application_id `+cond+` ORDER BY application_id, id`, args, func(r *sql.Rows) error {
		var id int64
		var h data.StatusChange
		var at, from, to string
		if err := r.Scan(&id, &at, &from, &to, &h.Reason, &h.User); err != nil {
			return err
		}
		h.At, h.From, h.To = parseTime(at), data.Status(from), data.Status(to)
		if i, ok := idx[id]; ok {
			apps[i].History = append(apps[i].History, h)
		}
		return nil
	})
}

func loadHistory(ctx context.Context, q queryer, id int64) ([]data.StatusChange, error) {
	apps := []data.Application{{ID: id}}
	err := loadApplicationLists(ctx, q, apps, `= ?`, id)
	return apps[0].History, err
}
