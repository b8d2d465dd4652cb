package followup

import "github.com/call-agglo/cohesion/data"

// The checks of every write to a grant's follow-up: each refusal is an
// EINVALID *data.Error whose French message names the rule broken, and the
// store writes nothing when one fails.

// CheckOpen refuses the follow-up of a campaign without a deliberation in
// force: the grants exist only once the council voted them, and while a
// campaign is reopened its amounts may still change.
func CheckOpen(c *data.Campaign) error {
	switch {
	case c.DeliberationNumber == "" || c.DeliberationDate.IsZero():
		return data.Errorf(data.EINVALID, "La campagne %s n'a pas de délibération enregistrée : le suivi des subventions (conventions, versements, comptes rendus financiers) commence après la délibération qui les attribue.", c.Code)
	case !c.Locked():
		return data.Errorf(data.EINVALID, "La campagne %s a été rouverte après la délibération n° %s : le suivi des subventions reprend quand la délibération est de nouveau enregistrée.", c.Code, c.DeliberationNumber)
	}
	return nil
}

// notBeforeDeliberation refuses a date before the deliberation that awards
// the grant: nothing of a grant can precede it.
func notBeforeDeliberation(c *data.Campaign, d data.Date, what string) error {
	if d.IsZero() {
		return data.Errorf(data.EINVALID, "La date %s est obligatoire.", what)
	}
	if d.Before(c.DeliberationDate) {
		return data.Errorf(data.EINVALID, "La date %s (%s) précède la délibération n° %s du %s qui attribue la subvention.",
			what, d.Format(), c.DeliberationNumber, c.DeliberationDate.Format())
	}
	return nil
}

// CheckSignature checks the date a convention was signed.
func CheckSignature(c *data.Campaign, g *data.Grant, signed data.Date) error {
	return notBeforeDeliberation(c, signed, "de signature de la convention")
}

// CheckPayment checks a payment before it is recorded: positive, not before
// the deliberation nor, where a convention is required (décret n° 2001-495),
// before its signature, and within the balance — the sum paid never exceeds
// the grant, nor what the CRF says was used.
func CheckPayment(c *data.Campaign, g *data.Grant, p data.Payment) error {
	if p.AmountCents <= 0 {
		return data.Errorf(data.EINVALID, "Le montant d'un versement doit être positif (%s saisi).", data.FormatEuros(p.AmountCents))
	}
	if err := notBeforeDeliberation(c, p.Date, "du versement"); err != nil {
		return err
	}
	if ConventionRequired(g.GrantedCents) {
		if g.ConventionSigned.IsZero() {
			return data.Errorf(data.EINVALID, "Versement refusé : la subvention de %s au dossier %s dépasse 23 000,00 € et sa convention n'est pas signée (loi n° 2000-321, art. 10 ; décret n° 2001-495). Enregistrez d'abord la signature de la convention.",
				data.FormatEuros(g.GrantedCents), g.Number)
		}
		if p.Date.Before(g.ConventionSigned) {
			return data.Errorf(data.EINVALID, "Versement refusé : sa date (%s) précède la signature de la convention (%s).", p.Date.Format(), g.ConventionSigned.Format())
		}
	}
	if bal := BalanceCents(g); p.AmountCents > bal {
		return data.Errorf(data.EINVALID, "Versement refusé : %s dépasse le solde à verser au dossier %s (%s : subvention de %s, %s déjà versés%s). La somme versée ne peut dépasser la subvention.",
			data.FormatEuros(p.AmountCents), g.Number, data.FormatEuros(bal), data.FormatEuros(g.GrantedCents), data.FormatEuros(g.PaidCents()), usedNote(g))
	}
	return nil
}

// usedNote says why the ceiling is below the grant, when it is.
func usedNote(g *data.Grant) string {
	if g.CRF != nil && g.CRF.Status == data.CRFRefused {
		return ", compte rendu financier refusé"
	}
	if used, ok := UsedCents(g); ok && used < g.GrantedCents {
		return ", " + data.FormatEuros(used) + " utilisés selon le compte rendu financier"
	}
	return ""
}

// CheckCRF checks a compte rendu financier (Cerfa n° 15059) before it is
// recorded: received after the deliberation, amounts not negative, the part
// of the grant used within the grant and within the action's cost, the
// missing pièces named when it is incomplete.
func CheckCRF(c *data.Campaign, g *data.Grant, crf data.CRF) error {
	if err := notBeforeDeliberation(c, crf.Received, "de réception du compte rendu financier"); err != nil {
		return err
	}
	for _, m := range []struct {
		cents int64
		what  string
	}{{crf.CostCents, "le coût total réalisé"}, {crf.UsedCents, "la part de la subvention utilisée"}, {crf.OtherFundingCents, "les autres financements"}} {
		if m.cents < 0 {
			return data.Errorf(data.EINVALID, "Compte rendu financier refusé : %s ne peut être négatif (%s).", m.what, data.FormatEuros(m.cents))
		}
	}
	switch {
	case crf.Beneficiaries < 0:
		return data.Errorf(data.EINVALID, "Compte rendu financier refusé : le nombre de bénéficiaires ne peut être négatif.")
	case crf.UsedCents > g.GrantedCents:
		return data.Errorf(data.EINVALID, "Compte rendu financier refusé : la part utilisée (%s) dépasse la subvention (%s).", data.FormatEuros(crf.UsedCents), data.FormatEuros(g.GrantedCents))
	case crf.UsedCents > crf.CostCents:
		return data.Errorf(data.EINVALID, "Compte rendu financier refusé : la part de la subvention utilisée (%s) dépasse le coût total réalisé (%s).", data.FormatEuros(crf.UsedCents), data.FormatEuros(crf.CostCents))
	case crf.Status == data.CRFExpected || crf.Status == "":
		return data.Errorf(data.EINVALID, "Un compte rendu enregistré est reçu : son statut est recu, incomplet, accepte ou refuse.")
	case crf.Status == data.CRFIncomplete && data.Blank(crf.Missing):
		return data.Errorf(data.EINVALID, "Un compte rendu financier incomplet dit ce qui manque : précisez les pièces ou informations manquantes.")
	}
	return nil
}

// CheckReversal checks a reversal: on a reasoned decision (a written
// reason), positive, and never more than was paid.
func CheckReversal(c *data.Campaign, g *data.Grant, r data.Reversal) error {
	if data.Blank(r.Reason) {
		return data.Errorf(data.EINVALID, "Un reversement est demandé par une décision motivée : écrivez son motif.")
	}
	if r.AmountCents <= 0 {
		return data.Errorf(data.EINVALID, "Le montant d'un reversement doit être positif (%s saisi).", data.FormatEuros(r.AmountCents))
	}
	if paid := g.PaidCents(); r.AmountCents > paid {
		return data.Errorf(data.EINVALID, "Reversement refusé : %s dépasse ce qui a été versé au dossier %s (%s).", data.FormatEuros(r.AmountCents), g.Number, data.FormatEuros(paid))
	}
	return notBeforeDeliberation(c, r.Decided, "de la décision de reversement")
}

// CheckSettings checks a campaign's rule.
func CheckSettings(c *data.Campaign, s data.FollowUpSettings) error {
	if s.AdvancePercent < 0 || s.AdvancePercent > 100 {
		return data.Errorf(data.EINVALID, "L'avance est un pourcentage de 0 à 100 (%d saisi).", s.AdvancePercent)
	}
	if !s.CRFDue.IsZero() {
		return notBeforeDeliberation(c, s.CRFDue, "limite du compte rendu financier")
	}
	return nil
}

// CheckTerms checks what a grant's convention sets apart from the rule.
func CheckTerms(c *data.Campaign, g *data.Grant, t data.GrantTerms) error {
	if a := t.AdvanceCents; a != nil && (*a < 0 || *a > g.GrantedCents) {
		return data.Errorf(data.EINVALID, "L'avance (%s) est comprise entre 0 et la subvention (%s).", data.FormatEuros(*a), data.FormatEuros(g.GrantedCents))
	}
	if !t.CRFDue.IsZero() {
		return notBeforeDeliberation(c, t.CRFDue, "limite du compte rendu financier")
	}
	return nil
}

// CheckCancel checks the removal of a payment recorded in error: a written
// reason, and what remains paid still covers the reversal decided.
func CheckCancel(g *data.Grant, paymentID int64, reason string) error {
	if data.Blank(reason) {
		return data.Errorf(data.EINVALID, "L'annulation d'un versement enregistré par erreur demande un motif écrit.")
	}
	for _, p := range g.Payments {
		if p.ID != paymentID {
			continue
		}
		if r := g.Reversal; r != nil && g.PaidCents()-p.AmountCents < r.AmountCents {
			return data.Errorf(data.EINVALID, "Annulation refusée : le reversement demandé (%s) dépasserait ce qui reste versé au dossier %s (%s).",
				data.FormatEuros(r.AmountCents), g.Number, data.FormatEuros(g.PaidCents()-p.AmountCents))
		}
		return nil
	}
	return data.Errorf(data.ENOTFOUND, "Le dossier %s n'a pas de versement n° %d.", g.Number, paymentID)
}
