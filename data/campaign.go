package data

import (
	"strings"
	"time"
)

// The codes of the campaigns Cohésion makes for itself: the fictional
// demonstration set and the synthetic data of the performance measurements.
// Neither is ever the default campaign while a real one exists.
const (
	DemoCode  = "DEMO2021"
	SynthCode = "SYNTH"
)

// Campaign is one call for proposals (an AMI): its envelope, calendar, themes,
// territory and evaluation grid. A database holds several.
type Campaign struct {
	ID            int64
	Code          string // e.g. AMI2021; prefix of application numbers
	Title         string
	Organiser     string
	EnvelopeCents int64
	Launch        Date   // opening of the call
	Deadline      Date   // last day for applications, whole day, Paris time
	Instruction   Period // instruction by the service
	Jury          Period // jury session
	Deliberation  Period // council deliberation
	Objectives    []string
	Themes        []Theme
	Communes      []Commune
	QPVs          []QPV
	Criteria      []Criterion
	// MinScoreHundredths is the minimum final score on 20, in hundredths (1000 = 10/20).
	MinScoreHundredths int64
	// Quorum is the number of complete, counted sheets an application needs to be ranked.
	Quorum int
	// DisagreementHundredths is the standard deviation (on 20, in hundredths) above
	// which jurors' totals are flagged « à discuter ».
	DisagreementHundredths int64
	CreatedAt              time.Time

	// The council's deliberation: once recorded, the campaign is locked.
	DeliberationNumber string
	DeliberationDate   Date
	DeliberationBody   string // « Conseil communautaire » by default
	OrganiserSIRET     string // for the open-data export of grants
	// PaymentDates are when the grants are paid, as the SCDL open-data schema
	// writes them: AAAA-MM-JJ, or a period AAAA-MM-JJ/AAAA-MM-JJ.
	PaymentDates string
	LockedAt     time.Time
	LockedBy     string

	// RetentionMonths is how long contacts' personal data are kept after the
	// deliberation (or, without one, after the deliberation period).
	RetentionMonths int
	PurgedAt        time.Time

	// The letters' settings: the place they and the annex are signed at
	// (« Liévin » when empty), who follows the case (a name or a service, and
	// a phone or an e-mail), and the service's reference, printed as « Réf. : »
	// before each letter's dossier number.
	LetterPlace        string
	CaseOfficer        string
	CaseOfficerContact string
	LetterReference    string

	// The budget line the grants are charged to, cited by the projet de
	// délibération: the nature (the M57 account, 6574 « subventions de
	// fonctionnement aux associations » when empty) and the function.
	BudgetNature   string
	BudgetFunction string

	// RequiredDocuments are the pièces a dossier needs to be declared
	// recevable; nil: the whole checklist (see Required).
	RequiredDocuments []Document

	// Version counts the saved edits of the settings: a stale copy is refused.
	Version int

	// SourceID and SourceCode name the campaign this one was made from
	// (CampaignFrom); 0 and "" when it was not.
	SourceID   int64
	SourceCode string
}

// RetentionEnd is the day after which the campaign's personal data are purged;
// zero when the campaign has no deliberation date nor period yet.
func (c *Campaign) RetentionEnd() Date {
	from := c.DeliberationDate
	if from.IsZero() {
		from = c.Deliberation.To
	}
	if from.IsZero() || c.RetentionMonths <= 0 {
		return Date{}
	}
	t := from.In(Paris).AddDate(0, c.RetentionMonths, 0)
	return DateOf(t)
}

// Locked reports whether the deliberation froze the campaign.
func (c *Campaign) Locked() bool { return !c.LockedAt.IsZero() }

// LockedError is the refusal of a change to a locked campaign.
func (c *Campaign) LockedError() error {
	return Errorf(EINVALID, "La campagne %s est verrouillée depuis la délibération n° %s du %s : rouvrez-la (avec un motif écrit) pour la modifier.",
		c.Code, c.DeliberationNumber, c.DeliberationDate.Format())
}

// Theme is one of the campaign's priority themes.
type Theme struct {
	ID       int64
	Position int
	Label    string
	Examples string
}

// Commune is a member commune of the organiser's territory.
type Commune struct {
	INSEE      string
	Name       string
	SIREN      string
	Population int // municipal population, 0 when unknown
	HasQPV     bool
}

// QPV is a quartier prioritaire de la politique de la ville.
type QPV struct {
	Code       string // QP062xxx
	Name       string
	Communes   []string // INSEE codes
	Population int      // 0 when unknown: the reference data lacks it
}

// Criterion is one line of the evaluation grid.
type Criterion struct {
	ID          int64
	Position    int
	Label       string
	Description string
	Weight      int
	Max         int
}

// ThemeByLabel finds a theme by label, ignoring case, accents and spaces.
func (c *Campaign) ThemeByLabel(label string) (Theme, bool) {
	for _, t := range c.Themes {
		if t.Label == label { // the common case, without folding
			return t, true
		}
	}
	k := FoldKey(label)
	for _, t := range c.Themes {
		if FoldKey(t.Label) == k {
			return t, true
		}
	}
	return Theme{}, false
}

// ThemeByID returns the theme with that ID.
func (c *Campaign) ThemeByID(id int64) (Theme, bool) {
	for _, t := range c.Themes {
		if t.ID == id {
			return t, true
		}
	}
	return Theme{}, false
}

// QPVByCodeOrName finds a QPV by its code or its name (ignoring case and accents).
func (c *Campaign) QPVByCodeOrName(s string) (QPV, bool) {
	for _, q := range c.QPVs {
		if q.Code == s { // the common case, without folding
			return q, true
		}
	}
	k := FoldKey(s)
	for _, q := range c.QPVs {
		if FoldKey(q.Code) == k || FoldKey(q.Name) == k {
			return q, true
		}
	}
	return QPV{}, false
}

// CommuneByNameOrCode finds a commune by INSEE code or name.
func (c *Campaign) CommuneByNameOrCode(s string) (Commune, bool) {
	k := FoldKey(s)
	for _, m := range c.Communes {
		if m.INSEE == s || FoldKey(m.Name) == k {
			return m, true
		}
	}
	return Commune{}, false
}

// CommuneName returns the name of the commune with that INSEE code, or the code.
func (c *Campaign) CommuneName(insee string) string {
	for _, m := range c.Communes {
		if m.INSEE == insee {
			return m.Name
		}
	}
	return insee
}

// IsLate reports whether an application received at t missed the deadline. The
// deadline counts the whole day in Paris: 30/04/2021 23:59 is on time, 01/05 00:00 late.
func (c *Campaign) IsLate(t time.Time) bool {
	if c == nil || c.Deadline.IsZero() {
		return false
	}
	end := c.Deadline.AddDays(1).In(Paris) // first instant after the deadline day
	return !t.Before(end)
}

// ValidateCampaign checks the settings staff can edit.
func ValidateCampaign(c *Campaign) error {
	var v ValidationErrors
	if Blank(c.Code) {
		v.add(FieldCampaignCode, "le code est obligatoire")
	} else if !validCode(c.Code) {
		v.add(FieldCampaignCode, "le code ne peut contenir que des lettres, des chiffres, « - » et « _ »")
	}
	if Blank(c.Title) {
		v.add(FieldCampaignTitle, "l'intitulé est obligatoire")
	}
	if c.EnvelopeCents <= 0 {
		v.add(FieldEnvelope, "l'enveloppe doit être positive")
	} else if c.EnvelopeCents > MaxCents {
		v.add(FieldEnvelope, "montant trop élevé")
	}
	if !c.Launch.IsZero() && !c.Deadline.IsZero() && c.Deadline.Before(c.Launch) {
		v.add(FieldDeadline, "la date limite précède le lancement")
	}
	for i, t := range c.Themes {
		if Blank(t.Label) {
			v.add(FieldThemes, "la thématique n° %d n'a pas d'intitulé", i+1)
		}
	}
	for i, cr := range c.Criteria {
		if Blank(cr.Label) {
			v.add(FieldCriteria, "le critère n° %d n'a pas d'intitulé", i+1)
		}
		if cr.Weight <= 0 || cr.Max <= 0 {
			v.add(FieldCriteria, "le critère n° %d doit avoir un poids et un barème positifs", i+1)
		}
	}
	if c.Quorum < 1 {
		v.add(FieldQuorum, "le quorum doit être d'au moins 1 grille")
	}
	if c.MinScoreHundredths < 0 || c.MinScoreHundredths > 2000 {
		v.add(FieldMinScore, "la note minimale doit être comprise entre 0 et 20")
	}
	if c.DisagreementHundredths <= 0 || c.DisagreementHundredths > 2000 {
		v.add(FieldDisagreement, "le seuil de désaccord doit être compris entre 0,01 et 20 points")
	}
	if c.RetentionMonths < 0 || c.RetentionMonths > 600 { // 0: not set, the default 36 months
		v.add(FieldRetention, "la durée de conservation doit être comprise entre 1 et 600 mois")
	}
	if c.OrganiserSIRET != "" && !ValidSIRET(c.OrganiserSIRET) {
		v.add(FieldOrganiserSIRET, "SIRET invalide (14 chiffres et une clé de contrôle valide)")
	}
	if _, err := ParsePaymentDates(c.PaymentDates); err != nil {
		v.add(FieldPaymentDates, "%s", strings.TrimSuffix(ErrorMessage(err), "."))
	}
	return v.Err()
}

func validCode(s string) bool {
	for _, r := range s {
		switch {
		case r >= 'A' && r <= 'Z', r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-', r == '_':
		default:
			return false
		}
	}
	return len(s) <= 32
}

// PaymentPeriod reads PaymentDates: a date (From = To) or a period; zero when
// unset or unreadable (ValidateCampaign refuses an unreadable one).
func (c *Campaign) PaymentPeriod() Period {
	p, _ := ParsePaymentDates(c.PaymentDates)
	return p
}

// ParsePaymentDates reads payment dates as typed or as stored: « AAAA-MM-JJ »,
// « JJ/MM/AAAA », or two of them separated by « / » (ISO) or « au ».
func ParsePaymentDates(s string) (Period, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Period{}, nil
	}
	bad := Errorf(EINVALID, "Dates de versement illisibles « %s » : écrivez une date (01/10/2021) ou une période (01/10/2021 au 31/12/2021).", s)
	var parts []string
	switch {
	case strings.Contains(s, " au "):
		parts = strings.SplitN(s, " au ", 2)
	case strings.Count(s, "/") == 1 && strings.Count(s, "-") >= 4:
		parts = strings.SplitN(s, "/", 2)
	default:
		parts = []string{s}
	}
	var p Period
	var err error
	if p.From, err = ParseDate(strings.TrimSpace(parts[0])); err != nil {
		return Period{}, bad
	}
	p.To = p.From
	if len(parts) == 2 {
		if p.To, err = ParseDate(strings.TrimSpace(parts[1])); err != nil || p.To.Before(p.From) {
			return Period{}, bad
		}
	}
	return p, nil
}

// FormatPaymentDates writes a period as PaymentDates stores it (the SCDL
// schema's form): AAAA-MM-JJ or AAAA-MM-JJ/AAAA-MM-JJ.
func FormatPaymentDates(p Period) string {
	switch {
	case p.From.IsZero():
		return ""
	case p.To.IsZero() || p.To == p.From:
		return p.From.ISO()
	}
	return p.From.ISO() + "/" + p.To.ISO()
}
