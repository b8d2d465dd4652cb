package data

import (
	"strconv"
	"strings"
	"time"
)

// AuditEntry is one line of the audit trail.
type AuditEntry struct {
	ID         int64
	At         time.Time
	User       string
	CampaignID int64
	Entity     string // dossier, campagne, juré, déport, grille, décision, scénario, délibération
	EntityID   int64
	Label      string // a human handle: the application's number, the juror's name…
	Action     string // création, modification, statut, note, déclaration…
	Field      string
	Old, New   string
	// State is the digest of the entity's stored rows after the change (""
	// when a later entry of the same transaction carries it): the check of the
	// journal compares it with the rows themselves.
	State    string
	PrevHash string
	Hash     string
}

// The entities of the trail.
const (
	AuditApplication  = "dossier"
	AuditCampaign     = "campagne"
	AuditJuror        = "juré"
	AuditConflict     = "déport"
	AuditSheet        = "grille"
	AuditDecision     = "décision"
	AuditScenario     = "scénario"
	AuditDeliberation = "délibération"
)

// AuditFilter narrows the trail: a campaign, or one of its entities.
type AuditFilter struct {
	CampaignID int64
	Entity     string
	EntityID   int64
	Limit      int // 0: all
}

// BrokenLink says where the trail, or the data it vouches for, was altered.
type BrokenLink struct {
	ID     int64 // the first entry that does not match (0 for a data row)
	Reason string
}

// Tampering is a row of the data changed, added or removed outside Cohésion.
type Tampering struct {
	Entity string // AuditApplication…
	Label  string // the dossier's number, the juror's name…
	What   string // « modifié », « ajouté », « supprimé »
}

// Describe says it in one French sentence.
func (t Tampering) Describe() string {
	return t.Entity + " " + t.Label + " : " + t.What + " hors de Cohésion"
}

// AuditReport is what a check of the journal found.
type AuditReport struct {
	Count    int         // entries read
	Head     Head        // the last entry
	Broken   *BrokenLink // the first broken link of the chain, nil when it holds
	Tampered []Tampering // data rows that no entry vouches for
	// Departed says how the journal departs from the head this desk saw last
	// (see Anchor): shortened or rewritten, even when its chain holds.
	Departed string
}

// Intact reports whether the chain holds and every data row matches it.
func (r *AuditReport) Intact() bool {
	return r.Broken == nil && len(r.Tampered) == 0 && r.Departed == ""
}

// Head is the last link of the chain: printed on the documents and kept beside
// each backup, it anchors the chain outside the base.
type Head struct {
	ID   int64
	Hash string
}

// String is the head as printed: « 1234-3f2a9c1d5e7b8a90 ».
func (h Head) String() string {
	if h.ID == 0 {
		return "0"
	}
	hash := h.Hash
	if len(hash) > 16 {
		hash = hash[:16]
	}
	return itoa(h.ID) + "-" + hash
}

// ParseHead reads a head as printed.
func ParseHead(s string) (Head, error) {
	bad := Errorf(EINVALID, "Empreinte du journal illisible « %s » : elle s'écrit comme sur l'annexe, par exemple 1234-3f2a9c1d5e7b8a90.", s)
	id, hash, ok := cutDash(s)
	if !ok || id <= 0 || len(hash) < 8 {
		return Head{}, bad
	}
	for _, r := range hash {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f') {
			return Head{}, bad
		}
	}
	return Head{ID: id, Hash: hash}, nil
}

// Matches reports whether a head read from a document designates this entry.
func (h Head) Matches(e AuditEntry) bool {
	return h.ID == e.ID && len(h.Hash) >= 8 && len(h.Hash) <= len(e.Hash) && e.Hash[:len(h.Hash)] == h.Hash
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// cutDash splits « 1234-3f2a… » into its number and its hash.
func cutDash(s string) (int64, string, bool) {
	id, hash, ok := strings.Cut(strings.ToLower(strings.TrimSpace(s)), "-")
	if !ok {
		return 0, "", false
	}
	n, err := strconv.ParseInt(id, 10, 64)
	return n, hash, err == nil
}

// Verdict says in French what the check found, naming what was altered.
func (r *AuditReport) Verdict() string {
	switch {
	case r.Broken != nil:
		return "Journal altéré : premier lien rompu à la ligne " + itoa(r.Broken.ID) + " (" + r.Broken.Reason + "), sur " + itoa(int64(r.Count)) + " ligne(s) lues."
	case r.Departed != "":
		return "Journal altéré : " + r.Departed + ". Sa chaîne d'empreintes tient pourtant : c'est ce que ce poste avait vu du journal qui le révèle."
	case len(r.Tampered) > 0:
		var lines []string
		for i, t := range r.Tampered {
			if i == 10 {
				lines = append(lines, "… et "+itoa(int64(len(r.Tampered)-10))+" autre(s)")
				break
			}
			lines = append(lines, "– "+t.Describe())
		}
		return "Données modifiées hors de Cohésion : " + itoa(int64(len(r.Tampered))) + " élément(s) ne correspondent plus au journal.\n" + strings.Join(lines, "\n")
	}
	return "Journal intact : " + itoa(int64(r.Count)) + " ligne(s), chaîne d'empreintes vérifiée, données conformes. Empreinte actuelle : " + r.Head.String() + "."
}
