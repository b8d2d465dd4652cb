package export

import (
	"math"
	"math/big"
	"strings"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/alloc"
	"github.com/call-agglo/cohesion/data/campaign"
)

// The sheets' names.
const (
	SheetApplications = "Dossiers"
	SheetRanking      = "Classement"
	SheetAllocation   = "Répartition"
	SheetSCDL         = "Subventions"
)

// label is a field's French label, which is also the import template's header
// for it (data/importer.Columns), so that an export of the register can be
// imported back.
func label(field string) string { return data.FieldLabel(field) }

// Applications is the register: one line per application, its columns named
// as the import template names them (Numéro, Date de dépôt, Structure, SIRET,
// Adresse, Code postal, Localité, Commune, Intitulé du projet, Thématique, QPV, Coût total, Montant demandé)
// so that the file can be imported back, then Statut and Hors délai, which the
// importer ignores. An unknown total cost (0) is left empty. c, which may be
// nil, names the communes and themes a row lacks.
func Applications(c *data.Campaign, rows []data.Row) Table {
	t := Table{Sheet: SheetApplications, Columns: []Column{
		{Title: label(data.FieldNumber), Kind: Text},
		{Title: label(data.FieldReceived), Kind: DateTime},
		{Title: label(data.FieldStructure), Kind: Text},
		{Title: label(data.FieldSIRET), Kind: Text, Width: 16},
		{Title: label(data.FieldAddress), Kind: Text},
		{Title: label(data.FieldPostalCode), Kind: Text, Width: 8},
		{Title: label(data.FieldTown), Kind: Text},
		{Title: label(data.FieldCommune), Kind: Text},
		{Title: label(data.FieldTitle), Kind: Text},
		{Title: label(data.FieldTheme), Kind: Text},
		{Title: label(data.FieldQPV), Kind: Text},
		{Title: label(data.FieldTotal), Kind: Amount},
		{Title: label(data.FieldRequested), Kind: Amount},
		{Title: label(data.FieldStatus), Kind: Text},
		{Title: "Hors délai", Kind: Text},
	}}
	t.Rows = make([][]any, 0, len(rows))
	for _, r := range rows {
		commune := r.CommuneName
		if commune == "" && r.Commune != "" && c != nil {
			commune = c.CommuneName(r.Commune)
		}
		if commune == "" {
			commune = r.Commune
		}
		var total any
		if r.TotalCents != 0 {
			total = r.TotalCents
		}
		t.Rows = append(t.Rows, []any{
			r.Number, r.Received, r.Structure, r.SIRET, r.Address, r.PostalCode, r.Town, commune, r.Title, themeLabel(c, r),
			strings.Join(r.QPVs, ", "), total, r.RequestedCents, r.Status.Label(), yesNo(r.Late),
		})
	}
	return t
}

func themeLabel(c *data.Campaign, r data.Row) string {
	if r.Theme != "" || r.ThemeID == 0 || c == nil {
		return r.Theme
	}
	th, _ := c.ThemeByID(r.ThemeID)
	return th.Label
}

// Ranking is the jury's ranking: ranked applications first, in rank order,
// then the others (without a rank), as jury.Rank orders them. The Décision
// column shows the jury's recorded decision, or « Proposition : … » when none
// is recorded yet.
func Ranking(rows []campaign.RankingRow) Table {
	t := Table{Sheet: SheetRanking, Columns: []Column{
		{Title: "Rang", Kind: Int},
		{Title: "Numéro", Kind: Text},
		{Title: "Structure", Kind: Text},
		{Title: "Intitulé du projet", Kind: Text},
		{Title: "Thématique", Kind: Text},
		{Title: "Note /20", Kind: Score},
		{Title: "Grilles comptées", Kind: Int},
		{Title: "Note harmonisée", Kind: Score},
		{Title: "Alertes", Kind: Text},
		{Title: "Décision", Kind: Text},
	}}
	t.Rows = make([][]any, 0, len(rows))
	for _, r := range rows {
		var rank, f, h any
		if r.Rank > 0 {
			rank = r.Rank
		}
		if r.F != nil {
			f = r.F
		}
		if r.HasHarmonised && !math.IsNaN(r.Harmonised) && !math.IsInf(r.Harmonised, 0) {
			h = new(big.Rat).SetFloat64(r.Harmonised)
		}
		number := r.Row.Number
		if number == "" {
			number = r.Number
		}
		decision := ""
		switch {
		case r.Decision != nil:
			decision = r.Decision.Decision.Label()
		case r.Proposed != "":
			decision = "Proposition : " + r.Proposed.Label()
		}
		t.Rows = append(t.Rows, []any{
			rank, number, r.Row.Structure, r.Row.Title, r.Row.Theme, f, r.Counted, h,
			strings.Join(r.Flags, " ; "), decision,
		})
	}
	return t
}

// Allocation is a répartition of the envelope: one line per candidate, in the
// result's (ranking) order, then the footer: the total of the requests and of
// the grants, the envelope and what is left of it (reliquat). rows, by
// application ID, gives each line's structure, project and theme.
func Allocation(res *alloc.Result, rows map[int64]data.Row) Table {
	t := Table{Sheet: SheetAllocation, Columns: []Column{
		{Title: "Rang", Kind: Int},
		{Title: "Numéro", Kind: Text},
		{Title: "Structure", Kind: Text},
		{Title: "Intitulé du projet", Kind: Text},
		{Title: "Thématique", Kind: Text},
		{Title: "Demandé", Kind: Amount},
		{Title: "Plafond", Kind: Amount},
		{Title: "Montant", Kind: Amount},
		{Title: "Fixé à la main", Kind: Text},
	}}
	if res == nil {
		return t
	}
	var requested int64
	t.Rows = make([][]any, 0, len(res.Lines))
	for _, l := range res.Lines {
		r := rows[l.ID]
		var rank any
		if l.Rank > 0 {
			rank = l.Rank
		}
		number := l.Number
		if number == "" {
			number = r.Number
		}
		locked := ""
		if l.Locked {
			locked = "oui"
		}
		requested += l.RequestedCents
		t.Rows = append(t.Rows, []any{rank, number, r.Structure, r.Title, r.Theme, l.RequestedCents, l.CapCents, l.AmountCents, locked})
	}
	t.Footer = [][]any{
		{nil, "Total", data.Count(res.Funded, "projet", "projets") + " " + data.Plural(res.Funded, "financé", "financés"), nil, nil, requested, nil, res.TotalCents},
		{nil, "Enveloppe", nil, nil, nil, nil, nil, res.EnvelopeCents},
		{nil, "Reliquat", nil, nil, nil, nil, nil, res.RemainderCents},
	}
	return t
}
