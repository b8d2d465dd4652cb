package postgres_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/postgres"
	"github.com/call-agglo/cohesion/data/postgres/pgtest"
	"github.com/call-agglo/cohesion/data/storetest"
)

// A base of the version before 018, with a deliberated campaign, gains the
// follow-up of its grants: its journal still matches its rows, and the
// follow-up is written and journaled.
func TestMigrationAddsFollowUp(t *testing.T) {
	st, c := storetest.DeliberatedBeforeFollowUp(t, harness)
	address := st.(*postgres.DB).Address()
	for _, q := range append(storetest.FollowUpDowngrade, `UPDATE cohesion_schema SET version = `+strconv.Itoa(followUpVersion-1)) {
		if _, err := storetest.Raw(st).Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	st.Close()
	storetest.FollowUpAfterMigration(t, open(t, address), c.ID)
}

// followUpVersion is the migration that adds the follow-up of the grants.
const followUpVersion = 18

// A desk records the follow-up (the new tables have the desks' rights), and
// still cannot change it behind Cohésion's back unseen.
func TestDeskFollowsUpGrants(t *testing.T) {
	adminAddr, name := pgtest.NewOwnedDatabase(t)
	open(t, adminAddr).Close() // the owner's opening grants the desks' group its rights
	admin := open(t, adminAddr)
	desk := name + "_p1"
	if err := admin.AddDesk(ctx, desk, "motdepasse-1"); err != nil {
		t.Fatal(err)
	}
	deskAddr := pgtest.As(adminAddr, desk)
	st := open(t, deskAddr)
	_, c := storetest.DeliberatedBeforeFollowUp(t, storetest.Harness{New: func(testing.TB) data.Store { return st }})
	f, err := st.FollowUp(ctx, c.ID)
	if err != nil || len(f.Grants) != 2 {
		t.Fatalf("a desk's follow-up: %+v %v", f, err)
	}
	small := f.Grants[1].ApplicationID
	if err := st.RecordPayment(ctx, c.ID, small, data.Payment{AmountCents: 800_000, Date: data.NewDate(2021, 10, 1), Mandate: "M-12"}); err != nil {
		t.Fatalf("a desk's payment: %v", err)
	}
	if err := st.SaveFollowUpSettings(ctx, c.ID, data.FollowUpSettings{AdvancePercent: 30}); err != nil {
		t.Fatalf("a desk's rule: %v", err)
	}
	if rep, err := st.VerifyAudit(ctx); err != nil || !rep.Intact() {
		t.Fatalf("after a desk's follow-up: %s %v", rep.Verdict(), err)
	}
	if err := execAs(deskAddr, `UPDATE payments SET mandate = 'M-13'`); err != nil {
		t.Fatal(err)
	}
	rep, err := st.VerifyAudit(ctx)
	if err != nil || rep.Intact() || !strings.Contains(rep.Verdict(), f.Grants[1].Number) {
		t.Fatalf("a payment changed behind Cohésion's back: %s %v", rep.Verdict(), err)
	}
}
