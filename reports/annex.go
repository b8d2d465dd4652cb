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

// AnnexTitle is the annex's heading: « Annexe à la délibération n° 2021-154
// du Conseil communautaire du 27/09/2021 », or, before the deliberation is
// recorded, « Annexe au projet de délibération du Conseil communautaire ».
func AnnexTitle(d Deliberation) string {
	if !d.Recorded() {
		return "Annexe au projet de délibération du " + d.body()
	}
	return "Annexe à la délibération n° " + d.number() + " du " + d.body() + " du " + d.date()
}

// LockedMention marks, in the annex's observations, a grant the jury fixed
// by hand; a legend under the table says what it means.
const LockedMention = "Montant fixé par le jury"

// draftNote says, under the title of a draft annex, that the deliberation is
// still to come.
func draftNote(c *data.Campaign, d Deliberation) Paragraph {
	when := ""
	if !c.Deliberation.IsZero() {
		when = " (séance prévue : " + c.Deliberation.Format() + ")"
	}
	return Paragraph{Bold: true, Text: "Délibération à venir du " + d.body() + when +
		" : ce projet d'annexe sera édité de nouveau, avec le numéro et la date de la délibération, une fois celle-ci enregistrée."}
}

// Annex builds the annex to the council's deliberation: a recap by theme,
// the jurors' déports, then the table of the adopted scenario's grants (the
// convention mention above 23 000 €, the déports, the amounts the jury fixed
// by hand) closed by « Arrêté le présent état… » and the signature, which
// stay on the page of the table's total. Until the deliberation is
// recorded, the annex is a draft: marked DraftMark, it cites a deliberation
// « à venir ».
func Annex(in Input) (*Document, error) {
	x, err := newCtx(&in)
	if err != nil {
		return nil, err
	}
	al := in.Allocation
	grants, err := x.adoptedGrants(annexDoc)
	if err != nil {
		return nil, err
	}

	d := in.Deliberation
	doc := &Document{Kind: "annex", Title: AnnexTitle(d), Orientation: Landscape, GeneratedAt: x.gen,
		Footer: Footer{Left: x.footerLeft(), PageNumbers: true, Date: true}}
	add := func(b ...Block) { doc.Blocks = append(doc.Blocks, b...) }
	if !d.Recorded() {
		add(d.draftMark())
	}
	add(Paragraph{Text: x.c.Organiser, Bold: true, Size: 11}, Heading{Level: 1, Text: AnnexTitle(d)})
	if !d.Recorded() {
		add(draftNote(x.c, d))
	}
	add(Paragraph{Text: "Objet : attribution des subventions de l'appel à manifestation d'intérêt « " + x.c.Title + " » (" + campaignName(x.c) +
		"), doté d'une enveloppe de " + data.FormatEuros(x.c.EnvelopeCents) + "."})
	if len(x.c.Objectives) > 0 {
		add(Paragraph{Text: "Objectifs de l'appel : " + strings.Join(x.c.Objectives, " ; ") + ".", Size: 9})
	}
	add(Paragraph{Text: "Répartition : scénario « " + orDefault(in.ScenarioName, "sans nom") + " », méthode « " + al.Method.Label() + " ». " + al.Method.Description(), Size: 9})

	t, byTheme, locked := x.grantTable(grants)
	sum := al.TotalCents
	t.Closing = x.annexClosing(&in, len(grants), locked, sum)

	add(Heading{Level: 2, Text: "Récapitulatif par thématique"}, x.themeRecap(byTheme, len(grants), sum))
	add(x.deportBlocks(grants)...)
	add(Heading{Level: 2, Text: "Subventions attribuées"}, t)
	return doc, nil
}

// printed names a document that prints the adopted scenario's grants, for
// its refusals: the annex, the rapport de présentation, the projet de
// délibération.
type printed struct {
	name    string // « l'annexe à la délibération »
	nothing string // what an empty scenario leaves: « il n'y a rien à annexer »
	// decided: every grant needs the jury's decision to retain its dossier
	// (the council votes what the jury decided).
	decided bool
}

var annexDoc = printed{name: "l'annexe à la délibération", nothing: "il n'y a rien à annexer"}

// adoptedGrants checks the scenario a document prints (one, up to date,
// every grant to a dossier of the campaign, its total the sum of its
// grants) and returns its grants in number order. The annex and the
// council's documents refuse the same scenarios with the same reasons.
func (x *ctx) adoptedGrants(doc printed) ([]annexGrant, error) {
	in := x.in
	al := in.Allocation
	if al == nil {
		return nil, data.Errorf(data.EINVALID, "Aucun scénario de répartition adopté : adoptez un scénario dans l'écran Répartition avant d'imprimer %s.", doc.name)
	}
	if in.ScenarioStale {
		return nil, data.Errorf(data.EINVALID, "Le scénario de répartition « %s » ne correspond plus aux notes ou aux décisions du jury : recalculez-le avant d'imprimer %s.", orDefault(in.ScenarioName, "sans nom"), doc.name)
	}
	var grants []annexGrant
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
		grants = append(grants, annexGrant{a, l.AmountCents, l.Locked})
	}
	if all != al.TotalCents {
		return nil, data.Errorf(data.EINVALID, "Le total des subventions (%s) ne correspond pas au total du scénario (%s) : recalculez le scénario.",
			data.FormatEuros(all), data.FormatEuros(al.TotalCents))
	}
	if len(grants) == 0 {
		return nil, data.Errorf(data.EINVALID, "Le scénario de répartition « %s » n'attribue aucune subvention : %s.", orDefault(in.ScenarioName, "sans nom"), doc.nothing)
	}
	sort.SliceStable(grants, func(i, j int) bool {
		if grants[i].a.Number != grants[j].a.Number {
			return grants[i].a.Number < grants[j].a.Number
		}
		return grants[i].a.ID < grants[j].a.ID
	})
	if doc.decided {
		return grants, x.undecided(grants, doc)
	}
	return grants, nil
}

// undecided refuses grants the jury did not decide to retain, naming every
// one: the council cannot vote a grant the jury never decided.
func (x *ctx) undecided(grants []annexGrant, doc printed) error {
	var bad []string
	for _, g := range grants {
		d, ok := x.in.Decisions[g.a.ID]
		switch {
		case !ok:
			bad = append(bad, g.a.Number+" (aucune décision)")
		case d.Decision != data.DecisionRetenu:
			bad = append(bad, g.a.Number+" (décision : "+d.Decision.Label()+")")
		}
	}
	if len(bad) == 0 {
		return nil
	}
	return data.Errorf(data.EINVALID, "Le scénario de répartition « %s » attribue une subvention sans décision du jury de retenir le dossier — %s : enregistrez les décisions (écran Classement) avant d'imprimer %s.",
		orDefault(x.in.ScenarioName, "sans nom"), strings.Join(bad, ", "), doc.name)
}

// grantTable is the annex's table of grants (the convention mention above
// 23 000 €, the déports, the amounts fixed by hand) with its total row, the
// grants summed by theme, and how many amounts the jury fixed by hand. The
// projet de délibération prints the same table.
func (x *ctx) grantTable(grants []annexGrant) (Table, map[int64]*themeAgg, int) {
	t := Table{Columns: AnnexColumns, RepeatHeader: true, FontSize: 8}
	var sum, sumReq, sumCost int64
	byTheme := map[int64]*themeAgg{}
	locked := 0
	for _, g := range grants {
		a := g.a
		var obs []string
		if g.locked {
			obs = append(obs, LockedMention)
			locked++
		}
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
	t.TotalRow = []string{"", "Total : " + data.Count(len(grants), "subvention", "subventions"), "", "", "", "",
		data.FormatEuros(sumCost), data.FormatEuros(sumReq), data.FormatEuros(sum), ""}
	return t, byTheme, locked
}

// annexGrant is one grant of the annex.
type annexGrant struct {
	a      *data.Application
	amount int64
	locked bool // the jury fixed the amount by hand
}

// themeAgg sums the grants of one theme.
type themeAgg struct {
	n      int
	amount int64
}

// themeRecap is the recap of the grants by theme, in the campaign's order.
func (x *ctx) themeRecap(byTheme map[int64]*themeAgg, grants int, sum int64) Table {
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
	rt.TotalRow = []string{"Total", strconv.Itoa(grants), data.FormatEuros(sum)}
	return rt
}

// deportBlocks list the jurors who declared a conflict of interest on a
// funded dossier.
func (x *ctx) deportBlocks(grants []annexGrant) []Block {
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
	head := Heading{Level: 2, Text: "Déports des membres du jury"}
	if len(dt.Rows) == 0 {
		return []Block{head, Paragraph{Text: "Aucun membre du jury ne s'est déporté pour les dossiers subventionnés."}}
	}
	return []Block{head, Paragraph{Text: "Les membres du jury ci-dessous ont déclaré un conflit d'intérêts et n'ont pris part ni à l'évaluation ni à la délibération du dossier concerné.", Size: 9}, dt}
}

// annexClosing closes the table of grants, on the page of its total: the
// legend of the amounts fixed by hand, « Arrêté le présent état… », the
// signature and the journal's head.
func (x *ctx) annexClosing(in *Input, grants, locked int, sum int64) []Block {
	var out []Block
	if locked > 0 {
		out = append(out, Paragraph{Size: 8.5, Text: lockedLegend(locked, grants, in.Allocation.Method.Label())})
	}
	out = append(out, Paragraph{Text: "Arrêté le présent état à la somme de " + data.FormatEuros(sum) + " (" + data.Count(grants, "subvention", "subventions") +
		"), sur une enveloppe de " + data.FormatEuros(x.c.EnvelopeCents) + ".", Bold: true}, annexSignature(in.Deliberation))
	return append(out, journalAnchor(in.JournalHead)...)
}

// annexSignature is « Fait à Liévin, le 27/09/2021 » and the signatory; a
// draft, signed at no date yet, only names the signatory.
func annexSignature(d Deliberation) Signature {
	if !d.Recorded() {
		return Signature{Lines: []string{d.signatory()}}
	}
	return Signature{Lines: []string{"Fait à " + d.place() + ", le " + d.date(), d.signatory()}}
}

// lockedLegend explains the mention of the grants the jury fixed by hand.
func lockedLegend(locked, grants int, method string) string {
	others := "les autres montants résultent"
	if grants-locked == 1 {
		others = "l'autre montant résulte"
	}
	s := LockedMention + " : montant arrêté à la main par le jury, hors du calcul de la répartition"
	if grants > locked {
		s += " ; " + others + " de la méthode « " + method + " »"
	}
	return s + "."
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
