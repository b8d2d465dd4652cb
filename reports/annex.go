package reports

import (
	"sort"
	"strconv"
	"strings"

	"github.com/call-agglo/cohesion/data"
)

// AnnexColumns are the columns of the annex's table of grants.
var AnnexColumns = []Col{
	{"N°", 12, AlignLeft}, {"Bénéficiaire", 22, AlignLeft}, {"SIRET", 15, AlignLeft}, {"Projet", 22, AlignLeft},
	{"Thématique", 15, AlignLeft}, {"QPV", 14, AlignLeft}, {"Coût total", 11, AlignRight}, {"Demandé", 11, AlignRight},
	{"Attribué", 11, AlignRight}, {"Observations", 21, AlignLeft},
}

// AnnexTitle is the annex's heading: « Annexe à la délibération n° … du
// Conseil communautaire du … ».
func AnnexTitle(d Deliberation) string {
	return "Annexe à la délibération n° " + d.number() + " du " + d.body() + " du " + d.date()
}

// Annex builds the annex to the council's deliberation: the table of the
// adopted scenario's grants, with the convention mention above 23 000 € and the
// jurors' déports, a recap by theme, and the signature block.
func Annex(in Input) (*Document, error) {
	x, err := newCtx(&in)
	if err != nil {
		return nil, err
	}
	al := in.Allocation
	if al == nil {
		return nil, data.Errorf(data.EINVALID, "Aucun scénario de répartition adopté : adoptez un scénario dans l'écran Répartition avant d'imprimer l'annexe à la délibération.")
	}
	if in.ScenarioStale {
		return nil, data.Errorf(data.EINVALID, "Le scénario de répartition « %s » ne correspond plus aux notes ou aux décisions du jury : recalculez-le avant d'imprimer l'annexe à la délibération.", orDefault(in.ScenarioName, "sans nom"))
	}
	type grant struct {
		a      *data.Application
		amount int64
	}
	var grants []grant
	var all int64
	for _, l := range al.Lines {
		all += l.AmountCents
		if l.AmountCents <= 0 {
			continue
		}
		a := x.byID[l.ID]
		if a == nil {
			return nil, data.Errorf(data.EINVALID, "Le scénario de répartition attribue %s au dossier %s, introuvable dans la campagne : recalculez le scénario.",
				data.FormatEuros(l.AmountCents), orDefault(l.Number, "n° "+strconv.FormatInt(l.ID, 10)))
		}
		grants = append(grants, grant{a, l.AmountCents})
	}
	if all != al.TotalCents {
		return nil, data.Errorf(data.EINVALID, "Le total des subventions (%s) ne correspond pas au total du scénario (%s) : recalculez le scénario.",
			data.FormatEuros(all), data.FormatEuros(al.TotalCents))
	}
	if len(grants) == 0 {
		return nil, data.Errorf(data.EINVALID, "Le scénario de répartition « %s » n'attribue aucune subvention : il n'y a rien à annexer.", orDefault(in.ScenarioName, "sans nom"))
	}
	sort.SliceStable(grants, func(i, j int) bool {
		if grants[i].a.Number != grants[j].a.Number {
			return grants[i].a.Number < grants[j].a.Number
		}
		return grants[i].a.ID < grants[j].a.ID
	})

	d := in.Deliberation
	doc := &Document{Kind: "annex", Title: AnnexTitle(d), Orientation: Landscape, GeneratedAt: x.gen,
		Footer: Footer{Left: x.footerLeft(), PageNumbers: true, Date: true}}
	add := func(b ...Block) { doc.Blocks = append(doc.Blocks, b...) }
	add(Paragraph{Text: x.c.Organiser, Bold: true, Size: 11},
		Heading{Level: 1, Text: AnnexTitle(d)},
		Paragraph{Text: "Objet : attribution des subventions de l'appel à manifestation d'intérêt « " + x.c.Title + " » (" + campaignName(x.c) +
			"), doté d'une enveloppe de " + data.FormatEuros(x.c.EnvelopeCents) + "."},
	)
	if len(x.c.Objectives) > 0 {
		add(Paragraph{Text: "Objectifs de l'appel : " + strings.Join(x.c.Objectives, " ; ") + ".", Size: 9})
	}
	add(Paragraph{Text: "Répartition : scénario « " + orDefault(in.ScenarioName, "sans nom") + " », méthode « " + al.Method.Label() + " ». " + al.Method.Description(), Size: 9})

	t := Table{Columns: AnnexColumns, RepeatHeader: true, FontSize: 8}
	var sum, sumReq, sumCost int64
	type themeAgg struct {
		n      int
		amount int64
	}
	byTheme := map[int64]*themeAgg{}
	for _, g := range grants {
		a := g.a
		var obs []string
		if needsConvention(g.amount) {
			obs = append(obs, ConventionMention)
		}
		if dep := x.deports[a.ID]; len(dep) > 0 {
			var names []string
			for _, c := range dep {
				names = append(names, x.jurorName(c.JurorID, c.JurorName))
			}
			obs = append(obs, "Déport : "+strings.Join(names, ", "))
		}
		t.Rows = append(t.Rows, []string{a.Number, a.Structure.Name, orDash(a.Structure.SIRET), a.Title, x.theme(a.ThemeID), x.qpvNames(a.QPVs),
			data.FormatEuros(a.TotalCents), data.FormatEuros(a.RequestedCents), data.FormatEuros(g.amount), strings.Join(obs, "\n")})
		sum += g.amount
		sumReq += a.RequestedCents
		sumCost += a.TotalCents
		ta := byTheme[a.ThemeID]
		if ta == nil {
			ta = &themeAgg{}
			byTheme[a.ThemeID] = ta
		}
		ta.n++
		ta.amount += g.amount
	}
	if sum != al.TotalCents { // cannot happen after the check above; kept as the contract
		return nil, data.Errorf(data.EINTERNAL, "Le total de l'annexe (%s) diffère du total du scénario (%s).", data.FormatEuros(sum), data.FormatEuros(al.TotalCents))
	}
	t.TotalRow = []string{"", "Total : " + plural(len(grants), "subvention", "subventions"), "", "", "", "",
		data.FormatEuros(sumCost), data.FormatEuros(sumReq), data.FormatEuros(sum), ""}
	add(Heading{Level: 2, Text: "Subventions attribuées"}, t)
	add(Paragraph{Text: "Arrêté le présent état à la somme de " + data.FormatEuros(sum) + " (" + plural(len(grants), "subvention", "subventions") +
		"), sur une enveloppe de " + data.FormatEuros(x.c.EnvelopeCents) + ".", Bold: true})

	// Recap by theme, in the campaign's order.
	rt := Table{Columns: []Col{{"Thématique", 60, AlignLeft}, {"Projets", 15, AlignCenter}, {"Montant attribué", 25, AlignRight}}}
	done := map[int64]bool{}
	themes := append([]data.Theme(nil), x.c.Themes...)
	sort.SliceStable(themes, func(i, j int) bool { return themes[i].Position < themes[j].Position })
	var ids []int64
	for _, th := range themes {
		if !done[th.ID] {
			ids = append(ids, th.ID)
			done[th.ID] = true
		}
	}
	var other []int64
	for id := range byTheme {
		if !done[id] {
			other = append(other, id)
		}
	}
	sort.Slice(other, func(i, j int) bool { return other[i] < other[j] })
	for _, id := range append(ids, other...) {
		ta := byTheme[id]
		if ta == nil {
			continue
		}
		rt.Rows = append(rt.Rows, []string{x.theme(id), strconv.Itoa(ta.n), data.FormatEuros(ta.amount)})
	}
	rt.TotalRow = []string{"Total", strconv.Itoa(len(grants)), data.FormatEuros(sum)}
	add(Heading{Level: 2, Text: "Récapitulatif par thématique"}, rt)

	// Déports.
	dt := Table{Columns: []Col{{"N°", 15, AlignLeft}, {"Bénéficiaire", 40, AlignLeft}, {"Membres du jury s'étant déportés", 60, AlignLeft}}, RepeatHeader: true}
	for _, g := range grants {
		if dep := x.deports[g.a.ID]; len(dep) > 0 {
			var names []string
			for _, c := range dep {
				names = append(names, x.jurorName(c.JurorID, c.JurorName))
			}
			dt.Rows = append(dt.Rows, []string{g.a.Number, g.a.Structure.Name, strings.Join(names, ", ")})
		}
	}
	add(Heading{Level: 2, Text: "Déports des membres du jury"})
	if len(dt.Rows) == 0 {
		add(Paragraph{Text: "Aucun membre du jury ne s'est déporté pour les dossiers subventionnés."})
	} else {
		add(Paragraph{Text: "Les membres du jury ci-dessous ont déclaré un conflit d'intérêts et n'ont pris part ni à l'évaluation ni à la délibération du dossier concerné.", Size: 9}, dt)
	}
	add(Signature{Lines: []string{"Fait à " + d.place() + ", le " + d.date(), d.signatory()}})
	add(journalAnchor(in.JournalHead)...)
	return doc, nil
}

// journalAnchor prints the journal's head: kept on paper, it shows later
// whether the base's journal was rewritten (cohesion-cli verify --head).
func journalAnchor(h data.Head) []Block {
	if h.ID == 0 {
		return nil
	}
	return []Block{Paragraph{Size: 7, Text: "Empreinte du journal des modifications au moment de l'édition : " + h.String() +
		" (vérifiable par « cohesion-cli verify --head " + h.String() + " »)."}}
}
