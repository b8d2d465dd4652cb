package storetest

import (
	"errors"
	"strings"
	"testing"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/campaign"
	"github.com/call-agglo/cohesion/data/jury"
)

var _ = register("Jurors", func(t *testing.T, h Harness) {
	st, c, apps, jurors := juryFixture(t, h)
	if err := st.AddJuror(ctx, &data.Juror{CampaignID: c.ID, Name: "mme durand"}); data.ErrorCode(err) != data.ECONFLICT {
		t.Fatalf("duplicate juror: %v", err)
	}
	for _, name := range []string{" ", "***", "—"} {
		err := st.AddJuror(ctx, &data.Juror{CampaignID: c.ID, Name: name})
		if data.ErrorCode(err) != data.EINVALID || strings.Contains(err.Error(), "juror_name") {
			t.Fatalf("juror named %q: %v", name, err)
		}
	}
	mustScore(t, st, c, jurors[0], apps[0], 3)
	if err := st.DeleteJuror(ctx, jurors[0].ID); data.ErrorCode(err) != data.ECONFLICT {
		t.Fatalf("deleting a juror who scored: %v", err)
	}
	if _, err := st.AddConflict(ctx, jurors[1].ID, apps[1].ID, "Trésorier"); err != nil {
		t.Fatal(err)
	}
	if err := st.DeleteJuror(ctx, jurors[1].ID); err != nil {
		t.Fatal(err)
	}
	js, _ := st.Jurors(ctx, c.ID)
	if len(js) != 1 || js[0].Name != "Mme Durand" || js[0].College != data.CollegeElu {
		t.Fatalf("%+v", js)
	}
	if ks, _ := st.Conflicts(ctx, c.ID); len(ks) != 0 {
		t.Fatalf("the removed juror's déport stayed: %+v", ks)
	}
	intact(t, st) // the déport removed with its juror is journaled on its dossier
})

// The jury is read by surname, a civility and given names coming first, on
// every screen and report that lists it (issue 19).
var _ = register("JurorsBySurname", func(t *testing.T, h Harness) {
	st, c, _, _ := juryFixture(t, h) // « Mme Durand », « M. Leroy »
	for _, n := range []string{"M. Lefèvre-Dumontier", "Mme Benali", "Mme Zoé Achard", "M. Éric Martin (fictif)"} {
		if err := st.AddJuror(ctx, &data.Juror{CampaignID: c.ID, Name: n, College: data.CollegeEtat}); err != nil {
			t.Fatal(err)
		}
	}
	want := []string{"Mme Zoé Achard", "Mme Benali", "Mme Durand", "M. Lefèvre-Dumontier", "M. Leroy", "M. Éric Martin (fictif)"}
	check := func(where string, js []data.Juror) {
		t.Helper()
		var got []string
		for _, j := range js {
			got = append(got, j.Name)
		}
		if strings.Join(got, " | ") != strings.Join(want, " | ") {
			t.Fatalf("%s: jurors in the order\n%q\nwant\n%q", where, got, want)
		}
	}
	js, err := st.Jurors(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	check("Jurors", js)
	snap, err := st.Snapshot(ctx, c.ID, data.SnapshotOptions{})
	if err != nil {
		t.Fatal(err)
	}
	check("Snapshot", snap.Jurors)
})

var _ = register("SheetsRules", func(t *testing.T, h Harness) {
	st, c, apps, jurors := juryFixture(t, h)
	if err := st.WriteScores(ctx, c, scores(c, jurors[0], apps[0], 5, 6)); err == nil || !strings.Contains(err.Error(), "hors barème") {
		t.Fatalf("score 6 on a 0–5 scale: %v", err)
	}
	mustScore(t, st, c, jurors[0], apps[0], 5, 4) // a partial sheet is kept
	if s := sheetOf(t, st, c, jurors[0], apps[0]); len(s) != 2 {
		t.Fatalf("%+v", s)
	}
	if _, err := st.AddConflict(ctx, jurors[1].ID, apps[1].ID, "Administrateur de l'association"); err != nil {
		t.Fatal(err)
	}
	if err := st.WriteScores(ctx, c, scores(c, jurors[1], apps[1], 3, 3, 3, 3, 3)); err == nil || !strings.Contains(err.Error(), "Déport") {
		t.Fatalf("sheet for a conflicted pair: %v", err)
	}
	if _, err := st.AddConflict(ctx, jurors[1].ID, apps[1].ID, ""); data.ErrorCode(err) != data.ECONFLICT {
		t.Fatalf("declared twice: %v", err)
	}
	ks, _ := st.Conflicts(ctx, c.ID)
	if len(ks) != 1 || ks[0].JurorName != "M. Leroy" || ks[0].Number != apps[1].Number || ks[0].Reason == "" {
		t.Fatalf("%+v", ks)
	}
})

// A save names the scores it changes: the others stay, and clearing is explicit.
var _ = register("ScoresChangeOnlyWhatTheyName", func(t *testing.T, h Harness) {
	st, c, apps, jurors := juryFixture(t, h)
	mustScore(t, st, c, jurors[0], apps[0], 3, 3, 2, 4, 3)
	one := data.ScoreChange{JurorID: jurors[0].ID, ApplicationID: apps[0].ID, Set: map[int64]int{c.Criteria[0].ID: 5}}
	if err := st.WriteScores(ctx, c, data.ScoreWrite{Changes: []data.ScoreChange{one}}); err != nil {
		t.Fatal(err)
	}
	got := sheetOf(t, st, c, jurors[0], apps[0])
	if len(got) != 5 || got[c.Criteria[0].ID] != 5 || got[c.Criteria[3].ID] != 4 {
		t.Fatalf("a one-score save rewrote the grid: %v", got)
	}
	clear := data.ScoreChange{JurorID: jurors[0].ID, ApplicationID: apps[0].ID, Clear: []int64{c.Criteria[4].ID}}
	if err := st.WriteScores(ctx, c, data.ScoreWrite{Changes: []data.ScoreChange{clear}}); err != nil {
		t.Fatal(err)
	}
	if got := sheetOf(t, st, c, jurors[0], apps[0]); len(got) != 4 || got[c.Criteria[4].ID] != 0 {
		t.Fatalf("after clearing C5: %v", got)
	}
	trail, _ := st.Audit(ctx, data.AuditFilter{CampaignID: c.ID, Limit: 2})
	if trail[0].Old != "5, 3, 2, 4, 3" || trail[0].New != "5, 3, 2, 4, –" || trail[1].Old != "3, 3, 2, 4, 3" {
		t.Fatalf("journal: %+v / %+v", trail[0], trail[1])
	}
	intact(t, st)
})

var _ = register("WriteScoresAllOrNothing", func(t *testing.T, h Harness) {
	st, c, apps, jurors := juryFixture(t, h)
	if _, err := st.AddConflict(ctx, jurors[1].ID, apps[2].ID, ""); err != nil {
		t.Fatal(err)
	}
	good := scores(c, jurors[0], apps[0], 3, 3, 3, 3, 3)
	good.Changes = append(good.Changes, data.ScoreChange{JurorID: -1, ApplicationID: apps[1].ID, Set: map[int64]int{c.Criteria[0].ID: 2}})
	bad := good
	bad.NewJurors = []*data.Juror{{Name: "Mme Nouvelle"}}
	bad.Changes = append(append([]data.ScoreChange{}, good.Changes...), scores(c, jurors[1], apps[2], 1, 1, 1, 1, 1).Changes...)
	if err := st.WriteScores(ctx, c, bad); err == nil {
		t.Fatal("import with a conflicted pair succeeded")
	}
	sheets, _ := st.Sheets(ctx, c.ID)
	js, _ := st.Jurors(ctx, c.ID)
	if len(sheets) != 0 || len(js) != 2 {
		t.Fatalf("partial import: %d sheets, %d jurors", len(sheets), len(js))
	}
	dry := good
	dry.NewJurors, dry.DryRun = []*data.Juror{{Name: "Mme Nouvelle"}}, true
	if err := st.WriteScores(ctx, c, dry); err != nil {
		t.Fatal(err)
	}
	if sheets, _ = st.Sheets(ctx, c.ID); len(sheets) != 0 {
		t.Fatal("dry run wrote")
	}
	good.NewJurors = []*data.Juror{{Name: "Mme Nouvelle"}}
	if err := st.WriteScores(ctx, c, good); err != nil {
		t.Fatal(err)
	}
	sheets, _ = st.Sheets(ctx, c.ID)
	js, _ = st.Jurors(ctx, c.ID)
	if len(sheets) != 2 || len(js) != 3 {
		t.Fatalf("%d sheets, %d jurors", len(sheets), len(js))
	}
})

var _ = register("RankingFromSnapshot", func(t *testing.T, h Harness) {
	st, c, apps, jurors := juryFixture(t, h)
	mustScore(t, st, c, jurors[0], apps[0], 5, 5, 5, 5, 5) // 20
	mustScore(t, st, c, jurors[1], apps[0], 3, 3, 3, 3, 3) // 12 → F 16
	mustScore(t, st, c, jurors[0], apps[1], 4, 4, 4, 4, 4) // 16
	mustScore(t, st, c, jurors[1], apps[1], 5, 5, 5, 5, 5) // 20 → F 18
	mustScore(t, st, c, jurors[0], apps[2], 1, 1, 1, 1, 1) // 4
	mustScore(t, st, c, jurors[1], apps[2], 2, 2)          // incomplete → F 4, below the minimum
	ranking := func() map[string]campaign.RankingRow {
		v, err := campaign.Load(ctx, st, c.ID, data.SnapshotOptions{})
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]campaign.RankingRow{}
		for _, r := range v.Ranked {
			out[r.Number] = r
		}
		return out
	}
	got := ranking()
	a0, a1, a2 := got[apps[0].Number], got[apps[1].Number], got[apps[2].Number]
	if a1.Rank != 1 || a0.Rank != 2 || a2.Rank != 3 {
		t.Fatalf("ranks %d %d %d", a0.Rank, a1.Rank, a2.Rank)
	}
	if jury.FormatScore(a1.F) != "18,00" || a0.Counted != 2 || a2.Counted != 1 || a2.Incomplete != 1 {
		t.Fatalf("F %s, counted %d %d, incomplete %d", jury.FormatScore(a1.F), a0.Counted, a2.Counted, a2.Incomplete)
	}
	if a1.Proposed != data.DecisionRetenu || a2.Proposed != data.DecisionNonRetenu || !a2.HasFlag("sous le seuil") || a1.Row.Structure == "" {
		t.Fatalf("proposals %s %s flags %v", a1.Proposed, a2.Proposed, a2.Flags)
	}
	excluded, err := st.AddConflict(ctx, jurors[1].ID, apps[1].ID, "Présidente de l'association")
	if err != nil || !excluded {
		t.Fatalf("excluded=%v err=%v", excluded, err)
	}
	if r := ranking()[apps[1].Number]; jury.FormatScore(r.F) != "16,00" || r.Counted != 1 || r.Excluded != 1 {
		t.Fatalf("after the déport: F %s counted %d excluded %d", jury.FormatScore(r.F), r.Counted, r.Excluded)
	}
	if err := st.ChangeStatus(ctx, apps[0].ID, data.StatusIrrecevable, "Pièces manquantes"); err != nil {
		t.Fatal(err)
	}
	if r := ranking()[apps[0].Number]; r.Rank != 0 || r.Counted != 0 {
		t.Fatalf("irrecevable ranked: %+v", r.Line)
	}
})

var _ = register("Decisions", func(t *testing.T, h Harness) {
	st, c, apps, _ := juryFixture(t, h)
	no := &data.JuryDecision{ApplicationID: apps[0].ID, Decision: data.DecisionNonRetenu}
	if err := st.Decide(ctx, no); err == nil || !strings.Contains(err.Error(), "motivation") {
		t.Fatalf("non retenu without motivation: %v", err)
	}
	no.Motivation, no.JuryDate = "Projet déjà financé par le Contrat de ville", data.NewDate(2021, 6, 15)
	if err := st.Decide(ctx, no); err != nil {
		t.Fatal(err)
	}
	if err := st.Decide(ctx, &data.JuryDecision{ApplicationID: apps[1].ID, Decision: data.DecisionRetenu}); err != nil {
		t.Fatal(err)
	}
	got, _ := st.Application(ctx, apps[0].ID)
	last := got.History[len(got.History)-1]
	if got.Status != data.StatusNonRetenu || !strings.Contains(last.Reason, "15/06/2021") || !strings.Contains(last.Reason, "Contrat de ville") {
		t.Fatalf("status %s, history %+v", got.Status, last)
	}
	if err := st.Decide(ctx, &data.JuryDecision{ApplicationID: apps[0].ID, Decision: data.DecisionAjourne, Motivation: "Budget à préciser"}); err != nil {
		t.Fatal(err)
	}
	ds, _ := st.Decisions(ctx, c.ID)
	if len(ds) != 2 || ds[apps[0].ID].Decision != data.DecisionAjourne || ds[apps[1].ID].Decision != data.DecisionRetenu {
		t.Fatalf("%+v", ds)
	}
	if err := st.ChangeStatus(ctx, apps[2].ID, data.StatusRetenu, ""); err == nil {
		t.Fatal("retenu set by hand")
	}
	if err := st.ChangeStatus(ctx, apps[2].ID, data.StatusIrrecevable, "Hors territoire"); err != nil {
		t.Fatal(err)
	}
	if err := st.Decide(ctx, &data.JuryDecision{ApplicationID: apps[2].ID, Decision: data.DecisionRetenu}); err == nil {
		t.Fatal("decision on an irrecevable application")
	}
	intact(t, st)
})

var _ = register("GridChangeNeedsConfirmation", func(t *testing.T, h Harness) {
	st, c, apps, jurors := juryFixture(t, h)
	c.Criteria[0].Weight = 4 // before any score, the grid changes freely
	if err := st.UpdateCampaign(ctx, c, false); err != nil {
		t.Fatal(err)
	}
	mustScore(t, st, c, jurors[0], apps[0], 5, 5, 5, 5, 5)
	c, _ = st.Campaign(ctx, c.ID)
	c.Criteria[1].Max = 4
	err := st.UpdateCampaign(ctx, c, false)
	var g *data.GridChangeError
	if !errors.As(err, &g) || g.Sheets != 1 || g.Jurors != 1 || g.Applications != 1 || data.ErrorCode(err) != data.ECONFLICT ||
		!strings.Contains(data.ErrorMessage(err), "1 grille(s)") {
		t.Fatalf("got %v", err)
	}
	c2, _ := st.Campaign(ctx, c.ID)
	c2.Criteria[0].Label = "Besoin social non pourvu" // a wording change needs no confirmation
	if err := st.UpdateCampaign(ctx, c2, false); err != nil {
		t.Fatal(err)
	}
	c, _ = st.Campaign(ctx, c.ID)
	c.Criteria = c.Criteria[:4] // drops criterion 5: its scores go, journaled on their sheets
	c.Criteria[1].Max = 4
	if err := st.UpdateCampaign(ctx, c, true); err != nil {
		t.Fatal(err)
	}
	v, _ := campaign.Load(ctx, st, c.ID, data.SnapshotOptions{})
	for _, r := range v.Ranked {
		if r.ApplicationID == apps[0].ID && (r.Counted != 0 || r.Incomplete != 1) {
			t.Fatalf("sheet with an out-of-scale score: %+v", r.Line)
		}
	}
	intact(t, st)
})

// Several decisions go in one transaction: when one is refused (a dossier
// declared irrecevable meanwhile), none is recorded.
var _ = register("DecisionsAllOrNothing", func(t *testing.T, h Harness) {
	st, c, apps, _ := juryFixture(t, h)
	if err := st.ChangeStatus(ctx, apps[1].ID, data.StatusIrrecevable, "Pièces manquantes"); err != nil {
		t.Fatal(err)
	}
	before, _ := st.Audit(ctx, data.AuditFilter{CampaignID: c.ID})
	err := st.Decide(ctx, &data.JuryDecision{ApplicationID: apps[0].ID, Decision: data.DecisionRetenu},
		&data.JuryDecision{ApplicationID: apps[1].ID, Decision: data.DecisionRetenu})
	if data.ErrorCode(err) != data.EINVALID || !strings.Contains(err.Error(), apps[1].Number) {
		t.Fatalf("a decision on an irrecevable dossier: %v", err)
	}
	if ds, _ := st.Decisions(ctx, c.ID); len(ds) != 0 {
		t.Fatalf("recorded despite the refusal: %+v", ds)
	}
	if got, _ := st.Application(ctx, apps[0].ID); got.Status == data.StatusRetenu {
		t.Fatal("the first dossier moved to retenu")
	}
	if after, _ := st.Audit(ctx, data.AuditFilter{CampaignID: c.ID}); len(after) != len(before) {
		t.Fatalf("the journal grew from %d to %d entries", len(before), len(after))
	}
	if err := st.Decide(ctx, &data.JuryDecision{ApplicationID: apps[0].ID, Decision: data.DecisionRetenu},
		&data.JuryDecision{ApplicationID: apps[2].ID, Decision: data.DecisionRetenu}); err != nil {
		t.Fatal(err)
	}
	if ds, _ := st.Decisions(ctx, c.ID); len(ds) != 2 {
		t.Fatalf("%d decisions", len(ds))
	}
})
