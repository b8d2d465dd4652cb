package cli

import (
	"context"
	"flag"
	"fmt"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/followup"
)

// followUpSettings is `followup set`: the campaign's rule, what is not
// given kept as it is (« defaut » restores the default).
func (a *cli) followUpSettings(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("followup set", flag.ContinueOnError)
	due := fs.String("crf-due", "", "")
	percent := fs.Int("advance-percent", -1, "")
	if err := noArgs(fs, args); err != nil {
		return err
	}
	db, f, _, err := a.followUpAt(ctx, "")
	if err != nil {
		return err
	}
	s := f.Settings
	if s.CRFDue, err = optionalDate("crf-due", *due, s.CRFDue); err != nil {
		return err
	}
	if *percent >= 0 {
		s.AdvancePercent = *percent
	}
	if err := db.SaveFollowUpSettings(ctx, f.Campaign.ID, s); err != nil {
		return err
	}
	if s.AdvancePercent == 0 {
		s.AdvancePercent = followup.DefaultAdvancePercent
	}
	fmt.Fprintf(a.out, "Règle du suivi de la campagne %s : compte rendu financier dû le %s ; avance de %d %% à la signature des conventions.\n",
		f.Campaign.Code, followup.CRFDue(f.Campaign, s, &data.Grant{}).Format(), s.AdvancePercent)
	return nil
}

// optionalDate reads a date option that may be absent (the value kept) or
// « defaut » (zero: the default applies).
func optionalDate(name, value string, kept data.Date) (data.Date, error) {
	switch data.FoldKey(value) {
	case "":
		return kept, nil
	case "defaut":
		return data.Date{}, nil
	}
	return dateFlag(name, value)
}

// conventionTerms is `convention terms`: the CRF due date and the advance a
// grant's convention sets apart from the campaign's rule.
func (a *cli) conventionTerms(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("convention terms", flag.ContinueOnError)
	due := fs.String("crf-due", "", "")
	advance := fs.String("advance", "", "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	db, f, g, err := a.oneGrant(ctx, pos)
	if err != nil {
		return err
	}
	t := g.Terms
	if t.CRFDue, err = optionalDate("crf-due", *due, t.CRFDue); err != nil {
		return err
	}
	switch data.FoldKey(*advance) {
	case "":
	case "defaut":
		t.AdvanceCents = nil
	default:
		cents, err := amountFlag("advance", *advance, true)
		if err != nil {
			return err
		}
		t.AdvanceCents = &cents
	}
	if err := db.SetGrantTerms(ctx, f.Campaign.ID, g.ApplicationID, t); err != nil {
		return err
	}
	g.Terms = t
	fmt.Fprintf(a.out, "Dossier %s : compte rendu financier dû le %s ; avance de %s à la signature.\n", g.Number,
		followup.CRFDue(f.Campaign, f.Settings, g).Format(), data.FormatEurosPlain(followup.AdvanceCents(f.Settings, g)))
	return nil
}
