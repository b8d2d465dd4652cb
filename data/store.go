package data

import (
	"context"
	"time"
)

// The store's interfaces, one per job a caller does, after Ben Johnson's wtf:
// the domain says what it needs, and each adapter (SQLite, PostgreSQL) provides
// it. Every write is one transaction: all or nothing. Every write to a campaign
// its deliberation locked is refused, whatever the path it comes by.

// Campaigns is what the campaign switcher, the Campagne screen and
// `campaign show|set` do.
type Campaigns interface {
	// Campaigns lists every campaign, most recent first, without their lists.
	Campaigns(ctx context.Context) ([]Campaign, error)
	// Campaign loads one campaign with its themes, territory and grid.
	Campaign(ctx context.Context, id int64) (*Campaign, error)
	// CampaignByCode loads a campaign by its code; "" gives the most recent one.
	CampaignByCode(ctx context.Context, code string) (*Campaign, error)
	CreateCampaign(ctx context.Context, c *Campaign) error
	// CreateCampaignFrom stores c, made by CampaignFrom from the campaign
	// c.SourceID, with its letter templates and, withJury, its jurors
	// without their déports; one transaction, journaled. The source is only
	// read, deliberated or not.
	CreateCampaignFrom(ctx context.Context, c *Campaign, withJury bool) error
	// UpdateCampaign saves the settings, lists and grid; a grid already used
	// changes only with confirmGrid (else *GridChangeError). A stale copy
	// (Version) is refused.
	UpdateCampaign(ctx context.Context, c *Campaign, confirmGrid bool) error
	LetterTemplates(ctx context.Context, campaignID int64) (LetterTemplates, error)
	// SaveLetterTemplates stores the templates; an empty text restores the default.
	SaveLetterTemplates(ctx context.Context, campaignID int64, t LetterTemplates) error
}

// Deliberations records the council's vote, which locks the campaign, and the
// reopening that unlocks it.
type Deliberations interface {
	// RecordDeliberation locks the campaign on its adopted scenario. basis is
	// the head of the journal the caller checked the scenario against: if
	// anything was written since, the deliberation is refused.
	RecordDeliberation(ctx context.Context, campaignID int64, number string, date Date, body string, basis Head) error
	Reopen(ctx context.Context, campaignID int64, reason string) error
}

// FollowUps are the follow-up of the grants after the deliberation (issue 21):
// conventions, payments, comptes rendus financiers and reversals. Each write
// is refused before the deliberation (and while the campaign is reopened),
// checked against the rules of package data/followup, journaled under the
// entity AuditGrant, and all or nothing. The grant is named by its dossier's
// ID.
type FollowUps interface {
	// FollowUp loads the campaign's grants to follow, with their settings,
	// in one read transaction.
	FollowUp(ctx context.Context, campaignID int64) (*FollowUp, error)
	// SaveFollowUpSettings sets the campaign's rule (CRF due date, advance).
	SaveFollowUpSettings(ctx context.Context, campaignID int64, s FollowUpSettings) error
	// SetGrantTerms sets what a grant's convention sets apart from the rule.
	SetGrantTerms(ctx context.Context, campaignID, applicationID int64, t GrantTerms) error
	// NumberConventions gives a number (2021-CONV-001…) to every grant whose
	// convention is required and has none, in dossier order, and returns the
	// grants numbered.
	NumberConventions(ctx context.Context, campaignID int64) ([]string, error)
	// SignConvention records the date the convention was signed, numbering
	// it first when it has no number (a convention below the threshold, on
	// request); it returns the convention's number.
	SignConvention(ctx context.Context, campaignID, applicationID int64, signed Date) (string, error)
	RecordPayment(ctx context.Context, campaignID, applicationID int64, p Payment) error
	// CancelPayment removes a payment recorded in error, with a written
	// reason kept in the journal.
	CancelPayment(ctx context.Context, campaignID, applicationID, paymentID int64, reason string) error
	RecordCRF(ctx context.Context, campaignID, applicationID int64, crf CRF) error
	RecordReversal(ctx context.Context, campaignID, applicationID int64, r Reversal) error
	// SaveFollowUpTemplates stores the follow-up documents' templates (an
	// empty text restores the default), before or after the deliberation;
	// FollowUp loads them.
	SaveFollowUpTemplates(ctx context.Context, campaignID int64, t FollowUpTemplates) error
}

// Register is the register of applications.
type Register interface {
	// CreateApplication validates, numbers and stores a new application.
	CreateApplication(ctx context.Context, c *Campaign, a *Application) error
	// UpdateApplication saves a corrected application (never its status). With
	// o.ShareIdentity, the applicant's identity is also written to every other
	// dossier declaring the same SIRET, each change journaled on that dossier.
	UpdateApplication(ctx context.Context, c *Campaign, a *Application, o UpdateOptions) error
	// ImportApplications stores many applications at once, all or nothing.
	ImportApplications(ctx context.Context, c *Campaign, lines ImportLines, o ImportOptions) (ImportSummary, error)
	ChangeStatus(ctx context.Context, id int64, to Status, reason string) error
	OverrideLate(ctx context.Context, id int64, reason string) error
	Application(ctx context.Context, id int64) (*Application, error)
	ApplicationByNumber(ctx context.Context, campaignID int64, number string) (*Application, error)
	// ListApplications returns the register, filtered and sorted, with its totals.
	ListApplications(ctx context.Context, campaignID int64, f Filter) ([]Row, Totals, error)
	// SameSIRET lists the other dossiers (any campaign) whose applicant declared
	// that SIRET, so a form can say « Cette structure a déjà déposé DS-1034 ».
	SameSIRET(ctx context.Context, siret string, except int64) ([]Sibling, error)
}

// Mappings are the import wizard's saved column mappings.
type Mappings interface {
	SaveMapping(ctx context.Context, name string, m map[string]string) error
	Mapping(ctx context.Context, name string) (map[string]string, error)
	Mappings(ctx context.Context) ([]string, error)
}

// Jury is the jury's work: members, déports, scores and decisions.
type Jury interface {
	Jurors(ctx context.Context, campaignID int64) ([]Juror, error)
	AddJuror(ctx context.Context, j *Juror) error
	UpdateJuror(ctx context.Context, j *Juror) error
	// DeleteJuror removes a juror who has scored nothing.
	DeleteJuror(ctx context.Context, id int64) error
	JurorByName(ctx context.Context, campaignID int64, name string) (*Juror, error)
	Conflicts(ctx context.Context, campaignID int64) ([]Conflict, error)
	// AddConflict declares a déport; it reports whether scores already given
	// are now excluded.
	AddConflict(ctx context.Context, jurorID, applicationID int64, reason string) (bool, error)
	RemoveConflict(ctx context.Context, jurorID, applicationID int64) error
	Sheets(ctx context.Context, campaignID int64) ([]Sheet, error)
	// WriteScores applies score changes (from the Notation screen or from
	// files), creating w.NewJurors first, all or nothing.
	WriteScores(ctx context.Context, c *Campaign, w ScoreWrite) error
	// ScoredSheets counts the sheets holding a score, before a grid change.
	ScoredSheets(ctx context.Context, campaignID int64) (sheets, jurors, applications int, err error)
	// Decide records decisions, all in one transaction: all or none.
	Decide(ctx context.Context, ds ...*JuryDecision) error
	Decisions(ctx context.Context, campaignID int64) (map[int64]JuryDecision, error)
}

// Splits are the saved scenarios of répartition.
type Splits interface {
	Scenarios(ctx context.Context, campaignID int64) ([]ScenarioInfo, error)
	Scenario(ctx context.Context, campaignID int64, name string) (*Scenario, error)
	// AdoptedScenario is the adopted one; ENOTFOUND when none is.
	AdoptedScenario(ctx context.Context, campaignID int64) (*Scenario, error)
	// SaveScenario stores a computed split under a name; overwriting the
	// adopted scenario needs confirmAdopted (else *AdoptedChangeError).
	SaveScenario(ctx context.Context, c *Campaign, name string, res *SplitResult, locks map[int64]int64, fingerprint string, confirmAdopted bool) (*ScenarioInfo, error)
	AdoptScenario(ctx context.Context, campaignID int64, name string) error
	ScenarioEvents(ctx context.Context, scenarioID int64) ([]ScenarioEvent, error)
}

// Reverts undo the last bulk action of a session (see Revert).
type Reverts interface {
	Revert(ctx context.Context, r Revert) error
}

// Journal is the audit trail and its check.
type Journal interface {
	Audit(ctx context.Context, f AuditFilter) ([]AuditEntry, error)
	// VerifyAudit walks the chain and compares every data row with the state
	// the chain vouches for.
	VerifyAudit(ctx context.Context) (*AuditReport, error)
	// Head is the chain's last link.
	Head(ctx context.Context) (Head, error)
	// EntryAt loads the entry number id (ENOTFOUND when there is none).
	EntryAt(ctx context.Context, id int64) (*AuditEntry, error)
}

// Snapshots load, in one read transaction, everything a computation on a
// campaign needs: the ranking, the split, the documents and the exports all
// start from one.
type Snapshots interface {
	Snapshot(ctx context.Context, campaignID int64, o SnapshotOptions) (*Snapshot, error)
}

// Personal is what the GDPR asks: purge at the end of the retention period,
// and everything about one person on request.
type Personal interface {
	PurgeExpired(ctx context.Context, dryRun bool) ([]Purge, error)
	PersonData(ctx context.Context, query string) (*PersonRecord, error)
}

// Presence is the list of windows running on a base.
type Presence interface {
	// RegisterInstance records this window and returns the others.
	RegisterInstance(ctx context.Context) (int64, []Instance, error)
	Heartbeat(ctx context.Context, id int64) error
	UnregisterInstance(ctx context.Context, id int64) error
	// OtherInstances lists the windows still running, except self (0: none).
	OtherInstances(ctx context.Context, self int64) ([]Instance, error)
}

// Changes tells a desk that a colleague wrote to the base.
type Changes interface {
	// Watch sends the ID of each campaign written to by another process (0
	// when unknown) until ctx ends. Delivery is best effort and coalesced.
	Watch(ctx context.Context) <-chan int64
}

// Store is a whole base, whatever its technology.
type Store interface {
	Campaigns
	Deliberations
	FollowUps
	Register
	Mappings
	Jury
	Splits
	Journal
	Snapshots
	Personal
	Presence
	Changes
	Reverts
	Structures
	// Now is the time of every write (tests pin it).
	Now() time.Time
	// Location names the base for people: a file path, or a server address
	// without its password.
	Location() string
	Close() error
}

// UpdateOptions choose what a save of a dossier may change beside it.
type UpdateOptions struct {
	ShareIdentity bool
}

// Sibling is another dossier whose applicant declared the same SIRET.
type Sibling struct {
	ApplicationID int64
	CampaignCode  string
	Number        string
	Structure     string
}

// ScoreWrite is one save of scores: from the Notation screen (one sheet) or
// from files (many), with the jurors to create first when asked on purpose.
type ScoreWrite struct {
	// NewJurors are created first; a change for the i-th of them carries
	// JurorID -(i+1).
	NewJurors []*Juror
	Changes   []ScoreChange
	DryRun    bool
}

// LetterTemplates are a campaign's letter templates; "" where the default
// text applies.
type LetterTemplates struct {
	Attribution    string
	Refusal        string
	Irrecevability string // the letter to a dossier declared irrecevable (hors délai, pièces manquantes)
	// The council's documents: the rapport de présentation and the projet de
	// délibération (same {{champ}} mechanism, their own fields).
	Report       string
	Deliberation string
}

// SnapshotOptions choose what a snapshot loads beside the register.
type SnapshotOptions struct {
	// Applications loads every dossier in full (documents, SCDL, letters).
	Applications bool
	// Scenario names the scenario to load with its lines; "" loads the
	// adopted one, if any.
	Scenario string
	// FollowUp loads the follow-up of the grants (see FollowUps.FollowUp).
	FollowUp bool
	// History loads each dossier's structure's dossiers in the other
	// campaigns (Snapshot.History), as the structures' directory reads them
	// on the store's day: the alerts of loi 2000-321 art. 10 and the jury
	// dossier's « Déjà aidée » come from it.
	History bool
	// Source loads the campaign it was made from (Snapshot.Source), for the
	// dashboard's comparison; nothing when it was made from the defaults.
	Source bool
}

// SourceSnapshot is the campaign a campaign was made from, as the comparison
// needs it: its register and its adopted scenario.
type SourceSnapshot struct {
	Campaign *Campaign
	Rows     []Row
	Adopted  *Scenario // nil when it has none
}

// Snapshot is a consistent view of one campaign, read in one transaction.
type Snapshot struct {
	Campaign     *Campaign
	Head         Head          // the journal's head when it was read
	Rows         []Row         // the register, in number order
	Applications []Application // in number order, when asked
	Jurors       []Juror
	Conflicts    []Conflict
	Sheets       []Sheet
	Decisions    map[int64]JuryDecision // by application ID
	Scenarios    []ScenarioInfo
	Scenario     *Scenario // the one asked for (by default the adopted one); nil when none
	Templates    LetterTemplates
	FollowUp     *FollowUp // when asked; its Campaign and Head are the snapshot's
	// History is, by application ID, the dossier's structure's dossiers in
	// the other campaigns (HistoryOf), when asked; CRFBarred reads it.
	History map[int64][]StructureDossier
	Source  *SourceSnapshot // when asked and the campaign has a source
}

// CRFBarred reports whether the dossier's structure has a compte rendu
// financier overdue or refused in another campaign (CRFOverdueElsewhere), as
// the snapshot's History says; false when it was not loaded.
func (s *Snapshot) CRFBarred(applicationID int64) bool {
	return CRFOverdueElsewhere(s.History[applicationID])
}
