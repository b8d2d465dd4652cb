package followup_test

import (
	"testing"
	"time"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/followup"
)

func TestSummarize(t *testing.T) {
	c := campaign()
	unsigned := *grant(5_000_000)
	paidSmall := *grant(1_000_000)
	paidSmall.Payments = []data.Payment{pay(1_000_000, d(1, time.October, 2021))}
	settled := *grant(2_000_000)
	settled.Payments = []data.Payment{pay(2_000_000, d(1, time.October, 2021))}
	settled.CRF = &data.CRF{Status: data.CRFAccepted, UsedCents: 1_500_000, CostCents: 3_000_000, Received: d(1, time.May, 2022)}
	settled.Reversal = &data.Reversal{AmountCents: 500_000, Reason: "x", Decided: d(1, time.June, 2022)}
	incomplete := *grant(300_000)
	incomplete.CRF = &data.CRF{Status: data.CRFIncomplete, Missing: "bilan", UsedCents: 300_000, CostCents: 400_000, Received: d(1, time.May, 2022)}
	f := &data.FollowUp{Campaign: c, Grants: []data.Grant{unsigned, paidSmall, settled, incomplete}}
	at := d(1, time.July, 2022)
	got := followup.Summarize(followup.List(f, at, false))
	want := followup.Summary{Grants: 4, GrantedCents: 8_300_000, PaidCents: 3_000_000, BalanceCents: 5_300_000, ReversalCents: 500_000,
		ToSign: 1, ToPay: 1, CRFOverdue: 3, CRFIncomplete: 1, CRFToReview: 0, Settled: 1}
	if got != want {
		t.Errorf("Summarize =\n%+v\nwant\n%+v", got, want)
	}
	st := followup.StatusAt(c, f.Settings, &f.Grants[3], at)
	if !followup.Has(c, f.Settings, st, at, followup.StepPay) || followup.Has(c, f.Settings, st, at, followup.StepSign) {
		t.Errorf("the incomplete grant: to pay, nothing to sign: %+v", st.Next)
	}
}
