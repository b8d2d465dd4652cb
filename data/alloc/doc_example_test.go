package alloc

import (
	"slices"
	"testing"
)

// TestDocumentedExample checks the worked example of docs/regles-repartition.md:
// envelope 50 000 €, step 100 €, five projects.
func TestDocumentedExample(t *testing.T) {
	cands := number([]Candidate{
		cand(20_000*eur, 40_000*eur, "17.5"),  // A
		cand(15_000*eur, 18_000*eur, "16"),    // B
		cand(12_000*eur, 30_000*eur, "14.25"), // C
		cand(10_000*eur, 12_500*eur, "13"),    // D
		cand(8_000*eur, 9_000*eur, "11.5"),    // E
	})
	e := func(euros ...int64) []int64 {
		for i := range euros {
			euros[i] *= eur
		}
		return euros
	}
	tests := []struct {
		p         Params
		want      []int64
		remainder int64
	}{
		{params(Rank, 50_000*eur, 100*eur, 0, 100, true), e(20_000, 15_000, 12_000, 3_000, 0), 0},
		{params(Rank, 50_000*eur, 100*eur, 0, 100, false), e(20_000, 15_000, 12_000, 0, 0), 3_000 * eur},
		{params(Proportional, 50_000*eur, 100*eur, 0, 100, true), e(17_800, 12_200, 8_700, 6_600, 4_700), 0},
		{params(Uniform, 50_000*eur, 100*eur, 0, 100, true), e(15_400, 11_500, 9_200, 7_700, 6_200), 0},
		{params(Uniform, 50_000*eur, 100*eur, 8_000*eur, 100, true), e(17_500, 13_200, 10_500, 8_800, 0), 0},
		{params(Proportional, 50_000*eur, 100*eur, 8_000*eur, 100, true), e(20_000, 15_000, 12_000, 0, 0), 3_000 * eur},
	}
	for _, tt := range tests {
		res, err := Allocate(cands, tt.p)
		if err != nil {
			t.Fatal(err)
		}
		if got := amounts(res); !slices.Equal(got, tt.want) || res.RemainderCents != tt.remainder {
			t.Errorf("%+v: %v reliquat %d, want %v reliquat %d", tt.p, got, res.RemainderCents, tt.want, tt.remainder)
		}
	}
	// « Si E n'avait demandé que 3 000 €, il les aurait reçus. »
	cheaper := slices.Clone(cands)
	cheaper[4].RequestedCents = 3_000 * eur
	res, _ := Allocate(cheaper, params(Rank, 50_000*eur, 100*eur, 0, 100, false))
	if got := amounts(res); !slices.Equal(got, e(20_000, 15_000, 12_000, 0, 3_000)) {
		t.Errorf("rank without partial funding: %v", got)
	}
	// The caps of the examples: 80 % of 18 000 € is 14 400 €; with a step of
	// 1 000 €, 14 000 €.
	p := params(Rank, 0, 100*eur, 0, 80, true)
	if Cap(cands[1], p) != 14_400*eur {
		t.Errorf("cap %d", Cap(cands[1], p))
	}
	p.StepCents = 1_000 * eur
	if Cap(cands[1], p) != 14_000*eur {
		t.Errorf("cap %d", Cap(cands[1], p))
	}
}
