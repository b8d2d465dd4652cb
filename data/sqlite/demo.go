package sqlite

import (
	"context"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/demo"
	"github.com/call-agglo/cohesion/data/seed"
)

// DemoCode is the code of the demonstration campaign. The demo set lives in a
// campaign of its own, so fictional applications never mix with real ones.
const DemoCode = "DEMO2021"

// LoadDemo creates the demonstration campaign (a copy of the CALL AMI 2021 settings)
// with its fictional applications. It refuses when the campaign already exists.
func (db *DB) LoadDemo(ctx context.Context) (*data.Campaign, int, error) {
	if _, err := db.CampaignByCode(ctx, DemoCode); err == nil {
		return nil, 0, data.Errorf(data.ECONFLICT, "La campagne de démonstration %s existe déjà dans cette base.", DemoCode)
	}
	c, err := seed.DefaultCampaign()
	if err != nil {
		return nil, 0, err
	}
	c.Code = DemoCode
	c.Title = "[" + demo.DemoLabel + "] " + c.Title
	if err := db.CreateCampaign(ctx, c); err != nil {
		return nil, 0, err
	}
	n, err := db.ImportApplications(ctx, c, demo.DemoSet(c), false)
	if err != nil {
		return nil, 0, err
	}
	// A fictional jury with its sheets, so every screen has something to show.
	var jurors []data.Juror
	for _, j := range demo.DemoJurors(c.ID) {
		if err := db.AddJuror(ctx, &j); err != nil {
			return nil, 0, err
		}
		jurors = append(jurors, j)
	}
	apps, err := db.Applications(ctx, c.ID)
	if err != nil {
		return nil, 0, err
	}
	sheets, conflicts := demo.DemoSheets(c, apps, jurors)
	for _, k := range conflicts {
		if _, err := db.AddConflict(ctx, k.JurorID, k.ApplicationID, "Administrateur de l'association (fictif)"); err != nil {
			return nil, 0, err
		}
	}
	if err := db.ImportSheets(ctx, c, nil, sheets, false); err != nil {
		return nil, 0, err
	}
	return c, n, nil
}

// SynthCode is the code of the campaign that `gen` fills with synthetic data.
const SynthCode = "SYNTH"

// Generate fills the synthetic campaign (created on first use) with n generated
// applications, for benchmarks and load tests.
func (db *DB) Generate(ctx context.Context, n int, seedValue int64) (*data.Campaign, int, error) {
	c, err := db.CampaignByCode(ctx, SynthCode)
	if data.ErrorCode(err) == data.ENOTFOUND {
		if c, err = seed.DefaultCampaign(); err != nil {
			return nil, 0, err
		}
		c.Code = SynthCode
		c.Title = "[Données synthétiques] " + c.Title
		err = db.CreateCampaign(ctx, c)
	}
	if err != nil {
		return nil, 0, err
	}
	apps := demo.Generate(c, n, seedValue)
	// Generated numbers restart for each seed: let the store number them instead.
	for i := range apps {
		apps[i].Number = ""
	}
	written, err := db.ImportApplications(ctx, c, apps, false)
	return c, written, err
}
