package reports

import (
	"slices"

	"github.com/call-agglo/cohesion/data"
)

// The follow-up's documents (issue 21): the conventions (loi n° 2000-321 du
// 12 avril 2000, art. 10 ; décret n° 2001-495 du 6 juin 2001), the reminders
// of an overdue compte rendu financier (Cerfa n° 15059, arrêté du 11 octobre
// 2006) and the reversal demands. Their texts are the campaign's templates,
// editable like the letters' ({{champ}} fields, blank lines between
// paragraphs), and may change after the deliberation.

// The kinds of follow-up documents, as the command line names them.
const (
	KindConventions = "conventions"
	KindReminders   = "reminders"
	KindReversals   = "reversals"
)

// FollowUpKinds are the follow-up's documents, in the order of the work.
var FollowUpKinds = []string{KindConventions, KindReminders, KindReversals}

// FollowUpFields are the fields the follow-up's templates may use: the
// letters' own, and the grant's.
var FollowUpFields = slices.Concat(TemplateFields, []string{
	"convention_numero", "siret", "adresse_ligne", "echeancier", "date_crf", "situation_crf",
	"montant_verse", "montant_verse_lettres", "montant_utilise", "reversement", "reversement_lettres", "motif_reversement",
	"date_decision_reversement", "organe", "signataire",
})

// DefaultConvention is the convention's default text. A paragraph that
// starts with « Article » or « Préambule » and fits on a line is a heading.
const DefaultConvention = `Entre les soussignés :

la {{organisateur}}, représentée par son Président, dûment habilité par la {{deliberation}} du {{organe}}, ci-après dénommée « la Communauté d'agglomération », d'une part,

et {{structure}}, SIRET {{siret}}, dont le siège est situé {{adresse_ligne}}, représentée par {{representant}}, son représentant légal, ci-après dénommée « la structure », d'autre part.

Préambule

Vu la loi n° 2000-321 du 12 avril 2000 relative aux droits des citoyens dans leurs relations avec les administrations, notamment son article 10 ; vu le décret n° 2001-495 du 6 juin 2001 pris pour l'application de l'article 10 de la loi n° 2000-321 et relatif à la transparence financière des aides octroyées par les personnes publiques ; vu l'arrêté du 11 octobre 2006 relatif au compte rendu financier ; vu la {{deliberation}} ; vu le dossier n° {{numero}} déposé par la structure en réponse à l'appel à manifestation d'intérêt « {{campagne}} ». Il est convenu ce qui suit.

Article 1 — Objet

La présente convention définit les conditions dans lesquelles la Communauté d'agglomération soutient le projet « {{projet}} » (dossier n° {{numero}}), que la structure s'engage à réaliser à son initiative et sous sa responsabilité.

Article 2 — Montant de la subvention

La Communauté d'agglomération attribue à la structure une subvention d'un montant de {{montant}} ({{montant_lettres}}). Cette subvention est exclusivement affectée à la réalisation du projet décrit à l'article 1.

Article 3 — Modalités de versement

La subvention est versée par virement sur le compte bancaire de la structure selon l'échéancier suivant : {{echeancier}}

Article 4 — Obligations de la structure

Compte rendu financier : la structure transmet à la Communauté d'agglomération, au plus tard le {{date_crf}}, le compte rendu financier de l'action conforme au formulaire Cerfa n° 15059 (arrêté du 11 octobre 2006), signé par son représentant légal, attestant de la conformité des dépenses effectuées à l'objet de la subvention.

Publicité : la structure fait mention du soutien de la {{organisateur}} sur tous les documents et supports de communication relatifs au projet, en y apposant son logo.

Contrôle : la structure facilite le contrôle, sur pièces et sur place, par la Communauté d'agglomération ou par toute personne qu'elle mandate, de la réalisation du projet et de l'utilisation de la subvention ; elle tient sa comptabilité à sa disposition.

Article 5 — Reversement

En cas d'inexécution, d'exécution partielle ou de modification du projet sans l'accord écrit de la Communauté d'agglomération, d'utilisation de la subvention à une autre fin que son objet, ou à défaut de compte rendu financier, la Communauté d'agglomération peut exiger, par décision motivée, le reversement de tout ou partie des sommes versées.

Article 6 — Durée

La présente convention prend effet à sa signature. Elle prend fin lorsque la Communauté d'agglomération a accepté le compte rendu financier et, le cas échéant, obtenu le reversement des sommes dues.

Article 7 — Litiges

Les litiges relatifs à la présente convention sont portés, après recherche d'une solution amiable, devant le tribunal administratif de Lille.`

// DefaultReminder is the default reminder of an overdue compte rendu financier.
const DefaultReminder = `Objet : relance — compte rendu financier de la subvention (dossier n° {{numero}})

{{civilite}},

Par {{deliberation}}, la {{organisateur}} a attribué à la structure {{structure}} une subvention de {{montant}} pour la réalisation du projet « {{projet}} ».

Conformément à l'article 10 de la loi n° 2000-321 du 12 avril 2000, vous deviez transmettre au plus tard le {{date_crf}} le compte rendu financier de cette action, établi selon le formulaire Cerfa n° 15059. {{situation_crf}}

Je vous remercie de me l'adresser dans un délai d'un mois à compter de la réception de la présente lettre. À défaut, la {{organisateur}} pourra demander le reversement des sommes versées, et aucune nouvelle subvention ne pourra être attribuée à votre structure.

Mes services restent à votre disposition pour vous accompagner dans cette démarche.

Je vous prie d'agréer, {{civilite}}, l'expression de mes salutations distinguées.`

// DefaultReversal is the default demand for a reversal.
const DefaultReversal = `Objet : demande de reversement d'une subvention (dossier n° {{numero}})

{{civilite}},

Par {{deliberation}}, la {{organisateur}} a attribué à la structure {{structure}} une subvention de {{montant}} pour la réalisation du projet « {{projet}} » ; {{montant_verse}} vous ont été versés à ce jour.

Le {{date_decision_reversement}}, la Communauté d'agglomération a décidé de demander le reversement d'une partie des sommes versées, pour le motif suivant : {{motif_reversement}}

En conséquence, je vous demande de reverser à la {{organisateur}} la somme de {{reversement}} ({{reversement_lettres}}). Un titre de recettes vous sera adressé par le comptable public, auprès duquel le paiement devra être effectué.

Cette décision peut faire l'objet d'un recours gracieux auprès de mes services ou d'un recours contentieux devant le tribunal administratif de Lille dans un délai de deux mois à compter de sa notification.

Je vous prie d'agréer, {{civilite}}, l'expression de mes salutations distinguées.`

// DefaultFollowUpTemplates are the follow-up's default texts.
func DefaultFollowUpTemplates() data.FollowUpTemplates {
	return data.FollowUpTemplates{Convention: DefaultConvention, Reminder: DefaultReminder, Reversal: DefaultReversal}
}

// followUpTemplate is a kind's template (the default where the campaign has
// none) and its name after « modèle », for the messages.
func followUpTemplate(t data.FollowUpTemplates, kind string) (tpl, of string) {
	switch kind {
	case KindConventions:
		return orDefault(t.Convention, DefaultConvention), "de convention"
	case KindReminders:
		return orDefault(t.Reminder, DefaultReminder), "de relance du compte rendu financier"
	}
	return orDefault(t.Reversal, DefaultReversal), "de demande de reversement"
}

// ValidateFollowUpTemplate checks a follow-up template: every {{field}}
// known, braces closed.
func ValidateFollowUpTemplate(kind, tpl string) error {
	_, of := followUpTemplate(data.FollowUpTemplates{}, kind)
	return checkTemplate(of, tpl, FollowUpFields)
}

// ReminderMergeFields are the columns of the reminders' mail merge, in
// order: the dossier, the kind of letter, then the fields the reminder's
// template uses, named as the templates name them.
var ReminderMergeFields = []string{"numero", "lettre", "civilite", "representant", "structure", "adresse", "code_postal", "localite", "projet",
	"montant", "montant_lettres", "montant_verse", "deliberation", "date_crf", "situation_crf", "lieu", "date", "date_lettres",
	"reference", "affaire_suivie_par", "affaire_contact", "organisateur"}
