package reports

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/chart"
)

// fields are the council templates' text fields, from the base's facts.
func (k *council) fields() map[string]string {
	c, in := k.c, k.in
	env := c.EnvelopeCents
	nature, function := c.BudgetLine()
	imputation := "nature " + nature
	if function != "" {
		imputation += ", fonction " + function
	}
	n := k.counts()
	f := map[string]string{
		"organisateur": c.Organiser, "campagne": c.Title, "code": campaignName(c), "instance": in.Deliberation.body(),
		"objectifs": orDash(strings.Join(c.Objectives, " ; ")), "enveloppe": data.FormatEuros(env), "enveloppe_lettres": data.AmountInWords(env),
		"total": data.FormatEuros(k.sum), "total_lettres": data.AmountInWords(k.sum), "reliquat": data.FormatEuros(env - k.sum),
		"subventions": data.Count(len(k.grants), "subvention", "subventions"),
		"lancement":   longDate(c.Launch), "date_limite": longDate(c.Deadline), "jury_date": periodWords(k.juryDates(), "(date non renseignée)"),
		"scenario": orDefault(in.ScenarioName, "sans nom"), "methode": in.Allocation.Method.Label(), "methode_description": in.Allocation.Method.Description(),
		"nature": nature, "fonction": orDash(function), "imputation": imputation,
		"note_minimale": data.FormatHundredths(c.MinScoreHundredths), "quorum": strconv.Itoa(max(c.Quorum, 1)),
		"conventions": k.conventionSentence(), "conventions_liste": k.conventionList(), "elus_deportes": k.electedSentence(),
		"dates_versement": periodWords(c.PaymentPeriod(), "en une fois"), "lieu": in.Deliberation.place(),
		"dossiers_recus": data.Count(n.received, "dossier", "dossiers"), "dossiers_irrecevables": data.Count(n.irrecevable, "dossier", "dossiers"),
		"dossiers_recevables": data.Count(n.admissible, "dossier", "dossiers"), "dossiers_classes": data.Count(n.ranked, "dossier", "dossiers"),
		"dossiers_retenus": data.Count(n.retained, "dossier", "dossiers"),
	}
	d := in.Deliberation
	f["deliberation"], f["deliberation_numero"], f["deliberation_date"] = "délibération à venir", "(à venir)", "(date à venir)"
	if d.Recorded() {
		f["deliberation"] = "délibération n° " + d.number() + " du " + d.Date.FormatLong()
		f["deliberation_numero"], f["deliberation_date"] = d.number(), d.Date.FormatLong()
	}
	return f
}

// longDate is a date in words, « 14 septembre 2021 ».
func longDate(d data.Date) string { return orDefault(d.FormatLong(), "(date non renseignée)") }

// periodWords says when, in words: « le 14 septembre 2021 », « en septembre
// 2021 », « du 13 septembre 2021 au 15 septembre 2021 »; none when unset.
func periodWords(p data.Period, none string) string {
	switch f := p.Format(); {
	case p.IsZero():
		return none
	case p.From == p.To || p.To.IsZero():
		return "le " + p.From.FormatLong()
	case p.From.IsZero():
		return "jusqu'au " + p.To.FormatLong()
	case !strings.Contains(f, "/"):
		return "en " + f // a whole month
	}
	return "du " + p.From.FormatLong() + " au " + p.To.FormatLong()
}

// juryDates are the days the jury decided on, else the campaign's jury period.
func (k *council) juryDates() data.Period {
	var p data.Period
	for _, d := range k.in.Decisions {
		if d.JuryDate.IsZero() {
			continue
		}
		if p.From.IsZero() || d.JuryDate.Before(p.From) {
			p.From = d.JuryDate
		}
		if p.To.IsZero() || p.To.Before(d.JuryDate) {
			p.To = d.JuryDate
		}
	}
	if p.IsZero() {
		return k.c.Jury
	}
	return p
}

// dossierCounts are the counts of the rapport and the considérants.
type dossierCounts struct {
	received, irrecevable, closed, admissible, ranked, retained int
}

func (k *council) counts() dossierCounts {
	var n dossierCounts
	for _, a := range k.apps {
		n.received++
		switch {
		case a.Status == data.StatusSansSuite:
			n.closed++
		case !admissible(a):
			n.irrecevable++
		default:
			n.admissible++
		}
		if d, ok := k.in.Decisions[a.ID]; ok && d.Decision == data.DecisionRetenu {
			n.retained++
		}
	}
	for _, l := range k.lines {
		if l.Rank > 0 {
			n.ranked++
		}
	}
	return n
}

// conventionGrants are the grants strictly above 23 000 €, which need a
// convention (loi n° 2000-321, art. 10; décret n° 2001-495).
func (k *council) conventionGrants() []annexGrant {
	var out []annexGrant
	for _, g := range k.grants {
		if needsConvention(g.amount) {
			out = append(out, g)
		}
	}
	return out
}

// conventionList names each grant that needs a convention: « Association
// X (dossier DEMO-001, 30 000,00 €) ; … ».
func (k *council) conventionList() string {
	var names []string
	for _, g := range k.conventionGrants() {
		names = append(names, grantName(g))
	}
	if len(names) == 0 {
		return "aucune subvention n'excède ce montant, aucune convention n'est donc requise"
	}
	return strings.Join(names, " ; ")
}

func grantName(g annexGrant) string {
	return g.a.Structure.Name + " (dossier " + g.a.Number + ", " + data.FormatEuros(g.amount) + ")"
}

// conventionSentence says which grants need a convention, for the rapport.
func (k *council) conventionSentence() string {
	n := len(k.conventionGrants())
	if n == 0 {
		return "Aucune subvention proposée n'excède 23 000 € : aucune convention n'est requise au titre de l'article 10 de la loi n° 2000-321 du 12 avril 2000."
	}
	return "Les subventions d'un montant supérieur à 23 000 € font l'objet d'une convention (article 10 de la loi n° 2000-321 du 12 avril 2000 ; décret n° 2001-495 du 6 juin 2001), soit " +
		data.Count(n, "convention", "conventions") + " : " + k.conventionList() + "."
}

// electedDeport is an elected juror's déport on a funded dossier.
type electedDeport struct {
	juror  string
	grant  annexGrant
	reason string
}

// electedDeports are the déports of the jurors of the college « élu » on
// the dossiers the council funds: those councillors are « intéressés à
// l'affaire » (CGCT L. 2131-11) and take no part in the vote on those grants.
// The base knows no other link between a councillor and a beneficiary: the
// déports declared in the jury are the source.
func (k *council) electedDeports() []electedDeport {
	elected := map[int64]bool{}
	for _, j := range k.jurors {
		elected[j.ID] = j.College == data.CollegeElu
	}
	var out []electedDeport
	for _, g := range k.grants {
		for _, cf := range k.deports[g.a.ID] {
			if elected[cf.JurorID] {
				out = append(out, electedDeport{k.jurorName(cf.JurorID, cf.JurorName), g, strings.TrimSpace(cf.Reason)})
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return data.CompareFold(out[i].juror, out[j].juror) < 0 })
	return out
}

// electedSentence names the elected jurors who do not take part in the vote,
// each with the grants concerned.
func (k *council) electedSentence() string {
	deps := k.electedDeports()
	if len(deps) == 0 {
		return "Aucun élu membre du jury ne s'est déporté pour un dossier proposé au financement : aucun conseiller n'est tenu de se retirer du vote au titre de l'article L. 2131-11."
	}
	var parts []string
	for i := 0; i < len(deps); {
		j, grants := i, []string{}
		for ; j < len(deps) && deps[j].juror == deps[i].juror; j++ {
			grants = append(grants, grantName(deps[j].grant))
		}
		parts = append(parts, deps[i].juror+", pour "+strings.Join(grants, " et "))
		i = j
	}
	return "En application de l'article L. 2131-11 du code général des collectivités territoriales, ne prennent part ni au débat ni au vote sur les subventions qui les concernent les élus membres du jury qui se sont déportés : " +
		strings.Join(parts, " ; ") + "."
}

// table is a table field's blocks.
func (k *council) table(name string) []Block {
	switch name {
	case "signature":
		return []Block{k.signature()}
	case "tableau_calendrier":
		return []Block{k.calendar()}
	case "tableau_dossiers":
		return []Block{k.dossierTable()}
	case "tableau_irrecevables":
		return k.irrecevableTable()
	case "tableau_jury":
		return []Block{k.juryTable()}
	case "tableau_grille":
		return []Block{k.gridTable()}
	case "tableau_thematiques":
		_, byTheme, _ := k.grantTable(k.grants)
		return []Block{k.themeRecap(byTheme, len(k.grants), k.sum)}
	case "tableau_qpv":
		return []Block{k.qpvTable()}
	case "tableau_conventions":
		return k.conventionTable()
	case "tableau_elus_deportes":
		return k.electedTable()
	}
	return nil
}

// calendar is the call's calendar as it ran: the dates set, and the
// dossiers' first and last receipt, the jury's and the council's days.
func (k *council) calendar() Table {
	c := k.c
	t := Table{Columns: []Col{{"Étape", 45, AlignLeft}, {"Date", 55, AlignLeft}}}
	var first, last time.Time
	for _, a := range k.apps {
		if a.Received.IsZero() {
			continue
		}
		if first.IsZero() || a.Received.Before(first) {
			first = a.Received
		}
		if a.Received.After(last) {
			last = a.Received
		}
	}
	received := "—"
	if !first.IsZero() {
		received = period(data.DateOf(first), data.DateOf(last))
	}
	council := "séance prévue : " + orDash(c.Deliberation.Format())
	if d := k.in.Deliberation; d.Recorded() {
		council = d.date() + " (délibération n° " + d.number() + ")"
	}
	t.Rows = [][]string{
		{"Lancement de l'appel", orDash(c.Launch.Format())},
		{"Date limite de dépôt", orDash(c.Deadline.Format())},
		{"Dossiers reçus", received},
		{"Instruction", orDash(c.Instruction.Format())},
		{"Jury", orDash(k.juryDates().Format())},
		{k.in.Deliberation.body(), council},
	}
	return t
}

func (k *council) dossierTable() Table {
	n := k.counts()
	t := Table{Columns: []Col{{"Dossiers", 70, AlignLeft}, {"Nombre", 30, AlignRight}}}
	row := func(label string, v int) { t.Rows = append(t.Rows, []string{label, strconv.Itoa(v)}) }
	row("Reçus", n.received)
	row("Déclarés irrecevables", n.irrecevable)
	if n.closed > 0 {
		row("Classés sans suite", n.closed)
	}
	row("Recevables, soumis au jury", n.admissible)
	row("Classés par le jury", n.ranked)
	row("Retenus par le jury", n.retained)
	row("Proposés au financement", len(k.grants))
	return t
}

// irrecevableTable groups the irrecevable dossiers by reason: « Hors délai »,
// « Pièces manquantes »… (the reason's words before « : »).
func (k *council) irrecevableTable() []Block {
	byReason := map[string][]string{}
	var reasons []string
	for _, a := range k.apps {
		if a.Status == data.StatusSansSuite || admissible(a) {
			continue
		}
		r := irrecevabilityReason(a, k.c)
		if head, _, ok := strings.Cut(r, " :"); ok {
			r = head
		}
		if _, seen := byReason[r]; !seen {
			reasons = append(reasons, r)
		}
		byReason[r] = append(byReason[r], a.Number)
	}
	if len(reasons) == 0 {
		return []Block{Paragraph{Text: "Aucun dossier n'a été déclaré irrecevable."}}
	}
	sort.SliceStable(reasons, func(i, j int) bool { return data.CompareFold(reasons[i], reasons[j]) < 0 })
	t := Table{Columns: []Col{{"Motif", 35, AlignLeft}, {"Nombre", 12, AlignRight}, {"Dossiers", 53, AlignLeft}}}
	for _, r := range reasons {
		t.Rows = append(t.Rows, []string{r, strconv.Itoa(len(byReason[r])), strings.Join(byReason[r], ", ")})
	}
	return []Block{t}
}

// juryTable lists the jurors by college, in the colleges' order.
func (k *council) juryTable() Table {
	t := Table{Columns: []Col{{"Collège", 30, AlignLeft}, {"Membres", 58, AlignLeft}, {"Nombre", 12, AlignRight}}}
	byCollege := map[data.College][]string{}
	for _, j := range k.jurors {
		byCollege[j.College] = append(byCollege[j.College], k.jurorName(j.ID, j.Name))
	}
	colleges := append([]data.College(nil), data.Colleges...)
	for c := range byCollege {
		if !contains(colleges, c) {
			colleges = append(colleges, c)
		}
	}
	for _, c := range colleges {
		if names := byCollege[c]; len(names) > 0 {
			t.Rows = append(t.Rows, []string{c.Label(), strings.Join(names, ", "), strconv.Itoa(len(names))})
		}
	}
	t.TotalRow = []string{"Total", "", strconv.Itoa(len(k.jurors))}
	return t
}

func contains(cs []data.College, c data.College) bool {
	for _, x := range cs {
		if x == c {
			return true
		}
	}
	return false
}

// gridTable is the evaluation grid; its descriptions only when there are.
func (k *council) gridTable() Table {
	described := false
	for _, cr := range k.c.Criteria {
		described = described || !data.Blank(cr.Description)
	}
	t := Table{Columns: []Col{{"Critère", 76, AlignLeft}, {"Coefficient", 12, AlignCenter}, {"Note sur", 12, AlignCenter}}}
	if described {
		t.Columns = []Col{{"Critère", 30, AlignLeft}, {"Description", 46, AlignLeft}, t.Columns[1], t.Columns[2]}
	}
	for _, cr := range k.c.Criteria {
		row := []string{cr.Label, strconv.Itoa(cr.Weight), strconv.Itoa(cr.Max)}
		if described {
			row = []string{cr.Label, orDash(cr.Description), row[1], row[2]}
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// qpvTable sums the grants by QPV; a project in several QPV counts in each,
// as on the dashboard.
func (k *council) qpvTable() Table {
	type agg struct {
		label  string
		n      int
		amount int64
	}
	sums := map[string]*agg{}
	multi := false
	add := func(key, label string, amount int64) {
		s := sums[key]
		if s == nil {
			s = &agg{label: label}
			sums[key] = s
		}
		s.n++
		s.amount += amount
	}
	for _, g := range k.grants {
		multi = multi || len(g.a.QPVs) > 1
		if len(g.a.QPVs) == 0 {
			add("", chart.NoQPV, g.amount)
		}
		for _, code := range g.a.QPVs {
			add(code, k.qpvNames([]string{code}), g.amount)
		}
	}
	list := make([]*agg, 0, len(sums))
	for _, s := range sums {
		list = append(list, s)
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].amount != list[j].amount {
			return list[i].amount > list[j].amount
		}
		return data.CompareFold(list[i].label, list[j].label) < 0
	})
	t := Table{Columns: []Col{{"Quartier prioritaire", 60, AlignLeft}, {"Projets", 15, AlignCenter}, {"Montant attribué", 25, AlignRight}}, RepeatHeader: true}
	for _, s := range list {
		t.Rows = append(t.Rows, []string{s.label, strconv.Itoa(s.n), data.FormatEuros(s.amount)})
	}
	if multi {
		t.Closing = []Block{Paragraph{Size: 8.5, Text: "Un projet qui concerne plusieurs quartiers compte dans chacun d'eux : la somme des lignes dépasse le total des subventions."}}
	}
	return t
}

func (k *council) conventionTable() []Block {
	gs := k.conventionGrants()
	if len(gs) == 0 {
		return nil
	}
	t := Table{Columns: []Col{{"N°", 15, AlignLeft}, {"Bénéficiaire", 35, AlignLeft}, {"Projet", 32, AlignLeft}, {"Subvention", 18, AlignRight}}}
	for _, g := range gs {
		t.Rows = append(t.Rows, []string{g.a.Number, g.a.Structure.Name, g.a.Title, data.FormatEuros(g.amount)})
	}
	return []Block{t}
}

func (k *council) electedTable() []Block {
	deps := k.electedDeports()
	if len(deps) == 0 {
		return nil
	}
	t := Table{Columns: []Col{{"Élu", 22, AlignLeft}, {"N°", 14, AlignLeft}, {"Bénéficiaire", 28, AlignLeft}, {"Subvention", 16, AlignRight}, {"Motif du déport", 20, AlignLeft}}}
	for _, d := range deps {
		t.Rows = append(t.Rows, []string{d.juror, d.grant.a.Number, d.grant.a.Structure.Name, data.FormatEuros(d.grant.amount), orDash(d.reason)})
	}
	return []Block{t}
}
