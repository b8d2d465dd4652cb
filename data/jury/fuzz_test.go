package jury_test

import (
	"slices"
	"testing"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/jury"
)

// FuzzRank builds a small campaign from bytes (grid, candidates, sheets with any
// score, déports, parameters) and checks that Rank does not panic, keeps its
// invariants, and gives the same result on reversed input.
func FuzzRank(f *testing.F) {
	f.Add([]byte{3, 2, 5, 1, 5, 2, 5, 4, 1, 0, 2, 1, 3, 4, 5, 2, 2, 1, 1, 1, 1})
	f.Add([]byte{1, 0, 0, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9})
	f.Add([]byte("jury de juin 2021, notes de 0 à 5"))
	f.Fuzz(runFuzzBody)
}

func runFuzzBody(t *testing.T, b []byte) {
	{
		next := func() int {
			if len(b) == 0 {
				return 0
			}
			x := int(b[0])
			b = b[1:]
			return x
		}
		in := jury.Input{Params: jury.Params{MinScoreHundredths: int64(next()) * 10, Quorum: next() % 4, DisagreementHundredths: int64(next()) * 5}}
		nc := next() % 5
		for i := 0; i < nc; i++ {
			in.Criteria = append(in.Criteria, data.Criterion{ID: int64(i + 1), Position: next() % 3, Label: "c", Weight: next()%5 - 1, Max: next() % 7})
		}
		na := 1 + next()%6
		for a := 1; a <= na; a++ {
			c := cand(int64(a), next()%3)
			c.Irrecevable = next()%5 == 0
			in.Candidates = append(in.Candidates, c)
		}
		for len(b) > 0 {
			j, a := int64(next()%4), int64(next()%(na+1))
			if next()%7 == 0 {
				in.Conflicts = append(in.Conflicts, jury.Conflict{JurorID: j, ApplicationID: a})
			}
			s := map[int64]int{}
			for k := 0; k < nc+1; k++ {
				if v := next(); v < 200 {
					s[int64(k+1)] = v%8 - 1
				}
			}
			in.Sheets = append(in.Sheets, jury.Sheet{JurorID: j, ApplicationID: a, Scores: s})
		}
		r := jury.Rank(in)
		checkInvariants(t, r)
		rev := in
		rev.Candidates = slices.Clone(in.Candidates)
		rev.Sheets = slices.Clone(in.Sheets)
		rev.Conflicts = slices.Clone(in.Conflicts)
		slices.Reverse(rev.Candidates)
		slices.Reverse(rev.Sheets)
		slices.Reverse(rev.Conflicts)
		if x, y := dump(r), dump(jury.Rank(rev)); x != y {
			t.Fatalf("order matters:\n%s\n----\n%s", x, y)
		}
	}
}
