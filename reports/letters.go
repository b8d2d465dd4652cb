package reports

import (
	"regexp"
	"strings"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/files"
)

// LettersTitle is the title of the notification letters.
const LettersTitle = "Lettres de notification"

// Templates are the letters' texts, with {{champ}} fields. Paragraphs are
// separated by a blank line; a paragraph that starts with « Objet : » is bold.
type Templates struct {
	Attribution string
	Refusal     string
}

// TemplateFields are the fields a template may use.
var TemplateFields = []string{
	"adresse", "campagne", "convention", "date", "deliberation_date", "deliberation_numero",
	"montant", "motivation", "numero", "organisateur", "projet", "representant", "structure",
}

// ConventionSentence is {{convention}} for a grant above 23 000 €.
const ConventionSentence = "Le montant de cette subvention excédant 23 000 €, une convention définissant son objet, son montant et ses conditions d'utilisation vous sera adressée pour signature, conformément à l'article 10 de la loi n° 2000-321 du 12 avril 2000 et au décret n° 2001-495 du 6 juin 2001 ; le versement interviendra après sa signature."

// DefaultTemplates returns the default letters, in formal French administrative style.
func DefaultTemplates() Templates {
	return Templates{
		Attribution: `Objet : attribution d'une subvention — dossier n° {{numero}}

Madame, Monsieur,

Vous avez déposé le dossier n° {{numero}}, intitulé « {{projet}} », en réponse à l'appel à manifestation d'intérêt « {{campagne}} » de la {{organisateur}}.

J'ai le plaisir de vous informer que, par délibération n° {{deliberation_numero}} du {{deliberation_date}}, le Conseil communautaire a décidé d'attribuer à {{structure}} une subvention d'un montant de {{montant}} pour la réalisation de ce projet.

Cette subvention est exclusivement affectée à la réalisation du projet décrit dans votre dossier. Vous voudrez bien transmettre, dans les six mois suivant la fin de l'exercice au cours duquel elle a été attribuée, un compte rendu financier attestant de la conformité des dépenses effectuées à son objet. {{convention}}

Mes services restent à votre disposition pour tout renseignement complémentaire.

Je vous prie d'agréer, Madame, Monsieur, l'expression de mes salutations distinguées.`,
		Refusal: `Objet : réponse à votre candidature — dossier n° {{numero}}

Madame, Monsieur,

Vous avez déposé le dossier n° {{numero}}, intitulé « {{projet}} », en réponse à l'appel à manifestation d'intérêt « {{campagne}} » de la {{organisateur}}.

Après examen de l'ensemble des candidatures par le jury, j'ai le regret de vous informer que votre projet n'a pas été retenu.

Le jury a motivé sa décision comme suit : {{motivation}}

Cette décision peut faire l'objet d'un recours gracieux auprès de mes services ou d'un recours contentieux devant le tribunal administratif de Lille dans un délai de deux mois à compter de sa notification.

Je vous remercie de l'intérêt que vous portez à la politique de la ville et vous prie d'agréer, Madame, Monsieur, l'expression de mes salutations distinguées.`,
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
	if data.Blank(tpl) {
		return data.Errorf(data.EINVALID, "Le modèle de lettre %s est vide.", name)
	}
	for _, m := range fieldRe.FindAllStringSubmatch(tpl, -1) {
		if !knownField(m[1]) {
			return data.Errorf(data.EINVALID, "Modèle de lettre %s : champ inconnu « {{%s}} ». Champs possibles : %s.", name, m[1], fieldList())
		}
	}
	rest := fieldRe.ReplaceAllString(tpl, "")
	if strings.Contains(rest, "{{") || strings.Contains(rest, "}}") {
		return data.Errorf(data.EINVALID, "Modèle de lettre %s : accolades « {{ » ou « }} » mal fermées.", name)
	}
	return nil
}

func knownField(f string) bool {
	for _, k := range TemplateFields {
		if k == f {
			return true
		}
	}
	return false
}

func fieldList() string {
	out := make([]string, len(TemplateFields))
	for i, f := range TemplateFields {
		out[i] = "{{" + f + "}}"
	}
	return strings.Join(out, ", ")
}

// Validate checks both templates.
func (t Templates) Validate() error {
	if err := ValidateTemplate("d'attribution", t.Attribution); err != nil {
		return err
	}
	return ValidateTemplate("de refus", t.Refusal)
}

// withDefaults fills the empty templates with the default ones.
func (t Templates) withDefaults() Templates {
	d := DefaultTemplates()
	if data.Blank(t.Attribution) {
		t.Attribution = d.Attribution
	}
	if data.Blank(t.Refusal) {
		t.Refusal = d.Refusal
	}
	return t
}

// fill substitutes the fields.
func fill(tpl string, fields map[string]string) string {
	return fieldRe.ReplaceAllStringFunc(tpl, func(m string) string {
		return fields[strings.TrimSpace(m[2:len(m)-2])]
	})
}

// Letters builds one letter per page for every application the jury decided:
// attribution (retenu, with a grant in the scenario) or refusal (non retenu).
// Postponed applications, and retained ones the scenario gives nothing, get none.
func Letters(in Input) (*Document, error) {
	x, err := newCtx(&in)
	if err != nil {
		return nil, err
	}
	tpl := in.Templates.withDefaults()
	if err := tpl.Validate(); err != nil {
		return nil, err
	}
	doc := x.lettersDoc()
	n := 0
	for _, a := range x.apps {
		d, ok := in.Decisions[a.ID]
		if !ok {
			continue
		}
		bl, err := x.letter(a, d, tpl)
		if err != nil {
			if d.Decision == data.DecisionRetenu && in.Allocation != nil && !in.ScenarioStale {
				continue // retained without a grant: no letter to send yet
			}
			if d.Decision == data.DecisionAjourne {
				continue
			}
			return nil, err
		}
		if n > 0 {
			doc.Blocks = append(doc.Blocks, PageBreak{})
		}
		doc.Blocks = append(doc.Blocks, bl...)
		n++
	}
	if n == 0 {
		return nil, data.Errorf(data.EINVALID, "Aucune décision du jury à notifier dans la campagne « %s » : enregistrez les décisions depuis le classement.", campaignName(x.c))
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
	d, ok := in.Decisions[appID]
	if !ok {
		return nil, data.Errorf(data.EINVALID, "Le jury n'a pas encore rendu de décision sur le dossier %s : il n'y a pas de lettre à notifier.", a.Number)
	}
	bl, err := x.letter(a, d, tpl)
	if err != nil {
		return nil, err
	}
	doc := x.lettersDoc()
	doc.Title = LettersTitle + " — " + a.Number
	doc.Blocks = bl
	return doc, nil
}

func (x *ctx) lettersDoc() *Document {
	return &Document{Kind: "letters", Title: LettersTitle + " — " + campaignName(x.c), Orientation: Portrait, GeneratedAt: x.gen,
		Footer: Footer{Left: x.c.Organiser}}
}

// letter is the blocks of one letter.
func (x *ctx) letter(a *data.Application, d data.JuryDecision, tpl Templates) ([]Block, error) {
	in := x.in
	s := a.Structure
	fields := map[string]string{
		"structure":           s.Name,
		"representant":        orDefault(s.LegalRep, orDefault(s.Contact, "Madame, Monsieur le représentant légal")),
		"adresse":             s.Address,
		"projet":              a.Title,
		"numero":              a.Number,
		"deliberation_numero": in.Deliberation.number(),
		"deliberation_date":   in.Deliberation.date(),
		"motivation":          orDefault(d.Motivation, "(motivation non renseignée)"),
		"campagne":            x.c.Title,
		"organisateur":        x.c.Organiser,
		"date":                formatDate(x.gen),
	}
	var text string
	switch d.Decision {
	case data.DecisionRetenu:
		if in.Allocation == nil {
			return nil, data.Errorf(data.EINVALID, "Aucun scénario de répartition adopté : adoptez un scénario avant d'imprimer la lettre d'attribution du dossier %s.", a.Number)
		}
		if in.ScenarioStale {
			return nil, data.Errorf(data.EINVALID, "Le scénario de répartition « %s » ne correspond plus aux notes ou aux décisions du jury : recalculez-le avant d'imprimer les lettres d'attribution.", orDefault(in.ScenarioName, "sans nom"))
		}
		g, ok := x.grant(a.ID)
		if !ok || g <= 0 {
			return nil, data.Errorf(data.EINVALID, "Le dossier %s est retenu, mais le scénario de répartition ne lui attribue aucun montant : il n'y a pas de lettre d'attribution à imprimer.", a.Number)
		}
		fields["montant"] = data.FormatEuros(g)
		if needsConvention(g) {
			fields["convention"] = ConventionSentence
		}
		text = tpl.Attribution
	case data.DecisionNonRetenu:
		text = tpl.Refusal
	case data.DecisionAjourne:
		return nil, data.Errorf(data.EINVALID, "Le dossier %s est ajourné : aucune lettre de notification n'est prévue.", a.Number)
	default:
		return nil, data.Errorf(data.EINVALID, "Décision inconnue « %s » pour le dossier %s.", d.Decision, a.Number)
	}
	text = fill(text, fields)

	recipient := []string{s.Name}
	if !data.Blank(s.LegalRep) {
		recipient = append(recipient, "À l'attention de "+strings.TrimSpace(s.LegalRep))
	}
	if !data.Blank(s.Address) {
		recipient = append(recipient, strings.Split(strings.ReplaceAll(s.Address, ", ", "\n"), "\n")...)
	}
	bl := []Block{
		Paragraph{Text: x.c.Organiser, Bold: true, Size: 11},
		Paragraph{Text: "Politique de la ville — appel à manifestation d'intérêt " + campaignName(x.c), Size: 9},
		Spacer{Height: 12},
		Paragraph{Text: strings.Join(recipient, "\n"), Indent: 100},
		Spacer{Height: 10},
		Paragraph{Text: in.Deliberation.place() + ", le " + fields["date"], Indent: 100},
		Spacer{Height: 8},
	}
	for _, p := range splitParagraphs(text) {
		bl = append(bl, Paragraph{Text: p, Bold: strings.HasPrefix(p, "Objet")})
	}
	bl = append(bl, Signature{Lines: []string{in.Deliberation.signatory()}})
	return bl, nil
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
	ApplicationID int64
	Number        string
	File          string // its own name in the folder
}

// LetterFiles lists the letters of the decided dossiers, in register order,
// each with a file name no other letter of the batch shares.
func LetterFiles(in Input) []LetterFile {
	var out []LetterFile
	var names []string
	for _, ap := range in.Applications {
		if _, decided := in.Decisions[ap.ID]; decided {
			out = append(out, LetterFile{ApplicationID: ap.ID, Number: ap.Number})
			names = append(names, ap.Number+" "+ap.Structure.Name)
		}
	}
	for i, n := range files.UniqueNames(names, ".pdf") {
		out[i].File = n
	}
	return out
}
