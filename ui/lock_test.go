package ui

import (
	"context"
	"strings"
	"testing"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/campaign"
)

func TestLockedCampaignRefusesEditsFromGUI(t *testing.T) {
	a := newTestApp(t)
	withJury(t, a)
	ctx := context.Background()
	typeScores(a, "Mme Durand", "5")
	adoptRang(t, a)
	if err := campaign.Deliberate(ctx, a.base.db, a.campaign.ID, "2021-154", data.NewDate(2021, 9, 27), ""); err != nil {
		t.Fatal(err)
	}
	a.reloadCampaign(context.Background())
	if len(a.lockBar.Objects) != 1 {
		t.Fatal("no lock banner")
	}
	// Typing a score on a locked campaign is refused and said on the row.
	a.selectScreen("Notation")
	chooseJuror(a, "Mme Durand")
	a.scoring.rows[1].entries[0].SetText("3")
	if !strings.Contains(a.scoring.rows[1].state.Text, "verrouillée") {
		t.Fatalf("row state %q", a.scoring.rows[1].state.Text)
	}
	sheets, _ := a.base.db.Sheets(ctx, a.campaign.ID)
	if len(sheets) != 1 {
		t.Fatalf("%d sheets stored on a locked campaign", len(sheets))
	}
	// The application's history shows its changes, the campaign's shows the lock.
	a.selectScreen("Dossiers")
	a.register.openForm(&a.register.rows[0])
	if len(a.register.form.audit) == 0 || a.register.form.audit[len(a.register.form.audit)-1].Action != "création" {
		t.Fatalf("application history %+v", a.register.form.audit)
	}
	a.selectScreen("Historique")
	if len(a.history.entries) == 0 || a.history.entries[0].Entity != data.AuditDeliberation {
		t.Fatalf("campaign history %+v", a.history.entries)
	}
}
