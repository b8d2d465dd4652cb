package data

import (
	"sort"
	"strings"
	"time"
)

// College is the group a juror sits for.
type College string

// The colleges of the jury.
const (
	CollegeElu        College = "elu"
	CollegeServices   College = "services"
	CollegeEtat       College = "etat"
	CollegePartenaire College = "partenaire"
	CollegeQualifiee  College = "personne_qualifiee"
)

// Colleges lists the colleges in display order.
var Colleges = []College{CollegeElu, CollegeServices, CollegeEtat, CollegePartenaire, CollegeQualifiee}

// Label is the French label of a college.
func (c College) Label() string {
	switch c {
	case CollegeElu:
		return "Élu"
	case CollegeServices:
		return "Services"
	case CollegeEtat:
		return "État"
	case CollegePartenaire:
		return "Partenaire"
	case CollegeQualifiee:
		return "Personne qualifiée"
	}
	return string(c)
}

// Group names the college as a juror's label ends: « collège des élus ». The
// base does not know the jurors' gender, so the college, not « élu » or
// « élue », qualifies them.
func (c College) Group() string {
	switch c {
	case CollegeElu:
		return "collège des élus"
	case CollegeServices:
		return "collège des services"
	case CollegeEtat:
		return "collège de l'État"
	case CollegePartenaire:
		return "collège des partenaires"
	case CollegeQualifiee:
		return "collège des personnes qualifiées"
	}
	return string(c)
}

// ParseCollege reads a college by code or label, ignoring case and accents.
func ParseCollege(s string) (College, error) {
	k := FoldKey(s)
	for _, c := range Colleges {
		if k == FoldKey(string(c)) || k == FoldKey(c.Label()) {
			return c, nil
		}
	}
	return "", Errorf(EINVALID, "Collège inconnu « %s » : élu, services, État, partenaire ou personne qualifiée.", s)
}

// Juror is a member of a campaign's jury.
type Juror struct {
	ID         int64
	CampaignID int64
	Name       string
	College    College
	Email      string
}

// Label names a juror where a screen or a document lists them:
// « Claire Vasseur (fictif) — collège des élus », never two parentheses in a row.
func (j *Juror) Label() string {
	if j.College == "" {
		return j.Name
	}
	return j.Name + " — " + j.College.Group()
}

// Validate checks a juror before it is stored.
func (j *Juror) Validate() error {
	j.Name, j.Email = Clean(j.Name), strings.TrimSpace(j.Email)
	var v ValidationErrors
	if j.Name == "" {
		v.add(FieldJurorName, "le nom du juré est obligatoire")
	} else if FoldKey(j.Name) == "" {
		v.add(FieldJurorName, "le nom « %s » ne contient ni lettre ni chiffre", j.Name)
	} else if len([]rune(j.Name)) > maxLineLen {
		v.add(FieldJurorName, "nom trop long")
	}
	if j.College == "" {
		j.College = CollegeQualifiee
	}
	if _, err := ParseCollege(string(j.College)); err != nil {
		v.add(FieldJurorCollege, "collège inconnu")
	}
	if j.Email != "" && !ValidEmail(j.Email) {
		v.add(FieldEmail, "adresse électronique invalide")
	}
	return v.Err()
}

// Conflict is a declared conflict of interest (déport): the juror steps aside
// for that application, and their sheet for it never counts.
type Conflict struct {
	JurorID       int64
	ApplicationID int64
	Reason        string
	DeclaredAt    time.Time
	// For display.
	JurorName string
	Number    string
}

// Decision is the jury's decision on an application.
type Decision string

// The jury's decisions.
const (
	DecisionRetenu    Decision = "retenu"
	DecisionNonRetenu Decision = "non_retenu"
	DecisionAjourne   Decision = "ajourne"
)

// Decisions lists the decisions in display order.
var Decisions = []Decision{DecisionRetenu, DecisionNonRetenu, DecisionAjourne}

// Label is the French label of a decision.
func (d Decision) Label() string { return d.Status().Label() }

// Status is the application status a decision sets.
func (d Decision) Status() Status {
	switch d {
	case DecisionRetenu:
		return StatusRetenu
	case DecisionNonRetenu:
		return StatusNonRetenu
	case DecisionAjourne:
		return StatusAjourne
	}
	return Status(d)
}

// ParseDecision reads « retenu », « non-retenu », « ajourne » (CLI) or a label.
func ParseDecision(s string) (Decision, error) {
	k := FoldKey(s)
	for _, d := range Decisions {
		if k == FoldKey(string(d)) || k == FoldKey(d.Label()) {
			return d, nil
		}
	}
	return "", Errorf(EINVALID, "Décision inconnue « %s » : retenu, non-retenu ou ajourne.", s)
}

// JuryDecision is a recorded decision with its motivation.
type JuryDecision struct {
	ApplicationID int64
	Decision      Decision
	Motivation    string
	JuryDate      Date
	DecidedAt     time.Time
	User          string
	// Force records the decision on a dossier not declared recevable; it is
	// not stored: the journal says it was passed over.
	Force bool
	// CRFExemption is the written reason the jury retains the dossier though
	// its structure's compte rendu financier is overdue or refused in another
	// campaign (CheckCRFBar); kept with the decision and journaled, "" when
	// none was needed.
	CRFExemption string
}

// Validate checks a decision: a motivation is mandatory unless the project is retained.
func (d *JuryDecision) Validate() error {
	d.Motivation = strings.TrimSpace(d.Motivation)
	if _, err := ParseDecision(string(d.Decision)); err != nil {
		return err
	}
	if d.Decision != DecisionRetenu && d.Motivation == "" {
		return Errorf(EINVALID, "Une motivation est obligatoire pour la décision « %s ».", d.Decision.Label())
	}
	if len([]rune(d.Motivation)) > MaxTextLen {
		return Errorf(EINVALID, "Motivation trop longue (%d caractères au plus).", MaxTextLen)
	}
	d.CRFExemption = strings.TrimSpace(d.CRFExemption)
	if d.Decision != DecisionRetenu {
		d.CRFExemption = "" // only a dossier retained needs one
	}
	if len([]rune(d.CRFExemption)) > MaxTextLen {
		return Errorf(EINVALID, "Motif de la dérogation trop long (%d caractères au plus).", MaxTextLen)
	}
	return nil
}

// SurnameKey sorts jurors by surname as a list of members is read: the last
// word of the name, leaving out a « (fictif) »-like note and a civility
// (« Mme Bruno Petit » goes under P), accents and case folded; the whole
// name breaks ties.
func SurnameKey(name string) string {
	bare, _, _ := strings.Cut(name, "(")
	words := strings.Fields(bare)
	if len(words) == 0 {
		return ""
	}
	return FoldKey(words[len(words)-1]) + "\x00" + FoldKey(name)
}

// SortJurors orders a jury as the store lists it — the Jury screen, the
// dashboard, the CLI: by surname (SurnameKey), a civility and given names
// coming before it. The documents keep the order of entry (the anonymised
// « Juré 1, 2… » must not change when someone joins the jury).
func SortJurors(js []Juror) {
	sort.SliceStable(js, func(i, k int) bool { return SurnameKey(js[i].Name) < SurnameKey(js[k].Name) })
}
