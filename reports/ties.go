package reports

import (
	"strconv"
	"strings"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/jury"
)

// The jury dossier lists each group of ex aequo (ranked dossiers with exactly
// the same final score) once, in its « Ex aequo » section after the ranking;
// each member's fiche names the group and the page of its list. Listed on
// every fiche, a group of thousands of dossiers filled pages of numbers on
// each of them: the 5 000-dossier dossier had 35 250 pages (issue 23).

// tieInline is how many other members a fiche names itself; past it, the
// fiche gives their count and the group's page.
const tieInline = 4

// tieGroup is one group of ex aequo.
type tieGroup struct {
	n        int      // 1, 2… in ranking order
	numbers  []string // the members, in rank order (jury.Line.TieGroup)
	score    string   // the final score they share
	from, to int      // their ranks (0: not ranked)
}

// tieKey is a tie group's slice: jury gives every member of a group the same.
type tieKey struct {
	first *string
	n     int
}

// anchor names the page of the group's list (Anchor, PageRef).
func (g *tieGroup) anchor() string { return "ex-aequo-" + strconv.Itoa(g.n) }

// with is the fiche's « Ex aequo » line for member number: the other members
// when they are few, their count otherwise, and where the group is listed.
func (g *tieGroup) with(number string) string {
	others := make([]string, 0, min(len(g.numbers), tieInline+1))
	for _, m := range g.numbers {
		if m != number && len(others) <= tieInline {
			others = append(others, m)
		}
	}
	where := " (groupe " + strconv.Itoa(g.n) + ", " + PageRef(g.anchor()) + ")"
	if len(others) > tieInline {
		return "avec " + data.Count(len(g.numbers)-1, "autre dossier", "autres dossiers") + where
	}
	return "avec " + strings.Join(others, ", ") + where
}

// tieGroups indexes the ranking's tie groups once, in ranking order.
func (x *ctx) tieGroups() []*tieGroup {
	if x.ties != nil || x.in.Ranking == nil {
		return x.tieList
	}
	x.ties = map[tieKey]*tieGroup{}
	for i := range x.in.Ranking.Lines {
		l := &x.in.Ranking.Lines[i]
		if len(l.TieGroup) < 2 {
			continue
		}
		k := tieKey{&l.TieGroup[0], len(l.TieGroup)}
		g := x.ties[k]
		if g == nil {
			g = &tieGroup{n: len(x.tieList) + 1, numbers: l.TieGroup, score: jury.FormatScore(l.F)}
			x.ties[k] = g
			x.tieList = append(x.tieList, g)
		}
		if l.Rank > 0 && (g.from == 0 || l.Rank < g.from) {
			g.from = l.Rank
		}
		g.to = max(g.to, l.Rank)
	}
	return x.tieList
}

// tieGroupOf is line l's tie group, nil when its score is not shared.
func (x *ctx) tieGroupOf(l *jury.Line) *tieGroup {
	if len(l.TieGroup) < 2 {
		return nil
	}
	x.tieGroups()
	return x.ties[tieKey{&l.TieGroup[0], len(l.TieGroup)}]
}

// tiesSection is the « Ex aequo » section: every tie group once, nothing
// when no score is shared.
func (x *ctx) tiesSection() []Block {
	groups := x.tieGroups()
	if len(groups) == 0 {
		return nil
	}
	b := []Block{PageBreak{Orientation: Portrait}, Heading{Level: 1, Text: "Ex aequo"},
		Paragraph{Size: 9, Text: "Les dossiers de chaque groupe ont exactement la même note finale ; leur ordre dans le classement " +
			"suit la règle de départage que nomment leurs signalements. Chaque groupe est listé ici une fois, dans l'ordre du classement, " +
			"et la fiche de chacun de ses dossiers y renvoie."}}
	for _, g := range groups {
		title := "Groupe " + strconv.Itoa(g.n) + " — " + g.score + " / 20, " + data.Count(len(g.numbers), "dossier", "dossiers")
		switch {
		case g.from > 0 && g.from == g.to:
			title += ", rang " + data.FormatInt(int64(g.from))
		case g.from > 0:
			title += ", rangs " + data.FormatInt(int64(g.from)) + " à " + data.FormatInt(int64(g.to))
		}
		b = append(b, Heading{Level: 3, Text: title}, Anchor{Name: g.anchor()}, Paragraph{Size: 9, Text: strings.Join(g.numbers, ", ")})
	}
	return b
}
