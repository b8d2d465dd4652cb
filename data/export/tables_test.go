package export_test

import (
	"bytes"
	"math/big"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/alloc"
	"github.com/call-agglo/cohesion/data/campaign"
	"github.com/call-agglo/cohesion/data/export"
	"github.com/call-agglo/cohesion/data/importer"
	"github.com/call-agglo/cohesion/data/jury"
	"github.com/call-agglo/cohesion/data/seed"
	"github.com/call-agglo/cohesion/data/sheet"
)

// campaign is the default campaign as the store returns it: with theme IDs.
func testCampaign(t testing.TB) *data.Campaign {
	t.Helper()
	c, err := seed.DefaultCampaign()
	if err != nil {
		t.Fatal(err)
	}
	c.ID = 7
	for i := range c.Themes {
		c.Themes[i].ID = int64(10 + i)
	}
	return c
}

func registerRows(t testing.TB, c *data.Campaign) []data.Row {
	return []data.Row{
		{
			ID: 1, Number: "AMI2021-001", Received: time.Date(2021, 4, 12, 14, 30, 27, 0, data.Paris),
			Structure: "Association Les Amis", SIRET: siret(t, "8833236690001"), Title: "Projet un",
			ThemeID: c.Themes[0].ID, Theme: c.Themes[0].Label, QPVs: []string{c.QPVs[0].Code, c.QPVs[1].Code},
			Commune: c.Communes[0].INSEE, CommuneName: c.Communes[0].Name,
			Address: "Maison des associations\n12 rue Jean Jaurès", PostalCode: "62300", Town: "Lens",
			TotalCents: 2500000, RequestedCents: 1000050, Status: data.StatusRecevable,
		},
		{
			ID: 2, Number: "AMI2021-002", Received: time.Date(2021, 5, 1, 0, 0, 0, 0, data.Paris),
			Structure: "Club « Sport ; Santé », \"section\" jeunes", Title: "Deuxième projet\nsur deux lignes",
			RequestedCents: 1, Status: data.StatusIrrecevable, Late: true,
		},
		{
			// The names come from the campaign when the row lacks them.
			ID: 3, Number: "AMI2021-003", Received: time.Date(2021, 1, 31, 23, 59, 59, 0, data.Paris),
			Structure: "Compagnie 3", SIRET: siret(t, "4012345670001"), Title: "Trois",
			ThemeID: c.Themes[2].ID, Commune: c.Communes[3].INSEE,
			TotalCents: 123456789, RequestedCents: 12345678, Status: data.StatusRecu,
		},
	}
}

func TestApplicationsHeaders(t *testing.T) {
	c := testCampaign(t)
	tb := export.Applications(c, registerRows(t, c))
	var titles []string
	for _, col := range tb.Columns {
		titles = append(titles, col.Title)
	}
	want := []string{"Numéro", "Date de dépôt", "Structure", "SIRET", "Adresse", "Code postal", "Localité", "Commune", "Intitulé du projet", "Thématique", "QPV", "Coût total", "Montant demandé", "Statut", "Hors délai"}
	if !reflect.DeepEqual(titles, want) {
		t.Errorf("columns %q", titles)
	}
	// Every header but the last two is the importer's own label for its field.
	for _, h := range titles[:13] {
		col := importer.ColumnFor(h)
		if col == nil || col.Label != h {
			t.Errorf("importer does not recognise %q (%v)", h, col)
		}
	}
	r := tb.Rows[2]
	if r[7] != c.Communes[3].Name || r[9] != c.Themes[2].Label || r[13] != "Reçu" || r[14] != "non" {
		t.Errorf("row 3 %q", r)
	}
	if r := tb.Rows[0]; r[4] != "Maison des associations\n12 rue Jean Jaurès" || r[5] != "62300" || r[6] != "Lens" {
		t.Errorf("row 1's address %q", r[4:7])
	}
	if r := tb.Rows[1]; r[11] != nil || r[14] != "oui" || r[13] != "Irrecevable" {
		t.Errorf("row 2 %q", r)
	}
}

func TestApplicationsImportBack(t *testing.T) {
	c := testCampaign(t)
	rows := registerRows(t, c)
	tb := export.Applications(c, rows)
	now := time.Date(2021, 6, 1, 9, 0, 0, 0, data.Paris)
	for _, format := range []string{"xlsx", "csv"} {
		t.Run(format, func(t *testing.T) {
			var buf bytes.Buffer
			var err error
			if format == "xlsx" {
				err = export.WriteXLSX(&buf, tb)
			} else {
				err = export.WriteCSV(&buf, tb)
			}
			if err != nil {
				t.Fatal(err)
			}
			st, err := sheet.Read("registre."+format, bytes.NewReader(buf.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			res := importer.Applications(c, st, now)
			if !res.OK() {
				t.Fatalf("%q\n%s", st.Rows, res.Report())
			}
			if !reflect.DeepEqual(res.UnknownColumns, []string{"Statut", "Hors délai"}) {
				t.Errorf("unknown columns %q", res.UnknownColumns)
			}
			if res.Len() != len(rows) {
				t.Fatalf("%d applications", res.Len())
			}
			for i, r := range rows {
				a := res.Line(i)
				received := r.Received
				if format == "csv" {
					received = received.Truncate(time.Minute) // dd/mm/yyyy hh:mm
				}
				theme := r.ThemeID
				if a.Number != r.Number || a.Structure.Name != data.Clean(r.Structure) || a.Structure.SIRET != r.SIRET ||
					a.Title != data.Clean(r.Title) || a.ThemeID != theme || a.Structure.Commune != r.Commune ||
					a.TotalCents != r.TotalCents || a.RequestedCents != r.RequestedCents || !a.Received.Equal(received) ||
					strings.Join(a.QPVs, ",") != strings.Join(r.QPVs, ",") {
					t.Errorf("line %d\n got %+v\nfrom %+v", i+1, a, r)
				}
			}
		})
	}
}

func rankingRows() []campaign.RankingRow {
	return []campaign.RankingRow{
		{
			Line: jury.Line{ApplicationID: 1, Number: "AMI2021-001", Rank: 1, F: big.NewRat(15355, 1000), Counted: 3,
				Harmonised: 14.2049, HasHarmonised: true, Flags: []string{jury.FlagDiscuss, jury.FlagTiePrefix + jury.TieReceived}},
			Row:      data.Row{ID: 1, Number: "AMI2021-001", Structure: "Asso 1", Title: "Projet 1", Theme: "Santé"},
			Decision: &data.JuryDecision{ApplicationID: 1, Decision: data.DecisionRetenu},
			Proposed: data.DecisionRetenu,
		},
		{
			Line:     jury.Line{ApplicationID: 2, Number: "AMI2021-002", Rank: 2, F: big.NewRat(9, 1), Counted: 2, Flags: []string{jury.FlagBelow}},
			Row:      data.Row{ID: 2, Number: "AMI2021-002", Structure: "=Asso 2", Title: "Projet 2"},
			Proposed: data.DecisionNonRetenu,
		},
		{
			Line: jury.Line{ApplicationID: 3, Number: "AMI2021-003", Irrecevable: true, Flags: []string{jury.FlagIrrecevable}},
			Row:  data.Row{ID: 3, Number: "AMI2021-003", Structure: "Asso 3", Title: "Projet 3"},
		},
	}
}

func TestRanking(t *testing.T) {
	tb := export.Ranking(rankingRows())
	var titles []string
	for _, col := range tb.Columns {
		titles = append(titles, col.Title)
	}
	if want := "Rang|Numéro|Structure|Intitulé du projet|Thématique|Note /20|Grilles comptées|Note harmonisée|Alertes|Décision"; strings.Join(titles, "|") != want {
		t.Errorf("columns %q", titles)
	}
	var buf bytes.Buffer
	if err := export.WriteCSV(&buf, tb); err != nil {
		t.Fatal(err)
	}
	want := "\uFEFFRang;Numéro;Structure;Intitulé du projet;Thématique;Note /20;Grilles comptées;Note harmonisée;Alertes;Décision\r\n" +
		"1;AMI2021-001;Asso 1;Projet 1;Santé;15,36;3;14,20;\"à discuter ; ex aequo départagé : date de dépôt\";Retenu\r\n" +
		"2;AMI2021-002;'=Asso 2;Projet 2;;9,00;2;;sous le seuil;Proposition : Non retenu\r\n" +
		";AMI2021-003;Asso 3;Projet 3;;;0;;irrecevable;\r\n"
	if buf.String() != want {
		t.Errorf("csv\n got %q\nwant %q", buf.String(), want)
	}
	_, f := writeXLSX(t, tb)
	if v := raw(t, f, "Classement", "F2"); v != "15.36" {
		t.Errorf("F2 = %q", v)
	}
	if v := raw(t, f, "Classement", "A4"); v != "" {
		t.Errorf("A4 = %q", v)
	}
}

// allocation shares 20 500,50 € among four candidates; the second is locked
// at 5 000,50 €, the fourth gets nothing.
func allocation(t testing.TB) (*alloc.Result, map[int64]data.Row) {
	t.Helper()
	cands := []alloc.Candidate{
		{ID: 1, Number: "AMI2021-001", Rank: 1, RequestedCents: 1000000, TotalCents: 2500000},
		{ID: 2, Number: "AMI2021-002", Rank: 2, RequestedCents: 800000, Locked: true, LockedCents: 500050},
		{ID: 3, Number: "AMI2021-003", Rank: 3, RequestedCents: 900000, TotalCents: 1000000},
		{ID: 4, Number: "AMI2021-004", Rank: 4, RequestedCents: 300000, TotalCents: 300000},
	}
	res, err := alloc.Allocate(cands, alloc.DefaultParams(2050050))
	if err != nil {
		t.Fatal(err)
	}
	rows := map[int64]data.Row{
		1: {ID: 1, Number: "AMI2021-001", Structure: "Asso 1", Title: "Projet 1", Theme: "Santé"},
		2: {ID: 2, Number: "AMI2021-002", Structure: "Asso 2", Title: "Projet 2", Theme: "Sport"},
		3: {ID: 3, Number: "AMI2021-003", Structure: "Asso 3", Title: "Projet 3"},
		4: {ID: 4, Number: "AMI2021-004", Structure: "Asso 4", Title: "Projet 4"},
	}
	return res, rows
}

func TestAllocation(t *testing.T) {
	res, rows := allocation(t)
	tb := export.Allocation(res, rows)
	var buf bytes.Buffer
	if err := export.WriteCSV(&buf, tb); err != nil {
		t.Fatal(err)
	}
	want := "\uFEFFRang;Numéro;Structure;Intitulé du projet;Thématique;Demandé;Plafond;Montant;Fixé à la main\r\n" +
		"1;AMI2021-001;Asso 1;Projet 1;Santé;10000,00;10000,00;10000,00;\r\n" +
		"2;AMI2021-002;Asso 2;Projet 2;Sport;8000,00;8000,00;5000,50;oui\r\n" +
		"3;AMI2021-003;Asso 3;Projet 3;;9000,00;9000,00;5500,00;\r\n" +
		"4;AMI2021-004;Asso 4;Projet 4;;3000,00;3000,00;0,00;\r\n" +
		";Total;3 projets financés;;;30000,00;;20500,50;\r\n" +
		";Enveloppe;;;;;;20500,50;\r\n" +
		";Reliquat;;;;;;0,00;\r\n"
	if buf.String() != want {
		t.Errorf("csv\n got %q\nwant %q", buf.String(), want)
	}

	// The three tables in one workbook; the footer is outside the filter.
	b, f := writeXLSX(t, export.Applications(nil, nil), export.Ranking(rankingRows()), tb)
	if got := strings.Join(f.GetSheetList(), "|"); got != "Dossiers|Classement|Répartition" {
		t.Errorf("sheets %s", got)
	}
	if got := autoFilter(t, b, "xl/worksheets/sheet3.xml"); got != "A1:I5" {
		t.Errorf("autofilter %q", got)
	}
	if got := autoFilter(t, b, "xl/worksheets/sheet1.xml"); got != "A1:O1" {
		t.Errorf("empty register autofilter %q", got)
	}
	if v := raw(t, f, "Répartition", "H7"); v != "20500.5" {
		t.Errorf("total %q", v)
	}
	if v := raw(t, f, "Répartition", "B9"); v != "Reliquat" {
		t.Errorf("B9 %q", v)
	}
	if tb := export.Allocation(nil, nil); len(tb.Rows) != 0 || len(tb.Columns) != 9 {
		t.Errorf("nil result %+v", tb)
	}
}
