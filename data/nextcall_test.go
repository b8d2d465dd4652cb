package data_test

import (
	"testing"
	"time"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/seed"
)

func TestAddYearsKeepsTheDayAndTheMonth(t *testing.T) {
	for _, tc := range []struct {
		from data.Date
		n    int
		want data.Date
	}{
		{data.NewDate(2021, time.March, 8), 1, data.NewDate(2022, time.March, 8)},
		{data.NewDate(2024, time.February, 29), 1, data.NewDate(2025, time.February, 28)},
		{data.NewDate(2024, time.February, 29), 4, data.NewDate(2028, time.February, 29)},
		{data.NewDate(2021, time.December, 31), -2, data.NewDate(2019, time.December, 31)},
		{data.Date{}, 3, data.Date{}},
	} {
		if got := tc.from.AddYears(tc.n); got != tc.want {
			t.Errorf("%s + %d ans = %s, want %s", tc.from.Format(), tc.n, got.Format(), tc.want.Format())
		}
	}
	june := data.MonthPeriod(2021, time.June)
	if got := june.AddYears(1); got != data.MonthPeriod(2022, time.June) || got.Format() != "juin 2022" {
		t.Errorf("juin 2021 + 1 an = %q", got.Format())
	}
}

// nextYearSource is the default campaign as a year of work leaves it:
// every setting set, deliberated and locked.
func nextYearSource(t *testing.T) *data.Campaign {
	t.Helper()
	src, err := seed.DefaultCampaign()
	if err != nil {
		t.Fatal(err)
	}
	src.ID, src.Version, src.CreatedAt = 7, 4, time.Date(2021, 2, 1, 9, 0, 0, 0, data.Paris)
	for i := range src.Themes {
		src.Themes[i].ID = int64(100 + i)
	}
	for i := range src.Criteria {
		src.Criteria[i].ID = int64(200 + i)
	}
	src.Launch, src.Deadline = data.NewDate(2021, time.March, 8), data.NewDate(2024, time.February, 29)
	src.PaymentDates = "2021-10-01/2021-12-31"
	src.LetterPlace, src.CaseOfficer, src.BudgetFunction = "Lens", "Mme Martin", "520"
	src.RequiredDocuments = []data.Document{data.Documents[0]}
	src.DeliberationNumber, src.DeliberationDate = "2021-117", data.NewDate(2021, time.July, 6)
	src.LockedAt, src.LockedBy = time.Date(2021, 7, 6, 18, 0, 0, 0, data.Paris), "agent"
	return src
}

func TestCampaignFromCopiesEverySettingAndMovesTheCalendar(t *testing.T) {
	src := nextYearSource(t)
	before := *src
	c := data.CampaignFrom(src, " AMI2022 ", 2022, "")
	moved := map[string]string{"code": "AMI2022", "launch": "08/03/2022", "deadline": "28/02/2025",
		"payment-dates": "01/10/2022 au 31/12/2022", "title": src.Title, "instruction": src.Instruction.AddYears(1).Format(),
		"jury": src.Jury.AddYears(1).Format(), "deliberation": src.Deliberation.AddYears(1).Format()}
	for _, s := range data.Settings {
		want, ok := moved[s.Key]
		if !ok {
			want = s.Get(src)
		}
		if got := s.Get(c); got != want {
			t.Errorf("%s : %q, want %q", s.Key, got, want)
		}
	}
	if c.Jury.Format() != "juin 2022" {
		t.Errorf("jury: %q", c.Jury.Format())
	}
	if c.Locked() || c.DeliberationNumber != "" || !c.DeliberationDate.IsZero() || c.ID != 0 || c.Version != 0 || !c.CreatedAt.IsZero() {
		t.Errorf("the source's life copied: %+v", c)
	}
	if c.SourceID != 7 || c.SourceCode != "AMI2021" {
		t.Errorf("source: %d %q", c.SourceID, c.SourceCode)
	}
	if len(c.Themes) != len(src.Themes) || c.Themes[0].ID != 0 || c.Criteria[0].ID != 0 || len(c.QPVs) != len(src.QPVs) {
		t.Errorf("lists: %+v %+v", c.Themes, c.Criteria)
	}
	c.Themes[0].Label, c.QPVs[0].Communes[0], c.Objectives[0] = "changé", "changé", "changé"
	if src.Themes[0].Label == "changé" || src.QPVs[0].Communes[0] == "changé" || src.Objectives[0] == "changé" || src.Themes[0].ID != 100 {
		t.Error("the copy shares its lists with the source")
	}
	if src.Launch != before.Launch || src.Code != before.Code || !src.Locked() {
		t.Error("the source changed")
	}
}

func TestCampaignFromYearAndTitle(t *testing.T) {
	src := nextYearSource(t)
	src.Title = "AMI 2021 « Changer la vie »"
	if c := data.CampaignFrom(src, "AMI2022", 0, ""); c.Launch != data.NewDate(2022, time.March, 8) || c.Title != "AMI 2022 « Changer la vie »" {
		t.Errorf("without a year: %s %q", c.Launch.Format(), c.Title)
	}
	if c := data.CampaignFrom(src, "AMI2025", 2025, "  Appel  2025 "); c.Launch != data.NewDate(2025, time.March, 8) || c.Title != "Appel 2025" {
		t.Errorf("2025: %s %q", c.Launch.Format(), c.Title)
	}
	undated := &data.Campaign{Code: "X", Title: "Sans date 2021"}
	if c := data.CampaignFrom(undated, "Y", 2030, ""); c.Title != "Sans date 2021" || !c.Launch.IsZero() {
		t.Errorf("without a calendar: %+v", c)
	}
}
