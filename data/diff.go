package data

import (
	"sort"
	"strconv"
	"strings"
)

// Change is one field that an edit changed, for the audit trail.
type Change struct {
	Field    string // French label
	Old, New string
}

// Describe renders an application's fields as the audit trail shows them, keyed
// by French label. Lists are written in a stable order so unchanged lists compare equal.
func (a *Application) Describe(c *Campaign) map[string]string {
	s := a.Structure
	theme, commune := "", s.Commune
	if c != nil {
		if t, ok := c.ThemeByID(a.ThemeID); ok {
			theme = t.Label
		}
		if commune != "" { // a person reads « Liévin », not 62510
			commune = c.CommuneName(commune)
		}
	}
	var cof []string
	for _, x := range a.Cofinancing {
		state := "sollicité"
		if x.Acquired {
			state = "acquis"
		}
		cof = append(cof, x.Funder+" : "+FormatEurosPlain(x.AmountCents)+" ("+state+")")
	}
	var docs []string
	for _, d := range Documents {
		if a.Documents[d] {
			docs = append(docs, d.Label())
		}
	}
	num := func(n int) string {
		if n == 0 {
			return ""
		}
		return strconv.Itoa(n)
	}
	return map[string]string{
		FieldLabel(FieldNumber): a.Number, FieldLabel(FieldReceived): FormatDateTime(a.Received),
		FieldLabel(FieldStructure): s.Name, FieldLabel(FieldLegalForm): s.LegalForm, FieldLabel(FieldSIRET): s.SIRET,
		FieldLabel(FieldRNA): s.RNA, FieldLabel(FieldAddress): s.Address, FieldLabel(FieldPostalCode): s.PostalCode,
		FieldLabel(FieldTown): s.Town, FieldLabel(FieldCommune): commune,
		FieldLabel(FieldLegalRep): s.LegalRep, FieldLabel(FieldContact): s.Contact, FieldLabel(FieldEmail): s.Email,
		FieldLabel(FieldPhone): s.Phone, FieldLabel(FieldTitle): a.Title, FieldLabel(FieldSummary): a.Summary,
		FieldLabel(FieldTheme): theme, FieldLabel(FieldQPV): strings.Join(a.QPVs, ", "), FieldLabel(FieldPublic): a.TargetPublic,
		FieldLabel(FieldBeneficiaries): num(a.Beneficiaries), FieldLabel(FieldQPVShare): num(a.QPVSharePct),
		FieldLabel(FieldStart): a.Start.Format(), FieldLabel(FieldEnd): a.End.Format(),
		FieldLabel(FieldTotal): FormatEurosPlain(a.TotalCents), FieldLabel(FieldRequested): FormatEurosPlain(a.RequestedCents),
		FieldLabel(FieldCofinancing): strings.Join(cof, " ; "), "Pièces reçues": strings.Join(docs, ", "),
		"Notes d'instruction": a.Notes, "Avis du service": a.Opinion.Label(), "Motivation de l'avis": a.OpinionText,
		FieldLabel(FieldLateOverride): a.LateOverride, FieldLabel(FieldExternalState): a.ExternalState,
		FieldLabel(FieldReference): a.Reference,
	}
}

// DiffApplications lists the fields an edit changed, in a stable order.
func DiffApplications(c *Campaign, old, new *Application) []Change {
	o, n := old.Describe(c), new.Describe(c)
	var out []Change
	for k, v := range n {
		if o[k] != v {
			out = append(out, Change{Field: k, Old: o[k], New: v})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Field < out[j].Field })
	return out
}
