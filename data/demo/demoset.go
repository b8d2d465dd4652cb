package demo

import (
	"strings"
	"time"

	"github.com/call-agglo/cohesion/data"
)

// Funders of the co-financing lines, as applicants write them.
const (
	fRegion      = "Région Hauts-de-France"
	fEtat        = "État – crédits politique de la ville"
	fCAF         = "CAF du Pas-de-Calais"
	fDepartement = "Département du Pas-de-Calais"
	fARS         = "ARS Hauts-de-France"
	fCPAM        = "CPAM de l'Artois"
	fFdF         = "Fondation de France"
	fFondEnt     = "Fondation d'entreprise (mécénat)"
	fFSE         = "Fonds social européen (FSE)"
	fBailleur    = "Bailleur social"
	fDRAC        = "DRAC Hauts-de-France"
	fMILDECA     = "MILDECA – Préfecture du Pas-de-Calais"
)

const (
	formAsso = "Association loi 1901"
	formSCIC = "SCIC SARL"
	formSAS  = "SCIC SAS"
)

type cof struct {
	funder   string
	euros    int64
	acquired bool
}

// demoRow is one hand-written fictional application. Amounts are whole euros;
// received is Paris time in 2021, shifted onto the campaign's calendar.
type demoRow struct {
	name, form, insee, street string
	qpvs                      []string
	theme                     int
	title, summary, public    string
	benef, share              int
	total, requested          int64
	cofin                     []cof
	missing                   []data.Document
	received                  string // "2006-01-02 15:04"
	rep, first, last          string // legal representative; contact's first and last names
	notes                     string
	opinion                   data.Opinion
	opinionText               string
}

var demoRows = []demoRow{
	{
		name: "Vélo-École du Bassin minier", form: formAsso, insee: "62510", street: "8 rue Casimir Beugnet",
		qpvs: []string{"QP062030"}, theme: themeMobilite,
		title:   "Remettre en selle : apprentissage du vélo pour adultes",
		summary: "Cycles de dix séances d'apprentissage du vélo pour des adultes, surtout des femmes, qui n'ont jamais appris à rouler. Les participantes repartent avec un vélo reconditionné prêté six mois pour se rendre au travail ou en formation.",
		public:  "Adultes sans pratique du vélo, en priorité des femmes", benef: 60, share: 85,
		total: 24000, requested: 12000,
		cofin:    []cof{{fRegion, 4000, true}, {"Commune de Liévin", 3000, true}},
		received: "2021-03-15 10:24", rep: "Nadia Benali", first: "Julien", last: "Caron",
		notes:   "Action proche soutenue en 2019 par la Ville ; bilan quantitatif fourni.",
		opinion: data.OpinionFavorable, opinionText: "Besoin avéré, coût par bénéficiaire raisonnable, partenariat solide avec la Ville.",
	},
	{
		name: "Permis Solidaire Gohelle", form: formAsso, insee: "62386", street: "27 rue Florent Évrard",
		qpvs: []string{"QP062022"}, theme: themeMobilite,
		title:   "Auto-école solidaire : 30 permis B pour l'emploi",
		summary: "Préparation au permis B avec une pédagogie adaptée pour des demandeurs d'emploi des cités 5 et 11. Le financement couvre une partie des heures de conduite et l'accompagnement vers les entreprises qui recrutent.",
		public:  "Demandeurs d'emploi de 18 à 45 ans orientés par la Mission locale et Pôle emploi", benef: 30, share: 90,
		total: 68000, requested: 25000,
		cofin:    []cof{{fDepartement, 12000, true}, {fEtat, 15000, false}},
		missing:  []data.Document{data.DocComptes},
		received: "2021-04-12 14:05", rep: "Gérard Lemaire", first: "Sabrina", last: "Dufour",
		notes: "Derniers comptes approuvés à réclamer.",
	},
	{
		name: "Centre social Les Blanches Laines", form: "Centre social (association loi 1901)", insee: "62771", street: "5 rue Maurice Thorez",
		qpvs: []string{"QP062033", "QP062034"}, theme: themeEducation,
		title:   "Réussir ensemble : accompagnement à la scolarité et ateliers parents-enfants",
		summary: "Accompagnement à la scolarité quatre soirs par semaine pour des élèves du CP à la 3e, complété par des ateliers mensuels parents-enfants. Des bénévoles et deux animateurs salariés encadrent les séances.",
		public:  "Élèves du CP à la 3e et leurs parents", benef: 80, share: 95,
		total: 45000, requested: 15000,
		cofin:    []cof{{fCAF, 18000, true}, {"Commune de Sallaumines", 5000, true}},
		received: "2021-03-22 09:47", rep: "Marie-Claude Wojcik", first: "Yanis", last: "Haddad",
		opinion: data.OpinionFavorable, opinionText: "Action structurante, complémentaire de l'accompagnement à la scolarité financé par la CAF ; vérifier l'absence de double financement.",
	},
	{
		name: "Santé Partagée Lens Nord", form: formAsso, insee: "62498", street: "41 route de Béthune",
		qpvs: []string{"QP062024", "QP062026"}, theme: themeSante,
		title:   "Bus santé : dépistages et accès aux droits au pied des immeubles",
		summary: "Un véhicule aménagé stationne chaque semaine dans les cités 12-14 et dans la Cité 2 : dépistages (diabète, vue, audition), ouverture de droits à la complémentaire santé et orientation vers les médecins du secteur.",
		public:  "Habitants de plus de 16 ans éloignés du soin", benef: 450, share: 90,
		total: 82000, requested: 30000,
		cofin:    []cof{{fARS, 25000, false}, {fCPAM, 10000, true}, {fFdF, 8000, false}},
		received: "2021-04-29 16:38", rep: "Philippe Delattre", first: "Aurélie", last: "Mercier",
		notes:   "Demande au plafond. Plan de financement fragile : 33 000 € sollicités et non encore acquis.",
		opinion: data.OpinionReserved, opinionText: "Projet pertinent mais dépendant de la décision de l'ARS ; proposer un montant réduit.",
	},
	{
		name: "Mobil'Emploi Artois", form: formSCIC, insee: "62413", street: "16 rue des Fusillés",
		qpvs: []string{"QP062023"}, theme: themeMobilite,
		title:   "Location solidaire de scooters pour se rendre au travail",
		summary: "Location de scooters à 2 € par jour pour les personnes qui reprennent un emploi ou une formation à horaires décalés, le temps de trouver une solution durable. Un conseiller mobilité établit avec chacun un plan de déplacement.",
		public:  "Salariés en reprise d'emploi et stagiaires de la formation professionnelle", benef: 70, share: 60,
		total: 56000, requested: 20000,
		cofin:    []cof{{fRegion, 10000, false}, {fFSE, 12000, true}},
		received: "2021-04-07 11:15", rep: "Karim Boudjema", first: "Laetitia", last: "Vasseur",
	},
	{
		name: "Les Jardins de Saint-Élie", form: formAsso, insee: "62464", street: "9 rue Jules Guesde",
		qpvs: []string{"QP062016"}, theme: themeSante,
		title:   "Jardin partagé et ateliers nutrition en famille",
		summary: "Création de vingt parcelles familiales cultivées avec un animateur, et ateliers de cuisine des légumes récoltés animés par une diététicienne. Le projet associe l'école voisine et les habitants de la cité Saint-Élie.",
		public:  "Familles de la cité Saint-Élie", benef: 40, share: 100,
		total: 14500, requested: 8000,
		cofin:    []cof{{fBailleur, 2500, true}},
		missing:  []data.Document{data.DocDirigeants},
		received: "2021-03-30 18:02", rep: "Bernard Dumont", first: "Céline", last: "Roussel",
	},
	{
		name: "Femmes Actives de Méricourt", form: formAsso, insee: "62570", street: "12 rue Jean Moulin",
		qpvs: []string{"QP062034", "QP062045"}, theme: themeInsertion,
		title:   "Cap vers l'emploi : remobilisation des femmes isolées",
		summary: "Parcours de six mois pour des femmes isolées ou seules à élever leurs enfants : ateliers de confiance en soi, garde d'enfants ponctuelle, immersions en entreprise. L'objectif est une sortie vers l'emploi ou la formation pour la moitié des participantes.",
		public:  "Femmes de 25 à 55 ans éloignées de l'emploi", benef: 24, share: 100,
		total: 38000, requested: 18000,
		cofin:    []cof{{fEtat, 8000, true}, {fCAF, 4000, false}},
		missing:  []data.Document{data.DocRIB, data.DocAttestation},
		received: "2021-04-19 10:31", rep: "Fatima Aït Ouali", first: "Émilie", last: "Leroy",
		notes: "RIB et attestation sur l'honneur manquants : relance envoyée par courriel.",
	},
	{
		name: "Numérique pour Tous Avion", form: formAsso, insee: "62065", street: "3 avenue Léon Blum",
		qpvs: []string{"QP062019"}, theme: themeEducation,
		title:   "Collégiens connectés : ateliers numériques et prêt d'ordinateurs",
		summary: "Prêt d'ordinateurs reconditionnés à des familles sans équipement et ateliers hebdomadaires pour apprendre aux collégiens et à leurs parents à utiliser l'espace numérique de travail.",
		public:  "Collégiens de la cité 4 et leurs parents", benef: 120, share: 80,
		total: 22000, requested: 11000,
		cofin:    []cof{{fFondEnt, 5000, true}},
		received: "2021-03-25 15:20", rep: "Thierry Lambert", first: "Inès", last: "Mansouri",
		opinion: data.OpinionFavorable, opinionText: "Réponse directe à la fracture numérique constatée pendant les confinements.",
	},
	{
		name: "Régie de quartier Liévin Sud", form: "Régie de quartier (association loi 1901)", insee: "62510", street: "4 rue Marcel Cachin",
		qpvs: []string{"QP062028"}, theme: themeInsertion,
		title:   "Chantier d'insertion : embellissement des cités minières",
		summary: "Douze salariés en parcours d'insertion rénovent les espaces communs des cités de Calonne et des Marichelles, avec un encadrant technique et une conseillère en insertion. Les habitants choisissent les chantiers lors de réunions de quartier.",
		public:  "Habitants des quartiers de plus de 26 ans, allocataires du RSA", benef: 12, share: 100,
		total: 90000, requested: 30000,
		cofin:    []cof{{fDepartement, 30000, true}, {fEtat, 20000, false}},
		received: "2021-04-26 09:05", rep: "Jean-Pierre Duhamel", first: "Samia", last: "Cherif",
		notes:   "Coût par bénéficiaire élevé (7 500 €), mais il s'agit de contrats de travail : à préciser au jury.",
		opinion: data.OpinionReserved, opinionText: "Intéressant, mais relève en partie du droit commun de l'insertion par l'activité économique.",
	},
	{
		name: "Sport Santé Bully", form: "Association sportive (loi 1901)", insee: "62186", street: "7 rue Roger Salengro",
		qpvs: []string{"QP062020"}, theme: themeSante,
		title:   "Sport sur ordonnance à la Cité des Brebis",
		summary: "Séances d'activité physique adaptée prescrites par les médecins du quartier à des patients atteints de maladies chroniques, encadrées par un éducateur diplômé. Un bilan de condition physique est fait au début et à la fin du cycle.",
		public:  "Adultes atteints d'une maladie chronique (diabète, obésité, hypertension)", benef: 50, share: 75,
		total: 18000, requested: 9000,
		cofin:    []cof{{fCPAM, 3000, false}},
		received: "2021-04-01 17:44", rep: "Didier Fontaine", first: "Maxime", last: "Deprez",
	},
	{
		name: "Lire et Grandir à Wingles", form: formAsso, insee: "62895", street: "15 rue Pasteur",
		qpvs: []string{"QP062035"}, theme: themeEducation,
		title:   "Bibliothèque de rue et éveil au langage",
		summary: "Chaque mercredi et pendant les vacances, des lectrices bénévoles installent une bibliothèque de rue au cœur de la cité des Taberneaux pour les enfants de 0 à 6 ans et leurs parents.",
		public:  "Enfants de 0 à 6 ans et leurs parents", benef: 90, share: 100,
		total: 9500, requested: 6000,
		cofin:    []cof{{"Commune de Wingles", 1500, true}},
		missing:  []data.Document{data.DocContrat},
		received: "2021-03-11 14:50", rep: "Monique Carlier", first: "Sophie", last: "Lefebvre",
		notes: "Contrat d'engagement républicain à joindre.",
	},
	{
		name: "Atelier Mécanique Solidaire", form: formAsso, insee: "62133", street: "33 rue Voltaire",
		qpvs: []string{"QP062021", "QP062047"}, theme: themeMobilite,
		title:   "Garage solidaire : réparer sa voiture ou son vélo à moindre coût",
		summary: "Atelier où les habitants réparent eux-mêmes leur véhicule avec l'aide d'un mécanicien et achètent les pièces à prix coûtant. Les personnes en recherche d'emploi bénéficient d'une réparation gratuite.",
		public:  "Habitants du Transvaal et de la cité Languedoc qui ont besoin d'un véhicule pour travailler", benef: 150, share: 70,
		total: 34000, requested: 14000,
		cofin:    []cof{{fRegion, 6000, true}, {fFdF, 4000, false}},
		received: "2021-04-14 10:02", rep: "Patrick Vandenbussche", first: "Kévin", last: "Lecomte",
	},
	{
		name: "Parents en Réseau Loos-en-Gohelle", form: formAsso, insee: "62528", street: "6 rue Henri Barbusse",
		qpvs: []string{"QP062022", "QP062029"}, theme: themeEducation,
		title:   "Café des parents et médiation scolaire",
		summary: "Un café des parents ouvert deux matinées par semaine près des écoles, et une médiatrice qui facilite le dialogue entre les familles et les enseignants, notamment en cas d'absentéisme.",
		public:  "Parents d'élèves des écoles primaires du quartier", benef: 70, share: 90,
		total: 12000, requested: 7500,
		cofin:    []cof{{fCAF, 2500, false}},
		received: "2021-03-18 08:55", rep: "Sylvie Prévost", first: "Nordine", last: "Belkacem",
		opinion: data.OpinionFavorable, opinionText: "Petit budget, fort ancrage de proximité.",
	},
	{
		name: "Jeunes et Avenir Angres", form: formAsso, insee: "62032", street: "19 rue Paul Bert",
		qpvs: []string{"QP062002", "QP062028"}, theme: themeInsertion,
		title:   "Sport et projet professionnel pour les 16-25 ans",
		summary: "Remobilisation de jeunes sans emploi ni formation par des séances sportives collectives, suivies d'ateliers sur le projet professionnel et de rencontres avec des employeurs du territoire.",
		public:  "Jeunes de 16 à 25 ans ni en emploi, ni en études, ni en formation", benef: 35, share: 80,
		total: 27000, requested: 13500,
		cofin:    []cof{{fEtat, 6000, false}, {"Commune d'Angres", 2000, true}},
		missing:  []data.Document{data.DocComptes},
		received: "2021-04-22 19:26", rep: "Mohamed Saïdi", first: "Lucas", last: "Bernard",
		notes: "Association créée en 2020 : pas encore de comptes approuvés, budget de l'année en cours fourni à la place.",
	},
	{
		name: "Point Écoute Jeunes Harnes", form: formAsso, insee: "62413", street: "2 rue de Verdun",
		qpvs: []string{"QP062023"}, theme: themeSante,
		title:   "Point écoute santé mentale pour les 12-25 ans",
		summary: "Permanences gratuites et anonymes d'une psychologue et d'une infirmière pour les jeunes en souffrance psychique, avec orientation vers les soins si besoin. Des interventions sont prévues au collège et au lycée.",
		public:  "Jeunes de 12 à 25 ans et leurs familles", benef: 110, share: 65,
		total: 31000, requested: 12000,
		cofin:    []cof{{fARS, 10000, true}},
		received: "2021-04-08 13:12", rep: "Christine Delcourt", first: "Hugo", last: "Masson",
		opinion: data.OpinionFavorable, opinionText: "Besoin fort, relevé par le diagnostic du contrat local de santé.",
	},
	{
		name: "Droits et Familles Lens-Liévin", form: formAsso, insee: "62498", street: "10 rue de Lille",
		qpvs: []string{"QP062025"}, theme: themeInsertion,
		title:   "Permanences d'accès aux droits à la Grande Résidence",
		summary: "Permanences hebdomadaires d'une juriste et d'une travailleuse sociale pour aider les habitants dans leurs démarches : logement, prestations sociales, titres de séjour, surendettement.",
		public:  "Habitants de la Grande Résidence", benef: 300, share: 95,
		total: 16000, requested: 8000,
		cofin:    []cof{{fEtat, 4000, true}, {fBailleur, 1500, true}},
		received: "2021-03-09 10:40", rep: "Hélène Pruvost", first: "Camille", last: "Dubois",
	},
	{
		name: "Covoiturage Solidaire Gohelle", form: formSAS, insee: "62563", street: "1 rue Lamartine",
		qpvs: []string{"QP062031", "QP062020"}, theme: themeMobilite,
		title:   "Covoiturage solidaire vers les zones d'activité",
		summary: "Une plateforme téléphonique met en relation des salariés des zones d'activité avec des habitants sans véhicule qui y ont trouvé un emploi. Le conducteur est indemnisé et le passager paie un forfait modique.",
		public:  "Habitants sans véhicule qui travaillent ou se forment en zone d'activité", benef: 80, share: 70,
		total: 42000, requested: 16000,
		cofin:    []cof{{fRegion, 12000, false}},
		received: "2021-04-30 17:58", rep: "Stéphane Lemoine", first: "Pauline", last: "Fournier",
	},
	{
		name: "Les Cuisines du Monde Sallaumines", form: formAsso, insee: "62771", street: "18 rue Jean Jaurès",
		qpvs: []string{"QP062034"}, theme: themeInsertion,
		title:   "Traiteur solidaire : se former aux métiers de la restauration",
		summary: "Des habitantes préparent des plats du monde entier pour un service traiteur tout en suivant une formation qualifiante aux métiers de la restauration. L'action vise l'emploi de huit personnes en fin de parcours.",
		public:  "Femmes et jeunes adultes éloignés de l'emploi", benef: 16, share: 100,
		total: 64000, requested: 22000,
		cofin:    []cof{{fFSE, 20000, false}, {fFondEnt, 6000, true}},
		missing:  []data.Document{data.DocBudget},
		received: "2021-04-23 11:37", rep: "Zohra Meziane", first: "Antoine", last: "Girard",
		notes: "Budget prévisionnel de l'action absent : seul le budget global de l'association est joint.",
	},
	{
		name: "Coup de Pouce Scolaire Éleu", form: formAsso, insee: "62291", street: "5 rue Jules Ferry",
		qpvs: []string{"QP062027"}, theme: themeEducation,
		title:   "Aide aux devoirs et sorties culturelles",
		summary: "Aide aux devoirs deux soirs par semaine et quatre sorties culturelles par an (musée, théâtre, cinéma) pour des écoliers de Sellier Cité 4.",
		public:  "Écoliers du CE1 au CM2", benef: 25, share: 100,
		total: 6800, requested: 4000,
		missing:  []data.Document{data.DocDirigeants, data.DocComptes},
		received: "2021-04-28 20:14", rep: "Jacqueline Maes", first: "Rémi", last: "Gosselin",
	},
	{
		name: "Ma Santé Mon Quartier Avion", form: formAsso, insee: "62065", street: "28 rue Émile Zola",
		qpvs: []string{"QP062033"}, theme: themeSante,
		title:   "Prévenir le diabète aux Blanches Laines",
		summary: "Ateliers collectifs de prévention du diabète et de l'obésité (cuisine, marche, lecture des étiquettes) avec une diététicienne et une infirmière formée à l'éducation thérapeutique.",
		public:  "Adultes en surpoids ou à risque de diabète", benef: 60, share: 85,
		total: 19500, requested: 9500,
		cofin:    []cof{{fCPAM, 4000, true}},
		received: "2021-04-16 09:28", rep: "Alain Delporte", first: "Nadège", last: "Lefort",
	},
	{
		name: "Code en Clair Sains-en-Gohelle", form: formAsso, insee: "62737", street: "11 rue Anatole France",
		qpvs: []string{"QP062032"}, theme: themeMobilite,
		title:   "Le code de la route en français facile",
		summary: "Préparation à l'examen du code de la route pour des personnes qui maîtrisent mal l'écrit, avec des supports en français facile et un accompagnement individuel jusqu'à l'examen.",
		public:  "Adultes en difficulté avec la lecture, dont des personnes allophones", benef: 40, share: 90,
		total: 11000, requested: 7000,
		cofin:    []cof{{"Commune de Sains-en-Gohelle", 1000, true}},
		received: "2021-03-31 15:03", rep: "Francis Delebarre", first: "Amina", last: "Diallo",
		notes:   "Même public et même action que le dossier déposé au Contrat de ville 2021.",
		opinion: data.OpinionUnfavorable, opinionText: "Action déjà financée par le Contrat de ville : pas de besoin non couvert démontré.",
	},
	{
		name: "Théâtre des Corons", form: "Compagnie de théâtre (association loi 1901)", insee: "62510", street: "22 rue Montgolfier",
		qpvs: []string{"QP062029"}, theme: themeEducation,
		title:   "Théâtre-forum au collège contre le décrochage",
		summary: "Une compagnie monte avec des collégiens des Hauts de Liévin des scènes de théâtre-forum sur le décrochage scolaire, jouées devant les familles en fin d'année.",
		public:  "Collégiens de 4e et de 3e repérés par l'équipe éducative", benef: 45, share: 80,
		total: 15000, requested: 8500,
		cofin:    []cof{{fDRAC, 3000, false}},
		received: "2021-04-20 16:49", rep: "Olivier Maréchal", first: "Léa", last: "Hennebelle",
	},
	{
		name: "Entreprendre au Féminin Lens", form: formAsso, insee: "62498", street: "56 boulevard Émile Basly",
		qpvs: []string{"QP062027"}, theme: themeInsertion,
		title:   "Couveuse d'activités pour les femmes des quartiers",
		summary: "Accompagnement pendant dix-huit mois de douze femmes qui veulent créer leur activité : formation à la gestion, test de l'activité en couveuse, mise en relation avec les banques et les réseaux de la création d'entreprise.",
		public:  "Femmes des quartiers prioritaires porteuses d'un projet de création", benef: 12, share: 100,
		total: 48000, requested: 18000,
		cofin:    []cof{{fRegion, 12000, true}, {fFondEnt, 5000, false}},
		received: "2021-04-27 10:10", rep: "Valérie Dupuis", first: "Myriam", last: "Benhamou",
	},
	{
		name: "Mission Mobilité Vendin", form: formAsso, insee: "62842", street: "8 rue Victor Hugo",
		qpvs: []string{"QP062025"}, theme: themeMobilite,
		title:   "Permis AM et vélos électriques pour les jeunes en formation",
		summary: "Prise en charge partielle du permis AM et prêt de vélos électriques à des apprentis qu'aucun transport en commun ne conduit chez leur employeur aux heures de travail.",
		public:  "Apprentis et jeunes en formation de 14 à 20 ans", benef: 25, share: 60,
		total: 8500, requested: 5000,
		missing:  []data.Document{data.DocStatuts},
		received: "2021-04-30 23:41", rep: "Jean-Luc Caudron", first: "Thomas", last: "Delmotte",
		notes: "Déposé le dernier jour à 23 h 41 : dans les délais. Statuts manquants.",
	},
	{
		name: "Médiation Santé Grenay", form: formAsso, insee: "62386", street: "14 rue de la Paix",
		qpvs: []string{"QP062022"}, theme: themeSante,
		title:   "Médiation santé : accompagner jusqu'au rendez-vous médical",
		summary: "Une médiatrice en santé aide les habitants à prendre rendez-vous, les accompagne chez le médecin ou à l'hôpital et les aide à ouvrir leurs droits, en lien avec la maison de santé pluriprofessionnelle.",
		public:  "Habitants sans médecin traitant ou qui renoncent aux soins", benef: 140, share: 85,
		total: 26000, requested: 11000,
		cofin:    []cof{{fARS, 8000, false}},
		received: "2021-04-13 12:30", rep: "Martine Leclercq", first: "Bilal", last: "Amrani",
	},
	{
		name: "Sciences en Cités", form: formAsso, insee: "62570", street: "9 rue Louis Pasteur",
		qpvs: []string{"QP062045"}, theme: themeEducation,
		title:   "Les mercredis de la science",
		summary: "Ateliers scientifiques et techniques le mercredi après-midi (robotique, astronomie, expériences) pour éveiller la curiosité des enfants du quartier du Maroc et de la Canche.",
		public:  "Enfants de 8 à 14 ans", benef: 60, share: 90,
		total: 13500, requested: 7000,
		cofin:    []cof{{fCAF, 2000, true}, {fFondEnt, 1500, false}},
		received: "2021-03-26 10:55", rep: "Richard Flament", first: "Clara", last: "Marchand",
	},
	{
		name: "Solidarité Seniors Bully", form: formAsso, insee: "62186", street: "21 rue Jean Moulin",
		qpvs: []string{"QP062020"}, theme: themeInsertion,
		title:   "Rompre l'isolement des seniors de la Cité des Brebis",
		summary: "Visites à domicile par des bénévoles formés, repas partagés chaque mois et aide à l'usage du téléphone et des démarches en ligne pour les personnes âgées isolées.",
		public:  "Personnes de plus de 65 ans vivant seules", benef: 55, share: 100,
		total: 9000, requested: 5500,
		cofin:    []cof{{fDepartement, 1500, false}},
		missing:  []data.Document{data.DocContrat},
		received: "2021-04-06 09:15", rep: "Josiane Hautecœur", first: "Gaëlle", last: "Poulain",
	},
	{
		name: "Prévention Addictions Artois", form: formAsso, insee: "62510", street: "35 rue Édouard Vaillant",
		qpvs: []string{"QP062002"}, theme: themeSante,
		title:   "Prévenir les addictions chez les jeunes du quartier Camus",
		summary: "Interventions de prévention des conduites addictives (alcool, cannabis, écrans) auprès des jeunes du quartier Camus avec des éducateurs de rue, et un temps d'échange pour les parents.",
		public:  "Jeunes de 13 à 20 ans et leurs parents", benef: 150, share: 80,
		total: 21000, requested: 10000,
		cofin:    []cof{{fMILDECA, 5000, false}},
		received: "2021-04-21 14:40", rep: "Henri Masclet", first: "Sarah", last: "Lamri",
	},
	{
		name: "Passerelle Emploi Wingles", form: formAsso, insee: "62895", street: "3 rue Anatole France",
		qpvs: []string{"QP062035"}, theme: themeInsertion,
		title:   "Job dating et accompagnement vers l'emploi",
		summary: "Quatre rencontres entre employeurs du territoire et demandeurs d'emploi de la cité des Taberneaux, préparées par des ateliers CV et entretien, avec un suivi de trois mois après l'embauche.",
		public:  "Demandeurs d'emploi du quartier", benef: 100, share: 75,
		total: 17000, requested: 9000,
		cofin:    []cof{{"Commune de Wingles", 2000, true}},
		received: "2021-05-03 09:12", rep: "Daniel Wattel", first: "Justine", last: "Morel",
		notes: "Reçu le lundi suivant la date limite, par courriel ; la structure invoque une panne de messagerie, sans justificatif.",
	},
	{
		name: "Roue Libre Harnes", form: formAsso, insee: "62413", street: "47 rue Montgolfier",
		qpvs: []string{"QP062023"}, theme: themeMobilite,
		title:   "Vélos électriques en prêt pour aller travailler",
		summary: "Prêt de vingt vélos à assistance électrique pour trois mois à des salariés de la cité Bellevue qui travaillent en horaires décalés, avec un atelier de sécurité routière.",
		public:  "Salariés et alternants sans moyen de transport", benef: 20, share: 90,
		total: 29000, requested: 12000,
		cofin:    []cof{{fRegion, 8000, false}},
		received: "2021-05-01 00:07", rep: "Francine Dhaussy", first: "Adrien", last: "Bourgeois",
		notes: "Reçu sept minutes après la fin du jour limite.",
	},
}

// demoDeadline is the AMI 2021's deadline, from which the rows' dates are shifted.
var demoDeadline = data.NewDate(2021, time.April, 30)

// DemoSet returns the 30 fictional applications of the demonstration set
// (DEMO-001…DEMO-030) for campaign c, meant for the CALL's AMI 2021. Themes are
// matched by label (then position) and ThemeID is copied from c.Themes, so it is 0
// in a campaign not yet stored. Communes and QPV missing from c are left out.
// Received dates are those of 2021, shifted onto c's calendar when its deadline
// differs; exactly two come after the deadline (one of them seven minutes after).
// Every application has Status data.StatusRecu and Late false: the store applies
// the deadline rule. Each call returns fresh values.
func DemoSet(c *data.Campaign) []data.Application {
	themes := resolveThemes(c)
	launch, deadline := window(c)
	shift := daysBetween(demoDeadline, deadline)
	out := make([]data.Application, 0, len(demoRows))
	for i, r := range demoRows {
		n := i + 1
		name := r.name + FictionSuffix
		insee := campaignCommune(c, r.insee)
		st := data.Structure{
			Name:      name,
			LegalForm: r.form,
			SIRET:     siret(pad(77_000_000+(n*7_368_787)%22_000_000, 8), n%3+1),
			Commune:   insee,
			LegalRep:  r.rep,
			Contact:   r.first + " " + r.last,
			Email:     email(r.first, r.last, name),
			Phone:     phone(n*371_293 + 100_000),
		}
		st.Address, st.PostalCode, st.Town = address(c, r.street, insee)
		if strings.Contains(strings.ToLower(r.form), "association") {
			st.RNA = "W62" + pad(2_000_000+(n*376_541)%7_000_000, 7)
		}
		recv, err := time.ParseInLocation("2006-01-02 15:04", r.received, data.Paris)
		if err != nil {
			panic("demo: bad date " + r.received) // the table is ours: cannot happen
		}
		day := data.DateOf(recv).AddDays(shift)
		if day.Before(launch) {
			day = launch
		}
		year := deadline.Year
		start, end := data.NewDate(year, time.July, 1), data.NewDate(year, time.December, 31)
		switch {
		case r.theme == themeEducation:
			start, end = data.NewDate(year, time.September, 1), data.NewDate(year+1, time.July, 6)
		case n%3 == 1:
			start, end = data.NewDate(year, time.September, 1), data.NewDate(year+1, time.August, 31)
		case n%3 == 2:
			start, end = data.NewDate(year, time.October, 1), data.NewDate(year+1, time.June, 30)
		}
		a := data.Application{
			CampaignID:     c.ID,
			Number:         DemoPrefix + pad(n, 3),
			Received:       at(day, recv.Hour(), recv.Minute()),
			Structure:      st,
			Title:          r.title,
			Summary:        r.summary,
			ThemeID:        themeID(c, themes, r.theme),
			QPVs:           campaignQPVs(c, r.qpvs),
			TargetPublic:   r.public,
			Beneficiaries:  r.benef,
			QPVSharePct:    r.share,
			Start:          start,
			End:            end,
			TotalCents:     r.total * 100,
			RequestedCents: r.requested * 100,
			Documents:      documents(r.missing...),
			Status:         data.StatusRecu,
			Notes:          r.notes,
			Opinion:        r.opinion,
			OpinionText:    r.opinionText,
		}
		for _, cf := range r.cofin {
			a.Cofinancing = append(a.Cofinancing, data.Cofinancing{Funder: cf.funder, AmountCents: cf.euros * 100, Acquired: cf.acquired})
		}
		out = append(out, a)
	}
	return out
}
