package postgres_test

import (
	"context"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/demo"
	"github.com/call-agglo/cohesion/data/postgres"
	"github.com/call-agglo/cohesion/data/postgres/pgtest"
	"github.com/call-agglo/cohesion/data/seed"
)

// A desk's role does Cohésion's work, and cannot rewrite the record: no DDL,
// no trigger disabled, no journal line changed or removed, no schema version
// written. What it changes behind Cohésion's back, verify names.
func TestDeskRoleCannotRewriteTheRecord(t *testing.T) {
	adminAddr, name := pgtest.NewOwnedDatabase(t)
	admin := open(t, adminAddr)
	if w := admin.Warnings(); len(w) != 1 || !w[0].AsOwner || !strings.Contains(w[0].Text, "propriétaire") {
		t.Fatalf("the owner is not warned: %v", w)
	}
	if _, err := seed.EnsureDefault(ctx, admin); err != nil {
		t.Fatal(err)
	}
	desk := name + "_p1"
	if err := admin.AddDesk(ctx, desk, "motdepasse-1"); err != nil {
		t.Fatal(err)
	}
	if list, err := admin.Desks(ctx); err != nil || len(list) != 1 || list[0].Name != desk || !list[0].CanLogin {
		t.Fatalf("desks: %v %v", list, err)
	}

	deskAddr := pgtest.As(adminAddr, desk)
	st := open(t, deskAddr)
	if w := st.Warnings(); len(w) != 0 {
		t.Fatalf("a desk is warned: %v", w)
	}
	c, err := st.CampaignByCode(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := st.AddJuror(ctx, &data.Juror{CampaignID: c.ID, Name: "Alice Martin", College: data.CollegeServices}); err != nil {
		t.Fatalf("a desk's ordinary work: %v", err)
	}
	// The demo set: a campaign, dossiers imported in batches, a jury, grids.
	if _, _, err := demo.Load(ctx, st); err != nil {
		t.Fatalf("a desk's import: %v", err)
	}
	if rep, err := st.VerifyAudit(ctx); err != nil || !rep.Intact() {
		t.Fatalf("after a desk's work: %s %v", rep.Verdict(), err)
	}
	for _, s := range []string{
		`ALTER TABLE audit DISABLE TRIGGER USER`,
		`UPDATE audit SET label = 'x'`,
		`DELETE FROM audit`,
		`TRUNCATE audit`,
		`UPDATE cohesion_schema SET version = 1`,
		`CREATE TABLE intrus (a int)`,
		`DROP TRIGGER audit_no_update ON audit`,
	} {
		if err := execAs(deskAddr, s); err == nil || !strings.Contains(err.Error(), "42501") {
			t.Errorf("a desk may %s: %v", s, err)
		}
	}
	if err := execAs(deskAddr, `UPDATE jurors SET name = 'Alice Faux' WHERE name = 'Alice Martin'`); err != nil {
		t.Fatal(err)
	}
	rep, err := st.VerifyAudit(ctx)
	if err != nil || rep.Intact() || !strings.Contains(rep.Verdict(), "Alice") {
		t.Fatalf("a desk's change behind Cohésion's back: %s %v", rep.Verdict(), err)
	}
	if err := st.AddDesk(ctx, name+"_p2", "motdepasse-2"); err == nil || !strings.Contains(data.ErrorMessage(err), "administrateur") {
		t.Fatalf("a desk adds a desk: %v", err)
	}
}

func TestRemoveDeskOnlyRemovesDesks(t *testing.T) {
	adminAddr, name := pgtest.NewOwnedDatabase(t)
	admin := open(t, adminAddr)
	desk := name + "_p1"
	if err := admin.AddDesk(ctx, desk, "court"); err == nil || !strings.Contains(data.ErrorMessage(err), "8 caractères") {
		t.Fatalf("short password: %v", err)
	}
	if err := admin.AddDesk(ctx, "pg_x", "motdepasse-1"); err == nil {
		t.Fatal("a reserved name was accepted")
	}
	if err := admin.AddDesk(ctx, desk, "motdepasse-1"); err != nil {
		t.Fatal(err)
	}
	if err := admin.AddDesk(ctx, desk, "motdepasse-1"); data.ErrorCode(err) != data.ECONFLICT {
		t.Fatalf("the same desk twice: %v", err)
	}
	if err := admin.RemoveDesk(ctx, name+"_admin"); data.ErrorCode(err) != data.ENOTFOUND {
		t.Fatalf("the administrator removed as a desk: %v", err)
	}
	if err := admin.RemoveDesk(ctx, desk); err != nil {
		t.Fatal(err)
	}
	if list, _ := admin.Desks(ctx); len(list) != 0 {
		t.Fatalf("desks left: %v", list)
	}
	if _, err := postgres.Open(ctx, pgtest.As(adminAddr, desk), postgres.Options{}); err == nil {
		t.Fatal("a removed desk still connects")
	}
}

func execAs(address, statement string) error {
	c, err := pgx.Connect(context.Background(), address)
	if err != nil {
		return err
	}
	defer c.Close(context.Background())
	_, err = c.Exec(context.Background(), statement)
	return err
}
