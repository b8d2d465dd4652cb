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
// copy the new sums from the test's failure messages.
var pinnedSHA256 = map[string]string{
	"jury-demo":     "bc6f68fd6243a76c61c7fec022916df80f71c84f5e55a8b656e9375fbf67aca5",
	"annex-demo":    "144b7f892ff17a0c2860c8c085750d6585ed24d2888001832ede6fa19ab2ac01",
	"letters-demo":  "62b2f5d3b173efa22245684642fbf8774ea2b3ec9a7467db282add1b6103cb5c",
	"sheets-demo":   "8a0365455fef9d66564cd4bd684c01ace0f61d77bd29839e99ae127c6acfb2a8",
	"jury-stale":    "da4c999785af891f77137c370a395ef6e83a7e100fc790d1678b2fed4fc5623f",
	"jury-500":      "779119bb06f0ce671fd740689ab97edeb3b1333317e651f06152bc8037f8b98b",
	"annex-500":     "ca901fb24a968be1c6d3ea1ca9f94b9b8e40cbb42ba7d4226ea1797bd378ec62",
	"jury-odd-text": "7be2d92dad6f7f1f3f330e944390004a6e10efe76bcd486e24c943bdfce2e266",
	"tall-cell":     "64242cb6380171ebc115eb6c5b09558965f4a2ce10953ccf18da2bd320ef9e90",
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
