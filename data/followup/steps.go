package followup

import "github.com/call-agglo/cohesion/data"

// StepKind is a kind of work a grant waits for.
type StepKind string

// The kinds of step, in the order they are done.
const (
	StepSign     StepKind = "signer"     // the convention, required, is not signed
	StepPay      StepKind = "verser"     // the schedule calls for a payment
	StepReview   StepKind = "examiner"   // a CRF came in, to assess
	StepComplete StepKind = "completer"  // the CRF is incomplete
	StepReversal StepKind = "reverser"   // the CRF calls for a reversal not yet decided
	StepCRF      StepKind = "attendre"   // the CRF is expected
	StepDone     StepKind = "solde"      // nothing more to do
	StepNone     StepKind = "sans suite" // the CRF was refused and nothing is to repay
)

// Step is one thing due on a grant.
type Step struct {
	Kind    StepKind
	Label   string    // for people: « Verser 11 500,00 € »
	Date    data.Date // since or by when (zero when none)
	Overdue bool
}

// Deadlines lists what a grant waits for at a date, in the order it is done:
// the convention to sign, the payment to make, the CRF to assess, complete or
// wait for, the reversal to decide. Empty when everything is settled.
func Deadlines(c *data.Campaign, s data.FollowUpSettings, g *data.Grant, at data.Date) []Step {
	var out []Step
	if ConventionRequired(g.GrantedCents) && g.ConventionSigned.IsZero() {
		out = append(out, Step{Kind: StepSign, Label: "Signer la convention", Date: c.DeliberationDate})
	}
	if pay, since := PayableCents(c, s, g, at); pay > 0 {
		out = append(out, Step{Kind: StepPay, Label: "Verser " + data.FormatEuros(pay), Date: since})
	}
	return append(out, crfSteps(c, s, g, at)...)
}

// crfSteps are the steps of the compte rendu financier and what follows it.
func crfSteps(c *data.Campaign, s data.FollowUpSettings, g *data.Grant, at data.Date) []Step {
	due := CRFDue(c, s, g)
	late := Overdue(c, s, g, at)
	var out []Step
	switch CRFStatus(g) {
	case data.CRFExpected:
		label := "Recevoir le compte rendu financier"
		if !due.IsZero() {
			label += " (dû le " + due.Format() + ")"
		}
		return []Step{{Kind: StepCRF, Label: label, Date: due, Overdue: late}}
	case data.CRFReceived:
		out = append(out, Step{Kind: StepReview, Label: "Examiner le compte rendu financier", Date: g.CRF.Received})
	case data.CRFIncomplete:
		out = append(out, Step{Kind: StepComplete, Label: "Obtenir les pièces manquantes du compte rendu financier", Date: due, Overdue: late})
	}
	if g.Reversal == nil {
		if r := ProposedReversalCents(g); r > 0 {
			out = append(out, Step{Kind: StepReversal, Label: "Demander le reversement de " + data.FormatEuros(r), Date: g.CRF.Received})
		}
	}
	return out
}

// NextStep is the first thing a grant waits for at a date, or, when nothing
// is, that it is settled.
func NextStep(c *data.Campaign, s data.FollowUpSettings, g *data.Grant, at data.Date) Step {
	if steps := Deadlines(c, s, g, at); len(steps) > 0 {
		return steps[0]
	}
	if CRFStatus(g) == data.CRFRefused && g.Reversal == nil {
		return Step{Kind: StepNone, Label: "Compte rendu refusé, rien à reverser"}
	}
	if g.Reversal != nil {
		return Step{Kind: StepDone, Label: "Reversement de " + data.FormatEuros(g.Reversal.AmountCents) + " demandé", Date: g.Reversal.Decided}
	}
	return Step{Kind: StepDone, Label: "Soldé"}
}

// Status is a grant's follow-up at a date, computed once for a list.
type Status struct {
	Grant              *data.Grant
	ConventionRequired bool
	PaidCents          int64
	UsedCents          int64
	UsedKnown          bool // false until a CRF gives UsedCents
	BalanceCents       int64
	ReversalCents      int64
	CRFDue             data.Date
	CRFStatus          data.CRFStatus
	Overdue            bool
	Next               Step
}

// StatusAt computes a grant's follow-up at a date.
func StatusAt(c *data.Campaign, s data.FollowUpSettings, g *data.Grant, at data.Date) Status {
	used, known := UsedCents(g)
	return Status{
		Grant:              g,
		ConventionRequired: ConventionRequired(g.GrantedCents),
		PaidCents:          g.PaidCents(),
		UsedCents:          used,
		UsedKnown:          known,
		BalanceCents:       BalanceCents(g),
		ReversalCents:      ReversalCents(g),
		CRFDue:             CRFDue(c, s, g),
		CRFStatus:          CRFStatus(g),
		Overdue:            Overdue(c, s, g, at),
		Next:               NextStep(c, s, g, at),
	}
}

// List computes every grant's follow-up at a date; overdueOnly keeps the
// grants with something late.
func List(f *data.FollowUp, at data.Date, overdueOnly bool) []Status {
	out := make([]Status, 0, len(f.Grants))
	for i := range f.Grants {
		st := StatusAt(f.Campaign, f.Settings, &f.Grants[i], at)
		if overdueOnly && !st.Overdue {
			continue
		}
		out = append(out, st)
	}
	return out
}
