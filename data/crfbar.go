package data

import (
	"strings"
)

// The bar of loi n° 2000-321 du 12 avril 2000, art. 10: no new grant to a
// structure that has not justified a previous one. A dossier whose structure
// has a compte rendu financier overdue or refused in another campaign
// (CRFOverdueElsewhere) is not retained with an amount — by the jury's
// decision « retenu » or by a line of the adopted scenario — unless the agent
// records an exemption with its reason, kept with the decision and journaled.
// The store checks it in the transaction that writes, whatever the path.

// CRFBarError refuses to retain a dossier whose structure is barred; it
// names the dossiers of the other campaigns that bar it.
type CRFBarError struct {
	Number string             // the dossier to retain
	Others []StructureDossier // its structure's dossiers with a CRF overdue or refused
}

// ErrorCode is EINVALID: the agent may pass over with a written reason.
func (e *CRFBarError) ErrorCode() string { return EINVALID }

func (e *CRFBarError) Error() string {
	parts := make([]string, len(e.Others))
	for i, d := range e.Others {
		what := "refusé"
		if d.CRFStatus != CRFRefused {
			what = "en retard"
		}
		parts[i] = d.CampaignCode + " (dossier " + d.Number + ", compte rendu financier " + what + ")"
	}
	where := "dans la campagne " + parts[0]
	if len(parts) > 1 {
		where = "dans les campagnes " + strings.Join(parts[:len(parts)-1], ", ") + " et " + parts[len(parts)-1]
	}
	return "Le dossier " + e.Number + " ne peut pas être retenu avec un montant : sa structure n'a pas justifié une subvention précédente, " + where +
		". La loi n° 2000-321 du 12 avril 2000 (art. 10) interdit une nouvelle subvention tant que le compte rendu financier n'est pas produit et accepté." +
		" Pour passer outre, enregistrez une dérogation motivée (« cohesion-cli decide " + e.Number + " retenu --force --reason MOTIF », ou le motif demandé par la fenêtre), que le journal inscrit."
}

// CheckCRFBar refuses to retain the dossier number with an amount when its
// structure's history (HistoryOf: the other campaigns) bars it, unless an
// exemption's reason is written.
func CheckCRFBar(number string, history []StructureDossier, exemption string) error {
	others := CRFUnjustified(history)
	if len(others) == 0 || !Blank(exemption) {
		return nil
	}
	return &CRFBarError{Number: number, Others: others}
}

// CRFExemptionNote is what the journal adds to a decision retained with an
// exemption to the bar.
func CRFExemptionNote(reason string) string {
	return "dérogation loi 2000-321 art. 10 : " + strings.TrimSpace(reason)
}

// CRFAlert is the alert a barred structure's new dossier carries in the
// register, the ranking, the dashboard and the jury dossier: « CRF en
// retard » (any overdue), else « CRF refusé »; "" when not barred.
func CRFAlert(history []StructureDossier) string {
	others := CRFUnjustified(history)
	if len(others) == 0 {
		return ""
	}
	for _, d := range others {
		if d.CRFOverdue {
			return "CRF en retard"
		}
	}
	return "CRF refusé"
}

// CRFFlag is the ranking's alert for a barred structure: « CRF en retard
// (loi 2000-321 art. 10) ».
func CRFFlag(history []StructureDossier) string {
	if a := CRFAlert(history); a != "" {
		return a + " (loi 2000-321 art. 10)"
	}
	return ""
}
