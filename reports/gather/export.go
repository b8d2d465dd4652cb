package gather

import (
	"bytes"
	"context"
	"slices"
	"strings"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/campaign"
	"github.com/call-agglo/cohesion/data/export"
	"github.com/call-agglo/cohesion/data/followup"
)

// Exports are what can be exported, in the order menus list them.
var Exports = []string{"applications", "ranking", "allocation", "scdl"}

// ExportTable reads one export of the campaign, from one snapshot: the
// register, the ranking, a répartition (the named scenario, else the adopted
// one) or its grants in the national SCDL open-data format.
func ExportTable(ctx context.Context, st data.Snapshots, c *data.Campaign, what, scenario string) (export.Table, error) {
	if !slices.Contains(Exports, what) {
		return export.Table{}, data.Errorf(data.EINVALID, "Export inconnu « %s » (applications, ranking, allocation ou scdl).", what)
	}
	v, err := campaign.Load(ctx, st, c.ID, data.SnapshotOptions{Applications: what == "scdl", FollowUp: what == "scdl", Scenario: scenario})
	if err != nil {
		return export.Table{}, err
	}
	return Table(v, what)
}

// Table is one export of a view.
func Table(v *campaign.View, what string) (export.Table, error) {
	c := v.Campaign
	switch what {
	case "applications":
		return export.Applications(c, v.Rows), nil
	case "ranking":
		return export.Ranking(v.Ranked), nil
	}
	if v.Scenario == nil {
		return export.Table{}, data.Errorf(data.ENOTFOUND, "Aucun scénario de répartition n'est adopté pour cette campagne.")
	}
	if what == "allocation" {
		return export.Allocation(v.Scenario.Result(), v.Split.Rows), nil
	}
	byID := make(map[int64]data.Application, len(v.Applications))
	for _, a := range v.Applications {
		byID[a.ID] = a
	}
	ref := ""
	if c.DeliberationNumber != "" {
		ref = "Délibération n° " + c.DeliberationNumber + " du " + c.DeliberationDate.Format()
	}
	return export.SCDL(export.SCDLParams{NomAttribuant: c.Organiser, IdAttribuant: c.OrganiserSIRET, DateConvention: c.DeliberationDate,
		ReferenceDecision: ref, PeriodeVersement: c.PaymentPeriod(), Grants: scdlGrants(v)}, v.Scenario.Result(), byID)
}

// scdlGrants are the conventions signed and the payments made, which the
// open-data file publishes instead of the campaign's dates (issue 21): only
// for the adopted scenario, the one the grants follow.
func scdlGrants(v *campaign.View) map[int64]export.SCDLGrant {
	if v.FollowUp == nil || v.Scenario.AdoptedAt.IsZero() {
		return nil
	}
	out := make(map[int64]export.SCDLGrant, len(v.FollowUp.Grants))
	for i := range v.FollowUp.Grants {
		g := &v.FollowUp.Grants[i]
		out[g.ApplicationID] = export.SCDLGrant{DateConvention: g.ConventionSigned, PeriodeVersement: followup.PaymentPeriod(g),
			Echelonne: len(followup.Schedule(v.FollowUp.Settings, g)) > 1 || len(g.Payments) > 1}
	}
	return out
}

// EncodeExport writes a table in the format its file name asks for: .xlsx, or
// .csv (the French CSV, or the SCDL schema's CSV for the open-data export).
func EncodeExport(fileName, what string, t export.Table) ([]byte, error) {
	var buf bytes.Buffer
	var err error
	switch ext := strings.ToLower(fileName[strings.LastIndexByte(fileName, '.')+1:]); {
	case !strings.Contains(fileName, "."):
		return nil, data.Errorf(data.EINVALID, "Le fichier doit finir par .xlsx ou .csv.")
	case ext == "xlsx":
		err = export.WriteXLSX(&buf, t)
	case ext == "csv" && what == "scdl":
		err = export.WriteSCDLCSV(&buf, t)
	case ext == "csv":
		err = export.WriteCSV(&buf, t)
	default:
		return nil, data.Errorf(data.EINVALID, "Le fichier doit finir par .xlsx ou .csv.")
	}
	return buf.Bytes(), err
}
