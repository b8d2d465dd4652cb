package gather

import (
	"bytes"
	"context"
	"strings"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/export"
	"github.com/call-agglo/cohesion/data/sqlite"
)

// Exports are what can be exported, in the order menus list them.
var Exports = []string{"applications", "ranking", "allocation", "scdl"}

// ExportTable reads one export of the campaign: the register, the ranking, a
// répartition (the named scenario, else the adopted one) or its grants in the
// national SCDL open-data format.
func ExportTable(ctx context.Context, db *sqlite.DB, c *data.Campaign, what, scenario string) (export.Table, error) {
	switch what {
	case "applications":
		rows, _, err := db.ListApplications(ctx, c.ID, sqlite.Filter{})
		return export.Applications(c, rows), err
	case "ranking":
		rows, err := db.Ranking(ctx, c)
		return export.Ranking(rows), err
	case "allocation", "scdl":
	default:
		return export.Table{}, data.Errorf(data.EINVALID, "Export inconnu « %s » (applications, ranking, allocation ou scdl).", what)
	}
	var sc *sqlite.Scenario
	var err error
	if scenario != "" {
		sc, err = db.Scenario(ctx, c.ID, scenario)
	} else {
		sc, err = db.AdoptedScenario(ctx, c.ID)
	}
	if err != nil {
		return export.Table{}, err
	}
	split, err := db.SplitInput(ctx, c)
	if err != nil {
		return export.Table{}, err
	}
	if what == "allocation" {
		return export.Allocation(ResultOf(sc), split.Rows), nil
	}
	apps, err := db.Applications(ctx, c.ID)
	if err != nil {
		return export.Table{}, err
	}
	byID := make(map[int64]data.Application, len(apps))
	for _, a := range apps {
		byID[a.ID] = a
	}
	ref := ""
	if c.DeliberationNumber != "" {
		ref = "Délibération n° " + c.DeliberationNumber + " du " + c.DeliberationDate.Format()
	}
	return export.SCDL(export.SCDLParams{NomAttribuant: c.Organiser, IdAttribuant: c.OrganiserSIRET, DateConvention: c.DeliberationDate,
		ReferenceDecision: ref}, ResultOf(sc), byID)
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

// FileName keeps, of a document's title, what Windows accepts in a file name.
func FileName(s string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`<>:"/\\|?*`, r) || r < 32 {
			return '_'
		}
		return r
	}, s)
	if r := []rune(s); len(r) > 100 {
		s = string(r[:100])
	}
	return strings.TrimRight(s, ". ")
}
