package cli

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/call-agglo/cohesion/data"
)

// squashed is text with every run of spaces made one: pdftotext wraps lines
// where the PDF does.
func squashed(s string) string { return strings.Join(strings.Fields(s), " ") }

// adoptedLines are the grants of the demo's rank split, as `allocate` computes them.
func adoptedLines(t *testing.T, db string) allocationJSON {
	t.Helper()
	code, out, errs := runCLI(t, db, "allocate", "--method", "rank", "--format", "json")
	if code != 0 {
		t.Fatal(errs)
	}
	var a allocationJSON
	if err := json.Unmarshal([]byte(out), &a); err != nil {
		t.Fatal(err)
	}
	return a
}

// The council's documents from the command line: refused as the annex is
// refused (no adopted scenario, a scenario to recalculate) and, beyond it,
// while a grant has no jury decision; then a PROJET with the total, the
// conventions above 23 000 € only, the elected juror's déport and the budget
// line; once the deliberation is recorded, its number and date, no PROJET,
// and the journal's head the annex prints; the .docx opens in LibreOffice.
func TestCouncilDocumentCommands(t *testing.T) {
	eachBase(t, func(t *testing.T, db string) {
		dir := t.TempDir()
		out := func(name string) string { return filepath.Join(dir, name) }
		t.Setenv("COHESION_CAMPAIGN", data.DemoCode)
		runCLI(t, db, "init", "--demo")
		for _, kind := range []string{"annex", "deliberation", "rapport"} {
			if code, _, errs := runCLI(t, db, "report", kind, "-o", out("x.pdf")); code != 1 || !strings.Contains(errs, "Aucun scénario de répartition adopté") {
				t.Fatalf("%s without a scenario: %d %q", kind, code, errs)
			}
		}
		demoDecided(t, db)
		if code, _, errs := runCLI(t, db, "report", "annex", "-o", out("annexe.pdf")); code != 0 {
			t.Fatalf("annex: %s", errs)
		}
		code, _, errs := runCLI(t, db, "report", "deliberation", "-o", out("x.pdf"))
		if code != 1 || !strings.Contains(errs, "sans décision du jury") || !strings.Contains(errs, "(aucune décision)") {
			t.Fatalf("a grant without a decision: %d %q", code, errs)
		}
		for _, r := range ranking(t, db) {
			if r.Rank > 3 && r.Score != nil && *r.Score >= 10 {
				runCLI(t, db, "decide", r.Number, "retenu")
			}
		}
		al := adoptedLines(t, db)
		var funded string
		for _, l := range al.Lines {
			if l.AmountCents > 0 {
				funded = l.Number
				break
			}
		}
		runCLI(t, db, "decide", funded, "non-retenu", "--motivation", "Revu")
		for _, kind := range []string{"annex", "deliberation"} { // a decision changed: the scenario is to recalculate
			if code, _, errs := runCLI(t, db, "report", kind, "-o", out("x.pdf")); code != 1 || !strings.Contains(errs, "recalculez-le") {
				t.Fatalf("%s of a stale scenario: %d %q", kind, code, errs)
			}
		}
		runCLI(t, db, "decide", funded, "retenu")
		for _, args := range [][]string{{"jurors", "add", "M. Karim Élu", "--college", "elu"},
			{"conflicts", "add", "--juror", "M. Karim Élu", "--application", funded, "--reason", "Président de l'association"},
			{"campaign", "set", "budget-nature=65748", "budget-function=52"},
			{"allocate", "--method", "rank", "--save", "Rang", "--force"}} {
			if code, _, errs := runCLI(t, db, args...); code != 0 {
				t.Fatalf("%v: %s", args, errs)
			}
		}
		draft := councilText(t, db, out("projet.pdf"))
		total := data.Plain(data.FormatEuros(al.TotalCents))
		for _, want := range []string{"PROJET", "Projet de délibération du Conseil communautaire", "L. 2311-7", "L. 5211-1", "loi n° 2000-321",
			"décret n° 2001-495", "montant total de " + total + " (" + data.AmountInWords(al.TotalCents) + ")", "nature 65748, fonction 52",
			"M. Karim Élu, pour", "dossier " + funded} {
			if !strings.Contains(draft, want) {
				t.Errorf("the draft lacks %q:\n%s", want, draft)
			}
		}
		checkConventions(t, draft, al)
		report := councilText(t, db, out("rapport.pdf"), "rapport")
		if !strings.Contains(report, "PROJET") || !strings.Contains(report, "Rapport de présentation") || !strings.Contains(report, total) {
			t.Errorf("the draft report:\n%s", report)
		}
		if code, _, errs := runCLI(t, db, "deliberation", "record", "--number", "2021-0457", "--date", "27/09/2021"); code != 0 {
			t.Fatal(errs)
		}
		runCLI(t, db, "report", "annex", "-o", out("annexe.pdf"))
		annex := squashed(pdfText(t, out("annexe.pdf")))
		head := annex[strings.Index(annex, "Empreinte du journal"):]
		head = head[:strings.Index(head, ")")+1]
		for _, kind := range []string{"deliberation", "rapport"} {
			text := councilText(t, db, out(kind+"-final.pdf"), kind)
			if strings.Contains(text, "PROJET") || !strings.Contains(text, "n° 2021-0457") || !strings.Contains(text, "27 septembre 2021") ||
				!strings.Contains(text, total) || !strings.Contains(text, head) {
				t.Errorf("%s once recorded (head %q):\n%s", kind, head, text)
			}
		}
		docx := out("deliberation.docx")
		if code, stdout, errs := runCLI(t, db, "export", "deliberation", "-o", docx); code != 0 || !strings.Contains(stdout, "écrit") {
			t.Fatalf("export deliberation: %d %q", code, errs)
		}
		if code, _, _ := runCLI(t, db, "export", "rapport", "-o", out("rapport.pdf")); code != 2 {
			t.Error("export rapport to .pdf accepted")
		}
		if code, _, _ := runCLI(t, db, "report", "deliberation", "-o", out("d.docx")); code != 2 {
			t.Error("report deliberation to .docx accepted")
		}
		text := squashed(officeText(t, docx))
		if !strings.Contains(text, "Délibération n° 2021-0457 du Conseil communautaire du 27 septembre 2021") || !strings.Contains(text, total) ||
			!strings.Contains(text, "M. Karim Élu") || strings.Contains(text, "PROJET") {
			t.Errorf("the .docx read back by LibreOffice:\n%s", text)
		}
	})
}

// councilText writes a council document (the deliberation by default) and
// reads it back.
func councilText(t *testing.T, db, path string, kind ...string) string {
	t.Helper()
	k := "deliberation"
	if len(kind) > 0 {
		k = kind[0]
	}
	if code, stdout, errs := runCLI(t, db, "report", k, "-o", path); code != 0 || !strings.Contains(stdout, "écrit") {
		t.Fatalf("report %s: %d %q", k, code, errs)
	}
	return squashed(pdfText(t, path))
}

// checkConventions: the article on conventions names every grant strictly
// above 23 000 € and no other.
func checkConventions(t *testing.T, text string, al allocationJSON) {
	t.Helper()
	from := strings.Index(text, "les conventions prévues")
	to := strings.Index(text[max(from, 0):], "Article 4")
	if from < 0 || to < 0 {
		t.Fatalf("no article on conventions:\n%s", text)
	}
	article := text[from : from+to]
	above := 0
	for _, l := range al.Lines {
		if l.AmountCents > 2_300_000 {
			above++
		}
		named := strings.Contains(article, "dossier "+l.Number+",")
		if l.AmountCents > 2_300_000 != named {
			t.Errorf("%s (%s): named among the conventions %v:\n%s", l.Number, data.FormatEurosPlain(l.AmountCents), named, article)
		}
	}
	if above == 0 {
		t.Error("no grant above 23 000 €: the check proves nothing")
	}
}

// officeText converts a Word document to PDF with LibreOffice (its own
// profile) and reads it back. Under CI=true a missing soffice is a failure:
// scripts/setup-debian.sh installs it.
func officeText(t *testing.T, docx string) string {
	t.Helper()
	if _, err := exec.LookPath("soffice"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("soffice (libreoffice-writer-nogui) absent : scripts/setup-debian.sh l'installe")
		}
		t.Skip("soffice absent")
	}
	dir := t.TempDir()
	cmd := exec.Command("soffice", "-env:UserInstallation=file://"+filepath.Join(dir, "profil"), "--headless", "--convert-to", "pdf", "--outdir", dir, docx)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	return pdfText(t, filepath.Join(dir, strings.TrimSuffix(filepath.Base(docx), ".docx")+".pdf"))
}
