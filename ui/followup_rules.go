package ui

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2/widget"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/followup"
)

// The two rules of the follow-up the window edits, as `followup set` and
// `convention terms` do on the command line: the campaign's (when the comptes
// rendus financiers are due, the advance paid at a convention's signature),
// and what a grant's convention sets apart from it. An empty field keeps the
// rule below it: the grant's falls back on the campaign's, the campaign's on
// the law's default (six months after the end of the financial year of the
// deliberation, Cerfa 15059; an advance of 50 %).

// rulesForms are those two forms, for the follow-up screen.
type rulesForms struct{ s *followUpScreen }

// onCampaignRule edits the campaign's rule.
func (r rulesForms) onCampaignRule() {
	s := r.s
	f := s.fu
	due := dayEntry(s.env.win, f.Settings.CRFDue)
	due.entry.SetPlaceHolder("par défaut : " + followup.DefaultCRFDue(f.Campaign.DeliberationDate).Format())
	advance := textField("par défaut : "+strconv.Itoa(followup.DefaultAdvancePercent), "")
	if f.Settings.AdvancePercent > 0 {
		advance.SetText(strconv.Itoa(f.Settings.AdvancePercent))
	}
	items := []*widget.FormItem{widget.NewFormItem("Comptes rendus dus le", due.root),
		widget.NewFormItem("Avance à la signature (%)", advance)}
	st, cid := s.env.store(), f.Campaign.ID
	s.showForm("Règle du suivi — "+f.Campaign.Code, "Enregistrer", items, func(ctx context.Context) error {
		var rule data.FollowUpSettings
		var err error
		if rule.CRFDue, err = optionalDate(due.entry.Text); err != nil {
			return err
		}
		if rule.AdvancePercent, err = optionalPercent(advance.Text); err != nil {
			return err
		}
		return st.SaveFollowUpSettings(ctx, cid, rule)
	})
}

// onGrantTerms edits what g's convention sets apart from the campaign's rule.
func (r rulesForms) onGrantTerms(g *data.Grant) {
	s := r.s
	f := s.fu
	due := dayEntry(s.env.win, g.Terms.CRFDue)
	campaignDue := followup.CRFDue(f.Campaign, f.Settings, &data.Grant{})
	due.entry.SetPlaceHolder("celle de la campagne : " + campaignDue.Format())
	advance := textField("celle de la campagne : "+data.FormatEuros(followup.AdvanceCents(f.Settings, &data.Grant{GrantedCents: g.GrantedCents})), "")
	if a := g.Terms.AdvanceCents; a != nil {
		advance.SetText(data.FormatAmount(*a))
	}
	items := []*widget.FormItem{widget.NewFormItem("Compte rendu dû le", due.root),
		widget.NewFormItem("Avance à la signature (€)", advance)}
	st, cid, id := s.env.store(), f.Campaign.ID, g.ApplicationID
	s.showForm("Conditions de la convention — "+g.Number, "Enregistrer", items, func(ctx context.Context) error {
		var terms data.GrantTerms
		var err error
		if terms.CRFDue, err = optionalDate(due.entry.Text); err != nil {
			return err
		}
		if strings.TrimSpace(advance.Text) != "" {
			a, err := amountOf("Avance", advance.Text)
			if err != nil {
				return err
			}
			terms.AdvanceCents = &a
		}
		return st.SetGrantTerms(ctx, cid, id, terms)
	})
}

// optionalDate reads a date; empty is none.
func optionalDate(s string) (data.Date, error) {
	if strings.TrimSpace(s) == "" {
		return data.Date{}, nil
	}
	return data.ParseDate(s)
}

// optionalPercent reads a whole percentage; empty is none (0).
func optionalPercent(s string) (int, error) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, data.Errorf(data.EINVALID, "L'avance est un pourcentage entier de 0 à 100 (« %s » saisi).", s)
	}
	return n, nil
}
