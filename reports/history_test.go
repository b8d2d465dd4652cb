package reports

import (
	"strings"
	"testing"

	"github.com/call-agglo/cohesion/data"
)

// historyInput is the demo's input where the first dossier's structure was
// aided in 2020 and justified it, and the third's left its compte rendu
// financier overdue.
func historyInput(t *testing.T) Input {
	in := input(t, 0)
	in.History = map[int64][]data.StructureDossier{
		in.Applications[0].ID: {{CampaignCode: "AMI2020", CampaignYear: 2020, Number: "AMI2020-004", Status: data.StatusRetenu,
			GrantedCents: 1_200_000, PaidCents: 1_200_000, CRFStatus: data.CRFAccepted}},
		in.Applications[2].ID: {{CampaignCode: "AMI2020", CampaignYear: 2020, Number: "AMI2020-009", Status: data.StatusRetenu,
			GrantedCents: 500_000, PaidCents: 500_000, CRFStatus: data.CRFExpected, CRFOverdue: true}},
	}
	return in
}

// fichePage is the text of the page holding the dossier's fiche.
func fichePage(t *testing.T, pages []string, number string) string {
	t.Helper()
	for _, p := range pages {
		if strings.Contains(squash(p), squash("Fiche de synthèse — "+number)) {
			return squash(p)
		}
	}
	t.Fatalf("no fiche for %s", number)
	return ""
}

// The jury dossier's fiche says the structure's history in one block and
// flags a structure barred by loi 2000-321 art. 10; the anonymised dossier
// keeps the flag and leaves the history out.
func TestDossierFicheHistory(t *testing.T) {
	in := historyInput(t)
	first, third, second := in.Applications[0].Number, in.Applications[2].Number, in.Applications[1].Number
	pages := pdfText(t, render(t, mustDoc(t)(JuryDossier(in)), "jury-history.pdf"))
	want := squash("Déjà aidée : 2020 — " + data.FormatEuros(1_200_000) + " accordés, CRF accepté.")
	if p := fichePage(t, pages, first); !strings.Contains(p, want) || strings.Contains(p, squash("CRF en retard dans une autre campagne")) {
		t.Errorf("%s's fiche:\n%s", first, p)
	}
	p := fichePage(t, pages, third)
	if !strings.Contains(p, squash("CRF en retard dans une autre campagne : la loi n° 2000-321 (art. 10) interdit une nouvelle subvention")) ||
		!strings.Contains(p, squash("Déjà aidée : 2020 — "+data.FormatEuros(500_000)+" accordés, CRF en retard.")) {
		t.Errorf("%s's fiche:\n%s", third, p)
	}
	if p := fichePage(t, pages, second); strings.Contains(p, squash("Déjà aidée")) || strings.Contains(p, squash("Déjà candidate")) {
		t.Errorf("%s's fiche says a history it has not:\n%s", second, p)
	}
	in.Anonymise = true
	pages = pdfText(t, render(t, mustDoc(t)(JuryDossier(in)), "jury-history-anonyme.pdf"))
	all := squash(strings.Join(pages, "\n"))
	if strings.Contains(all, squash("Déjà aidée")) || !strings.Contains(fichePage(t, pages, third), squash("CRF en retard dans une autre campagne")) {
		t.Errorf("the anonymised dossier: history %v", strings.Contains(all, squash("Déjà aidée")))
	}
}
