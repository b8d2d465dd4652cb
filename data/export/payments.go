package export

import (
	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/followup"
)

// SheetPayments is the sheet of the payments for the finance service.
const SheetPayments = "Versements"

// Payments is what the finance service needs to pay the grants (issue 21):
// one line per payment made, then per payment the schedule still calls for
// (as of at), with the beneficiary, the budget line the grants are charged to
// (the campaign's nature, 6574 by default, and function), the deliberation
// that awards them and the convention. The footer totals what was paid and
// what remains.
func Payments(f *data.FollowUp, at data.Date) Table {
	t := Table{Sheet: SheetPayments, Columns: []Column{
		{Title: "Dossier", Kind: Text}, {Title: "Bénéficiaire", Kind: Text}, {Title: "SIRET", Kind: Text, Width: 16},
		{Title: "Montant", Kind: Amount}, {Title: "État", Kind: Text}, {Title: "Date du versement", Kind: Date},
		{Title: "Échéance", Kind: Text}, {Title: "N° de mandat", Kind: Text}, {Title: "N° d'engagement juridique", Kind: Text},
		{Title: "Nature", Kind: Text}, {Title: "Fonction", Kind: Text}, {Title: "Délibération", Kind: Text},
		{Title: "Date de la délibération", Kind: Date}, {Title: "Convention", Kind: Text},
	}}
	c := f.Campaign
	nature, function := c.BudgetLine()
	var paid, planned int64
	for i := range f.Grants {
		g := &f.Grants[i]
		line := func(cents int64, state string, on data.Date, term, mandate, ej string) {
			t.Rows = append(t.Rows, []any{g.Number, g.Structure, g.SIRET, cents, state, on, term, mandate, ej,
				nature, function, c.DeliberationNumber, c.DeliberationDate, g.ConventionNumber})
		}
		for _, p := range g.Payments {
			line(p.AmountCents, "versé", p.Date, "", p.Mandate, p.EJ)
			paid += p.AmountCents
		}
		for _, p := range followup.PlannedPayments(c, f.Settings, g, at) {
			line(p.AmountCents, "à verser", p.Date, p.Trigger.Label(), "", "")
			planned += p.AmountCents
		}
	}
	t.Footer = [][]any{{"Total versé", nil, nil, paid}, {"Total à verser", nil, nil, planned}}
	return t
}
