package reports

import (
	"strings"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/followup"
)

// grantFields are a follow-up document's fields: the letters' own (the
// structure, its address, the deliberation, the date in words), the amount
// the deliberation granted, and what the follow-up recorded since.
func (x *ctx) grantFields(a *data.Application, g *data.Grant) map[string]string {
	f := x.fields(a)
	fu := x.in.FollowUp
	paid := g.PaidCents()
	f["montant"] = data.FormatEuros(g.GrantedCents)
	f["montant_lettres"] = data.AmountInWords(g.GrantedCents)
	f["convention_numero"] = orDefault(g.ConventionNumber, "(numéro attribué à la signature)")
	f["siret"] = orDefault(g.SIRET, orDefault(a.Structure.SIRET, "(non renseigné)"))
	f["adresse_ligne"] = orDefault(a.Structure.PostalAddress().OneLine(), "(adresse non renseignée)")
	f["echeancier"] = scheduleSentence(fu.Settings, g)
	f["date_crf"] = followup.CRFDue(fu.Campaign, fu.Settings, g).Format()
	f["situation_crf"] = crfSituation(g)
	f["montant_verse"] = data.FormatEuros(paid)
	f["montant_verse_lettres"] = data.AmountInWords(paid)
	f["organe"] = x.in.Deliberation.body()
	f["signataire"] = x.in.Deliberation.signatory()
	if used, ok := followup.UsedCents(g); ok {
		f["montant_utilise"] = data.FormatEuros(used)
	}
	if r := g.Reversal; r != nil {
		f["reversement"] = data.FormatEuros(r.AmountCents)
		f["reversement_lettres"] = data.AmountInWords(r.AmountCents)
		f["motif_reversement"] = fullStop(strings.TrimSpace(r.Reason))
		f["date_decision_reversement"] = r.Decided.FormatLong()
	}
	if x.in.FollowUp != nil && !x.in.At.IsZero() {
		// A reminder is dated the day it looks at: « overdue at 01/09/2022 ».
		f["date"], f["date_lettres"] = x.in.At.Format(), x.in.At.FormatLong()
	}
	for _, k := range FollowUpFields {
		if _, ok := f[k]; !ok {
			f[k] = ""
		}
	}
	return f
}

// scheduleSentence is the payment schedule as the convention states it:
// « 12 500,00 € (douze mille cinq cents euros) à la signature de la
// convention ; 12 500,00 € (…) après acceptation du compte rendu
// financier. »
func scheduleSentence(s data.FollowUpSettings, g *data.Grant) string {
	var parts []string
	for _, in := range followup.Schedule(s, g) {
		parts = append(parts, data.FormatEuros(in.AmountCents)+" ("+data.AmountInWords(in.AmountCents)+") "+in.Trigger.Label())
	}
	return strings.Join(parts, " ; ") + "."
}

// crfSituation is where the compte rendu stands, for a reminder: not
// received, or received incomplete and what it lacks.
func crfSituation(g *data.Grant) string {
	if g.CRF == nil || g.CRF.Status != data.CRFIncomplete {
		return "À ce jour, ce document ne m'est pas parvenu."
	}
	s := "Le compte rendu reçu le " + g.CRF.Received.Format() + " est incomplet"
	if m := strings.TrimSpace(g.CRF.Missing); m != "" {
		s += " : il y manque " + strings.TrimSuffix(m, ".")
	}
	return s + "."
}

// conventionBlocks are a convention's pages: the heading with its number,
// the text of the template (its « Article » lines as headings), then where
// and when it is signed and both parties' signature blocks.
func (x *ctx) conventionBlocks(d GrantDoc, text string) []Block {
	f := d.Fields
	bl := []Block{
		Paragraph{Text: x.c.Organiser, Bold: true, Size: 11},
		Paragraph{Text: "Politique de la ville — appel à manifestation d'intérêt " + campaignName(x.c), Size: 9},
		Spacer{Height: 6},
		Heading{Level: 1, Text: "Convention d'attribution d'une subvention n° " + f["convention_numero"]},
		Paragraph{Text: d.Application.Structure.Name + " — dossier n° " + d.Application.Number + " — " + f["montant"], Align: AlignCenter},
		Paragraph{Text: ConventionMention, Size: 8, Align: AlignCenter},
		Spacer{Height: 4},
	}
	for _, p := range splitParagraphs(text) {
		if articleTitle(p) {
			bl = append(bl, Heading{Level: 3, Text: p})
			continue
		}
		bl = append(bl, Paragraph{Text: p})
	}
	return append(bl,
		Spacer{Height: 4},
		Paragraph{Text: "Fait à " + f["lieu"] + ", le ………………………, en deux exemplaires originaux."},
		Signature{
			Beside: []string{"Pour la structure,", "son représentant légal,", orDefault(d.Application.Structure.LegalRep, "(nom et qualité)")},
			Lines:  []string{"Pour la " + x.c.Organiser + ",", f["signataire"]},
		})
}

// articleTitle reports whether a paragraph of a convention is a heading:
// « Article 3 — Modalités de versement », « Préambule ».
func articleTitle(p string) bool {
	return len([]rune(p)) <= 80 && (strings.HasPrefix(p, "Article ") || p == "Préambule")
}
