package followup_test

import (
	"strings"
	"testing"
	"time"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/followup"
)

func d(day int, m time.Month, y int) data.Date { return data.NewDate(y, m, day) }

// campaign is AMI2021 after its deliberation of 20/09/2021.
func campaign() *data.Campaign {
	return &data.Campaign{Code: "AMI2021", DeliberationNumber: "2021-145", DeliberationDate: d(20, time.September, 2021),
		LockedAt: time.Date(2021, 9, 20, 18, 0, 0, 0, data.Paris)}
}

func grant(cents int64) *data.Grant {
	return &data.Grant{ApplicationID: 1, Number: "AMI2021-001", Structure: "Le Lien", GrantedCents: cents}
}

func pay(cents int64, on data.Date) data.Payment { return data.Payment{AmountCents: cents, Date: on} }

func cents(n int64) *int64 { return &n }

func TestConventionThreshold(t *testing.T) {
	for _, tt := range []struct {
		cents int64
		want  bool
	}{{0, false}, {100, false}, {2_299_999, false}, {2_300_000, false}, {2_300_001, true}, {15_000_000, true}} {
		if got := followup.ConventionRequired(tt.cents); got != tt.want {
			t.Errorf("ConventionRequired(%d) = %v, want %v", tt.cents, got, tt.want)
		}
	}
}

func TestSchedule(t *testing.T) {
	s50 := data.FollowUpSettings{}
	for _, tt := range []struct {
		name     string
		s        data.FollowUpSettings
		g        *data.Grant
		want     []followup.Installment
		wantText string
	}{
		{name: "exactly 23 000,00 €: all at notification", s: s50, g: grant(2_300_000),
			want: []followup.Installment{{followup.AtNotification, 2_300_000}}},
		{name: "23 000,01 €: half at signature, the rest after the CRF", s: s50, g: grant(2_300_001),
			want: []followup.Installment{{followup.AtSignature, 1_150_000}, {followup.AtCRFAccepted, 1_150_001}}},
		{name: "campaign's 30 %", s: data.FollowUpSettings{AdvancePercent: 30}, g: grant(5_000_000),
			want: []followup.Installment{{followup.AtSignature, 1_500_000}, {followup.AtCRFAccepted, 3_500_000}}},
		{name: "grant's own advance wins", s: data.FollowUpSettings{AdvancePercent: 30},
			g:    &data.Grant{GrantedCents: 5_000_000, Terms: data.GrantTerms{AdvanceCents: cents(4_000_000)}},
			want: []followup.Installment{{followup.AtSignature, 4_000_000}, {followup.AtCRFAccepted, 1_000_000}}},
		{name: "advance of the whole grant: one installment", s: s50,
			g:    &data.Grant{GrantedCents: 5_000_000, Terms: data.GrantTerms{AdvanceCents: cents(5_000_000)}},
			want: []followup.Installment{{followup.AtSignature, 5_000_000}}},
	} {
		got := followup.Schedule(tt.s, tt.g)
		if len(got) != len(tt.want) {
			t.Errorf("%s: Schedule = %v, want %v", tt.name, got, tt.want)
			continue
		}
		var sum int64
		for i := range got {
			sum += got[i].AmountCents
			if got[i] != tt.want[i] {
				t.Errorf("%s: installment %d = %v, want %v", tt.name, i, got[i], tt.want[i])
			}
		}
		if sum != tt.g.GrantedCents {
			t.Errorf("%s: installments add up to %d, the grant is %d", tt.name, sum, tt.g.GrantedCents)
		}
	}
}

func TestBalanceAndReversal(t *testing.T) {
	for _, tt := range []struct {
		name                       string
		granted                    int64
		paid                       []int64
		crf                        *data.CRF
		reversal                   *data.Reversal
		balance, proposed, decided int64
	}{
		{name: "nothing paid", granted: 2_000_000, balance: 2_000_000},
		{name: "half paid", granted: 5_000_000, paid: []int64{2_500_000}, balance: 2_500_000},
		{name: "all paid, no CRF: no reversal proposed", granted: 2_000_000, paid: []int64{2_000_000}},
		{name: "CRF uses less than granted, more than paid", granted: 5_000_000, paid: []int64{2_500_000},
			crf: &data.CRF{Status: data.CRFAccepted, UsedCents: 4_000_000, CostCents: 9_000_000}, balance: 1_500_000},
		{name: "CRF uses less than paid", granted: 2_000_000, paid: []int64{2_000_000},
			crf: &data.CRF{Status: data.CRFReceived, UsedCents: 1_234_567, CostCents: 3_000_000}, proposed: 765_433, decided: 765_433},
		{name: "CRF refused: everything paid to repay", granted: 2_000_000, paid: []int64{1_000_000, 500_000},
			crf: &data.CRF{Status: data.CRFRefused, UsedCents: 2_000_000, CostCents: 3_000_000}, proposed: 1_500_000, decided: 1_500_000},
		{name: "reversal decided below the proposal", granted: 2_000_000, paid: []int64{2_000_000},
			crf:      &data.CRF{Status: data.CRFAccepted, UsedCents: 1_000_000, CostCents: 3_000_000},
			reversal: &data.Reversal{AmountCents: 600_000, Reason: "dépenses de janvier admises"}, proposed: 1_000_000, decided: 600_000},
	} {
		g := grant(tt.granted)
		for _, p := range tt.paid {
			g.Payments = append(g.Payments, pay(p, d(1, time.October, 2021)))
		}
		g.CRF, g.Reversal = tt.crf, tt.reversal
		if got := followup.BalanceCents(g); got != tt.balance {
			t.Errorf("%s: BalanceCents = %d, want %d", tt.name, got, tt.balance)
		}
		if got := followup.ProposedReversalCents(g); got != tt.proposed {
			t.Errorf("%s: ProposedReversalCents = %d, want %d", tt.name, got, tt.proposed)
		}
		if got := followup.ReversalCents(g); got != tt.decided {
			t.Errorf("%s: ReversalCents = %d, want %d", tt.name, got, tt.decided)
		}
	}
}

func TestCRFDueAndOverdue(t *testing.T) {
	c := campaign()
	june30 := d(30, time.June, 2022)
	if got := followup.CRFDue(c, data.FollowUpSettings{}, grant(100)); got != june30 {
		t.Errorf("default CRF due = %s, want 30/06/2022 (six months after the end of 2021)", got.Format())
	}
	s := data.FollowUpSettings{CRFDue: d(31, time.March, 2022)}
	if got := followup.CRFDue(c, s, grant(100)); got != s.CRFDue {
		t.Errorf("campaign's CRF due = %s, want 31/03/2022", got.Format())
	}
	g := grant(100)
	g.Terms.CRFDue = d(15, time.September, 2022)
	if got := followup.CRFDue(c, s, g); got != g.Terms.CRFDue {
		t.Errorf("grant's CRF due = %s, want 15/09/2022", got.Format())
	}
	if followup.DefaultCRFDue(data.Date{}) != (data.Date{}) {
		t.Error("no deliberation date: no default CRF due date")
	}
	for _, tt := range []struct {
		name string
		crf  *data.CRF
		at   data.Date
		want bool
	}{
		{"on the due day: not late", nil, june30, false},
		{"the day after: late", nil, d(1, time.July, 2022), true},
		{"received in time", &data.CRF{Status: data.CRFReceived, Received: d(1, time.June, 2022)}, d(1, time.July, 2022), false},
		{"incomplete after the due date: late", &data.CRF{Status: data.CRFIncomplete, Missing: "bilan"}, d(1, time.July, 2022), true},
		{"accepted", &data.CRF{Status: data.CRFAccepted}, d(1, time.July, 2023), false},
	} {
		g := grant(100)
		g.CRF = tt.crf
		if got := followup.Overdue(c, data.FollowUpSettings{}, g, tt.at); got != tt.want {
			t.Errorf("%s: Overdue = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestNextStep(t *testing.T) {
	c := campaign()
	at := d(1, time.December, 2021)
	signed := func(g *data.Grant) *data.Grant { g.ConventionSigned = d(1, time.October, 2021); return g }
	paid := func(g *data.Grant, n int64) *data.Grant {
		g.Payments = append(g.Payments, pay(n, d(2, time.October, 2021)))
		return g
	}
	crf := func(g *data.Grant, st data.CRFStatus, used int64) *data.Grant {
		g.CRF = &data.CRF{Status: st, UsedCents: used, CostCents: used * 2, Received: d(1, time.June, 2022), Missing: "bilan"}
		return g
	}
	for _, tt := range []struct {
		name  string
		g     *data.Grant
		at    data.Date
		kind  followup.StepKind
		label string
	}{
		{"small grant: pay it all", grant(2_300_000), at, followup.StepPay, "Verser 23 000,00 €"},
		{"large grant: sign first", grant(2_300_001), at, followup.StepSign, "Signer la convention"},
		{"signed: pay the advance", signed(grant(5_000_000)), at, followup.StepPay, "Verser 25 000,00 €"},
		{"advance paid: wait for the CRF", paid(signed(grant(5_000_000)), 2_500_000), at, followup.StepCRF, "30/06/2022"},
		{"CRF received: assess it", crf(paid(signed(grant(5_000_000)), 2_500_000), data.CRFReceived, 5_000_000), d(2, time.June, 2022), followup.StepReview, "Examiner"},
		{"CRF accepted: pay the balance", crf(paid(signed(grant(5_000_000)), 2_500_000), data.CRFAccepted, 4_000_000), d(2, time.June, 2022), followup.StepPay, "Verser 15 000,00 €"},
		{"CRF incomplete", crf(paid(grant(1_000_000), 1_000_000), data.CRFIncomplete, 1_000_000), d(2, time.June, 2022), followup.StepComplete, "manquantes"},
		{"used less than paid: reversal", crf(paid(grant(1_000_000), 1_000_000), data.CRFAccepted, 400_000), d(2, time.June, 2022), followup.StepReversal, "Demander le reversement de 6 000,00 €"},
		{"all settled", crf(paid(grant(1_000_000), 1_000_000), data.CRFAccepted, 1_000_000), d(2, time.June, 2022), followup.StepDone, "Soldé"},
		{"before the CRF is accepted, the balance waits", paid(signed(grant(5_000_000)), 2_500_000), d(1, time.July, 2023), followup.StepCRF, "Recevoir"},
	} {
		got := followup.NextStep(c, data.FollowUpSettings{}, tt.g, tt.at)
		if got.Kind != tt.kind || !strings.Contains(data.Plain(got.Label), tt.label) {
			t.Errorf("%s: NextStep = %s « %s », want %s with « %s »", tt.name, got.Kind, data.Plain(got.Label), tt.kind, tt.label)
		}
	}
	late := followup.NextStep(c, data.FollowUpSettings{}, paid(grant(1_000_000), 1_000_000), d(1, time.July, 2022))
	if late.Kind != followup.StepCRF || !late.Overdue {
		t.Errorf("CRF late: NextStep = %+v, want an overdue StepCRF", late)
	}
}

func TestList(t *testing.T) {
	f := &data.FollowUp{Campaign: campaign(), Grants: []data.Grant{*grant(1_000_000), *grant(2_000_000)}}
	f.Grants[1].CRF = &data.CRF{Status: data.CRFAccepted, UsedCents: 2_000_000, CostCents: 2_000_000, Received: d(1, time.May, 2022)}
	at := d(1, time.August, 2022)
	if got := followup.List(f, at, false); len(got) != 2 || got[0].CRFDue != d(30, time.June, 2022) || !got[0].Overdue || got[1].Overdue {
		t.Fatalf("List = %+v, want two grants, the first overdue", got)
	}
	if got := followup.List(f, at, true); len(got) != 1 || got[0].Grant.GrantedCents != 1_000_000 {
		t.Errorf("List(overdue) = %+v, want the first grant only", got)
	}
	if got := followup.List(f, at, false)[1]; !got.UsedKnown || got.UsedCents != 2_000_000 || got.BalanceCents != 2_000_000 {
		t.Errorf("second grant: %+v, want used 20 000 € known and 20 000 € to pay", got)
	}
}

func TestPlannedPayments(t *testing.T) {
	c := campaign()
	at := d(1, time.July, 2022)
	signed := grant(5_000_000)
	signed.ConventionSigned = d(4, time.October, 2021)
	advancePaid := grant(5_000_000)
	advancePaid.ConventionSigned = d(4, time.October, 2021)
	advancePaid.Payments = []data.Payment{pay(2_000_000, d(5, time.October, 2021))}
	lowered := grant(5_000_000)
	lowered.ConventionSigned = d(4, time.October, 2021)
	lowered.Payments = []data.Payment{pay(2_500_000, d(5, time.October, 2021))}
	lowered.CRF = &data.CRF{Status: data.CRFAccepted, UsedCents: 3_000_000, CostCents: 4_000_000, Received: d(1, time.June, 2022)}
	for _, tt := range []struct {
		name string
		g    *data.Grant
		want []followup.Planned
	}{
		{"small, nothing paid", grant(2_300_000), []followup.Planned{{followup.AtNotification, 2_300_000, c.DeliberationDate}}},
		{"large, signed", signed, []followup.Planned{{followup.AtSignature, 2_500_000, signed.ConventionSigned}, {followup.AtCRFAccepted, 2_500_000, data.Date{}}}},
		{"part of the advance paid", advancePaid, []followup.Planned{{followup.AtSignature, 500_000, advancePaid.ConventionSigned}, {followup.AtCRFAccepted, 2_500_000, data.Date{}}}},
		{"balance lowered by the CRF", lowered, []followup.Planned{{followup.AtCRFAccepted, 500_000, d(1, time.June, 2022)}}},
	} {
		got := followup.PlannedPayments(c, data.FollowUpSettings{}, tt.g, at)
		if len(got) != len(tt.want) {
			t.Errorf("%s: %+v, want %+v", tt.name, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("%s: planned %d = %+v, want %+v", tt.name, i, got[i], tt.want[i])
			}
		}
	}
}

func TestPaymentPeriod(t *testing.T) {
	g := grant(1_000_000)
	if !followup.PaymentPeriod(g).IsZero() {
		t.Error("nothing paid: a period")
	}
	g.Payments = []data.Payment{pay(1, d(5, time.March, 2022)), pay(1, d(4, time.October, 2021)), pay(1, d(1, time.December, 2021))}
	if got := followup.PaymentPeriod(g); got.From != d(4, time.October, 2021) || got.To != d(5, time.March, 2022) {
		t.Errorf("PaymentPeriod = %+v", got)
	}
}
