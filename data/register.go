package data

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
)

// Row is one line of the register: what the table, the CLI listing and the
// exports show, without the long texts.
type Row struct {
	ID          int64
	Number      string
	Received    time.Time
	Structure   string
	SIRET       string
	Title       string
	ThemeID     int64
	Theme       string
	QPVs        []string
	Commune     string // INSEE code
	CommuneName string
	// Address (street lines), PostalCode and Town are the head office's
	// (Structure.PostalAddress): no letter can be posted to a dossier
	// without its postal code or town.
	Address, PostalCode, Town string
	TotalCents                int64
	RequestedCents            int64
	Status                    Status
	Late                      bool
	// Pieces are the documents received, in checklist order.
	Pieces []Document
	// Exemption is the reason of a recevabilité granted with required pièces
	// missing ("" when none was needed).
	Exemption string
	// Overridden is the note of a jury's decision recorded with force on the
	// dossier while it was not declared recevable ("" otherwise).
	Overridden string
}

// Declared reports whether the instruction declared the dossier recevable:
// a status that says so, reached without passing over the instruction.
func (r *Row) Declared() bool { return r.Status.Admissible() && r.Overridden == "" }

// Lacks reports whether the document d is still missing from the dossier.
func (r *Row) Lacks(d Document) bool {
	for _, p := range r.Pieces {
		if p == d {
			return false
		}
	}
	return true
}

// Irrecevable reports whether the row is out of the jury's reach: declared
// inadmissible or withdrawn.
func (r *Row) Irrecevable() bool { return r.Status == StatusIrrecevable || r.Status == StatusSansSuite }

// Filter narrows the register. Zero values mean « all ».
type Filter struct {
	Search string // number, structure, title or SIRET; accents and case ignored
	Status Status
	// Statuses keeps the dossiers in any of these statuses (« en instruction »
	// is reçu, complet or incomplet); nil: any.
	Statuses []Status
	ThemeID  int64
	QPV      string // code
	Commune  string // INSEE code
	// Missing keeps the dossiers still lacking that document (« sans RIB »).
	Missing Document
	Sort    SortKey
	Desc    bool
}

// SortKey names a sortable column of the register.
type SortKey string

// Sortable columns.
const (
	SortNumber    SortKey = "number"
	SortReceived  SortKey = "received"
	SortStructure SortKey = "structure"
	SortTitle     SortKey = "title"
	SortTheme     SortKey = "theme"
	SortCommune   SortKey = "commune"
	SortTotal     SortKey = "total"
	SortRequested SortKey = "requested"
	SortStatus    SortKey = "status"
)

// Totals sums a listing for the register's footer.
type Totals struct {
	Count          int
	RequestedCents int64
	TotalCents     int64
}

// ImportLines are the lines of an import, handed out one at a time: a file of
// 100 000 lines is kept as its cells and each line becomes an Application
// when the store writes it, not all at once (that would hold them all).
type ImportLines interface {
	Len() int
	// Line returns line i (0-based) as a new Application: the caller may
	// change it, the next call gives the line as it was.
	Line(i int) Application
	// Number is Line(i).Number, without making the whole line.
	Number(i int) string
}

// LinesOf serves applications already in memory as ImportLines.
func LinesOf(apps []Application) ImportLines { return appLines(apps) }

type appLines []Application

func (l appLines) Len() int            { return len(l) }
func (l appLines) Number(i int) string { return l[i].Number }
func (l appLines) Line(i int) Application {
	a := l[i]
	a.QPVs = slices.Clone(a.QPVs)
	a.Cofinancing = slices.Clone(a.Cofinancing)
	a.Documents = maps.Clone(a.Documents)
	a.History = slices.Clone(a.History)
	return a
}

// ImportOptions choose how an import of applications treats the register.
type ImportOptions struct {
	// DryRun runs every check, against the base too, and writes nothing.
	DryRun bool
	// Update lets a file's numbers that are already in the register update
	// those dossiers; without it such a file is refused whole.
	Update bool
	// Fields are the fields the file provides (Field* keys): an update changes
	// only those, never the instruction's own work.
	Fields []string
}

// FieldChange is one field an import changed on a dossier already in the register.
type FieldChange struct {
	Number string `json:"number"`
	Field  string `json:"field"`
	Old    string `json:"old"`
	New    string `json:"new"`
}

// ImportSummary is what an import of applications did (or, dry, would do).
type ImportSummary struct {
	Created   int           `json:"created"`
	Updated   int           `json:"updated"`
	Unchanged int           `json:"unchanged"`
	Absent    []string      `json:"absent"` // numbers in the register the file does not hold (with Update)
	Changes   []FieldChange `json:"changes"`
	Late      int           `json:"-"` // new dossiers received after the deadline, declared irrecevable
}

// Counts says, in French, how many dossiers an import created, updated and
// left as they were: « 3 dossiers créés, 1 mis à jour, 2 inchangés ».
func (s ImportSummary) Counts() string {
	return Count(s.Created, "dossier créé", "dossiers créés") + ", " + FormatInt(int64(s.Updated)) + " mis à jour, " +
		Count(s.Unchanged, "inchangé", "inchangés")
}

// Details are the French lines that follow the counts: the dossiers declared
// late, each field changed (withChanges), the dossiers the file no longer
// holds.
func (s ImportSummary) Details(withChanges bool) []string {
	var out []string
	if s.Late > 0 {
		out = append(out, Count(s.Late, "dossier hors délai, déclaré irrecevable.", "dossiers hors délai, déclarés irrecevables."))
	}
	for _, ch := range s.Changes {
		if !withChanges {
			break
		}
		out = append(out, fmt.Sprintf("  %s — %s : « %s » → « %s »", ch.Number, ch.Field, ch.Old, ch.New))
	}
	if len(s.Absent) > 0 {
		out = append(out, Count(len(s.Absent), "dossier du registre absent du fichier, gardé tel quel", "dossiers du registre absents du fichier, gardés tels quels")+
			" : "+strings.Join(s.Absent, ", "))
	}
	return out
}
