package reports

import (
	"slices"
	"strings"

	"github.com/call-agglo/cohesion/data"
)

// The council's documents: the rapport de présentation, which tells the
// council how the call ran, and the projet de délibération it votes. Both
// come from editable templates (CouncilTemplates) with {{champ}} fields,
// like the letters, and print the facts of the base: the call, its calendar,
// the dossiers, the jury, the split, the grants.
//
// The law they follow (docs/regles-deliberation.md):
//   - CGCT art. L. 2311-7: the grants are attributed by a deliberation
//     distinct from the vote of the budget — hence the projet's first
//     article, with the annex's table of beneficiaries it carries;
//   - CGCT art. L. 5211-1: the rules on how a municipal council works apply
//     to the council of a communauté d'agglomération (and L. 5211-3 extends
//     the rules on their acts, L. 2131-11 among them);
//   - CGCT art. L. 2131-11: a deliberation is illegal when councillors
//     « intéressés à l'affaire » take part in it: the elected jurors who
//     stepped aside from a dossier are named with the grants concerned, so the
//     vote is taken without them;
//   - loi n° 2000-321 du 12 avril 2000, art. 10, and décret n° 2001-495 du
//     6 juin 2001: a grant strictly above 23 000 € needs a convention (its
//     object, amount, conditions of payment): the projet authorises the
//     president to sign each one, by name.

// Council document kinds, as Build and the command line name them.
const (
	KindReport       = "rapport"
	KindDeliberation = "deliberation"
)

// The titles of the council's documents, before the deliberation is recorded.
const (
	ReportTitle           = "Rapport de présentation"
	DeliberationDraftName = "Projet de délibération"
)

// CouncilTemplates are the texts of the rapport de présentation and of the
// projet de délibération, with {{champ}} fields. Paragraphs are separated by
// a blank line; « # Titre » is a section heading; « Article : texte » is the
// next numbered article (« Article 1er », « Article 2 »…); a paragraph that
// is one {{tableau_…}} field alone is that table.
type CouncilTemplates struct {
	Report       string
	Deliberation string
}

// CouncilFields are the text fields the council's templates may use.
var CouncilFields = []string{
	"campagne", "code", "conventions", "conventions_liste", "date_limite", "dates_versement", "deliberation", "deliberation_date",
	"deliberation_numero", "dossiers_classes", "dossiers_irrecevables", "dossiers_recevables", "dossiers_recus", "dossiers_retenus",
	"elus_deportes", "enveloppe", "enveloppe_lettres", "fonction", "imputation", "instance", "jury_date", "lancement", "lieu",
	"methode", "methode_description", "nature", "note_minimale", "objectifs", "organisateur", "quorum", "reliquat", "scenario",
	"subventions", "total", "total_lettres",
}

// CouncilTables are the fields that stand alone in a paragraph and print a
// table, or the signature.
var CouncilTables = []string{
	"tableau_calendrier", "tableau_dossiers", "tableau_irrecevables", "tableau_jury", "tableau_grille",
	"tableau_thematiques", "tableau_qpv", "tableau_conventions", "tableau_elus_deportes", "tableau_subventions",
	"signature", // the projet's signature (at its end when the template has none)
}

// articlePrefix starts a numbered article in a council template.
const articlePrefix = "Article :"

// DefaultCouncilTemplates are the default rapport and projet, in the style of
// the CALL's deliberations.
func DefaultCouncilTemplates() CouncilTemplates {
	return CouncilTemplates{Report: defaultReport, Deliberation: defaultDeliberation}
}

const defaultReport = `# L'appel à manifestation d'intérêt

Le {{lancement}}, la {{organisateur}} a lancé l'appel à manifestation d'intérêt « {{campagne}} » ({{code}}), au titre du contrat de ville et de la politique de la ville, doté d'une enveloppe de {{enveloppe}} ({{enveloppe_lettres}}).

Ses objectifs : {{objectifs}}.

# Le calendrier

{{tableau_calendrier}}

# Les dossiers

{{tableau_dossiers}}

Motifs d'irrecevabilité :

{{tableau_irrecevables}}

# Le jury

Le jury s'est réuni {{jury_date}}. Ses membres, par collège :

{{tableau_jury}}

Chaque juré a noté chaque dossier recevable selon la grille ci-dessous, sauf ceux pour lesquels il s'est déporté ; la note finale, sur 20, est la moyenne des grilles complètes (au moins {{quorum}} par dossier). Un dossier sous la note minimale de {{note_minimale}} sur 20 n'est pas proposé.

{{tableau_grille}}

# L'enveloppe et la méthode de répartition

L'enveloppe de {{enveloppe}} est répartie selon le scénario « {{scenario}} », méthode « {{methode}} » : {{methode_description}}

# La proposition

Il est proposé au {{instance}} d'attribuer {{subventions}} pour un montant total de {{total}} ({{total_lettres}}), le reliquat de l'enveloppe étant de {{reliquat}}.

{{conventions}}

# Montants par thématique

{{tableau_thematiques}}

# Montants par quartier prioritaire

{{tableau_qpv}}

# Détail des subventions proposées

{{tableau_subventions}}`

const defaultDeliberation = `Objet : attribution des subventions de l'appel à manifestation d'intérêt « {{campagne}} » ({{code}})

Le {{instance}},

Vu le code général des collectivités territoriales, et notamment ses articles L. 2311-7 et L. 5211-1 ;

Vu la loi n° 2000-321 du 12 avril 2000 relative aux droits des citoyens dans leurs relations avec les administrations, et notamment son article 10 ;

Vu le décret n° 2001-495 du 6 juin 2001 pris pour l'application de l'article 10 de la loi n° 2000-321 du 12 avril 2000 et relatif à la transparence financière des aides octroyées par les personnes publiques ;

Vu le contrat de ville de la {{organisateur}} ;

Vu la décision du {{lancement}} lançant l'appel à manifestation d'intérêt « {{campagne}} », doté d'une enveloppe de {{enveloppe}} ;

Vu le rapport de présentation ;

Considérant les dossiers reçus ({{dossiers_recus}}), dont {{dossiers_recevables}} déclarés recevables et soumis au jury ;

Considérant l'avis du jury réuni {{jury_date}}, qui a classé {{dossiers_classes}} et retenu {{dossiers_retenus}} ;

Considérant que les conseillers intéressés à l'affaire ne peuvent prendre part ni au débat ni au vote (article L. 2131-11 du code général des collectivités territoriales) ;

{{elus_deportes}}

Après en avoir délibéré,

DÉCIDE :

Article : D'attribuer les subventions figurant dans le tableau annexé à la présente délibération, soit {{subventions}}, pour un montant total de {{total}} ({{total_lettres}}).

Article : D'imputer la dépense sur les crédits inscrits au budget de l'exercice, {{imputation}}.

Article : D'autoriser le Président à signer, avec les bénéficiaires des subventions d'un montant supérieur à 23 000 €, les conventions prévues par l'article 10 de la loi n° 2000-321 du 12 avril 2000 et le décret n° 2001-495 du 6 juin 2001 : {{conventions_liste}}.

Article : Les subventions sont versées {{dates_versement}}, après que la présente délibération est devenue exécutoire ; une subvention soumise à convention est versée après la signature de celle-ci. Chaque bénéficiaire transmet, dans les six mois suivant la fin de l'exercice, un compte rendu financier de l'emploi de la subvention.

Article : D'autoriser le Président, ou son représentant, à signer tout acte nécessaire à l'exécution de la présente délibération.

{{signature}}

# Annexe : subventions attribuées

{{tableau_subventions}}`

// Validate checks both templates: every {{field}} known, braces closed, a
// table field alone in its paragraph.
func (t CouncilTemplates) Validate() error {
	for _, p := range []struct{ of, text string }{{"du rapport de présentation", t.Report}, {"du projet de délibération", t.Deliberation}} {
		if err := checkTemplate(p.of, p.text, append(append([]string(nil), CouncilFields...), CouncilTables...)); err != nil {
			return err
		}
		for _, para := range splitParagraphs(p.text) {
			for _, m := range fieldRe.FindAllStringSubmatch(para, -1) {
				if slices.Contains(CouncilTables, m[1]) && strings.TrimSpace(para) != m[0] {
					return data.Errorf(data.EINVALID, "Modèle %s : le champ « {{%s}} » est un bloc, il doit être seul dans son paragraphe (lignes vides avant et après).", p.of, m[1])
				}
			}
		}
	}
	return nil
}

// withDefaults fills the empty templates with the default ones.
func (t CouncilTemplates) withDefaults() CouncilTemplates {
	d := DefaultCouncilTemplates()
	if data.Blank(t.Report) {
		t.Report = d.Report
	}
	if data.Blank(t.Deliberation) {
		t.Deliberation = d.Deliberation
	}
	return t
}
