package data

import (
	"strconv"
	"strings"
	"time"
)

// Setting is one of a campaign's settings as text: what `campaign show`
// prints and `campaign set KEY=VALUE` writes, and what the Campagne screen's
// fields read and write, with the same parsing. ValidateCampaign then checks
// the whole, and the store saves it under the same lock and journal.
type Setting struct {
	Key   string // for the command line: organiser, siret, envelope…
	Label string // for people
	Get   func(c *Campaign) string
	Set   func(c *Campaign, v string) error
}

// Settings are the scalar settings, in the Campagne screen's order.
var Settings = []Setting{
	{"code", "Code", func(c *Campaign) string { return c.Code }, func(c *Campaign, v string) error { c.Code = strings.TrimSpace(v); return nil }},
	{"title", "Intitulé", func(c *Campaign) string { return c.Title }, func(c *Campaign, v string) error { c.Title = Clean(v); return nil }},
	{"organiser", "Organisateur", func(c *Campaign) string { return c.Organiser }, func(c *Campaign, v string) error { c.Organiser = Clean(v); return nil }},
	{"siret", "SIRET de l'organisateur", func(c *Campaign) string { return c.OrganiserSIRET }, func(c *Campaign, v string) error { c.OrganiserSIRET = NormalizeSIRET(v); return nil }},
	{"envelope", "Enveloppe", func(c *Campaign) string { return FormatEuros(c.EnvelopeCents) }, setAmount(func(c *Campaign) *int64 { return &c.EnvelopeCents })},
	{"launch", "Lancement", func(c *Campaign) string { return c.Launch.Format() }, setDate(func(c *Campaign) *Date { return &c.Launch })},
	{"deadline", "Date limite de dépôt", func(c *Campaign) string { return c.Deadline.Format() }, setDate(func(c *Campaign) *Date { return &c.Deadline })},
	{"instruction", "Instruction", func(c *Campaign) string { return c.Instruction.Format() }, setPeriod(func(c *Campaign) *Period { return &c.Instruction })},
	{"jury", "Jury", func(c *Campaign) string { return c.Jury.Format() }, setPeriod(func(c *Campaign) *Period { return &c.Jury })},
	{"deliberation", "Délibération (période)", func(c *Campaign) string { return c.Deliberation.Format() }, setPeriod(func(c *Campaign) *Period { return &c.Deliberation })},
	{"deliberation-body", "Instance de délibération", func(c *Campaign) string { return c.DeliberationBody }, func(c *Campaign, v string) error { c.DeliberationBody = Clean(v); return nil }},
	{"payment-dates", "Dates de versement", func(c *Campaign) string { return c.PaymentPeriod().Format() }, setPaymentDates},
	{"min-score", "Note minimale (sur 20)", func(c *Campaign) string { return FormatHundredths(c.MinScoreHundredths) }, setHundredths(func(c *Campaign) *int64 { return &c.MinScoreHundredths })},
	{"quorum", "Quorum (grilles complètes)", func(c *Campaign) string { return strconv.Itoa(c.Quorum) }, setInt(func(c *Campaign) *int { return &c.Quorum })},
	{"disagreement", "Seuil de désaccord (points)", func(c *Campaign) string { return FormatHundredths(c.DisagreementHundredths) }, setHundredths(func(c *Campaign) *int64 { return &c.DisagreementHundredths })},
	{"retention", "Conservation des données personnelles (mois)", func(c *Campaign) string { return strconv.Itoa(c.RetentionMonths) }, setInt(func(c *Campaign) *int { return &c.RetentionMonths })},
	{"required-pieces", "Pièces exigées pour la recevabilité", func(c *Campaign) string { return documentCodes(c.Required()) }, setRequired},
	{"letter-place", "Lieu de signature des lettres et de l'annexe", func(c *Campaign) string { return c.LetterPlace }, func(c *Campaign, v string) error { c.LetterPlace = Clean(v); return nil }},
	{"case-officer", "Affaire suivie par", func(c *Campaign) string { return c.CaseOfficer }, func(c *Campaign, v string) error { c.CaseOfficer = Clean(v); return nil }},
	{"case-officer-contact", "Coordonnées de l'agent (téléphone, courriel)", func(c *Campaign) string { return c.CaseOfficerContact }, func(c *Campaign, v string) error { c.CaseOfficerContact = Clean(v); return nil }},
	{"letter-reference", "Référence des lettres", func(c *Campaign) string { return c.LetterReference }, func(c *Campaign, v string) error { c.LetterReference = Clean(v); return nil }},
	{"budget-nature", "Imputation budgétaire : nature (6574 par défaut)", func(c *Campaign) string { return c.BudgetNature }, func(c *Campaign, v string) error { c.BudgetNature = Clean(v); return nil }},
	{"budget-function", "Imputation budgétaire : fonction", func(c *Campaign) string { return c.BudgetFunction }, func(c *Campaign, v string) error { c.BudgetFunction = Clean(v); return nil }},
}

// DefaultBudgetNature is the account the grants are charged to when the
// campaign names none: 6574, « subventions de fonctionnement aux associations
// et autres personnes de droit privé ».
const DefaultBudgetNature = "6574"

// BudgetLine is the campaign's nature (DefaultBudgetNature when unset) and
// function, as the projet de délibération cites them.
func (c *Campaign) BudgetLine() (nature, function string) {
	nature = Clean(c.BudgetNature)
	if nature == "" {
		nature = DefaultBudgetNature
	}
	return nature, Clean(c.BudgetFunction)
}

// SettingByKey finds a setting by its key, ignoring case and accents.
func SettingByKey(key string) (Setting, bool) {
	k := FoldKey(key)
	for _, s := range Settings {
		if FoldKey(s.Key) == k || FoldKey(s.Label) == k {
			return s, true
		}
	}
	return Setting{}, false
}

// SettingKeys lists the keys, for a usage message.
func SettingKeys() string {
	keys := make([]string, len(Settings))
	for i, s := range Settings {
		keys[i] = s.Key
	}
	return strings.Join(keys, ", ")
}

func setAmount(field func(*Campaign) *int64) func(*Campaign, string) error {
	return func(c *Campaign, v string) error {
		n, err := ParseAmount(v)
		if err == nil {
			*field(c) = n
		}
		return err
	}
}

func setHundredths(field func(*Campaign) *int64) func(*Campaign, string) error {
	return func(c *Campaign, v string) error {
		n, err := ParseHundredths(v)
		if err == nil {
			*field(c) = n
		}
		return err
	}
}

func setInt(field func(*Campaign) *int) func(*Campaign, string) error {
	return func(c *Campaign, v string) error {
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil {
			return Errorf(EINVALID, "nombre entier attendu (« %s »)", strings.TrimSpace(v))
		}
		*field(c) = n
		return nil
	}
}

func setDate(field func(*Campaign) *Date) func(*Campaign, string) error {
	return func(c *Campaign, v string) error {
		if Blank(v) {
			*field(c) = Date{}
			return nil
		}
		d, err := ParseDate(v)
		if err == nil {
			*field(c) = d
		}
		return err
	}
}

func setPeriod(field func(*Campaign) *Period) func(*Campaign, string) error {
	return func(c *Campaign, v string) error {
		p, err := ParsePeriod(v)
		if err == nil {
			*field(c) = p
		}
		return err
	}
}

func setPaymentDates(c *Campaign, v string) error {
	p, err := ParsePaymentDates(v)
	if err == nil {
		c.PaymentDates = FormatPaymentDates(p)
	}
	return err
}

// ParsePeriod reads a period as Period.Format writes it: « 01/05/2021 au
// 31/05/2021 », one date, « juin 2021 », or nothing.
func ParsePeriod(s string) (Period, error) {
	s = Clean(s)
	if s == "" {
		return Period{}, nil
	}
	if month, year, ok := strings.Cut(s, " "); ok {
		for i, name := range MonthNames {
			if FoldKey(name) == FoldKey(month) {
				if y, err := strconv.Atoi(year); err == nil && y > 1900 && y < 3000 {
					return MonthPeriod(y, time.Month(i+1)), nil
				}
			}
		}
	}
	if strings.Contains(s, " au ") || strings.Count(s, "/") == 1 && strings.Count(s, "-") >= 4 {
		return ParsePaymentDates(s)
	}
	d, err := ParseDate(s)
	if err != nil {
		return Period{}, Errorf(EINVALID, "période illisible « %s » : écrivez par exemple 01/05/2021 au 31/05/2021, ou juin 2021", s)
	}
	return Period{From: d, To: d}, nil
}

// setRequired reads the pièces a recevabilité needs; the whole checklist (or
// nothing) is the default, stored as none so the campaign reads as before.
func setRequired(c *Campaign, v string) error {
	ds, err := ParseDocuments(v)
	if err != nil {
		return err
	}
	if len(ds) == len(Documents) {
		ds = nil
	}
	c.RequiredDocuments = ds
	return nil
}
