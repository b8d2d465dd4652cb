package data

import (
	"slices"
	"strings"
	"testing"
)

func TestSurnameKey(t *testing.T) {
	names := []string{"Zoé Adam", "Mme Bruno Petit", "Claire Vasseur (fictif)", "Émile Martin", "alice martin", "Durand"}
	slices.SortFunc(names, func(a, b string) int { return strings.Compare(SurnameKey(a), SurnameKey(b)) })
	want := []string{"Zoé Adam", "Durand", "alice martin", "Émile Martin", "Mme Bruno Petit", "Claire Vasseur (fictif)"}
	if !slices.Equal(names, want) {
		t.Fatalf("%q", names)
	}
}
