package campaign_test

import (
	"strings"
	"testing"
	"time"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/campaign"
)

// snapshot is a campaign of four dossiers scored by two jurors: 001
// recevable and agreed upon, 002 recevable with pièces missing and no
// exemption (a pièce unticked after the recevabilité), 003 recevable and
// « à discuter » (the jurors disagree), 004 still « Reçu ».
func snapshot() *data.Snapshot {
	c := &data.Campaign{ID: 1, EnvelopeCents: 100_000_00, MinScoreHundredths: 1000, Quorum: 2, DisagreementHundredths: 300,
		Criteria: []data.Criterion{{ID: 1, Label: "Pertinence", Weight: 1, Max: 20}}}
	all := data.Documents
	day := time.Date(2021, 4, 12, 9, 0, 0, 0, data.Paris)
	row := func(id int64, st data.Status, pieces []data.Document) data.Row {
		return data.Row{ID: id, Number: "AMI2021-00" + string(rune('0'+id)), Received: day.Add(time.Duration(id) * time.Hour), Status: st,
			Pieces: pieces, RequestedCents: 10_000_00, TotalCents: 20_000_00}
	}
	snap := &data.Snapshot{Campaign: c, Decisions: map[int64]data.JuryDecision{},
		Rows: []data.Row{row(1, data.StatusRecevable, all), row(2, data.StatusRecevable, all[:2]), row(3, data.StatusRecevable, all), row(4, data.StatusRecu, all)}}
	for _, s := range []struct {
		app    int64
		juror  int64
		points int
	}{{1, 1, 16}, {1, 2, 15}, {2, 1, 14}, {2, 2, 14}, {3, 1, 20}, {3, 2, 8}, {4, 1, 19}, {4, 2, 19}} {
		snap.Sheets = append(snap.Sheets, data.Sheet{JurorID: s.juror, ApplicationID: s.app, Scores: map[int64]int{1: s.points}})
	}
	return snap
}

// What deserves a look before retaining: the dossier à instruire (never
// ranked, though scored), the « à discuter » one and the one whose pièces
// are missing — each named, none silently.
func TestReviewNamesWhatDeservesALook(t *testing.T) {
	v := campaign.Compute(snapshot())
	if len(v.Ranked) != 3 || len(v.Pending) != 1 || v.Pending[0].ID != 4 || len(v.Split.Candidates) != 3 {
		t.Fatalf("ranked %d, pending %v, candidates %d", len(v.Ranked), v.Pending, len(v.Split.Candidates))
	}
	r := v.Review(v.Retained())
	if strings.Join(r.Pending, ",") != "AMI2021-004" || strings.Join(r.Discuss, ",") != "AMI2021-003" || len(r.NotDeclared) != 0 ||
		len(r.Missing) != 1 || !strings.HasPrefix(r.Missing[0], "AMI2021-002 (Liste des dirigeants") {
		t.Fatalf("review %+v", r)
	}
	lines := strings.Join(r.Lines(), "\n")
	for _, want := range []string{"À instruire, hors classement : 1 dossier ni recevable ni irrecevable (AMI2021-004).",
		"À discuter (désaccord entre jurés) : 1 dossier (AMI2021-003).", "Pièces manquantes sans dérogation : 1 dossier — AMI2021-002 ("} {
		if !strings.Contains(lines, want) {
			t.Errorf("%q absent from\n%s", want, lines)
		}
	}
	// An exemption counts as checked.
	snap := snapshot()
	snap.Rows[1].Exemption = "RIB promis"
	v = campaign.Compute(snap)
	if r := v.Review(v.Retained()); len(r.Missing) != 0 {
		t.Errorf("an exemption counted as pièces missing: %+v", r)
	}
}
