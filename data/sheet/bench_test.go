package sheet_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/call-agglo/cohesion/data/sheet"
)

// The promise: any import file up to 10 Mo is read in under 300 Mo of memory
// and a few seconds, or refused. Run with
//
//	go test ./data/sheet -run '^$' -bench ReadHostile -benchtime 1x
//
// Each case reports peak-Mo, the most the heap held above what it held before
// the read (sampled every millisecond), and fails beyond 300 Mo; ns/op gives
// the time.
const peakLimit = 300 // Mo

// peakHeap runs f and returns the most the heap held above what it held
// before, in Mo.
func peakHeap(f func()) float64 {
	runtime.GC()
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	base := s[0].Value.Uint64()
	var peak atomic.Uint64
	sample := func(s []metrics.Sample) {
		metrics.Read(s)
		if v := s[0].Value.Uint64(); v > peak.Load() {
			peak.Store(v)
		}
	}
	done, stopped := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(stopped)
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				sample(s)
			}
		}
	}()
	f()
	sample(s)
	close(done)
	<-stopped
	if peak.Load() < base {
		return 0
	}
	return float64(peak.Load()-base) / (1 << 20)
}

// largeRegister is a workbook of some 10 Mo: rows of 20 distinct texts and
// numbers, which compress as little as real ones.
func largeRegister(t testing.TB) []byte {
	rng := rand.New(rand.NewPCG(1, 2))
	word := func() string {
		b := make([]byte, 4+rng.IntN(12))
		for i := range b {
			b[i] = byte('a' + rng.IntN(26))
		}
		return string(b)
	}
	var sd strings.Builder
	sd.WriteString("<row>")
	for c := range 20 {
		fmt.Fprintf(&sd, `<c t="inlineStr"><is><t>Colonne %d</t></is></c>`, c+1)
	}
	sd.WriteString("</row>")
	for r := 2; r <= 36_000; r++ {
		fmt.Fprintf(&sd, `<row r="%d">`, r)
		for c := range 20 {
			if c%4 == 3 {
				fmt.Fprintf(&sd, `<c><v>%d.%02d</v></c>`, rng.IntN(1_000_000), rng.IntN(100))
				continue
			}
			fmt.Fprintf(&sd, `<c t="inlineStr"><is><t>%s %s</t></is></c>`, word(), word())
		}
		sd.WriteString("</row>")
	}
	return zipParts(t, workbookParts("", "", "Dossiers", sd.String()))
}

// emptyCells is a workbook whose sheet inflates to just under the limit with
// cells that hold nothing: the longest read a file may ask for.
func emptyCells(t testing.TB) []byte {
	var sd strings.Builder
	sd.WriteString(`<row r="1"><c t="inlineStr"><is><t>Structure</t></is></c></row>`)
	for r := 2; sd.Len() < 120<<20; r++ {
		fmt.Fprintf(&sd, `<row r="%d">`, r)
		for c := 1; c <= 100; c++ {
			sd.WriteString(`<c s="0"/>`)
		}
		sd.WriteString("</row>")
	}
	return zipParts(t, workbookParts("", "", "Feuil1", sd.String()))
}

// manyCells is a workbook of MaxCells small numbers: the largest table.
func manyCells(t testing.TB) []byte {
	var sd strings.Builder
	for r := 1; r <= sheet.MaxCells/20; r++ {
		fmt.Fprintf(&sd, `<row r="%d">`, r)
		for c := range 20 {
			fmt.Fprintf(&sd, `<c><v>%d</v></c>`, (r*c)%1000)
		}
		sd.WriteString("</row>")
	}
	return zipParts(t, workbookParts("", "", "Feuil1", sd.String()))
}

func BenchmarkReadHostile(b *testing.B) {
	cases := []struct {
		name  string
		file  func() []byte
		fails bool
	}{
		{"register of 10 Mo", func() []byte { return largeRegister(b) }, false},
		{"4 000 000 cells", func() []byte { return manyCells(b) }, false},
		{"120 Mo of empty cells", func() []byte { return emptyCells(b) }, false},
		{"shared text of 1 Mo in 100 000 cells", func() []byte { return sharedBomb(b, 1<<20, 1000, 100) }, true},
		{"shared text of 30 000 characters in 100 000 cells", func() []byte { return sharedBomb(b, 30_000, 1000, 100) }, true},
		{"sheet inflating to 1 Go", func() []byte { return inflating(b, 1<<30) }, true},
		{"CSV of 10 Mo", func() []byte { return genCSV(10 << 20) }, false},
	}
	for _, c := range cases {
		name := "f.xlsx"
		if strings.HasPrefix(c.name, "CSV") {
			name = "f.csv"
		}
		b.Run(c.name, func(b *testing.B) {
			// Each case's file alone is live: the garbage the GC lets grow
			// is in proportion to the live heap.
			in := c.file()
			runtime.GC()
			b.ReportAllocs()
			b.SetBytes(int64(len(in)))
			peak := 0.0
			for b.Loop() {
				var err error
				peak = max(peak, peakHeap(func() { _, err = sheet.Read(name, bytes.NewReader(in)) }))
				if (err != nil) != c.fails {
					b.Fatalf("error %v", err)
				}
			}
			b.ReportMetric(peak, "peak-Mo")
			b.ReportMetric(float64(len(in))/(1<<20), "file-Mo")
			if peak > peakLimit {
				b.Errorf("the read of a file of %.1f Mo held %.0f Mo", float64(len(in))/(1<<20), peak)
			}
		})
	}
}

// inflating is a workbook whose sheet inflates to n bytes, comments and
// spaces between two rows.
func inflating(t testing.TB, n int) []byte {
	eight := eightRows(t)
	sheetXML := partOf(t, eight, "xl/worksheets/sheet1.xml")
	bomb := filled(sheetXML, `<row r="3"`, n)
	return withEntry(t, eight, "xl/worksheets/sheet1.xml", bomb, uint64(len(bomb)))
}

// genCSV is a register of n bytes of distinct texts and amounts.
func genCSV(n int) []byte {
	rng := rand.New(rand.NewPCG(3, 4))
	var b bytes.Buffer
	b.WriteString("Numéro;Structure;Intitulé du projet;Montant demandé\n")
	for i := 1; b.Len() < n; i++ {
		fmt.Fprintf(&b, "AMI-%d;Association n° %d;Projet %x;%d,%02d\n", i, rng.IntN(1e6), rng.Uint64(), rng.IntN(1e5), rng.IntN(100))
	}
	return b.Bytes()
}
