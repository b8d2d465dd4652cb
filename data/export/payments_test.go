package export_test

import (
	"testing"
	"time"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/export"
)

func TestPayments(t *testing.T) {
	c := &data.Campaign{Code: "AMI2021", DeliberationNumber: "2021-154", DeliberationDate: data.NewDate(2021, time.September, 27), BudgetFunction: "52"}
	f := &data.FollowUp{Campaign: c, Grants: []data.Grant{
		{Number: "AMI2021-001", Structure: "Le Lien", SIRET: "73282932000074", GrantedCents: 3_000_000, ConventionNumber: "2021-CONV-001",
			ConventionSigned: data.NewDate(2021, time.October, 4),
			Payments:         []data.Payment{{AmountCents: 1_500_000, Date: data.NewDate(2021, time.October, 5), Mandate: "M-1", EJ: "EJ-7"}}},
		{Number: "AMI2021-002", Structure: "Vélo", SIRET: "12345678900011", GrantedCents: 800_000},
	}}
	tb := export.Payments(f, data.NewDate(2021, time.December, 1))
	want := [][]any{
		{"AMI2021-001", "Le Lien", "73282932000074", int64(1_500_000), "versé", data.NewDate(2021, time.October, 5), "", "M-1", "EJ-7", "6574", "52", "2021-154", c.DeliberationDate, "2021-CONV-001"},
		{"AMI2021-001", "Le Lien", "73282932000074", int64(1_500_000), "à verser", data.Date{}, "après acceptation du compte rendu financier", "", "", "6574", "52", "2021-154", c.DeliberationDate, "2021-CONV-001"},
		{"AMI2021-002", "Vélo", "12345678900011", int64(800_000), "à verser", c.DeliberationDate, "à la notification de la décision", "", "", "6574", "52", "2021-154", c.DeliberationDate, ""},
	}
	if len(tb.Rows) != len(want) {
		t.Fatalf("rows %v", tb.Rows)
	}
	for i := range want {
		for j := range want[i] {
			if tb.Rows[i][j] != want[i][j] {
				t.Errorf("row %d column %s = %v, want %v", i, tb.Columns[j].Title, tb.Rows[i][j], want[i][j])
			}
		}
	}
	if tb.Footer[0][3] != int64(1_500_000) || tb.Footer[1][3] != int64(2_300_000) {
		t.Errorf("footer %v", tb.Footer)
	}
}
