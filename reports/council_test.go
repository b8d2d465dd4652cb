package reports

import (
	"archive/zip"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/call-agglo/cohesion/data"
)

// councilInput is the fixture with an elected juror's déport on a funded
// dossier, and two grants at the convention threshold: 23 000,00 € (no
// convention) and 23 000,01 € (one); a third grant makes up the difference,
// so that the total stays the scenario's.
func councilInput(t testing.TB) (Input, map[string]*data.Application) {
	t.Helper()
	in := input(t, 0)
	var funded []int
	for i, l := range in.Allocation.Lines {
		if l.AmountCents > 0 {
			funded = append(funded, i)
		}
	}
	if len(funded) < 3 {
		t.Fatalf("%d grants only", len(funded))
	}
	lines := in.Allocation.Lines
	lines[funded[2]].AmountCents -= 2_300_000 + 2_300_001 - lines[funded[0]].AmountCents - lines[funded[1]].AmountCents
	lines[funded[0]].AmountCents = 2_300_000
	lines[funded[1]].AmountCents = 2_300_001
	at := map[string]*data.Application{
		"exact": &in.Applications[lines[funded[0]].ID-1], "above": &in.Applications[lines[funded[1]].ID-1],
		"deport": &in.Applications[lines[funded[2]].ID-1],
	}
	// Juror 1 sits for the college « élu »; juror 2's déport (services) is no councillor's.
	in.Conflicts = append(in.Conflicts, data.Conflict{JurorID: 1, ApplicationID: at["deport"].ID, Reason: "Administratrice de l'association", JurorName: jurorNames[0]})
	in.JournalHead = data.Head{ID: 4242, Hash: "3f2a9c1d5e7b8a90ffee"}
	return in, at
}

// Both documents read back from their PDFs, before the deliberation is
// recorded (PROJET on every page, a deliberation « à venir ») and after
// (its number and its date in words, no PROJET): the total as on the
// annex and in words, the conventions of the grants strictly above
// 23 000 € only, the elected juror's déport with the grant concerned, the
// budget line, the journal's head.
func TestCouncilDocumentsReadBack(t *testing.T) {
	recorded, at := councilInput(t)
	recorded.Campaign.BudgetFunction = "52"
	draft := recorded
	draft.Deliberation = Deliberation{}
	total := normalSpaces(data.FormatEuros(recorded.Allocation.TotalCents))
	for _, c := range []struct {
		name string
		in   Input
	}{{"projet", draft}, {"definitif", recorded}} {
		for _, b := range []func(Input) (*Document, error){CouncilReport, CouncilDeliberation} {
			d := mustDoc(t)(b(c.in))
			pages := pdfText(t, render(t, d, d.Kind+"-"+c.name+".pdf"))
			checkFooters(t, pages)
			for i, p := range pages {
				if strings.Contains(p, DraftMark) != (c.name == "projet") {
					t.Errorf("%s %s, page %d: %s %v", d.Kind, c.name, i+1, DraftMark, c.name == "projet")
				}
			}
			all := squash(strings.Join(pages, "\n"))
			wants := []string{total, "Empreintedujournal", "4242-3f2a9c1d5e7b8a90"}
			if c.name == "definitif" {
				wants = append(wants, "n°2021-0457", "27septembre2021")
			} else if strings.Contains(all, "2021-0457") {
				t.Errorf("%s: a draft cites the deliberation's number", d.Kind)
			}
			if d.Kind == KindDeliberation {
				wants = append(wants, squash(DeliberationTitle(c.in.Deliberation)), "L.2311-7", "L.5211-1", "L.2131-11",
					"loin°2000-321", "décretn°2001-495", squash("montant total de "+total+" ("+data.AmountInWords(c.in.Allocation.TotalCents)+")"),
					"nature6574,fonction52", "Article1er", "Article5")
			}
			for _, w := range wants {
				if !strings.Contains(all, squash(w)) {
					t.Errorf("%s %s: %q absent", d.Kind, c.name, w)
				}
			}
			if d.Kind == KindDeliberation {
				checkCouncilParties(t, all, at)
			}
		}
	}
}

// checkCouncilParties: the conventions article names the grant of
// 23 000,01 € and not the one of 23 000,00 €; the elected juror who stepped
// aside is named with the grant concerned, the other jurors' déports not.
func checkCouncilParties(t *testing.T, all string, at map[string]*data.Application) {
	t.Helper()
	from, to := strings.Index(all, "lesconventionsprévues"), strings.Index(all, "Article4")
	if from < 0 || to < from {
		t.Fatalf("no article on conventions in %s", all)
	}
	article := all[from:to]
	if !strings.Contains(article, squash("dossier "+at["above"].Number+", 23 000,01 €")) || strings.Contains(article, at["exact"].Number) {
		t.Errorf("conventions: 23 000,01 € (%s) named, 23 000,00 € (%s) not:\n%s", at["above"].Number, at["exact"].Number, article)
	}
	elected := all[max(strings.Index(all, "neprennentpartniaudébatniauvotesur"), 0):]
	elected = elected[:max(strings.Index(elected, "Aprèsenavoirdélibéré"), 0)]
	if !strings.Contains(elected, squash("Mme Claire Durand, pour "+at["deport"].Structure.Name+" (dossier "+at["deport"].Number)) ||
		strings.Contains(elected, "Lefebvre") || strings.Contains(elected, "Vasseur") {
		t.Errorf("elected jurors who step aside:\n%s", elected)
	}
}

// The council's documents refuse what the annex refuses, with the same
// reasons (its checks, adoptedGrants), and a grant the jury did not decide to
// retain; the annex keeps its own behaviour.
func TestCouncilRefusals(t *testing.T) {
	for _, b := range []struct {
		name  string
		build func(Input) (*Document, error)
	}{{"le projet de délibération", CouncilDeliberation}, {"le rapport de présentation", CouncilReport}} {
		no, _ := councilInput(t)
		no.Allocation = nil
		_, err := b.build(no)
		_, annexErr := Annex(no)
		if err == nil || !strings.Contains(err.Error(), "Aucun scénario de répartition adopté : adoptez un scénario dans l'écran Répartition avant d'imprimer "+b.name) ||
			annexErr == nil || strings.TrimSuffix(err.Error(), b.name+".") != strings.TrimSuffix(annexErr.Error(), "l'annexe à la délibération.") {
			t.Errorf("no scenario: %v / annex: %v", err, annexErr)
		}
		stale, _ := councilInput(t)
		stale.ScenarioStale = true
		if _, err := b.build(stale); err == nil || !strings.Contains(err.Error(), "recalculez-le avant d'imprimer "+b.name) {
			t.Errorf("stale: %v", err)
		}
		bad, _ := councilInput(t)
		bad.Allocation.TotalCents++
		if _, err := b.build(bad); err == nil || !strings.Contains(err.Error(), "ne correspond pas au total du scénario") {
			t.Errorf("wrong total: %v", err)
		}
		undecided, at := councilInput(t)
		undecided.Decisions = copyDecisions(undecided.Decisions)
		delete(undecided.Decisions, at["above"].ID)
		_, err = b.build(undecided)
		if err == nil || !strings.Contains(err.Error(), "sans décision du jury") || !strings.Contains(err.Error(), at["above"].Number+" (aucune décision)") {
			t.Errorf("a grant without a decision: %v", err)
		}
		if _, err := Annex(undecided); err != nil {
			t.Errorf("the annex's behaviour changed: %v", err)
		}
	}
	in, _ := councilInput(t)
	in.Council = CouncilTemplates{Deliberation: "Article : {{inconnu}}"}
	if _, err := CouncilDeliberation(in); err == nil || !strings.Contains(err.Error(), "champ inconnu « {{inconnu}} »") {
		t.Errorf("unknown field: %v", err)
	}
	in.Council = CouncilTemplates{Report: "Voici {{tableau_qpv}} au milieu"}
	if _, err := CouncilReport(in); err == nil || !strings.Contains(err.Error(), "seul dans son paragraphe") {
		t.Errorf("table field in a sentence: %v", err)
	}
}

func copyDecisions(m map[int64]data.JuryDecision) map[int64]data.JuryDecision {
	out := make(map[int64]data.JuryDecision, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// An edited template is what prints: its own words, numbered articles, a
// table where its field stands alone.
func TestCouncilTemplateEdited(t *testing.T) {
	in, _ := councilInput(t)
	in.Council = CouncilTemplates{Deliberation: "# Visas\n\nVu le budget primitif ;\n\nArticle : Total {{total}}.\n\nArticle : Imputation {{imputation}}.\n\n{{tableau_qpv}}"}
	d := mustDoc(t)(CouncilDeliberation(in))
	text := d.Text()
	for _, w := range []string{"Vu le budget primitif ;", "Article 1er\nTotal " + data.FormatEuros(in.Allocation.TotalCents) + ".", "Article 2\nImputation nature 6574.", "Quartier prioritaire | "} {
		if !strings.Contains(text, w) {
			t.Errorf("%q absent:\n%s", w, text)
		}
	}
	if strings.Contains(text, "Fait et délibéré") == false || len(d.Tables()) != 1 {
		t.Errorf("a template without {{signature}} is signed at its end; one table: %d\n%s", len(d.Tables()), text)
	}
}

// soffice converts a Word file to PDF with LibreOffice, in a profile of its
// own. Under CI=true a missing soffice fails the test: scripts/setup-debian.sh
// installs it (libreoffice-writer-nogui).
func soffice(t *testing.T, docx string) string {
	t.Helper()
	if _, err := exec.LookPath("soffice"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("soffice (libreoffice-writer-nogui) absent : scripts/setup-debian.sh l'installe")
		}
		t.Skip("soffice absent")
	}
	dir := t.TempDir()
	out, err := exec.Command("soffice", "-env:UserInstallation=file://"+filepath.Join(dir, "profil"), "--headless",
		"--convert-to", "pdf", "--outdir", filepath.Dir(docx), docx).CombinedOutput()
	if err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	return strings.TrimSuffix(docx, ".docx") + ".pdf"
}

// The .docx is a WordprocessingML package LibreOffice opens: its parts, the
// headings as Heading styles, the annex's table as a w:tbl; converted to PDF
// it reads back with the title, the total, the articles and the grants, and
// « PROJET » on every page of a draft only.
func TestCouncilDocx(t *testing.T) {
	recorded, at := councilInput(t)
	draft := recorded
	draft.Deliberation = Deliberation{}
	dir := t.TempDir()
	if o := os.Getenv("REPORTS_OUT"); o != "" {
		dir = o
	}
	for _, c := range []struct {
		name string
		in   Input
	}{{"projet", draft}, {"definitif", recorded}} {
		for _, b := range []func(Input) (*Document, error){CouncilReport, CouncilDeliberation} {
			d := mustDoc(t)(b(c.in))
			p := filepath.Join(dir, d.Kind+"-"+c.name+"-word.docx")
			if err := WriteDocxFile(d, p); err != nil {
				t.Fatal(err)
			}
			checkDocxParts(t, p, c.name == "projet")
			pages := pdfText(t, soffice(t, p))
			all := squash(strings.Join(pages, "\n"))
			for _, w := range []string{d.Title, data.FormatEuros(c.in.Allocation.TotalCents), at["above"].Structure.Name, "4242-3f2a9c1d5e7b8a90"} {
				if !strings.Contains(all, squash(w)) {
					t.Errorf("%s %s: %q absent from LibreOffice's PDF", d.Kind, c.name, w)
				}
			}
			for i, pg := range pages {
				if strings.Contains(pg, DraftMark) != (c.name == "projet") {
					t.Errorf("%s %s, page %d: %s %v", d.Kind, c.name, i+1, DraftMark, c.name == "projet")
				}
			}
		}
	}
}

// checkDocxParts opens the package: every part of a minimal document, the
// Heading styles, real tables, numbered articles.
func checkDocxParts(t *testing.T, path string, draft bool) {
	t.Helper()
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	parts := map[string]string{}
	for _, f := range z.File {
		r, _ := f.Open()
		b, _ := io.ReadAll(r)
		r.Close()
		parts[f.Name] = string(b)
	}
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml", "word/_rels/document.xml.rels"} {
		if parts[name] == "" {
			t.Errorf("%s: no %s", path, name)
		}
	}
	for name, text := range parts { // every part well-formed XML
		dec := xml.NewDecoder(strings.NewReader(text))
		for {
			if _, err := dec.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Fatalf("%s, %s: %v", path, name, err)
			}
		}
	}
	if _, ok := parts["word/header1.xml"]; ok != draft {
		t.Errorf("%s: header with PROJET %v, draft %v", path, ok, draft)
	}
	doc := parts["word/document.xml"]
	if !strings.Contains(parts["word/styles.xml"], `w:styleId="Heading2"`) || !strings.Contains(doc, `<w:pStyle w:val="Heading2"/>`) ||
		!strings.Contains(doc, "<w:tbl>") || !strings.Contains(doc, "<w:tblHeader/>") {
		t.Errorf("%s: headings or tables missing", path)
	}
}
