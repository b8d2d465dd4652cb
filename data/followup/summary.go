package followup

import "github.com/call-agglo/cohesion/data"

// Summary counts a list of grants at a date, for the dashboard's tiles and
// the totals under a list: what was granted, paid and is still to pay, and
// how many grants wait for each kind of work.
type Summary struct {
	Grants        int
	GrantedCents  int64
	PaidCents     int64
	BalanceCents  int64
	ReversalCents int64 // decided or proposed
	ToSign        int   // conventions required and not signed
	ToPay         int   // grants the schedule says to pay now
	CRFOverdue    int   // comptes rendus late (not received, or incomplete)
	CRFIncomplete int
	CRFToReview   int // received, not yet assessed
	Settled       int // nothing more to do
}

// Summarize adds up the statuses of a list (see List).
func Summarize(list []Status) Summary {
	var s Summary
	for _, st := range list {
		s.Grants++
		s.GrantedCents += st.Grant.GrantedCents
		s.PaidCents += st.PaidCents
		s.BalanceCents += st.BalanceCents
		s.ReversalCents += st.ReversalCents
		s.add(st)
	}
	return s
}

func (s *Summary) add(st Status) {
	if st.ConventionRequired && st.Grant.ConventionSigned.IsZero() {
		s.ToSign++
	}
	if st.Overdue {
		s.CRFOverdue++
	}
	switch st.CRFStatus {
	case data.CRFIncomplete:
		s.CRFIncomplete++
	case data.CRFReceived:
		s.CRFToReview++
	}
	switch st.Next.Kind {
	case StepPay:
		s.ToPay++
	case StepDone, StepNone:
		s.Settled++
	}
}

// Has reports whether a grant waits for a kind of step at the date of its
// status (not only as its next step): the screen's filters « à verser »,
// « à signer ».
func Has(c *data.Campaign, s data.FollowUpSettings, st Status, at data.Date, kind StepKind) bool {
	for _, step := range Deadlines(c, s, st.Grant, at) {
		if step.Kind == kind {
			return true
		}
	}
	return false
}
