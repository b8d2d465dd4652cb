package export

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/alloc"
)

// SCDLColumns are the columns of the SCDL « subventions » format (schema
// scdl/subventions 2.0, the 14 fields of the arrêté du 17 novembre 2017), in
// the order the format requires.
var SCDLColumns = []string{
	"nomAttribuant", "idAttribuant", "dateConvention", "referenceDecision",
	"nomBeneficiaire", "idBeneficiaire", "objet", "montant", "nature",
	"conditionsVersement", "datesPeriodeVersement", "idRAE", "notificationUE",
	"pourcentageSubvention",
}

// Values of the SCDL fields « nature » and « conditionsVersement ».
const (
	NatureNumeraire    = "aide en numéraire"
	NatureEnNature     = "aide en nature"
	VersementUnique    = "unique"
	VersementEchelonne = "échelonné"
)

// scdlMaxText is the schema's bound on objet and conditionsVersement.
const scdlMaxText = 256

var scdlNatures = []string{NatureNumeraire, NatureEnNature, NatureNumeraire + ";" + NatureEnNature, NatureEnNature + ";" + NatureNumeraire}

// SCDLParams are what the open-data file says of the grants beside the
// répartition: who awards them, and the convention.
type SCDLParams struct {
	NomAttribuant string // the organiser's official name, e.g. « Communauté d'agglomération de … »
	IdAttribuant  string // the organiser's SIRET: 14 digits (spaces allowed)
	// DateConvention is the date of the conventions (or of the deliberation
	// that awards the grants). Required.
	DateConvention data.Date
	// ReferenceDecision is the reference of the council's deliberation. Optional.
	ReferenceDecision string
	// Nature is « aide en numéraire » (the default), « aide en nature » or both,
	// separated by « ; ».
	Nature string
	// ConditionsVersement is « unique » (the default), « échelonné », or a free
	// description of at most 256 characters (the schema's « autre »).
	ConditionsVersement string
	// PeriodeVersement is the date (From alone, or From = To) or the period of
	// payment, written yyyy-mm-dd or yyyy-mm-dd/yyyy-mm-dd. The schema requires
	// it; left empty when unset.
	PeriodeVersement data.Period
	// Grants are, by application ID, what the follow-up of a grant knows
	// better than the campaign: its convention's signature date and the
	// period of the payments actually made (issue 21). A zero field keeps
	// the campaign's.
	Grants map[int64]SCDLGrant
}

// SCDLGrant is what one grant's follow-up publishes.
type SCDLGrant struct {
	DateConvention   data.Date
	PeriodeVersement data.Period
	// Echelonne: the grant is paid in several installments (« échelonné »
	// instead of the campaign's conditionsVersement).
	Echelonne bool
}

// lineDates are a line's dateConvention and datesPeriodeVersement: the
// grant's own when its follow-up has them, else the campaign's.
func (p SCDLParams) lineDates(id int64) (data.Date, string, error) {
	conv, period := p.DateConvention, p.PeriodeVersement
	if g, ok := p.Grants[id]; ok {
		if !g.DateConvention.IsZero() {
			conv = g.DateConvention
		}
		if !g.PeriodeVersement.IsZero() {
			period = g.PeriodeVersement
		}
	}
	text, err := formatPeriod(period)
	return conv, text, err
}

// SCDL builds the open-data table of the grants of a répartition (décret
// n° 2017-779 du 5 mai 2017, schema scdl/subventions): one line per line of res
// with an amount above 0, in res's order. apps, by application ID, gives each
// beneficiary's name, SIRET and project.
//
// Every line names one beneficiary of one grant, so pourcentageSubvention, the
// beneficiary's share of the grant (1 for a single beneficiary, per the
// schema), is 1; notificationUE is « non » (these are no state aids notified to
// the European Commission); idRAE is empty.
//
// The errors are French *data.Error values (EINVALID): a missing or invalid
// organiser's SIRET, name or date; an unknown nature; and, all at once, the
// funded applications that lack a valid SIRET or a name, which the schema
// requires.
func SCDL(p SCDLParams, res *alloc.Result, apps map[int64]data.Application) (Table, error) {
	t := Table{Sheet: SheetSCDL}
	for _, name := range SCDLColumns {
		k := Text
		switch name {
		case "dateConvention":
			k = Date
		case "montant":
			k = Amount
		case "pourcentageSubvention":
			k = Int
		}
		t.Columns = append(t.Columns, Column{Title: name, Kind: k})
	}
	p, err := p.normalize()
	if err != nil {
		return t, err
	}
	if res == nil {
		return t, data.Errorf(data.EINVALID, "Export SCDL : aucune répartition à publier.")
	}
	var problems []string
	for _, l := range res.Lines {
		if l.AmountCents <= 0 {
			continue
		}
		conv, period, err := p.lineDates(l.ID)
		if err != nil {
			return t, err
		}
		conditions := p.ConditionsVersement
		if p.Grants[l.ID].Echelonne {
			conditions = VersementEchelonne
		}
		a, ok := apps[l.ID]
		if !ok {
			problems = append(problems, fmt.Sprintf("%s : dossier introuvable", lineName(l.Number, l.ID, "")))
			continue
		}
		name := data.Clean(a.Structure.Name)
		who := lineName(firstNonBlank(a.Number, l.Number), l.ID, name)
		siret := data.NormalizeSIRET(strings.TrimSpace(a.Structure.SIRET))
		switch {
		case siret == "":
			problems = append(problems, who+" : SIRET de la structure manquant")
		case !data.ValidSIRET(siret):
			problems = append(problems, fmt.Sprintf("%s : SIRET de la structure invalide (« %s »)", who, a.Structure.SIRET))
		}
		if name == "" {
			problems = append(problems, who+" : nom de la structure manquant")
		}
		t.Rows = append(t.Rows, []any{
			p.NomAttribuant, p.IdAttribuant, conv, p.ReferenceDecision,
			name, siret, truncRunes(data.Clean(a.Title), scdlMaxText), l.AmountCents, p.Nature,
			conditions, period, "", "non", 1,
		})
	}
	if len(problems) > 0 {
		t.Rows = nil
		return t, data.Errorf(data.EINVALID, "Export SCDL impossible : le format exige le nom et le SIRET (14 chiffres) de chaque bénéficiaire. Complétez ces dossiers :\n- %s",
			strings.Join(problems, "\n- "))
	}
	if err := schemaCheck(t.Rows); err != nil {
		t.Rows = nil
		return t, err
	}
	return t, nil
}

// scdlPatterns are the schema's constraints on the fields it types (schema
// scdl/subventions 2.0): an export that would break one is refused, never
// written for a portal to reject.
var scdlPatterns = map[int]*regexp.Regexp{
	1:  regexp.MustCompile(`^[0-9]{14}$`),                                                                // idAttribuant
	5:  regexp.MustCompile(`^[0-9]{14}$`),                                                                // idBeneficiaire
	10: regexp.MustCompile(`^\d{4}-\d{2}-\d{2}(/\d{4}-\d{2}-\d{2})?$`),                                   // datesPeriodeVersement
	12: regexp.MustCompile(`^(oui|non)$`),                                                                // notificationUE
	8:  regexp.MustCompile(`^(aide en numéraire|aide en nature)(;(aide en numéraire|aide en nature))?$`), // nature
}

func schemaCheck(rows [][]any) error {
	for i, r := range rows {
		for col, re := range scdlPatterns {
			if v, _ := r[col].(string); !re.MatchString(v) {
				return data.Errorf(data.EINVALID, "Export SCDL refusé : la ligne %d aurait un champ %s invalide pour le schéma national (« %s »).", i+2, SCDLColumns[col], v)
			}
		}
		if d, ok := r[2].(data.Date); !ok || d.IsZero() {
			return data.Errorf(data.EINVALID, "Export SCDL refusé : la ligne %d n'a pas de dateConvention.", i+2)
		}
		if m, _ := r[7].(int64); m <= 0 {
			return data.Errorf(data.EINVALID, "Export SCDL refusé : la ligne %d a un montant nul.", i+2)
		}
		if pct, _ := r[13].(int); pct < 0 || pct > 1 {
			return data.Errorf(data.EINVALID, "Export SCDL refusé : la ligne %d a un pourcentageSubvention hors de 0 à 1.", i+2)
		}
		if obj, _ := r[6].(string); utf8.RuneCountInString(obj) > scdlMaxText {
			return data.Errorf(data.EINVALID, "Export SCDL refusé : l'objet de la ligne %d dépasse %d caractères.", i+2, scdlMaxText)
		}
	}
	return nil
}

// normalize checks the parameters and fills the defaults.
func (p SCDLParams) normalize() (SCDLParams, error) {
	p.NomAttribuant = data.Clean(p.NomAttribuant)
	p.ReferenceDecision = data.Clean(p.ReferenceDecision)
	if p.NomAttribuant == "" {
		return p, data.Errorf(data.EINVALID, "Export SCDL : le nom de l'attribuant (la collectivité qui attribue les subventions) est obligatoire.")
	}
	raw := strings.TrimSpace(p.IdAttribuant)
	p.IdAttribuant = data.NormalizeSIRET(raw)
	switch {
	case p.IdAttribuant == "":
		return p, data.Errorf(data.EINVALID, "Export SCDL : le SIRET de l'attribuant est obligatoire (14 chiffres).")
	case len(p.IdAttribuant) != 14 || strings.Trim(p.IdAttribuant, "0123456789") != "":
		return p, data.Errorf(data.EINVALID, "Export SCDL : le SIRET de l'attribuant « %s » doit compter 14 chiffres.", raw)
	case !data.ValidSIRET(p.IdAttribuant):
		return p, data.Errorf(data.EINVALID, "Export SCDL : le SIRET de l'attribuant « %s » est invalide : la clé de contrôle ne correspond pas.", raw)
	}
	if p.DateConvention.IsZero() {
		return p, data.Errorf(data.EINVALID, "Export SCDL : la date de la convention est obligatoire.")
	}
	if data.Blank(p.Nature) {
		p.Nature = NatureNumeraire
	} else {
		n, ok := matchNature(p.Nature)
		if !ok {
			return p, data.Errorf(data.EINVALID, "Export SCDL : nature « %s » inconnue : « %s », « %s » ou les deux séparées par « ; ».",
				data.Clean(p.Nature), NatureNumeraire, NatureEnNature)
		}
		p.Nature = n
	}
	p.ConditionsVersement = data.Clean(p.ConditionsVersement)
	switch k := data.FoldKey(p.ConditionsVersement); {
	case k == "":
		p.ConditionsVersement = VersementUnique
	case k == data.FoldKey(VersementUnique):
		p.ConditionsVersement = VersementUnique
	case k == data.FoldKey(VersementEchelonne):
		p.ConditionsVersement = VersementEchelonne
	case utf8.RuneCountInString(p.ConditionsVersement) > scdlMaxText:
		return p, data.Errorf(data.EINVALID, "Export SCDL : les conditions de versement tiennent en %d caractères au plus.", scdlMaxText)
	}
	return p, nil
}

// matchNature finds an allowed nature, ignoring case, accents and spaces.
func matchNature(s string) (string, bool) {
	k := data.FoldKey(s)
	for _, n := range scdlNatures {
		if k == data.FoldKey(n) {
			return n, true
		}
	}
	return "", false
}

// formatPeriod writes a date or a period the schema's way.
func formatPeriod(p data.Period) (string, error) {
	switch {
	case p.IsZero():
		return "", data.Errorf(data.EINVALID, "Export SCDL : les dates de versement sont obligatoires dans le schéma national (datesPeriodeVersement) : renseignez-les dans l'écran Campagne (« Dates de versement des subventions ») ou avec « cohesion-cli campaign set payment-dates=01/10/2021 ».")
	case p.From.IsZero():
		return "", data.Errorf(data.EINVALID, "Export SCDL : la période de versement n'a pas de date de début.")
	case p.To.IsZero() || p.To == p.From:
		return p.From.ISO(), nil
	case p.To.Before(p.From):
		return "", data.Errorf(data.EINVALID, "Export SCDL : la période de versement finit (%s) avant de commencer (%s).", p.To.Format(), p.From.Format())
	}
	return p.From.ISO() + "/" + p.To.ISO(), nil
}

func lineName(number string, id int64, structure string) string {
	s := strings.TrimSpace(number)
	if s == "" {
		s = fmt.Sprintf("n° %d", id)
	}
	s = "Dossier " + s
	if structure != "" {
		s += " (" + structure + ")"
	}
	return s
}

func firstNonBlank(s ...string) string {
	for _, x := range s {
		if strings.TrimSpace(x) != "" {
			return x
		}
	}
	return ""
}

// truncRunes cuts s to n characters, the last one an ellipsis when cut.
func truncRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}
