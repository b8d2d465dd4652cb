package data

import (
	"slices"
	"strconv"
	"strings"
	"time"
)

// Next year's call is made from this one (issue 22): the same settings, lists,
// grid and letters, the calendar moved by whole years, none of the dossiers
// nor of what the campaign's life wrote (the deliberation, the lock, the
// purge).

// AddYears returns the same day n years later. 29 February becomes 28
// February in a year without one, never 1 March: a date moved by whole years
// stays in its month.
func (d Date) AddYears(n int) Date {
	if d.IsZero() {
		return d
	}
	y := d.Year + n
	return Date{y, d.Month, min(d.Day, daysIn(y, d.Month))}
}

// AddYears moves both ends of the period by n years (« juin 2021 » stays a
// whole month: « juin 2022 »).
func (p Period) AddYears(n int) Period { return Period{p.From.AddYears(n), p.To.AddYears(n)} }

// Year is the campaign's year: its launch's, else its deadline's, else the
// first date of its calendar; 0 when it has none.
func (c *Campaign) Year() int {
	for _, d := range []Date{c.Launch, c.Deadline, c.Instruction.From, c.Instruction.To, c.Jury.From, c.Jury.To,
		c.Deliberation.From, c.Deliberation.To, c.PaymentPeriod().From} {
		if !d.IsZero() {
			return d.Year
		}
	}
	return 0
}

// CampaignFrom makes a new campaign from src: every setting `campaign set`
// takes, the objectives, themes, territory and grid (without their IDs: the
// store gives new ones), the calendar moved by whole years to year (0: the
// year after src's). code names it; an empty title keeps src's, its year
// changed to the new one. The copy is taken whole and what belongs to src's
// life only is then cleared, so a setting added later is copied too.
func CampaignFrom(src *Campaign, code string, year int, title string) *Campaign {
	c := *src
	c.ID, c.Code, c.Version = 0, strings.TrimSpace(code), 0
	c.DeliberationNumber, c.DeliberationDate, c.LockedBy = "", Date{}, ""
	c.CreatedAt, c.LockedAt, c.PurgedAt = time.Time{}, time.Time{}, time.Time{}
	c.SourceID, c.SourceCode = src.ID, src.Code
	cloneLists(&c)
	years := 0
	if from := src.Year(); from != 0 {
		if year == 0 {
			year = from + 1
		}
		years = year - from
	}
	shiftCalendar(&c, years)
	c.Title = Clean(title)
	if c.Title == "" {
		c.Title = retitled(src.Title, src.Year(), years)
	}
	return &c
}

// cloneLists gives the copy its own lists, without the source's IDs.
func cloneLists(c *Campaign) {
	c.Objectives = slices.Clone(c.Objectives)
	c.RequiredDocuments = slices.Clone(c.RequiredDocuments)
	c.Communes = slices.Clone(c.Communes)
	c.Themes = slices.Clone(c.Themes)
	for i := range c.Themes {
		c.Themes[i].ID, c.Themes[i].Position = 0, 0
	}
	c.Criteria = slices.Clone(c.Criteria)
	for i := range c.Criteria {
		c.Criteria[i].ID, c.Criteria[i].Position = 0, 0
	}
	c.QPVs = slices.Clone(c.QPVs)
	for i := range c.QPVs {
		c.QPVs[i].Communes = slices.Clone(c.QPVs[i].Communes)
	}
}

// shiftCalendar moves every date of the calendar by whole years, the payment
// dates included.
func shiftCalendar(c *Campaign, years int) {
	c.Launch, c.Deadline = c.Launch.AddYears(years), c.Deadline.AddYears(years)
	c.Instruction, c.Jury, c.Deliberation = c.Instruction.AddYears(years), c.Jury.AddYears(years), c.Deliberation.AddYears(years)
	if p, err := ParsePaymentDates(c.PaymentDates); err == nil {
		c.PaymentDates = FormatPaymentDates(p.AddYears(years))
	}
}

// retitled writes the new year where the title names the source's:
// « AMI 2021 » becomes « AMI 2022 ».
func retitled(title string, from, years int) string {
	if from == 0 || years == 0 {
		return title
	}
	return strings.ReplaceAll(title, strconv.Itoa(from), strconv.Itoa(from+years))
}
