package ui

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/export"
	"github.com/call-agglo/cohesion/data/files"
	"github.com/call-agglo/cohesion/reports/gather"
)

// writeOutput writes a file the user chose, once it is known not to be the
// base or one of its backups, atomically: a failure leaves what was there.
func (e screenEnv) writeOutput(path string, k files.Kind, content []byte) error {
	if err := e.checkOutput(path, k); err != nil {
		return err
	}
	return files.Write(path, content, 0o644)
}

// writeExport writes a table as .xlsx or .csv (SCDL: the schema's CSV).
func (e screenEnv) writeExport(path, what string, t export.Table) error {
	if err := e.checkOutput(path, files.Table); err != nil {
		return err // before encoding: the extension says how
	}
	b, err := gather.EncodeExport(path, what, t)
	if err != nil {
		return err
	}
	return e.writeOutput(path, files.Table, b)
}

// exportTable asks where to write, then writes the table in the chosen
// format: the menu « Fichier › Exporter ».
func exportTable(ctx context.Context, env screenEnv, what string) {
	c := env.campaign()
	t, err := gather.ExportTable(ctx, env.snapshots(), c, what, "")
	if err != nil {
		env.showError(err)
		return
	}
	name := map[string]string{"applications": "registre", "ranking": "classement", "allocation": "repartition", "scdl": "subventions-scdl"}[what]
	filter := fileFilter{"Classeur Excel ou CSV", []string{".xlsx", ".csv"}}
	if what == "scdl" {
		name, filter = name+"-"+c.Code+".csv", fileFilter{"Fichier CSV", []string{".csv"}}
	} else {
		name += "-" + c.Code + ".xlsx"
	}
	env.saveFile("Exporter", name, filter, func(path string) {
		if err := env.writeExport(path, what, t); err != nil {
			env.showError(err)
			return
		}
		env.inform("Export", fmt.Sprintf("%s dans\n%s", data.Count(len(t.Rows), "ligne exportée", "lignes exportées"), displayPath(path)))
	})
}

// leftoversRemoved removes, through remove, what interrupted operations left
// beside the base (copies holding personal data among them) and names them,
// for the purge's message; those removed when the window opened the base are
// named too.
func leftoversRemoved(remove func() []string) string {
	left := remove()
	if len(left) == 0 {
		return ""
	}
	for i, f := range left {
		left[i] = displayPath(f)
	}
	return "\nFichiers laissés par une opération interrompue, supprimés :\n" + strings.Join(left, "\n")
}

// showPersonalData offers the purge of expired personal data and the export
// of everything held about one person (« Fichier › Données personnelles… »).
// removeLeftovers removes what interrupted operations left beside the base
// (see leftoversRemoved); afterPurge shows the screen again.
func showPersonalData(env screenEnv, removeLeftovers func() []string, afterPurge func()) {
	who := widget.NewEntry()
	who.SetPlaceHolder("Nom, courriel ou téléphone")
	exportBtn := widget.NewButton("Exporter ses données…", func() {
		rec, err := env.personal().PersonData(context.Background(), who.Text)
		if err != nil {
			env.showError(err)
			return
		}
		b, _ := json.MarshalIndent(rec, "", "  ")
		env.saveFile("Exporter les données personnelles", "donnees-personnelles.json", fileFilter{"Fichier JSON", []string{".json"}}, func(path string) {
			if err := env.writeOutput(path, files.JSON, append(b, '\n')); err != nil {
				env.showError(err)
			}
		})
	})
	purgeBtn := widget.NewButton("Purger les données échues…", func() {
		ctx := context.Background()
		preview, err := env.personal().PurgeExpired(ctx, true)
		if err != nil {
			env.showError(err)
			return
		}
		if len(preview) == 0 {
			env.inform("Données personnelles", "Aucune campagne n'a dépassé sa durée de conservation."+leftoversRemoved(removeLeftovers))
			return
		}
		var lines []string
		for _, p := range preview {
			lines = append(lines, fmt.Sprintf("%s (échue le %s) : %s, %s", p.Code, p.RetentionEnd.Format(),
				data.Count(p.Structures, "structure", "structures"), data.Count(p.Jurors, "juré", "jurés")))
		}
		env.confirm("Purger les données personnelles", "Purger", "Annuler",
			widget.NewLabel("Effacer les noms des contacts, courriels et téléphones de :\n"+strings.Join(lines, "\n")+"\n\nCette opération est définitive."),
			func(ok bool) {
				if !ok {
					return
				}
				purged, err := env.personal().PurgeExpired(ctx, false)
				if err != nil {
					env.showError(err)
					return
				}
				afterPurge()
				msg := "Données personnelles purgées."
				if len(purged) > 0 && len(purged[0].RemovedBackups) > 0 {
					msg += "\nSauvegardes supprimées car elles contenaient ces données : " + strings.Join(purged[0].RemovedBackups, ", ")
				}
				env.inform("Données personnelles", msg+leftoversRemoved(removeLeftovers))
			})
	})
	help := widget.NewLabel("Les coordonnées des contacts sont conservées " + fmt.Sprint(env.campaign().RetentionMonths) +
		" mois après la délibération (réglage de la campagne), puis purgées.")
	help.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom("Données personnelles (RGPD)", "Fermer", container.NewVBox(help, who, exportBtn, widget.NewSeparator(), purgeBtn), env.win())
	d.Resize(fyne.NewSize(560, 300))
	env.showDialog(d, nil)
}
