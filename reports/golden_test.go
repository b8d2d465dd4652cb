package reports

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"sync"
	"testing"

	"github.com/call-agglo/cohesion/data/alloc"
)

// goldenDocs are the documents whose bytes TestPDFBytesPinned pins: the four
// builders on the demo set, the benchmarks' big documents, and the hard cases
// of the renderer (emoji, a word longer than a line, a cell taller than a page).
func goldenDocs(t *testing.T) map[string]*Document {
	t.Helper()
	docs := map[string]*Document{}
	demo := input(t, 0)
	docs["jury-demo"] = mustDoc(t)(JuryDossier(demo))
	docs["annex-demo"] = mustDoc(t)(Annex(demo))
	docs["letters-demo"] = mustDoc(t)(Letters(demo))
	docs["sheets-demo"] = mustDoc(t)(AllScoringSheets(demo))
	stale := input(t, 0)
	stale.ScenarioStale = true
	docs["jury-stale"] = mustDoc(t)(JuryDossier(stale))
	docs["jury-500"] = mustDoc(t)(JuryDossier(input(t, 500)))
	docs["annex-500"] = mustDoc(t)(Annex(annexInput(t, 500)))

	odd := input(t, 0)
	long := strings.Join(words(1700), " ")
	a := &odd.Applications[0]
	a.Summary = "Début 🎉👍🏽 " + long + " " + strings.Repeat("x", 400) + " fin 😀"
	a.Title = "Projet 🚲 vélo"
	a.Structure.Name = "Asso \u0007 «\u00a0Cœur\u00a0» \t ✓"
	odd.Ranking = nil
	docs["jury-odd-text"] = mustDoc(t)(JuryDossier(odd))
	docs["tall-cell"] = &Document{Title: "t", Footer: Footer{PageNumbers: true}, Blocks: []Block{
		Heading{Level: 1, Text: "Tableau"},
		Table{Columns: []Col{{"A", 1, AlignLeft}, {"B", 3, AlignLeft}}, RepeatHeader: true,
			Rows: [][]string{{"court", long}, {"après", "fin du tableau"}}},
	}}
	return docs
}

// pinnedSHA256 are the SHA-256 of the PDFs of goldenDocs. They pin the output
// so that a speed-up of the renderer cannot change a byte. A deliberate change
// of a document's content (or of gofpdf, the fonts, or Go's compress/flate)
// changes them: then check the new PDFs by eye (REPORTS_OUT=dir keeps them) and
// copy the new sums from the test's failure messages. Every document with page
// numbers was re-pinned when pages began to be compressed as they end (issue
// 23, gofpdf PATCHES.md 7): the line with the page count became a stream of its
// own in the page's /Contents; the pages rendered pixel for pixel the same and
// pdftotext read the same text. The three jury dossiers were re-pinned again
// when each tie group came to be listed once, in an « Ex aequo » section after
// the ranking, each fiche naming its group and that page instead of listing the
// whole group (issue 23): pdftotext read the same text but for that section,
// the fiches' « Ex aequo » lines and the page numbers.
var pinnedSHA256 = map[string]string{
	"jury-demo":     "0ab3e62a8baddc633485f8cea9c3d91e1617cee7ef168801d965293c4829f56f",
	"annex-demo":    "48e4499871a8b721802829d0889791b8ea12ee46ab146d2a5eab85efe35ff299",
	"letters-demo":  "62b2f5d3b173efa22245684642fbf8774ea2b3ec9a7467db282add1b6103cb5c",
	"sheets-demo":   "a2e2cedd1564caab48729f0283c04a924cd294cded8ccd7dfcad0fd4589fc048",
	"jury-stale":    "19380e556ac9129fbfc88da42345842e450c96a5599de666c7276163e35bdfa6",
	"jury-500":      "34df01d65df9398f0c556a66298207011a13c9a4156a839226372e50c2944cf8",
	"annex-500":     "169131f003680cb482fde03fc5bd23f3919d8c2a10908a49bdae9ea0500fbadc",
	"jury-odd-text": "a076cd28a8d0450755e0b3bbb539f4bf33774a3e2e65346b04bd2f54efe75c07",
	"tall-cell":     "435f0da0c9f5c97889293f8a15e5a18dae7d235e9c46d9d1cf996ec984618dbe",
}

func TestPDFBytesPinned(t *testing.T) {
	docs := goldenDocs(t)
	if len(docs) != len(pinnedSHA256) {
		t.Fatalf("%d documents pour %d empreintes", len(docs), len(pinnedSHA256))
	}
	for name, d := range docs {
		// Twice: a cache filled by the first rendering must not change the second.
		for pass := 1; pass <= 2; pass++ {
			var buf bytes.Buffer
			if err := Write(d, &buf); err != nil {
				t.Fatalf("%s : %v", name, err)
			}
			sum := sha256.Sum256(buf.Bytes())
			if got := hex.EncodeToString(sum[:]); got != pinnedSHA256[name] {
				t.Errorf("%s (rendu %d) : SHA-256 %s, attendu %s", name, pass, got, pinnedSHA256[name])
			}
		}
	}
}

// annexInput is a campaign of large envelope cut down to exactly n grants.
func annexInput(t testing.TB, n int) Input {
	t.Helper()
	in := inputEnv(t, n+n*3/5, 100_000_000_00)
	res := *in.Allocation
	var lines []alloc.Line
	res.TotalCents, res.Funded = 0, 0
	for _, l := range in.Allocation.Lines {
		if l.AmountCents > 0 && res.Funded < n {
			lines = append(lines, l)
			res.TotalCents += l.AmountCents
			res.Funded++
		}
	}
	res.Lines = lines
	if res.Funded != n {
		t.Fatalf("%d subventions seulement", res.Funded)
	}
	in.Allocation = &res
	return in
}

// Documents drawn at the same time share gofpdf's caches (parsed fonts,
// colours, compressors), and Preload fills them meanwhile: each must still
// come out byte for byte.
func TestConcurrentRendersPinned(t *testing.T) {
	demo := input(t, 0)
	docs := map[string]*Document{
		"annex-demo":   mustDoc(t)(Annex(demo)),
		"letters-demo": mustDoc(t)(Letters(demo)),
		"sheets-demo":  mustDoc(t)(AllScoringSheets(demo)),
		"jury-demo":    mustDoc(t)(JuryDossier(demo)),
	}
	errs := make(chan string, 4*len(docs))
	var wg sync.WaitGroup
	for round := 0; round < 4; round++ {
		wg.Add(1)
		go func() { defer wg.Done(); Preload() }() // as gather does, while documents are drawn
		for name, d := range docs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var buf bytes.Buffer
				if err := Write(d, &buf); err != nil {
					errs <- name + " : " + err.Error()
					return
				}
				if sum := sha256.Sum256(buf.Bytes()); hex.EncodeToString(sum[:]) != pinnedSHA256[name] {
					errs <- name + " : autres octets que seul"
				}
			}()
		}
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
