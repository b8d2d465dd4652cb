package storetest

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/alloc"
	"github.com/call-agglo/cohesion/data/campaign"
)

// grantsFixture: a campaign whose adopted rank scenario gives 30 000 € to the
// first dossier (a convention required) and 8 000 € to the second, not yet
// deliberated. The third is below the minimum score.
func grantsFixture(t testing.TB, h Harness) (data.Store, *data.Campaign, []*data.Application) {
	t.Helper()
	st, c, apps, jurors := juryFixture(t, h)
	big := mustApp(t, st, apps[0].ID)
	big.TotalCents, big.RequestedCents = 6_000_000, 3_000_000
	if err := st.UpdateApplication(ctx, c, big, data.UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
	for i, v := range []int{5, 4, 1} {
		mustScore(t, st, c, jurors[0], apps[i], v, v, v, v, v)
	}
	c.EnvelopeCents = 4_000_000
	if err := st.UpdateCampaign(ctx, c, false); err != nil {
		t.Fatal(err)
	}
	adoptRank(t, st, c)
	return st, c, apps
}

// deliberated records the deliberation n° 2021-154 of 27/09/2021.
func deliberated(t testing.TB, st data.Store, c *data.Campaign) *data.Campaign {
	t.Helper()
	if err := campaign.Deliberate(ctx, st, c.ID, "2021-154", data.NewDate(2021, 9, 27), ""); err != nil {
		t.Fatal(err)
	}
	c, err := st.Campaign(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func mustFollowUp(t testing.TB, st data.Store, c *data.Campaign) *data.FollowUp {
	t.Helper()
	f, err := st.FollowUp(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// refusedWith checks a write was refused with EINVALID naming its rule.
func refusedWith(t testing.TB, what string, err error, rule string) {
	t.Helper()
	if data.ErrorCode(err) != data.EINVALID || !strings.Contains(data.Plain(err.Error()), rule) {
		t.Errorf("%s: %v (%s), want EINVALID naming « %s »", what, err, data.ErrorCode(err), rule)
	}
}

func rowCount(t testing.TB, st data.Store, table string) int {
	t.Helper()
	var n int
	if err := Raw(st).QueryRow(`SELECT count(*) FROM ` + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// Before the deliberation there is nothing to follow, and every follow-up
// write is refused, naming the deliberation, nothing written.
var _ = register("FollowUpRefusedBeforeDeliberation", func(t *testing.T, h Harness) {
	st, c, apps := grantsFixture(t, h)
	if f := mustFollowUp(t, st, c); len(f.Grants) != 0 {
		t.Fatalf("grants before the deliberation: %+v", f.Grants)
	}
	day := data.NewDate(2021, 10, 1)
	refusedWith(t, "payment", st.RecordPayment(ctx, c.ID, apps[1].ID, data.Payment{AmountCents: 100, Date: day}), "pas de délibération")
	_, err := st.SignConvention(ctx, c.ID, apps[0].ID, day)
	refusedWith(t, "signature", err, "pas de délibération")
	refusedWith(t, "settings", st.SaveFollowUpSettings(ctx, c.ID, data.FollowUpSettings{AdvancePercent: 30}), "pas de délibération")
	for _, table := range []string{"grant_followups", "payments", "followup_settings"} {
		if n := rowCount(t, st, table); n != 0 {
			t.Errorf("%s: %d rows written by refused writes", table, n)
		}
	}
	c = deliberated(t, st, c)
	if err := st.Reopen(ctx, c.ID, "Erreur matérielle"); err != nil {
		t.Fatal(err)
	}
	refusedWith(t, "payment while reopened", st.RecordPayment(ctx, c.ID, apps[1].ID, data.Payment{AmountCents: 100, Date: day}), "rouverte")
	intact(t, st)
})

// After the deliberation, the adopted amounts are grants to follow; the
// follow-up is written although the campaign is locked, every write checked,
// journaled and all or nothing.
var _ = register("FollowUpAfterDeliberation", func(t *testing.T, h Harness) {
	st, c, apps := grantsFixture(t, h)
	c = deliberated(t, st, c)
	f := mustFollowUp(t, st, c)
	if len(f.Grants) != 2 || f.Grants[0].ApplicationID != apps[0].ID || f.Grants[0].GrantedCents != 3_000_000 ||
		f.Grants[1].GrantedCents != 800_000 || f.Grants[0].SIRET != "73282932000074" || f.Grants[0].Structure == "" {
		t.Fatalf("grants: %+v", f.Grants)
	}
	big, small := apps[0].ID, apps[1].ID
	oct := func(d int) data.Date { return data.NewDate(2021, 10, d) }
	refusedWith(t, "payment, convention unsigned", st.RecordPayment(ctx, c.ID, big, data.Payment{AmountCents: 100, Date: oct(1)}), "convention n'est pas signée")
	_, err := st.SignConvention(ctx, c.ID, big, data.NewDate(2021, 9, 26))
	refusedWith(t, "signature before the deliberation", err, "précède la délibération")
	if n := rowCount(t, st, "grant_followups"); n != 0 {
		t.Fatalf("refused writes left %d grant rows", n)
	}
	number, err := st.SignConvention(ctx, c.ID, big, oct(4))
	if err != nil || number != "2021-CONV-001" {
		t.Fatalf("signature: %q %v", number, err)
	}
	if err := st.RecordPayment(ctx, c.ID, big, data.Payment{AmountCents: 1_500_000, Date: oct(5), Mandate: "M-1", EJ: "EJ-2021-7"}); err != nil {
		t.Fatal(err)
	}
	refusedWith(t, "above the balance", st.RecordPayment(ctx, c.ID, big, data.Payment{AmountCents: 1_500_001, Date: oct(6)}), "dépasse le solde")
	refusedWith(t, "negative", st.RecordPayment(ctx, c.ID, small, data.Payment{AmountCents: -5, Date: oct(6)}), "positif")
	refusedWith(t, "before the deliberation", st.RecordPayment(ctx, c.ID, small, data.Payment{AmountCents: 5, Date: data.NewDate(2021, 9, 1)}), "précède la délibération")
	if err := st.RecordPayment(ctx, c.ID, small, data.Payment{AmountCents: 800_000, Date: oct(6)}); err != nil {
		t.Fatal(err)
	}
	if n := rowCount(t, st, "payments"); n != 2 {
		t.Fatalf("%d payments stored, want 2", n)
	}
	crf := data.CRF{Received: data.NewDate(2022, 6, 1), CostCents: 700_000, UsedCents: 500_000, Beneficiaries: 35, Status: data.CRFAccepted, Assessment: "Action réalisée en partie"}
	refusedWith(t, "CRF before the grant", st.RecordCRF(ctx, c.ID, small, data.CRF{Received: data.NewDate(2021, 3, 1), Status: data.CRFReceived}), "précède la délibération")
	if err := st.RecordCRF(ctx, c.ID, small, crf); err != nil {
		t.Fatal(err)
	}
	refusedWith(t, "reversal above paid", st.RecordReversal(ctx, c.ID, small, data.Reversal{AmountCents: 800_001, Reason: "x"}), "dépasse ce qui a été versé")
	if err := st.RecordReversal(ctx, c.ID, small, data.Reversal{AmountCents: 300_000, Reason: "Action réalisée en partie", Decided: data.NewDate(2022, 7, 1)}); err != nil {
		t.Fatal(err)
	}
	f = mustFollowUp(t, st, c)
	g, s := f.Grants[0], f.Grants[1]
	if g.ConventionNumber != "2021-CONV-001" || g.ConventionSigned != oct(4) || len(g.Payments) != 1 || g.Payments[0].EJ != "EJ-2021-7" || g.Payments[0].Mandate != "M-1" || g.Payments[0].User != "agent.test" {
		t.Errorf("large grant read back: %+v", g)
	}
	if s.CRF == nil || *s.CRF != crf || s.Reversal == nil || s.Reversal.AmountCents != 300_000 || s.Reversal.Decided != data.NewDate(2022, 7, 1) || s.PaidCents() != 800_000 {
		t.Errorf("small grant read back: %+v (CRF %+v)", s, s.CRF)
	}
	snap, err := st.Snapshot(ctx, c.ID, data.SnapshotOptions{FollowUp: true})
	if err != nil || snap.FollowUp == nil || len(snap.FollowUp.Grants) != 2 || snap.FollowUp.Grants[1].PaidCents() != 800_000 || snap.FollowUp.Head != snap.Head {
		t.Errorf("the snapshot's follow-up: %+v %v", snap, err)
	}
	if plain, _ := st.Snapshot(ctx, c.ID, data.SnapshotOptions{}); plain.FollowUp != nil {
		t.Error("follow-up loaded unasked")
	}
	entries, err := st.Audit(ctx, data.AuditFilter{Entity: data.AuditGrant, EntityID: small})
	if err != nil || len(entries) != 3 || entries[0].Action != "reversement" || entries[2].Action != "versement" {
		t.Errorf("the small grant's journal: %+v %v", entries, err)
	}
	intact(t, st)
})

// Convention numbers follow the dossiers' order, once; a convention below
// the threshold is numbered when it is signed (on request).
var _ = register("FollowUpConventionNumbers", func(t *testing.T, h Harness) {
	st, c, apps := grantsFixture(t, h)
	c = deliberated(t, st, c)
	numbered, err := st.NumberConventions(ctx, c.ID)
	if err != nil || len(numbered) != 1 || numbered[0] != apps[0].Number {
		t.Fatalf("NumberConventions: %v %v", numbered, err)
	}
	if again, err := st.NumberConventions(ctx, c.ID); err != nil || len(again) != 0 {
		t.Fatalf("numbered twice: %v %v", again, err)
	}
	n, err := st.SignConvention(ctx, c.ID, apps[1].ID, data.NewDate(2021, 10, 2))
	if err != nil || n != "2021-CONV-002" {
		t.Fatalf("convention on request: %q %v", n, err)
	}
	if _, err := st.SignConvention(ctx, c.ID, apps[2].ID, data.NewDate(2021, 10, 2)); data.ErrorCode(err) != data.ENOTFOUND {
		t.Errorf("a dossier without a grant: %v", err)
	}
	intact(t, st)
})

// The campaign's rule and a grant's terms are stored and journaled; a
// change behind Cohésion's back shows in the check of the journal.
var _ = register("FollowUpSettingsAndTampering", func(t *testing.T, h Harness) {
	st, c, apps := grantsFixture(t, h)
	c = deliberated(t, st, c)
	fs := data.FollowUpSettings{CRFDue: data.NewDate(2022, 3, 31), AdvancePercent: 40}
	if err := st.SaveFollowUpSettings(ctx, c.ID, fs); err != nil {
		t.Fatal(err)
	}
	advance := int64(2_000_000)
	terms := data.GrantTerms{CRFDue: data.NewDate(2022, 9, 30), AdvanceCents: &advance}
	if err := st.SetGrantTerms(ctx, c.ID, apps[0].ID, terms); err != nil {
		t.Fatal(err)
	}
	f := mustFollowUp(t, st, c)
	if f.Settings != fs || f.Grants[0].Terms.CRFDue != terms.CRFDue || f.Grants[0].Terms.AdvanceCents == nil || *f.Grants[0].Terms.AdvanceCents != advance {
		t.Fatalf("read back: %+v %+v", f.Settings, f.Grants[0].Terms)
	}
	if err := st.RecordPayment(ctx, c.ID, apps[1].ID, data.Payment{AmountCents: 800_000, Date: data.NewDate(2021, 10, 1)}); err != nil {
		t.Fatal(err)
	}
	intact(t, st)
	// A payment recorded in error is cancelled, with its reason, and can be
	// recorded again.
	f = mustFollowUp(t, st, c)
	wrong := f.Grants[1].Payments[0].ID
	refusedWith(t, "cancel without reason", st.CancelPayment(ctx, c.ID, apps[1].ID, wrong, ""), "motif écrit")
	if err := st.CancelPayment(ctx, c.ID, apps[1].ID, wrong, "Montant saisi deux fois"); err != nil {
		t.Fatal(err)
	}
	if f := mustFollowUp(t, st, c); len(f.Grants[1].Payments) != 0 {
		t.Fatalf("cancelled payment still there: %+v", f.Grants[1].Payments)
	}
	if err := st.CancelPayment(ctx, c.ID, apps[1].ID, wrong, "encore"); data.ErrorCode(err) != data.ENOTFOUND {
		t.Errorf("cancelled twice: %v", err)
	}
	if err := st.RecordPayment(ctx, c.ID, apps[1].ID, data.Payment{AmountCents: 800_000, Date: data.NewDate(2021, 10, 2)}); err != nil {
		t.Fatal(err)
	}
	intact(t, st)
	if _, err := Raw(st).Exec(`UPDATE payments SET amount_cents = 80000`); err != nil {
		t.Fatal(err)
	}
	rep, err := st.VerifyAudit(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := data.Tampering{Entity: data.AuditGrant, Label: apps[1].Number, What: "modifié"}
	if rep.Intact() || len(rep.Tampered) != 1 || rep.Tampered[0] != want {
		t.Errorf("payment changed outside Cohésion: %+v", rep.Tampered)
	}
})

// FollowUpDowngrade takes a base back to the version before the follow-up
// (migration 018), the version itself excepted.
var FollowUpDowngrade = append(slices.Clone(SourceDowngrade), `DROP TABLE payments`, `DROP TABLE grant_followups`, `DROP TABLE followup_settings`)

// DeliberatedBeforeFollowUp makes a deliberated campaign with two grants, as
// version 17 left it once FollowUpDowngrade has run.
func DeliberatedBeforeFollowUp(t testing.TB, h Harness) (data.Store, *data.Campaign) {
	t.Helper()
	st, c, _ := grantsFixture(t, h)
	return st, deliberated(t, st, c)
}

// FollowUpAfterMigration checks a base brought past migration 018: its
// journal still matches its rows, its grants are there to follow, and the
// follow-up is written and journaled.
func FollowUpAfterMigration(t testing.TB, st data.Store, campaignID int64) {
	t.Helper()
	intact(t, st)
	Pin(st, Clock.Add(24*time.Hour))
	c, err := st.Campaign(ctx, campaignID)
	if err != nil {
		t.Fatal(err)
	}
	f := mustFollowUp(t, st, c)
	if len(f.Grants) != 2 {
		t.Fatalf("grants after the migration: %+v", f.Grants)
	}
	if err := st.RecordPayment(ctx, c.ID, f.Grants[1].ApplicationID, data.Payment{AmountCents: 100, Date: data.NewDate(2021, 10, 1)}); err != nil {
		t.Fatal(err)
	}
	intact(t, st)
}

// After a reopening, a new deliberation that would give a structure less
// than it was already paid is refused, naming it.
var _ = register("FollowUpRedeliberationKeepsPaymentsCovered", func(t *testing.T, h Harness) {
	st, c, apps := grantsFixture(t, h)
	c = deliberated(t, st, c)
	if err := st.RecordPayment(ctx, c.ID, apps[1].ID, data.Payment{AmountCents: 800_000, Date: data.NewDate(2021, 10, 1)}); err != nil {
		t.Fatal(err)
	}
	if err := st.Reopen(ctx, c.ID, "Erreur sur un montant"); err != nil {
		t.Fatal(err)
	}
	v := view(t, st, c)
	locks := map[int64]int64{apps[1].ID: 500_000}
	res, err := v.Split.Compute(alloc.DefaultParams(c.EnvelopeCents), locks)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.SaveScenario(ctx, c, "Rang", res, locks, v.Split.Fingerprint, true); err != nil {
		t.Fatal(err)
	}
	err = campaign.Deliberate(ctx, st, c.ID, "2021-160", data.NewDate(2021, 10, 25), "")
	refusedWith(t, "less than paid", err, apps[1].Number+" (8 000,00 € versés, 5 000,00 € attribués)")
	if got, _ := st.Campaign(ctx, c.ID); got.Locked() {
		t.Error("locked anyway")
	}
	intact(t, st)
})

// The follow-up's templates are saved before and after the deliberation,
// apart from the decisions' letters, journaled; an empty text restores the
// default.
var _ = register("FollowUpTemplates", func(t *testing.T, h Harness) {
	st, c, _ := grantsFixture(t, h)
	tpl := data.FollowUpTemplates{Convention: "Convention n° {{convention}}", Reminder: "Relance {{numero}}"}
	if err := st.SaveFollowUpTemplates(ctx, c.ID, tpl); err != nil {
		t.Fatal(err)
	}
	c = deliberated(t, st, c)
	tpl.Reversal, tpl.Reminder = "Reversement de {{montant}}", ""
	if err := st.SaveFollowUpTemplates(ctx, c.ID, tpl); err != nil {
		t.Fatalf("after the deliberation: %v", err)
	}
	if f := mustFollowUp(t, st, c); f.Templates != tpl {
		t.Errorf("read back: %+v, want %+v", f.Templates, tpl)
	}
	letters, err := st.LetterTemplates(ctx, c.ID)
	if err != nil || letters != (data.LetterTemplates{}) {
		t.Errorf("the decisions' letters: %+v %v", letters, err)
	}
	entries, err := st.Audit(ctx, data.AuditFilter{CampaignID: c.ID, Limit: 1})
	if err != nil || len(entries) != 1 || entries[0].Action != "modèles du suivi" {
		t.Errorf("journal: %+v %v", entries, err)
	}
	intact(t, st)
})

// The structures' directory carries each grant's follow-up as data/followup
// decides it on the day of the reading: what was paid, where the compte rendu
// financier stands, and whether it is late (loi 2000-321 art. 10).
var _ = register("StructuresCarryTheFollowUp", func(t *testing.T, h Harness) {
	st, c, apps := grantsFixture(t, h)
	c = deliberated(t, st, c)
	if err := st.RecordPayment(ctx, c.ID, apps[1].ID, data.Payment{AmountCents: 800_000, Date: data.NewDate(2021, 10, 15)}); err != nil {
		t.Fatal(err)
	}
	find := func(at time.Time) data.StructureDossier {
		t.Helper()
		Pin(st, at)
		ds, err := st.StructureDossiers(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range ds {
			if d.ApplicationID == apps[1].ID {
				return d
			}
		}
		t.Fatalf("dossier %d not in the directory", apps[1].ID)
		return data.StructureDossier{}
	}
	before := find(time.Date(2022, 6, 30, 12, 0, 0, 0, data.Paris))
	if before.PaidCents != 800_000 || before.CRFStatus != data.CRFExpected || before.CRFOverdue {
		t.Errorf("on the CRF's due date: %+v, want 8 000 € paid, CRF attendu, not late", before)
	}
	after := find(time.Date(2022, 7, 1, 12, 0, 0, 0, data.Paris))
	if !after.CRFOverdue || !data.CRFOverdueElsewhere([]data.StructureDossier{after}) {
		t.Errorf("the day after the CRF's due date: %+v, want late", after)
	}
})
