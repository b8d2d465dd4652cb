package sqlstore

import (
	"context"

	"github.com/call-agglo/cohesion/data"
)

// The follow-up of the grants (issue 21): written in the next commits.

func notYet() error {
	return data.Errorf(data.EINTERNAL, "Le suivi des subventions n'est pas encore disponible.")
}

func (s *Store) FollowUp(ctx context.Context, campaignID int64) (*data.FollowUp, error) {
	return nil, notYet()
}
func (s *Store) SaveFollowUpSettings(ctx context.Context, campaignID int64, fs data.FollowUpSettings) error {
	return notYet()
}
func (s *Store) SetGrantTerms(ctx context.Context, campaignID, applicationID int64, t data.GrantTerms) error {
	return notYet()
}
func (s *Store) NumberConventions(ctx context.Context, campaignID int64) ([]string, error) {
	return nil, notYet()
}
func (s *Store) SignConvention(ctx context.Context, campaignID, applicationID int64, signed data.Date) (string, error) {
	return "", notYet()
}
func (s *Store) RecordPayment(ctx context.Context, campaignID, applicationID int64, p data.Payment) error {
	return notYet()
}
func (s *Store) RecordCRF(ctx context.Context, campaignID, applicationID int64, crf data.CRF) error {
	return notYet()
}
func (s *Store) RecordReversal(ctx context.Context, campaignID, applicationID int64, r data.Reversal) error {
	return notYet()
}
