package export

import (
	"fmt"
	"io"
	"sort"
	"strconv"

	"github.com/xuri/excelize/v2"

	"github.com/call-agglo/cohesion/data"
)

// JurorBook is the workbook a juror fills at home: the dossiers they score,
// one row each, one column per criterion.
type JurorBook struct {
	CampaignCode, CampaignTitle, Organiser string
	Juror                                  data.Juror
	Criteria                               []data.Criterion
	Dossiers                               []JurorBookRow // to score, in number order
	Deports                                []JurorBookRow // declared conflicts: listed apart, not scorable
}

// JurorBookRow is one dossier of a juror's workbook.
type JurorBookRow struct {
	Number, Structure, Title string
	Reason                   string        // a déport's reason
	Scores                   map[int64]int // the scores already recorded, by criterion ID
}

// The first columns of the scores sheet, before the criteria; the juror, the
// campaign and the control cell come after them.
var jurorBookLead = []string{"Numéro", "Structure", "Intitulé du projet"}

// CriterionHeader heads a criterion's column: its position and label (which
// the score import recognises), then its weight and maximum.
func CriterionHeader(c data.Criterion) string {
	return fmt.Sprintf("%d. %s (coefficient %d, note de 0 à %d)", c.Position, c.Label, c.Weight, c.Max)
}

// WriteJurorBook writes a juror's workbook: « Mode d'emploi » (the juror, the
// campaign, the instructions and the grid, in French), « Notes » (a row per
// dossier, a column per criterion whose cells accept whole numbers from 0 to
// the criterion's maximum, every other cell locked; each row names the juror
// and the campaign and carries the control cell the import checks) and
// « Déports » (the dossiers the juror does not score). Every sheet is
// protected, without a password: only the score cells can be typed in.
func WriteJurorBook(w io.Writer, b JurorBook) error {
	crits := append([]data.Criterion(nil), b.Criteria...)
	sort.SliceStable(crits, func(i, j int) bool { return crits[i].Position < crits[j].Position })
	if len(crits) == 0 {
		return data.Errorf(data.EINVALID, "La grille d'évaluation de la campagne n'a aucun critère : complétez-la avant d'envoyer les grilles aux jurés.")
	}
	b.Criteria = crits
	f := excelize.NewFile()
	defer f.Close()
	jb := &jurorBookWriter{f: f, b: b}
	steps := []func() error{jb.styles, jb.help, jb.scores, jb.deports}
	for _, step := range steps {
		if err := step(); err != nil {
			return xlsxErr(err)
		}
	}
	f.SetActiveSheet(0)
	if err := f.SetDocProps(&excelize.DocProperties{Creator: "Cohésion", Language: "fr-FR",
		Title: "Grille d'évaluation — " + b.Juror.Name + " — " + b.CampaignCode}); err != nil {
		return xlsxErr(err)
	}
	if err := f.Write(w); err != nil {
		return data.Errorf(data.EINTERNAL, "Écriture du fichier Excel impossible : %v", err)
	}
	return nil
}

type jurorBookWriter struct {
	f                                 *excelize.File
	b                                 JurorBook
	title, bold, header, locked, open int
}

func (jb *jurorBookWriter) styles() error {
	f := jb.f
	var err error
	if jb.title, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}); err != nil {
		return err
	}
	if jb.bold, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}}); err != nil {
		return err
	}
	if jb.header, err = f.NewStyle(&excelize.Style{
		Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}, Border: []excelize.Border{{Type: "bottom", Color: "8EA9DB", Style: 1}},
	}); err != nil {
		return err
	}
	if jb.locked, err = f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"},
		Font: &excelize.Font{Color: "404040"}}); err != nil {
		return err
	}
	// The only cells a juror types in: unlocked, framed, on a light yellow.
	jb.open, err = f.NewStyle(&excelize.Style{Protection: &excelize.Protection{Locked: false},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF9DB"}},
		Border:    []excelize.Border{{Type: "left", Color: "BFBFBF", Style: 1}, {Type: "right", Color: "BFBFBF", Style: 1}, {Type: "top", Color: "BFBFBF", Style: 1}, {Type: "bottom", Color: "BFBFBF", Style: 1}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}})
	return err
}

func (jb *jurorBookWriter) protect(sheet string) error {
	return jb.f.ProtectSheet(sheet, &excelize.SheetProtectionOptions{SelectLockedCells: true, SelectUnlockedCells: true})
}

// text writes a text cell as text, neutralised against formula injection.
func (jb *jurorBookWriter) text(sheet, at, s string) error {
	return jb.f.SetCellStr(sheet, at, Neutralize(xmlText(s)))
}

func cellName(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}

// help is the first sheet, the one the juror sees on opening the file.
func (jb *jurorBookWriter) help() error {
	f, b := jb.f, jb.b
	sheet := data.JurorBookHelpSheet
	if err := f.SetSheetName(f.GetSheetName(0), sheet); err != nil {
		return err
	}
	lines := []struct{ a, b string }{
		{"Grille d'évaluation — " + b.CampaignTitle, ""},
		{"", ""},
		{"Juré", b.Juror.Name},
		{"Campagne", b.CampaignCode},
		{"Organisateur", b.Organiser},
		{"Dossiers à noter", strconv.Itoa(len(b.Dossiers))},
		{"", ""},
		{"Comment noter", ""},
		{"1.", "Dans la feuille « " + data.JurorBookScoresSheet + " », donnez à chaque dossier une note entière par critère, de 0 à la note maximale indiquée dans l'intitulé de la colonne. Seules les cases jaunes sont modifiables ; le tableur refuse une note décimale ou hors barème."},
		{"2.", "Une case laissée vide n'est pas une note : elle ne change rien à ce qui est déjà enregistré. La grille d'un dossier ne compte que lorsque tous ses critères sont notés."},
		{"3.", "Ne modifiez ni les numéros, ni votre nom, ni la campagne : le fichier serait refusé à l'import. N'ajoutez ni ne supprimez de ligne."},
		{"4.", "Les dossiers pour lesquels vous vous êtes déporté(e) figurent dans la feuille « " + data.JurorBookDeportsSheet + " » : vous ne les notez pas."},
		{"5.", "Enregistrez le fichier au format Excel (.xlsx) et renvoyez-le au service politique de la ville avant la séance du jury."},
		{"", ""},
		{"Grille d'évaluation", ""},
	}
	row := 1
	for _, l := range lines {
		if err := jb.text(sheet, cellName(1, row), l.a); err != nil {
			return err
		}
		if err := jb.text(sheet, cellName(2, row), l.b); err != nil {
			return err
		}
		row++
	}
	for _, r := range []int{1} {
		if err := f.SetCellStyle(sheet, cellName(1, r), cellName(1, r), jb.title); err != nil {
			return err
		}
	}
	for _, r := range []int{3, 4, 8, 15} {
		if err := f.SetCellStyle(sheet, cellName(1, r), cellName(1, r), jb.bold); err != nil {
			return err
		}
	}
	for i, h := range []string{"Critère", "Intitulé", "Coefficient", "Note maximale", "Description"} {
		if err := jb.text(sheet, cellName(i+1, row), h); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(sheet, cellName(1, row), cellName(5, row), jb.header); err != nil {
		return err
	}
	for _, c := range b.Criteria {
		row++
		vals := []any{c.Position, c.Label, c.Weight, c.Max, c.Description}
		for i, v := range vals {
			var err error
			if s, ok := v.(string); ok {
				err = jb.text(sheet, cellName(i+1, row), s)
			} else {
				err = f.SetCellValue(sheet, cellName(i+1, row), v)
			}
			if err != nil {
				return err
			}
		}
	}
	if err := f.SetCellStyle(sheet, "B9", cellName(2, 13), jb.locked); err != nil {
		return err
	}
	for col, w := range map[string]float64{"A": 18, "B": 90, "C": 12, "D": 14, "E": 60} {
		if err := f.SetColWidth(sheet, col, col, w); err != nil {
			return err
		}
	}
	return jb.protect(sheet)
}

// scores is the sheet the juror fills and the import reads.
func (jb *jurorBookWriter) scores() error {
	f, b := jb.f, jb.b
	sheet := data.JurorBookScoresSheet
	if _, err := f.NewSheet(sheet); err != nil {
		return err
	}
	header := append([]string(nil), jurorBookLead...)
	for _, c := range b.Criteria {
		header = append(header, CriterionHeader(c))
	}
	header = append(header, data.JurorBookJurorHeader, data.JurorBookCampaignHeader, data.JurorBookCheckHeader)
	for i, h := range header {
		if err := jb.text(sheet, cellName(i+1, 1), h); err != nil {
			return err
		}
	}
	last := len(header)
	if err := f.SetCellStyle(sheet, "A1", cellName(last, 1), jb.header); err != nil {
		return err
	}
	if err := f.SetRowHeight(sheet, 1, 60); err != nil {
		return err
	}
	lead, nc := len(jurorBookLead), len(b.Criteria)
	for i, d := range b.Dossiers {
		row := i + 2
		for j, v := range []string{d.Number, d.Structure, d.Title} {
			if err := jb.text(sheet, cellName(j+1, row), v); err != nil {
				return err
			}
		}
		for j, c := range b.Criteria {
			if s, ok := d.Scores[c.ID]; ok {
				if err := f.SetCellInt(sheet, cellName(lead+j+1, row), int64(s)); err != nil {
					return err
				}
			}
		}
		ident := []string{b.Juror.Name, b.CampaignCode, data.JurorBookCheck(b.CampaignCode, b.Juror.Name, d.Number)}
		for j, v := range ident {
			if err := jb.text(sheet, cellName(lead+nc+j+1, row), v); err != nil {
				return err
			}
		}
	}
	end := len(b.Dossiers) + 1
	if end > 1 {
		if err := f.SetCellStyle(sheet, "A2", cellName(lead, end), jb.locked); err != nil {
			return err
		}
		if err := f.SetCellStyle(sheet, cellName(lead+nc+1, 2), cellName(last, end), jb.locked); err != nil {
			return err
		}
		for j, c := range b.Criteria {
			if err := jb.scoreColumn(sheet, lead+j+1, end, c); err != nil {
				return err
			}
		}
	}
	widths := []float64{14, 30, 40}
	for range b.Criteria {
		widths = append(widths, 16)
	}
	widths = append(widths, 22, 12, 14)
	for i, w := range widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(sheet, col, col, w); err != nil {
			return err
		}
	}
	check, _ := excelize.ColumnNumberToName(last)
	if err := f.SetColVisible(sheet, check, false); err != nil {
		return err
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, XSplit: lead, YSplit: 1, TopLeftCell: cellName(lead+1, 2), ActivePane: "bottomRight",
		Selection: []excelize.Selection{{SQRef: cellName(lead+1, 2), ActiveCell: cellName(lead+1, 2), Pane: "bottomRight"}}}); err != nil {
		return err
	}
	return jb.protect(sheet)
}

// scoreColumn opens a criterion's cells to whole numbers from 0 to its maximum.
func (jb *jurorBookWriter) scoreColumn(sheet string, col, end int, c data.Criterion) error {
	from, to := cellName(col, 2), cellName(col, end)
	if err := jb.f.SetCellStyle(sheet, from, to, jb.open); err != nil {
		return err
	}
	dv := excelize.NewDataValidation(true)
	dv.SetSqref(from + ":" + to)
	if err := dv.SetRange(0, c.Max, excelize.DataValidationTypeWhole, excelize.DataValidationOperatorBetween); err != nil {
		return err
	}
	dv.SetError(excelize.DataValidationErrorStyleStop, "Note refusée", fmt.Sprintf("Le critère « %s » se note par un nombre entier de 0 à %d.", c.Label, c.Max))
	dv.SetInput(fmt.Sprintf("Critère %d", c.Position), fmt.Sprintf("Note entière de 0 à %d (coefficient %d).", c.Max, c.Weight))
	return jb.f.AddDataValidation(sheet, dv)
}

// deports lists the dossiers the juror stepped aside from: not scorable.
func (jb *jurorBookWriter) deports() error {
	f, b := jb.f, jb.b
	sheet := data.JurorBookDeportsSheet
	if _, err := f.NewSheet(sheet); err != nil {
		return err
	}
	header := []string{"Numéro", "Structure", "Intitulé du projet", "Motif du déport"}
	for i, h := range header {
		if err := jb.text(sheet, cellName(i+1, 1), h); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(sheet, "A1", "D1", jb.header); err != nil {
		return err
	}
	for i, d := range b.Deports {
		for j, v := range []string{d.Number, d.Structure, d.Title, d.Reason} {
			if err := jb.text(sheet, cellName(j+1, i+2), v); err != nil {
				return err
			}
		}
	}
	if len(b.Deports) == 0 {
		if err := jb.text(sheet, "A2", "Aucun déport déclaré."); err != nil {
			return err
		}
	}
	for col, w := range map[string]float64{"A": 14, "B": 30, "C": 40, "D": 40} {
		if err := f.SetColWidth(sheet, col, col, w); err != nil {
			return err
		}
	}
	return jb.protect(sheet)
}
