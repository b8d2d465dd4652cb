package jury_test

import (
	"fmt"
	"math/big"
	"math/rand"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/jury"
)

// grid2021 is the grid of the CALL AMI 2021: Σ(poids × barème) = 50, so a
// juror's total is T = 20·S/50 = 0,4·S where S = Σ(poids × note).
var grid2021 = []data.Criterion{
	{ID: 11, Position: 1, Label: "Réponse à un besoin social non pourvu par le Contrat de ville", Weight: 3, Max: 5},
	{ID: 12, Position: 2, Label: "Caractère exemplaire et innovant", Weight: 2, Max: 5},
	{ID: 13, Position: 3, Label: "Proximité du terrain et participation des habitants", Weight: 2, Max: 5},
	{ID: 14, Position: 4, Label: "Inscription dans une thématique prioritaire", Weight: 1, Max: 5},
	{ID: 15, Position: 5, Label: "Faisabilité, partenariats et cohérence du budget", Weight: 2, Max: 5},
}

// no leaves a criterion unscored in sc.
const no = -100

// sc builds the scores of a sheet on grid2021, in grid order.
func sc(v ...int) map[int64]int {
	m := map[int64]int{}
	for i, x := range v {
		if x != no {
			m[grid2021[i].ID] = x
		}
	}
	return m
}

var day0 = time.Date(2021, 4, 1, 9, 0, 0, 0, data.Paris)

// cand is application id, numbered AMI2021-<id>, received on 1 April + day days.
func cand(id int64, day int) jury.Candidate {
	return jury.Candidate{ID: id, Number: fmt.Sprintf("AMI2021-%03d", id), Received: day0.AddDate(0, 0, day)}
}

func sheet(j, a int64, s map[int64]int) jury.Sheet {
	return jury.Sheet{JurorID: j, ApplicationID: a, Scores: s}
}

func lineOf(t *testing.T, r *jury.Ranking, id int64) jury.Line {
	t.Helper()
	for _, l := range r.Lines {
		if l.ApplicationID == id {
			return l
		}
	}
	t.Fatalf("no line for application %d", id)
	return jury.Line{}
}

func ratStr(r *big.Rat) string {
	if r == nil {
		return "nil"
	}
	return r.RatString()
}

// want is the expected result for one line, in the order of Ranking.Lines.
type want struct {
	id                           int64
	rank                         int
	f                            string // RatString of F, "nil"
	counted, incomplete, exclude int
	flags                        []string
	tie                          string
}

func tie(rule string) string { return jury.FlagTiePrefix + rule }

// rankCase is one case of TestRank.
type rankCase struct {
	name  string
	in    jury.Input
	want  []want
	check func(t *testing.T, r *jury.Ranking)
}

// rankCases are the cases of TestRank.
var rankCases = []rankCase{
	{
		name: "rules 2-3: F is the mean of the totals on 20",
		in: jury.Input{Criteria: grid2021, Params: jury.DefaultParams(),
			Candidates: []jury.Candidate{cand(1, 0), cand(2, 0)},
			Sheets: []jury.Sheet{
				sheet(1, 1, sc(5, 5, 5, 5, 5)), // S=50, T=20
				sheet(2, 1, sc(5, 5, 5, 0, 0)), // S=35, T=14
				sheet(1, 2, sc(3, 3, 3, 3, 3)), // S=30, T=12
				sheet(2, 2, sc(4, 2, 3, 1, 2)), // S=12+4+6+1+4=27, T=10,8
			}},
		want: []want{
			{id: 1, rank: 1, f: "17", counted: 2},
			{id: 2, rank: 2, f: "57/5", counted: 2}, // (12 + 10,8)/2 = 11,4
		},
		check: func(t *testing.T, r *jury.Ranking) {
			l := lineOf(t, r, 2)
			if got := jury.FormatScore(l.F); got != "11,40" {
				t.Errorf("FormatScore = %q", got)
			}
			if l.FHundredths() != 1140 {
				t.Errorf("FHundredths = %d", l.FHundredths())
			}
			if got := ratStr(l.CriterionMeans[11]); got != "7/2" {
				t.Errorf("mean of criterion 11 = %s", got)
			}
			if got := ratStr(l.Sheets[1].Total); got != "54/5" || l.Sheets[1].JurorID != 2 {
				t.Errorf("sheet 2 = %+v %s", l.Sheets[1], got)
			}
			if l.StdDev < 0.599999 || l.StdDev > 0.600001 {
				t.Errorf("StdDev = %v", l.StdDev)
			}
			if r.Ranked != 2 || r.TieCriterion != 11 {
				t.Errorf("Ranked %d, TieCriterion %d", r.Ranked, r.TieCriterion)
			}
		},
	},
	{
		name: "rule 1: an incomplete sheet is kept, shown, not counted",
		in: jury.Input{Criteria: grid2021, Params: jury.DefaultParams(),
			Candidates: []jury.Candidate{cand(1, 0)},
			Sheets: []jury.Sheet{
				sheet(1, 1, sc(5, 5, 5, 5, 5)),
				sheet(2, 1, sc(0, no, 0, no, 0)),
			}},
		want: []want{{id: 1, rank: 1, f: "20", counted: 1, incomplete: 1}},
		check: func(t *testing.T, r *jury.Ranking) {
			s := r.Lines[0].Sheets[1]
			if s.Status != jury.StatusIncomplete || s.Total != nil || !slices.Equal(s.Missing, []int64{12, 14}) || s.OutOfRange != nil {
				t.Errorf("incomplete sheet = %+v", s)
			}
		},
	},
	{
		name: "rule 1: a score out of range makes the sheet incomplete, with a warning",
		in: jury.Input{Criteria: grid2021, Params: jury.DefaultParams(),
			Candidates: []jury.Candidate{cand(1, 0)},
			Sheets: []jury.Sheet{
				sheet(1, 1, sc(5, 5, 5, 5, 5)),
				sheet(2, 1, sc(6, 5, 5, no, 5)),
				sheet(3, 1, sc(0, 0, -1, 0, 0)),
			},
			JurorNames: map[int64]string{2: "Mme Durand"}},
		want: []want{{id: 1, rank: 1, f: "20", counted: 1, incomplete: 2}},
		check: func(t *testing.T, r *jury.Ranking) {
			l := r.Lines[0]
			s := l.Sheets[1]
			if s.Status != jury.StatusIncomplete || !slices.Equal(s.OutOfRange, []int64{11}) || !slices.Equal(s.Missing, []int64{14}) {
				t.Errorf("sheet = %+v", s)
			}
			s = l.Sheets[2]
			if !slices.Equal(s.OutOfRange, []int64{13}) {
				t.Errorf("sheet = %+v", s)
			}
			if len(l.Warnings) != 2 ||
				l.Warnings[0] != "Mme Durand : note 6 hors barème pour « Réponse à un besoin social non pourvu par le Contrat de ville » (de 0 à 5) ; grille non comptée." ||
				l.Warnings[1] != "Juré n° 3 : note -1 hors barème pour « Proximité du terrain et participation des habitants » (de 0 à 5) ; grille non comptée." {
				t.Errorf("warnings = %q", l.Warnings)
			}
		},
	},
	{
		name: "rule 4: quorum 2 with one counted sheet: not ranked, flagged",
		in: jury.Input{Criteria: grid2021, Params: jury.Params{MinScoreHundredths: 1000, Quorum: 2, DisagreementHundredths: 300},
			Candidates: []jury.Candidate{cand(1, 0), cand(2, 0), cand(3, 0)},
			Sheets: []jury.Sheet{
				sheet(1, 1, sc(5, 5, 5, 5, 5)),
				sheet(2, 1, sc(0, 5, no, 5, 5)), // incomplete
				sheet(1, 2, sc(3, 3, 3, 3, 3)),
				sheet(2, 2, sc(3, 3, 3, 3, 3)),
			}},
		want: []want{
			{id: 2, rank: 1, f: "12", counted: 2},
			{id: 1, rank: 0, f: "20", counted: 1, incomplete: 1, flags: []string{jury.FlagNoQuorum}},
			{id: 3, rank: 0, f: "nil", flags: []string{jury.FlagNoQuorum}},
		},
	},
	{
		name: "rule 4: irrecevable with scores: kept, warning, not ranked",
		in: jury.Input{Criteria: grid2021, Params: jury.DefaultParams(),
			Candidates: []jury.Candidate{cand(1, 0), {ID: 2, Number: "AMI2021-002", Received: day0.AddDate(0, 2, 0), Irrecevable: true}, {ID: 3, Number: "AMI2021-000", Irrecevable: true}},
			Sheets: []jury.Sheet{
				sheet(1, 1, sc(1, 1, 1, 1, 1)),
				sheet(1, 2, sc(5, 5, 5, 5, 5)),
				sheet(2, 2, sc(5, 5, 5, 5, no)),
			}},
		want: []want{
			{id: 1, rank: 1, f: "4", counted: 1, flags: []string{jury.FlagBelow}},
			{id: 3, rank: 0, f: "nil", flags: []string{jury.FlagIrrecevable}},
			{id: 2, rank: 0, f: "nil", flags: []string{jury.FlagIrrecevableScores}},
		},
		check: func(t *testing.T, r *jury.Ranking) {
			l := lineOf(t, r, 2)
			if !l.Irrecevable || len(l.Sheets) != 2 || l.Sheets[0].Status != jury.StatusIrrecevable || ratStr(l.Sheets[0].Total) != "20" ||
				l.Sheets[1].Status != jury.StatusIrrecevable || l.Sheets[1].Total != nil || l.HasHarmonised || l.CriterionMeans != nil {
				t.Errorf("irrecevable line = %+v", l)
			}
			if len(l.Warnings) != 1 || l.Warnings[0] != "Dossier irrecevable : 2 grilles reçues, conservées mais non prises en compte." {
				t.Errorf("warnings = %q", l.Warnings)
			}
		},
	},
	{
		name: "rule 5: tie broken by the highest-weighted criterion; F exactly 10 is not below 10",
		in: jury.Input{Criteria: grid2021, Params: jury.DefaultParams(),
			Candidates: []jury.Candidate{cand(1, 0), cand(2, 5)},
			Sheets: []jury.Sheet{
				sheet(1, 1, sc(0, 5, 5, 5, 0)), // S=25, T=10, criterion 11: 0
				sheet(1, 2, sc(5, 5, 0, 0, 0)), // S=25, T=10, criterion 11: 5
			}},
		want: []want{
			{id: 2, rank: 1, f: "10", counted: 1, flags: []string{tie("critère 1")}, tie: jury.TieCriterion},
			{id: 1, rank: 2, f: "10", counted: 1, flags: []string{tie("critère 1")}, tie: jury.TieCriterion},
		},
		check: func(t *testing.T, r *jury.Ranking) {
			if !slices.Equal(r.Lines[0].TieGroup, []string{"AMI2021-002", "AMI2021-001"}) {
				t.Errorf("TieGroup = %q", r.Lines[0].TieGroup)
			}
			if r.Lines[0].Below(jury.DefaultParams()) {
				t.Error("F = 10 is below 10")
			}
		},
	},
	{
		name: "rule 5: the tie-break criterion is named by its number in the grid",
		in: jury.Input{
			Criteria: []data.Criterion{
				{ID: 40, Position: 1, Label: "a", Weight: 1, Max: 5},
				{ID: 41, Position: 2, Label: "b", Weight: 4, Max: 5},
			},
			Params:     jury.DefaultParams(),
			Candidates: []jury.Candidate{cand(1, 0), cand(2, 0)},
			Sheets: []jury.Sheet{
				sheet(1, 1, map[int64]int{40: 4, 41: 4}), // S=20
				sheet(1, 2, map[int64]int{40: 0, 41: 5}), // S=20, criterion 41: 5
			}},
		want: []want{
			{id: 2, rank: 1, f: "16", counted: 1, flags: []string{tie("critère 2")}, tie: jury.TieCriterion},
			{id: 1, rank: 2, f: "16", counted: 1, flags: []string{tie("critère 2")}, tie: jury.TieCriterion},
		},
	},
	{
		name: "rule 5: tie broken by the first highest-weighted criterion in grid order",
		in: jury.Input{
			Criteria: []data.Criterion{ // given out of order: 32 has position 1
				{ID: 30, Position: 3, Label: "c", Weight: 1, Max: 5},
				{ID: 31, Position: 2, Label: "b", Weight: 3, Max: 5},
				{ID: 32, Position: 1, Label: "a", Weight: 3, Max: 5},
			},
			Params:     jury.DefaultParams(),
			Candidates: []jury.Candidate{cand(1, 0), cand(2, 0)},
			Sheets: []jury.Sheet{
				sheet(1, 1, map[int64]int{30: 0, 31: 5, 32: 0}),
				sheet(1, 2, map[int64]int{30: 0, 31: 0, 32: 5}),
			}},
		want: []want{
			{id: 2, rank: 1, f: "60/7", counted: 1, flags: []string{jury.FlagBelow, tie("critère 1")}, tie: jury.TieCriterion},
			{id: 1, rank: 2, f: "60/7", counted: 1, flags: []string{jury.FlagBelow, tie("critère 1")}, tie: jury.TieCriterion},
		},
		check: func(t *testing.T, r *jury.Ranking) {
			if r.TieCriterion != 32 {
				t.Errorf("TieCriterion = %d", r.TieCriterion)
			}
		},
	},
	{
		name: "rule 5: then the date of receipt, earlier first",
		in: jury.Input{Criteria: grid2021, Params: jury.DefaultParams(),
			Candidates: []jury.Candidate{cand(1, 3), cand(2, 1)},
			Sheets: []jury.Sheet{
				sheet(1, 1, sc(4, 4, 4, 4, 4)),
				sheet(1, 2, sc(4, 4, 4, 4, 4)),
			}},
		want: []want{
			{id: 2, rank: 1, f: "16", counted: 1, flags: []string{tie(jury.TieReceived)}, tie: jury.TieReceived},
			{id: 1, rank: 2, f: "16", counted: 1, flags: []string{tie(jury.TieReceived)}, tie: jury.TieReceived},
		},
	},
	{
		name: "rule 5: an unknown date of receipt comes after a known one",
		in: jury.Input{Criteria: grid2021, Params: jury.DefaultParams(),
			Candidates: []jury.Candidate{{ID: 1, Number: "AMI2021-001"}, cand(2, 30)},
			Sheets: []jury.Sheet{
				sheet(1, 1, sc(4, 4, 4, 4, 4)),
				sheet(1, 2, sc(4, 4, 4, 4, 4)),
			}},
		want: []want{
			{id: 2, rank: 1, f: "16", counted: 1, flags: []string{tie(jury.TieReceived)}, tie: jury.TieReceived},
			{id: 1, rank: 2, f: "16", counted: 1, flags: []string{tie(jury.TieReceived)}, tie: jury.TieReceived},
		},
	},
	{
		name: "rule 5: then the number",
		in: jury.Input{Criteria: grid2021, Params: jury.DefaultParams(),
			Candidates: []jury.Candidate{
				{ID: 1, Number: "AMI2021-010", Received: day0},
				{ID: 2, Number: "AMI2021-002", Received: day0},
			},
			Sheets: []jury.Sheet{
				sheet(1, 1, sc(4, 4, 4, 4, 4)),
				sheet(1, 2, sc(4, 4, 4, 4, 4)),
			}},
		want: []want{
			{id: 2, rank: 1, f: "16", counted: 1, flags: []string{tie(jury.TieNumber)}, tie: jury.TieNumber},
			{id: 1, rank: 2, f: "16", counted: 1, flags: []string{tie(jury.TieNumber)}, tie: jury.TieNumber},
		},
	},
	{
		name: "rule 5: a group of three: each shows the last rule needed against its neighbours",
		in: jury.Input{Criteria: grid2021, Params: jury.DefaultParams(),
			Candidates: []jury.Candidate{cand(1, 2), cand(2, 1), cand(3, 0), cand(4, 0)},
			Sheets: []jury.Sheet{
				sheet(1, 1, sc(0, 5, 5, 5, 0)), // 10, criterion 0, day 2
				sheet(1, 2, sc(0, 5, 5, 5, 0)), // 10, criterion 0, day 1
				sheet(1, 3, sc(5, 5, 0, 0, 0)), // 10, criterion 5
				sheet(1, 4, sc(5, 5, 0, 0, 1)), // 10,8
			}},
		want: []want{
			{id: 4, rank: 1, f: "54/5", counted: 1},
			{id: 3, rank: 2, f: "10", counted: 1, flags: []string{tie("critère 1")}, tie: jury.TieCriterion},
			{id: 2, rank: 3, f: "10", counted: 1, flags: []string{tie(jury.TieReceived)}, tie: jury.TieReceived},
			{id: 1, rank: 4, f: "10", counted: 1, flags: []string{tie(jury.TieReceived)}, tie: jury.TieReceived},
		},
		check: func(t *testing.T, r *jury.Ranking) {
			g := []string{"AMI2021-003", "AMI2021-002", "AMI2021-001"}
			for _, l := range r.Lines[1:] {
				if !slices.Equal(l.TieGroup, g) {
					t.Errorf("%s: TieGroup = %q", l.Number, l.TieGroup)
				}
			}
			if r.Lines[0].TieGroup != nil {
				t.Errorf("TieGroup of the first = %q", r.Lines[0].TieGroup)
			}
		},
	},
	{
		name: "exact tie: equal as rationals although float64 says 13.333333333333334 vs 13.333333333333332",
		in: jury.Input{
			Criteria:   []data.Criterion{{ID: 1, Position: 1, Label: "a", Weight: 2, Max: 5}, {ID: 2, Position: 2, Label: "b", Weight: 1, Max: 5}},
			Params:     jury.DefaultParams(),
			Candidates: []jury.Candidate{cand(1, 0), cand(2, 1)},
			Sheets: []jury.Sheet{
				sheet(1, 1, map[int64]int{1: 3, 2: 4}), // S=10, T=40/3
				sheet(1, 2, map[int64]int{1: 3, 2: 1}), // S=7,  T=28/3
				sheet(2, 2, map[int64]int{1: 5, 2: 3}), // S=13, T=52/3; F=40/3
			}},
		want: []want{ // criterion 1: 4 on average for 2, 3 for 1
			{id: 2, rank: 1, f: "40/3", counted: 2, flags: []string{jury.FlagDiscuss, tie("critère 1")}, tie: jury.TieCriterion},
			{id: 1, rank: 2, f: "40/3", counted: 1, flags: []string{tie("critère 1")}, tie: jury.TieCriterion},
		},
		check: func(t *testing.T, r *jury.Ranking) {
			// What a float implementation would compute (at run time, not
			// with Go's exact constants), and wrongly order.
			twenty, d := 20.0, 15.0
			total := func(s float64) float64 { return twenty * s / d }
			a := total(10)
			b := (total(7) + total(13)) / 2
			if a == b || strconv.FormatFloat(a, 'g', -1, 64) != "13.333333333333334" || strconv.FormatFloat(b, 'g', -1, 64) != "13.333333333333332" {
				t.Fatalf("the float example no longer differs: %v %v", a, b)
			}
		},
	},
	{
		name: "conflict declared after scoring: base",
		in: jury.Input{Criteria: grid2021, Params: jury.DefaultParams(),
			Candidates: []jury.Candidate{cand(1, 0)},
			Sheets: []jury.Sheet{
				sheet(1, 1, sc(5, 5, 5, 5, 5)), // 20
				sheet(2, 1, sc(2, 2, 2, 2, 2)), // 8
			}},
		want: []want{{id: 1, rank: 1, f: "14", counted: 2, flags: []string{jury.FlagDiscuss}}},
	},
	{
		name: "conflict declared after scoring: the same sheets, the juror's sheet excluded",
		in: jury.Input{Criteria: grid2021, Params: jury.DefaultParams(),
			Candidates: []jury.Candidate{cand(1, 0)},
			Sheets: []jury.Sheet{
				sheet(1, 1, sc(5, 5, 5, 5, 5)),
				sheet(2, 1, sc(2, 2, 2, 2, 2)),
			},
			Conflicts: []jury.Conflict{{JurorID: 2, ApplicationID: 1}, {JurorID: 2, ApplicationID: 1}, {JurorID: 3, ApplicationID: 1}, {JurorID: 2, ApplicationID: 99}}},
		want: []want{{id: 1, rank: 1, f: "20", counted: 1, exclude: 1}},
		check: func(t *testing.T, r *jury.Ranking) {
			l := r.Lines[0]
			s := l.Sheets[1]
			if s.JurorID != 2 || s.Status != jury.StatusConflict || ratStr(s.Total) != "8" {
				t.Errorf("excluded sheet = %+v", s)
			}
			if !slices.Equal(l.Conflicts, []int64{2, 3}) {
				t.Errorf("Conflicts = %v", l.Conflicts)
			}
			if ratStr(l.CriterionMeans[11]) != "5" || l.StdDev != 0 || l.Harmonised != 20 {
				t.Errorf("means %v, sd %v, harmonised %v", l.CriterionMeans, l.StdDev, l.Harmonised)
			}
		},
	},
	{
		name: "rule 6: standard deviation exactly 3 is not « à discuter » (float64 says 3.0000000000000004)",
		in: jury.Input{Criteria: grid2021, Params: jury.DefaultParams(),
			Candidates: []jury.Candidate{cand(1, 0)},
			Sheets: []jury.Sheet{
				sheet(1, 1, sc(0, 0, 0, 1, 0)), // S=1,  T=0,4
				sheet(2, 1, sc(2, 2, 2, 0, 1)), // S=16, T=6,4: SD = 3
			}},
		want: []want{{id: 1, rank: 1, f: "17/5", counted: 2, flags: []string{jury.FlagBelow}}},
	},
	{
		name: "rule 6: standard deviation 3,2 is « à discuter »",
		in: jury.Input{Criteria: grid2021, Params: jury.DefaultParams(),
			Candidates: []jury.Candidate{cand(1, 0)},
			Sheets: []jury.Sheet{
				sheet(1, 1, sc(0, 0, 0, 1, 0)), // S=1,  T=0,4
				sheet(2, 1, sc(2, 2, 2, 1, 1)), // S=17, T=6,8: SD = 3,2
			}},
		want: []want{{id: 1, rank: 1, f: "18/5", counted: 2, flags: []string{jury.FlagDiscuss, jury.FlagBelow}}},
	},
	{
		name: "rule 6: threshold 3,20 and SD 3,2: not flagged",
		in: jury.Input{Criteria: grid2021, Params: jury.Params{MinScoreHundredths: 0, Quorum: 1, DisagreementHundredths: 320},
			Candidates: []jury.Candidate{cand(1, 0)},
			Sheets: []jury.Sheet{
				sheet(1, 1, sc(0, 0, 0, 1, 0)),
				sheet(2, 1, sc(2, 2, 2, 1, 1)),
			}},
		want: []want{{id: 1, rank: 1, f: "18/5", counted: 2}},
	},
	{
		name: "rule 6: threshold 3,19 and SD 3,2: flagged",
		in: jury.Input{Criteria: grid2021, Params: jury.Params{MinScoreHundredths: 0, Quorum: 1, DisagreementHundredths: 319},
			Candidates: []jury.Candidate{cand(1, 0)},
			Sheets: []jury.Sheet{
				sheet(1, 1, sc(0, 0, 0, 1, 0)),
				sheet(2, 1, sc(2, 2, 2, 1, 1)),
			}},
		want: []want{{id: 1, rank: 1, f: "18/5", counted: 2, flags: []string{jury.FlagDiscuss}}},
	},
	{
		name: "rule 6: F = 9,999 shows as 10,00 but is below 10",
		in: jury.Input{
			Criteria:   []data.Criterion{{ID: 1, Position: 1, Label: "a", Weight: 1, Max: 20000}},
			Params:     jury.DefaultParams(),
			Candidates: []jury.Candidate{cand(1, 0), cand(2, 0)},
			Sheets: []jury.Sheet{
				sheet(1, 1, map[int64]int{1: 9999}),
				sheet(1, 2, map[int64]int{1: 10000}),
			}},
		want: []want{
			{id: 2, rank: 1, f: "10", counted: 1},
			{id: 1, rank: 2, f: "9999/1000", counted: 1, flags: []string{jury.FlagBelow}},
		},
		check: func(t *testing.T, r *jury.Ranking) {
			l := r.Lines[1]
			if jury.FormatScore(l.F) != "10,00" || l.FHundredths() != 1000 || !l.Below(jury.DefaultParams()) {
				t.Errorf("%s %d %v", jury.FormatScore(l.F), l.FHundredths(), l.Below(jury.DefaultParams()))
			}
		},
	},
	{
		name: "an unusable grid counts no sheet",
		in: jury.Input{Criteria: nil, Params: jury.DefaultParams(),
			Candidates: []jury.Candidate{cand(1, 0)},
			Sheets:     []jury.Sheet{sheet(1, 1, sc(5, 5, 5, 5, 5))}},
		want: []want{{id: 1, f: "nil", incomplete: 1, flags: []string{jury.FlagNoQuorum}}},
		check: func(t *testing.T, r *jury.Ranking) {
			if len(r.Warnings) != 1 || !strings.HasPrefix(r.Warnings[0], "Grille d'évaluation inutilisable") {
				t.Errorf("warnings = %q", r.Warnings)
			}
			if len(r.Lines[0].Warnings) != 5 { // five scores outside an empty grid
				t.Errorf("line warnings = %q", r.Lines[0].Warnings)
			}
		},
	},
	{
		name: "input errors: duplicate candidate, duplicate number, unknown application, unknown criterion",
		in: jury.Input{Criteria: grid2021, Params: jury.DefaultParams(),
			Candidates: []jury.Candidate{
				{ID: 2, Number: "AMI2021-002", Received: day0},
				{ID: 1, Number: "AMI2021-001", Received: day0},
				{ID: 1, Number: "AMI2021-001", Received: day0.Add(time.Hour)},
				{ID: 3, Number: "AMI2021-002", Received: day0},
			},
			Sheets: []jury.Sheet{
				sheet(1, 1, sc(5, 5, 5, 5, 5)),
				sheet(1, 2, sc(4, 4, 4, 4, 4)),
				sheet(1, 3, sc(4, 4, 4, 4, 4)),
				sheet(4, 7, sc(4, 4, 4, 4, 4)),
				sheet(1, 7, sc(4, 4, 4, 4, 4)),
				sheet(2, 1, map[int64]int{11: 5, 12: 5, 13: 5, 14: 5, 15: 5, 99: 3}),
			}},
		want: []want{
			{id: 1, rank: 1, f: "20", counted: 2},
			{id: 2, rank: 2, f: "16", counted: 1, flags: []string{tie(jury.TieID)}, tie: jury.TieID},
			{id: 3, rank: 3, f: "16", counted: 1, flags: []string{tie(jury.TieID)}, tie: jury.TieID},
		},
		check: func(t *testing.T, r *jury.Ranking) {
			w := []string{
				"Le dossier d'identifiant 1 est transmis plusieurs fois : seul le dossier n° « AMI2021-001 » est retenu.",
				"Le numéro « AMI2021-002 » est porté par plusieurs dossiers.",
				"Juré n° 1 : grille pour un dossier inconnu (identifiant 7) ignorée.",
				"Juré n° 4 : grille pour un dossier inconnu (identifiant 7) ignorée.",
			}
			if !slices.Equal(r.Warnings, w) {
				t.Errorf("warnings =\n%q\nwant\n%q", r.Warnings, w)
			}
			if !r.Lines[0].Received.Equal(day0) {
				t.Errorf("kept the wrong duplicate: %v", r.Lines[0].Received)
			}
			if l := r.Lines[0]; len(l.Warnings) != 1 || l.Warnings[0] != "Juré n° 2 : note pour un critère hors de la grille (identifiant 99) ignorée." {
				t.Errorf("line warnings = %q", l.Warnings)
			}
		},
	},
}

func TestRank(t *testing.T) {
	for _, tc := range rankCases {
		t.Run(tc.name, func(t *testing.T) {
			r := jury.Rank(tc.in)
			if len(r.Lines) != len(tc.want) {
				t.Fatalf("%d lines, want %d:\n%s", len(r.Lines), len(tc.want), dump(r))
			}
			for i, w := range tc.want {
				l := r.Lines[i]
				got := want{l.ApplicationID, l.Rank, ratStr(l.F), l.Counted, l.Incomplete, l.Excluded, l.Flags, l.TieBreak}
				if got.id != w.id || got.rank != w.rank || got.f != w.f || got.counted != w.counted || got.incomplete != w.incomplete ||
					got.exclude != w.exclude || !slices.Equal(got.flags, w.flags) || got.tie != w.tie {
					t.Errorf("line %d = %+v\nwant       %+v", i, got, w)
				}
				if l.Below(r.Params) != l.HasFlag(jury.FlagBelow) {
					t.Errorf("line %d: Below and the flag disagree", i)
				}
				if l.HasHarmonised != (l.Counted > 0) {
					t.Errorf("line %d: HasHarmonised %v with %d counted", i, l.HasHarmonised, l.Counted)
				}
			}
			checkInvariants(t, r)
			if tc.check != nil {
				tc.check(t, r)
			}
		})
	}
}

// TestFloatWouldTie: two final scores that differ by 5·10⁻¹⁶ — the same float64
// — are not ex aequo: the higher ranks first, whatever the date says.
func TestFloatWouldTie(t *testing.T) {
	const max = 1 << 32 // Σ(poids × barème) = 2³²
	in := jury.Input{
		Criteria:   []data.Criterion{{ID: 1, Position: 1, Label: "a", Weight: 1, Max: max}},
		Params:     jury.DefaultParams(),
		Candidates: []jury.Candidate{cand(1, 0), cand(2, 1)}, // 1 came first
	}
	// 1: 3 000 sheets, 2: 3 001 sheets; all 2 863 311 530 but one 2 863 311 529.
	for a, n := range map[int64]int{1: 3000, 2: 3001} {
		for j := 1; j <= n; j++ {
			s := 2863311530
			if j == 1 {
				s--
			}
			in.Sheets = append(in.Sheets, sheet(int64(j), a, map[int64]int{1: s}))
		}
	}
	r := jury.Rank(in)
	a, b := lineOf(t, r, 1), lineOf(t, r, 2)
	fa, _ := a.F.Float64()
	fb, _ := b.F.Float64()
	if fa != fb {
		t.Fatalf("the example no longer collides in float64: %v %v", fa, fb)
	}
	if a.F.Cmp(b.F) >= 0 {
		t.Fatalf("F1 %s ≥ F2 %s", a.F.RatString(), b.F.RatString())
	}
	if b.Rank != 1 || a.Rank != 2 || a.TieBreak != "" || b.TieBreak != "" || a.TieGroup != nil {
		t.Errorf("ranks %d %d, tie-breaks %q %q", b.Rank, a.Rank, b.TieBreak, a.TieBreak)
	}
	if d := new(big.Rat).Sub(b.F, a.F); d.Cmp(big.NewRat(1, 1_000_000_000_000_000)) > 0 {
		t.Errorf("difference %s", d.RatString())
	}
	checkInvariants(t, r)
}

// TestConflictExcludesEverywhere: a déport gives the same result as if the sheet
// had never been sent — F, means, SD, flags, and the harmonised scores of every
// application (the juror's own population of totals shrinks too) — except that
// the sheet is still shown. Likewise the sheets of an irrecevable application
// weigh on nothing.
func TestConflictExcludesEverywhere(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	for round := 0; round < 50; round++ {
		in := randomInput(rng, 12, 5, false)
		if len(in.Sheets) == 0 {
			continue
		}
		victim := in.Sheets[rng.Intn(len(in.Sheets))]
		with := in
		with.Conflicts = append(slices.Clone(in.Conflicts), jury.Conflict{JurorID: victim.JurorID, ApplicationID: victim.ApplicationID})
		without := in
		without.Sheets = nil
		for _, s := range in.Sheets {
			if s.JurorID != victim.JurorID || s.ApplicationID != victim.ApplicationID {
				without.Sheets = append(without.Sheets, s)
			}
		}
		without.Conflicts = with.Conflicts
		a, b := jury.Rank(with), jury.Rank(without)
		strip := func(r *jury.Ranking) string {
			for i := range r.Lines {
				l := &r.Lines[i]
				l.Sheets = slices.DeleteFunc(slices.Clone(l.Sheets), func(s jury.SheetResult) bool { return s.Status == jury.StatusConflict })
				l.Excluded = 0
				l.Warnings = nil
			}
			return dump(r)
		}
		if x, y := strip(a), strip(b); x != y {
			t.Fatalf("round %d: a déport is not the same as no sheet:\n%s\n----\n%s", round, x, y)
		}

		// An application made irrecevable weighs on no other line.
		c := rng.Intn(len(in.Candidates))
		irr := in
		irr.Candidates = slices.Clone(in.Candidates)
		irr.Candidates[c].Irrecevable = true
		gone := irr
		gone.Sheets = slices.DeleteFunc(slices.Clone(in.Sheets), func(s jury.Sheet) bool { return s.ApplicationID == in.Candidates[c].ID })
		x, y := jury.Rank(irr), jury.Rank(gone)
		for _, r := range []*jury.Ranking{x, y} {
			r.Lines = slices.DeleteFunc(r.Lines, func(l jury.Line) bool { return l.ApplicationID == in.Candidates[c].ID })
		}
		if dump(x) != dump(y) {
			t.Fatalf("round %d: an irrecevable application's sheets weigh on others:\n%s\n----\n%s", round, dump(x), dump(y))
		}
	}
}

// TestHarmonised: a harsh and a lenient juror who order the applications alike
// give harmonised scores in that order; a juror with one sheet or no spread has
// z = 0; a single juror's harmonised scores are the plain totals.
func TestHarmonised(t *testing.T) {
	in := jury.Input{Criteria: grid2021, Params: jury.DefaultParams(),
		Candidates: []jury.Candidate{cand(1, 0), cand(2, 0), cand(3, 0), cand(4, 0)},
		Sheets: []jury.Sheet{
			// harsh juror 1: 1 < 2 < 3 < 4
			sheet(1, 1, sc(0, 0, 0, 0, 0)), sheet(1, 2, sc(1, 0, 0, 0, 0)), sheet(1, 3, sc(1, 1, 1, 0, 0)), sheet(1, 4, sc(2, 1, 1, 1, 1)),
			// lenient juror 2: same order, higher and tighter
			sheet(2, 1, sc(3, 3, 3, 3, 3)), sheet(2, 2, sc(4, 3, 3, 3, 3)), sheet(2, 3, sc(4, 4, 4, 3, 4)), sheet(2, 4, sc(5, 5, 5, 5, 5)),
		}}
	r := jury.Rank(in)
	var h []float64
	for _, id := range []int64{4, 3, 2, 1} {
		l := lineOf(t, r, id)
		if !l.HasHarmonised {
			t.Fatalf("no harmonised score for %d", id)
		}
		h = append(h, l.Harmonised)
	}
	for i := 1; i < len(h); i++ {
		if !(h[i-1] > h[i]) {
			t.Errorf("harmonised scores out of order: %v", h)
		}
	}
	// The ranking is F's.
	for i, id := range []int64{4, 3, 2, 1} {
		if r.Lines[i].ApplicationID != id {
			t.Errorf("rank %d: %d", i+1, r.Lines[i].ApplicationID)
		}
	}
	// Each juror's z-scores average 0 and every application has one sheet from
	// each: the harmonised scores average to the overall mean, that of F.
	var sum float64
	for _, x := range h {
		sum += x
	}
	var tot float64
	for _, l := range r.Lines {
		f, _ := l.F.Float64()
		tot += f
	}
	if d := sum - tot; d > 1e-9 || d < -1e-9 {
		t.Errorf("mean of harmonised %v ≠ mean of F %v", sum/4, tot/4)
	}

	// One juror: z = (T − mean)/sd mapped back to the same mean and sd: T itself.
	one := in
	one.Sheets = in.Sheets[:4]
	r = jury.Rank(one)
	for _, l := range r.Lines {
		f, _ := l.F.Float64()
		if d := l.Harmonised - f; d > 1e-9 || d < -1e-9 {
			t.Errorf("%s: harmonised %v, F %v", l.Number, l.Harmonised, f)
		}
	}

	// A juror with a single sheet, and one with no spread, have z = 0: their
	// sheets map to the overall mean.
	flat := jury.Input{Criteria: grid2021, Params: jury.DefaultParams(),
		Candidates: []jury.Candidate{cand(1, 0), cand(2, 0)},
		Sheets: []jury.Sheet{
			sheet(1, 1, sc(5, 5, 5, 5, 5)),                                 // juror 1: one sheet, T=20
			sheet(2, 1, sc(1, 1, 1, 1, 1)), sheet(2, 2, sc(1, 1, 1, 1, 1)), // juror 2: T=4 twice
		}}
	r = jury.Rank(flat)
	mean := (20.0 + 4 + 4) / 3
	for _, l := range r.Lines {
		if d := l.Harmonised - mean; d > 1e-9 || d < -1e-9 {
			t.Errorf("%s: harmonised %v, want %v", l.Number, l.Harmonised, mean)
		}
	}
}

func TestDuplicateSheets(t *testing.T) {
	base := jury.Input{Criteria: grid2021, Params: jury.DefaultParams(), Candidates: []jury.Candidate{cand(1, 0)}}
	tests := []struct {
		name   string
		sheets []jury.Sheet
		total  string
	}{
		{"complete beats incomplete", []jury.Sheet{sheet(1, 1, sc(1, 1, 1, 1, no)), sheet(1, 1, sc(2, 2, 2, 2, 2))}, "8"},
		{"complete beats out of range", []jury.Sheet{sheet(1, 1, sc(9, 5, 5, 5, 5)), sheet(1, 1, sc(2, 2, 2, 2, 2))}, "8"},
		{"two complete: first by (criterion, score)", []jury.Sheet{sheet(1, 1, sc(3, 3, 3, 3, 3)), sheet(1, 1, sc(2, 5, 5, 5, 5))}, "82/5"},
		{"two incomplete: more scores in range", []jury.Sheet{sheet(1, 1, sc(1, no, no, no, no)), sheet(1, 1, sc(9, 1, 1, no, no))}, "nil"},
		{"identical", []jury.Sheet{sheet(1, 1, sc(2, 2, 2, 2, 2)), sheet(1, 1, sc(2, 2, 2, 2, 2)), sheet(1, 1, sc(2, 2, 2, 2, 2))}, "8"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var first string
			for _, perm := range [][]int{{0, 1, 2}, {2, 1, 0}, {1, 0, 2}, {1, 2, 0}} {
				in := base
				for _, i := range perm {
					if i < len(tc.sheets) {
						in.Sheets = append(in.Sheets, tc.sheets[i])
					}
				}
				r := jury.Rank(in)
				l := r.Lines[0]
				if len(l.Sheets) != 1 || ratStr(l.Sheets[0].Total) != tc.total {
					t.Fatalf("sheets = %+v, want one of total %s", l.Sheets, tc.total)
				}
				if len(l.Warnings) == 0 || !strings.Contains(l.Warnings[0], "grilles reçues pour ce dossier ; une seule est retenue") {
					t.Errorf("warnings = %q", l.Warnings)
				}
				if first == "" {
					first = dump(r)
				} else if d := dump(r); d != first {
					t.Errorf("depends on order:\n%s\n%s", first, d)
				}
			}
		})
	}
	// In the incomplete case, the one kept has more scores in range.
	in := base
	in.Sheets = []jury.Sheet{sheet(1, 1, sc(1, no, no, no, no)), sheet(1, 1, sc(9, 1, 1, no, no))}
	if m := jury.Rank(in).Lines[0].Sheets[0].Missing; !slices.Equal(m, []int64{14, 15}) {
		t.Errorf("kept the sheet missing %v", m)
	}
}

func TestTotal(t *testing.T) {
	tests := []struct {
		name     string
		criteria []data.Criterion
		scores   map[int64]int
		want     string
	}{
		{"all max", grid2021, sc(5, 5, 5, 5, 5), "20"},
		{"all zero", grid2021, sc(0, 0, 0, 0, 0), "0"},
		{"weighted", grid2021, sc(4, 3, 2, 1, 0), "46/5"}, // 20·(12+6+4+1)/50 = 9,2
		{"missing", grid2021, sc(4, 3, 2, 1, no), "nil"},
		{"above max", grid2021, sc(4, 3, 2, 1, 6), "nil"},
		{"negative", grid2021, sc(4, 3, 2, -2, 1), "nil"},
		{"extra criterion ignored", grid2021, map[int64]int{11: 5, 12: 5, 13: 5, 14: 5, 15: 5, 16: 9}, "20"},
		{"nil scores", grid2021, nil, "nil"},
		{"empty grid", nil, map[int64]int{}, "nil"},
		{"zero weights", []data.Criterion{{ID: 1, Weight: 0, Max: 5}}, map[int64]int{1: 3}, "nil"},
		{"a zero weight counts for nothing but must be scored", []data.Criterion{{ID: 1, Weight: 0, Max: 5}, {ID: 2, Position: 1, Weight: 1, Max: 4}}, map[int64]int{1: 3, 2: 1}, "5"},
		{"negative weight", []data.Criterion{{ID: 1, Weight: -1, Max: 5}, {ID: 2, Weight: 2, Max: 5}}, map[int64]int{1: 3, 2: 1}, "nil"},
		{"duplicate IDs", []data.Criterion{{ID: 1, Weight: 1, Max: 5}, {ID: 1, Weight: 2, Max: 5}}, map[int64]int{1: 3}, "nil"},
		{"too large", []data.Criterion{{ID: 1, Weight: 1 << 20, Max: 1 << 13}}, map[int64]int{1: 3}, "nil"},
		{"largest allowed", []data.Criterion{{ID: 1, Weight: 1 << 20, Max: 1 << 12}}, map[int64]int{1: 1 << 11}, "10"},
		{"thirds", []data.Criterion{{ID: 1, Weight: 1, Max: 3}}, map[int64]int{1: 1}, "20/3"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := jury.Total(tc.criteria, tc.scores)
			if ratStr(got) != tc.want || ok != (tc.want != "nil") {
				t.Errorf("Total = %s, %v; want %s", ratStr(got), ok, tc.want)
			}
		})
	}
}

func TestFormatScore(t *testing.T) {
	tests := []struct {
		r    *big.Rat
		want string
		h    int64
	}{
		{nil, "—", 0},
		{big.NewRat(0, 1), "0,00", 0},
		{big.NewRat(20, 1), "20,00", 2000},
		{big.NewRat(12345, 1000), "12,35", 1235}, // half up
		{big.NewRat(12344999, 1000000), "12,34", 1234},
		{big.NewRat(40, 3), "13,33", 1333},
		{big.NewRat(2, 3), "0,67", 67},
		{big.NewRat(1, 200), "0,01", 1},
		{big.NewRat(1, 201), "0,00", 0},
		{big.NewRat(9999, 1000), "10,00", 1000},
		{big.NewRat(-1, 200), "-0,01", -1}, // half away from zero
		{big.NewRat(-3, 2), "-1,50", -150},
	}
	for _, tc := range tests {
		if got := jury.FormatScore(tc.r); got != tc.want {
			t.Errorf("FormatScore(%s) = %q, want %q", ratStr(tc.r), got, tc.want)
		}
		if got := (jury.Line{F: tc.r}).FHundredths(); got != tc.h {
			t.Errorf("FHundredths(%s) = %d, want %d", ratStr(tc.r), got, tc.h)
		}
	}
}

func TestBelow(t *testing.T) {
	p := jury.DefaultParams()
	tests := []struct {
		f    *big.Rat
		min  int64
		want bool
	}{
		{nil, 1000, false},
		{big.NewRat(10, 1), 1000, false},
		{big.NewRat(9999, 1000), 1000, true},
		{big.NewRat(0, 1), 0, false},
		{big.NewRat(0, 1), 1, true},
		{big.NewRat(1001, 100), 1001, false},
		{big.NewRat(20, 1), 2000, false},
	}
	for _, tc := range tests {
		p.MinScoreHundredths = tc.min
		if got := (jury.Line{F: tc.f}).Below(p); got != tc.want {
			t.Errorf("Below(%s, %d) = %v", ratStr(tc.f), tc.min, got)
		}
	}
}

func TestParamsOf(t *testing.T) {
	d := jury.Params{MinScoreHundredths: 1000, Quorum: 1, DisagreementHundredths: 300}
	if jury.DefaultParams() != d || jury.ParamsOf(nil) != d {
		t.Fatalf("defaults %+v %+v", jury.DefaultParams(), jury.ParamsOf(nil))
	}
	tests := []struct {
		c    data.Campaign
		want jury.Params
	}{
		{data.Campaign{MinScoreHundredths: 1200, Quorum: 3, DisagreementHundredths: 250}, jury.Params{1200, 3, 250}},
		// The threshold applied is the one stored and shown, never a silent
		// default (data.ValidateCampaign keeps it between 0,01 and 20).
		{data.Campaign{}, jury.Params{0, 1, 0}},
		{data.Campaign{MinScoreHundredths: 1000, Quorum: -2, DisagreementHundredths: 150}, jury.Params{1000, 1, 150}},
	}
	for _, tc := range tests {
		if got := jury.ParamsOf(&tc.c); got != tc.want {
			t.Errorf("ParamsOf(%+v) = %+v, want %+v", tc.c, got, tc.want)
		}
	}
	// Rank applies a quorum of at least 1.
	r := jury.Rank(jury.Input{Criteria: grid2021, Candidates: []jury.Candidate{cand(1, 0)}, Params: jury.Params{Quorum: 0, DisagreementHundredths: -1}})
	if r.Lines[0].Rank != 0 || r.Params.Quorum != 1 || r.Params.DisagreementHundredths != 0 {
		t.Errorf("quorum 0: %+v %+v", r.Lines[0], r.Params)
	}
}

func TestCandidateOf(t *testing.T) {
	recv := day0
	tests := []struct {
		a    data.Application
		want bool
	}{
		{data.Application{Status: data.StatusRecevable}, false},
		{data.Application{Status: data.StatusIrrecevable}, true},
		{data.Application{Status: data.StatusRecu, Late: true}, true},
		{data.Application{Status: data.StatusRecevable, Late: true, LateOverride: "Pli posté dans les délais"}, false},
	}
	for _, tc := range tests {
		tc.a.ID, tc.a.Number, tc.a.Received = 5, "AMI2021-005", recv
		c := jury.CandidateOf(&tc.a)
		if c.Irrecevable != tc.want || c.ID != 5 || c.Number != "AMI2021-005" || !c.Received.Equal(recv) {
			t.Errorf("CandidateOf(%+v) = %+v", tc.a.Status, c)
		}
	}
}

func TestStatusString(t *testing.T) {
	for s, want := range map[jury.Status]string{jury.StatusCounted: "comptée", jury.StatusIncomplete: "incomplète", jury.StatusConflict: "déport", jury.StatusIrrecevable: "irrecevable", 0: "?"} {
		if s.String() != want {
			t.Errorf("%d: %q", s, s.String())
		}
	}
}

// randomInput builds a messy campaign: incomplete and out-of-range sheets,
// déports, irrecevable applications, duplicate sheets, equal scores (ties), and
// when messy, duplicate candidates and sheets for unknown applications.
func randomInput(rng *rand.Rand, nApps, nJurors int, messy bool) jury.Input {
	in := jury.Input{Criteria: grid2021, Params: jury.Params{MinScoreHundredths: 1000, Quorum: 1 + rng.Intn(2), DisagreementHundredths: 300}}
	for a := 1; a <= nApps; a++ {
		c := cand(int64(a), rng.Intn(3))
		c.Irrecevable = rng.Intn(8) == 0
		if rng.Intn(10) == 0 {
			c.Number = "AMI2021-X" // shared numbers
		}
		in.Candidates = append(in.Candidates, c)
		for j := 1; j <= nJurors; j++ {
			if rng.Intn(6) == 0 {
				continue
			}
			s := sc(rng.Intn(3)+2, rng.Intn(3)+2, rng.Intn(3)+2, rng.Intn(3)+2, rng.Intn(3)+2)
			switch rng.Intn(12) {
			case 0:
				delete(s, 13)
			case 1:
				s[12] = 7
			case 2:
				s[99] = 1
			}
			in.Sheets = append(in.Sheets, sheet(int64(j), int64(a), s))
			if rng.Intn(10) == 0 {
				in.Sheets = append(in.Sheets, sheet(int64(j), int64(a), sc(rng.Intn(6), rng.Intn(6), rng.Intn(6), rng.Intn(6), rng.Intn(6))))
			}
			if rng.Intn(9) == 0 {
				in.Conflicts = append(in.Conflicts, jury.Conflict{JurorID: int64(j), ApplicationID: int64(a)})
			}
		}
	}
	if messy {
		in.Candidates = append(in.Candidates, jury.Candidate{ID: 1, Number: "AMI2021-ZZZ", Received: day0})
		in.Sheets = append(in.Sheets, sheet(1, int64(nApps+5), sc(1, 1, 1, 1, 1)))
		in.Conflicts = append(in.Conflicts, jury.Conflict{JurorID: 1, ApplicationID: int64(nApps + 9)})
	}
	return in
}

func TestPermutationInvariance(t *testing.T) {
	rng := rand.New(rand.NewSource(2021))
	for round := 0; round < 40; round++ {
		in := randomInput(rng, 5+rng.Intn(30), 2+rng.Intn(6), true)
		ref := dump(jury.Rank(in))
		for k := 0; k < 25; k++ {
			p := in
			p.Candidates = slices.Clone(in.Candidates)
			p.Sheets = slices.Clone(in.Sheets)
			p.Conflicts = slices.Clone(in.Conflicts)
			rng.Shuffle(len(p.Candidates), func(i, j int) { p.Candidates[i], p.Candidates[j] = p.Candidates[j], p.Candidates[i] })
			rng.Shuffle(len(p.Sheets), func(i, j int) { p.Sheets[i], p.Sheets[j] = p.Sheets[j], p.Sheets[i] })
			rng.Shuffle(len(p.Conflicts), func(i, j int) { p.Conflicts[i], p.Conflicts[j] = p.Conflicts[j], p.Conflicts[i] })
			p.Criteria = slices.Clone(in.Criteria)
			rng.Shuffle(len(p.Criteria), func(i, j int) { p.Criteria[i], p.Criteria[j] = p.Criteria[j], p.Criteria[i] })
			r := jury.Rank(p)
			if got := dump(r); got != ref {
				t.Fatalf("round %d, permutation %d changes the result:\n%s\n----\n%s", round, k, ref, got)
			}
			checkInvariants(t, r)
		}
	}
}

// checkInvariants checks what holds for any ranking: ranks 1..n without gaps,
// ranked lines first in order of F then tie-breaks, the others by number,
// counts matching the statuses, flags matching the parameters.
func checkInvariants(t *testing.T, r *jury.Ranking) {
	t.Helper()
	for i, l := range r.Lines {
		if i < r.Ranked {
			if l.Rank != i+1 {
				t.Fatalf("line %d has rank %d", i, l.Rank)
			}
			if l.F == nil || l.Irrecevable || l.Counted < r.Params.Quorum {
				t.Fatalf("ranked line %d: %+v", i, l)
			}
			if i > 0 {
				p := r.Lines[i-1]
				c := p.F.Cmp(l.F)
				if c < 0 || c == 0 && (l.TieBreak == "" || p.TieBreak == "" || !slices.Contains(l.TieGroup, p.Number)) {
					t.Fatalf("lines %d and %d out of order: %s %q, %s %q", i-1, i, p.F.RatString(), p.TieBreak, l.F.RatString(), l.TieBreak)
				}
			}
		} else {
			if l.Rank != 0 || !(l.Irrecevable || l.Counted < r.Params.Quorum) {
				t.Fatalf("unranked line %d: %+v", i, l)
			}
			if i > r.Ranked && r.Lines[i-1].Number > l.Number {
				t.Fatalf("unranked lines %d and %d out of order", i-1, i)
			}
		}
		var n [5]int
		for k, s := range l.Sheets {
			n[s.Status]++
			if k > 0 && l.Sheets[k-1].JurorID >= s.JurorID {
				t.Fatalf("sheets of %s not by juror", l.Number)
			}
			if s.Status == jury.StatusCounted && s.Total == nil || s.Status == jury.StatusIncomplete && s.Total != nil {
				t.Fatalf("sheet %+v", s)
			}
		}
		if n[jury.StatusCounted] != l.Counted || n[jury.StatusIncomplete] != l.Incomplete || n[jury.StatusConflict] != l.Excluded {
			t.Fatalf("%s: counts %d %d %d, statuses %v", l.Number, l.Counted, l.Incomplete, l.Excluded, n)
		}
		if (l.F == nil) != (l.Counted == 0) || l.HasHarmonised != (l.Counted > 0) {
			t.Fatalf("%s: F %v with %d counted", l.Number, l.F, l.Counted)
		}
		if l.Below(r.Params) != l.HasFlag(jury.FlagBelow) {
			t.Fatalf("%s: Below %v, flags %q", l.Number, l.Below(r.Params), l.Flags)
		}
		if l.Counted < 2 && l.HasFlag(jury.FlagDiscuss) {
			t.Fatalf("%s: à discuter with %d sheets", l.Number, l.Counted)
		}
	}
}

// dump renders a ranking exactly (rationals as fractions, floats in full), for
// comparing two rankings.
func dump(r *jury.Ranking) string {
	var b strings.Builder
	fmt.Fprintf(&b, "params %+v tie %d ranked %d warnings %q\n", r.Params, r.TieCriterion, r.Ranked, r.Warnings)
	for _, l := range r.Lines {
		fmt.Fprintf(&b, "%d %s %s irr=%v rank=%d F=%s c=%d i=%d x=%d sd=%s h=%s/%v flags=%q tie=%q group=%q conflicts=%v warn=%q\n",
			l.ApplicationID, l.Number, l.Received.Format(time.RFC3339Nano), l.Irrecevable, l.Rank, ratStr(l.F), l.Counted, l.Incomplete, l.Excluded,
			strconv.FormatFloat(l.StdDev, 'g', -1, 64), strconv.FormatFloat(l.Harmonised, 'g', -1, 64), l.HasHarmonised,
			l.Flags, l.TieBreak, l.TieGroup, l.Conflicts, l.Warnings)
		ids := make([]int64, 0, len(l.CriterionMeans))
		for id := range l.CriterionMeans {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		for _, id := range ids {
			fmt.Fprintf(&b, "  mean %d = %s\n", id, l.CriterionMeans[id].RatString())
		}
		for _, s := range l.Sheets {
			fmt.Fprintf(&b, "  sheet %d %s %s missing=%v out=%v\n", s.JurorID, s.Status, ratStr(s.Total), s.Missing, s.OutOfRange)
		}
	}
	return b.String()
}
