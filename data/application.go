package data

import "time"

// Structure is the applicant (usually an association). One structure may apply
// several times, in one campaign or in several.
type Structure struct {
	ID        int64
	Name      string
	LegalForm string
	SIRET     string
	RNA       string
	// Address, PostalCode and Town are the head office's postal address
	// (Cerfa n° 12156): street lines (one per line), five-digit postal
	// code, town, which may lie outside the campaign's territory; see
	// PostalAddress.
	Address    string
	PostalCode string
	Town       string
	Commune    string // INSEE code, from the campaign's list: where the project is filed
	LegalRep   string
	Contact    string
	Email      string
	Phone      string
}

// Cofinancing is one co-financing line of a project's budget.
type Cofinancing struct {
	Funder      string
	AmountCents int64
	Acquired    bool // acquis; otherwise sollicité
}

// Opinion is the service's opinion after instruction.
type Opinion string

const (
	OpinionNone        Opinion = ""
	OpinionFavorable   Opinion = "favorable"
	OpinionReserved    Opinion = "reserve"
	OpinionUnfavorable Opinion = "defavorable"
)

// Opinions lists the opinions in the order a form offers them.
var Opinions = []Opinion{OpinionFavorable, OpinionReserved, OpinionUnfavorable}

// Label is the French label of an opinion.
func (o Opinion) Label() string {
	switch o {
	case OpinionFavorable:
		return "Favorable"
	case OpinionReserved:
		return "Réservé"
	case OpinionUnfavorable:
		return "Défavorable"
	}
	return ""
}

// OpinionFromLabel is the inverse of Label; unknown labels give OpinionNone.
func OpinionFromLabel(s string) Opinion {
	for _, o := range Opinions {
		if FoldKey(o.Label()) == FoldKey(s) || string(o) == s {
			return o
		}
	}
	return OpinionNone
}

// Document is one piece of the application file.
type Document string

// The checklist of pieces, in the order of the call's text.
const (
	DocCerfa       Document = "cerfa12156"
	DocStatuts     Document = "statuts"
	DocDirigeants  Document = "dirigeants"
	DocRIB         Document = "rib"
	DocBudget      Document = "budget"
	DocComptes     Document = "comptes"
	DocAttestation Document = "attestation"
	DocContrat     Document = "cer"
)

// Documents is the checklist in display order.
var Documents = []Document{DocCerfa, DocStatuts, DocDirigeants, DocRIB, DocBudget, DocComptes, DocAttestation, DocContrat}

// Label is the French label of a document.
func (d Document) Label() string {
	switch d {
	case DocCerfa:
		return "Formulaire Cerfa n° 12156"
	case DocStatuts:
		return "Statuts"
	case DocDirigeants:
		return "Liste des dirigeants"
	case DocRIB:
		return "RIB"
	case DocBudget:
		return "Budget prévisionnel de l'action"
	case DocComptes:
		return "Derniers comptes / rapport d'activité"
	case DocAttestation:
		return "Attestation sur l'honneur"
	case DocContrat:
		return "Contrat d'engagement républicain"
	}
	return string(d)
}

// Application is one project submitted to a campaign.
type Application struct {
	ID             int64
	CampaignID     int64
	Number         string // unique in its campaign: AMI2021-001…
	Received       time.Time
	Structure      Structure
	Title          string
	Summary        string
	ThemeID        int64 // 0: none yet
	QPVs           []string
	TargetPublic   string
	Beneficiaries  int
	QPVSharePct    int // share of beneficiaries living in a QPV, 0..100
	Start, End     Date
	TotalCents     int64
	RequestedCents int64
	Cofinancing    []Cofinancing
	Documents      map[Document]bool
	Status         Status
	Late           bool   // received after the deadline
	LateOverride   string // staff's written reason for accepting a late application
	Exemption      string // the written reason a recevabilité was granted with required pièces missing
	Notes          string // instruction notes
	Opinion        Opinion
	OpinionText    string
	History        []StatusChange
	// ExternalState is the dossier's state in the platform it came from
	// (« en construction », « accepté » in démarches-simplifiées), shown
	// as is; it never sets Cohésion's own status.
	ExternalState string
	// Reference is the number the applicant's file gave the dossier when an
	// import gave it the register's next number instead (its own clashed
	// with another applicant's dossier): kept to find it in their papers.
	Reference string
	UpdatedAt time.Time
	// Version counts the stored edits: an edit of a stale copy is refused.
	Version int
}

// MissingDocuments lists the pieces not yet received, in checklist order.
func (a *Application) MissingDocuments() []Document {
	var out []Document
	for _, d := range Documents {
		if !a.Documents[d] {
			out = append(out, d)
		}
	}
	return out
}

// CofinancingCents sums the co-financing lines.
func (a *Application) CofinancingCents() int64 {
	var s int64
	for _, c := range a.Cofinancing {
		s += c.AmountCents
	}
	return s
}

// ApplyDeadline marks a new or re-dated application late and irrecevable when it
// came after the deadline, unless staff overrode it with a reason. It returns the
// status change to record, if any.
func (a *Application) ApplyDeadline(c *Campaign) (StatusChange, bool) {
	a.Late = c.IsLate(a.Received)
	if a.Late && Blank(a.LateOverride) && a.Status != StatusIrrecevable {
		ch := StatusChange{From: a.Status, To: StatusIrrecevable, Reason: "Hors délai : reçu le " + FormatDateTime(a.Received) + " après la date limite du " + c.Deadline.Format()}
		a.Status = StatusIrrecevable
		return ch, true
	}
	return StatusChange{}, false
}
