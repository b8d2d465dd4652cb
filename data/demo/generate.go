package demo

import (
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/call-agglo/cohesion/data"
)

// core is the stem of a fictional structure's name, with its legal form.
type core struct{ name, form string }

// project is a kind of action: a title, the first sentence of its summary and
// the public it aims at, which belong together.
type project struct{ title, opener, public string }

// pool is the vocabulary of one theme.
type pool struct {
	cores    []core
	projects []project
	funders  []string
}

var pools = [nThemes]pool{
	themeMobilite: {
		cores: []core{{"Roue Libre", formAsso}, {"Mobilité Solidaire", formSAS}, {"Vélo-École", formAsso}, {"Permis Pour Tous", formAsso},
			{"En Route vers l'Emploi", formAsso}, {"Garage Solidaire", formAsso}, {"Cap Mobilité", formAsso}, {"Covoit' Solidaire", formSCIC}},
		projects: []project{
			{"Apprentissage du vélo pour adultes", "Des séances d'apprentissage du vélo donnent à des adultes l'autonomie de leurs déplacements quotidiens.", "Adultes sans pratique du vélo, en priorité des femmes"},
			{"Auto-école sociale : préparer le permis B", "Une préparation adaptée au permis de conduire lève l'un des premiers freins à l'emploi.", "Demandeurs d'emploi suivis par la Mission locale ou Pôle emploi"},
			{"Garage solidaire et réparation de vélos", "Un atelier solidaire répare à moindre coût les véhicules dont les habitants ont besoin pour travailler.", "Habitants qui ont besoin d'un véhicule pour travailler"},
			{"Location solidaire de deux-roues pour l'emploi", "Des deux-roues sont loués à petit prix le temps d'une reprise d'emploi ou d'une formation.", "Salariés à horaires décalés et stagiaires de la formation professionnelle"},
			{"Covoiturage solidaire vers les zones d'activité", "Une plateforme met en relation des conducteurs et des habitants sans véhicule qui travaillent dans les zones d'activité.", "Habitants sans véhicule qui travaillent en zone d'activité"},
			{"Le code de la route en français facile", "Des supports en français facile et un accompagnement individuel préparent à l'examen du code de la route.", "Adultes en difficulté avec la lecture, dont des personnes allophones"},
			{"Plateforme mobilité : diagnostic et plan de déplacement", "Un conseiller mobilité établit avec chaque personne un diagnostic et un plan de déplacement vers l'emploi et les services.", "Allocataires du RSA en parcours d'insertion"},
			{"Prêt de vélos à assistance électrique pour aller travailler", "Des vélos à assistance électrique sont prêtés pour trois mois à des personnes qui reprennent un emploi.", "Salariés et alternants sans moyen de transport"},
		},
		funders: []string{fRegion, fDepartement, fFSE, fFondEnt, fEtat},
	},
	themeSante: {
		cores: []core{{"Santé Partagée", formAsso}, {"Bien-Être en Cités", formAsso}, {"Prévention Santé", formAsso}, {"Sport Santé", "Association sportive (loi 1901)"},
			{"Écoute et Soutien", formAsso}, {"Nutrition Plaisir", formAsso}, {"Souffle Nouveau", formAsso}, {"Médiation Santé", formAsso}},
		projects: []project{
			{"Bus santé : dépistages au pied des immeubles", "Des dépistages et des permanences d'accès aux droits de santé sont organisés au plus près des habitants.", "Habitants éloignés du soin"},
			{"Sport sur ordonnance", "Des séances d'activité physique adaptée sont proposées à des personnes atteintes de maladies chroniques.", "Adultes atteints d'une maladie chronique"},
			{"Ateliers nutrition et cuisine en famille", "Des ateliers de cuisine et de nutrition réunissent parents et enfants autour d'une alimentation saine et peu coûteuse.", "Familles avec de jeunes enfants"},
			{"Point écoute santé mentale pour les jeunes", "Une psychologue et une infirmière tiennent des permanences gratuites et anonymes pour les jeunes en souffrance.", "Jeunes de 12 à 25 ans et leurs familles"},
			{"Médiation santé et accès aux droits", "Une médiatrice en santé accompagne les habitants jusqu'au rendez-vous médical et les aide à ouvrir leurs droits.", "Habitants sans médecin traitant ou qui renoncent aux soins"},
			{"Prévenir les addictions chez les jeunes", "Des éducateurs mènent des actions de prévention des conduites addictives (alcool, cannabis, écrans) auprès des jeunes.", "Jeunes de 13 à 20 ans et leurs parents"},
			{"Prévention du diabète et de l'obésité", "Une diététicienne et une infirmière animent des ateliers collectifs de prévention du diabète et de l'obésité.", "Adultes en surpoids ou à risque de diabète"},
			{"Jardin partagé et alimentation saine", "Des parcelles cultivées en commun servent de support à des ateliers sur l'alimentation et l'activité physique.", "Familles et personnes âgées du quartier"},
		},
		funders: []string{fARS, fCPAM, fFdF, fDepartement, fMILDECA},
	},
	themeEducation: {
		cores: []core{{"Coup de Pouce", formAsso}, {"Lire et Grandir", formAsso}, {"Savoirs Partagés", formAsso}, {"Parents Ensemble", formAsso},
			{"Numérique pour Tous", formAsso}, {"Sciences en Cités", formAsso}, {"Culture en Cités", formAsso}, {"Les Petits Curieux", formAsso}},
		projects: []project{
			{"Accompagnement à la scolarité", "Des bénévoles et des animateurs accompagnent les élèves dans leur scolarité plusieurs soirs par semaine.", "Élèves du CP à la 3e"},
			{"Café des parents et médiation scolaire", "Un lieu d'accueil des parents près des écoles facilite le dialogue entre les familles et les enseignants.", "Parents d'élèves des écoles du quartier"},
			{"Ateliers numériques pour les familles", "Des ateliers apprennent aux familles à utiliser l'ordinateur et l'espace numérique de travail du collège.", "Collégiens et leurs parents"},
			{"Bibliothèque de rue et éveil au langage", "Des lectures et des jeux autour du livre sont proposés aux tout-petits et à leurs parents au pied des immeubles.", "Enfants de 0 à 6 ans et leurs parents"},
			{"Les mercredis de la science", "Des ateliers scientifiques et techniques éveillent la curiosité des enfants le mercredi après-midi.", "Enfants de 8 à 14 ans"},
			{"Théâtre au collège contre le décrochage", "Une compagnie crée avec des collégiens des scènes de théâtre-forum sur le décrochage scolaire.", "Collégiens repérés par l'équipe éducative"},
			{"Sorties culturelles en famille", "Des sorties au musée, au théâtre et au cinéma sont préparées et vécues en famille.", "Familles qui fréquentent peu les lieux culturels"},
			{"Prêt d'ordinateurs et aide aux devoirs", "Des ordinateurs reconditionnés sont prêtés aux familles sans équipement, avec une aide aux devoirs en ligne.", "Collégiens sans équipement informatique"},
		},
		funders: []string{fCAF, fDRAC, fFondEnt, fFdF, fEtat},
	},
	themeInsertion: {
		cores: []core{{"Passerelle Emploi", formAsso}, {"Tremplin", formAsso}, {"Femmes Actives", formAsso}, {"Jeunes et Avenir", formAsso},
			{"Cuisines du Monde", formAsso}, {"Chantiers Solidaires", "Atelier et chantier d'insertion (association loi 1901)"},
			{"Lien Social", formAsso}, {"Entreprendre au Féminin", formAsso}},
		projects: []project{
			{"Remobilisation des jeunes vers l'emploi", "Des activités sportives et des ateliers sur le projet professionnel aident des jeunes à reprendre pied.", "Jeunes de 16 à 25 ans ni en emploi ni en formation"},
			{"Parcours vers l'emploi pour les femmes isolées", "Un parcours collectif et individuel aide des femmes éloignées de l'emploi à reprendre confiance et à construire un projet.", "Femmes éloignées de l'emploi"},
			{"Chantier d'insertion dans les cités minières", "Des salariés en insertion réalisent des chantiers d'amélioration du cadre de vie choisis avec les habitants.", "Allocataires du RSA de plus de 26 ans"},
			{"Permanences d'accès aux droits", "Une juriste et une travailleuse sociale aident les habitants dans leurs démarches administratives.", "Habitants en difficulté avec les démarches administratives"},
			{"Traiteur solidaire et formation aux métiers de la restauration", "Des habitants préparent des repas pour un service traiteur tout en se formant aux métiers de la restauration.", "Femmes et jeunes adultes éloignés de l'emploi"},
			{"Rompre l'isolement des seniors", "Des bénévoles rendent visite aux personnes isolées et organisent des temps conviviaux dans le quartier.", "Personnes âgées isolées"},
			{"Job dating et accompagnement vers l'emploi", "Des rencontres avec des employeurs du territoire sont préparées par des ateliers CV et entretien.", "Demandeurs d'emploi du quartier"},
			{"Couveuse d'activités pour les habitants des quartiers", "Des habitants qui veulent créer leur activité sont formés à la gestion et testent leur projet en couveuse.", "Porteurs d'un projet de création d'activité"},
		},
		funders: []string{fEtat, fFSE, fDepartement, fFondEnt, fCAF},
	},
}

// sharedCores may apply under any theme.
var sharedCores = []core{
	{"Centre social La Passerelle", "Centre social (association loi 1901)"},
	{"Centre social Les Tilleuls", "Centre social (association loi 1901)"},
	{"Régie de quartier", "Régie de quartier (association loi 1901)"},
	{"Maison des Habitants", formAsso},
	{"Collectif Vivre Ensemble", formAsso},
	{"Coopérative des Quartiers", formSAS},
}

var (
	thirdSentences = []string{
		"Elle s'appuie sur les écoles, les bailleurs et les services sociaux du secteur.",
		"Les habitants participent au choix et à l'évaluation des activités.",
		"Un bilan est présenté chaque trimestre au comité de pilotage.",
		"L'action prolonge une expérimentation menée l'année précédente avec de bons résultats.",
		"Les activités ont lieu dans un local mis à disposition par la commune.",
	}
	firstNames = []string{"Nadia", "Julien", "Sabrina", "Gérard", "Yanis", "Aurélie", "Karim", "Laetitia", "Céline", "Bernard",
		"Émilie", "Fatima", "Inès", "Thierry", "Samia", "Didier", "Sophie", "Kévin", "Sylvie", "Nordine",
		"Lucas", "Christine", "Hugo", "Camille", "Pauline", "Antoine", "Rémi", "Nadège", "Amina", "Léa",
		"Myriam", "Thomas", "Bilal", "Clara", "Justine", "Adrien", "Martine", "Olivier", "Zohra", "Mathieu"}
	lastNames = []string{"Lefebvre", "Lemaire", "Dupont", "Delattre", "Caron", "Wojcik", "Kowalski", "Dubois", "Leroy", "Mercier",
		"Vasseur", "Deprez", "Carlier", "Duhamel", "Lecomte", "Delcourt", "Dumont", "Roussel", "Fontaine", "Leclercq",
		"Boulanger", "Bernard", "Haddad", "Benali", "Mansouri", "Cherif", "Diallo", "Lamri", "Morel", "Gosselin",
		"Hennebelle", "Poulain", "Maes", "Vandamme", "Szymanski", "Bocquet", "Dhaussy", "Flament", "Pruvost", "Wattel"}
	streets = []string{"rue Jean Jaurès", "rue Émile Zola", "rue Victor Hugo", "rue Pasteur", "rue de la République", "avenue Léon Blum",
		"rue Roger Salengro", "rue Jules Guesde", "rue Anatole France", "rue Jean Moulin", "rue Paul Bert", "rue Voltaire",
		"rue Lamartine", "rue Marcel Cachin", "rue Henri Barbusse", "rue de Verdun", "rue des Écoles", "place de la Mairie"}
	genNotes = []string{
		"Pièces complémentaires demandées par courriel.",
		"Structure déjà soutenue au titre du Contrat de ville : vérifier l'absence de double financement.",
		"Budget à clarifier : la part des frais de personnel paraît élevée.",
		"Rencontre avec le porteur prévue pendant l'instruction.",
		"Partenariat avec la Mission locale confirmé par courrier.",
	}
	opinionTexts = map[data.Opinion][]string{
		data.OpinionFavorable:   {"Besoin avéré et action bien ancrée dans le quartier.", "Budget cohérent, partenariats solides.", "Démarche innovante, à encourager."},
		data.OpinionReserved:    {"Pertinent, mais le plan de financement reste fragile.", "Intéressant ; proposer un montant réduit.", "Recoupe en partie une action déjà financée."},
		data.OpinionUnfavorable: {"Besoin déjà couvert par le droit commun.", "Coût par bénéficiaire trop élevé.", "Lien avec les quartiers prioritaires insuffisamment démontré."},
	}
)

// place is a commune where fictional structures live, with its QPV.
type place struct {
	insee, name string
	qpvs        []string // codes
}

type generator struct {
	c        *data.Campaign
	themes   [nThemes]int
	places   []place
	cumul    []int // cumulative weights of places (population)
	launch   data.Date
	deadline data.Date
	span     int // days from launch to deadline
	structs  map[[3]int]data.Structure
}

func newGenerator(c *data.Campaign) *generator {
	g := &generator{c: c, themes: resolveThemes(c), structs: map[[3]int]data.Structure{}}
	g.launch, g.deadline = window(c)
	g.span = daysBetween(g.launch, g.deadline)
	var all []string
	for _, q := range c.QPVs {
		all = append(all, q.Code)
	}
	for _, m := range c.Communes {
		var qs []string
		for _, q := range c.QPVs {
			for _, in := range q.Communes {
				if in == m.INSEE {
					qs = append(qs, q.Code)
					break
				}
			}
		}
		if len(qs) > 0 {
			g.places = append(g.places, place{m.INSEE, m.Name, qs})
			g.cumul = append(g.cumul, weight(m))
		}
	}
	if len(g.places) == 0 { // no QPV tied to a commune: any commune, any QPV
		for _, m := range c.Communes {
			g.places = append(g.places, place{m.INSEE, m.Name, all})
			g.cumul = append(g.cumul, weight(m))
		}
	}
	if len(g.places) == 0 {
		g.places = []place{{"", "", all}}
		g.cumul = []int{1}
	}
	for i := 1; i < len(g.cumul); i++ {
		g.cumul[i] += g.cumul[i-1]
	}
	return g
}

func weight(m data.Commune) int {
	if m.Population > 0 {
		return m.Population
	}
	return 5000
}

// Generate returns n synthetic, fictional applications to campaign c, numbered
// GEN-000001…, for benchmarks and load tests. The same campaign and seed always
// give the same applications (math/rand/v2's PCG). Structures live in communes that
// have a QPV and cite one or two of that commune's QPV; applications spread over
// the four themes. Each passes Validate(c) once normalised; about 1 % are
// received after the deadline (Late stays false: the store applies the rule).
//
// They come declared recevable (see fill), GenExemption covering the pièces
// some lack.
func Generate(c *data.Campaign, n int, seed int64) []data.Application {
	if n <= 0 {
		return nil
	}
	g := newGenerator(c)
	rng := rand.New(rand.NewPCG(uint64(seed), 0x636f6865_73696f6e)) // "cohesion"
	out := make([]data.Application, n)
	for i := range out {
		g.fill(&out[i], rng, i+1)
	}
	return out
}

// GenExemption is the exemption of the synthetic dossiers that lack pièces.
const GenExemption = "Pièces attendues avant la convention (données synthétiques)"

func pick[T any](r *rand.Rand, s []T) T { return s[r.IntN(len(s))] }

func round100(x float64) int64 { return int64(math.Round(x/100)) * 100 }

// fill makes application n: a theme and a place, then its structure, project,
// quarters, date of receipt, dates, amounts and file. The draws from r come in
// a fixed order, so a seed always gives the same campaign.
func (g *generator) fill(a *data.Application, r *rand.Rand, n int) {
	k := r.IntN(nThemes)
	p := &pools[k]
	pi := sort.SearchInts(g.cumul, r.IntN(g.cumul[len(g.cumul)-1])+1)
	pl := &g.places[pi]

	// A theme's own stems, or about one time in six a stem shared by all themes
	// (a centre social applies under any theme, as the same structure).
	owner, ci := k, r.IntN(len(p.cores)+len(sharedCores)/2)
	var co core
	if ci < len(p.cores) {
		co = p.cores[ci]
	} else {
		owner, ci = nThemes, r.IntN(len(sharedCores))
		co = sharedCores[ci]
	}
	a.Structure = g.structure(owner, ci, pi, co, pl)

	a.CampaignID = g.c.ID
	a.Number = GenPrefix + pad(n, 6)
	a.ThemeID = themeID(g.c, g.themes, k)
	fillProject(a, r, p, pl)
	fillQPVs(a, r, pl)
	a.Received = g.received(r)
	g.fillDates(a, r)
	fillAmounts(a, r, p, pl)
	fillFile(a, g.c, r)
}

// fillProject draws a project of the theme: title, public, beneficiaries and
// the summary that names them.
func fillProject(a *data.Application, r *rand.Rand, p *pool, pl *place) {
	pr := pick(r, p.projects)
	a.Title = pr.title
	if pl.name != "" && r.IntN(3) == 0 {
		a.Title += " à " + pl.name
	}
	a.TargetPublic = pr.public
	a.Beneficiaries = 10 + r.IntN(20)*r.IntN(25)
	a.QPVSharePct = 50 + r.IntN(51)
	summary := pr.opener + " L'action concerne environ " + strconv.Itoa(a.Beneficiaries) +
		" personnes, dont " + strconv.Itoa(a.QPVSharePct) + " % habitent un quartier prioritaire."
	if r.IntN(2) == 0 {
		summary += " " + pick(r, thirdSentences)
	}
	a.Summary = summary
}

// fillQPVs names one of the place's quarters, sometimes two.
func fillQPVs(a *data.Application, r *rand.Rand, pl *place) {
	switch q := pl.qpvs; {
	case len(q) == 0:
	case len(q) >= 2 && r.IntN(4) == 0:
		i := r.IntN(len(q))
		j := (i + 1 + r.IntN(len(q)-1)) % len(q)
		a.QPVs = []string{q[i], q[j]}
	default:
		a.QPVs = []string{pick(r, q)}
	}
}

// received draws the time of receipt: most applications come near the
// deadline; about 1 % are late, and one in twenty comes in the evening.
func (g *generator) received(r *rand.Rand) time.Time {
	var day data.Date
	if r.IntN(100) == 0 {
		day = g.deadline.AddDays(1 + r.IntN(5))
	} else {
		day = g.launch.AddDays(max(r.IntN(g.span+1), r.IntN(g.span+1)))
	}
	hour := 8 + r.IntN(11)
	if r.IntN(20) == 0 {
		hour = 19 + r.IntN(5)
	}
	return time.Date(day.Year, day.Month, day.Day, hour, r.IntN(60), r.IntN(60), 0, data.Paris)
}

// fillDates starts the project two to five months after the deadline, for six
// to twelve months.
func (g *generator) fillDates(a *data.Application, r *rand.Rand) {
	startMonth := g.deadline.Month + time.Month(2+r.IntN(4))
	st := time.Date(g.deadline.Year, startMonth, 1, 12, 0, 0, 0, time.UTC)
	en := time.Date(st.Year(), st.Month()+time.Month(6+r.IntN(7)), 0, 12, 0, 0, 0, time.UTC)
	a.Start = data.NewDate(st.Year(), st.Month(), st.Day())
	a.End = data.NewDate(en.Year(), en.Month(), en.Day())
}

// fillAmounts draws the total cost log-uniform over 3 000–90 000 €, the request
// 25–80 % of it within 2 000–30 000 €, and co-financing within what remains.
func fillAmounts(a *data.Application, r *rand.Rand, p *pool, pl *place) {
	total := round100(math.Exp(math.Log(3000) + r.Float64()*(math.Log(90000)-math.Log(3000))))
	total = min(max(total, 3000), 90000)
	req := round100(float64(total) * (0.25 + 0.55*r.Float64()))
	req = min(max(req, 2000), 30000, total)
	a.TotalCents, a.RequestedCents = total*100, req*100
	rest := total - req
	lines := [...]int{0, 1, 1, 2, 2, 2, 3, 1, 0, 2}[r.IntN(10)]
	var used [8]string
	for l := 0; l < lines && rest >= 500; l++ {
		f := pick(r, p.funders)
		if r.IntN(4) == 0 && pl.name != "" {
			f = "Commune de " + pl.name
		}
		if slices.Contains(used[:l], f) {
			continue
		}
		used[l] = f
		amt := max(round100(float64(rest)*(0.15+0.45*r.Float64())), 500)
		amt = min(amt, rest)
		rest -= amt
		a.Cofinancing = append(a.Cofinancing, data.Cofinancing{Funder: f, AmountCents: amt * 100, Acquired: r.IntN(2) == 0})
	}
}

// fillFile draws the documents received (each 94 % of the time), the status,
// and sometimes notes and an opinion.
func fillFile(a *data.Application, c *data.Campaign, r *rand.Rand) {
	docs := make(map[data.Document]bool, len(data.Documents))
	for _, d := range data.Documents {
		docs[d] = r.IntN(100) < 94
	}
	a.Documents = docs
	// Synthetic dossiers come already instructed, so that the measures rank
	// and split them all: recevable, with an exemption where pièces lack.
	a.Status = data.StatusRecevable
	if len(a.MissingRequired(c)) > 0 {
		a.Exemption = GenExemption
	}
	if r.IntN(5) == 0 {
		a.Notes = pick(r, genNotes)
	}
	if r.IntN(4) == 0 {
		a.Opinion = pick(r, data.Opinions)
		a.OpinionText = pick(r, opinionTexts[a.Opinion])
	}
}

// structure returns the fictional structure for a name stem in a commune. Its
// identifiers and people derive from the stem and the commune alone, so a
// structure that applies several times keeps the same SIRET and contacts.
func (g *generator) structure(owner, coreIdx, placeIdx int, co core, pl *place) data.Structure {
	key := [3]int{owner, coreIdx, placeIdx}
	if s, ok := g.structs[key]; ok {
		return s
	}
	h := splitmix(uint64((owner*64+coreIdx)<<32+placeIdx) + 0x5eed)
	next := func(n int) int {
		h = splitmix(h)
		return int(h % uint64(n))
	}
	name := co.name
	if pl.name != "" {
		name += " " + pl.name
	}
	name += FictionSuffix
	first, last := firstNames[next(len(firstNames))], lastNames[next(len(lastNames))]
	// In the order the draws were always made: SIRET, street, then the names.
	siretNo := siret(pad(77_000_000+next(22_000_000), 8), 1+next(3))
	street, postalCode, town := address(g.c, strconv.Itoa(1+next(120))+" "+streets[next(len(streets))], pl.insee)
	s := data.Structure{
		Name:      name,
		LegalForm: co.form,
		SIRET:     siretNo,
		Address:   street, PostalCode: postalCode, Town: town,
		Commune:  pl.insee,
		LegalRep: firstNames[next(len(firstNames))] + " " + lastNames[next(len(lastNames))],
		Contact:  first + " " + last,
		Email:    email(first, last, name),
		Phone:    phone(next(1_000_000)),
	}
	if strings.Contains(strings.ToLower(co.form), "association") {
		s.RNA = "W62" + pad(next(10_000_000), 7)
	}
	g.structs[key] = s
	return s
}

func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}
