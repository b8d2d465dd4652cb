package cli

import (
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/call-agglo/cohesion/data"
)

// demoDecided fills a base with the demo campaign scored by two jurors, split,
// adopted and decided.
func demoDecided(t *testing.T, db string) string {
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
	eachBase(t, func(t *testing.T, db string) {
		if _, err := exec.LookPath("pdftotext"); err != nil {
			t.Skip("pdftotext (poppler-utils) absent")
		}
		demoDecided(t, db)
		dir := t.TempDir()
		for _, kind := range []string{"jury", "sheets", "annex", "letters"} {
			out := filepath.Join(dir, kind+".pdf")
			code, stdout, errs := runCLI(t, db, "report", kind, "-o", out)
			if code != 0 || !strings.Contains(stdout, "écrit") {
				t.Fatalf("report %s: %d %q %q", kind, code, stdout, errs)
			}
		}
		annex := pdfText(t, filepath.Join(dir, "annex.pdf"))
		if !strings.Contains(annex, "Annexe au projet de délibération") || !strings.Contains(annex, "150 000,00 €") { // no deliberation yet
			t.Fatalf("annex text:\n%s", annex[:min(len(annex), 2000)])
		}
		jury := pdfText(t, filepath.Join(dir, "jury.pdf"))
		if !strings.Contains(jury, "Document de travail") || !strings.Contains(jury, "DEMO-001") {
			t.Fatal("jury dossier lacks its footer or applications")
		}
		// Both print the journal's head, which verify --head then checks.
		_, out, _ := runCLI(t, db, "verify")
		head := strings.TrimSuffix(out[strings.LastIndex(out, " ")+1:], ".\n")
		pages := strings.Split(jury, "\f")
		for name, text := range map[string]string{"annex": annex, "last page of the dossier": pages[len(pages)-2]} {
			if !strings.Contains(strings.Join(strings.Fields(text), " "), "Empreinte du journal des modifications au moment de l'édition : "+head) {
				t.Errorf("%s lacks the journal's head %s", name, head)
			}
		}
		if code, _, errs := runCLI(t, db, "verify", "--head", head); code != 0 {
			t.Errorf("verify --head %s: %s", head, errs)
		}
		code, stdout, _ := runCLI(t, db, "report", "letters", "-o", filepath.Join(dir, "lettres"), "--per-applicant")
		files, _ := os.ReadDir(filepath.Join(dir, "lettres"))
		if code != 0 || len(files) == 0 || !strings.Contains(stdout, "lettres écrites") {
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
	})
}

func TestExportRoundTrip(t *testing.T) {
	eachBase(t, func(t *testing.T, db string) {
		demoDecided(t, db)
		dir := t.TempDir()
		for _, f := range []string{"dossiers.xlsx", "dossiers.csv", "classement.xlsx", "repartition.csv", "repartition.xlsx"} {
			what := map[string]string{"dossiers": "applications", "classement": "ranking", "repartition": "allocation"}[strings.TrimSuffix(f, filepath.Ext(f))]
			if code, stdout, errs := runCLI(t, db, "export", what, "-o", filepath.Join(dir, f)); code != 0 || !strings.Contains(stdout, "exportées dans") {
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
	})
}

// An output never destroys an input: the base, its journal files and its
// backups are refused as targets, and so is an extension that does not fit.
func TestOutputsNeverOverwriteTheBase(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "cohesion.db")
	runCLI(t, db, "init")
	runCLI(t, db, "backup", "-o", filepath.Join(dir, "copie.db"))
	runCLI(t, db, "gen", "--applications", "3")
	before, _ := os.ReadFile(db)
	os.MkdirAll(filepath.Join(dir, "sauvegardes"), 0o755)
	inBackups := filepath.Join(dir, "sauvegardes", "x.pdf")
	link := filepath.Join(dir, "lien.pdf")
	os.Symlink(db, link)
	for _, args := range [][]string{
		{"report", "jury", "-o", db}, {"report", "annex", "-o", db + "-wal"}, {"report", "sheets", "-o", link},
		{"report", "annex", "-o", inBackups}, {"report", "annex", "-o", filepath.Join(dir, "annexe.docx")},
		{"export", "applications", "-o", db + "-shm"}, {"export", "applications", "-o", filepath.Join(dir, "registre.pdf")},
		{"backup", "-o", db}, {"backup", "-o", filepath.Join(dir, "sauvegardes", "cohesion-20210101-120000.db")}, {"backup", "-o", filepath.Join(dir, "s.zip")},
		{"gdpr", "export", "--person", "Sabrina Dufour", "-o", db}, {"gdpr", "export", "--person", "Sabrina Dufour", "-o", filepath.Join(dir, "p.pdf")},
	} {
		if code, _, errs := runCLI(t, db, args...); code == 0 || !(strings.Contains(errs, "base elle-même") || strings.Contains(errs, "sauvegardes") || strings.Contains(errs, "doit finir par")) {
			t.Errorf("%v: %d %q", args, code, errs)
		}
	}
	if after, _ := os.ReadFile(db); string(after) != string(before) {
		t.Fatal("the base was overwritten")
	}
	if _, err := os.Stat(inBackups); err == nil {
		t.Fatal("a document was written into the backup folder")
	}
}

// Letters written one per file never share a name: « A/B », « A_B » and
// « A:B » make three files, and the count printed is the count written.
func TestLetterFilesNeverCollide(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	runCLI(t, db, "init")
	var b strings.Builder
	b.WriteString(strings.TrimSuffix(header, "\n") + ";Adresse\n") // a letter needs its postal code and town
	for _, name := range []string{"A/B", "A_B", "A:B", "a_b", "Les Petits Pas", "Les Petits Pas"} {
		b.WriteString(";12/04/2021 14:30;" + name + ";;Avion;Projet;Mobilité;QP062019;20 000;8 000;;1 rue de la Gare, 62210 Avion\n")
	}
	file := writeFile(t, "dossiers.csv", b.String())
	if code, _, errs := runCLI(t, db, "import", "applications", file); code != 0 {
		t.Fatal(errs)
	}
	if code, _, errs := runCLI(t, db, "status", "--all-received", "recevable", "--reason", "Pièces vérifiées sur la plateforme"); code != 0 {
		t.Fatal(errs)
	}
	for i := 1; i <= 6; i++ {
		runCLI(t, db, "decide", fmt.Sprintf("AMI2021-%03d", i), "non-retenu", "--motivation", "Hors priorités")
	}
	dir := filepath.Join(t.TempDir(), "lettres")
	code, out, errs := runCLI(t, db, "report", "letters", "--per-applicant", "-o", dir)
	if code != 0 || !strings.Contains(out, "6 lettres écrites") {
		t.Fatalf("letters: %d %q %q", code, out, errs)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 6 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Fatalf("%d files for 6 letters: %v", len(entries), names)
	}
}

// verify names the data changed outside Cohésion, and checks a printed head.
func TestVerifyNamesTamperingAndHead(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	runCLI(t, db, "init")
	file := writeFile(t, "dossiers.csv", header+";12/04/2021 14:30;Les Petits Pas;73282932000074;Avion;Vélo-école;Mobilité;QP062019;20 000;8 000;\n")
	runCLI(t, db, "import", "applications", file)
	code, out, _ := runCLI(t, db, "verify")
	head := out[strings.LastIndex(out, " ")+1 : len(out)-2]
	if code != 0 || !strings.Contains(out, "Journal intact") {
		t.Fatalf("verify: %d %q", code, out)
	}
	if code, out, errs := runCLI(t, db, "verify", "--head", head); code != 0 || !strings.Contains(out, "figure bien") {
		t.Fatalf("verify --head %s: %d %q %q", head, code, out, errs)
	}
	if code, _, errs := runCLI(t, db, "verify", "--head", "1-0123456789abcdef"); code == 0 || !strings.Contains(errs, "altéré") {
		t.Fatalf("verify --head of another chain: %d %q", code, errs)
	}
	raw, _ := sql.Open("sqlite3", db)
	defer raw.Close()
	if _, err := raw.Exec(`UPDATE applications SET requested_cents = 99900000`); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := runCLI(t, db, "verify"); code != 1 || !strings.Contains(errs, "dossier AMI2021-001 : modifié hors de Cohésion") {
		t.Fatalf("verify after an UPDATE: %d %q", code, errs)
	}
}
