package importer

import (
	"fmt"
	"strings"
	"time"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/sheet"
)

// An export of démarches-simplifiées (DS), the State's platform for online
// procedures, is read as it comes: a fixed set of columns about the dossier and
// its applicant, then the procedure's own fields under their labels. The
// labels below are those of DS's export code (github.com/demarches-simplifiees/
// demarches-simplifiees.fr, read at commit e1338d79, and as of April 2021 at
// ea087af5): app/models/concerns/dossier_export_concern.rb
// (dossier_values_for_export; formerly Dossier#spreadsheet_columns) for the
// « Dossiers » sheet and the CSV file, app/models/etablissement.rb
// (spreadsheet_columns) for the « Etablissements » sheet, and
// app/services/procedure_export_service.rb for the sheets' names. The CSV file
// carries the establishment's columns itself (with_etablissement: true); the
// workbook keeps them on « Etablissements », one row per establishment, the
// dossier's own one with « Champ » = « Dossier ».

// SourceDS names démarches-simplifiées in Result.Source and in reports.
const SourceDS = "démarches-simplifiées"

// The sheets of a DS workbook.
const (
	DSDossiersSheet       = "Dossiers"
	DSEtablissementsSheet = "Etablissements"
)

// What Cohésion does with a DS fixed column, beside a field key.
const (
	dsUnused    = ""  // listed once in the report as not used
	dsStructure = "-" // read to name the structure, not a field by itself
)

// The fixed columns' uses, by label as DS writes it.
var dsColumns = map[string]string{
	"ID":                                data.FieldNumber,
	"Email":                             data.FieldEmail,
	"Établissement SIRET":               data.FieldSIRET,
	"Établissement Adresse":             data.FieldAddress,
	"Établissement code postal":         data.FieldPostalCode,
	"Établissement localité":            data.FieldTown,
	"Établissement code INSEE localité": data.FieldCommune,
	"Entreprise forme juridique":        data.FieldLegalForm,
	"Entreprise raison sociale":         dsStructure,
	"Association RNA":                   data.FieldRNA,
	"Association titre":                 dsStructure,
	"État du dossier":                   data.FieldExternalState,
	"Déposé le":                         data.FieldReceived,
	// Read, not used.
	"FranceConnect ?": dsUnused, "Civilité": dsUnused, "Nom": dsUnused, "Prénom": dsUnused,
	"Dépôt pour un tiers": dsUnused, "Nom du mandataire": dsUnused, "Prénom du mandataire": dsUnused,
	"Date de naissance": dsUnused, "Établissement siège social": dsUnused, "Établissement NAF": dsUnused,
	"Établissement libellé NAF": dsUnused, "Établissement numero voie": dsUnused, "Établissement type voie": dsUnused,
	"Établissement nom voie": dsUnused, "Établissement complément adresse": dsUnused,
	"Etablissement enseigne": dsUnused, "Entreprise SIREN": dsUnused,
	"Entreprise capital social": dsUnused, "Entreprise numero TVA intracommunautaire": dsUnused,
	"Entreprise forme juridique code": dsUnused, "Entreprise nom commercial": dsUnused,
	"Entreprise SIRET siège social": dsUnused, "Entreprise code effectif entreprise": dsUnused,
	"Entreprise date de création": dsUnused, "Entreprise état administratif": dsUnused, "Entreprise nom": dsUnused,
	"Entreprise prénom": dsUnused, "Association objet": dsUnused, "Association date de création": dsUnused,
	"Association date de déclaration": dsUnused, "Association date de publication": dsUnused,
	"Domaine Fonctionnel": dsUnused, "Référentiel De Programmation": dsUnused, "Centre De Coût": dsUnused,
	"Archivé": dsUnused, "À archiver": dsUnused, "Dernière mise à jour le": dsUnused,
	"Dernière mise à jour du dossier le": dsUnused, "Passé en instruction le": dsUnused, "Traité le": dsUnused,
	"Motivation de la décision": dsUnused, "Instructeurs": dsUnused, "Groupe instructeur": dsUnused,
	"Dossier ID": dsUnused, "Champ": dsUnused,
}

var dsIndex = func() map[string]string {
	m := make(map[string]string, len(dsColumns))
	for label, use := range dsColumns {
		m[data.FoldKey(label)] = use
	}
	return m
}()

// dsStrong are the fields DS's own columns fill even when a field of the
// procedure seems to: the dossier's number, deposit and state are DS's facts.
// For the others (the applicant's identity), a field the procedure asked the
// applicant wins over what DS fetched from the SIRET.
var dsStrong = map[string]bool{data.FieldNumber: true, data.FieldReceived: true, data.FieldExternalState: true}

// dsStructureHeader heads the column Cohésion adds to name the structure.
const dsStructureHeader = "Structure (Association titre, sinon Entreprise raison sociale)"

// IsDS reports whether a table is an export of démarches-simplifiées: it has
// the dossier's « ID », « État du dossier » and « Déposé le ».
func IsDS(t *sheet.Table) bool {
	if t == nil {
		return false
	}
	need := map[string]bool{data.FoldKey("ID"): false, data.FoldKey("État du dossier"): false, data.FoldKey("Déposé le"): false}
	for _, h := range t.Header {
		if _, ok := need[data.FoldKey(h)]; ok {
			need[data.FoldKey(h)] = true
		}
	}
	for _, found := range need {
		if !found {
			return false
		}
	}
	return true
}

// applicationsDS reads a DS export: its fixed columns by their known labels,
// the procedure's fields by the usual header matching.
func applicationsDS(c *data.Campaign, t *sheet.Table, now time.Time) *Result {
	res := &Result{Source: SourceDS}
	dt, fixed := dsLayout(c, t, res)
	m := res.matchHeaders(dt, fixed)
	return res.mapRows(c, dt, m, now)
}

// dsLayout chooses the field of each fixed column and derives the table the
// importer reads: the structure's name in a column of its own, and a commune
// left blank (with a warning) when the INSEE code is not the campaign's.
func dsLayout(c *data.Campaign, t *sheet.Table, res *Result) (*sheet.Table, map[int]string) {
	procedure := map[string]bool{} // fields the procedure's own columns fill
	for _, h := range t.Header {
		if _, isFixed := dsIndex[data.FoldKey(h)]; !isFixed {
			if col := ColumnFor(h); col != nil {
				procedure[col.Key] = true
			}
		}
	}
	fixed := map[int]string{}
	title, company, commune := -1, -1, -1
	for i, h := range t.Header {
		use, isFixed := dsIndex[data.FoldKey(h)]
		if !isFixed {
			continue
		}
		switch {
		case use == dsStructure && procedure[data.FieldStructure]:
			use = dsUnused
		case use != dsUnused && use != dsStructure && (usedBy(fixed, use) || procedure[use] && !dsStrong[use]):
			use = dsUnused // the same label twice (the first counts), or the procedure's field wins
		}
		switch {
		case use == dsStructure && data.FoldKey(h) == data.FoldKey("Association titre"):
			title = i
		case use == dsStructure:
			company = i
		case use == data.FieldCommune:
			commune = i
		}
		fixed[i] = use
	}
	out := *t
	if title >= 0 || company >= 0 {
		n := len(t.Header)
		out.Header = append(append([]string(nil), t.Header...), dsStructureHeader)
		out.Rows = make([][]string, len(t.Rows))
		for r, row := range t.Rows {
			cells := make([]string, 0, len(row)+1)
			cells = append(cells, row[:n]...)
			cells = append(cells, dsStructureName(row, title, company))
			out.Rows[r] = append(cells, row[n:]...)
		}
		fixed[n] = data.FieldStructure
	}
	return dsCommunes(c, &out, commune, res), fixed
}

func usedBy(fixed map[int]string, key string) bool {
	for _, k := range fixed {
		if k == key {
			return true
		}
	}
	return false
}

// dsStructureName is « Association titre » for an association, else
// « Entreprise raison sociale ».
func dsStructureName(row []string, title, company int) string {
	if title >= 0 && title < len(row) && !data.Blank(row[title]) {
		return row[title]
	}
	if company >= 0 && company < len(row) {
		return row[company]
	}
	return ""
}

// dsCommunes blanks the INSEE codes the campaign does not know: DS gives the
// siège's commune, which may lie outside the territory (a regional
// association); the dossier is imported without a commune, and the report
// says so.
func dsCommunes(c *data.Campaign, t *sheet.Table, col int, res *Result) *sheet.Table {
	if col < 0 {
		return t
	}
	lk := newLookup(c)
	rows := make([][]string, len(t.Rows))
	for r, row := range t.Rows {
		rows[r] = row
		v := data.Clean(row[col])
		if v == "" {
			continue
		}
		if _, ok := lk.commune(v); ok {
			continue
		}
		line := r + 2
		if r < len(t.Lines) {
			line = t.Lines[r]
		}
		res.Warnings = append(res.Warnings, fmt.Sprintf("Ligne %d : le code INSEE %s (« %s ») n'est pas une commune de la campagne ; le dossier est importé sans commune.", line, abbrev(v), t.Header[col]))
		cp := append([]string(nil), row...)
		cp[col] = ""
		rows[r] = cp
	}
	t.Rows = rows
	return t
}

// JoinDS completes the « Dossiers » sheet of a DS workbook with its
// « Etablissements » sheet: the row of each dossier's own establishment
// (« Champ » = « Dossier »), matched by « Dossier ID », adds the columns the
// CSV export would have had (SIRET, address, INSEE code, RNA, association's
// title…). Columns the dossiers already have are kept as they are.
func JoinDS(dossiers, etabs *sheet.Table) *sheet.Table {
	if dossiers == nil || etabs == nil {
		return dossiers
	}
	idCol, champCol := -1, -1
	for i, h := range etabs.Header {
		switch data.FoldKey(h) {
		case data.FoldKey("Dossier ID"):
			idCol = i
		case data.FoldKey("Champ"):
			champCol = i
		}
	}
	ownID := -1
	for i, h := range dossiers.Header {
		if data.FoldKey(h) == data.FoldKey("ID") {
			ownID = i
		}
	}
	if idCol < 0 || ownID < 0 {
		return dossiers
	}
	have := map[string]bool{}
	for _, h := range dossiers.Header {
		have[data.FoldKey(h)] = true
	}
	var add []int // the establishment's columns to add
	for i, h := range etabs.Header {
		if i != idCol && i != champCol && !data.Blank(h) && !have[data.FoldKey(h)] {
			have[data.FoldKey(h)] = true
			add = append(add, i)
		}
	}
	byID := map[string][]string{}
	for _, r := range etabs.Rows {
		if champCol >= 0 && data.FoldKey(r[champCol]) != data.FoldKey("Dossier") {
			continue // a SIRET field of the form, not the dossier's applicant
		}
		if id := data.Clean(r[idCol]); id != "" {
			if _, dup := byID[id]; !dup {
				byID[id] = r
			}
		}
	}
	out := *dossiers
	n := len(dossiers.Header)
	out.Header = append([]string(nil), dossiers.Header...)
	for _, i := range add {
		out.Header = append(out.Header, etabs.Header[i])
	}
	out.Rows = make([][]string, len(dossiers.Rows))
	for r, row := range dossiers.Rows {
		cells := make([]string, 0, len(row)+len(add))
		cells = append(cells, row[:n]...)
		e := byID[data.Clean(row[ownID])]
		for _, i := range add {
			v := ""
			if e != nil {
				v = e[i]
			}
			cells = append(cells, v)
		}
		out.Rows[r] = append(cells, row[n:]...)
	}
	return &out
}

// dsNote is the report's line about the columns an export of DS has and
// Cohésion does not use: one line, whatever their number.
func dsNote(cols []string) string {
	quoted := make([]string, 0, len(cols))
	for _, c := range cols {
		if strings.HasPrefix(c, unnamedPrefix) {
			quoted = append(quoted, strings.Trim(c, "()"))
			continue
		}
		quoted = append(quoted, "« "+c+" »")
	}
	return fmt.Sprintf("Colonnes de l'export non utilisées par Cohésion (%d) : %s.", len(cols), strings.Join(quoted, ", "))
}
