package reports

import (
	"fmt"
	"sort"

	"github.com/call-agglo/cohesion/data"
)

// SheetsTitle is the title of the scoring sheets.
const SheetsTitle = "Grilles d'évaluation"

// BlankJuror is how a blank sheet names its juror, to fill in by hand.
const BlankJuror = "Juré : ………………………………………………"

// ScoringSheets builds the printouts of one juror (nil: a blank set): a
// declaration of no conflict of interest listing the applications, then one
// page per application that goes to the jury, with its summary, the grid (a box
// per possible score), a total box, a comments area and a signature.
func ScoringSheets(in Input, juror *data.Juror) (*Document, error) {
	x, err := newCtx(&in)
	if err != nil {
		return nil, err
	}
	blocks, err := x.sheets(juror)
	if err != nil {
		return nil, err
	}
	return x.sheetsDoc(blocks), nil
}

// AllScoringSheets concatenates every juror's sheets (by ID), then a blank set.
func AllScoringSheets(in Input) (*Document, error) {
	x, err := newCtx(&in)
	if err != nil {
		return nil, err
	}
	var blocks []Block
	for i := 0; i <= len(x.jurors); i++ {
		var j *data.Juror
		if i < len(x.jurors) {
			j = &x.jurors[i]
		}
		b, err := x.sheets(j)
		if err != nil {
			return nil, err
		}
		if i > 0 {
			blocks = append(blocks, PageBreak{})
		}
		blocks = append(blocks, b...)
	}
	return x.sheetsDoc(blocks), nil
}

func (x *ctx) sheetsDoc(blocks []Block) *Document {
	return &Document{Kind: "sheets", Title: SheetsTitle + " — " + campaignName(x.c), Orientation: Portrait, GeneratedAt: x.gen,
		Footer: Footer{Left: x.footerLeft(), Centre: ConfidentialMention, PageNumbers: true, Date: true}, Blocks: blocks}
}

func (x *ctx) sheets(j *data.Juror) ([]Block, error) {
	var apps []*data.Application
	for _, a := range x.apps {
		if admissible(a) {
			apps = append(apps, a)
		}
	}
	if len(apps) == 0 {
		return nil, data.Errorf(data.EINVALID, "Aucun dossier recevable dans la campagne « %s » : il n'y a pas de grille à imprimer.", campaignName(x.c))
	}
	who := BlankJuror
	if j != nil {
		if data.Blank(j.Name) {
			who = "Juré : Juré n° " + fmt.Sprint(j.ID)
		} else {
			who = "Juré : " + j.Label()
		}
	}
	deport := map[int64]bool{}
	if j != nil {
		for id, ds := range x.deports {
			for _, d := range ds {
				if d.JurorID == j.ID {
					deport[id] = true
				}
			}
		}
	}
	bl := []Block{
		Heading{Level: 1, Text: "Déclaration d'absence de conflit d'intérêts"},
		Paragraph{Text: x.c.Organiser + " — appel à manifestation d'intérêt « " + x.c.Title + " » (" + campaignName(x.c) + ")", Size: 9},
		Paragraph{Text: who, Bold: true},
		Paragraph{Text: "Je soussigné(e) déclare n'avoir, directement ou indirectement, aucun intérêt personnel, professionnel, associatif ou familial dans les dossiers ci-dessous, à l'exception de ceux que je coche. Pour chaque dossier coché, je me déporte : je ne le note pas et je ne prends part ni à sa discussion ni au vote du jury."},
	}
	var items []string
	for _, a := range apps {
		it := a.Number + " — " + a.Structure.Name + " — « " + a.Title + " »"
		if deport[a.ID] {
			it += " (déport déclaré)"
		}
		items = append(items, it)
	}
	bl = append(bl, Boxes{Items: items},
		Signature{Lines: []string{"Fait à ………………………, le ………………", "Signature du juré"}})

	crit := append([]data.Criterion(nil), x.c.Criteria...)
	sort.SliceStable(crit, func(i, k int) bool { return crit[i].Position < crit[k].Position })
	var grid ScoreGrid
	den := 0
	for _, c := range crit {
		grid.Rows = append(grid.Rows, GridRow{Label: c.Label, Description: c.Description, Weight: c.Weight, Max: c.Max})
		den += c.Weight * c.Max
	}
	for _, a := range apps {
		bl = append(bl, PageBreak{},
			Heading{Level: 1, Text: "Grille d'évaluation — " + a.Number},
			Paragraph{Text: who, Bold: true},
			KeyValues{Pairs: [][2]string{
				{"Structure", a.Structure.Name},
				{"Projet", a.Title},
				{"Thématique", x.theme(a.ThemeID)},
				{"Quartiers prioritaires", x.qpvNames(a.QPVs)},
				{"Coût total / demandé", data.FormatEuros(a.TotalCents) + " / " + data.FormatEuros(a.RequestedCents)},
			}})
		if !data.Blank(a.Summary) {
			bl = append(bl, Heading{Level: 3, Text: "Résumé du projet"}, Paragraph{Text: a.Summary, Size: 9})
		}
		if deport[a.ID] {
			bl = append(bl, Notice{Text: "Vous avez déclaré un conflit d'intérêts pour ce dossier : vous ne le notez pas et ne prenez pas part à sa discussion."})
			continue
		}
		bl = append(bl, Heading{Level: 3, Text: "Notation (cochez une case par critère)"})
		if len(grid.Rows) == 0 {
			bl = append(bl, Notice{Text: "La grille d'évaluation de la campagne ne compte aucun critère."})
		} else {
			bl = append(bl, grid)
			if den > 0 {
				bl = append(bl, Paragraph{Text: fmt.Sprintf("Total sur 20 = 20 × Σ (poids × note) ÷ %d.", den), Size: 9})
			}
		}
		bl = append(bl, FreeArea{Label: "Total sur 20", Height: 10},
			FreeArea{Label: "Commentaires", Height: 30},
			Signature{Lines: []string{"Date : ………………", "Signature du juré"}})
	}
	return bl, nil
}
