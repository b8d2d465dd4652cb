// Package gather turns a campaign's view (one snapshot, ranked and split by
// package campaign) into the documents' input and the exports' tables: the one
// bridge between the domain and the renderers, with no store in sight.
package gather

import (
	"context"
	"time"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/campaign"
	"github.com/call-agglo/cohesion/reports"
)

// Options choose the scenario and the dossier's anonymity.
type Options struct {
	Scenario  string // "": the adopted scenario, if any
	Anonymise bool
	Now       time.Time
	// FollowUp reads the grants' follow-up too, in the same snapshot (the
	// conventions, the reminders, the reversal demands).
	FollowUp bool
	At       data.Date // the reminders' day; zero: Now's
	// Document, when Load is for one document (reports.Kind's Key), spares
	// reading what it does not print: the structures' dossiers in the other
	// campaigns (Input.History), read for the jury dossier alone; the
	// dossiers in full, which the annex does not need (registerDossiers).
	// "": all.
	Document string
}

// Load reads one snapshot of the campaign with everything the documents need
// and returns their input.
func Load(ctx context.Context, st data.Snapshots, c *data.Campaign, o Options) (*reports.Input, *campaign.View, error) {
	go reports.Preload() // the fonts are parsed on another processor while the base is read
	history := o.Document == "" || o.Document == "jury"
	full := o.Document != "annex"
	v, err := campaign.Load(ctx, st, c.ID, data.SnapshotOptions{Applications: full, Scenario: o.Scenario, FollowUp: o.FollowUp, History: history})
	if err != nil {
		return nil, nil, err
	}
	if !full {
		v.Applications = registerDossiers(v.Campaign.ID, v.Rows)
	}
	return Input(v, o), v, nil
}

// registerDossiers are the dossiers as the register already read them, for
// a document that prints nothing else of them: the annex (its number, the
// structure's name and SIRET, the title, the theme, the QPV, the cost and
// the amount asked). Their cofinancings, status history, instruction notes,
// summary and the structure's contacts stay unread.
func registerDossiers(campaignID int64, rows []data.Row) []data.Application {
	out := make([]data.Application, len(rows))
	for i := range rows {
		r := &rows[i]
		docs := make(map[data.Document]bool, len(r.Pieces))
		for _, p := range r.Pieces {
			docs[p] = true
		}
		out[i] = data.Application{ID: r.ID, CampaignID: campaignID, Number: r.Number, Received: r.Received, Title: r.Title, ThemeID: r.ThemeID, QPVs: r.QPVs,
			TotalCents: r.TotalCents, RequestedCents: r.RequestedCents, Documents: docs, Status: r.Status, Late: r.Late,
			Exemption: r.Exemption, Reference: r.Reference,
			Structure: data.Structure{Name: r.Structure, SIRET: r.SIRET, Commune: r.Commune, Address: r.Address, PostalCode: r.PostalCode, Town: r.Town}}
	}
	return out
}

// Input is the documents' input for a view.
func Input(v *campaign.View, o Options) *reports.Input {
	c := v.Campaign
	in := &reports.Input{Campaign: c, Anonymise: o.Anonymise, GeneratedAt: o.Now, Applications: v.Applications,
		Jurors: v.Jurors, Conflicts: v.Conflicts, Sheets: v.Sheets, Decisions: v.Decisions, JournalHead: v.Head, History: v.History}
	if in.GeneratedAt.IsZero() {
		in.GeneratedAt = time.Now()
	}
	if in.Decisions == nil {
		in.Decisions = map[int64]data.JuryDecision{}
	}
	if len(v.Sheets) > 0 {
		in.Ranking = v.Ranking
	}
	if v.Scenario != nil {
		in.ScenarioName = v.Scenario.Name
		in.Allocation = v.Scenario.Result()
		in.ScenarioStale = v.ScenarioStale()
	}
	in.Deliberation = Deliberation(c)
	in.FollowUp, in.At = v.FollowUp, o.At
	in.Templates = Templates(v.Templates)
	in.Council = CouncilTemplates(v.Templates)
	return in
}

// Deliberation is the campaign's deliberation as the documents cite it;
// until it is recorded (Recorded), the annex and the letters are drafts.
func Deliberation(c *data.Campaign) reports.Deliberation {
	return reports.Deliberation{Number: c.DeliberationNumber, Date: c.DeliberationDate, Body: c.DeliberationBody}
}

// Templates completes stored templates with the defaults.
func Templates(stored data.LetterTemplates) reports.Templates {
	t := reports.DefaultTemplates()
	if stored.Attribution != "" {
		t.Attribution = stored.Attribution
	}
	if stored.Refusal != "" {
		t.Refusal = stored.Refusal
	}
	if stored.Irrecevability != "" {
		t.Irrecevability = stored.Irrecevability
	}
	return t
}

// CouncilTemplates completes the stored rapport and projet de délibération
// with the defaults.
func CouncilTemplates(stored data.LetterTemplates) reports.CouncilTemplates {
	t := reports.DefaultCouncilTemplates()
	if stored.Report != "" {
		t.Report = stored.Report
	}
	if stored.Deliberation != "" {
		t.Deliberation = stored.Deliberation
	}
	return t
}
