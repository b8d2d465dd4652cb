package jury_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/jury"
)

// The worked example of docs/regles-jury.md: the grid of the CALL AMI 2021,
// three jurors, six applications.
func ExampleRank() {
	grid := []data.Criterion{
		{ID: 1, Position: 1, Label: "Réponse à un besoin social non pourvu par le Contrat de ville", Weight: 3, Max: 5},
		{ID: 2, Position: 2, Label: "Caractère exemplaire et innovant", Weight: 2, Max: 5},
		{ID: 3, Position: 3, Label: "Proximité du terrain et participation des habitants", Weight: 2, Max: 5},
		{ID: 4, Position: 4, Label: "Inscription dans une thématique prioritaire", Weight: 1, Max: 5},
		{ID: 5, Position: 5, Label: "Faisabilité, partenariats et cohérence du budget", Weight: 2, Max: 5},
	}
	at := func(d, h, m int) time.Time { return time.Date(2021, time.April, d, h, m, 0, 0, data.Paris) }
	cands := []jury.Candidate{
		{ID: 1, Number: "AMI2021-001", Received: at(12, 10, 0)},
		{ID: 2, Number: "AMI2021-002", Received: at(20, 15, 30)},
		{ID: 3, Number: "AMI2021-003", Received: at(28, 9, 15)},
		{ID: 4, Number: "AMI2021-004", Received: at(15, 11, 0)},
		{ID: 5, Number: "AMI2021-005", Received: at(22, 14, 0)},
		{ID: 6, Number: "AMI2021-006", Received: at(33, 8, 45), Irrecevable: true}, // 3 May: late
	}
	const A, B, C = 1, 2, 3
	notes := func(v ...int) map[int64]int {
		m := map[int64]int{}
		for i, x := range v {
			if x >= 0 {
				m[int64(i+1)] = x
			}
		}
		return m
	}
	sheets := []jury.Sheet{
		{JurorID: A, ApplicationID: 1, Scores: notes(4, 3, 4, 3, 4)}, {JurorID: B, ApplicationID: 1, Scores: notes(4, 4, 3, 2, 3)}, {JurorID: C, ApplicationID: 1, Scores: notes(3, 2, 4, 3, 3)},
		{JurorID: A, ApplicationID: 2, Scores: notes(5, 3, 3, 4, 3)}, {JurorID: B, ApplicationID: 2, Scores: notes(3, 3, 3, 4, 4)}, {JurorID: C, ApplicationID: 2, Scores: notes(5, 5, 5, 5, 5)},
		{JurorID: A, ApplicationID: 3, Scores: notes(4, 4, 4, 2, 3)}, {JurorID: B, ApplicationID: 3, Scores: notes(5, 3, 3, 1, 3)}, {JurorID: C, ApplicationID: 3, Scores: notes(4, 4, 4, -1, 4)},
		{JurorID: A, ApplicationID: 4, Scores: notes(5, 5, 5, 5, 5)}, {JurorID: B, ApplicationID: 4, Scores: notes(2, 2, 2, 2, 2)}, {JurorID: C, ApplicationID: 4, Scores: notes(3, 3, 3, 3, 3)},
		{JurorID: A, ApplicationID: 5, Scores: notes(2, 1, 2, 1, 1)}, {JurorID: B, ApplicationID: 5, Scores: notes(2, 2, 2, 1, 2)}, {JurorID: C, ApplicationID: 5, Scores: notes(3, 2, 2, 2, 2)},
		{JurorID: A, ApplicationID: 6, Scores: notes(5, 4, 4, 4, 4)},
	}
	r := jury.Rank(jury.Input{
		Criteria: grid, Candidates: cands, Sheets: sheets,
		Conflicts:  []jury.Conflict{{JurorID: C, ApplicationID: 2}}, // declared after C had scored
		Params:     jury.DefaultParams(),
		JurorNames: map[int64]string{A: "Juré A", B: "Juré B", C: "Juré C"},
	})
	for _, l := range r.Lines {
		var totals []string
		for _, s := range l.Sheets {
			totals = append(totals, fmt.Sprintf("%c:%s (%s)", 'A'+s.JurorID-1, jury.FormatScore(s.Total), s.Status))
		}
		h := "—"
		if l.HasHarmonised {
			h = data.FormatDecimal(l.Harmonised, 2)
		}
		flags := strings.Join(l.Flags, " ; ")
		if flags == "" {
			flags = "—"
		}
		sd := data.FormatDecimal(l.StdDev, 2)
		fmt.Printf("%d %s F=%s é.t.=%s harm.=%s moy.C1=%s | %s | %s\n", l.Rank, l.Number, jury.FormatScore(l.F), sd, h,
			jury.FormatScore(l.CriterionMeans[1]), strings.Join(totals, ", "), flags)
	}
	fmt.Println(r.Lines[5].Warnings)
	// Output:
	// 1 AMI2021-003 F=14,00 é.t.=0,40 harm.=13,97 moy.C1=4,50 | A:14,40 (comptée), B:13,60 (comptée), C:— (incomplète) | ex aequo départagé : critère 1
	// 2 AMI2021-002 F=14,00 é.t.=0,80 harm.=13,87 moy.C1=4,00 | A:14,80 (comptée), B:13,20 (comptée), C:20,00 (déport) | ex aequo départagé : critère 1
	// 3 AMI2021-001 F=13,47 é.t.=1,15 harm.=14,35 moy.C1=3,67 | A:14,80 (comptée), B:13,60 (comptée), C:12,00 (comptée) | —
	// 4 AMI2021-004 F=13,33 é.t.=4,99 harm.=13,32 moy.C1=3,33 | A:20,00 (comptée), B:8,00 (comptée), C:12,00 (comptée) | à discuter
	// 5 AMI2021-005 F=7,60 é.t.=1,31 harm.=6,83 moy.C1=2,33 | A:6,00 (comptée), B:7,60 (comptée), C:9,20 (comptée) | sous le seuil
	// 0 AMI2021-006 F=— é.t.=0,00 harm.=— moy.C1=— | A:17,20 (irrecevable) | irrecevable : notes non prises en compte
	// [Dossier irrecevable : 1 grille reçue, conservée mais non prise en compte.]
}
