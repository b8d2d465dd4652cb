package ui

import (
	"context"
	"os"

	"fyne.io/fyne/v2"

	"github.com/call-agglo/cohesion/data"
)

// prefCampaign keys, per base, the code of the campaign last shown on it.
const prefCampaign = "lastCampaign:"

// campaignToOpen is the campaign a window opens on a base: the one last used
// on that base, else the most recent real one (never the demonstration);
// COHESION_CAMPAIGN names another.
func campaignToOpen(ctx context.Context, prefs fyne.Preferences, db data.Campaigns, address string) (*data.Campaign, error) {
	// COHESION_CAMPAIGN names it, as for the command line (a shortcut made by
	// the IT department, the installer's checks).
	if code := os.Getenv("COHESION_CAMPAIGN"); code != "" {
		if c, err := db.CampaignByCode(ctx, code); err == nil {
			return c, nil
		}
	}
	if code := prefs.String(prefCampaign + withoutPassword(address)); code != "" {
		if c, err := db.CampaignByCode(ctx, code); err == nil {
			return c, nil
		}
	}
	return db.CampaignByCode(ctx, "")
}

// rememberCampaign keeps the campaign on screen for the next start on this base.
func rememberCampaign(prefs fyne.Preferences, address string, c *data.Campaign) {
	prefs.SetString(prefCampaign+withoutPassword(address), c.Code)
}
