package importer

import (
	"bytes"
	"io"
	"strings"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/sheet"
)

// applicationSheets is where a workbook keeps its dossiers: the « Dossiers »
// sheet of an export of démarches-simplifiées, else the first sheet.
var applicationSheets = sheet.Options{Sheets: []string{DSDossiersSheet}}

// ReadApplicationsFile reads a file of applications, as ReadApplications does.
func ReadApplicationsFile(path string) (*sheet.Table, error) {
	t, err := sheet.ReadFileWith(path, applicationSheets)
	if err != nil || !needsEtablissements(t) {
		return t, err
	}
	etabs, err := sheet.ReadFileWith(path, sheet.Options{Sheets: []string{DSEtablissementsSheet}})
	if err != nil {
		return nil, err
	}
	return JoinDS(t, etabs), nil
}

// ReadApplications reads a file of applications: a CSV file, or a workbook's
// « Dossiers » sheet when it has one (else its first sheet). The « Dossiers »
// sheet of an export of démarches-simplifiées is completed with its
// « Etablissements » sheet (see JoinDS), so that a workbook reads as the CSV
// export does.
func ReadApplications(name string, r io.Reader) (*sheet.Table, error) {
	b, err := io.ReadAll(io.LimitReader(r, sheet.MaxBytes+1))
	if err != nil {
		return nil, data.Errorf(data.EINTERNAL, "Lecture du fichier impossible : %v", err)
	}
	t, err := sheet.ReadWith(name, bytes.NewReader(b), applicationSheets)
	if err != nil || !needsEtablissements(t) {
		return t, err
	}
	etabs, err := sheet.ReadWith(name, bytes.NewReader(b), sheet.Options{Sheets: []string{DSEtablissementsSheet}})
	if err != nil {
		return nil, err
	}
	return JoinDS(t, etabs), nil
}

// needsEtablissements reports whether a table is the « Dossiers » sheet of a
// DS workbook that also has an « Etablissements » sheet.
func needsEtablissements(t *sheet.Table) bool {
	if !IsDS(t) || !strings.EqualFold(strings.TrimSpace(t.Sheet), DSDossiersSheet) {
		return false
	}
	for _, s := range t.Sheets {
		if strings.EqualFold(strings.TrimSpace(s), DSEtablissementsSheet) {
			return true
		}
	}
	return false
}
