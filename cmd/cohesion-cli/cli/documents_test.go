package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/call-agglo/cohesion/data"
)

// demoDecided is the demo campaign scored by two jurors, split, adopted and decided.
func demoDecided(t *testing.T) string {
	db := filepath.Join(t.TempDir(), "c.db")
	t.Setenv("COHESION_CAMPAIGN", data.DemoCode)
	runCLI(t, db, "init", "--demo")
	apps := listJSON(t, db)
	var b strings.Builder
	b.WriteString("Numéro;Juré;1;2;3;4;5\n")
	for i, a := range apps {
		if a.Late {
			continue
		}
		v := []string{"5", "4", "3", "2", "1"}[i%5]
		b.WriteString(a.Number + ";Mme Durand;" + strings.Repeat(v+";", 4) + v + "\n")
		b.WriteString(a.Number + ";M. Leroy;" + strings.Repeat(v+";", 4) + v + "\n")
	}
	file := writeFile(t, "notes.csv", b.String())
	for _, args := range [][]string{{"import", "scores", file, "--create-jurors"}, {"allocate", "--method", "rank", "--save", "Rang"}, {"adopt", "Rang"}} {
		if code, _, errs := runCLI(t, db, args...); code != 0 {
			t.Fatalf("%v: %s", args, errs)
		}
	}
	for _, r := range ranking(t, db) {
		if r.Rank <= 3 {
			runCLI(t, db, "decide", r.Number, "retenu")
		} else if *r.Score < 10 {
			runCLI(t, db, "decide", r.Number, "non-retenu", "--motivation", "Note inférieure au seuil")
		}
	}
	runCLI(t, db, "allocate", "--method", "rank", "--save", "Rang", "--force")
	return db
}

func pdfText(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.NewReplacer("\u202f", " ", "\u00a0", " ").Replace(string(out))
}

func TestReportCommands(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) absent")
	}
	db := demoDecided(t)
	dir := t.TempDir()
	for _, kind := range []string{"jury", "sheets", "annex", "letters"} {
		out := filepath.Join(dir, kind+".pdf")
		code, stdout, errs := runCLI(t, db, "report", kind, "-o", out)
		if code != 0 || !strings.Contains(stdout, "écrit") {
			t.Fatalf("report %s: %d %q %q", kind, code, stdout, errs)
		}
	}
	annex := pdfText(t, filepath.Join(dir, "annex.pdf"))
	if !strings.Contains(annex, "Annexe à la délibération") || !strings.Contains(annex, "150 000,00 €") {
		t.Fatalf("annex text:\n%s", annex[:min(len(annex), 2000)])
	}
	jury := pdfText(t, filepath.Join(dir, "jury.pdf"))
	if !strings.Contains(jury, "Document de travail") || !strings.Contains(jury, "DEMO-001") {
		t.Fatal("jury dossier lacks its footer or applications")
	}
	code, stdout, _ := runCLI(t, db, "report", "letters", "-o", filepath.Join(dir, "lettres"), "--per-applicant")
	files, _ := os.ReadDir(filepath.Join(dir, "lettres"))
	if code != 0 || len(files) == 0 || !strings.Contains(stdout, "lettre(s)") {
		t.Fatalf("letters per applicant: %d %q %d files", code, stdout, len(files))
	}
	if code, _, errs := runCLI(t, db, "report", "brochure", "-o", filepath.Join(dir, "x.pdf")); code != 2 || !strings.Contains(errs, "inconnu") {
		t.Fatalf("unknown document: %d %q", code, errs)
	}
	empty := filepath.Join(t.TempDir(), "vide.db")
	runCLI(t, empty, "init")
	if code, _, errs := runCLI(t, empty, "report", "jury", "-o", filepath.Join(dir, "vide.pdf")); code != 1 || errs == "" {
		t.Fatalf("empty campaign: %d %q", code, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "vide.pdf")); err == nil {
		t.Fatal("an empty PDF was written")
	}
}

func TestExportRoundTrip(t *testing.T) {
	db := demoDecided(t)
	dir := t.TempDir()
	for _, f := range []string{"dossiers.xlsx", "dossiers.csv", "classement.xlsx", "repartition.csv", "repartition.xlsx"} {
		what := map[string]string{"dossiers": "applications", "classement": "ranking", "repartition": "allocation"}[strings.TrimSuffix(f, filepath.Ext(f))]
		if code, stdout, errs := runCLI(t, db, "export", what, "-o", filepath.Join(dir, f)); code != 0 || !strings.Contains(stdout, "exportée(s)") {
			t.Fatalf("export %s: %d %q %q", f, code, stdout, errs)
		}
	}
	raw, _ := os.ReadFile(filepath.Join(dir, "dossiers.csv"))
	if !strings.HasPrefix(string(raw), "\ufeff") || !strings.Contains(string(raw), ";") {
		t.Fatal("CSV without BOM or ;")
	}
	// The register exported then imported into a fresh base gives the same register.
	fresh := filepath.Join(t.TempDir(), "neuve.db")
	runCLI(t, fresh, "init")
	if code, _, errs := runCLI(t, fresh, "--campaign", "AMI2021", "import", "applications", filepath.Join(dir, "dossiers.xlsx")); code != 0 {
		t.Fatalf("re-import: %s", errs)
	}
	before, after := listJSON(t, db), listJSON(t, fresh, "--campaign", "AMI2021")
	if len(before) != len(after) {
		t.Fatalf("%d then %d applications", len(before), len(after))
	}
	for i := range before {
		b, a := before[i], after[i]
		if b.Number != a.Number || b.Structure != a.Structure || b.SIRET != a.SIRET || b.RequestedCents != a.RequestedCents ||
			b.TotalCents != a.TotalCents || b.Theme != a.Theme || strings.Join(b.QPV, ",") != strings.Join(a.QPV, ",") || b.Received != a.Received {
			t.Fatalf("line %d differs:\n%+v\n%+v", i, b, a)
		}
	}
	// SCDL needs the organiser's SIRET: a clear message without it.
	if code, _, errs := runCLI(t, db, "export", "scdl", "-o", filepath.Join(dir, "scdl.csv")); code != 1 || !strings.Contains(errs, "SIRET") {
		t.Fatalf("scdl without SIRET: %d %q", code, errs)
	}
	if code, _, _ := runCLI(t, db, "export", "applications", "-o", filepath.Join(dir, "x.pdf")); code != 2 {
		t.Fatal("export to .pdf accepted")
	}
}
