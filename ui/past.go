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

// line is the dossier's history in the other campaigns, "" without one.
func (p *structurePast) line(applicationID int64) string {
	if p.dir == nil {
		return ""
	}
	return data.HistoryLine(p.dir.History(applicationID))
}

// pastLine reads one stored dossier's history alone, for its form.
func pastLine(ctx context.Context, st data.Structures, applicationID int64) string {
	ds, err := st.StructureHistory(ctx, applicationID)
	if err != nil {
		return ""
	}
	return data.HistoryLine(data.HistoryOf(ds, applicationID))
}

// upperFirst starts a line with a capital, as a sentence on its own does.
func upperFirst(s string) string {
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}
