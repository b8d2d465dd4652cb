package importer_test

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/importer"
)

// dsFixed are the fixed columns of a CSV export of démarches-simplifiées for a
// procedure open to legal entities, in DS's order (dossier_export_concern.rb,
// with_etablissement: true, as of April 2021).
var dsFixed = []string{"ID", "Email",
	"Établissement SIRET", "Établissement siège social", "Établissement NAF", "Établissement libellé NAF",
	"Établissement Adresse", "Établissement numero voie", "Établissement type voie", "Établissement nom voie",
	"Établissement complément adresse", "Établissement code postal", "Établissement localité",
	"Établissement code INSEE localité", "Entreprise SIREN", "Entreprise capital social",
	"Entreprise numero TVA intracommunautaire", "Entreprise forme juridique", "Entreprise forme juridique code",
	"Entreprise nom commercial", "Entreprise raison sociale", "Entreprise SIRET siège social",
	"Entreprise code effectif entreprise", "Entreprise date de création", "Entreprise nom", "Entreprise prénom",
	"Association RNA", "Association titre", "Association objet", "Association date de création",
	"Association date de déclaration", "Association date de publication",
	"Archivé", "État du dossier", "Dernière mise à jour le", "Déposé le", "Passé en instruction le", "Traité le",
	"Motivation de la décision", "Instructeurs"}

// dsProcedure are the AMI's own fields, as its form labels them.
var dsProcedure = []string{"Intitulé du projet", "Quartier(s) prioritaire(s) concerné(s)", "Thématique",
	"Coût total du projet", "Montant de la subvention sollicitée", "Pièce jointe : budget prévisionnel"}

// dsDossier is one dossier of a DS export, by column.
type dsDossier map[string]string

func dsAssociation() dsDossier {
	return dsDossier{
		"ID": "4123456", "Email": "contact@velo-avion.example.org", "Établissement SIRET": "88332366900019",
		"Établissement siège social": "true", "Établissement Adresse": "12 RUE JEAN JAURES\n62210 AVION",
		"Établissement code postal": "62210", "Établissement localité": "AVION", "Établissement code INSEE localité": "62065",
		"Entreprise SIREN": "883323669", "Entreprise forme juridique": "Association déclarée",
		"Entreprise raison sociale": "VELO SOLIDAIRE AVION", "Association RNA": "W623004512",
		"Association titre": "Vélo Solidaire Avion", "Archivé": "false", "État du dossier": "En instruction",
		"Dernière mise à jour le": "2021-05-03 09:12:44 +0200", "Déposé le": "2021-04-29 14:32:10 +0200",
		"Passé en instruction le": "2021-05-03 09:12:44 +0200", "Instructeurs": "agent@agglo-lenslievin.example.fr",
		"Intitulé du projet": "À vélo vers l'emploi", "Quartier(s) prioritaire(s) concerné(s)": "République - Cité 4, Cité 2",
		"Thématique": "Mobilité", "Coût total du projet": "18500.0", "Montant de la subvention sollicitée": "9000",
		"Pièce jointe : budget prévisionnel": "budget.pdf (application/pdf - 84 Ko)",
	}
}

func dsCompany() dsDossier {
	return dsDossier{
		"ID": "4123999", "Email": "direction@insertion.example.fr", "Établissement SIRET": "88332366900019",
		"Établissement Adresse": "3 PLACE DE LA REPUBLIQUE\n62800 LIEVIN", "Établissement code INSEE localité": "62510",
		"Entreprise forme juridique": "Société coopérative d'intérêt collectif", "Entreprise raison sociale": "Chantier Bleu SCIC",
		"Archivé": "false", "État du dossier": "En construction", "Déposé le": "2021-04-30 23:59:00 +0200",
		"Intitulé du projet": "Chantier d'insertion", "Quartier(s) prioritaire(s) concerné(s)": "QP062024",
		"Thématique": "Insertion professionnelle et sociale", "Coût total du projet": "40000", "Montant de la subvention sollicitée": "12000.5",
	}
}

// dsCSV writes a DS export as DS writes it: « , » between cells, every cell
// quoted when it needs to be, UTF-8 without a BOM.
func dsCSV(rows ...dsDossier) []byte {
	header := append(append([]string(nil), dsFixed...), dsProcedure...)
	var b strings.Builder
	write := func(cells []string) {
		for i, c := range cells {
			if i > 0 {
				b.WriteByte(',')
			}
			if strings.ContainsAny(c, ",\"\n") {
				c = `"` + strings.ReplaceAll(c, `"`, `""`) + `"`
			}
			b.WriteString(c)
		}
		b.WriteByte('\n')
	}
	write(header)
	for _, r := range rows {
		cells := make([]string, len(header))
		for i, h := range header {
			cells[i] = r[h]
		}
		write(cells)
	}
	return []byte(b.String())
}

func TestDSExportCSV(t *testing.T) {
	outside := dsCompany()
	outside["ID"], outside["Établissement code INSEE localité"] = "4124001", "59350" // Lille: outside the CALL
	r := mustRun(t, "dossiers_ami-2021_2021-05-04_10-00.csv", dsCSV(dsAssociation(), dsCompany(), outside))
	if !r.OK() {
		t.Fatalf("DS export refused:\n%s", r.Report())
	}
	if r.Source != importer.SourceDS || r.Len() != 3 {
		t.Fatalf("source %q, %d apps", r.Source, r.Len())
	}
	c := campaign(t)
	a := r.Line(0)
	want := data.Application{
		CampaignID: 7, Number: "4123456", Received: time.Date(2021, 4, 29, 12, 32, 10, 0, time.UTC),
		Structure: data.Structure{Name: "Vélo Solidaire Avion", LegalForm: "Association déclarée", SIRET: "88332366900019",
			RNA: "W623004512", Address: "12 RUE JEAN JAURES", PostalCode: "62210", Town: "AVION", Commune: "62065", Email: "contact@velo-avion.example.org"},
		Title: "À vélo vers l'emploi", ThemeID: themeID(t, c, "Mobilité"), QPVs: []string{"QP062019", "QP062026"},
		TotalCents: 1850000, RequestedCents: 900000, Status: data.StatusRecu, ExternalState: "En instruction",
	}
	if !a.Received.Equal(want.Received) {
		t.Errorf("received %v, want %v", a.Received, want.Received)
	}
	a.Received = want.Received
	if !reflect.DeepEqual(a, want) {
		t.Errorf("association\n got %+v\nwant %+v", a, want)
	}
	b := r.Line(1)
	if b.Structure.Name != "Chantier Bleu SCIC" || b.Number != "4123999" || b.RequestedCents != 1200050 || b.ExternalState != "En construction" ||
		!b.Received.Equal(time.Date(2021, 4, 30, 21, 59, 0, 0, time.UTC)) || b.Structure.Commune != "62510" {
		t.Errorf("company: %+v", b)
	}
	if r.Line(2).Structure.Commune != "" {
		t.Errorf("commune outside the campaign kept: %q", r.Line(2).Structure.Commune)
	}
	if !strings.Contains(strings.Join(r.Fields, " "), data.FieldExternalState) {
		t.Errorf("fields %v lack the DS state", r.Fields)
	}
	rep := r.Report()
	for _, s := range []string{"3 dossiers prêts à importer", "Export de démarches-simplifiées reconnu",
		"Ligne 6 : le code INSEE 59350 (« Établissement code INSEE localité ») n'est pas une commune de la campagne",
		"« Archivé »", "« Traité le »", "« Instructeurs »", "« Pièce jointe : budget prévisionnel »"} {
		if !strings.Contains(rep, s) {
			t.Errorf("report lacks %q:\n%s", s, rep)
		}
	}
	if n := strings.Count(rep, "non utilisées"); n != 1 {
		t.Errorf("unused columns listed %d times:\n%s", n, rep)
	}
	if strings.Contains(rep, "« Association titre »") || strings.Contains(rep, "« État du dossier »") ||
		strings.Contains(rep, "« Établissement code postal »") || strings.Contains(rep, "« Établissement localité »") {
		t.Errorf("a column Cohésion uses is reported unused:\n%s", rep)
	}
}

func TestDSExportErrorsNameDSColumns(t *testing.T) {
	bad := dsAssociation()
	bad["Déposé le"] = "2021-04-31 10:00:00 +0200"
	bad["Montant de la subvention sollicitée"] = "beaucoup"
	bad["Association titre"], bad["Entreprise raison sociale"] = "", ""
	r := mustRun(t, "ds.csv", dsCSV(bad))
	checkErrors(t, r, []wantErr{
		{2, "Déposé le", "date impossible"},
		{2, "Montant de la subvention sollicitée", "montant illisible"},
		{2, "Structure (Association titre, sinon Entreprise raison sociale)", "le nom de la structure est obligatoire"},
	})
}

// TestDSProcedureFieldWins: a field of the procedure that names the
// structure wins over what DS fetched from the SIRET; the number stays DS's.
func TestDSProcedureFieldWins(t *testing.T) {
	in := "ID,État du dossier,Déposé le,Association titre,Nom de la structure,Numéro,Intitulé du projet,Montant demandé\n" +
		"77,Accepté,2021-04-12 10:00:00 +0200,Titre RNA,Nom choisi,X-9,Projet,1000\n"
	r := mustRun(t, "ds.csv", []byte(in))
	if !r.OK() {
		t.Fatal(r.Report())
	}
	if a := r.Line(0); a.Structure.Name != "Nom choisi" || a.Number != "77" || a.ExternalState != "Accepté" {
		t.Errorf("%+v", a)
	}
	if !reflect.DeepEqual(r.UnknownColumns, []string{"Association titre", "Numéro"}) {
		t.Errorf("unused %q", r.UnknownColumns)
	}
}

// writeDSWorkbook writes an XLSX export as DS does: « Dossiers » (without the
// establishment's columns, but « Entreprise raison sociale »), then
// « Etablissements » and « Avis »; dates and amounts are typed cells.
func writeDSWorkbook(t *testing.T, path string, first string) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sheets := []string{"Dossiers", "Etablissements", "Avis"}
	if first != "" {
		sheets = append([]string{first}, sheets...)
	}
	f.SetSheetName("Sheet1", sheets[0])
	for _, s := range sheets[1:] {
		f.NewSheet(s)
	}
	dateTime, _ := f.NewStyle(&excelize.Style{NumFmt: 22})
	put := func(sheet string, row int, cells ...any) {
		for i, v := range cells {
			cell, _ := excelize.CoordinatesToCellName(i+1, row)
			if err := f.SetCellValue(sheet, cell, v); err != nil {
				t.Fatal(err)
			}
			if _, ok := v.(time.Time); ok {
				f.SetCellStyle(sheet, cell, cell, dateTime)
			}
		}
	}
	// Times as DS's workbook holds them: Paris wall-clock time, no zone.
	paris := func(y int, m time.Month, d, h, mi int) time.Time { return time.Date(y, m, d, h, mi, 0, 0, time.UTC) }
	put("Dossiers", 1, "ID", "Email", "Entreprise raison sociale", "Archivé", "État du dossier", "Dernière mise à jour le",
		"Déposé le", "Passé en instruction le", "Traité le", "Motivation de la décision", "Instructeurs",
		"Intitulé du projet", "Quartier(s) prioritaire(s) concerné(s)", "Coût total du projet", "Montant de la subvention sollicitée")
	put("Dossiers", 2, "4123456", "contact@velo-avion.example.org", "VELO SOLIDAIRE AVION", false, "Accepté", paris(2021, 5, 3, 9, 12),
		paris(2021, 4, 29, 14, 32), paris(2021, 5, 3, 9, 12), nil, nil, "", "À vélo vers l'emploi", "République - Cité 4, Cité 2", 18500, 9000.5)
	put("Dossiers", 3, "4123999", "direction@insertion.example.fr", "Chantier Bleu SCIC", false, "En construction", paris(2021, 4, 30, 23, 0),
		paris(2021, 4, 30, 23, 0), nil, nil, nil, "", "Chantier d'insertion", "QP062024", 40000, 12000)
	put("Etablissements", 1, "Dossier ID", "Champ", "Établissement SIRET", "Etablissement enseigne", "Établissement Adresse",
		"Établissement code INSEE localité", "Entreprise forme juridique", "Entreprise raison sociale", "Association RNA", "Association titre",
		"Établissement code postal", "Établissement localité")
	put("Etablissements", 2, "4123456", "SIRET du partenaire", "34985434500024", "", "1 RUE X 59000 LILLE", "59350", "Association déclarée", "PARTENAIRE", "", "",
		"59000", "LILLE")
	put("Etablissements", 3, "4123456", "Dossier", "88332366900019", "", "12 RUE JEAN JAURES\n62210 AVION", "62065", "Association déclarée",
		"VELO SOLIDAIRE AVION", "W623004512", "Vélo Solidaire Avion", 62210, "AVION")
	put("Etablissements", 4, "4123999", "Dossier", "88332366900019", "", "3 PLACE DE LA REPUBLIQUE\n62800 LIEVIN", "62510",
		"Société coopérative d'intérêt collectif", "Chantier Bleu SCIC", "", "", "62800", "LIEVIN")
	put("Avis", 1, "Dossier ID", "Introduction", "Réponse", "Question", "Réponse oui/non", "Créé le", "Répondu le", "Instructeur", "Expert")
	put("Avis", 2, "4123456", "Votre avis ?", "Favorable", "", "", paris(2021, 5, 2, 10, 0), paris(2021, 5, 2, 11, 0), "agent@example.fr", "expert@example.fr")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

func TestDSExportXLSX(t *testing.T) {
	for _, first := range []string{"", "Lisez-moi"} {
		path := filepath.Join(t.TempDir(), "dossiers_ami-2021.xlsx")
		writeDSWorkbook(t, path, first)
		tb, err := importer.ReadApplicationsFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if tb.Sheet != "Dossiers" {
			t.Fatalf("read sheet %q", tb.Sheet)
		}
		r := importer.Applications(campaign(t), tb, now)
		if !r.OK() || r.Source != importer.SourceDS {
			t.Fatalf("workbook (first sheet %q) refused:\n%s", first, r.Report())
		}
		a := r.Line(0)
		if a.Number != "4123456" || a.Structure.Name != "Vélo Solidaire Avion" || a.Structure.SIRET != "88332366900019" ||
			a.Structure.RNA != "W623004512" || a.Structure.Commune != "62065" || a.ExternalState != "Accepté" ||
			a.RequestedCents != 900050 || a.TotalCents != 1850000 || !reflect.DeepEqual(a.QPVs, []string{"QP062019", "QP062026"}) ||
			!a.Received.Equal(time.Date(2021, 4, 29, 14, 32, 0, 0, data.Paris)) {
			t.Errorf("association from the workbook: %+v", a)
		}
		// The two-line address keeps its street line; the postal code (a
		// number in the workbook) and the town come from their columns.
		if s := a.Structure; s.Address != "12 RUE JEAN JAURES" || s.PostalCode != "62210" || s.Town != "AVION" {
			t.Errorf("address from the workbook: %q %q %q", s.Address, s.PostalCode, s.Town)
		}
		if b := r.Line(1); b.Structure.Name != "Chantier Bleu SCIC" || b.Structure.Commune != "62510" || b.Structure.RNA != "" ||
			!b.Received.Equal(time.Date(2021, 4, 30, 23, 0, 0, 0, data.Paris)) {
			t.Errorf("company from the workbook: %+v", b)
		}
		// The same file read through a reader, as the GUI does.
		raw, _ := os.ReadFile(path)
		tb2, err := importer.ReadApplications("dossiers.xlsx", strings.NewReader(string(raw)))
		if err != nil || !reflect.DeepEqual(tb2.Header, tb.Header) || !reflect.DeepEqual(tb2.Rows, tb.Rows) {
			t.Errorf("ReadApplications differs from ReadApplicationsFile: %v", err)
		}
	}
}

func TestNotDS(t *testing.T) {
	r := mustRun(t, "f.csv", []byte(header+line(nil)))
	if r.Source != "" || importer.IsDS(nil) {
		t.Errorf("a file of the template taken for DS")
	}
}
