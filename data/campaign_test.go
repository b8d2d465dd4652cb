package data_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/seed"
)

// testCampaign is a small hand-built campaign: deadline 30/04/2021, two
// communes, two QPVs, two themes.
func testCampaign() *data.Campaign {
	return &data.Campaign{
		ID:            1,
		Code:          "AMI2021",
		Title:         "Appel à manifestation d'intérêt cohésion sociale 2021",
		EnvelopeCents: 15_000_000,
		Launch:        data.NewDate(2021, time.March, 1),
		Deadline:      data.NewDate(2021, time.April, 30),
		Themes: []data.Theme{
			{ID: 10, Position: 1, Label: "Éducation et réussite"},
			{ID: 11, Position: 2, Label: "Santé"},
		},
		Communes: []data.Commune{
			{INSEE: "62498", Name: "Lens", HasQPV: true},
			{INSEE: "62510", Name: "Liévin", HasQPV: true},
		},
		QPVs: []data.QPV{
			{Code: "QP062002", Name: "Camus", Communes: []string{"62032", "62510"}},
			{Code: "QP062040", Name: "Cité Saint-Pierre", Communes: []string{"62498"}},
		},
		Criteria:               []data.Criterion{{ID: 1, Position: 1, Label: "Pertinence", Weight: 2, Max: 5}},
		Quorum:                 2,
		DisagreementHundredths: 300,
	}
}

func TestIsLateCountsTheWholeDayInParis(t *testing.T) {
	c := testCampaign() // deadline 30/04/2021
	summer := time.FixedZone("UTC+2", 2*3600)
	tests := []struct {
		name string
		at   time.Time
		late bool
	}{
		{"morning of the deadline", time.Date(2021, 4, 30, 9, 0, 0, 0, data.Paris), false},
		{"last second, Paris offset", time.Date(2021, 4, 30, 23, 59, 59, 0, summer), false},
		{"last nanosecond", time.Date(2021, 4, 30, 23, 59, 59, 999_999_999, data.Paris), false},
		{"midnight after, Paris offset", time.Date(2021, 5, 1, 0, 0, 0, 0, summer), true},
		{"midnight after, Paris zone", time.Date(2021, 5, 1, 0, 0, 0, 0, data.Paris), true},
		{"22:30 UTC is 00:30 in Paris on 1 May", time.Date(2021, 4, 30, 22, 30, 0, 0, time.UTC), true},
		{"21:59:59 UTC is 23:59:59 in Paris", time.Date(2021, 4, 30, 21, 59, 59, 0, time.UTC), false},
		{"22:00 UTC is midnight in Paris", time.Date(2021, 4, 30, 22, 0, 0, 0, time.UTC), true},
		{"18:30 in New York is 00:30 in Paris", time.Date(2021, 4, 30, 18, 30, 0, 0, time.FixedZone("EDT", -4*3600)), true},
		{"17:30 in New York is 23:30 in Paris", time.Date(2021, 4, 30, 17, 30, 0, 0, time.FixedZone("EDT", -4*3600)), false},
		{"a week early", time.Date(2021, 4, 23, 12, 0, 0, 0, data.Paris), false},
		{"a year late", time.Date(2022, 4, 30, 12, 0, 0, 0, data.Paris), true},
		{"unset time", time.Time{}, false},
	}
	for _, tt := range tests {
		if got := c.IsLate(tt.at); got != tt.late {
			t.Errorf("%s: IsLate(%v) = %v, want %v", tt.name, tt.at, got, tt.late)
		}
	}
}

func TestIsLateWinterDeadline(t *testing.T) {
	// In January Paris is UTC+1: the deadline day ends at 23:00 UTC.
	c := &data.Campaign{Deadline: data.NewDate(2021, time.January, 15)}
	if c.IsLate(time.Date(2021, 1, 15, 22, 59, 59, 0, time.UTC)) {
		t.Error("22:59:59 UTC (23:59:59 Paris) on the deadline should be on time")
	}
	if !c.IsLate(time.Date(2021, 1, 15, 23, 0, 0, 0, time.UTC)) {
		t.Error("23:00 UTC (midnight Paris) after the deadline should be late")
	}
	// The last day of October 2021 has 25 hours in Paris.
	c.Deadline = data.NewDate(2021, time.October, 31)
	if c.IsLate(time.Date(2021, 10, 31, 22, 59, 0, 0, time.UTC)) {
		t.Error("23:59 Paris on 31/10/2021 should be on time")
	}
	if !c.IsLate(time.Date(2021, 10, 31, 23, 0, 0, 0, time.UTC)) {
		t.Error("midnight Paris on 01/11/2021 should be late")
	}
}

func TestIsLateParsedInputs(t *testing.T) {
	c := testCampaign()
	for _, tt := range []struct {
		in   string
		late bool
	}{
		{"30/04/2021 23:59", false},
		{"30/04/2021 23:59:59", false},
		{"01/05/2021 00:00", true},
		{"2021-04-30T23:59:59+02:00", false},
		{"2021-05-01T00:00:00+02:00", true},
		{"2021-04-30T22:30:00Z", true},
		{"2021-04-30T21:30:00Z", false},
	} {
		at, err := data.ParseDateTime(tt.in)
		if err != nil {
			t.Fatalf("ParseDateTime(%q): %v", tt.in, err)
		}
		if got := c.IsLate(at); got != tt.late {
			t.Errorf("IsLate(%s) = %v, want %v", tt.in, got, tt.late)
		}
	}
}

func TestIsLateWithoutDeadline(t *testing.T) {
	c := &data.Campaign{}
	if c.IsLate(time.Date(2999, 1, 1, 0, 0, 0, 0, time.UTC)) {
		t.Error("a campaign without a deadline has no late application")
	}
	var nilCampaign *data.Campaign
	if nilCampaign.IsLate(time.Now()) {
		t.Error("no campaign, no lateness")
	}
}

func TestApplyDeadline(t *testing.T) {
	c := testCampaign()
	onTime := time.Date(2021, 4, 30, 23, 59, 0, 0, data.Paris)
	late := time.Date(2021, 5, 1, 0, 0, 0, 0, data.Paris)

	t.Run("on time", func(t *testing.T) {
		a := &data.Application{Received: onTime, Status: data.StatusRecu}
		if _, changed := a.ApplyDeadline(c); changed {
			t.Fatal("an application on time must not change status")
		}
		if a.Late || a.Status != data.StatusRecu {
			t.Fatalf("Late = %v, Status = %v", a.Late, a.Status)
		}
	})

	t.Run("late", func(t *testing.T) {
		a := &data.Application{Received: late, Status: data.StatusRecu}
		ch, changed := a.ApplyDeadline(c)
		if !changed {
			t.Fatal("a late application must be declared irrecevable")
		}
		if !a.Late || a.Status != data.StatusIrrecevable {
			t.Fatalf("Late = %v, Status = %v", a.Late, a.Status)
		}
		if ch.From != data.StatusRecu || ch.To != data.StatusIrrecevable {
			t.Errorf("change %v → %v", ch.From, ch.To)
		}
		if !strings.Contains(ch.Reason, "délai") || !strings.Contains(ch.Reason, "01/05/2021 00:00") || !strings.Contains(ch.Reason, "30/04/2021") {
			t.Errorf("reason %q should name the delay, the receipt and the deadline", ch.Reason)
		}
	})

	t.Run("late with an override", func(t *testing.T) {
		a := &data.Application{Received: late, Status: data.StatusRecevable, LateOverride: "Panne du service postal attestée"}
		if _, changed := a.ApplyDeadline(c); changed {
			t.Fatal("an overridden late application keeps its status")
		}
		if !a.Late || a.Status != data.StatusRecevable {
			t.Fatalf("Late = %v, Status = %v; want late and still recevable", a.Late, a.Status)
		}
	})

	t.Run("blank override does not count", func(t *testing.T) {
		a := &data.Application{Received: late, Status: data.StatusRecu, LateOverride: "  \t "}
		if _, changed := a.ApplyDeadline(c); !changed || a.Status != data.StatusIrrecevable {
			t.Fatalf("changed = %v, Status = %v", changed, a.Status)
		}
	})

	t.Run("already irrecevable", func(t *testing.T) {
		a := &data.Application{Received: late, Status: data.StatusIrrecevable}
		if _, changed := a.ApplyDeadline(c); changed {
			t.Fatal("no second status change for an application already irrecevable")
		}
		if !a.Late {
			t.Fatal("still late")
		}
	})

	t.Run("re-dated on time clears Late", func(t *testing.T) {
		a := &data.Application{Received: late, Status: data.StatusRecu}
		a.ApplyDeadline(c)
		a.Received = onTime
		a.ApplyDeadline(c)
		if a.Late {
			t.Fatal("Late must follow the new receipt date")
		}
	})

	t.Run("UTC receipt after midnight in Paris", func(t *testing.T) {
		a := &data.Application{Received: time.Date(2021, 4, 30, 22, 30, 0, 0, time.UTC), Status: data.StatusRecu}
		if _, changed := a.ApplyDeadline(c); !changed || !a.Late {
			t.Fatalf("22:30 UTC on 30/04 is late: changed = %v, Late = %v", changed, a.Late)
		}
	})
}

func TestCampaignLookups(t *testing.T) {
	c := testCampaign()
	if th, ok := c.ThemeByLabel("  education ET reussite "); !ok || th.ID != 10 {
		t.Errorf("ThemeByLabel ignoring case/accents: %+v, %v", th, ok)
	}
	if _, ok := c.ThemeByLabel("Culture"); ok {
		t.Error("ThemeByLabel(Culture) found a theme")
	}
	if th, ok := c.ThemeByID(11); !ok || th.Label != "Santé" {
		t.Errorf("ThemeByID(11) = %+v, %v", th, ok)
	}
	if _, ok := c.ThemeByID(99); ok {
		t.Error("ThemeByID(99) found a theme")
	}
	for _, s := range []string{"QP062040", "qp062040", "cite saint pierre", "Cité Saint-Pierre"} {
		if q, ok := c.QPVByCodeOrName(s); !ok || q.Code != "QP062040" {
			t.Errorf("QPVByCodeOrName(%q) = %+v, %v", s, q, ok)
		}
	}
	if _, ok := c.QPVByCodeOrName("QP062999"); ok {
		t.Error("unknown QPV found")
	}
	for _, s := range []string{"62510", "Liévin", "LIEVIN"} {
		if m, ok := c.CommuneByNameOrCode(s); !ok || m.INSEE != "62510" {
			t.Errorf("CommuneByNameOrCode(%q) = %+v, %v", s, m, ok)
		}
	}
	if _, ok := c.CommuneByNameOrCode("Arras"); ok {
		t.Error("Arras is not in the list")
	}
	if got := c.CommuneName("62498"); got != "Lens" {
		t.Errorf("CommuneName(62498) = %q", got)
	}
	if got := c.CommuneName("75056"); got != "75056" {
		t.Errorf("CommuneName of an unknown code = %q, want the code", got)
	}
}

func TestValidateCampaign(t *testing.T) {
	if err := data.ValidateCampaign(testCampaign()); err != nil {
		t.Fatalf("valid campaign refused: %v", err)
	}
	// A disagreement threshold out of range is refused, not silently replaced.
	for _, d := range []int64{0, -50, 2001} {
		c := testCampaign()
		c.DisagreementHundredths = d
		var v data.ValidationErrors
		if err := data.ValidateCampaign(c); !errors.As(err, &v) || v.For(data.FieldDisagreement) == "" {
			t.Errorf("disagreement %d: %v", d, err)
		}
	}
	bad := testCampaign()
	bad.Code = "AMI 2021!"
	bad.Title = " "
	bad.EnvelopeCents = 0
	bad.Deadline = data.NewDate(2021, time.February, 1) // before the launch
	bad.Themes = append(bad.Themes, data.Theme{Label: ""})
	bad.Criteria = append(bad.Criteria, data.Criterion{Label: "Budget", Weight: 0, Max: 5})
	bad.Quorum = 0
	bad.MinScoreHundredths = 2100
	err := data.ValidateCampaign(bad)
	var v data.ValidationErrors
	if !asValidation(err, &v) {
		t.Fatalf("ValidateCampaign error %T %v, want ValidationErrors", err, err)
	}
	for field, word := range map[string]string{
		data.FieldCampaignCode:  "code",
		data.FieldCampaignTitle: "obligatoire",
		data.FieldEnvelope:      "enveloppe",
		data.FieldDeadline:      "lancement",
		data.FieldThemes:        "intitulé",
		data.FieldCriteria:      "poids",
		data.FieldQuorum:        "quorum",
		data.FieldMinScore:      "note",
	} {
		if msg := v.For(field); !strings.Contains(msg, word) {
			t.Errorf("For(%s) = %q, want a message with %q", field, msg, word)
		}
	}
	tooBig := testCampaign()
	tooBig.EnvelopeCents = data.MaxCents + 1
	tooBig.Code = strings.Repeat("A", 33)
	v = nil
	if !asValidation(data.ValidateCampaign(tooBig), &v) || v.For(data.FieldEnvelope) == "" || v.For(data.FieldCampaignCode) == "" {
		t.Errorf("too big envelope and too long code should be refused: %v", v)
	}
}

func TestDefaultCampaignDeadline(t *testing.T) {
	c, err := seed.DefaultCampaign()
	if err != nil {
		t.Fatalf("seed.DefaultCampaign: %v", err)
	}
	if c.Deadline.IsZero() {
		t.Fatal("the seed campaign has no deadline")
	}
	lastSecond := time.Date(c.Deadline.Year, c.Deadline.Month, c.Deadline.Day, 23, 59, 59, 0, data.Paris)
	if c.IsLate(lastSecond) {
		t.Errorf("%v is the deadline's last second, not late", lastSecond)
	}
	if !c.IsLate(lastSecond.Add(time.Second)) {
		t.Errorf("%v is after the deadline", lastSecond.Add(time.Second))
	}
}

func TestStatuses(t *testing.T) {
	for _, st := range data.Statuses {
		if st.Label() == string(st) || st.Label() == "" {
			t.Errorf("status %q has no French label", st)
		}
		for _, in := range []string{string(st), st.Label(), strings.ToUpper(st.Label()), " " + st.Label() + " "} {
			if got, ok := data.StatusFromLabel(in); !ok || got != st {
				t.Errorf("StatusFromLabel(%q) = %q, %v; want %q", in, got, ok, st)
			}
		}
		if !st.Known() {
			t.Errorf("%q.Known() = false", st)
		}
	}
	if got, ok := data.StatusFromLabel("Recu"); !ok || got != data.StatusRecu {
		t.Errorf("StatusFromLabel(Recu) = %q, %v", got, ok)
	}
	for _, in := range []string{"", "accepté", "lauréat", "  "} {
		if got, ok := data.StatusFromLabel(in); ok {
			t.Errorf("StatusFromLabel(%q) = %q, want none", in, got)
		}
	}
	if data.Status("Recevable").Known() || data.Status("RECU").Known() {
		t.Error("a label or an upper-case code is not a status code")
	}
}

func TestCheckStatusChange(t *testing.T) {
	tests := []struct {
		from, to data.Status
		reason   string
		word     string // "" when the change is allowed
	}{
		{data.StatusRecu, data.StatusComplet, "", ""},
		{data.StatusRecu, data.StatusRecevable, "", ""},
		{data.StatusRecu, data.StatusIrrecevable, "Hors délai", ""},
		{data.StatusRecu, data.StatusIrrecevable, "", "motif"},
		{data.StatusRecu, data.StatusIrrecevable, "   ", "motif"},
		{data.StatusRecu, data.StatusSansSuite, "", "motif"},
		{data.StatusRecu, data.StatusIncomplet, "", "motif"},
		{data.StatusRecu, data.StatusIncomplet, "RIB manquant", ""},
		{data.StatusRecu, data.StatusRecu, "", "déjà"},
		{data.StatusRecu, "accepte", "x", "inconnu"},
		{data.StatusRecu, "", "x", "inconnu"},
		// A label or another case is not a code: storing it would corrupt the register.
		{data.StatusRecu, "Recevable", "x", "inconnu"},
		{data.StatusRecu, "IRRECEVABLE", "x", "inconnu"},
		{data.StatusRecu, "Sans suite", "x", "inconnu"},
	}
	for _, tt := range tests {
		err := data.CheckStatusChange(tt.from, tt.to, tt.reason)
		switch {
		case tt.word == "" && err != nil:
			t.Errorf("CheckStatusChange(%q, %q, %q) = %v, want nil", tt.from, tt.to, tt.reason, err)
		case tt.word != "" && err == nil:
			t.Errorf("CheckStatusChange(%q, %q, %q) = nil, want an error", tt.from, tt.to, tt.reason)
		case tt.word != "" && (!strings.Contains(err.Error(), tt.word) || data.ErrorCode(err) != data.EINVALID):
			t.Errorf("CheckStatusChange(%q, %q, %q) = %q (%s), want EINVALID with %q", tt.from, tt.to, tt.reason, err, data.ErrorCode(err), tt.word)
		}
	}
}

// A dossier whose deposit date nobody typed is not late, whatever today is:
// it is never born « Irrecevable (hors délai) ».
func TestUnknownDepositIsNotLate(t *testing.T) {
	c := &data.Campaign{Deadline: data.NewDate(2021, 4, 30)}
	a := &data.Application{Status: data.StatusRecu}
	if _, changed := a.ApplyDeadline(c); changed || a.Late || a.Status != data.StatusRecu {
		t.Fatalf("late %v, status %s", a.Late, a.Status)
	}
	if !data.DateOf(time.Time{}).IsZero() || data.DateOf(time.Time{}).Format() != "" {
		t.Fatalf("the day of an unknown instant: %q", data.DateOf(time.Time{}).Format())
	}
}

func TestJurorLabel(t *testing.T) {
	j := data.Juror{Name: "Claire Vasseur (fictif)", College: data.CollegeElu}
	if got := j.Label(); got != "Claire Vasseur (fictif) — collège des élus" {
		t.Fatalf("label %q", got)
	}
	if got := (&data.Juror{Name: "M. Leroy"}).Label(); got != "M. Leroy" {
		t.Fatalf("label without college %q", got)
	}
}
