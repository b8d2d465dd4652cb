package reports

import (
	"bytes"
	"fmt"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"github.com/call-agglo/cohesion/data"
)

// pdfRaw extracts the text in drawing order (pdftotext -raw): the lines of a
// wrapped cell come one after the other.
func pdfRaw(t testing.TB, path string) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext absent")
	}
	out, err := exec.Command("pdftotext", "-raw", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return normalSpaces(string(out))
}

// checkFooters checks « page n / N » on every page.
func checkFooters(t *testing.T, pages []string) {
	t.Helper()
	for i, p := range pages {
		want := fmt.Sprintf("page %d / %d", i+1, len(pages))
		if !strings.Contains(p, want) {
			t.Errorf("page %d : %q absent", i+1, want)
			return
		}
	}
}

func TestRenderAnnex(t *testing.T) {
	in := input(t, 0)
	d := mustDoc(t)(Annex(in))
	path := render(t, d, "annexe.pdf")
	pages := pdfText(t, path)
	all := strings.Join(pages, "\n")
	raw := squash(pdfRaw(t, path))
	checkFooters(t, pages)
	if !strings.Contains(all, "15/06/2021") {
		t.Error("date de génération absente")
	}
	var sum int64
	for _, l := range in.Allocation.Lines {
		if l.AmountCents <= 0 {
			continue
		}
		a := in.Applications[l.ID-1]
		sum += l.AmountCents
		if !strings.Contains(raw, squash(a.Structure.Name)) {
			t.Errorf("bénéficiaire %q absent", a.Structure.Name)
		}
		if !strings.Contains(all, normalSpaces(data.FormatEuros(l.AmountCents))) {
			t.Errorf("montant %s absent", data.FormatEuros(l.AmountCents))
		}
	}
	if sum != in.Allocation.TotalCents {
		t.Fatalf("somme %d ≠ total %d", sum, in.Allocation.TotalCents)
	}
	total := normalSpaces(data.FormatEuros(sum))
	if !regexp.MustCompile(`Total : \d+ subventions.*` + regexp.QuoteMeta(total)).MatchString(all) {
		t.Errorf("ligne de total %s absente", total)
	}
	if !strings.Contains(all, "Arrêté le présent état à la somme de "+total) {
		t.Error("montant arrêté absent")
	}
	if !strings.Contains(raw, squash(AnnexTitle(in.Deliberation))) {
		t.Error("titre absent")
	}
}

func TestRenderLongAnnexRepeatsHeader(t *testing.T) {
	in := inputEnv(t, 300, 100_000_000_00)
	d := mustDoc(t)(Annex(in))
	path := render(t, d, "annexe-longue.pdf")
	pages := pdfText(t, path)
	if len(pages) < 5 {
		t.Fatalf("%d pages seulement", len(pages))
	}
	checkFooters(t, pages)
	for i := 1; i < len(pages)-2; i++ {
		if !strings.Contains(pages[i], "Bénéficiaire") || !strings.Contains(pages[i], "Attribué") {
			t.Errorf("page %d : en-tête du tableau non répété", i+1)
		}
	}
	all := strings.Join(pages, "\n")
	n := 0
	for _, l := range in.Allocation.Lines {
		if l.AmountCents > 0 {
			n++
			if !strings.Contains(all, in.Applications[l.ID-1].Number) {
				t.Errorf("%s absent", l.Number)
			}
		}
	}
	if !strings.Contains(all, normalSpaces(data.FormatEuros(in.Allocation.TotalCents))) || n < 100 {
		t.Errorf("total absent (%d subventions)", n)
	}
}

func TestRenderDossier(t *testing.T) {
	in := input(t, 0)
	in.ScenarioStale = true
	d := mustDoc(t)(JuryDossier(in))
	path := render(t, d, "dossier.pdf")
	pages := pdfText(t, path)
	checkFooters(t, pages)
	if !strings.Contains(pages[0], "Attention : le scénario de répartition") || !strings.Contains(pages[0], ConfidentialMention) {
		t.Error("couverture : avertissement ou mention confidentielle absente")
	}
	raw := squash(pdfRaw(t, path))
	for _, a := range in.Applications {
		for _, s := range []string{"Fiche de synthèse — " + a.Number, a.Structure.Name, a.Summary, data.FormatEuros(a.RequestedCents)} {
			if !strings.Contains(raw, squash(s)) {
				t.Errorf("%s : %.60q absent", a.Number, s)
			}
		}
	}
	// The ranking's header repeats on its second page.
	rankPages := 0
	for _, p := range pages {
		if strings.Contains(p, "Signalements") && strings.Contains(p, "Proposé") {
			rankPages++
		}
	}
	if rankPages < 2 {
		t.Errorf("en-tête du classement sur %d pages", rankPages)
	}
	// A tie broken on a criterion names it as the screen does, by its number.
	if !strings.Contains(raw, squash("ex aequo départagé : critère 1")) || strings.Contains(raw, squash("critère le plus pondéré")) {
		t.Error("le critère qui départage les ex aequo n'est pas nommé « critère 1 »")
	}
}

func TestRenderSheetsAndLetters(t *testing.T) {
	in := input(t, 0)
	sheets := mustDoc(t)(AllScoringSheets(in))
	pages := pdfText(t, render(t, sheets, "grilles.pdf"))
	checkFooters(t, pages)
	if !strings.Contains(pages[0], "Déclaration d'absence de conflit d'intérêts") || !strings.Contains(pages[0], "Mme Claire Durand") {
		t.Error("déclaration absente")
	}
	letters := mustDoc(t)(Letters(in))
	path := render(t, letters, "lettres.pdf")
	lp := pdfText(t, path)
	if len(lp) != letters.Pages() {
		t.Errorf("%d pages pour %d lettres", len(lp), letters.Pages())
	}
	raw := squash(pdfRaw(t, path))
	for _, l := range in.Allocation.Lines {
		if l.AmountCents > 0 && !strings.Contains(raw, squash("une subvention d'un montant de "+data.FormatEuros(l.AmountCents))) {
			t.Errorf("montant de %s absent", l.Number)
		}
	}
}

// words returns n distinct words, to check that none is lost.
func words(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("m%04d", i)
	}
	return out
}

func TestRenderLongTextAndEmoji(t *testing.T) {
	in := input(t, 0)
	w := words(1700) // > 10 000 characters
	long := strings.Join(w, " ")
	a := &in.Applications[0]
	a.Summary = "Début 🎉👍🏽 " + long + " " + strings.Repeat("x", 400) + " fin 😀"
	a.Title = "Projet 🚲 vélo"
	a.Structure.Name = "Asso \u0007 «\u00a0Cœur\u00a0» \t ✓"
	in.Ranking = nil
	d := mustDoc(t)(JuryDossier(in))
	path := render(t, d, "long.pdf")
	raw := squash(pdfRaw(t, path))
	for _, x := range w {
		if !strings.Contains(raw, x) {
			t.Fatalf("mot %s perdu", x)
		}
	}
	for _, s := range []string{"Début?", strings.Repeat("x", 400) + "fin?", "Projet?vélo"} {
		if !strings.Contains(raw, s) {
			t.Errorf("%.40q absent", s)
		}
	}

	// A table cell taller than a page is split across pages, not lost.
	doc := &Document{Title: "t", Footer: Footer{PageNumbers: true}, Blocks: []Block{
		Heading{Level: 1, Text: "Tableau"},
		Table{Columns: []Col{{"A", 1, AlignLeft}, {"B", 3, AlignLeft}}, RepeatHeader: true,
			Rows: [][]string{{"court", long}, {"après", "fin du tableau"}}},
	}}
	path = render(t, doc, "cellule.pdf")
	pages := pdfText(t, path)
	if len(pages) < 2 {
		t.Fatalf("%d pages", len(pages))
	}
	raw = squash(pdfRaw(t, path))
	for _, x := range w {
		if !strings.Contains(raw, x) {
			t.Fatalf("mot %s perdu dans la cellule", x)
		}
	}
	if !strings.Contains(raw, "findutableau") {
		t.Error("ligne suivante perdue")
	}
}

func TestRender300Applications(t *testing.T) {
	if testing.Short() {
		t.Skip("long")
	}
	in := input(t, 300)
	d := mustDoc(t)(JuryDossier(in))
	pages := pdfText(t, render(t, d, "dossier-300.pdf"))
	if len(pages) < 300 {
		t.Errorf("%d pages", len(pages))
	}
	checkFooters(t, pages)
}

func TestReproducible(t *testing.T) {
	in := input(t, 0)
	for _, b := range []func(Input) (*Document, error){JuryDossier, Annex, Letters, AllScoringSheets} {
		var outs [2][]byte
		for i := range outs {
			d := mustDoc(t)(b(input(t, 0)))
			var buf bytes.Buffer
			if err := Write(d, &buf); err != nil {
				t.Fatal(err)
			}
			outs[i] = buf.Bytes()
		}
		if !bytes.Equal(outs[0], outs[1]) {
			t.Errorf("%T : deux rendus différents", b)
		}
		if !bytes.Contains(outs[0], []byte("/CreationDate (D:20210615")) {
			t.Error("date de création non fixée")
		}
	}
	_ = in
}

func BenchmarkJuryDossier500(b *testing.B) {
	in := input(b, 500)
	b.ReportAllocs()
	for b.Loop() {
		d, err := JuryDossier(in)
		if err != nil {
			b.Fatal(err)
		}
		if err := Write(d, &bytes.Buffer{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAnnex500(b *testing.B) {
	in := annexInput(b, 500)
	b.ReportAllocs()
	for b.Loop() {
		d, err := Annex(in)
		if err != nil {
			b.Fatal(err)
		}
		if err := Write(d, &bytes.Buffer{}); err != nil {
			b.Fatal(err)
		}
	}
}
