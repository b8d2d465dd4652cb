package demo

import (
	"math/rand/v2"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/jury"
)

// DemoJurors is the fictional jury of the demonstration campaign.
func DemoJurors(campaignID int64) []data.Juror {
	return []data.Juror{
		{CampaignID: campaignID, Name: "Claire Vasseur (fictif)", College: data.CollegeElu, Email: "c.vasseur@agglo.example.org"},
		{CampaignID: campaignID, Name: "Karim Benali (fictif)", College: data.CollegeServices, Email: "k.benali@agglo.example.org"},
		{CampaignID: campaignID, Name: "Sophie Delattre (fictif)", College: data.CollegeEtat, Email: "s.delattre@prefecture.example.org"},
		{CampaignID: campaignID, Name: "Jean-Marc Leroy (fictif)", College: data.CollegePartenaire, Email: "jm.leroy@caf.example.org"},
	}
}

// DemoSheets scores the demonstration applications for the given jurors (stored,
// with IDs), deterministically: each project has a quality the jurors roughly
// agree on. The last juror steps aside for the fourth application (returned as a
// conflict, with no sheet), and leaves one sheet incomplete, to show both rules.
func DemoSheets(c *data.Campaign, apps []data.Application, jurors []data.Juror) ([]jury.Sheet, []jury.Conflict) {
	rng := rand.New(rand.NewPCG(2021, 6))
	var sheets []jury.Sheet
	var conflicts []jury.Conflict
	for i, a := range apps {
		if a.Late && a.LateOverride == "" {
			continue // irrecevable: the jury does not score it
		}
		quality := 1 + rng.IntN(5)
		for j, ju := range jurors {
			if i == 3 && j == len(jurors)-1 {
				conflicts = append(conflicts, jury.Conflict{JurorID: ju.ID, ApplicationID: a.ID})
				continue
			}
			s := jury.Sheet{JurorID: ju.ID, ApplicationID: a.ID, Scores: map[int64]int{}}
			for k, cr := range c.Criteria {
				if i == 6 && j == len(jurors)-1 && k >= 3 {
					break // an incomplete sheet
				}
				v := quality + rng.IntN(3) - 1
				s.Scores[cr.ID] = min(max(v, 0), cr.Max)
			}
			sheets = append(sheets, s)
		}
	}
	return sheets, conflicts
}
