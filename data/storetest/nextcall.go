package storetest

import (
	"slices"
	"strings"
	"testing"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/campaign"
)

// deliberatedSource is a campaign as a year of work leaves it: its own
// letters, a jury with a déport, its dossiers scored, a scenario adopted and
// the deliberation recorded, so it is locked.
func deliberatedSource(t testing.TB, h Harness) (data.Store, *data.Campaign) {
	t.Helper()
	st, c, apps, jurors := scoredFixture(t, h)
	if _, err := st.AddConflict(ctx, jurors[1].ID, apps[2].ID, "Trésorier"); err != nil {
		t.Fatal(err)
	}
	c.LetterPlace, c.CaseOfficer, c.BudgetFunction = "Lens", "Mme Martin", "520"
	if err := st.UpdateCampaign(ctx, c, false); err != nil {
		t.Fatal(err)
	}
	if err := st.SaveLetterTemplates(ctx, c.ID, data.LetterTemplates{Refusal: "Madame, Monsieur, {{numero}}."}); err != nil {
		t.Fatal(err)
	}
	adoptRank(t, st, c)
	if err := campaign.Deliberate(ctx, st, c.ID, "2021-154", data.NewDate(2021, 9, 27), ""); err != nil {
		t.Fatal(err)
	}
	c, err := st.Campaign(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	return st, c
}

// Next year's call is made from a deliberated campaign: its settings,
// letters and jury (without déports), none of its dossiers, its calendar a
// year later; the new campaign is journaled and becomes the default; the
// source, locked, is only read.
var _ = register("CampaignFromDeliberated", func(t *testing.T, h Harness) {
	st, src := deliberatedSource(t, h)
	next := data.CampaignFrom(src, "AMI2022", 2022, "")
	if err := st.CreateCampaignFrom(ctx, next, true); err != nil {
		t.Fatal(err)
	}
	got, err := st.CampaignByCode(ctx, "")
	if err != nil || got.ID != next.ID || got.SourceID != src.ID || got.SourceCode != src.Code || got.Locked() {
		t.Fatalf("default campaign after the copy: %+v %v", got, err)
	}
	sameSettings(t, src, got)
	if got.Launch != src.Launch.AddYears(1) || got.Deadline != src.Deadline.AddYears(1) {
		t.Errorf("calendar: %s %s", got.Launch.Format(), got.Deadline.Format())
	}
	if tpl, _ := st.LetterTemplates(ctx, got.ID); tpl.Refusal != "Madame, Monsieur, {{numero}}." {
		t.Errorf("templates: %+v", tpl)
	}
	jurors, _ := st.Jurors(ctx, got.ID)
	conflicts, _ := st.Conflicts(ctx, got.ID)
	if len(jurors) != 2 || jurors[0].Name != "Mme Durand" || len(conflicts) != 0 || count(t, st, got) != 0 {
		t.Errorf("jury %+v, déports %+v, dossiers %d", jurors, conflicts, count(t, st, got))
	}
	after, _ := st.Campaign(ctx, src.ID)
	if !after.Locked() || after.Version != src.Version || after.Launch != src.Launch || count(t, st, after) != 3 {
		t.Errorf("the source changed: %+v", after)
	}
	if !journaled(t, st, got.ID, "création", "à partir de "+src.Code) {
		t.Error("the copy is not in the journal")
	}
	intact(t, st)
})

// sameSettings checks every setting `campaign set` takes but the code and
// the calendar.
func sameSettings(t testing.TB, src, got *data.Campaign) {
	t.Helper()
	for _, s := range data.Settings {
		if slices.Contains([]string{"code", "launch", "deadline", "instruction", "jury", "deliberation", "payment-dates"}, s.Key) {
			continue
		}
		if s.Get(got) != s.Get(src) {
			t.Errorf("%s : %q, want %q", s.Key, s.Get(got), s.Get(src))
		}
	}
	if len(got.Themes) != len(src.Themes) || len(got.Criteria) != len(src.Criteria) || len(got.QPVs) != len(src.QPVs) ||
		len(got.Communes) != len(src.Communes) || !slices.Equal(got.Objectives, src.Objectives) {
		t.Errorf("lists: %d thèmes, %d critères, %d QPV, %d communes", len(got.Themes), len(got.Criteria), len(got.QPVs), len(got.Communes))
	}
}

// journaled reports whether the campaign's trail holds an entry of that action
// whose new value says what.
func journaled(t testing.TB, st data.Store, campaignID int64, action, what string) bool {
	t.Helper()
	trail, err := st.Audit(ctx, data.AuditFilter{CampaignID: campaignID})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range trail {
		if e.Action == action && strings.Contains(e.New, what) {
			return true
		}
	}
	return false
}

// Without the jury, the new campaign has none; a code already taken is
// refused whole: no campaign, no juror, no letter written.
var _ = register("CampaignFromRefusedWhole", func(t *testing.T, h Harness) {
	st, c := seeded(t, h)
	if err := st.AddJuror(ctx, &data.Juror{CampaignID: c.ID, Name: "Mme Durand", College: data.CollegeElu}); err != nil {
		t.Fatal(err)
	}
	bare := data.CampaignFrom(c, "AMI2022", 0, "")
	if err := st.CreateCampaignFrom(ctx, bare, false); err != nil {
		t.Fatal(err)
	}
	if jurors, _ := st.Jurors(ctx, bare.ID); len(jurors) != 0 {
		t.Errorf("jury copied without --jury: %+v", jurors)
	}
	before, _ := st.Campaigns(ctx)
	again := data.CampaignFrom(c, "AMI2022", 0, "")
	if err := st.CreateCampaignFrom(ctx, again, true); data.ErrorCode(err) != data.ECONFLICT {
		t.Fatalf("code taken: %v", err)
	}
	orphan := data.CampaignFrom(c, "AMI2030", 0, "")
	orphan.SourceID = 9999
	if err := st.CreateCampaignFrom(ctx, orphan, true); data.ErrorCode(err) != data.ENOTFOUND {
		t.Fatalf("unknown source: %v", err)
	}
	if after, _ := st.Campaigns(ctx); len(after) != len(before) {
		t.Fatalf("%d campaigns after two refusals, %d before", len(after), len(before))
	}
	intact(t, st)
})

// SourceDowngrade takes a base back to the campaigns table of the version
// before the campaign's source (migration 019), the version itself excepted;
// version 20's column goes first (ExemptionDowngrade).
var SourceDowngrade = append(slices.Clone(ExemptionDowngrade), `ALTER TABLE campaigns DROP COLUMN source_campaign_id`)

// ExemptionDowngrade takes a base back to the decisions table of the version
// before the exemption to the bar of loi 2000-321 art. 10 (migration 020).
var ExemptionDowngrade = []string{`ALTER TABLE decisions DROP COLUMN crf_exemption`}

// SourceAfterMigration checks a base brought past migration 019 (a campaign
// stored, then SourceDowngrade): the campaign reads without a source, its
// journal still matches its rows, and next year's call is made from it.
func SourceAfterMigration(t testing.TB, st data.Store, code string) {
	t.Helper()
	c, err := st.CampaignByCode(ctx, code)
	if err != nil || c.SourceID != 0 || c.SourceCode != "" {
		t.Fatalf("after the migration: %+v %v", c, err)
	}
	intact(t, st)
	next := data.CampaignFrom(c, "AMI2099", 0, "")
	if err := st.CreateCampaignFrom(ctx, next, false); err != nil {
		t.Fatal(err)
	}
	if got, _ := st.Campaign(ctx, next.ID); got.SourceID != c.ID {
		t.Errorf("source stored: %d", got.SourceID)
	}
	intact(t, st)
}
