package alloc

import (
	"errors"
	"fmt"
	"math/big"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/call-agglo/cohesion/data"
)

const eur = 100 // cents in a euro

// cand is a candidate requesting req cents, of total cost total cents (0:
// unknown), of final score score (« 15 », « 47/3 », « 15.25 »; "" for none).
func cand(req, total int64, score string) Candidate {
	c := Candidate{RequestedCents: req, TotalCents: total}
	if score != "" {
		r, ok := new(big.Rat).SetString(score)
		if !ok {
			panic("bad score " + score)
		}
		c.Score = r
	}
	return c
}

func locked(req, amount int64) Candidate {
	return Candidate{RequestedCents: req, Locked: true, LockedCents: amount}
}

func params(m Method, envelope, step, minimum int64, capPercent int, partial bool) Params {
	return Params{Method: m, EnvelopeCents: envelope, StepCents: step, MinCents: minimum, CapPercent: capPercent, Partial: partial}
}

func number(cands []Candidate) []Candidate {
	out := slices.Clone(cands)
	for i := range out {
		out[i].ID = int64(i + 1)
		out[i].Number = fmt.Sprintf("AMI2021-%03d", i+1)
		out[i].Rank = i + 1
	}
	return out
}

func amounts(r *Result) []int64 {
	out := make([]int64, len(r.Lines))
	for i, l := range r.Lines {
		out[i] = l.AmountCents
	}
	return out
}

// allocateCase is one case of TestAllocate.
type allocateCase struct {
	name      string
	p         Params
	cands     []Candidate
	want      []int64
	remainder int64
}

// allocateCases are the cases of TestAllocate.
var allocateCases = []allocateCase{
	// Everything fits: every method gives every candidate its request.
	{"rank all fit", params(Rank, 150_000*eur, 100, 0, 100, true),
		[]Candidate{cand(40_000*eur, 0, "15"), cand(30_000*eur, 0, "14"), cand(20_000*eur, 0, "12")},
		[]int64{40_000 * eur, 30_000 * eur, 20_000 * eur}, 60_000 * eur},
	{"proportional all fit", params(Proportional, 150_000*eur, 100, 0, 100, true),
		[]Candidate{cand(40_000*eur, 0, "15"), cand(30_000*eur, 0, "14"), cand(20_000*eur, 0, "12")},
		[]int64{40_000 * eur, 30_000 * eur, 20_000 * eur}, 60_000 * eur},
	{"uniform all fit exactly", params(Uniform, 90_000*eur, 100, 0, 100, true),
		[]Candidate{cand(40_000*eur, 0, ""), cand(30_000*eur, 0, ""), cand(20_000*eur, 0, "")},
		[]int64{40_000 * eur, 30_000 * eur, 20_000 * eur}, 0},

	// Nothing fits: Rank gives the first ones all, the next one the rest.
	{"rank none fit, partial", params(Rank, 100_000*eur, 100, 0, 100, true),
		[]Candidate{cand(60_000*eur, 0, ""), cand(50_000*eur, 0, ""), cand(30_000*eur, 0, "")},
		[]int64{60_000 * eur, 40_000 * eur, 0}, 0},
	// Uniform: 100 000 / 140 000 of every cap = 5/7: 42 857,14 → 42 857 (step 1 €),
	// 35 714,28 → 35 714, 21 428,57 → 21 428; 1 € left goes to the largest
	// remainder, 0,57 (the third).
	{"uniform none fit", params(Uniform, 100_000*eur, 100, 0, 100, true),
		[]Candidate{cand(60_000*eur, 0, ""), cand(50_000*eur, 0, ""), cand(30_000*eur, 0, "")},
		[]int64{42_857 * eur, 35_714 * eur, 21_429 * eur}, 0},
	// Rank without partial funding: the second does not fit (40 000 left), the
	// third does; the fourth does not fit in the 5 000 left.
	{"rank no partial skips and funds a cheaper one", params(Rank, 100_000*eur, 100, 0, 100, false),
		[]Candidate{cand(70_000*eur, 0, ""), cand(40_000*eur, 0, ""), cand(25_000*eur, 0, ""), cand(10_000*eur, 0, "")},
		[]int64{70_000 * eur, 0, 25_000 * eur, 0}, 5_000 * eur},
	{"rank no partial with a minimum", params(Rank, 100_000*eur, 100, 30_000*eur, 100, false),
		[]Candidate{cand(70_000*eur, 0, ""), cand(40_000*eur, 0, ""), cand(25_000*eur, 0, ""), cand(10_000*eur, 0, "")},
		[]int64{70_000 * eur, 0, 0, 0}, 30_000 * eur},
	// Rank with a minimum: 7 000 left for the second, below 10 000: 0; the walk
	// goes on and the third gets 5 000, below the minimum too.
	{"rank partial with a minimum", params(Rank, 50_000*eur, 100, 10_000*eur, 100, true),
		[]Candidate{cand(43_000*eur, 0, ""), cand(20_000*eur, 0, ""), cand(5_000*eur, 0, "")},
		[]int64{43_000 * eur, 0, 0}, 7_000 * eur},

	// Caps reached in several rounds. Weights F × cap: 20 000, 150 000,
	// 1 000 000 (€ × points), Σ 1 170 000; level 77 800 / 1 170 000 gives A
	// 1 329,91 ≥ 1 000: A takes its cap. Then 76 800 / 1 150 000 gives B
	// 10 017,39 ≥ 10 000 (it had 9 974,36 in the first round): B takes its cap.
	// Then C gets 66 800 / 1 000 000 × 1 000 000 = 66 800 < 100 000.
	{"proportional caps in two rounds", params(Proportional, 77_800*eur, 100, 0, 100, true),
		[]Candidate{cand(1_000*eur, 0, "20"), cand(10_000*eur, 0, "15"), cand(100_000*eur, 0, "10")},
		[]int64{1_000 * eur, 10_000 * eur, 66_800 * eur}, 0},
	// The same, the candidates given in another ranking: same amounts.
	{"proportional caps in two rounds, reordered", params(Proportional, 77_800*eur, 100, 0, 100, true),
		[]Candidate{cand(100_000*eur, 0, "10"), cand(10_000*eur, 0, "15"), cand(1_000*eur, 0, "20")},
		[]int64{66_800 * eur, 10_000 * eur, 1_000 * eur}, 0},
	// Rational scores: 40/3 and 20/3 weigh 2 to 1.
	{"proportional thirds", params(Proportional, 900*eur, 100, 0, 100, true),
		[]Candidate{cand(1_000*eur, 0, "40/3"), cand(1_000*eur, 0, "20/3")},
		[]int64{600 * eur, 300 * eur}, 0},
	// A score of 0 weighs nothing.
	{"proportional zero score", params(Proportional, 900*eur, 100, 0, 100, true),
		[]Candidate{cand(1_000*eur, 0, "0"), cand(1_000*eur, 0, "12.5")},
		[]int64{0, 900 * eur}, 0},

	// Uniform, minimum 3 000 €: 5 × 2 000 → the fifth goes; 4 × 2 500 → the
	// fourth goes; 3 × 3 333,33 → 3 333 each and the 1 € left to the first
	// (equal remainders: ranking order).
	{"uniform minimum removes two, one at a time", params(Uniform, 10_000*eur, 100, 3_000*eur, 100, true),
		[]Candidate{cand(10_000*eur, 0, ""), cand(10_000*eur, 0, ""), cand(10_000*eur, 0, ""), cand(10_000*eur, 0, ""), cand(10_000*eur, 0, "")},
		[]int64{3_334 * eur, 3_333 * eur, 3_333 * eur, 0, 0}, 0},
	// Proportional, minimum 2 000 €, step 100 €: 4 000, 3 000, 2 000, 1 000 → D
	// goes; then 4 444,44, 3 333,33, 2 222,22 → 4 400, 3 300, 2 200 and the
	// 100 € left to the largest remainder (A's 44,44).
	{"proportional minimum and restart", params(Proportional, 10_000*eur, 100*eur, 2_000*eur, 100, true),
		[]Candidate{cand(10_000*eur, 0, "20"), cand(10_000*eur, 0, "15"), cand(10_000*eur, 0, "10"), cand(10_000*eur, 0, "5")},
		[]int64{4_500 * eur, 3_300 * eur, 2_200 * eur, 0}, 0},
	// A minimum that is not a multiple of the step: 150 € means 200 € with a
	// step of 100 €. Shares 100, 100: both below, the second goes, the first
	// gets its cap 150 → 100 (step)... cap 199 € rounds to 100 €, below 150 €:
	// the first goes too. Nothing is granted.
	{"uniform minimum above every cap", params(Uniform, 200*eur, 100*eur, 150*eur, 100, true),
		[]Candidate{cand(199*eur, 0, ""), cand(199*eur, 0, "")},
		[]int64{0, 0}, 200 * eur},

	// Step 70 € does not divide 150 000 €: caps 99 960 € (1 428 × 70); shares of
	// 50 000 € each round down to 49 980 € (714 × 70); 60 € stay unspent, less
	// than a step.
	{"uniform step 70", params(Uniform, 150_000*eur, 70*eur, 0, 100, true),
		[]Candidate{cand(100_000*eur, 0, ""), cand(100_000*eur, 0, ""), cand(100_000*eur, 0, "")},
		[]int64{49_980 * eur, 49_980 * eur, 49_980 * eur}, 60 * eur},
	{"rank step 70", params(Rank, 150_000*eur, 70*eur, 0, 100, true),
		[]Candidate{cand(100_000*eur, 0, ""), cand(100_000*eur, 0, "")},
		[]int64{99_960 * eur, 49_980 * eur}, 60 * eur},
	{"proportional step 70", params(Proportional, 150_000*eur, 70*eur, 0, 100, true),
		[]Candidate{cand(100_000*eur, 0, "16"), cand(100_000*eur, 0, "16"), cand(100_000*eur, 0, "16")},
		[]int64{49_980 * eur, 49_980 * eur, 49_980 * eur}, 60 * eur},

	// Cap 80 % of the total cost: 40 000 of 50 000; 10 000 requested of 100 000
	// (the request binds); cost unknown (0): the request; 80 % of 12 345,67 =
	// 9 876,53 → 9 800 (step 100 €).
	{"cap percent", params(Rank, 1_000_000*eur, 100*eur, 0, 80, true),
		[]Candidate{cand(50_000*eur, 50_000*eur, ""), cand(10_000*eur, 100_000*eur, ""), cand(7_777*eur, 0, ""), cand(12_345_67, 12_345_67, "")},
		[]int64{40_000 * eur, 10_000 * eur, 7_700 * eur, 9_800 * eur}, 1_000_000*eur - 67_500*eur},

	// Largest remainders, ties in ranking order: 33,33 € each, 1 € left to the first.
	{"uniform ties", params(Uniform, 100*eur, 100, 0, 100, true),
		[]Candidate{cand(100*eur, 0, ""), cand(100*eur, 0, ""), cand(100*eur, 0, "")},
		[]int64{34 * eur, 33 * eur, 33 * eur}, 0},
	// 5, 2,50, 2,50 €: the 1 € left goes to the second (tie with the third).
	{"proportional ties", params(Proportional, 10*eur, 100, 0, 100, true),
		[]Candidate{cand(100*eur, 0, "20"), cand(100*eur, 0, "10"), cand(100*eur, 0, "10")},
		[]int64{5 * eur, 3 * eur, 2 * eur}, 0},
	// 16,67, 33,33, 50 € with a step of 10 €: 10, 30, 50 and the 10 € left go to
	// the largest remainder, the first one's 6,67 €.
	{"uniform largest remainder is not the first", params(Uniform, 100*eur, 10*eur, 0, 100, true),
		[]Candidate{cand(100*eur, 0, ""), cand(200*eur, 0, ""), cand(300*eur, 0, "")},
		[]int64{20 * eur, 30 * eur, 50 * eur}, 0},

	// A locked line that is not a multiple of the step is kept as typed (above
	// the cap of 12 000 €, within the request); the other gets the rest rounded
	// down to the step: 87 654,33 → 87 000.
	{"locked off step", params(Uniform, 100_000*eur, 1_000*eur, 0, 100, true),
		[]Candidate{locked(12_345_67, 12_345_67), cand(100_000*eur, 0, "")},
		[]int64{12_345_67, 87_000 * eur}, 654_33},
	{"locked in rank", params(Rank, 100_000*eur, 100, 0, 100, true),
		[]Candidate{cand(60_000*eur, 0, ""), locked(50_000*eur, 30_000*eur), cand(50_000*eur, 0, "")},
		[]int64{60_000 * eur, 30_000 * eur, 10_000 * eur}, 0},
	{"locked at zero", params(Uniform, 100*eur, 100, 0, 100, true),
		[]Candidate{locked(50*eur, 0), cand(100*eur, 0, "")},
		[]int64{0, 100 * eur}, 0},
	{"locked takes all", params(Proportional, 100*eur, 100, 0, 100, true),
		[]Candidate{locked(100*eur, 100*eur), cand(100*eur, 0, "20")},
		[]int64{100 * eur, 0}, 0},

	{"no candidates", params(Proportional, 100*eur, 100, 0, 100, true), nil, []int64{}, 100 * eur},
	{"empty envelope", params(Uniform, 0, 100, 0, 100, true),
		[]Candidate{cand(100*eur, 0, "")}, []int64{0}, 0},
	{"zero request", params(Uniform, 100*eur, 100, 0, 100, true),
		[]Candidate{cand(0, 0, ""), cand(50, 0, ""), cand(100*eur, 0, "")}, []int64{0, 0, 100 * eur}, 0},
}

func TestAllocate(t *testing.T) {
	for _, tt := range allocateCases {
		t.Run(tt.name, func(t *testing.T) {
			cands := number(tt.cands)
			for _, forceBig := range []bool{false, true} {
				res, err := allocate(cands, tt.p, forceBig)
				if err != nil {
					t.Fatalf("error %v", err)
				}
				if got := amounts(res); !slices.Equal(got, tt.want) {
					t.Fatalf("big=%v amounts %v, want %v", forceBig, got, tt.want)
				}
				if res.RemainderCents != tt.remainder {
					t.Errorf("remainder %d, want %d", res.RemainderCents, tt.remainder)
				}
				checkInvariants(t, cands, tt.p, res)
			}
			if got := reference(cands, tt.p); !slices.Equal(got, tt.want) {
				t.Errorf("reference gives %v, want %v", got, tt.want)
			}
		})
	}
}

func TestReasonsAndLines(t *testing.T) {
	cands := number([]Candidate{
		cand(60_000*eur, 0, ""),       // full
		locked(10_000*eur, 5_000*eur), // locked
		cand(0, 0, ""),                // no cap
		cand(50_000*eur, 0, ""),       // no fit
		cand(20_000*eur, 0, ""),       // full
		cand(20_000*eur, 0, ""),       // below min (15 000 left)
	})
	res, err := Allocate(cands, params(Rank, 100_000*eur, 100, 16_000*eur, 100, false))
	if err != nil {
		t.Fatal(err)
	}
	want := []Reason{ReasonFull, ReasonLocked, ReasonNoCap, ReasonNoFit, ReasonFull, ReasonNoFit}
	for i, l := range res.Lines {
		if l.Reason != want[i] {
			t.Errorf("line %d reason %s, want %s", i, l.Reason, want[i])
		}
		if l.ID != cands[i].ID || l.Number != cands[i].Number || l.Rank != cands[i].Rank || l.RequestedCents != cands[i].RequestedCents || l.Locked != cands[i].Locked {
			t.Errorf("line %d does not copy its candidate: %+v", i, l)
		}
		if l.Reason.Label() == string(l.Reason) {
			t.Errorf("reason %s has no label", l.Reason)
		}
	}
	if res.Funded != 3 || res.LockedCents != 5_000*eur || res.TotalCents != 85_000*eur || res.RemainderCents != 15_000*eur {
		t.Errorf("totals %+v", res)
	}
	if res.Method != Rank || res.Params.MinCents != 16_000*eur || res.EnvelopeCents != 100_000*eur {
		t.Errorf("header %+v", res)
	}

	// Partial funding: what is left; then the envelope is exhausted.
	res, _ = Allocate(number([]Candidate{cand(80*eur, 0, ""), cand(50*eur, 0, ""), cand(50*eur, 0, "")}), params(Rank, 100*eur, 100, 0, 100, true))
	if got := []Reason{res.Lines[0].Reason, res.Lines[1].Reason, res.Lines[2].Reason}; !slices.Equal(got, []Reason{ReasonFull, ReasonPartial, ReasonExhausted}) {
		t.Errorf("rank reasons %v", got)
	}
	// Water-filling: removed by the minimum, zero score, partial.
	res, _ = Allocate(number([]Candidate{cand(100*eur, 0, "20"), cand(100*eur, 0, "0"), cand(100*eur, 0, "1")}), params(Proportional, 100*eur, 100, 10*eur, 100, true))
	if got := []Reason{res.Lines[0].Reason, res.Lines[1].Reason, res.Lines[2].Reason}; !slices.Equal(got, []Reason{ReasonFull, ReasonZeroScore, ReasonBelowMin}) {
		t.Errorf("proportional reasons %v, amounts %v", got, amounts(res))
	}
	res, _ = Allocate(number([]Candidate{cand(100*eur, 0, ""), cand(100*eur, 0, ""), cand(100*eur, 0, "")}), params(Uniform, 200, 100, 0, 100, true))
	if got := []Reason{res.Lines[0].Reason, res.Lines[1].Reason, res.Lines[2].Reason}; !slices.Equal(got, []Reason{ReasonPartial, ReasonPartial, ReasonExhausted}) {
		t.Errorf("uniform reasons %v, amounts %v", got, amounts(res))
	}
}

func TestCap(t *testing.T) {
	tests := []struct {
		c        Candidate
		step     int64
		pct      int
		raw, cap int64
	}{
		{cand(50_000*eur, 50_000*eur, ""), 100, 80, 40_000 * eur, 40_000 * eur},
		{cand(10_000*eur, 100_000*eur, ""), 100, 80, 10_000 * eur, 10_000 * eur},
		{cand(12_345_67, 0, ""), 100, 50, 12_345_67, 12_345 * eur},                              // cost unknown: the request
		{cand(12_345_67, 0, ""), 1_000 * eur, 50, 12_345_67, 12_000 * eur},                      // rounded down to the step
		{cand(12_345_67, 12_345_67, ""), 100, 80, 9_876_53, 9_876 * eur},                        // 9 876,536 → 9 876,53
		{cand(99, 0, ""), 100, 100, 99, 0},                                                      // less than a step
		{cand(data.MaxCents, data.MaxCents, ""), 1, 99, 98_999_999_999_999, 98_999_999_999_999}, // 98 999 999 999 999,01
	}
	for _, tt := range tests {
		p := params(Rank, 0, tt.step, 0, tt.pct, true)
		if got := RawCap(tt.c, p); got != tt.raw {
			t.Errorf("RawCap(%d, %d, %d %%) = %d, want %d", tt.c.RequestedCents, tt.c.TotalCents, tt.pct, got, tt.raw)
		}
		if got := Cap(tt.c, p); got != tt.cap {
			t.Errorf("Cap(%d, %d, %d %%, step %d) = %d, want %d", tt.c.RequestedCents, tt.c.TotalCents, tt.pct, tt.step, got, tt.cap)
		}
	}
}

func TestAllocateErrors(t *testing.T) {
	fe := data.FormatEuros
	ok := params(Proportional, 10_000*eur, 100, 0, 100, true)
	tests := []struct {
		name  string
		p     Params
		cands []Candidate
		want  string // the whole message, or a part of it
	}{
		{"locked above envelope", params(Uniform, 10_000*eur, 100, 0, 100, true),
			[]Candidate{locked(6_000*eur, 6_000*eur), cand(1*eur, 0, ""), locked(5_000*eur, 5_000*eur)},
			"Les montants fixés à la main (" + fe(11_000*eur) + ") dépassent l'enveloppe (" + fe(10_000*eur) + ")."},
		{"locked above raw cap", ok, []Candidate{locked(5_000*eur, 5_000*eur+1)},
			"Dossier AMI2021-001 : le montant fixé à la main (" + fe(5_000*eur+1) + ") dépasse son plafond (" + fe(5_000*eur) + " : le montant demandé, le coût total n'étant pas renseigné)."},
		{"locked above percent of cost", params(Rank, 10_000*eur, 100, 0, 50, true),
			[]Candidate{{RequestedCents: 5_000 * eur, TotalCents: 6_000 * eur, Locked: true, LockedCents: 3_500 * eur}},
			"dépasse son plafond (" + fe(3_000*eur) + " : le montant demandé, dans la limite de 50 % du coût total)"},
		{"locked negative", ok, []Candidate{locked(5_000*eur, -1)}, "ne peut pas être négatif"},
		{"score missing", ok, []Candidate{cand(1*eur, 0, "")}, "Dossier AMI2021-001 : la note finale manque"},
		{"score above 20", ok, []Candidate{cand(1*eur, 0, "41/2")}, "la note finale (20,50) doit être comprise entre 0 et 20"},
		{"score negative", ok, []Candidate{cand(1*eur, 0, "-1")}, "doit être comprise entre 0 et 20"},
		{"request negative", ok, []Candidate{cand(-1, 0, "1")}, "le montant demandé ne peut pas être négatif"},
		{"request too high", ok, []Candidate{cand(data.MaxCents+1, 0, "1")}, "le montant demandé est trop élevé"},
		{"cost negative", ok, []Candidate{cand(1, -1, "1")}, "le coût total ne peut pas être négatif"},
		{"step zero", params(Rank, 1, 0, 0, 100, true), nil, "Le pas d'arrondi doit être d'au moins 0,01 €."},
		{"minimum negative", params(Rank, 1, 1, -1, 100, true), nil, "Le montant minimum d'une subvention ne peut pas être négatif."},
		{"cap percent zero", params(Rank, 1, 1, 0, 0, true), nil, "Le plafond doit être compris entre 1 % et 100 % du coût total du projet (valeur donnée : 0 %)."},
		{"cap percent above 100", params(Rank, 1, 1, 0, 101, true), nil, "(valeur donnée : 101 %)"},
		{"envelope negative", params(Rank, -1, 1, 0, 100, true), nil, "L'enveloppe ne peut pas être négative."},
		{"envelope too high", params(Rank, data.MaxCents+1, 1, 0, 100, true), nil, "L'enveloppe est trop élevée"},
		{"method unknown", params("lottery", 1, 1, 0, 100, true), nil, "Méthode de répartition inconnue « lottery »"},
		{"method missing", params("", 1, 1, 0, 100, true), nil, "Méthode de répartition manquante"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Allocate(number(tt.cands), tt.p)
			if err == nil {
				t.Fatalf("no error, result %+v", res)
			}
			var e *data.Error
			if !errors.As(err, &e) || e.Code != data.EINVALID {
				t.Fatalf("error %#v is not a data.EINVALID", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q\nwant  %q", err, tt.want)
			}
		})
	}
	// Without a number, the message names the ID, then the line.
	_, err := Allocate([]Candidate{{ID: 42, RequestedCents: -1}}, ok)
	if err == nil || !strings.HasPrefix(err.Error(), "Dossier n° 42 : ") {
		t.Errorf("error %v", err)
	}
	_, err = Allocate([]Candidate{cand(1, 0, "1"), {RequestedCents: -1}}, ok)
	if err == nil || !strings.HasPrefix(err.Error(), "Ligne 2 : ") {
		t.Errorf("error %v", err)
	}
	// Scores are not needed by the other methods, nor for locked lines.
	for _, m := range []Method{Rank, Uniform} {
		if _, err := Allocate([]Candidate{cand(1, 0, "")}, params(m, 10, 1, 0, 100, true)); err != nil {
			t.Errorf("%s without a score: %v", m, err)
		}
	}
	if _, err := Allocate([]Candidate{locked(1, 1)}, ok); err != nil {
		t.Errorf("locked without a score: %v", err)
	}
	// Locked lines exactly equal to the envelope are fine.
	if _, err := Allocate([]Candidate{locked(10_000*eur, 10_000*eur), cand(1, 0, "1")}, ok); err != nil {
		t.Errorf("locked = envelope: %v", err)
	}
}

func TestMethods(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want Method
	}{{"rank", Rank}, {"Rang", Rank}, {" RANG ", Rank}, {"proportional", Proportional}, {"Proportionnel", Proportional}, {"uniforme", Uniform}, {"Uniform", Uniform}} {
		got, err := ParseMethod(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseMethod(%q) = %q, %v", tt.in, got, err)
		}
	}
	for _, in := range []string{"", "  ", "loterie"} {
		if _, err := ParseMethod(in); err == nil || data.ErrorCode(err) != data.EINVALID {
			t.Errorf("ParseMethod(%q): error %v", in, err)
		}
	}
	labels := map[Method]string{Rank: "Rang", Proportional: "Proportionnel", Uniform: "Uniforme"}
	for _, m := range Methods {
		if m.Label() != labels[m] || m.Description() == "" {
			t.Errorf("%s: label %q", m, m.Label())
		}
		if got, _ := ParseMethod(m.Label()); got != m {
			t.Errorf("label %q does not parse back", m.Label())
		}
	}
	p := DefaultParams(150_000 * eur)
	if p != (Params{Method: Rank, EnvelopeCents: 150_000 * eur, StepCents: 100, MinCents: 0, CapPercent: 100, Partial: true}) {
		t.Errorf("DefaultParams = %+v", p)
	}
	if err := p.Validate(); err != nil {
		t.Error(err)
	}
}

// checkInvariants checks what every result must satisfy:
//   - Σ lines = TotalCents ≤ EnvelopeCents, and EnvelopeCents − TotalCents = RemainderCents;
//   - a locked line has its typed amount; every other line is a multiple of the
//     step, between 0 and its cap, and 0 or at least the minimum;
//   - the lines copy their candidates, in order;
//   - Proportional and Uniform spend everything they can: calling U what the
//     unlocked lines leave of E − Σ locked, either U < s (less than a step is
//     left), or every unlocked line with a grant > 0 is at its cap; without a
//     minimum, every candidate of weight > 0 (cap > 0, and for Proportional a
//     score > 0) is then at its cap.
func checkInvariants(t *testing.T, cands []Candidate, p Params, res *Result) {
	t.Helper()
	if len(res.Lines) != len(cands) {
		t.Fatalf("%d lines for %d candidates", len(res.Lines), len(cands))
	}
	var total, lockedSum, unlockedSum int64
	allAtCap, weightedAtCap := true, true
	for i, l := range res.Lines {
		c := cands[i]
		total += l.AmountCents
		if l.ID != c.ID || l.Number != c.Number || l.Rank != c.Rank || l.Locked != c.Locked || l.RequestedCents != c.RequestedCents || l.CapCents != Cap(c, p) {
			t.Fatalf("line %d %+v does not copy %+v", i, l, c)
		}
		if c.Locked {
			lockedSum += c.LockedCents
			if l.AmountCents != c.LockedCents || l.Reason != ReasonLocked {
				t.Fatalf("locked line %d: %+v", i, l)
			}
			continue
		}
		unlockedSum += l.AmountCents
		a := l.AmountCents
		switch {
		case a < 0 || a > l.CapCents:
			t.Fatalf("line %d: %d outside [0, cap %d]", i, a, l.CapCents)
		case a%p.StepCents != 0:
			t.Fatalf("line %d: %d not a multiple of the step %d", i, a, p.StepCents)
		case a != 0 && a < p.MinCents:
			t.Fatalf("line %d: %d below the minimum %d", i, a, p.MinCents)
		}
		if a > 0 && a < l.CapCents {
			allAtCap = false
		}
		weighted := l.CapCents > 0 && (p.Method != Proportional || c.Score.Sign() > 0)
		if weighted && a < l.CapCents {
			weightedAtCap = false
		}
	}
	if total != res.TotalCents || total > p.EnvelopeCents || res.EnvelopeCents != p.EnvelopeCents || res.RemainderCents != p.EnvelopeCents-total {
		t.Fatalf("totals: Σ %d, result %+v", total, res)
	}
	if res.LockedCents != lockedSum {
		t.Fatalf("locked %d, want %d", res.LockedCents, lockedSum)
	}
	if p.Method != Rank {
		unspent := p.EnvelopeCents - lockedSum - unlockedSum
		if unspent >= p.StepCents && !allAtCap {
			t.Fatalf("%s leaves %d unspent (step %d) with lines below their caps", p.Method, unspent, p.StepCents)
		}
		if p.MinCents == 0 && unspent >= p.StepCents && !weightedAtCap {
			t.Fatalf("%s without minimum leaves %d unspent (step %d) with candidates below their caps", p.Method, unspent, p.StepCents)
		}
	}
}

// gen turns fuzz bytes into a valid scenario (except, sometimes, locked lines
// above the envelope): small numbers so that ties and caps happen often, and
// now and then huge ones.
type gen struct {
	b []byte
	i int
}

func (g *gen) byte() byte {
	if g.i >= len(g.b) {
		return 0
	}
	g.i++
	return g.b[g.i-1]
}

func (g *gen) u16() int64 { return int64(g.byte())<<8 | int64(g.byte()) }

func (g *gen) pick(xs ...int64) int64 { return xs[int(g.byte())%len(xs)] }

func (g *gen) scenario(maxN int) ([]Candidate, Params) {
	p := Params{
		Method:     Methods[g.byte()%3],
		StepCents:  g.pick(100, 1, 1_000, 5_000, 7_000, 10_000, 3, 100_000),
		MinCents:   g.pick(0, 0, 0, 50_000, 300_000, 123, 1_000_000, 7_000),
		CapPercent: int(g.pick(100, 100, 80, 50, 1, 33)),
		Partial:    g.byte()&1 == 0,
	}
	n := int(g.byte()) % (maxN + 1)
	cands := make([]Candidate, n)
	var sumReq int64
	for i := range cands {
		c := &cands[i]
		c.ID, c.Number, c.Rank = int64(i+1), fmt.Sprintf("N%d", i+1), i+1
		c.RequestedCents = g.u16() * g.pick(100, 1_000, 1, 10_007, 100_000, 1_000_000_000)
		switch g.byte() % 4 {
		case 0:
			c.TotalCents = 0
		case 1:
			c.TotalCents = c.RequestedCents
		case 2:
			c.TotalCents = c.RequestedCents * (1 + int64(g.byte()%4))
		default:
			c.TotalCents = g.u16() * g.pick(100, 1_000, 100_000)
		}
		c.TotalCents = min(c.TotalCents, data.MaxCents)
		den := g.pick(1, 2, 3, 100, 7, 12, 1_000_003)
		num := int64(g.byte()%21)*den + int64(g.byte())%den
		c.Score = big.NewRat(min(num, 20*den), den)
		if g.byte()%6 == 0 {
			c.Locked = true
			c.LockedCents = RawCap(*c, p) * int64(g.byte()) / 255
		}
		sumReq += c.RequestedCents
	}
	switch g.byte() % 3 {
	case 0:
		p.EnvelopeCents = g.u16() * g.pick(100, 1_000, 10_000)
	case 1:
		p.EnvelopeCents = min(data.MaxCents, sumReq*int64(g.byte())/128)
	default:
		p.EnvelopeCents = min(data.MaxCents, sumReq*int64(g.byte())/1024+g.u16())
	}
	return cands, p
}

// checkScenario runs one scenario: an error only for locked lines above the
// envelope; the invariants; the same result twice; fast and big arithmetic
// agreeing; and, for small ones, the word-for-word reference.
func checkScenario(t *testing.T, cands []Candidate, p Params, withReference bool) {
	t.Helper()
	var lockedSum int64
	scoreStrings := make([]string, len(cands))
	for i, c := range cands {
		if c.Score != nil {
			scoreStrings[i] = c.Score.String()
		}
		if c.Locked {
			lockedSum += c.LockedCents
		}
	}
	before := slices.Clone(cands)
	res, err := Allocate(cands, p)
	for i := range cands {
		c, b := cands[i], before[i]
		if c.Score != b.Score || (c.Score != nil && c.Score.String() != scoreStrings[i]) {
			t.Fatalf("Allocate changed the score of candidate %d", i)
		}
		c.Score, b.Score = nil, nil
		if c != b {
			t.Fatalf("Allocate changed candidate %d", i)
		}
	}
	if lockedSum > p.EnvelopeCents {
		if err == nil || !strings.HasPrefix(err.Error(), "Les montants fixés à la main") {
			t.Fatalf("locked %d > envelope %d: error %v", lockedSum, p.EnvelopeCents, err)
		}
		return
	}
	if err != nil {
		t.Fatalf("params %+v: %v", p, err)
	}
	checkInvariants(t, cands, p, res)
	again, _ := Allocate(cands, p)
	if !reflect.DeepEqual(res, again) {
		t.Fatalf("two runs differ")
	}
	if p.Method != Rank {
		big, err := allocate(cands, p, true)
		if err != nil || !reflect.DeepEqual(res, big) {
			t.Fatalf("params %+v: fast %v, big %v (%v)", p, amounts(res), amounts(big), err)
		}
	}
	if withReference {
		if want := reference(cands, p); !slices.Equal(amounts(res), want) {
			t.Fatalf("params %+v\ncandidates %+v\ngot  %v\nwant %v", p, cands, amounts(res), want)
		}
	}
}

func FuzzAllocate(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{1, 0, 0, 0, 0, 5, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
	f.Add([]byte{2, 1, 3, 2, 1, 8, 0, 100, 0, 1, 3, 9, 4, 1, 0, 200, 0, 2, 1, 7, 9, 2, 0, 50, 1, 0, 1, 3, 5, 5})
	f.Add([]byte{1, 6, 2, 0, 0, 12, 255, 255, 5, 2, 1, 20, 0, 255, 0, 255, 255, 5, 0, 0, 20, 0, 3, 1, 1, 1, 1, 9})
	rng := rand.New(rand.NewPCG(7, 7))
	for range 20 {
		b := make([]byte, 120)
		for i := range b {
			b[i] = byte(rng.UintN(256))
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		cands, p := (&gen{b: b}).scenario(10)
		checkScenario(t, cands, p, true)
	})
}

// TestRandomScenarios runs the fuzz checks on random scenarios of every size.
func TestRandomScenarios(t *testing.T) {
	rng := rand.New(rand.NewPCG(2021, 150_000))
	for n := range 3_000 {
		b := make([]byte, 400)
		for i := range b {
			b[i] = byte(rng.UintN(256))
		}
		maxN := 10
		if n%10 == 0 {
			maxN = 60
		}
		cands, p := (&gen{b: b}).scenario(maxN)
		checkScenario(t, cands, p, true)
	}
}

// TestMinimumBatches checks the minimum's batched removals against the
// one-at-a-time reference on many candidates with close shares, where
// candidates hover around the minimum and an extra step decides.
func TestMinimumBatches(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for iter := range 400 {
		n := 20 + rng.IntN(60)
		cands := make([]Candidate, n)
		for i := range cands {
			req := int64(1_000+rng.IntN(3)*100) * eur
			if iter%3 == 0 {
				req = int64(200+rng.IntN(2_000)) * eur
			}
			cands[i] = Candidate{ID: int64(i), RequestedCents: req, Score: big.NewRat(int64(10+rng.IntN(4)), int64(1+rng.IntN(3)))}
		}
		env := int64(5_000+rng.IntN(20_000)) * eur
		m := env / int64(2+rng.IntN(n)) / 100 * 100
		step := []int64{100, 1_000, 10_000, 7_000, 50_000, 100_000}[rng.IntN(6)]
		for _, method := range []Method{Uniform, Proportional} {
			checkScenario(t, cands, params(method, env, step, m, 100, true), true)
		}
	}
}

func TestSelectFirst(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for range 2_000 {
		n := rng.IntN(300)
		vals := make([]int, n)
		for i := range vals {
			vals[i] = rng.IntN(1 + rng.IntN(50)) // many ties, broken by index
		}
		cmp := func(a, b int) int {
			if vals[a] != vals[b] {
				return vals[b] - vals[a] // larger values first
			}
			return a - b
		}
		xs := make([]int, n)
		for i := range xs {
			xs[i] = i
		}
		rng.Shuffle(n, func(i, j int) { xs[i], xs[j] = xs[j], xs[i] })
		k := 0
		if n > 0 {
			k = rng.IntN(n + 1)
		}
		selectFirst(xs, k, cmp)
		want := make([]int, n)
		for i := range want {
			want[i] = i
		}
		slices.SortFunc(want, cmp)
		got := slices.Clone(xs[:k])
		slices.Sort(got)
		top := slices.Clone(want[:k])
		slices.Sort(top)
		if !slices.Equal(got, top) {
			t.Fatalf("n %d k %d: first %v, want %v", n, k, got, top)
		}
	}
}

func TestTooManyCandidates(t *testing.T) {
	_, err := Allocate(make([]Candidate, MaxCandidates+1), DefaultParams(0))
	if err == nil || data.ErrorCode(err) != data.EINVALID {
		t.Errorf("error %v", err)
	}
}

// TestMinimumCertifiedBatches compares with the reference the scenarios where
// the minimum removes candidates past « fragile » ones (shares within a step
// of the minimum that reach it only thanks to an extra step): a few hundred
// candidates, a step large next to the minimum.
func TestMinimumCertifiedBatches(t *testing.T) {
	if testing.Short() {
		t.Skip("slow reference")
	}
	rng := rand.New(rand.NewPCG(11, 12))
	for iter := range 40 {
		n := 120 + rng.IntN(120)
		cands := make([]Candidate, n)
		var sum int64
		for i := range cands {
			req := int64(5_000+rng.IntN(145_000)) * eur
			cands[i] = Candidate{ID: int64(i + 1), RequestedCents: req, Score: big.NewRat(int64(1_000+rng.IntN(1_001)), 100)}
			sum += req
		}
		env := sum * int64(2+rng.IntN(4)) / 10
		m := int64(10_000+rng.IntN(20_000)) * eur
		step := []int64{500, 1_000, 2_000}[rng.IntN(3)] * eur
		method := []Method{Uniform, Proportional}[iter%2]
		checkScenario(t, cands, params(method, env, step, m, 100, true), true)
	}
}

// An envelope smaller than one rounding step gives nothing, and says why: it is
// not spent.
func TestEnvelopeBelowStep(t *testing.T) {
	cands := []Candidate{{ID: 1, Rank: 1, Score: big.NewRat(15, 1), RequestedCents: 500_000, TotalCents: 1_000_000}}
	for _, m := range Methods {
		p := DefaultParams(50_000) // 500 €
		p.Method, p.StepCents = m, 100_000
		res, err := Allocate(cands, p)
		if err != nil {
			t.Fatal(err)
		}
		if l := res.Lines[0]; l.AmountCents != 0 || l.Reason != ReasonBelowStep || l.Reason.Label() != "Enveloppe inférieure au pas d'arrondi" || res.RemainderCents != 50_000 {
			t.Errorf("%s: %+v, remainder %d", m, l, res.RemainderCents)
		}
	}
}
