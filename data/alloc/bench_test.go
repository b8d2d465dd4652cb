package alloc

import (
	"math/big"
	"math/rand/v2"
	"testing"
)

// benchCandidates makes n candidates like a big call's: requests of 5 000 to
// 150 000 €, costs of 1 to 3 times the request, final scores in hundredths
// between 10 and 20 (or in thirds of hundredths, the mean of three jurors).
func benchCandidates(n int, thirds bool) ([]Candidate, int64) {
	rng := rand.New(rand.NewPCG(42, uint64(n)))
	cands := make([]Candidate, n)
	var sum int64
	for i := range cands {
		req := int64(5_000+rng.IntN(145_000)) * eur
		den := int64(100)
		if thirds {
			den = 300
		}
		cands[i] = Candidate{
			ID: int64(i + 1), Rank: i + 1,
			RequestedCents: req,
			TotalCents:     req * int64(1+rng.IntN(3)),
			Score:          big.NewRat(int64(10*den)+rng.Int64N(10*den+1), den),
		}
		sum += req
	}
	return cands, sum
}

func BenchmarkAllocate10000(b *testing.B) {
	cands, sum := benchCandidates(10_000, false)
	thirds, _ := benchCandidates(10_000, true)
	env := sum * 3 / 10 // 30 % of the requests: caps bind for the best, not for all
	cases := []struct {
		name     string
		cands    []Candidate
		p        Params
		forceBig bool
	}{
		{"rank", cands, params(Rank, env, 100, 0, 100, true), false},
		{"rank-no-partial", cands, params(Rank, env, 100, 5_000*eur, 80, false), false},
		{"proportional", cands, params(Proportional, env, 100, 0, 100, true), false},
		{"proportional-thirds", thirds, params(Proportional, env, 100, 0, 100, true), false},
		{"proportional-big-ints", cands, params(Proportional, env, 100, 0, 100, true), true},
		{"uniform", cands, params(Uniform, env, 100, 0, 100, true), false},
		{"uniform-step-70", cands, params(Uniform, env, 7_000, 0, 80, true), false},
		// A minimum that removes thousands of candidates.
		{"proportional-min", cands, params(Proportional, env, 100, 20_000*eur, 100, true), false},
		{"uniform-min", cands, params(Uniform, env, 100, 20_000*eur, 100, true), false},
		// A step of 1 000 € for a minimum of 20 000 €: many shares hover within a
		// step of the minimum, and the minimum removes them one at a time.
		{"uniform-min-step-1000-worst-case", cands, params(Uniform, env, 1_000*eur, 20_000*eur, 100, true), false},
		// 150 000 € for 10 000 projects with a minimum of 5 000 €: all but about 30 go.
		{"uniform-min-150k", cands, params(Uniform, 150_000*eur, 100, 5_000*eur, 100, true), false},
		{"proportional-min-150k", cands, params(Proportional, 150_000*eur, 100, 5_000*eur, 100, true), false},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := allocate(c.cands, c.p, c.forceBig); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
