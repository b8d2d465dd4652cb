package data

import "time"

// Status is where an application stands in the procedure.
type Status string

// The statuses of the register. The jury and the council add theirs later.
const (
	StatusRecu        Status = "recu"
	StatusComplet     Status = "complet"
	StatusIncomplet   Status = "incomplet"
	StatusRecevable   Status = "recevable"
	StatusIrrecevable Status = "irrecevable"
	StatusSansSuite   Status = "sans_suite"
)

// Statuses lists the statuses in procedural order, for filters and menus.
var Statuses = []Status{StatusRecu, StatusComplet, StatusIncomplet, StatusRecevable, StatusIrrecevable, StatusSansSuite}

// Label is the French label of a status.
func (s Status) Label() string {
	switch s {
	case StatusRecu:
		return "Reçu"
	case StatusComplet:
		return "Complet"
	case StatusIncomplet:
		return "Incomplet"
	case StatusRecevable:
		return "Recevable"
	case StatusIrrecevable:
		return "Irrecevable"
	case StatusSansSuite:
		return "Sans suite"
	}
	return string(s)
}

// StatusFromLabel finds a status by label or code, ignoring case and accents.
func StatusFromLabel(s string) (Status, bool) {
	k := FoldKey(s)
	for _, st := range Statuses {
		if FoldKey(st.Label()) == k || FoldKey(string(st)) == k {
			return st, true
		}
	}
	return "", false
}

// Known reports whether s is one of the register's status codes, exactly.
func (s Status) Known() bool {
	for _, st := range Statuses {
		if st == s {
			return true
		}
	}
	return false
}

// NeedsReason reports whether moving to s requires a written reason.
func (s Status) NeedsReason() bool {
	return s == StatusIrrecevable || s == StatusSansSuite || s == StatusIncomplet
}

// StatusChange is one line of an application's status history.
type StatusChange struct {
	At     time.Time
	From   Status
	To     Status
	Reason string
	User   string // the operating-system user who made the change
}

// CheckStatusChange validates a change of status asked for by staff.
func CheckStatusChange(from, to Status, reason string) error {
	if to == from {
		return Errorf(EINVALID, "Le dossier est déjà au statut « %s ».", to.Label())
	}
	// The target must be one of the codes exactly: a label (« Recevable ») or a
	// code in another case would be stored as an unknown status.
	if !to.Known() {
		return Errorf(EINVALID, "Statut inconnu : %q.", to)
	}
	if to.NeedsReason() && Blank(reason) {
		return Errorf(EINVALID, "Un motif est obligatoire pour passer au statut « %s ».", to.Label())
	}
	return nil
}
