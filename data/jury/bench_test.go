package jury_test

import (
	"math/rand"
	"testing"
	"time"

	"github.com/call-agglo/cohesion/data/jury"
)

// benchInput is a large campaign on the CALL's grid: n applications, each scored
// by every juror with random scores (fixed seed), with a few déports, incomplete
// sheets and irrecevable applications.
func benchInput(n, jurors int) jury.Input {
	rng := rand.New(rand.NewSource(1))
	in := jury.Input{Criteria: grid2021, Params: jury.DefaultParams()}
	in.Candidates = make([]jury.Candidate, n)
	in.Sheets = make([]jury.Sheet, 0, n*jurors)
	for a := range in.Candidates {
		id := int64(a + 1)
		in.Candidates[a] = jury.Candidate{ID: id, Number: "AMI2021-" + itoa5(a+1), Received: day0.Add(time.Duration(rng.Intn(30*24)) * time.Hour), Irrecevable: rng.Intn(200) == 0}
		for j := 1; j <= jurors; j++ {
			s := sc(rng.Intn(6), rng.Intn(6), rng.Intn(6), rng.Intn(6), rng.Intn(6))
			if rng.Intn(100) == 0 {
				delete(s, grid2021[rng.Intn(5)].ID) // incomplete
			}
			in.Sheets = append(in.Sheets, sheet(int64(j), id, s))
			if rng.Intn(100) == 0 {
				in.Conflicts = append(in.Conflicts, jury.Conflict{JurorID: int64(j), ApplicationID: id})
			}
		}
	}
	return in
}

func itoa5(n int) string {
	b := []byte("00000")
	for i := 4; i >= 0 && n > 0; i-- {
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b)
}

func BenchmarkRank10000x7x5(b *testing.B) {
	in := benchInput(10000, 7)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		r := jury.Rank(in)
		if r.Ranked < 9000 {
			b.Fatal(r.Ranked)
		}
	}
}

func BenchmarkRank50x7x5(b *testing.B) { // a real campaign
	in := benchInput(50, 7)
	b.ReportAllocs()
	for b.Loop() {
		jury.Rank(in)
	}
}
