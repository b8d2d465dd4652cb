package reports

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/call-agglo/cohesion/data/chart"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/jury"
)

// DossierTitle is the title of the jury's dossier.
const DossierTitle = "Dossier de séance du jury"

// StaleWarning starts the cover's warning when the scenario is stale.
const StaleWarning = "Attention : le scénario de répartition"

// JuryDossier builds the « Dossier de séance du jury »: a cover, a synthesis with
// charts, the ranking, then one « fiche de synthèse » per application.
func JuryDossier(in Input) (*Document, error) {
	x, err := newCtx(&in)
	if err != nil {
		return nil, err
	}
	doc := &Document{Kind: "jury", Title: DossierTitle + " — " + campaignName(x.c), Orientation: Portrait, GeneratedAt: x.gen,
		Footer: Footer{Left: x.footerLeft(), Centre: ConfidentialMention, PageNumbers: true, Date: true}}
	n := countForJury(x, &in)
	doc.Blocks = append(doc.Blocks, x.dossierCover(&in, n)...)
	doc.Blocks = append(doc.Blocks, x.dossierSynthesis(&in, n)...)
	doc.Blocks = append(doc.Blocks, PageBreak{Orientation: Landscape}, Heading{Level: 1, Text: "Classement"}, x.rankingTable())
	doc.Blocks = append(doc.Blocks, x.tiesSection()...)
	for _, a := range x.rankOrder() { // one fiche per application
		doc.Blocks = append(doc.Blocks, PageBreak{Orientation: Portrait})
		doc.Blocks = append(doc.Blocks, x.fiche(a)...)
	}
	doc.Blocks = append(doc.Blocks, journalAnchor(in.JournalHead)...)
	return doc, nil
}

// juryCounts are the register's figures the cover and the synthesis give.
type juryCounts struct {
	received, admitted, ranked   int
	requested, admittedRequested int64
	pending                      []string // still in instruction: listed apart, never ranked
}

func countForJury(x *ctx, in *Input) juryCounts {
	var n juryCounts
	for _, a := range x.apps {
		n.received++
		n.requested += a.RequestedCents
		if admissible(a) {
			n.admitted++
			n.admittedRequested += a.RequestedCents
		} else if a.Status.InInstruction() {
			n.pending = append(n.pending, a.Number)
		}
	}
	if in.Ranking != nil {
		n.ranked = in.Ranking.Ranked
	}
	return n
}

// dossierCover is the dossier's first page.
func (x *ctx) dossierCover(in *Input, n juryCounts) []Block {
	b := []Block{Spacer{Height: 25},
		Paragraph{Text: x.c.Organiser, Bold: true, Size: 12, Align: AlignCenter},
		Spacer{Height: 15},
		Paragraph{Text: DossierTitle, Bold: true, Size: 24, Align: AlignCenter},
		Spacer{Height: 6},
		Paragraph{Text: x.c.Title, Size: 14, Align: AlignCenter},
		Paragraph{Text: campaignName(x.c), Size: 11, Align: AlignCenter},
		Spacer{Height: 15},
		KeyValues{Pairs: [][2]string{
			{"Organisateur", orDash(x.c.Organiser)},
			{"Séance du jury", orDash(x.c.Jury.Format())},
			{"Enveloppe", data.FormatEuros(x.c.EnvelopeCents)},
			{"Dossiers reçus", strconv.Itoa(n.received)},
			{"Dossiers recevables", strconv.Itoa(n.admitted)},
			{"Dossiers classés", strconv.Itoa(n.ranked)},
			{"Scénario de répartition", scenarioLabel(in)},
			{"Édité le", data.FormatDateTime(x.gen)},
		}}}
	if in.ScenarioStale && in.Allocation != nil {
		b = append(b, Notice{Text: StaleWarning + " « " + orDefault(in.ScenarioName, "sans nom") +
			" » ne correspond plus aux notes ou aux décisions enregistrées : les montants proposés doivent être recalculés avant la séance."})
	}
	if in.Ranking == nil {
		b = append(b, Notice{Text: "Aucune note n'est encore saisie : le classement n'est pas disponible."})
	}
	if in.Anonymise {
		b = append(b, Paragraph{Text: "Les jurés sont désignés par un numéro (« Juré 1 », « Juré 2 »…).", Size: 9, Align: AlignCenter})
	}
	return b
}

// dossierSynthesis is the page of figures and charts after the cover.
func (x *ctx) dossierSynthesis(in *Input, n juryCounts) []Block {
	b := []Block{PageBreak{}, Heading{Level: 1, Text: "Synthèse"}, KeyValues{Pairs: x.synthesisFigures(in, n)}}
	if len(n.pending) > 0 {
		b = append(b, Notice{Text: "À instruire : " + data.Count(len(n.pending), "dossier", "dossiers") + " ni recevable ni irrecevable (" + strings.Join(n.pending, ", ") +
			") : le jury ne les classe pas tant que l'instruction ne les a pas déclarés recevables."})
	}
	if in.Ranking != nil && len(in.Ranking.Warnings) > 0 {
		b = append(b, Heading{Level: 3, Text: "Avertissements"}, Paragraph{Text: "• " + strings.Join(in.Ranking.Warnings, "\n• "), Size: 9})
	}
	amounts := x.amounts()
	return append(b, BarChart{chart.ByTheme(x.c, amounts)}, BarChart{chart.ByCommune(x.c, amounts)})
}

// synthesisFigures are the synthesis's figures, the dossiers à instruire
// after the recevables when there are some.
func (x *ctx) synthesisFigures(in *Input, n juryCounts) [][2]string {
	kv := [][2]string{
		{"Dossiers reçus", strconv.Itoa(n.received)},
		{"Dossiers recevables", strconv.Itoa(n.admitted)},
		{"Dossiers irrecevables ou sans suite", strconv.Itoa(n.received - n.admitted - len(n.pending))},
		{"Dossiers classés", strconv.Itoa(n.ranked)},
		{"Montant demandé (dossiers recevables)", data.FormatEuros(n.admittedRequested)},
		{"Enveloppe", data.FormatEuros(x.c.EnvelopeCents)},
	}
	if x.c.EnvelopeCents > 0 {
		kv = append(kv, [2]string{"Demandes / enveloppe", ratio(n.admittedRequested, x.c.EnvelopeCents)})
	}
	if in.Allocation != nil {
		kv = append(kv,
			[2]string{"Montant proposé", data.FormatEuros(in.Allocation.TotalCents) + " (" + data.Count(in.Allocation.Funded, "projet", "projets") + ")"},
			[2]string{"Reliquat", data.FormatEuros(in.Allocation.RemainderCents)})
	}
	if len(n.pending) > 0 {
		kv = append(kv[:2:2], append([][2]string{{"Dossiers à instruire (non classés)", strconv.Itoa(len(n.pending))}}, kv[2:]...)...)
	}
	return kv
}

func scenarioLabel(in *Input) string {
	if in.Allocation == nil {
		return "aucun"
	}
	s := orDefault(in.ScenarioName, "sans nom") + " (" + in.Allocation.Method.Label() + ")"
	if in.ScenarioStale {
		s += " — à recalculer"
	}
	return s
}

func ratio(a, b int64) string {
	if b <= 0 {
		return "—"
	}
	h := (a*100 + b/2) / b // hundredths
	return fmt.Sprintf("%d,%02d fois l'enveloppe", h/100, h%100)
}

// amounts are the admissible dossiers with what the split proposes, as the
// charts (the dashboard's too) sum them.
func (x *ctx) amounts() []chart.Amount {
	out := make([]chart.Amount, 0, len(x.apps))
	for _, a := range x.apps {
		if !admissible(a) {
			continue
		}
		g, _ := x.grant(a.ID)
		out = append(out, chart.Amount{ThemeID: a.ThemeID, QPVs: a.QPVs, Commune: a.Structure.Commune, Requested: a.RequestedCents, Proposed: g})
	}
	return out
}

// rankOrder lists the applications in ranking order, then those the ranking
// lacks, by number.
func (x *ctx) rankOrder() []*data.Application {
	out := make([]*data.Application, 0, len(x.apps))
	seen := map[int64]bool{}
	if x.in.Ranking != nil {
		for _, l := range x.in.Ranking.Lines {
			if a, ok := x.byID[l.ApplicationID]; ok && !seen[a.ID] {
				out = append(out, a)
				seen[a.ID] = true
			}
		}
	}
	for _, a := range x.apps {
		if !seen[a.ID] {
			out = append(out, a)
			seen[a.ID] = true
		}
	}
	return out
}

// RankingColumns are the ranking table's columns.
var RankingColumns = []Col{
	{"Rang", 6, AlignCenter}, {"N°", 13, AlignLeft}, {"Structure", 23, AlignLeft}, {"Projet", 26, AlignLeft},
	{"Thématique", 15, AlignLeft}, {"QPV", 16, AlignLeft}, {"Demandé", 13, AlignRight}, {"Note /20", 8, AlignCenter},
	{"Grilles", 8, AlignCenter}, {"Signalements", 16, AlignLeft}, {"Proposé", 13, AlignRight},
}

func (x *ctx) rankingTable() Table {
	t := Table{Columns: RankingColumns, RepeatHeader: true, FontSize: 8}
	var req, prop int64
	for _, a := range x.rankOrder() {
		rank, score, sheets, flags := "—", "—", "0", ""
		if l := x.lines[a.ID]; l != nil {
			if l.Rank > 0 {
				rank = strconv.Itoa(l.Rank)
			}
			score = jury.FormatScore(l.F)
			sheets = strconv.Itoa(l.Counted)
			if n := len(l.Sheets); n != l.Counted {
				sheets += " / " + strconv.Itoa(n)
			}
			flags = strings.Join(l.Flags, " ; ")
		} else if !admissible(a) {
			flags = notRanked(a)
		}
		if f := data.CRFFlag(x.in.History[a.ID]); f != "" {
			flags = strings.TrimPrefix(flags+" ; "+f, " ; ")
		}
		proposed := "—"
		if g, ok := x.grant(a.ID); ok {
			proposed = data.FormatEuros(g)
			prop += g
		}
		req += a.RequestedCents
		t.Rows = append(t.Rows, []string{rank, a.Number, a.Structure.Name, a.Title, x.theme(a.ThemeID), x.qpvNames(a.QPVs),
			data.FormatEuros(a.RequestedCents), score, sheets, flags, proposed})
	}
	t.TotalRow = []string{"", "Total", data.Count(len(x.apps), "dossier", "dossiers"), "", "", "", data.FormatEuros(req), "", "", "", data.FormatEuros(prop)}
	return t
}

// fiche is an application's « fiche de synthèse ».
func (x *ctx) fiche(a *data.Application) []Block {
	bl := x.ficheIdentity(a)
	bl = append(bl, x.ficheHistory(a)...)
	bl = append(bl, x.ficheBudget(a)...)
	bl = append(bl, ficheInstruction(a)...)
	bl = append(bl, x.scoreBlocks(a)...)
	return append(bl, x.ficheProposal(a)...)
}

// ficheIdentity is the fiche's title, the porteur and the project.
func (x *ctx) ficheIdentity(a *data.Application) []Block {
	s := a.Structure
	bl := []Block{Heading{Level: 1, Text: "Fiche de synthèse — " + a.Number}, Paragraph{Text: a.Title, Bold: true, Size: 12}}
	if !admissible(a) {
		bl = append(bl, Notice{Text: "Dossier " + strings.ToLower(notRanked(a)) + " : il n'est pas soumis au classement." + lateNote(a)})
	}
	contact := s.Contact
	if s.Email != "" {
		contact = strings.TrimSpace(contact + " — " + s.Email)
	}
	if s.Phone != "" {
		contact = strings.TrimSpace(contact + " — " + s.Phone)
	}
	bl = append(bl, Heading{Level: 2, Text: "Identité du porteur"}, KeyValues{Pairs: [][2]string{
		{"Structure", orDash(s.Name)},
		{"Forme juridique", orDash(s.LegalForm)},
		{"SIRET", orDash(s.SIRET)},
		{"RNA", orDash(s.RNA)},
		{"Adresse", orDash(s.PostalAddress().OneLine())},
		{"Commune", x.commune(s.Commune)},
		{"Représentant légal", orDash(s.LegalRep)},
		{"Contact", orDash(contact)},
	}})
	benef := "—"
	if a.Beneficiaries > 0 {
		benef = strconv.Itoa(a.Beneficiaries)
	}
	bl = append(bl, Heading{Level: 2, Text: "Projet"}, KeyValues{Pairs: [][2]string{
		{"Intitulé", orDash(a.Title)},
		{"Thématique", x.theme(a.ThemeID)},
		{"Quartiers prioritaires", x.qpvNames(a.QPVs)},
		{"Public visé", orDash(a.TargetPublic)},
		{"Bénéficiaires", benef},
		{"Part résidant en QPV", strconv.Itoa(a.QPVSharePct) + " %"},
		{"Période de réalisation", period(a.Start, a.End)},
		{"Reçu le", orDash(data.FormatDateTime(a.Received))},
		{"Statut", a.Status.Label()},
	}})
	if !data.Blank(a.Summary) {
		bl = append(bl, Heading{Level: 3, Text: "Résumé"}, Paragraph{Text: a.Summary})
	}
	return bl
}

// ficheHistory is the structure's dossiers in the other campaigns in one
// short block (« Déjà aidée : 2021 — 12 000,00 € accordés, CRF accepté »),
// left out of the anonymised dossier, and the alert of loi 2000-321 art. 10
// when a compte rendu financier is overdue or refused there.
func (x *ctx) ficheHistory(a *data.Application) []Block {
	h := x.in.History[a.ID]
	var bl []Block
	if alert := data.CRFAlert(h); alert != "" {
		bl = append(bl, Notice{Text: alert + " dans une autre campagne : la loi n° 2000-321 (art. 10) interdit une nouvelle subvention sans dérogation motivée."})
	}
	if line := data.HistoryLine(h); line != "" && !x.in.Anonymise {
		bl = append(bl, Paragraph{Text: upperFirst(line) + ".", Size: 9})
	}
	return bl
}

// ficheBudget is the project's budget and the pièces missing.
func (x *ctx) ficheBudget(a *data.Application) []Block {
	var bl []Block
	kv := [][2]string{
		{"Coût total du projet", data.FormatEuros(a.TotalCents)},
		{"Montant demandé", data.FormatEuros(a.RequestedCents) + share(a.RequestedCents, a.TotalCents)},
		{"Cofinancements", data.FormatEuros(a.CofinancingCents()) + share(a.CofinancingCents(), a.TotalCents)},
	}
	if g := x.grants[a.ID]; g != nil {
		kv = append(kv, [2]string{"Plafond du scénario", data.FormatEuros(g.CapCents)})
	}
	bl = append(bl, Heading{Level: 2, Text: "Budget"}, KeyValues{Pairs: kv})
	if len(a.Cofinancing) > 0 {
		t := Table{Columns: []Col{{"Financeur", 50, AlignLeft}, {"Montant", 25, AlignRight}, {"État", 20, AlignCenter}}}
		for _, c := range a.Cofinancing {
			st := "Sollicité"
			if c.Acquired {
				st = "Acquis"
			}
			t.Rows = append(t.Rows, []string{c.Funder, data.FormatEuros(c.AmountCents), st})
		}
		t.TotalRow = []string{"Total", data.FormatEuros(a.CofinancingCents()), ""}
		bl = append(bl, t)
	}
	if miss := a.MissingDocuments(); len(miss) > 0 {
		var names []string
		for _, d := range miss {
			names = append(names, d.Label())
		}
		bl = append(bl, Paragraph{Text: "Pièces manquantes : " + strings.Join(names, ", ") + ".", Size: 9})
	}
	return bl
}

// ficheInstruction is the service's opinion and notes.
func ficheInstruction(a *data.Application) []Block {
	op := orDefault(a.Opinion.Label(), "Non renseigné")
	bl := []Block{Heading{Level: 2, Text: "Avis du service instructeur"}, KeyValues{Pairs: [][2]string{{"Avis", op}}}}
	if !data.Blank(a.OpinionText) {
		bl = append(bl, Paragraph{Text: a.OpinionText})
	}
	if !data.Blank(a.Notes) {
		bl = append(bl, Paragraph{Text: "Notes d'instruction : " + a.Notes, Size: 9})
	}
	return bl
}

// ficheProposal is the proposed amount and the jury's decision.
func (x *ctx) ficheProposal(a *data.Application) []Block {
	var kv [][2]string
	if g, ok := x.grant(a.ID); ok {
		v := data.FormatEuros(g)
		if l := x.grants[a.ID]; l.Reason != "" {
			v += " — " + l.Reason.Label()
		}
		kv = append(kv, [2]string{"Montant proposé", v})
		if needsConvention(g) {
			kv = append(kv, [2]string{"Convention", ConventionMention})
		}
	} else {
		kv = append(kv, [2]string{"Montant proposé", "—"})
	}
	if d, ok := x.in.Decisions[a.ID]; ok {
		kv = append(kv, [2]string{"Décision du jury", d.Decision.Label()})
		if !data.Blank(d.Motivation) {
			kv = append(kv, [2]string{"Motivation", d.Motivation})
		}
	}
	return []Block{Heading{Level: 2, Text: "Proposition"}, KeyValues{Pairs: kv}}
}

func lateNote(a *data.Application) string {
	if a.Late && data.Blank(a.LateOverride) {
		return " Reçu hors délai."
	}
	return ""
}

// share is « (40 % du coût total) », or "" when the cost is unknown.
func share(part, total int64) string {
	if total <= 0 {
		return ""
	}
	return fmt.Sprintf(" (%d %% du coût total)", (part*100+total/2)/total)
}

// scoreBlocks are the jury's scores of an application.
func (x *ctx) scoreBlocks(a *data.Application) []Block {
	bl := []Block{Heading{Level: 2, Text: "Notes du jury"}}
	l := x.lines[a.ID]
	dep := x.deports[a.ID]
	if l == nil {
		bl = append(bl, Paragraph{Text: "Aucune grille d'évaluation reçue."})
	} else {
		rank := "non classé"
		if l.Rank > 0 {
			rank = strconv.Itoa(l.Rank)
		}
		kv := [][2]string{
			{"Note finale", jury.FormatScore(l.F) + " / 20"},
			{"Rang", rank},
			{"Grilles", fmt.Sprintf("%s, %s, %s", data.Count(l.Counted, "comptée", "comptées"),
				data.Count(l.Incomplete, "incomplète", "incomplètes"), data.Count(l.Excluded, "écartée (déport)", "écartées (déport)"))},
		}
		if l.Counted > 1 {
			kv = append(kv, [2]string{"Écart type des totaux", strings.Replace(fmt.Sprintf("%.2f", l.StdDev), ".", ",", 1)})
		}
		if len(l.Flags) > 0 {
			kv = append(kv, [2]string{"Signalements", strings.Join(l.Flags, " ; ")})
		}
		if g := x.tieGroupOf(l); g != nil {
			kv = append(kv, [2]string{"Ex aequo", g.with(a.Number)})
		}
		bl = append(bl, KeyValues{Pairs: kv})
		crit := append([]data.Criterion(nil), x.c.Criteria...)
		sort.SliceStable(crit, func(i, j int) bool { return crit[i].Position < crit[j].Position })
		if len(crit) > 0 && l.CriterionMeans != nil {
			t := Table{Columns: []Col{{"Critère", 70, AlignLeft}, {"Poids", 10, AlignCenter}, {"Barème", 10, AlignCenter}, {"Moyenne", 12, AlignCenter}}}
			for _, c := range crit {
				t.Rows = append(t.Rows, []string{c.Label, strconv.Itoa(c.Weight), strconv.Itoa(c.Max), jury.FormatScore(l.CriterionMeans[c.ID])})
			}
			bl = append(bl, t)
		}
		if len(l.Sheets) > 0 {
			sheets := append([]jury.SheetResult(nil), l.Sheets...)
			sort.Slice(sheets, func(i, j int) bool { return x.jurorOrder(sheets[i].JurorID) < x.jurorOrder(sheets[j].JurorID) })
			t := Table{Columns: []Col{{"Juré", 40, AlignLeft}, {"Total /20", 14, AlignCenter}, {"Statut", 16, AlignCenter}, {"Remarque", 40, AlignLeft}}}
			for _, s := range sheets {
				t.Rows = append(t.Rows, []string{x.juror(s.JurorID), jury.FormatScore(s.Total), s.Status.String(), x.sheetRemark(s)})
			}
			bl = append(bl, t)
		}
		if len(l.Warnings) > 0 {
			bl = append(bl, Paragraph{Text: "• " + strings.Join(x.anonymiseText(l.Warnings), "\n• "), Size: 9})
		}
	}
	if len(dep) > 0 {
		var names []string
		for _, d := range dep {
			n := x.juror(d.JurorID)
			if !x.in.Anonymise && !data.Blank(d.Reason) {
				n += " (" + strings.TrimSpace(d.Reason) + ")"
			}
			names = append(names, n)
		}
		bl = append(bl, KeyValues{Pairs: [][2]string{{"Déports", strings.Join(names, " ; ")}}})
	} else {
		bl = append(bl, KeyValues{Pairs: [][2]string{{"Déports", "aucun"}}})
	}
	return bl
}

// jurorOrder sorts jurors as the list does (by ID), unknown ones after.
func (x *ctx) jurorOrder(id int64) int64 { return id }

func (x *ctx) sheetRemark(s jury.SheetResult) string {
	var parts []string
	if len(s.Missing) > 0 {
		parts = append(parts, "critères non notés : "+x.criteriaLabels(s.Missing))
	}
	if len(s.OutOfRange) > 0 {
		parts = append(parts, "notes hors barème : "+x.criteriaLabels(s.OutOfRange))
	}
	return strings.Join(parts, " ; ")
}

func (x *ctx) criteriaLabels(ids []int64) string {
	var out []string
	for _, id := range ids {
		label := "n° " + strconv.FormatInt(id, 10)
		for i, c := range x.c.Criteria {
			if c.ID == id {
				label = strconv.Itoa(i + 1)
				if c.Position > 0 {
					label = strconv.Itoa(c.Position)
				}
			}
		}
		out = append(out, label)
	}
	return strings.Join(out, ", ")
}

// anonymiseText hides the jurors' names in the ranking's warnings when the
// dossier is anonymised.
func (x *ctx) anonymiseText(ws []string) []string {
	if !x.in.Anonymise {
		return ws
	}
	out := make([]string, len(ws))
	for i, w := range ws {
		for _, j := range x.jurors {
			if n := strings.TrimSpace(j.Name); n != "" {
				w = strings.ReplaceAll(w, n, x.labels[j.ID])
			}
			w = strings.ReplaceAll(w, "Juré n° "+strconv.FormatInt(j.ID, 10), x.labels[j.ID])
		}
		out[i] = w
	}
	return out
}

// upperFirst starts a line with a capital, as a sentence on its own does.
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
