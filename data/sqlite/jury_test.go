package sqlite_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/jury"
	"github.com/call-agglo/cohesion/data/sqlite"
)

// juryFixture: three applications, two jurors.
func juryFixture(t *testing.T) (*sqlite.DB, *data.Campaign, []*data.Application, []*data.Juror) {
	db, c := open(t)
	var apps []*data.Application
	for i := 0; i < 3; i++ {
		a := app(t, c)
		a.Received = time.Date(2021, 4, 10+i, 9, 0, 0, 0, data.Paris)
		if err := db.CreateApplication(ctx, c, a); err != nil {
			t.Fatal(err)
		}
		apps = append(apps, a)
	}
	var jurors []*data.Juror
	for _, n := range []string{"Mme Durand", "M. Leroy"} {
		j := &data.Juror{CampaignID: c.ID, Name: n, College: data.CollegeElu}
		if err := db.AddJuror(ctx, j); err != nil {
			t.Fatal(err)
		}
		jurors = append(jurors, j)
	}
	return db, c, apps, jurors
}

// sheet gives the same score on every criterion.
func sheetOf(c *data.Campaign, j *data.Juror, a *data.Application, scores ...int) jury.Sheet {
	s := jury.Sheet{JurorID: j.ID, ApplicationID: a.ID, Scores: map[int64]int{}}
	for i, v := range scores {
		s.Scores[c.Criteria[i].ID] = v
	}
	return s
}

func TestJurors(t *testing.T) {
	db, c, apps, jurors := juryFixture(t)
	dup := &data.Juror{CampaignID: c.ID, Name: "mme durand"}
	if err := db.AddJuror(ctx, dup); data.ErrorCode(err) != data.ECONFLICT {
		t.Fatalf("duplicate juror: %v", err)
	}
	if err := db.AddJuror(ctx, &data.Juror{CampaignID: c.ID, Name: " "}); data.ErrorCode(err) != data.EINVALID {
		t.Fatalf("blank juror: %v", err)
	}
	if err := db.SaveSheet(ctx, c, sheetOf(c, jurors[0], apps[0], 3)); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteJuror(ctx, jurors[0].ID); data.ErrorCode(err) != data.ECONFLICT {
		t.Fatalf("deleting a juror who scored: %v", err)
	}
	if err := db.DeleteJuror(ctx, jurors[1].ID); err != nil {
		t.Fatal(err)
	}
	js, _ := db.Jurors(ctx, c.ID)
	if len(js) != 1 || js[0].Name != "Mme Durand" || js[0].College != data.CollegeElu {
		t.Fatalf("%+v", js)
	}
}

func TestSheetsRules(t *testing.T) {
	db, c, apps, jurors := juryFixture(t)
	if err := db.SaveSheet(ctx, c, sheetOf(c, jurors[0], apps[0], 5, 6)); err == nil || !strings.Contains(err.Error(), "hors barème") {
		t.Fatalf("score 6 on a 0–5 scale: %v", err)
	}
	// A partial sheet is kept.
	if err := db.SaveSheet(ctx, c, sheetOf(c, jurors[0], apps[0], 5, 4)); err != nil {
		t.Fatal(err)
	}
	sheets, _ := db.Sheets(ctx, c.ID)
	if len(sheets) != 1 || len(sheets[0].Scores) != 2 {
		t.Fatalf("%+v", sheets)
	}
	// Saving again replaces the sheet.
	db.SaveSheet(ctx, c, sheetOf(c, jurors[0], apps[0], 1, 1, 1, 1, 1))
	sheets, _ = db.Sheets(ctx, c.ID)
	if len(sheets) != 1 || len(sheets[0].Scores) != 5 || sheets[0].Scores[c.Criteria[0].ID] != 1 {
		t.Fatalf("%+v", sheets)
	}
	// A juror who stepped aside cannot be given a sheet.
	if _, err := db.AddConflict(ctx, jurors[1].ID, apps[1].ID, "Administrateur de l'association"); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveSheet(ctx, c, sheetOf(c, jurors[1], apps[1], 3, 3, 3, 3, 3)); err == nil || !strings.Contains(err.Error(), "Déport") {
		t.Fatalf("sheet for a conflicted pair: %v", err)
	}
	if _, err := db.AddConflict(ctx, jurors[1].ID, apps[1].ID, ""); data.ErrorCode(err) != data.ECONFLICT {
		t.Fatalf("declared twice: %v", err)
	}
	ks, _ := db.Conflicts(ctx, c.ID)
	if len(ks) != 1 || ks[0].JurorName != "M. Leroy" || ks[0].Number != apps[1].Number || ks[0].Reason == "" {
		t.Fatalf("%+v", ks)
	}
}

func TestRankingThroughStore(t *testing.T) {
	db, c, apps, jurors := juryFixture(t)
	full := func(j, a int, v ...int) {
		t.Helper()
		if err := db.SaveSheet(ctx, c, sheetOf(c, jurors[j], apps[a], v...)); err != nil {
			t.Fatal(err)
		}
	}
	full(0, 0, 5, 5, 5, 5, 5) // 20
	full(1, 0, 3, 3, 3, 3, 3) // 12 → F 16
	full(0, 1, 4, 4, 4, 4, 4) // 16
	full(1, 1, 5, 5, 5, 5, 5) // 20 → F 18
	full(0, 2, 1, 1, 1, 1, 1) // 4
	full(1, 2, 2, 2)          // incomplete → F 4, below the minimum
	rows, err := db.Ranking(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]sqlite.RankingRow{}
	for _, r := range rows {
		got[r.Number] = r
	}
	a0, a1, a2 := got[apps[0].Number], got[apps[1].Number], got[apps[2].Number]
	if a1.Rank != 1 || a0.Rank != 2 || a2.Rank != 3 {
		t.Fatalf("ranks %d %d %d", a0.Rank, a1.Rank, a2.Rank)
	}
	if jury.FormatScore(a1.F) != "18,00" || a0.Counted != 2 || a2.Counted != 1 || a2.Incomplete != 1 {
		t.Fatalf("F %s, counted %d %d, incomplete %d", jury.FormatScore(a1.F), a0.Counted, a2.Counted, a2.Incomplete)
	}
	if a1.Proposed != data.DecisionRetenu || a2.Proposed != data.DecisionNonRetenu || !a2.HasFlag("sous le seuil") {
		t.Fatalf("proposals %s %s flags %v", a1.Proposed, a2.Proposed, a2.Flags)
	}
	if a1.Row.Structure == "" || a1.Row.Title == "" {
		t.Fatal("register details missing from the ranking")
	}
	// A déport declared after scoring excludes the sheet already given.
	excluded, err := db.AddConflict(ctx, jurors[1].ID, apps[1].ID, "Présidente de l'association")
	if err != nil || !excluded {
		t.Fatalf("excluded=%v err=%v", excluded, err)
	}
	rows, _ = db.Ranking(ctx, c)
	for _, r := range rows {
		if r.Number == apps[1].Number && (jury.FormatScore(r.F) != "16,00" || r.Counted != 1 || r.Excluded != 1) {
			t.Fatalf("after the déport: F %s counted %d excluded %d", jury.FormatScore(r.F), r.Counted, r.Excluded)
		}
	}
	// An irrecevable application keeps its scores and is not ranked.
	db.ChangeStatus(ctx, apps[0].ID, data.StatusIrrecevable, "Pièces manquantes")
	rows, _ = db.Ranking(ctx, c)
	for _, r := range rows {
		if r.Number == apps[0].Number && (r.Rank != 0 || r.Counted != 0) {
			t.Fatalf("irrecevable ranked: %+v", r.Line)
		}
	}
}

func TestDecisions(t *testing.T) {
	db, c, apps, _ := juryFixture(t)
	no := &data.JuryDecision{ApplicationID: apps[0].ID, Decision: data.DecisionNonRetenu}
	if err := db.Decide(ctx, no); err == nil || !strings.Contains(err.Error(), "motivation") {
		t.Fatalf("non retenu without motivation: %v", err)
	}
	no.Motivation, no.JuryDate = "Projet déjà financé par le Contrat de ville", data.NewDate(2021, 6, 15)
	if err := db.Decide(ctx, no); err != nil {
		t.Fatal(err)
	}
	yes := &data.JuryDecision{ApplicationID: apps[1].ID, Decision: data.DecisionRetenu}
	if err := db.Decide(ctx, yes); err != nil {
		t.Fatal(err)
	}
	got, _ := db.Application(ctx, apps[0].ID)
	last := got.History[len(got.History)-1]
	if got.Status != data.StatusNonRetenu || !strings.Contains(last.Reason, "15/06/2021") || !strings.Contains(last.Reason, "Contrat de ville") {
		t.Fatalf("status %s, history %+v", got.Status, last)
	}
	// Changing the decision is recorded too.
	if err := db.Decide(ctx, &data.JuryDecision{ApplicationID: apps[0].ID, Decision: data.DecisionAjourne, Motivation: "Budget à préciser"}); err != nil {
		t.Fatal(err)
	}
	ds, _ := db.Decisions(ctx, c.ID)
	if len(ds) != 2 || ds[apps[0].ID].Decision != data.DecisionAjourne || ds[apps[1].ID].Decision != data.DecisionRetenu {
		t.Fatalf("%+v", ds)
	}
	// The status menu cannot set a jury status by hand.
	if err := db.ChangeStatus(ctx, apps[2].ID, data.StatusRetenu, ""); err == nil {
		t.Fatal("retenu set by hand")
	}
	db.ChangeStatus(ctx, apps[2].ID, data.StatusIrrecevable, "Hors territoire")
	if err := db.Decide(ctx, &data.JuryDecision{ApplicationID: apps[2].ID, Decision: data.DecisionRetenu}); err == nil {
		t.Fatal("decision on an irrecevable application")
	}
}

func TestGridChangeNeedsConfirmation(t *testing.T) {
	db, c, apps, jurors := juryFixture(t)
	// Before any score, the grid changes freely.
	c.Criteria[0].Weight = 4
	if err := db.UpdateCampaign(ctx, c); err != nil {
		t.Fatal(err)
	}
	db.SaveSheet(ctx, c, sheetOf(c, jurors[0], apps[0], 5, 5, 5, 5, 5))
	c, _ = db.Campaign(ctx, c.ID)
	c.Criteria[1].Max = 4
	err := db.UpdateCampaign(ctx, c)
	var g *sqlite.GridChangeError
	if !errors.As(err, &g) || g.Sheets != 1 || g.Jurors != 1 || g.Applications != 1 || data.ErrorCode(err) != data.ECONFLICT {
		t.Fatalf("got %v", err)
	}
	if !strings.Contains(data.ErrorMessage(err), "1 grille(s)") {
		t.Errorf("message %q", data.ErrorMessage(err))
	}
	// A wording change alone needs no confirmation.
	c2, _ := db.Campaign(ctx, c.ID)
	c2.Criteria[0].Label = "Besoin social non pourvu"
	if err := db.UpdateCampaign(ctx, c2); err != nil {
		t.Fatal(err)
	}
	c, _ = db.Campaign(ctx, c.ID) // the wording change made the earlier copy stale
	c.Criteria[1].Max = 4
	if err := db.UpdateCampaignConfirmed(ctx, c, true); err != nil {
		t.Fatal(err)
	}
	got, _ := db.Campaign(ctx, c.ID)
	if got.Criteria[1].Max != 4 {
		t.Fatal("confirmed change not saved")
	}
	// The 5 given on a criterion now scaled 0–4 makes the sheet incomplete.
	rows, _ := db.Ranking(ctx, got)
	for _, r := range rows {
		if r.ApplicationID == apps[0].ID && (r.Counted != 0 || r.Incomplete != 1) {
			t.Fatalf("sheet with an out-of-scale score: %+v", r.Line)
		}
	}
}

func TestImportSheetsAllOrNothing(t *testing.T) {
	db, c, apps, jurors := juryFixture(t)
	db.AddConflict(ctx, jurors[1].ID, apps[2].ID, "")
	newJ := []*data.Juror{{Name: "Mme Nouvelle"}}
	good := []jury.Sheet{sheetOf(c, jurors[0], apps[0], 3, 3, 3, 3, 3), {JurorID: -1, ApplicationID: apps[1].ID, Scores: map[int64]int{c.Criteria[0].ID: 2}}}
	bad := append(append([]jury.Sheet{}, good...), sheetOf(c, jurors[1], apps[2], 1, 1, 1, 1, 1))
	if err := db.ImportSheets(ctx, c, newJ, bad, false); err == nil {
		t.Fatal("import with a conflicted pair succeeded")
	}
	sheets, _ := db.Sheets(ctx, c.ID)
	js, _ := db.Jurors(ctx, c.ID)
	if len(sheets) != 0 || len(js) != 2 {
		t.Fatalf("partial import: %d sheets, %d jurors", len(sheets), len(js))
	}
	if err := db.ImportSheets(ctx, c, []*data.Juror{{Name: "Mme Nouvelle"}}, good, true); err != nil {
		t.Fatal(err)
	}
	if sheets, _ = db.Sheets(ctx, c.ID); len(sheets) != 0 {
		t.Fatal("dry run wrote")
	}
	if err := db.ImportSheets(ctx, c, []*data.Juror{{Name: "Mme Nouvelle"}}, good, false); err != nil {
		t.Fatal(err)
	}
	sheets, _ = db.Sheets(ctx, c.ID)
	js, _ = db.Jurors(ctx, c.ID)
	if len(sheets) != 2 || len(js) != 3 {
		t.Fatalf("%d sheets, %d jurors", len(sheets), len(js))
	}
}
