package sqlstore

import (
	"context"

	"github.com/call-agglo/cohesion/data"
)

// Snapshot reads everything a computation on one campaign needs in one read
// transaction, so the ranking, the split and the documents see one state of
// the base even while another desk writes.
func (s *Store) Snapshot(ctx context.Context, campaignID int64, o data.SnapshotOptions) (*data.Snapshot, error) {
	snap := &data.Snapshot{}
	err := s.readTx(ctx, func(q queryer) error {
		var err error
		if snap.Campaign, err = loadCampaign(ctx, q, `id = ?`, campaignID); err != nil {
			return err
		}
		if snap.Head, err = head(ctx, q); err != nil {
			return err
		}
		all, err := s.cachedRegister(ctx, q, snap.Head, campaignID)
		if err != nil {
			return err
		}
		snap.Rows, _ = selectRows(all, data.Filter{})
		if o.Applications {
			if snap.Applications, err = applications(ctx, q, campaignID); err != nil {
				return err
			}
		}
		if o.FollowUp {
			snap.FollowUp = &data.FollowUp{Campaign: snap.Campaign, Head: snap.Head}
			if err := loadFollowUp(ctx, q, snap.FollowUp); err != nil {
				return err
			}
		}
		if err := s.loadAcross(ctx, q, snap, o); err != nil {
			return err
		}
		return loadJuryAndSplit(ctx, q, snap, o.Scenario)
	})
	return snap, err
}

// loadAcross fills, when asked, what the snapshot says of the other
// campaigns: each dossier's structure's history and the campaign it was made
// from, in the snapshot's transaction.
func (s *Store) loadAcross(ctx context.Context, q queryer, snap *data.Snapshot, o data.SnapshotOptions) error {
	if o.History {
		ds, err := readStructureDossiers(ctx, q, data.DateOf(s.Now()), ``)
		if err != nil {
			return err
		}
		dir := data.NewDirectory(ds)
		snap.History = make(map[int64][]data.StructureDossier, len(snap.Rows))
		for _, r := range snap.Rows {
			snap.History[r.ID] = dir.History(r.ID)
		}
	}
	if !o.Source || snap.Campaign.SourceID == 0 {
		return nil
	}
	src := &data.SourceSnapshot{}
	var err error
	if src.Campaign, err = loadCampaign(ctx, q, `id = ?`, snap.Campaign.SourceID); data.ErrorCode(err) == data.ENOTFOUND {
		return nil // a source no longer in the base: nothing to compare with
	} else if err != nil {
		return err
	}
	all, err := loadRegister(ctx, q, src.Campaign.ID)
	if err != nil {
		return err
	}
	src.Rows, _ = selectRows(all, data.Filter{})
	src.Adopted, err = scenarioNamed(ctx, q, src.Campaign.ID, "")
	if data.ErrorCode(err) == data.ENOTFOUND {
		src.Adopted, err = nil, nil
	}
	snap.Source = src
	return err
}

// loadJuryAndSplit fills the jury's work, the scenarios and the templates.
func loadJuryAndSplit(ctx context.Context, q queryer, snap *data.Snapshot, scenario string) error {
	id := snap.Campaign.ID
	var err error
	if snap.Jurors, err = jurors(ctx, q, id); err != nil {
		return err
	}
	if snap.Conflicts, err = conflicts(ctx, q, id); err != nil {
		return err
	}
	if snap.Sheets, err = sheets(ctx, q, id); err != nil {
		return err
	}
	if snap.Decisions, err = decisions(ctx, q, id); err != nil {
		return err
	}
	if snap.Scenarios, err = scenarios(ctx, q, id); err != nil {
		return err
	}
	snap.Scenario, err = scenarioNamed(ctx, q, id, scenario)
	if scenario == "" && data.ErrorCode(err) == data.ENOTFOUND {
		snap.Scenario, err = nil, nil // no adopted scenario yet
	}
	if err != nil {
		return err
	}
	snap.Templates, err = letterTemplates(ctx, q, id)
	return err
}
