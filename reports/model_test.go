package reports

import (
	"strings"
	"testing"

	"github.com/call-agglo/cohesion/data"
)

func mustDoc(t testing.TB) func(*Document, error) *Document {
	return func(d *Document, err error) *Document {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		if d == nil || len(d.Blocks) == 0 {
			t.Fatal("document vide")
		}
		return d
	}
}

func grantTable(t *testing.T, d *Document) Table {
	t.Helper()
	for _, tb := range d.Tables() {
		if len(tb.Columns) == len(AnnexColumns) && tb.Columns[1].Title == "Bénéficiaire" {
			return tb
		}
	}
	t.Fatal("pas de tableau des subventions")
	return Table{}
}

func TestAnnexModel(t *testing.T) {
	in := input(t, 0)
	// One grant exactly at 23 000 €, one just above: only the second needs a convention.
	var at, above int64 = -1, -1
	var total int64
	for i := range in.Allocation.Lines {
		l := &in.Allocation.Lines[i]
		if l.AmountCents > 0 && at < 0 {
			at, l.AmountCents = l.ID, 2_300_000
		} else if l.AmountCents > 0 && above < 0 {
			above, l.AmountCents = l.ID, 2_300_001
		}
		total += l.AmountCents
	}
	in.Allocation.TotalCents = total
	d := mustDoc(t)(Annex(in))
	if d.Orientation != Landscape {
		t.Error("l'annexe doit être en paysage")
	}
	text := d.Text()
	if !strings.Contains(text, "Annexe à la délibération n° 2021-0457 du Conseil communautaire du 27/09/2021") {
		t.Errorf("titre absent : %.300s", text)
	}
	tb := grantTable(t, d)
	var sum int64
	rows := map[string][]string{}
	for _, r := range tb.Rows {
		v, err := data.ParseAmount(r[8])
		if err != nil {
			t.Fatal(err)
		}
		sum += v
		rows[r[0]] = r
	}
	if sum != in.Allocation.TotalCents {
		t.Errorf("somme des lignes %d, total du scénario %d", sum, in.Allocation.TotalCents)
	}
	if tb.TotalRow[8] != data.FormatEuros(sum) {
		t.Errorf("ligne de total %q, somme %s", tb.TotalRow[8], data.FormatEuros(sum))
	}
	n := 0
	for _, l := range in.Allocation.Lines {
		if l.AmountCents <= 0 {
			continue
		}
		n++
		a := in.Applications[l.ID-1]
		r, ok := rows[a.Number]
		if !ok {
			t.Errorf("%s absent de l'annexe", a.Number)
			continue
		}
		if r[1] != a.Structure.Name || r[8] != data.FormatEuros(l.AmountCents) || r[2] != a.Structure.SIRET {
			t.Errorf("ligne %v", r)
		}
		if got, want := strings.Contains(r[9], ConventionMention), l.AmountCents > 2_300_000; got != want {
			t.Errorf("%s (%s) : mention de convention %v, attendu %v", a.Number, r[8], got, want)
		}
	}
	if n != len(tb.Rows) {
		t.Errorf("%d lignes, %d subventions", len(tb.Rows), n)
	}
	if !strings.Contains(rows["DEMO-001"][9], "Déport : M. Jean Lefebvre") || !strings.Contains(text, "Membres du jury s'étant déportés") {
		t.Errorf("déport absent : %q", rows["DEMO-001"][9])
	}
	if !strings.Contains(text, "Fait à Liévin, le 27/09/2021") || !strings.Contains(text, "Le Président") {
		t.Error("bloc de signature absent")
	}
	if !strings.Contains(text, "Récapitulatif par thématique") {
		t.Error("récapitulatif absent")
	}
}

func TestAnnexPlaceholdersAndErrors(t *testing.T) {
	in := input(t, 0)
	in.Deliberation = Deliberation{}
	d := mustDoc(t)(Annex(in))
	text := d.Text()
	if !strings.Contains(text, "Annexe au projet de délibération du Conseil communautaire") || !strings.Contains(text, "Délibération à venir") {
		t.Errorf("sans délibération, l'annexe est un projet : %.300s", text)
	}
	if strings.Contains(text, "…") || strings.Contains(text, "Fait à") {
		t.Errorf("une délibération qui n'existe pas n'est pas citée « n° … du … » : %s", text)
	}
	if w, ok := d.Blocks[0].(Watermark); !ok || w.Text != DraftMark {
		t.Errorf("premier bloc %#v : pas de filigrane PROJET", d.Blocks[0])
	}
	no := in
	no.Allocation = nil
	if _, err := Annex(no); err == nil || !strings.Contains(err.Error(), "Aucun scénario de répartition adopté") {
		t.Errorf("sans scénario : %v", err)
	}
	bad := input(t, 0)
	bad.Allocation.TotalCents++
	if _, err := Annex(bad); err == nil || data.ErrorCode(err) != data.EINVALID || !strings.Contains(err.Error(), "ne correspond pas") {
		t.Errorf("total faux : %v", err)
	}
	stale := input(t, 0)
	stale.ScenarioStale = true
	if _, err := Annex(stale); err == nil {
		t.Error("un scénario périmé ne doit pas donner d'annexe")
	}
}

func TestEmptyCampaign(t *testing.T) {
	in := input(t, 0)
	in.Applications = nil
	builders := map[string]func(Input) (*Document, error){
		"jury": JuryDossier, "annex": Annex, "letters": Letters, "sheets": AllScoringSheets,
		"sheet": func(in Input) (*Document, error) { return ScoringSheets(in, nil) },
	}
	for name, b := range builders {
		d, err := b(in)
		if err == nil || d != nil || data.ErrorCode(err) != data.EINVALID || !strings.Contains(err.Error(), "aucun dossier") {
			t.Errorf("%s : %v", name, err)
		}
		nc := in
		nc.Campaign = nil
		if _, err := b(nc); err == nil || data.ErrorCode(err) != data.EINVALID {
			t.Errorf("%s sans campagne : %v", name, err)
		}
	}
	if err := Write(&Document{}, &strings.Builder{}); err == nil {
		t.Error("un document vide doit être refusé")
	}
}

func TestDossierModel(t *testing.T) {
	in := input(t, 0)
	d := mustDoc(t)(JuryDossier(in))
	text := d.Text()
	for _, want := range []string{DossierTitle, in.Campaign.Title, "juin 2021", data.FormatEuros(in.Campaign.EnvelopeCents),
		"Synthèse", "Classement", "Montants par thématique", "Montants par commune de la structure", ConfidentialMention} {
		if !strings.Contains(text, want) && d.Footer.Centre != want {
			t.Errorf("%q absent", want)
		}
	}
	if strings.Contains(text, StaleWarning) {
		t.Error("avertissement de scénario périmé sans raison")
	}
	for _, a := range in.Applications {
		if !strings.Contains(text, "Fiche de synthèse — "+a.Number) || !strings.Contains(text, a.Structure.Name) {
			t.Errorf("fiche de %s absente", a.Number)
		}
	}
	for _, name := range jurorNames {
		if !strings.Contains(text, name) {
			t.Errorf("juré %q absent", name)
		}
	}
	if !strings.Contains(text, "M. Jean Lefebvre (Membre du bureau de l'association)") {
		t.Error("déport absent de la fiche")
	}
	// Charts: one bar per theme with requested and proposed amounts.
	var charts int
	for _, b := range d.Blocks {
		if c, ok := b.(BarChart); ok {
			charts++
			var req, prop int64
			for _, bar := range c.Bars {
				req += bar.Values[0]
				prop += bar.Values[1]
			}
			if prop != in.Allocation.TotalCents {
				t.Errorf("%s : proposé %d, scénario %d", c.Title, prop, in.Allocation.TotalCents)
			}
		}
	}
	if charts != 2 {
		t.Errorf("%d graphiques", charts)
	}
	// The ranking table: every application, the proposed total.
	var rk Table
	for _, tb := range d.Tables() {
		if len(tb.Columns) == len(RankingColumns) {
			rk = tb
		}
	}
	if len(rk.Rows) != len(in.Applications) || rk.TotalRow[10] != data.FormatEuros(in.Allocation.TotalCents) {
		t.Errorf("classement : %d lignes, total %q", len(rk.Rows), rk.TotalRow)
	}
	if !rk.RepeatHeader {
		t.Error("l'en-tête du classement doit se répéter")
	}
}

func TestDossierAnonymisedAndStale(t *testing.T) {
	in := input(t, 0)
	in.Anonymise = true
	in.ScenarioStale = true
	d := mustDoc(t)(JuryDossier(in))
	text := d.Text()
	for _, name := range jurorNames {
		if strings.Contains(text, name) {
			t.Errorf("le nom %q apparaît malgré l'anonymisation", name)
		}
	}
	for _, want := range []string{"Juré 1", "Juré 5", "Déports : Juré 2", StaleWarning} {
		if !strings.Contains(text, want) {
			t.Errorf("%q absent", want)
		}
	}
	if strings.Contains(text, "Membre du bureau") {
		t.Error("le motif du déport peut identifier le juré : il est masqué")
	}
	found := false
	for _, b := range d.Blocks {
		if n, ok := b.(Notice); ok && strings.HasPrefix(n.Text, StaleWarning) {
			found = true
		}
	}
	if !found {
		t.Error("pas d'encadré d'avertissement")
	}
}

func TestDossierWithoutScores(t *testing.T) {
	in := input(t, 0)
	in.Ranking, in.Allocation, in.Decisions = nil, nil, nil
	d := mustDoc(t)(JuryDossier(in))
	if !strings.Contains(d.Text(), "Aucune note n'est encore saisie") {
		t.Error("l'absence de notes doit être signalée")
	}
}

func TestScoringSheetsModel(t *testing.T) {
	in := input(t, 0)
	admitted := 0
	for i := range in.Applications {
		if admissible(&in.Applications[i]) {
			admitted++
		}
	}
	blank := mustDoc(t)(ScoringSheets(in, nil))
	if !strings.Contains(blank.Text(), BlankJuror) || !strings.Contains(blank.Text(), "Déclaration d'absence de conflit d'intérêts") {
		t.Error("grille vierge sans juré à remplir")
	}
	if got := blank.Pages(); got != admitted+1 {
		t.Errorf("%d pages au moins, attendu %d", got, admitted+1)
	}
	grids := 0
	for _, b := range blank.Blocks {
		switch x := b.(type) {
		case ScoreGrid:
			grids++
			if len(x.Rows) != 5 || x.Rows[0].Max != 5 || x.Rows[0].Weight != 3 {
				t.Errorf("grille %+v", x.Rows)
			}
		case Boxes:
			if len(x.Items) != admitted {
				t.Errorf("%d cases, %d dossiers", len(x.Items), admitted)
			}
		}
	}
	if grids != admitted {
		t.Errorf("%d grilles, %d dossiers", grids, admitted)
	}
	j := in.Jurors[1] // déport on application 1
	d := mustDoc(t)(ScoringSheets(in, &j))
	text := d.Text()
	if !strings.Contains(text, "Juré : M. Jean Lefebvre") || !strings.Contains(text, "DEMO-001 — Vélo-École du Bassin minier (fictif) — « Remettre en selle : apprentissage du vélo pour adultes » (déport déclaré)") {
		t.Errorf("déport non signalé : %.600s", text)
	}
	if !strings.Contains(text, "Vous avez déclaré un conflit d'intérêts") {
		t.Error("pas d'avertissement de déport")
	}
	all := mustDoc(t)(AllScoringSheets(in))
	if got, want := all.Pages(), (len(in.Jurors)+1)*(admitted+1); got != want {
		t.Errorf("toutes les grilles : %d pages, attendu %d", got, want)
	}
}

func TestLettersModel(t *testing.T) {
	in := input(t, 0)
	d := mustDoc(t)(Letters(in))
	text := d.Text()
	letters := 0
	for _, a := range in.Applications {
		if a.Status == data.StatusIrrecevable {
			letters++
			if !strings.Contains(text, "dossier n° "+a.Number+", intitulé « "+a.Title+" »") {
				t.Errorf("lettre d'irrecevabilité de %s absente", a.Number)
			}
			continue
		}
		dec, ok := in.Decisions[a.ID]
		if !ok {
			continue
		}
		g, _ := grantOf(in, a.ID)
		switch {
		case dec.Decision == data.DecisionRetenu && g > 0:
			letters++
			if !strings.Contains(text, "attribuer à la structure "+a.Structure.Name+" une subvention d'un montant de "+data.FormatEuros(g)) {
				t.Errorf("lettre d'attribution de %s absente", a.Number)
			}
		case dec.Decision == data.DecisionNonRetenu:
			letters++
			if !strings.Contains(text, "dossier n° "+a.Number) {
				t.Errorf("lettre de refus de %s absente", a.Number)
			}
		}
	}
	if letters == 0 || d.Pages() != letters {
		t.Errorf("%d lettres, %d pages", letters, d.Pages())
	}
	if strings.Contains(text, "{{") {
		t.Error("champ non substitué")
	}
	if !strings.Contains(text, "n° 2021-0457 du 27/09/2021") || !strings.Contains(text, "Le jury a motivé sa décision comme suit : Le projet n'atteint pas") {
		t.Error("délibération ou motivation absente")
	}

	// The convention sentence only above 23 000 €.
	for _, l := range in.Allocation.Lines {
		if l.AmountCents <= 0 {
			continue
		}
		one := mustDoc(t)(LetterFor(in, l.ID))
		if got, want := strings.Contains(one.Text(), ConventionSentence), l.AmountCents > 2_300_000; got != want {
			t.Errorf("%s (%s) : convention %v, attendu %v", l.Number, data.FormatEuros(l.AmountCents), got, want)
		}
	}
	if _, err := LetterFor(in, 9999); err == nil {
		t.Error("dossier inconnu accepté")
	}
}

func grantOf(in Input, id int64) (int64, bool) {
	for _, l := range in.Allocation.Lines {
		if l.ID == id {
			return l.AmountCents, true
		}
	}
	return 0, false
}

func TestTemplates(t *testing.T) {
	in := input(t, 0)
	in.Templates = Templates{Attribution: "Objet : subvention\n\nBonjour {{ nom_du_president }}, {{montant}}."}
	_, err := Letters(in)
	if err == nil || data.ErrorCode(err) != data.EINVALID || !strings.Contains(err.Error(), "champ inconnu « {{nom_du_president}} »") {
		t.Errorf("champ inconnu : %v", err)
	}
	for _, bad := range []string{"Bonjour {{structure}", "Bonjour {{structure}} }}", "   "} {
		if err := ValidateTemplate("de refus", bad); err == nil {
			t.Errorf("%q accepté", bad)
		}
	}
	if err := DefaultTemplates().Validate(); err != nil {
		t.Fatal(err)
	}
	// A custom template: fields substituted, paragraphs kept.
	in.Templates = Templates{Attribution: "Objet : {{numero}}\n\n{{structure}} reçoit {{montant}}.{{convention}}", Refusal: "Refus {{numero}} : {{motivation}}"}
	d := mustDoc(t)(Letters(in))
	if !strings.Contains(d.Text(), "Objet : DEMO-001") || !strings.Contains(d.Text(), "Refus ") {
		t.Error("modèle personnalisé non appliqué")
	}
}

func TestCatalog(t *testing.T) {
	c := Catalog()
	keys := []string{}
	for i, k := range c {
		keys = append(keys, k.Key)
		if i > 0 && data.CompareFold(c[i-1].Title, k.Title) > 0 {
			t.Error("catalogue non trié")
		}
	}
	if strings.Join(keys, ",") != "annex,jury,sheets,letters,deliberation,rapport" {
		t.Errorf("catalogue %v", keys)
	}
	in := input(t, 0)
	for _, k := range c {
		if _, err := Build(k.Key, in); err != nil {
			t.Errorf("%s : %v", k.Key, err)
		}
	}
	if _, err := Build("x", in); err == nil {
		t.Error("type inconnu accepté")
	}
}

func TestClean(t *testing.T) {
	cases := map[string]string{
		"abc":                     "abc",
		"Fête 🎉👍🏽 finie":          "Fête ? finie",
		"a\tb\r\nc\rd":            "a b\nc\nd",
		"150\u202f000,00\u00a0€":  "150\u202f000,00\u00a0€",
		"x\u200dy\ufe0fz\u0007":   "xyz",
		"Œuvre « cœur » – ok…":    "Œuvre « cœur » – ok…",
		string([]byte{0xff, 'a'}): "?a",
		"汉字":                      "?",
	}
	for in, want := range cases {
		got := clean(in)
		if strings.ReplaceAll(got, "\u202f", "\u00a0") != strings.ReplaceAll(want, "\u202f", "\u00a0") {
			t.Errorf("clean(%q) = %q, attendu %q", in, got, want)
		}
	}
}
