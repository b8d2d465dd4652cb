package data

import (
	"strings"
	"time"
)

// The follow-up of the grants (issue 21): once the council's deliberation is
// recorded, every dossier its adopted scenario gives an amount is a grant to
// follow, until every euro is justified — its convention, its payments, its
// compte rendu financier (CRF) and, sometimes, a reversal. The deliberation
// locks the decisions and the amounts, not the follow-up: its writes are
// allowed only after the deliberation, and journaled like the rest. The rules
// (schedule, balance, reversal, due dates) are in package data/followup;
// docs/regles-suivi.md cites the texts.

// AuditGrant is the journal's entity of a grant's follow-up; its ID is the
// dossier's.
const AuditGrant = "suivi"

// CRFStatus is where a grant's compte rendu financier stands.
type CRFStatus string

// The statuses of a compte rendu financier, as the command line writes them.
const (
	CRFExpected   CRFStatus = "attendu"
	CRFReceived   CRFStatus = "recu"
	CRFIncomplete CRFStatus = "incomplet"
	CRFAccepted   CRFStatus = "accepte"
	CRFRefused    CRFStatus = "refuse"
)

// CRFStatuses are the statuses in the order of the work.
var CRFStatuses = []CRFStatus{CRFExpected, CRFReceived, CRFIncomplete, CRFAccepted, CRFRefused}

// Label is the status for people: « reçu », « accepté »…
func (s CRFStatus) Label() string {
	switch s {
	case CRFReceived:
		return "reçu"
	case CRFAccepted:
		return "accepté"
	case CRFRefused:
		return "refusé"
	case "":
		return string(CRFExpected)
	}
	return string(s)
}

// ParseCRFStatus reads a status as typed (accents and case ignored).
func ParseCRFStatus(s string) (CRFStatus, error) {
	k := FoldKey(s)
	for _, st := range CRFStatuses {
		if k == FoldKey(string(st)) {
			return st, nil
		}
	}
	labels := make([]string, len(CRFStatuses))
	for i, st := range CRFStatuses {
		labels[i] = string(st)
	}
	return "", Errorf(EINVALID, "Statut de compte rendu financier inconnu « %s » : %s.", Clean(s), strings.Join(labels, ", "))
}

// Payment is one payment of a grant, as the finance service made it.
type Payment struct {
	ID          int64
	Date        Date
	AmountCents int64
	Mandate     string // the mandate's number
	EJ          string // the engagement juridique's number
	RecordedAt  time.Time
	User        string
}

// CRF is the compte rendu financier a structure returns (Cerfa n° 15059):
// what the action cost, what part of the grant it used, the other funding it
// received, whom it reached, and the service's assessment.
type CRF struct {
	Received          Date
	CostCents         int64 // the action's total cost realised
	UsedCents         int64 // the part of the grant used
	OtherFundingCents int64 // the other funding realised
	Beneficiaries     int   // the people reached
	Assessment        string
	Status            CRFStatus
	Missing           string // what an incomplete CRF lacks
}

// Reversal is the repayment asked of a structure, on a reasoned decision.
type Reversal struct {
	AmountCents int64
	Reason      string
	Decided     Date
}

// GrantTerms are what a grant's convention may set apart from the campaign's
// rule: another CRF due date, another advance.
type GrantTerms struct {
	CRFDue Date // zero: the campaign's
	// AdvanceCents is the advance paid at the convention's signature; nil:
	// the campaign's percentage of the grant.
	AdvanceCents *int64
}

// FollowUpSettings are a campaign's rule for its grants.
type FollowUpSettings struct {
	// CRFDue is when the comptes rendus are due; zero: six months after the
	// end of the financial year of the deliberation (30/06/2022 for AMI2021).
	CRFDue Date
	// AdvancePercent is the advance paid at a convention's signature, as a
	// percentage of the grant; 0: 50 %.
	AdvancePercent int
}

// Grant is one grant to follow: the dossier, its amount, and everything
// recorded since the deliberation.
type Grant struct {
	ApplicationID int64
	Number        string
	Structure     string
	SIRET         string
	GrantedCents  int64
	// The convention: its number (2021-CONV-001…) once given, and the date
	// it was signed.
	ConventionNumber string
	ConventionSigned Date
	Terms            GrantTerms
	Payments         []Payment // by date
	CRF              *CRF      // nil until one is recorded
	Reversal         *Reversal // nil until one is decided
}

// PaidCents is the sum of the payments made.
func (g *Grant) PaidCents() int64 {
	var n int64
	for _, p := range g.Payments {
		n += p.AmountCents
	}
	return n
}

// FollowUp is a campaign's follow-up, read in one transaction.
type FollowUp struct {
	Campaign  *Campaign
	Head      Head
	Settings  FollowUpSettings
	Templates FollowUpTemplates
	Grants    []Grant // in dossier number order
}

// FollowUpTemplates are a campaign's templates of the follow-up's documents;
// "" where the default text applies. Unlike the letters of the decisions,
// they may change after the deliberation.
type FollowUpTemplates struct {
	Convention string // the convention
	Reminder   string // the reminder of an overdue compte rendu financier
	Reversal   string // the demand for a reversal
}

// Grant finds a grant by its dossier's number.
func (f *FollowUp) Grant(number string) (*Grant, bool) {
	k := FoldKey(number)
	for i := range f.Grants {
		if FoldKey(f.Grants[i].Number) == k {
			return &f.Grants[i], true
		}
	}
	return nil, false
}
