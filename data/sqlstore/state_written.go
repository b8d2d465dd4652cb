package sqlstore

import (
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"slices"
	"strconv"

	"github.com/call-agglo/cohesion/data"
)

// A new dossier's state is known without reading it back: every row of it
// was written by the transaction, from values it holds. Reading them back
// cost an import of 100 000 dossiers some 1 600 queries, during which the
// writes waited (on PostgreSQL ≈ 2,5 s of the server's time, the desk idle
// meanwhile; see issue 23). newDossierState hashes the very rows
// stateSpecs[data.AuditApplication] reads, in its queries' order and with
// the text the engines give for them (integers in decimal, text as is), so
// the journal's check, which reads them, finds the same digest
// (the contract test NewDossiersJournalTheRowsWritten guards it).

// writtenDossier is what a new dossier's rows hold, as written.
type writtenDossier struct {
	app     *data.Application // numbered, with its ID, its version, its structure's and its QPVs' codes
	history []writtenStatus
}

// writtenStatus is a status_history row as written: its ID and its change.
type writtenStatus struct {
	id int64
	h  data.StatusChange
}

// newDossierState is the digest stateSpec.digest computes for the dossier.
func newDossierState(d writtenDossier) string {
	a, st := d.app, &d.app.Structure
	id := itoa(a.ID)
	h := sha256.New()
	hashRow(h, 0, id, itoa(a.CampaignID), a.Number, fmtTime(a.Received), a.Title, a.Summary, itoa(a.ThemeID), a.TargetPublic,
		strconv.Itoa(a.Beneficiaries), strconv.Itoa(a.QPVSharePct), a.Start.ISO(), a.End.ISO(), itoa(a.TotalCents), itoa(a.RequestedCents),
		string(a.Status), strconv.Itoa(boolInt(a.Late)), a.LateOverride, a.Notes, string(a.Opinion), a.OpinionText, strconv.Itoa(a.Version),
		st.Name, st.LegalForm, st.SIRET, st.RNA, st.Address, st.Commune, st.LegalRep, st.Contact, st.Email, st.Phone)
	for i, code := range a.QPVs {
		hashRow(h, 1, id, strconv.Itoa(i+1), code)
	}
	for i, cf := range a.Cofinancing {
		hashRow(h, 2, id, strconv.Itoa(i+1), cf.Funder, itoa(cf.AmountCents), strconv.Itoa(boolInt(cf.Acquired)))
	}
	for _, doc := range writtenDocuments(a) {
		hashRow(h, 3, id, doc)
	}
	for _, s := range d.history {
		hashRow(h, 4, id, itoa(s.id), fmtTime(s.h.At), string(s.h.From), string(s.h.To), s.h.Reason, s.h.User)
	}
	// The columns that count only once set (see stateSpecs); a new dossier
	// has no forced decision yet.
	if a.Exemption != "" {
		hashRow(h, 5, id, a.Exemption, "")
	}
	if st.PostalCode != "" || st.Town != "" {
		hashRow(h, 6, id, st.PostalCode, st.Town)
	}
	if a.Reference != "" {
		hashRow(h, 7, id, a.Reference)
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// writtenDocuments are the dossier's pieces in the order the query reads
// them: by name, byte for byte (SQLite's BINARY, PostgreSQL's "C").
func writtenDocuments(a *data.Application) []string {
	var out []string
	for _, d := range data.Documents {
		if a.Documents[d] {
			out = append(out, string(d))
		}
	}
	slices.Sort(out)
	return out
}

// hashRow feeds one row of query number tag to an entity's hash, as
// digestRows does: the tag, each value after a separator, an end mark.
func hashRow(h hash.Hash, tag byte, vals ...string) {
	h.Write([]byte{'0' + tag})
	for _, v := range vals {
		h.Write([]byte{0x1f})
		h.Write([]byte(v))
	}
	h.Write([]byte{0x1e})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
