package data

import (
	"strconv"
	"time"
)

// Anchor is the journal's head as one desk last saw it on one base, kept in
// the desk's own profile, outside the base. Whoever can rewrite the base (its
// owner on a server, anyone with the file) can recompute the whole chain of
// digests, and the chain then holds; they cannot reach every desk's profile,
// where the head each desk saw still says how long the journal was and what
// its last line was.
type Anchor struct {
	Head Head
	Seen time.Time // when the desk saw that head
}

// Anchors keeps one anchor per base, named by its location (the file's path,
// the server's host, port and database).
type Anchors interface {
	// Anchor is the head this desk last saw on base; false when it never saw one.
	Anchor(base string) (Anchor, bool, error)
	// SetAnchor records a head this desk has seen on base.
	SetAnchor(base string, a Anchor) error
}

// Departure says how the journal departs from what the desk saw ("" when it
// still holds it): now is the journal's head, at its entry at the anchor's
// line (nil when there is none).
func (a Anchor) Departure(now Head, at *AuditEntry) string {
	seen := a.Seen.In(Paris).Format("02/01/2006 15:04")
	switch {
	case a.Head.ID == 0:
		return ""
	case now.ID < a.Head.ID:
		n := a.Head.ID - now.ID
		return "le journal a été raccourci depuis le " + seen + " : " + Count(int(n), "entrée manque", "entrées manquent") +
			" (ce poste l'a vu jusqu'à la ligne " + strconv.FormatInt(a.Head.ID, 10) + ")"
	case at == nil || at.Hash != a.Head.Hash:
		return "le journal a été réécrit depuis le " + seen + " : sa ligne " + strconv.FormatInt(a.Head.ID, 10) +
			" ne porte plus l'empreinte " + a.Head.String() + " que ce poste avait vue"
	}
	return ""
}
