package data

// Revert undoes one bulk action of a session (« Édition › Annuler »): the
// decisions « Confirmer les propositions » recorded, a juror removed, a
// scenario adopted. It is refused when anything was written since the action
// (Basis, the journal's head right after it), so an undo never wipes a later
// change; each change it makes is journaled « annulation » with the action's
// name.
type Revert struct {
	CampaignID int64
	Label      string // the action undone, as the menu names it
	Basis      Head
	// Decisions put back each dossier's decision as it was (nil: none) and
	// the status it had.
	Decisions []DecisionBefore
	// Adopted, when set, puts back the scenario adopted before ("": none).
	Adopted *string
	// Juror, when set, puts back a juror removed (same ID) with its déports.
	Juror     *Juror
	Conflicts []Conflict
}

// DecisionBefore is a dossier's decision and status before a bulk action.
type DecisionBefore struct {
	ApplicationID int64
	Decision      *JuryDecision
	Status        Status
}
