package demo

import (
	"context"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/seed"
)

// Load creates the demonstration campaign (a copy of the CALL AMI 2021
// settings, code data.DemoCode) with its fictional applications, jury, sheets
// and déport, writing through the store's interfaces like any user would
// (those it names, not the whole data.Store). It refuses when the campaign
// already exists.
func Load(ctx context.Context, st interface {
	data.Campaigns
	data.Register
	data.Snapshots
	data.Jury
}) (*data.Campaign, int, error) {
	if _, err := st.CampaignByCode(ctx, data.DemoCode); err == nil {
		return nil, 0, data.Errorf(data.ECONFLICT, "La campagne de démonstration %s existe déjà dans cette base.", data.DemoCode)
	}
	c, err := seed.DefaultCampaign()
	if err != nil {
		return nil, 0, err
	}
	c.Code = data.DemoCode
	c.Title = "[" + DemoLabel + "] " + c.Title
	if err := st.CreateCampaign(ctx, c); err != nil {
		return nil, 0, err
	}
	sum, err := st.ImportApplications(ctx, c, data.LinesOf(DemoSet(c)), data.ImportOptions{})
	if err != nil {
		return nil, 0, err
	}
	if err := declareRecevable(ctx, st, c); err != nil {
		return nil, 0, err
	}
	if err := loadJury(ctx, st, c); err != nil {
		return nil, 0, err
	}
	return c, sum.Created, nil
}

// DemoExemption is the reason the demonstration's instruction gives for
// declaring recevable a dossier whose required pièces are not all in.
const DemoExemption = "Pièces attendues avant la signature de la convention : dérogation accordée par le service (fictif)"

// declareRecevable instructs the demonstration as a service would, through
// the store's rule: every dossier received in time is declared recevable,
// with a written exemption when required pièces are missing, so the jury
// ranks the whole set.
func declareRecevable(ctx context.Context, st interface {
	data.Snapshots
	data.Register
}, c *data.Campaign) error {
	snap, err := st.Snapshot(ctx, c.ID, data.SnapshotOptions{Applications: true})
	if err != nil {
		return err
	}
	for i := range snap.Applications {
		a := &snap.Applications[i]
		if !a.Status.InInstruction() {
			continue // the late ones stay irrecevable
		}
		reason := ""
		if len(a.MissingRequired(c)) > 0 {
			reason = DemoExemption
		}
		if err := st.ChangeStatus(ctx, a.ID, data.StatusRecevable, reason); err != nil {
			return err
		}
	}
	return nil
}

// loadJury gives the demonstration a fictional jury with its sheets, so every
// screen has something to show.
func loadJury(ctx context.Context, st interface {
	data.Snapshots
	data.Jury
}, c *data.Campaign) error {
	var jurors []data.Juror
	for _, j := range DemoJurors(c.ID) {
		if err := st.AddJuror(ctx, &j); err != nil {
			return err
		}
		jurors = append(jurors, j)
	}
	snap, err := st.Snapshot(ctx, c.ID, data.SnapshotOptions{Applications: true})
	if err != nil {
		return err
	}
	sheets, conflicts := DemoSheets(c, snap.Applications, jurors)
	for _, k := range conflicts {
		if _, err := st.AddConflict(ctx, k.JurorID, k.ApplicationID, "Administrateur de l'association (fictif)"); err != nil {
			return err
		}
	}
	w := data.ScoreWrite{}
	for _, s := range sheets {
		w.Changes = append(w.Changes, data.ScoreChange{JurorID: s.JurorID, ApplicationID: s.ApplicationID, Set: s.Scores})
	}
	return st.WriteScores(ctx, c, w)
}

// Fill adds n generated applications to the synthetic campaign (data.SynthCode,
// created on first use), for benchmarks and load tests.
func Fill(ctx context.Context, st interface {
	data.Campaigns
	data.Register
}, n int, seedValue int64) (*data.Campaign, int, error) {
	c, err := st.CampaignByCode(ctx, data.SynthCode)
	if data.ErrorCode(err) == data.ENOTFOUND {
		if c, err = seed.DefaultCampaign(); err != nil {
			return nil, 0, err
		}
		c.Code = data.SynthCode
		c.Title = "[Données synthétiques] " + c.Title
		err = st.CreateCampaign(ctx, c)
	}
	if err != nil {
		return nil, 0, err
	}
	apps := Generate(c, n, seedValue)
	// Generated numbers restart for each seed: let the store number them instead.
	for i := range apps {
		apps[i].Number = ""
	}
	sum, err := st.ImportApplications(ctx, c, data.LinesOf(apps), data.ImportOptions{})
	return c, sum.Created, err
}
