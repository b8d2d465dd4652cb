package cli

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/call-agglo/cohesion/data"
)

// The letters' settings are shown and set from the command line, journaled,
// and printed on the letters; the annex and the letters say PROJET until the
// deliberation is recorded, and no longer once it is.
func TestLetterSettingsFromTheCommandLine(t *testing.T) {
	eachBase(t, func(t *testing.T, db string) {
		demoDecided(t, db)
		_, out, _ := runCLI(t, db, "campaign", "show")
		for _, want := range []string{"letter-place", "Liévin", "case-officer", "Service politique de la ville", "case-officer-contact", "letter-reference"} {
			if !strings.Contains(out, want) {
				t.Errorf("show: no %q in\n%s", want, out)
			}
		}
		code, out, errs := runCLI(t, db, "campaign", "set", "letter-place=Lens", "case-officer=Mme Sonia Bernard",
			"case-officer-contact=03 21 79 07 90 — politique.ville@agglo-lenslievin.fr", "letter-reference=DPV/SB/2021")
		if code != 0 || !strings.Contains(out, "Affaire suivie par") || !strings.Contains(out, "Référence des lettres") {
			t.Fatalf("set: %d %q %q", code, out, errs)
		}
		_, out, _ = runCLI(t, db, "campaign", "show")
		for _, want := range []string{"Lens", "Mme Sonia Bernard", "03 21 79 07 90 — politique.ville@agglo-lenslievin.fr", "DPV/SB/2021"} {
			if !strings.Contains(out, want) {
				t.Errorf("show after set: no %q in\n%s", want, out)
			}
		}
		if _, out, _ := runCLI(t, db, "history"); !strings.Contains(out, "Affaire suivie par") || !strings.Contains(out, "Mme Sonia Bernard") {
			t.Errorf("the change is not journaled:\n%s", out)
		}

		dir := t.TempDir()
		report := func(kind string) string {
			t.Helper()
			path := filepath.Join(dir, kind+".pdf")
			if code, _, errs := runCLI(t, db, "report", kind, "-o", path); code != 0 {
				t.Fatalf("report %s: %s", kind, errs)
			}
			return pdfText(t, path)
		}
		before := data.DateOf(time.Now()).FormatLong()
		letters := report("letters")
		today := data.DateOf(time.Now()).FormatLong() // the same, unless midnight passed
		if !strings.Contains(letters, "Lens, le "+before) && !strings.Contains(letters, "Lens, le "+today) {
			t.Errorf("letters not dated « Lens, le %s »:\n%.1500s", today, letters)
		}
		for _, want := range []string{"Affaire suivie par : Mme Sonia Bernard", "Réf. : DPV/SB/2021 — dossier n° DEMO-", "PROJET", "(délibération à venir)"} {
			if !strings.Contains(letters, want) {
				t.Errorf("letters: no %q", want)
			}
		}
		if annex := report("annex"); !strings.Contains(annex, "PROJET") || strings.Contains(annex, "n° …") {
			t.Errorf("annex before the deliberation:\n%.1500s", annex)
		}
		if code, _, errs := runCLI(t, db, "deliberation", "record", "--number", "2021-154", "--date", "27/09/2021"); code != 0 {
			t.Fatal(errs)
		}
		annex, letters := report("annex"), report("letters")
		if strings.Contains(annex, "PROJET") || strings.Contains(letters, "PROJET") {
			t.Error("PROJET after the deliberation")
		}
		if !strings.Contains(annex, "Fait à Lens, le 27/09/2021") || !strings.Contains(letters, "(délibération n° 2021-154 du 27/09/2021)") {
			t.Errorf("the deliberation is not cited:\n%.1500s", annex)
		}
	})
}
