package cli

import (
	"strings"
	"testing"
)

// Retaining a structure whose compte rendu financier was refused in another
// campaign is refused (loi 2000-321 art. 10), naming that campaign and
// dossier, unless --force comes with the exemption's reason, journaled.
func TestDecideRefusesABarredStructure(t *testing.T) {
	eachBase(t, func(t *testing.T, db string) {
		twoYearsDB(t, db)
		mustRun(t, db, "--campaign", "AMI2021", "crf", "record", "AMI2021-001", "--received", "15/06/2022", "--cost", "20 000", "--used", "8 000",
			"--status", "refuse", "--note", "Dépenses non justifiées")
		for _, want := range []string{"AMI2021 (dossier AMI2021-001, compte rendu financier refusé)", "loi n° 2000-321", "art. 10", "--reason"} {
			refusedCLI(t, db, want, "decide", "AMI2022-001", "retenu", "--force")
		}
		if code, _, errs := runCLI(t, db, "decide", "AMI2022-001", "retenu", "--reason", "Bilan reçu"); code != 2 || !strings.Contains(errs, "va avec --force") {
			t.Errorf("--reason without --force: %d %q", code, errs)
		}
		// The newcomer is not barred; L'ETOILE's dossier of 2021 was not funded.
		mustRun(t, db, "decide", "AMI2022-003", "retenu", "--force")
		out := mustRun(t, db, "decide", "AMI2022-001", "retenu", "--force", "--reason", "Nouveau bilan déposé le 20/06/2022")
		if !strings.Contains(out, "AMI2022-001 : retenu.") {
			t.Errorf("decide: %q", out)
		}
		for _, line := range strings.Split(mustRun(t, db, "ranking"), "\n") {
			if strings.Contains(line, "AMI2022-001") != strings.Contains(line, "(loi 2000-321 art. 10)") {
				t.Errorf("the ranking's alert: %q", line)
			}
		}
		out = mustRun(t, db, "history", "--limit", "5")
		if !strings.Contains(out, "Retenu (dérogation loi 2000-321 art. 10 : Nouveau bilan") {
			t.Errorf("the exemption is not journaled:\n%s", out)
		}
	})
}
