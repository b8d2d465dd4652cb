package storetest

import (
	"fmt"
	"testing"
	"time"

	"github.com/call-agglo/cohesion/data"
)

// Issue 23: a new dossier's state is journaled from the rows written, not
// read back. The check of the journal reads them back: it finds every
// dossier as journaled, whatever fields it has (all set, the optional ones
// that count only once set, an exemption among them, a late deposit and its
// second status, pieces in any order, text with accents and line breaks),
// created alone, imported in a short file or a long one (from 1 000 lines:
// on a server, written before the writers' lock).
var _ = register("NewDossiersJournalTheRowsWritten", func(t *testing.T, h Harness) {
	st, c := seeded(t, h)
	mustCreate(t, st, c, app(t, c))
	exempted := fullApp(t, c, 99999)
	exempted.Exemption = "Attestation d'assurance promise pour le 15/05"
	mustCreate(t, st, c, exempted)
	for from, n := range map[int]int{0: 3, 10: 1100} {
		apps := make([]data.Application, n)
		for i := range apps {
			apps[i] = *fullApp(t, c, from+i)
		}
		sum, err := st.ImportApplications(ctx, c, data.LinesOf(apps), data.ImportOptions{Renumber: true})
		if err != nil || sum.Created != n {
			t.Fatalf("import of %d: %+v, %v", n, sum, err)
		}
	}
	rep := intact(t, st)
	if rep.Count < 1105 {
		t.Fatalf("journal of %d entries only", rep.Count)
	}
})

// fullApp is an application with every field a new dossier can have, some
// of them varying with i.
func fullApp(t testing.TB, c *data.Campaign, i int) *data.Application {
	a := app(t, c)
	a.Number = fmt.Sprintf("DS-%05d", i) // kept as the applicant's reference
	a.Structure.Name = fmt.Sprintf("Association « L'Éveil » n° %d", i)
	a.Structure.Address, a.Structure.PostalCode, a.Structure.Town = "Maison des associations\n12 rue Jean Jaurès", "62300", "Lens"
	a.Structure.LegalRep, a.Structure.Contact = "Mme Aïcha Ben Saïd", "M. Loïc Lefèvre"
	a.TargetPublic, a.Notes, a.OpinionText = "Jeunes de 16 à 25 ans", "Dossier suivi\npar le service", "Projet cohérent"
	a.Opinion = data.OpinionFavorable
	a.QPVs = []string{"QP062019", "QP062002"}[:1+i%2]
	a.Cofinancing = append(a.Cofinancing, data.Cofinancing{Funder: "Région Hauts-de-France", AmountCents: int64(100_000 + i), Acquired: i%3 == 0})
	a.Documents = allPieces()
	if i%2 == 1 { // after the deadline: late, with a second status
		a.Received = time.Date(2021, 5, 3, 9, 15, 0, 0, data.Paris)
	}
	if i%4 == 3 {
		a.LateOverride = "Dépôt retardé par une panne de la plateforme"
	}
	return a
}
