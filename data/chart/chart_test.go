package chart_test

import (
	"strings"
	"testing"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/chart"
)

func campaign() *data.Campaign {
	return &data.Campaign{
		Themes:   []data.Theme{{ID: 7, Position: 2, Label: "Santé"}, {ID: 5, Position: 1, Label: "Mobilité"}},
		QPVs:     []data.QPV{{Code: "QP062019", Name: "République - Cité 4"}, {Code: "QP062002", Name: "Cité 9"}},
		Communes: []data.Commune{{INSEE: "62510", Name: "Liévin"}, {INSEE: "62498", Name: "Lens"}},
	}
}

func rows() []data.Row {
	return []data.Row{
		{ID: 1, ThemeID: 7, QPVs: []string{"QP062019", "QP062002"}, Commune: "62510", RequestedCents: 500_000, Status: data.StatusRecevable},
		{ID: 2, ThemeID: 5, QPVs: []string{"QP062002"}, Commune: "62498", RequestedCents: 300_000, Status: data.StatusRecu},
		{ID: 3, ThemeID: 0, Commune: "", RequestedCents: 100_000, Status: data.StatusRecu},
		{ID: 4, ThemeID: 5, Commune: "62498", RequestedCents: 900_000, Status: data.StatusIrrecevable}, // never charted
	}
}

func text(c chart.Chart) string {
	var b []string
	for _, bar := range c.Bars {
		b = append(b, bar.Label+"="+data.FormatAmount(bar.Values[0])+"/"+data.FormatAmount(bar.Values[1]))
	}
	return strings.Join(b, " ; ")
}

func TestAmountCharts(t *testing.T) {
	c := campaign()
	xs := chart.AmountsOf(rows(), map[int64]int64{1: 400_000, 2: 300_000})
	if len(xs) != 3 {
		t.Fatalf("%d admissible amounts", len(xs))
	}
	sp := "\u202f"
	if got, want := text(chart.ByTheme(c, xs)), "Mobilité=3"+sp+"000,00/3"+sp+"000,00 ; Santé=5"+sp+"000,00/4"+sp+"000,00 ; Sans thématique=1"+sp+"000,00/0,00"; got != want {
		t.Errorf("by theme:\n%s\nwant\n%s", got, want)
	}
	qpv := chart.ByQPV(c, xs)
	if got, want := text(qpv), "Cité 9=8"+sp+"000,00/7"+sp+"000,00 ; République - Cité 4=5"+sp+"000,00/4"+sp+"000,00 ; Sans QPV=1"+sp+"000,00/0,00"; got != want {
		t.Errorf("by QPV:\n%s\nwant\n%s", got, want)
	}
	if qpv.Bars[0].Key != "QP062002" || qpv.Bars[2].Key != "" {
		t.Errorf("QPV keys %q %q", qpv.Bars[0].Key, qpv.Bars[2].Key)
	}
	com := chart.ByCommune(c, xs)
	if got := text(com); !strings.HasPrefix(got, "Liévin=5") || !strings.Contains(got, "Commune non renseignée=1") {
		t.Errorf("by commune: %s", got)
	}
	if qpv.Max() != 800_000 || qpv.Share(400_000) != 0.5 || qpv.Share(0) != 0 {
		t.Errorf("scale: max %d", qpv.Max())
	}
	if (chart.Chart{}).Max() != 1 {
		t.Error("an empty chart must keep a positive scale")
	}
}

func TestTopKeepsTheSums(t *testing.T) {
	c := chart.Chart{Bars: []chart.Bar{{Label: "a", Key: "a", Values: []int64{5, 4}}, {Label: "b", Values: []int64{3, 2}}, {Label: "c", Values: []int64{1, 1}}}}
	top := c.Top(1)
	if len(top.Bars) != 2 || top.Bars[1].Label != "Autres (2)" || top.Bars[1].Values[0] != 4 || top.Bars[1].Values[1] != 3 || top.Bars[1].Key != "" {
		t.Fatalf("top: %+v", top.Bars)
	}
	if got := c.Top(2); len(got.Bars) != 3 || got.Bars[2].Label != "c" {
		t.Fatalf("one group left over is shown, not folded: %+v", got.Bars)
	}
}
