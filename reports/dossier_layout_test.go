package reports

import (
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// pageFill is, for each page of a PDF, its text and how far down the page
// its content goes (the footer left out), as a share of the page's height.
func pageFill(t *testing.T, path string) (texts []string, fill []float64) {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext absent")
	}
	out, err := exec.Command("pdftotext", "-bbox", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -bbox: %v", err)
	}
	page := regexp.MustCompile(`<page width="[0-9.]+" height="([0-9.]+)">`)
	word := regexp.MustCompile(`<word xMin="[0-9.]+" yMin="([0-9.]+)" xMax="[0-9.]+" yMax="([0-9.]+)">([^<]*)</word>`)
	parts := page.Split(string(out), -1)[1:]
	heights := page.FindAllStringSubmatch(string(out), -1)
	for i, p := range parts {
		h, _ := strconv.ParseFloat(heights[i][1], 64)
		footer := h - footerRule/ptToMM
		var b strings.Builder
		deepest := 0.0
		for _, w := range word.FindAllStringSubmatch(p, -1) {
			b.WriteString(w[3] + " ")
			top, _ := strconv.ParseFloat(w[1], 64)
			bottom, _ := strconv.ParseFloat(w[2], 64)
			if top < footer {
				deepest = max(deepest, bottom)
			}
		}
		texts = append(texts, b.String())
		fill = append(fill, deepest/h)
	}
	return texts, fill
}

// No page of the synthesis' charts is left mostly blank before the ranking
// (which starts on a landscape page): the chart the page cannot hold is
// split evenly, not into a full page and a stub.
func TestDossierChartPagesNotMostlyBlank(t *testing.T) {
	for _, n := range []int{0, 60, 150} { // 17, 15 and 19 communes
		chartPagesFilled(t, input(t, n))
	}
	// Dossiers in each of the agglomeration's 36 communes: a chart longer
	// than a page.
	in := input(t, 120)
	for i := range in.Applications {
		in.Applications[i].Structure.Commune = in.Campaign.Communes[i%len(in.Campaign.Communes)].INSEE
	}
	chartPagesFilled(t, in)
}

func chartPagesFilled(t *testing.T, in Input) {
	t.Helper()
	d := mustDoc(t)(JuryDossier(in))
	for i, b := range d.Blocks { // up to the ranking's title: the fiches change nothing before
		if h, ok := b.(Heading); ok && h.Text == "Classement" {
			d.Blocks = d.Blocks[:i+1]
			break
		}
	}
	texts, fill := pageFill(t, render(t, d, "dossier-graphiques.pdf"))
	charts := 0
	for i, s := range texts {
		if strings.Contains(s, "Classement") {
			break
		}
		if !strings.Contains(s, "Montants par") {
			continue
		}
		charts++
		if fill[i] < 0.5 {
			t.Errorf("%d dossiers, page %d: the content stops at %.0f %% of the page before the next section", len(in.Applications), i+1, 100*fill[i])
		}
	}
	if charts == 0 {
		t.Fatal("no chart page before the ranking")
	}
}
