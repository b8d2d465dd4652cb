package reports

import (
	"regexp"
	"slices"
	"strings"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/files"
)

// LettersTitle is the title of the notification letters.
const LettersTitle = "Lettres de notification"

// Templates are the letters' texts, with {{champ}} fields. Paragraphs are
// separated by a blank line; a paragraph that starts with « Objet : » is bold.
type Templates struct {
	Attribution    string
	Refusal        string
	Irrecevability string // to a dossier declared irrecevable
}

// TemplateFields are the fields a template may use.
var TemplateFields = []string{
	"adresse", "affaire_contact", "affaire_suivie_par", "campagne", "civilite", "code_postal", "commune", "convention", "date", "date_lettres", "date_limite",
	"deliberation", "deliberation_date", "deliberation_numero", "lieu", "localite", "montant", "montant_lettres", "motif", "motivation", "numero",
	"organisateur", "projet", "reference", "representant", "structure",
}

// DefaultCaseOfficer follows the case when the campaign names no one.
const DefaultCaseOfficer = "Service politique de la ville"

// ConventionSentence is {{convention}} for a grant above 23 000 €.
const ConventionSentence = "Le montant de cette subvention excédant 23 000 €, une convention définissant son objet, son montant et ses conditions d'utilisation vous sera adressée pour signature, conformément à l'article 10 de la loi n° 2000-321 du 12 avril 2000 et au décret n° 2001-495 du 6 juin 2001 ; le versement interviendra après sa signature."

// DefaultTemplates returns the default letters, in formal French administrative style.
func DefaultTemplates() Templates {
	return Templates{
		Attribution: `Objet : attribution d'une subvention — dossier n° {{numero}}

{{civilite}},

Vous avez déposé le dossier n° {{numero}}, intitulé « {{projet}} », en réponse à l'appel à manifestation d'intérêt « {{campagne}} » de la {{organisateur}}.

J'ai le plaisir de vous informer que le Conseil communautaire a décidé d'attribuer à la structure {{structure}} une subvention d'un montant de {{montant}} ({{montant_lettres}}) pour la réalisation de ce projet ({{deliberation}}).

Cette subvention est exclusivement affectée à la réalisation du projet décrit dans votre dossier. Vous voudrez bien transmettre, dans les six mois suivant la fin de l'exercice au cours duquel elle a été attribuée, un compte rendu financier attestant de la conformité des dépenses effectuées à son objet. {{convention}}

Mes services restent à votre disposition pour tout renseignement complémentaire.

Je vous prie d'agréer, {{civilite}}, l'expression de mes salutations distinguées.`,
		Refusal: `Objet : réponse à votre candidature — dossier n° {{numero}}

{{civilite}},

Vous avez déposé le dossier n° {{numero}}, intitulé « {{projet}} », en réponse à l'appel à manifestation d'intérêt « {{campagne}} » de la {{organisateur}}.

Après examen de l'ensemble des candidatures par le jury, j'ai le regret de vous informer que votre projet n'a pas été retenu.

Le jury a motivé sa décision comme suit : {{motivation}}

Cette décision peut faire l'objet d'un recours gracieux auprès de mes services ou d'un recours contentieux devant le tribunal administratif de Lille dans un délai de deux mois à compter de sa notification.

Je vous remercie de l'intérêt que vous portez à la politique de la ville et vous prie d'agréer, {{civilite}}, l'expression de mes salutations distinguées.`,
		Irrecevability: `Objet : irrecevabilité de votre candidature — dossier n° {{numero}}

{{civilite}},

Vous avez déposé le dossier n° {{numero}}, intitulé « {{projet}} », en réponse à l'appel à manifestation d'intérêt « {{campagne}} » de la {{organisateur}}.

J'ai le regret de vous informer que votre dossier ne peut pas être soumis au jury : il a été déclaré irrecevable pour le motif suivant : {{motif}}

Le règlement de l'appel à manifestation d'intérêt ne soumet au jury que les dossiers complets, déposés au plus tard le {{date_limite}}.

Cette décision peut faire l'objet d'un recours gracieux auprès de mes services ou d'un recours contentieux devant le tribunal administratif de Lille dans un délai de deux mois à compter de sa notification.

Je vous remercie de l'intérêt que vous portez à la politique de la ville et vous prie d'agréer, {{civilite}}, l'expression de mes salutations distinguées.`,
	}
}

var (
	blankLine   = regexp.MustCompile(`\n[ \t]*\n`)
	asciiSpaces = regexp.MustCompile(`[ \t]+`)
)

var fieldRe = regexp.MustCompile(`\{\{\s*([^{}]*?)\s*\}\}`)

// ValidateTemplate checks a template: every {{field}} known, braces closed.
// name is « d'attribution » or « de refus », for the message.
func ValidateTemplate(name, tpl string) error {
	return checkTemplate("de lettre "+name, tpl, TemplateFields)
}

// checkTemplate checks a template against its fields; of names it after
// « modèle » (« de lettre d'attribution », « du projet de délibération »).
func checkTemplate(of, tpl string, fields []string) error {
	if data.Blank(tpl) {
		return data.Errorf(data.EINVALID, "Le modèle %s est vide.", of)
	}
	for _, m := range fieldRe.FindAllStringSubmatch(tpl, -1) {
		if !slices.Contains(fields, m[1]) {
			return data.Errorf(data.EINVALID, "Modèle %s : champ inconnu « {{%s}} ». Champs possibles : %s.", of, m[1], fieldList(fields))
		}
	}
	rest := fieldRe.ReplaceAllString(tpl, "")
	if strings.Contains(rest, "{{") || strings.Contains(rest, "}}") {
		return data.Errorf(data.EINVALID, "Modèle %s : accolades « {{ » ou « }} » mal fermées.", of)
	}
	return nil
}

func fieldList(fields []string) string {
	out := make([]string, len(fields))
	for i, f := range fields {
		out[i] = "{{" + f + "}}"
	}
	return strings.Join(out, ", ")
}

// Validate checks every template.
func (t Templates) Validate() error {
	for _, k := range LetterKinds {
		if err := ValidateTemplate(k.of(), *t.text(k)); err != nil {
			return err
		}
	}
	return nil
}

// withDefaults fills the empty templates with the default ones.
func (t Templates) withDefaults() Templates {
	d := DefaultTemplates()
	for _, k := range LetterKinds {
		if data.Blank(*t.text(k)) {
			*t.text(k) = *d.text(k)
		}
	}
	return t
}

// text is the template of a kind of letter.
func (t *Templates) text(k LetterKind) *string {
	switch k {
	case LetterAttribution:
		return &t.Attribution
	case LetterIrrecevability:
		return &t.Irrecevability
	}
	return &t.Refusal
}

// fill substitutes the fields.
func fill(tpl string, fields map[string]string) string {
	return fieldRe.ReplaceAllStringFunc(tpl, func(m string) string {
		return fields[strings.TrimSpace(m[2:len(m)-2])]
	})
}

// Letters builds one letter per page, in number order, for every dossier
// that gets one (see PlanLetters).
func Letters(in Input) (*Document, error) {
	x, letters, tpl, err := prepareLetters(&in)
	if err != nil {
		return nil, err
	}
	doc := x.lettersDoc()
	for i, l := range letters {
		if i > 0 {
			doc.Blocks = append(doc.Blocks, PageBreak{})
		}
		doc.Blocks = append(doc.Blocks, x.letterBlocks(l, tpl)...)
	}
	return doc, nil
}

// LetterFor builds the letter of one application.
func LetterFor(in Input, appID int64) (*Document, error) {
	x, err := newCtx(&in)
	if err != nil {
		return nil, err
	}
	tpl := in.Templates.withDefaults()
	if err := tpl.Validate(); err != nil {
		return nil, err
	}
	a := x.byID[appID]
	if a == nil {
		return nil, data.Errorf(data.ENOTFOUND, "Dossier introuvable (identifiant %d).", appID)
	}
	l, err := x.letterOf(a)
	if err != nil {
		return nil, err
	}
	if l == nil {
		return nil, x.noLetter(a)
	}
	if _, skipped := postable([]Letter{*l}); len(skipped) > 0 {
		return nil, incompleteError(skipped)
	}
	return x.oneLetterDoc(*l, tpl), nil
}

func (x *ctx) oneLetterDoc(l Letter, tpl Templates) *Document {
	doc := x.lettersDoc()
	doc.Title = LettersTitle + " — " + l.Application.Number
	doc.Blocks = x.letterBlocks(l, tpl)
	return doc
}

// prepareLetters checks the templates and plans the letters.
func prepareLetters(in *Input) (*ctx, []Letter, Templates, error) {
	x, err := newCtx(in)
	if err != nil {
		return nil, nil, Templates{}, err
	}
	tpl := in.Templates.withDefaults()
	if err := tpl.Validate(); err != nil {
		return nil, nil, Templates{}, err
	}
	letters, err := x.plan()
	return x, letters, tpl, err
}

func (x *ctx) lettersDoc() *Document {
	return &Document{Kind: "letters", Title: LettersTitle + " — " + campaignName(x.c), Orientation: Portrait, GeneratedAt: x.gen,
		Footer: Footer{Left: x.c.Organiser}}
}

// letterBlocks is the blocks of one letter: the sender, the references
// (« Réf. », « Affaire suivie par »), the recipient, the place and the date
// in words, the text, the signature. A letter that cites the deliberation
// is marked DraftMark until it is recorded; an irrecevability letter, the
// service's own decision, never is.
func (x *ctx) letterBlocks(l Letter, tpl Templates) []Block {
	mark := x.in.Deliberation.draftMark()
	if l.Kind == LetterIrrecevability {
		mark = Watermark{}
	}
	return x.letterPage(l.Application, l.Fields, fill(*tpl.text(l.Kind), l.Fields), mark)
}

// letterPage is a letter's page from its text already filled: the follow-up's
// letters (reminders, reversal demands) are laid out as the decisions' are.
func (x *ctx) letterPage(a *data.Application, fields map[string]string, text string, mark Watermark) []Block {
	s := a.Structure
	// The address block as La Poste reads it (NF Z10-011), where the
	// window of a DL envelope shows it.
	recipient := s.PostalAddress().Lines(s.Name, s.LegalRep)
	bl := []Block{
		mark,
		Paragraph{Text: x.c.Organiser, Bold: true, Size: 11},
		Paragraph{Text: "Politique de la ville — appel à manifestation d'intérêt " + campaignName(x.c), Size: 9},
		Spacer{Height: 4},
		Paragraph{Text: letterReferences(fields), Size: 9},
		Spacer{Height: 6},
		Paragraph{Text: strings.Join(recipient, "\n"), Indent: 100},
		Spacer{Height: 10},
		Paragraph{Text: fields["lieu"] + ", le " + fields["date_lettres"], Indent: 100},
		Spacer{Height: 8},
	}
	for _, p := range splitParagraphs(text) {
		bl = append(bl, Paragraph{Text: p, Bold: strings.HasPrefix(p, "Objet")})
	}
	return append(bl, Signature{Lines: []string{x.in.Deliberation.signatory()}})
}

// letterReferences are the lines under the sender: the reference, who
// follows the case, and how to reach them.
func letterReferences(f map[string]string) string {
	lines := []string{"Réf. : " + f["reference"], "Affaire suivie par : " + f["affaire_suivie_par"]}
	if f["affaire_contact"] != "" {
		lines = append(lines, f["affaire_contact"])
	}
	return strings.Join(lines, "\n")
}

// splitParagraphs splits on blank lines and joins the lines of a paragraph.
func splitParagraphs(s string) []string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var out []string
	for _, p := range blankLine.Split(s, -1) {
		lines := strings.Split(p, "\n")
		for i := range lines {
			lines[i] = strings.TrimSpace(lines[i])
		}
		p = strings.TrimSpace(strings.Join(lines, " "))
		p = asciiSpaces.ReplaceAllString(p, " ") // no-break spaces stay
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

// LetterFile is one letter of a batch written one per file.
type LetterFile struct {
	Letter
	File string // its own name in the folder
}

// LetterFiles names the letters of a batch, each with a file name no other
// letter of the batch shares.
func LetterFiles(letters []Letter) []LetterFile {
	out := make([]LetterFile, len(letters))
	names := make([]string, len(letters))
	for i, l := range letters {
		out[i].Letter = l
		names[i] = l.Application.Number + " " + l.Application.Structure.Name
	}
	for i, n := range files.UniqueNames(names, ".pdf") {
		out[i].File = n
	}
	return out
}
