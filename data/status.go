package data

import "time"

// Status is where an application stands in the procedure.
type Status string

// The statuses of the register, then those the jury's decisions set.
const (
	StatusRecu        Status = "recu"
	StatusComplet     Status = "complet"
	StatusIncomplet   Status = "incomplet"
	StatusRecevable   Status = "recevable"
	StatusIrrecevable Status = "irrecevable"
	StatusSansSuite   Status = "sans_suite"
	StatusRetenu      Status = "retenu"
	StatusNonRetenu   Status = "non_retenu"
	StatusAjourne     Status = "ajourne"
)

// Statuses lists every status in procedural order, for filters.
var Statuses = []Status{StatusRecu, StatusComplet, StatusIncomplet, StatusRecevable, StatusIrrecevable, StatusSansSuite,
	StatusRetenu, StatusNonRetenu, StatusAjourne}

// ManualStatuses are those staff set by hand during instruction; the jury's
// statuses come only from its recorded decisions.
var ManualStatuses = []Status{StatusRecu, StatusComplet, StatusIncomplet, StatusRecevable, StatusIrrecevable, StatusSansSuite}

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
	case StatusRetenu:
		return "Retenu"
	case StatusNonRetenu:
		return "Non retenu"
	case StatusAjourne:
		return "Ajourné"
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

// Manual reports whether staff may set s by hand.
func (s Status) Manual() bool {
	for _, st := range ManualStatuses {
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
	if !to.Manual() {
		return Errorf(EINVALID, "Le statut « %s » vient d'une décision du jury : enregistrez la décision depuis le classement.", to.Label())
	}
	if to.NeedsReason() && Blank(reason) {
		return Errorf(EINVALID, "Un motif est obligatoire pour passer au statut « %s ».", to.Label())
	}
	return nil
}
