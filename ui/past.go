package ui

import (
	"context"
	"unicode"
	"unicode/utf8"

	"github.com/call-agglo/cohesion/data"
)

// A structure's dossiers in the other campaigns of the base, said in one
// line, « déjà aidée : 2021 — 12 000,00 € accordés ; 2022 — refusé », in the
// register and on a dossier's form (issue 22).

// pastColumn is the register's column of that line: its text comes from the
// screen's structurePast, not from the row.
const pastColumn = "Déjà aidée"

// structurePast is the base's structures directory as the register shows
// it: read when the register is shown or a dossier saved (10 campaigns of
// 1 000 dossiers in a few tens of milliseconds), not on every keystroke of a
// search, which reloads only the rows.
type structurePast struct{ dir *data.Directory }

// load reads the directory again; on a failure the column stays empty, the
// register itself still works.
func (p *structurePast) load(ctx context.Context, st data.Structures) {
	ds, err := st.StructureDossiers(ctx)
	if err != nil {
		p.dir = nil
		return
	}
	p.dir = data.NewDirectory(ds)
}

// line is the dossier's history in the other campaigns, "" without one,
// led by the alert of loi 2000-321 art. 10 when its structure is barred.
func (p *structurePast) line(applicationID int64) string {
	if p.dir == nil {
		return ""
	}
	return alertedLine(p.dir.History(applicationID))
}

// barred reports whether the dossier's structure has a compte rendu
// financier overdue or refused in another campaign.
func (p *structurePast) barred(applicationID int64) bool {
	return p.dir != nil && data.CRFOverdueElsewhere(p.dir.History(applicationID))
}

// alertedLine is HistoryLine led by the structure's CRFAlert, if any:
// « CRF en retard — déjà aidée : 2021 — … ».
func alertedLine(history []data.StructureDossier) string {
	line := data.HistoryLine(history)
	if alert := data.CRFAlert(history); alert != "" {
		return alert + " — " + line
	}
	return line
}

// pastLine reads one stored dossier's history alone, for its form, and says
// whether its structure is barred.
func pastLine(ctx context.Context, st data.Structures, applicationID int64) (string, bool) {
	ds, err := st.StructureHistory(ctx, applicationID)
	if err != nil {
		return "", false
	}
	h := data.HistoryOf(ds, applicationID)
	return alertedLine(h), data.CRFOverdueElsewhere(h)
}

// upperFirst starts a line with a capital, as a sentence on its own does.
func upperFirst(s string) string {
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}
