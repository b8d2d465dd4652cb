package reports

import (
	"errors"
	"strings"

	"github.com/call-agglo/cohesion/data"
)

// LetterKind is a kind of letter, and of template.
type LetterKind string

// The kinds of letters.
const (
	LetterAttribution    LetterKind = "attribution"
	LetterRefusal        LetterKind = "refus"
	LetterIrrecevability LetterKind = "irrecevabilite"
)

// LetterKinds lists the kinds in the order the templates are edited.
var LetterKinds = []LetterKind{LetterAttribution, LetterRefusal, LetterIrrecevability}

// Label is the kind's French name: « Attribution », « Refus », « Irrecevabilité ».
func (k LetterKind) Label() string {
	switch k {
	case LetterAttribution:
		return "Attribution"
	case LetterIrrecevability:
		return "Irrecevabilité"
	}
	return "Refus"
}

// of names the kind after « modèle de lettre »: « d'attribution »…
func (k LetterKind) of() string {
	switch k {
	case LetterAttribution:
		return "d'attribution"
	case LetterIrrecevability:
		return "d'irrecevabilité"
	}
	return "de refus"
}

// Letter is one letter to send: its dossier, its kind, and every template
// field filled for it (the PDF and the mail merge use the same values).
type Letter struct {
	Application *data.Application
	Kind        LetterKind
	Fields      map[string]string
}

// MergeFields are the mail merge's columns, in order: the dossier, the kind
// of letter, then every field a template may use, named as the templates
// name them, so that Word's merge fields read like the templates' {{champs}}.
var MergeFields = []string{"numero", "lettre", "civilite", "representant", "structure", "adresse", "code_postal", "localite", "commune", "projet",
	"montant", "montant_lettres", "deliberation", "deliberation_numero", "deliberation_date", "motif", "motivation",
	"lieu", "date", "date_lettres", "date_limite", "reference", "affaire_suivie_par", "affaire_contact",
	"campagne", "organisateur", "convention"}

// PlanLetters lists the letters of the campaign, in number order: an
// attribution for each dossier the jury retained, a refusal for each one it
// did not, an irrecevability letter (with its reason) for each dossier
// declared irrecevable; none for a dossier postponed, withdrawn or not yet
// decided. A retained dossier the scenario gives nothing, or a dossier not
// retained the scenario gives an amount, stops them all, naming every such
// dossier: the letters would contradict the deliberation.
func PlanLetters(in Input) ([]Letter, error) {
	_, letters, _, err := prepareLetters(&in)
	return letters, err
}

// mismatch is a decision the scenario contradicts.
type mismatch struct {
	number, what string
	single       string // the message for this dossier alone
}

func (m *mismatch) Error() string { return m.single }

func (x *ctx) plan() ([]Letter, error) {
	var out []Letter
	var bad []*mismatch
	for _, a := range x.apps {
		l, err := x.letterOf(a)
		var m *mismatch
		switch {
		case errors.As(err, &m):
			bad = append(bad, m)
		case err != nil:
			return nil, err
		case l != nil:
			out = append(out, *l)
		}
	}
	if len(bad) > 0 {
		what := make([]string, len(bad))
		for i, m := range bad {
			what[i] = m.number + " " + m.what
		}
		return nil, data.Errorf(data.EINVALID, "Lettres impossibles : les décisions du jury ne concordent pas avec le scénario de répartition « %s » — %s. Corrigez la décision (écran Classement) ou la répartition (écran Répartition), puis recommencez ; aucune lettre n'a été produite.",
			orDefault(x.in.ScenarioName, "sans nom"), strings.Join(what, " ; "))
	}
	out, skipped := postable(out)
	if len(skipped) > 0 && (!x.in.SkipIncompleteAddresses || len(out) == 0) {
		return nil, incompleteError(skipped)
	}
	if len(out) == 0 {
		return nil, data.Errorf(data.EINVALID, "Aucune lettre à produire dans la campagne « %s » : ni décision du jury à notifier (enregistrez-les depuis le classement), ni dossier irrecevable.", campaignName(x.c))
	}
	return out, nil
}

// Incomplete is a dossier whose letter cannot be posted: its address lacks
// what the post needs (data.PostalAddress.Missing).
type Incomplete struct {
	Number, Structure string
	Missing           []string // « code postal », « localité »
}

// String is « AMI2021-003 Club Ados (code postal, localité) ».
func (i Incomplete) String() string {
	return i.Number + " " + i.Structure + " (" + strings.Join(i.Missing, ", ") + ")"
}

// IncompleteAddresses names the dossiers that get a letter but whose address
// lacks its postal code or town, in number order: the Documents screen names
// them before writing anything, and offers to write the others.
func IncompleteAddresses(in Input) ([]Incomplete, error) {
	x, err := newCtx(&in)
	if err != nil {
		return nil, err
	}
	var letters []Letter
	for _, a := range x.apps {
		if l, err := x.letterOf(a); err == nil && l != nil {
			letters = append(letters, *l)
		}
	}
	_, skipped := postable(letters)
	return skipped, nil
}

// postable splits the letters the post can deliver from those whose address
// lacks its postal code or town (NF Z10-011's last line): no letter is ever
// written to such an address.
func postable(letters []Letter) (out []Letter, skipped []Incomplete) {
	for _, l := range letters {
		s := l.Application.Structure
		if missing := s.PostalAddress().Missing(); len(missing) > 0 {
			skipped = append(skipped, Incomplete{l.Application.Number, s.Name, missing})
			continue
		}
		out = append(out, l)
	}
	return out, skipped
}

// incompleteError names the dossiers whose address stops the letters.
func incompleteError(bad []Incomplete) error {
	names := make([]string, len(bad))
	for i, b := range bad {
		names[i] = b.String()
	}
	return data.Errorf(data.EINVALID, "Lettres impossibles : %s sans code postal ou sans localité — %s. Complétez l'adresse (écran Dossiers, section Structure), puis recommencez ; aucune lettre n'a été produite.",
		data.Plural(len(bad), "l'adresse d'un dossier est", "les adresses de "+data.FormatInt(int64(len(bad)))+" dossiers sont"), strings.Join(names, " ; "))
}

// letterOf is the letter a dossier gets: nil for none, a *mismatch when its
// decision and the scenario disagree.
func (x *ctx) letterOf(a *data.Application) (*Letter, error) {
	in := x.in
	l := &Letter{Application: a, Fields: x.fields(a)}
	if a.Status == data.StatusIrrecevable {
		l.Kind = LetterIrrecevability
		l.Fields["motif"] = fullStop(irrecevabilityReason(a, x.c))
		return l, nil
	}
	d, decided := in.Decisions[a.ID]
	if !decided || a.Status == data.StatusSansSuite {
		return nil, nil
	}
	switch d.Decision {
	case data.DecisionRetenu:
		if in.Allocation == nil {
			return nil, data.Errorf(data.EINVALID, "Aucun scénario de répartition adopté : adoptez un scénario avant d'imprimer la lettre d'attribution du dossier %s.", a.Number)
		}
		if in.ScenarioStale {
			return nil, data.Errorf(data.EINVALID, "Le scénario de répartition « %s » ne correspond plus aux notes ou aux décisions du jury : recalculez-le avant d'imprimer les lettres d'attribution.", orDefault(in.ScenarioName, "sans nom"))
		}
		g, _ := x.grant(a.ID)
		if g <= 0 {
			return nil, &mismatch{a.Number, "est retenu sans montant",
				data.ErrorMessage(data.Errorf(data.EINVALID, "Le dossier %s est retenu, mais le scénario de répartition « %s » ne lui attribue aucun montant : corrigez la décision ou la répartition avant d'imprimer sa lettre.", a.Number, orDefault(in.ScenarioName, "sans nom")))}
		}
		l.Kind = LetterAttribution
		l.Fields["montant"] = data.FormatEuros(g)
		l.Fields["montant_lettres"] = data.AmountInWords(g)
		if needsConvention(g) {
			l.Fields["convention"] = ConventionSentence
		}
	case data.DecisionNonRetenu:
		if g, _ := x.grant(a.ID); g > 0 && in.Allocation != nil {
			return nil, &mismatch{a.Number, "n'est pas retenu, mais reçoit " + data.FormatEuros(g),
				data.ErrorMessage(data.Errorf(data.EINVALID, "Le dossier %s n'est pas retenu, mais le scénario de répartition « %s » lui attribue %s : corrigez la décision ou la répartition avant d'imprimer sa lettre.", a.Number, orDefault(in.ScenarioName, "sans nom"), data.FormatEuros(g)))}
		}
		l.Kind = LetterRefusal
		l.Fields["motivation"] = orDefault(d.Motivation, "(motivation non renseignée)")
		l.Fields["motif"] = l.Fields["motivation"]
	case data.DecisionAjourne:
		return nil, nil
	default:
		return nil, data.Errorf(data.EINVALID, "Décision inconnue « %s » pour le dossier %s.", d.Decision, a.Number)
	}
	return l, nil
}

// noLetter says why a dossier gets no letter.
func (x *ctx) noLetter(a *data.Application) error {
	d, decided := x.in.Decisions[a.ID]
	switch {
	case decided && d.Decision == data.DecisionAjourne:
		return data.Errorf(data.EINVALID, "Le dossier %s est ajourné : aucune lettre de notification n'est prévue.", a.Number)
	case a.Status == data.StatusSansSuite:
		return data.Errorf(data.EINVALID, "Le dossier %s est classé sans suite : aucune lettre de notification n'est prévue.", a.Number)
	}
	return data.Errorf(data.EINVALID, "Le jury n'a pas encore rendu de décision sur le dossier %s : il n'y a pas de lettre à notifier.", a.Number)
}

// fields are a letter's fields that do not depend on its kind.
func (x *ctx) fields(a *data.Application) map[string]string {
	in, s := x.in, a.Structure
	postal := s.PostalAddress() // the letter's own block, NF Z10-011
	commune := ""
	if !data.Blank(s.Commune) {
		commune = x.c.CommuneName(s.Commune)
	}
	f := map[string]string{
		"structure":          s.Name,
		"representant":       orDefault(s.LegalRep, orDefault(s.Contact, "Madame, Monsieur le représentant légal")),
		"civilite":           civility(orDefault(s.LegalRep, s.Contact)),
		"adresse":            strings.Join(postal.StreetLines(), "\n"),
		"code_postal":        postal.PostalCode,
		"localite":           postal.PostTown(),
		"commune":            commune,
		"projet":             a.Title,
		"numero":             a.Number,
		"campagne":           x.c.Title,
		"organisateur":       x.c.Organiser,
		"lieu":               in.Deliberation.place(),
		"date":               formatDate(x.gen),
		"date_lettres":       data.DateOf(x.gen).FormatLong(),
		"date_limite":        x.c.Deadline.Format(),
		"reference":          x.reference(a),
		"affaire_suivie_par": orDefault(x.c.CaseOfficer, DefaultCaseOfficer),
		"affaire_contact":    strings.TrimSpace(x.c.CaseOfficerContact),
	}
	for k, v := range deliberationFields(in.Deliberation) {
		f[k] = v
	}
	for _, k := range TemplateFields {
		if _, ok := f[k]; !ok {
			f[k] = ""
		}
	}
	return f
}

// reference is a letter's « Réf. » : the campaign's reference, then the
// dossier's number, which tells every letter of a batch apart.
func (x *ctx) reference(a *data.Application) string {
	if r := strings.TrimSpace(x.c.LetterReference); r != "" {
		return r + " — dossier n° " + a.Number
	}
	return "dossier n° " + a.Number
}

// deliberationFields cite the deliberation: {{deliberation}} whole
// (« délibération n° 2021-154 du 27/09/2021 »), its number and its date;
// before it is recorded, « délibération à venir » and « (à venir) », never
// « n° … du … ».
func deliberationFields(d Deliberation) map[string]string {
	if !d.Recorded() {
		return map[string]string{"deliberation": "délibération à venir", "deliberation_numero": "(à venir)", "deliberation_date": "(date à venir)"}
	}
	return map[string]string{"deliberation": "délibération n° " + d.number() + " du " + d.date(),
		"deliberation_numero": d.number(), "deliberation_date": d.date()}
}

// fullStop ends a sentence a template ends with a field.
func fullStop(s string) string {
	if s == "" || strings.ContainsAny(s[len(s)-1:], ".!?") || strings.HasSuffix(s, "…") || strings.HasSuffix(s, ")") {
		return s
	}
	return s + "."
}

// civility is how a letter greets its reader: « Madame » or « Monsieur »
// when the representative's name starts with the title, else both.
func civility(name string) string {
	w := strings.Fields(strings.ToLower(name))
	if len(w) == 0 {
		return "Madame, Monsieur"
	}
	switch strings.TrimRight(w[0], ".") {
	case "mme", "madame", "mlle", "mademoiselle":
		return "Madame"
	case "m", "monsieur", "mr":
		return "Monsieur"
	}
	return "Madame, Monsieur"
}

// irrecevabilityReason is why a dossier was declared irrecevable: the reason
// recorded with the status (« Hors délai : reçu le… », « Pièces manquantes :
// … »), else what the dossier shows (received late, pieces missing).
func irrecevabilityReason(a *data.Application, c *data.Campaign) string {
	for i := len(a.History) - 1; i >= 0; i-- {
		if h := a.History[i]; h.To == data.StatusIrrecevable && !data.Blank(h.Reason) {
			return strings.TrimSpace(h.Reason)
		}
	}
	if a.Late {
		return "Hors délai : reçu le " + data.FormatDateTime(a.Received) + " après la date limite du " + c.Deadline.Format()
	}
	if missing := a.MissingDocuments(); len(missing) > 0 && len(missing) < len(data.Documents) {
		names := make([]string, len(missing))
		for i, d := range missing {
			names[i] = d.Label()
		}
		return "Pièces manquantes : " + strings.Join(names, ", ")
	}
	return "(motif non renseigné)"
}
