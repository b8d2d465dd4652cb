package campaign

import (
	"strings"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/jury"
)

// Review is what deserves a look before a step that commits the campaign —
// « Confirmer les propositions », the adoption of a scenario, the recording
// of the deliberation: the dossiers still in instruction (left out of the
// ranking), and among the dossiers the step retains or funds, those not
// declared recevable, those « à discuter » and those whose required pièces
// are missing without an exemption. The window asks for an explicit
// confirmation when it is not empty; the command line writes it to the
// error output and goes on.
type Review struct {
	Pending     []string // numbers of the dossiers à instruire
	NotDeclared []string // retained or funded, yet not declared recevable
	Discuss     []string // retained or funded, flagged « à discuter »
	Missing     []string // « DEMO-003 (RIB) »: retained or funded, required pièces missing
}

// Empty reports whether nothing deserves a look.
func (r Review) Empty() bool {
	return len(r.Pending)+len(r.NotDeclared)+len(r.Discuss)+len(r.Missing) == 0
}

// Lines say the review in French, one line per kind; none when it is empty.
func (r Review) Lines() []string {
	var out []string
	if n := len(r.Pending); n > 0 {
		out = append(out, "À instruire, hors classement : "+data.Count(n, "dossier", "dossiers")+" ni recevable ni irrecevable ("+strings.Join(r.Pending, ", ")+").")
	}
	if n := len(r.NotDeclared); n > 0 {
		out = append(out, "Non déclaré recevable : "+data.Count(n, "dossier", "dossiers")+" ("+strings.Join(r.NotDeclared, ", ")+").")
	}
	if n := len(r.Discuss); n > 0 {
		out = append(out, "À discuter (désaccord entre jurés) : "+data.Count(n, "dossier", "dossiers")+" ("+strings.Join(r.Discuss, ", ")+").")
	}
	if n := len(r.Missing); n > 0 {
		out = append(out, "Pièces manquantes sans dérogation : "+data.Count(n, "dossier", "dossiers")+" — "+strings.Join(r.Missing, ", ")+".")
	}
	return out
}

// Review looks at the dossiers ids (those a step retains or funds), in the
// view's number order, and at the whole campaign's dossiers à instruire.
func (v *View) Review(ids []int64) Review {
	var r Review
	for _, p := range v.Pending {
		r.Pending = append(r.Pending, p.Number)
	}
	concerned := make(map[int64]bool, len(ids))
	for _, id := range ids {
		concerned[id] = true
	}
	discuss := map[int64]bool{}
	for _, l := range v.Ranked {
		if l.HasFlag(jury.FlagDiscuss) {
			discuss[l.ApplicationID] = true
		}
	}
	for i := range v.Rows {
		row := &v.Rows[i]
		if !concerned[row.ID] {
			continue
		}
		if !row.Declared() {
			r.NotDeclared = append(r.NotDeclared, row.Number+" « "+row.Status.Label()+" »")
		}
		if discuss[row.ID] {
			r.Discuss = append(r.Discuss, row.Number)
		}
		if m := row.Unchecked(v.Campaign); len(m) > 0 {
			r.Missing = append(r.Missing, row.Number+" ("+data.DocumentLabels(m)+")")
		}
	}
	return r
}

// Retained are the dossiers a step would retain: those with a retenu
// decision recorded, and those the ranking proposes to retain (undecided).
func (v *View) Retained() []int64 {
	var out []int64
	for _, l := range v.Ranked {
		if (l.Decision != nil && l.Decision.Decision == data.DecisionRetenu) || (l.Decision == nil && l.Proposed == data.DecisionRetenu) {
			out = append(out, l.ApplicationID)
		}
	}
	return out
}

// Funded are the dossiers a scenario grants an amount to.
func Funded(sc *data.Scenario) []int64 {
	if sc == nil {
		return nil
	}
	var out []int64
	for _, l := range sc.Lines {
		if l.AmountCents > 0 {
			out = append(out, l.ID)
		}
	}
	return out
}
