package alloc

import (
	"math/big"
	"testing"

	"github.com/call-agglo/cohesion/data"
)

func TestSelect(t *testing.T) {
	f := func(n int64) *big.Rat { return big.NewRat(n, 1) }
	lines := []Ranked{
		{ID: 3, Number: "C", Rank: 3, Score: f(9), Below: true, Decision: data.DecisionRetenu},
		{ID: 1, Number: "A", Rank: 1, Score: f(18)},
		{ID: 2, Number: "B", Rank: 2, Score: f(15), Decision: data.DecisionAjourne},
		{ID: 4, Number: "D", Rank: 4, Score: f(8), Below: true},
		{ID: 5, Number: "E", Rank: 0, Decision: data.DecisionRetenu},
		{ID: 6, Number: "F", Rank: 5, Score: f(12), Decision: data.DecisionNonRetenu},
		{ID: 7, Number: "G", Rank: 6, Score: f(11), Decision: data.DecisionRetenu},
	}
	got := Select(lines)
	var ids []int64
	for _, c := range got {
		ids = append(ids, c.ID)
	}
	if len(ids) != 3 || ids[0] != 1 || ids[1] != 3 || ids[2] != 7 {
		t.Fatalf("selected %v, want [1 3 7]", ids)
	}
}

func TestGroupBy(t *testing.T) {
	lines := []Line{{ID: 1, RequestedCents: 100, AmountCents: 80}, {ID: 2, RequestedCents: 50}, {ID: 3, RequestedCents: 10, AmountCents: 10}}
	keys := map[int64][]string{1: {"QP1", "QP2"}, 2: {"QP2"}, 3: {"QP1"}}
	g := GroupBy(lines, func(l Line) []string { return keys[l.ID] })
	if len(g) != 2 || g[0].Key != "QP1" || g[0].AmountCents != 90 || g[0].Count != 2 || g[1].RequestedCents != 150 || g[1].Count != 1 {
		t.Fatalf("%+v", g)
	}
}
