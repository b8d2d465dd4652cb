package followup

import "github.com/call-agglo/cohesion/data"

// Trigger is the event that makes an installment payable.
type Trigger string

// The triggers of the default rule.
const (
	// AtNotification: once the decision is notified, which follows the
	// deliberation (its date stands for the notification's).
	AtNotification Trigger = "notification"
	// AtSignature: once the convention is signed.
	AtSignature Trigger = "signature"
	// AtCRFAccepted: once the compte rendu financier is accepted.
	AtCRFAccepted Trigger = "crf"
)

// Label says when an installment is paid, for people.
func (t Trigger) Label() string {
	switch t {
	case AtSignature:
		return "à la signature de la convention"
	case AtCRFAccepted:
		return "après acceptation du compte rendu financier"
	}
	return "à la notification de la décision"
}

// Installment is one payment the schedule proposes.
type Installment struct {
	Trigger     Trigger
	AmountCents int64
}

// Schedule is the payments a grant's rule proposes: at or below 23 000 €,
// all of it once the decision is notified; above, the advance (the grant's
// own, else the campaign's percentage, 50 % by default) at the convention's
// signature and the balance once the CRF is accepted. The installments add up
// to the grant exactly: the advance is rounded down to the cent, the balance
// takes the rest.
func Schedule(s data.FollowUpSettings, g *data.Grant) []Installment {
	if !ConventionRequired(g.GrantedCents) {
		return []Installment{{AtNotification, g.GrantedCents}}
	}
	advance := AdvanceCents(s, g)
	out := []Installment{{AtSignature, advance}}
	if rest := g.GrantedCents - advance; rest > 0 {
		out = append(out, Installment{AtCRFAccepted, rest})
	}
	return out
}

// AdvanceCents is the advance at signature: the grant's own, within the
// grant, else the campaign's percentage of it.
func AdvanceCents(s data.FollowUpSettings, g *data.Grant) int64 {
	if a := g.Terms.AdvanceCents; a != nil {
		return min(max(*a, 0), g.GrantedCents)
	}
	pct := int64(s.AdvancePercent)
	if pct <= 0 || pct > 100 {
		pct = DefaultAdvancePercent
	}
	return g.GrantedCents * pct / 100
}

// triggeredOn is the day an installment became payable; zero while it is not.
func triggeredOn(c *data.Campaign, g *data.Grant, t Trigger, at data.Date) data.Date {
	var on data.Date
	switch t {
	case AtNotification:
		on = c.DeliberationDate
	case AtSignature:
		on = g.ConventionSigned
	case AtCRFAccepted:
		if g.CRF != nil && g.CRF.Status == data.CRFAccepted {
			on = g.CRF.Received
		}
	}
	if on.IsZero() || at.Before(on) {
		return data.Date{}
	}
	return on
}

// PayableCents is what the schedule says may be paid by a date and is not
// yet: the installments triggered by then, less what was paid, within the
// balance. The second value is the day the last of them became payable.
func PayableCents(c *data.Campaign, s data.FollowUpSettings, g *data.Grant, at data.Date) (int64, data.Date) {
	var due int64
	var since data.Date
	for _, in := range Schedule(s, g) {
		if on := triggeredOn(c, g, in.Trigger, at); !on.IsZero() {
			due += in.AmountCents
			since = on
		}
	}
	return min(max(0, due-g.PaidCents()), BalanceCents(g)), since
}

// Planned is a payment the schedule still calls for.
type Planned struct {
	Trigger     Trigger
	AmountCents int64
	Date        data.Date // the day it became payable; zero while it is not
}

// PlannedPayments are the installments not yet paid: the payments made cover
// the installments in order, and what remains of each is still to pay,
// within the balance (the CRF may have lowered it).
func PlannedPayments(c *data.Campaign, s data.FollowUpSettings, g *data.Grant, at data.Date) []Planned {
	covered, left := g.PaidCents(), BalanceCents(g)
	var out []Planned
	for _, in := range Schedule(s, g) {
		amount := in.AmountCents - min(covered, in.AmountCents)
		covered -= in.AmountCents - amount
		amount = min(amount, left)
		if amount <= 0 {
			continue
		}
		left -= amount
		out = append(out, Planned{Trigger: in.Trigger, AmountCents: amount, Date: triggeredOn(c, g, in.Trigger, at)})
	}
	return out
}
