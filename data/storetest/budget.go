package storetest

import (
	"fmt"
	"testing"

	"github.com/call-agglo/cohesion/data"
)

// The budget line of the projet de délibération (nature, function) is
// set through the same settings as the others, kept, journaled field by
// field and vouched for by the journal.
var _ = register("BudgetLineRoundTrip", func(t *testing.T, h Harness) {
	st, c := seeded(t, h)
	if n, f := c.BudgetLine(); n != data.DefaultBudgetNature || f != "" {
		t.Fatalf("default budget line %q %q", n, f)
	}
	for k, v := range map[string]string{"budget-nature": "65748", "budget-function": "5 - Aménagement des territoires et habitat"} {
		s, ok := data.SettingByKey(k)
		if !ok || s.Set(c, v) != nil {
			t.Fatalf("setting %s", k)
		}
	}
	if err := st.UpdateCampaign(ctx, c, false); err != nil {
		t.Fatal(err)
	}
	got, err := st.Campaign(ctx, c.ID)
	if err != nil || got.BudgetNature != "65748" || got.BudgetFunction != c.BudgetFunction {
		t.Fatalf("read back %q %q %v", got.BudgetNature, got.BudgetFunction, err)
	}
	entries, err := st.Audit(ctx, data.AuditFilter{CampaignID: c.ID, Entity: data.AuditCampaign, EntityID: c.ID})
	if err != nil {
		t.Fatal(err)
	}
	fields := map[string]string{}
	for _, e := range entries {
		fields[e.Field] = e.New
	}
	if fields["Imputation budgétaire : nature"] != "65748" || fields["Imputation budgétaire : fonction"] != c.BudgetFunction {
		t.Errorf("journal of the budget line: %v", fields)
	}
	intact(t, st)
	if _, err := Raw(st).Exec(fmt.Sprintf(`UPDATE campaigns SET budget_nature = '6188' WHERE id = %d`, c.ID)); err != nil {
		t.Fatal(err)
	}
	if rep, err := st.VerifyAudit(ctx); err != nil || rep.Intact() {
		t.Errorf("budget nature changed outside Cohésion went unseen: %v", err)
	}
})

// BudgetAfterMigration checks a base brought from version 13 to 14: its
// campaign reads with no budget line (the default nature), its journal still
// matches its rows, and the line and the council's templates are then kept.
func BudgetAfterMigration(t testing.TB, st data.Store, code string) {
	t.Helper()
	c, err := st.CampaignByCode(ctx, code)
	if err != nil {
		t.Fatal(err)
	}
	if n, f := c.BudgetLine(); n != data.DefaultBudgetNature || f != "" || c.BudgetNature != "" {
		t.Errorf("budget line after the migration: %q %q", n, f)
	}
	intact(t, st)
	c.BudgetNature, c.BudgetFunction = "6574", "52"
	if err := st.UpdateCampaign(ctx, c, false); err != nil {
		t.Fatal(err)
	}
	tpl := data.LetterTemplates{Report: "Rapport {{campagne}}", Deliberation: "Article : {{total}}"}
	if err := st.SaveLetterTemplates(ctx, c.ID, tpl); err != nil {
		t.Fatalf("council templates after the migration: %v", err)
	}
	again, _ := st.Campaign(ctx, c.ID)
	if again.BudgetFunction != "52" {
		t.Errorf("read back after the migration: %+v", again)
	}
	if got, _ := st.LetterTemplates(ctx, c.ID); got != tpl {
		t.Errorf("templates read back: %+v", got)
	}
	intact(t, st)
}
