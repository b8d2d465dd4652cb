package export_test

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/export"
)

func scdlApps(t testing.TB) map[int64]data.Application {
	return map[int64]data.Application{
		1: {ID: 1, Number: "AMI2021-001", Title: "Projet, un", Structure: data.Structure{Name: "Asso 1", SIRET: siret(t, "8833236690001")}},
		2: {ID: 2, Number: "AMI2021-002", Title: "=Projet 2", Structure: data.Structure{Name: "-Asso 2", SIRET: "401 234 567 0001" + siret(t, "4012345670001")[13:]}},
		3: {ID: 3, Number: "AMI2021-003", Title: strings.Repeat("é", 300), Structure: data.Structure{Name: "Asso 3", SIRET: siret(t, "5012345670001")}},
		4: {ID: 4, Number: "AMI2021-004", Title: "Projet 4", Structure: data.Structure{Name: "Asso 4"}}, // no grant: its SIRET is not needed
	}
}

func scdlParams(t testing.TB) export.SCDLParams {
	return export.SCDLParams{
		NomAttribuant:     "Communauté d'agglomération de Lens-Liévin",
		IdAttribuant:      siret(t, "2462003640001"),
		DateConvention:    data.NewDate(2021, 7, 5),
		ReferenceDecision: "DEL-2021-123",
		PeriodeVersement:  data.Period{From: data.NewDate(2021, 9, 1), To: data.NewDate(2021, 12, 31)},
	}
}

func TestSCDL(t *testing.T) {
	res, _ := allocation(t)
	p := scdlParams(t)
	tb, err := export.SCDL(p, res, scdlApps(t))
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, c := range tb.Columns {
		titles = append(titles, c.Title)
	}
	want := "nomAttribuant,idAttribuant,dateConvention,referenceDecision,nomBeneficiaire,idBeneficiaire,objet,montant,nature,conditionsVersement,datesPeriodeVersement,idRAE,notificationUE,pourcentageSubvention"
	if strings.Join(titles, ",") != want {
		t.Errorf("columns\n got %s\nwant %s", strings.Join(titles, ","), want)
	}
	if len(tb.Rows) != 3 {
		t.Fatalf("%d lines, want the 3 funded", len(tb.Rows))
	}

	var buf bytes.Buffer
	if err := export.WriteSCDLCSV(&buf, tb); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	if bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}) {
		t.Error("BOM in the SCDL file")
	}
	lines := strings.Split(strings.TrimSuffix(string(b), "\r\n"), "\r\n")
	if lines[0] != want {
		t.Errorf("header %q", lines[0])
	}
	org := p.IdAttribuant
	s1, s2, s3 := scdlApps(t)[1].Structure.SIRET, data.NormalizeSIRET(scdlApps(t)[2].Structure.SIRET), scdlApps(t)[3].Structure.SIRET
	wantLines := []string{
		"Communauté d'agglomération de Lens-Liévin," + org + ",2021-07-05,DEL-2021-123,Asso 1," + s1 + ",\"Projet, un\",10000,aide en numéraire,unique,2021-09-01/2021-12-31,,non,1",
		"Communauté d'agglomération de Lens-Liévin," + org + ",2021-07-05,DEL-2021-123,-Asso 2," + s2 + ",=Projet 2,5000.50,aide en numéraire,unique,2021-09-01/2021-12-31,,non,1",
		"Communauté d'agglomération de Lens-Liévin," + org + ",2021-07-05,DEL-2021-123,Asso 3," + s3 + "," + strings.Repeat("é", 255) + "…,5500,aide en numéraire,unique,2021-09-01/2021-12-31,,non,1",
	}
	for i, w := range wantLines {
		if i+1 >= len(lines) || lines[i+1] != w {
			t.Errorf("line %d\n got %q\nwant %q", i+2, lines[min(i+1, len(lines)-1)], w)
		}
	}
	// A standard CSV reader gets 14 fields a line; objet is at most 256 characters.
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		if len(r) != 14 {
			t.Errorf("%d fields: %q", len(r), r)
		}
		if n := len([]rune(r[6])); n > 256 {
			t.Errorf("objet of %d characters", n)
		}
	}

	// The same table as a workbook: montant a number, the date a date.
	_, f := writeXLSX(t, tb)
	if v := raw(t, f, "Subventions", "H3"); v != "5000.5" {
		t.Errorf("H3 = %q", v)
	}
	if v := raw(t, f, "Subventions", "C2"); v != "44382" {
		t.Errorf("C2 = %q", v)
	}
}

func TestSCDLDefaults(t *testing.T) {
	res, _ := allocation(t)
	p := scdlParams(t)
	p.PeriodeVersement = data.Period{From: data.NewDate(2021, 10, 15)}
	p.ConditionsVersement = "Echelonne"
	p.Nature = "Aide en nature ; aide en numéraire"
	p.IdAttribuant = p.IdAttribuant[:3] + " " + p.IdAttribuant[3:6] + " " + p.IdAttribuant[6:9] + " " + p.IdAttribuant[9:]
	tb, err := export.SCDL(p, res, scdlApps(t))
	if err != nil {
		t.Fatal(err)
	}
	r := tb.Rows[0]
	if r[1] != data.NormalizeSIRET(p.IdAttribuant) || r[8] != "aide en nature;aide en numéraire" || r[9] != "échelonné" || r[10] != "2021-10-15" {
		t.Errorf("row %q", r)
	}
	p = scdlParams(t)
	if tb, err = export.SCDL(p, res, scdlApps(t)); err != nil || tb.Rows[0][8] != "aide en numéraire" || tb.Rows[0][9] != "unique" {
		t.Errorf("defaults %q, %v", tb.Rows, err)
	}
}

func TestSCDLErrors(t *testing.T) {
	res, _ := allocation(t)
	good := scdlParams(t)
	bad := []byte(good.IdAttribuant)
	bad[13] = '0' + (bad[13]-'0'+1)%10
	for _, c := range []struct {
		name string
		edit func(*export.SCDLParams)
		want string
	}{
		{"bad key", func(p *export.SCDLParams) { p.IdAttribuant = string(bad) }, "SIRET de l'attribuant « " + string(bad) + " » est invalide : la clé de contrôle ne correspond pas"},
		{"short", func(p *export.SCDLParams) { p.IdAttribuant = "2462003640" }, "doit compter 14 chiffres"},
		{"letters", func(p *export.SCDLParams) { p.IdAttribuant = "2462003640001A" }, "doit compter 14 chiffres"},
		{"missing", func(p *export.SCDLParams) { p.IdAttribuant = " " }, "SIRET de l'attribuant est obligatoire"},
		{"name", func(p *export.SCDLParams) { p.NomAttribuant = "" }, "nom de l'attribuant"},
		{"date", func(p *export.SCDLParams) { p.DateConvention = data.Date{} }, "date de la convention"},
		{"nature", func(p *export.SCDLParams) { p.Nature = "prêt" }, "nature « prêt » inconnue"},
		// The schema requires the payment dates: a file without them would be rejected.
		{"no payment dates", func(p *export.SCDLParams) { p.PeriodeVersement = data.Period{} }, "dates de versement sont obligatoires"},
		{"period", func(p *export.SCDLParams) {
			p.PeriodeVersement = data.Period{From: data.NewDate(2021, 9, 1), To: data.NewDate(2021, 8, 1)}
		}, "finit"},
	} {
		p := good
		c.edit(&p)
		_, err := export.SCDL(p, res, scdlApps(t))
		if data.ErrorCode(err) != data.EINVALID || !strings.Contains(data.ErrorMessage(err), c.want) {
			t.Errorf("%s: %v", c.name, err)
		}
	}

	// Funded applications without a SIRET are all named.
	apps := scdlApps(t)
	a := apps[1]
	a.Structure.SIRET = ""
	apps[1] = a
	a = apps[3]
	a.Structure.SIRET = "12345678901234"
	apps[3] = a
	_, err := export.SCDL(good, res, apps)
	msg := data.ErrorMessage(err)
	if data.ErrorCode(err) != data.EINVALID || !strings.Contains(msg, "Dossier AMI2021-001 (Asso 1) : SIRET de la structure manquant") ||
		!strings.Contains(msg, "Dossier AMI2021-003 (Asso 3) : SIRET de la structure invalide") || strings.Contains(msg, "AMI2021-004") {
		t.Errorf("missing SIRET: %v", err)
	}
	delete(apps, 2)
	if _, err := export.SCDL(good, res, apps); !strings.Contains(data.ErrorMessage(err), "Dossier AMI2021-002 : dossier introuvable") {
		t.Errorf("unknown application: %v", err)
	}
	if _, err := export.SCDL(good, nil, scdlApps(t)); data.ErrorCode(err) != data.EINVALID {
		t.Errorf("nil result: %v", err)
	}
}

// A grant's follow-up publishes its own convention's date and the period of
// the payments made; the others keep the campaign's, which may then be
// missing only if every grant has been paid.
func TestSCDLFollowedGrants(t *testing.T) {
	res, _ := allocation(t)
	p := scdlParams(t)
	p.Grants = map[int64]export.SCDLGrant{
		1: {DateConvention: data.NewDate(2021, 10, 4), PeriodeVersement: data.Period{From: data.NewDate(2021, 10, 5), To: data.NewDate(2022, 7, 1)}},
		2: {PeriodeVersement: data.Period{From: data.NewDate(2021, 10, 6), To: data.NewDate(2021, 10, 6)}, Echelonne: true},
	}
	tb, err := export.SCDL(p, res, scdlApps(t))
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string][]any{}
	for _, r := range tb.Rows {
		byName[r[4].(string)] = r
	}
	for name, want := range map[string][2]any{
		"Asso 1":  {data.NewDate(2021, 10, 4), "2021-10-05/2022-07-01"},
		"-Asso 2": {p.DateConvention, "2021-10-06"},
		"Asso 3":  {p.DateConvention, "2021-09-01/2021-12-31"},
	} {
		if r := byName[name]; r == nil || r[2] != want[0] || r[10] != want[1] {
			t.Errorf("%s: dateConvention %v, datesPeriodeVersement %v; want %v", name, r[2], r[10], want)
		}
		conditions := export.VersementUnique
		if name == "-Asso 2" {
			conditions = export.VersementEchelonne
		}
		if r := byName[name]; r != nil && r[9] != conditions {
			t.Errorf("%s: conditionsVersement %v, want %s", name, r[9], conditions)
		}
	}
	p.PeriodeVersement = data.Period{}
	if _, err := export.SCDL(p, res, scdlApps(t)); !strings.Contains(data.ErrorMessage(err), "dates de versement sont obligatoires") {
		t.Errorf("a grant unpaid, no campaign's dates: %v", err)
	}
}
