package followup_test

import (
	"strings"
	"testing"
	"time"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/followup"
)

// refused checks an error is EINVALID and names its rule ("" for none).
func refused(t *testing.T, name string, err error, rule string) {
	t.Helper()
	switch {
	case rule == "" && err != nil:
		t.Errorf("%s: refused (%v), want accepted", name, err)
	case rule != "" && err == nil:
		t.Errorf("%s: accepted, want refused naming « %s »", name, rule)
	case rule != "" && (data.ErrorCode(err) != data.EINVALID || !strings.Contains(data.Plain(err.Error()), rule)):
		t.Errorf("%s: %q (%s), want EINVALID naming « %s »", name, err, data.ErrorCode(err), rule)
	}
}

func TestCheckOpen(t *testing.T) {
	refused(t, "deliberated", followup.CheckOpen(campaign()), "")
	refused(t, "no deliberation", followup.CheckOpen(&data.Campaign{Code: "AMI2021"}), "pas de délibération")
	reopened := campaign()
	reopened.LockedAt = time.Time{}
	refused(t, "reopened", followup.CheckOpen(reopened), "rouverte")
}

func TestCheckPayment(t *testing.T) {
	c := campaign()
	oct := d(1, time.October, 2021)
	large := grant(5_000_000)
	signedLarge := grant(5_000_000)
	signedLarge.ConventionSigned = d(5, time.October, 2021)
	half := grant(1_000_000)
	half.Payments = []data.Payment{pay(600_000, oct)}
	usedLess := grant(1_000_000)
	usedLess.CRF = &data.CRF{Status: data.CRFAccepted, UsedCents: 700_000, CostCents: 900_000}
	for _, tt := range []struct {
		name string
		g    *data.Grant
		p    data.Payment
		rule string
	}{
		{"the whole small grant", grant(2_300_000), pay(2_300_000, oct), ""},
		{"one cent above the grant", grant(2_300_000), pay(2_300_001, oct), "dépasse le solde"},
		{"zero", grant(1_000), pay(0, oct), "positif"},
		{"negative", grant(1_000), pay(-1, oct), "positif"},
		{"before the deliberation", grant(1_000), pay(1_000, d(19, time.September, 2021)), "précède la délibération"},
		{"on the deliberation's day", grant(1_000), pay(1_000, d(20, time.September, 2021)), ""},
		{"no date", grant(1_000), pay(1_000, data.Date{}), "obligatoire"},
		{"convention required, unsigned", large, pay(100, oct), "convention n'est pas signée"},
		{"before the signature", signedLarge, pay(100, oct), "précède la signature"},
		{"after the signature", signedLarge, pay(2_500_000, d(6, time.October, 2021)), ""},
		{"within the balance", half, pay(400_000, oct), ""},
		{"above the balance", half, pay(400_001, oct), "dépasse le solde"},
		{"above what was used", usedLess, pay(700_001, oct), "utilisés selon le compte rendu"},
	} {
		refused(t, tt.name, followup.CheckPayment(c, tt.g, tt.p), tt.rule)
	}
}

func TestCheckCRF(t *testing.T) {
	c := campaign()
	ok := data.CRF{Received: d(1, time.June, 2022), CostCents: 3_000_000, UsedCents: 1_000_000, Status: data.CRFReceived}
	with := func(f func(*data.CRF)) data.CRF { x := ok; f(&x); return x }
	for _, tt := range []struct {
		name string
		crf  data.CRF
		rule string
	}{
		{"received", ok, ""},
		{"before the grant", with(func(x *data.CRF) { x.Received = d(1, time.September, 2021) }), "précède la délibération"},
		{"negative cost", with(func(x *data.CRF) { x.CostCents = -1 }), "ne peut être négatif"},
		{"used above the grant", with(func(x *data.CRF) { x.UsedCents = 1_000_001; x.CostCents = 5_000_000 }), "dépasse la subvention"},
		{"used above the cost", with(func(x *data.CRF) { x.CostCents = 999_999 }), "dépasse le coût total"},
		{"incomplete without what is missing", with(func(x *data.CRF) { x.Status = data.CRFIncomplete }), "ce qui manque"},
		{"incomplete with it", with(func(x *data.CRF) { x.Status = data.CRFIncomplete; x.Missing = "bilan qualitatif" }), ""},
		{"expected is no record", with(func(x *data.CRF) { x.Status = data.CRFExpected }), "statut"},
		{"negative beneficiaries", with(func(x *data.CRF) { x.Beneficiaries = -3 }), "bénéficiaires"},
	} {
		refused(t, tt.name, followup.CheckCRF(c, grant(1_000_000), tt.crf), tt.rule)
	}
}

func TestCheckReversalAndSignature(t *testing.T) {
	c := campaign()
	g := grant(1_000_000)
	g.Payments = []data.Payment{pay(1_000_000, d(1, time.October, 2021))}
	dec := d(1, time.July, 2022)
	for _, tt := range []struct {
		name string
		r    data.Reversal
		rule string
	}{
		{"all that was paid", data.Reversal{AmountCents: 1_000_000, Reason: "action non réalisée", Decided: dec}, ""},
		{"above what was paid", data.Reversal{AmountCents: 1_000_001, Reason: "x", Decided: dec}, "dépasse ce qui a été versé"},
		{"without reason", data.Reversal{AmountCents: 100, Reason: "  ", Decided: dec}, "décision motivée"},
		{"zero", data.Reversal{AmountCents: 0, Reason: "x", Decided: dec}, "positif"},
		{"before the deliberation", data.Reversal{AmountCents: 100, Reason: "x", Decided: d(1, time.January, 2021)}, "précède la délibération"},
	} {
		refused(t, tt.name, followup.CheckReversal(c, g, tt.r), tt.rule)
	}
	refused(t, "signed before the deliberation", followup.CheckSignature(c, g, d(19, time.September, 2021)), "précède la délibération")
	refused(t, "signed after", followup.CheckSignature(c, g, d(21, time.September, 2021)), "")
	refused(t, "advance above the grant", followup.CheckTerms(c, g, data.GrantTerms{AdvanceCents: cents(1_000_001)}), "comprise entre 0")
	refused(t, "percentage above 100", followup.CheckSettings(c, data.FollowUpSettings{AdvancePercent: 101}), "pourcentage")
}

func TestConventionNumber(t *testing.T) {
	if got := followup.ConventionNumber(2021, 1); got != "2021-CONV-001" {
		t.Errorf("ConventionNumber(2021, 1) = %q", got)
	}
	if got := followup.ConventionNumber(2021, 1234); got != "2021-CONV-1234" {
		t.Errorf("ConventionNumber(2021, 1234) = %q", got)
	}
}

func TestCheckCancel(t *testing.T) {
	g := grant(1_000_000)
	g.Payments = []data.Payment{{ID: 7, AmountCents: 600_000}, {ID: 8, AmountCents: 400_000}}
	refused(t, "with a reason", followup.CheckCancel(g, 8, "montant erroné"), "")
	refused(t, "without a reason", followup.CheckCancel(g, 8, " "), "motif écrit")
	if err := followup.CheckCancel(g, 9, "x"); data.ErrorCode(err) != data.ENOTFOUND {
		t.Errorf("unknown payment: %v", err)
	}
	g.Reversal = &data.Reversal{AmountCents: 700_000, Reason: "x"}
	refused(t, "below the reversal", followup.CheckCancel(g, 8, "x"), "dépasserait ce qui reste versé")
	refused(t, "still covering it", followup.CheckCancel(g, 7, "x"), "dépasserait ce qui reste versé")
	g.Reversal.AmountCents = 600_000
	refused(t, "exactly covering it", followup.CheckCancel(g, 8, "x"), "")
}
