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
	// Reference is the applicant's own number for a renumbered dossier.
	Reference string
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
	// Renumber gives every line that is not the update of its own dossier
	// the register's next free number, the file's number kept as the
	// dossier's Reference: the way in for a file whose numbers are other
	// applicants' dossiers (clashes), which is refused without it.
	Renumber bool
	// FromDS says the lines come from an export of démarches-simplifiées:
	// their number is the dossier's ID on the platform (see SameApplicant).
	FromDS bool
}

// ImportClash is a line of a file whose number the register holds for
// another applicant: never an update, whatever the options.
type ImportClash struct {
	Line     int    `json:"line"` // 1-based dossier of the file
	Number   string `json:"number"`
	Register string `json:"register"` // the applicant the register holds, « Nom (SIRET …) »
	File     string `json:"file"`     // the file's applicant, likewise
}

// String names the clash side by side: « AMI2021-001 : au registre
// Association Vivre à Méricourt (SIRET …), dans le fichier Vélo Solidaire
// Avion (SIRET …) ».
func (c ImportClash) String() string {
	return c.Number + " : au registre " + c.Register + ", dans le fichier " + c.File
}

// ClashError refuses an import with clashes: nothing is written. Its
// Clashes let a window offer to renumber.
type ClashError struct{ Clashes []ImportClash }

// ClashOption names the way out in both front ends.
const ClashOption = "Donner aux dossiers du fichier les numéros suivants du registre"

func (e *ClashError) Error() string {
	var b strings.Builder
	n := len(e.Clashes)
	b.WriteString(Count(n, "numéro du fichier désigne", "numéros du fichier désignent") + " au registre le dossier d'un autre porteur ; " +
		Plural(n, "ce n'est pas une mise à jour", "ce ne sont pas des mises à jour") + " :\n")
	for _, c := range e.Clashes {
		b.WriteString("  " + c.String() + "\n")
	}
	b.WriteString("Rien n'a été importé. Pour leur donner les numéros suivants du registre, en gardant le numéro du fichier comme référence du porteur, relancez l'import avec --renumber (ou cochez « " + ClashOption + " » dans l'assistant d'import).")
	return b.String()
}

// ErrorCode makes a clash a conflict with the register.
func (e *ClashError) ErrorCode() string { return ECONFLICT }

// Applicant names a dossier's applicant for a clash: its name, and its
// SIRET when it has one.
func (a *Application) Applicant() string {
	name := a.Structure.Name
	if Blank(name) {
		name = "(sans nom)"
	}
	if siret := NormalizeSIRET(a.Structure.SIRET); siret != "" {
		return name + " (SIRET " + siret + ")"
	}
	return name + " (sans SIRET)"
}

// SameApplicant reports whether a file's line, bearing the number of held
// in the register, is that same dossier, which it may then update. For an
// export of démarches-simplifiées the number is the platform's dossier ID:
// a dossier that came from it (it has a platform state) is the same. Else
// both SIRETs, when both are given, must match; without them, the
// structures' names, folded (case, accents, spaces).
func SameApplicant(held, line *Application, fromDS bool) bool {
	if fromDS && held.ExternalState != "" {
		return true
	}
	a, b := NormalizeSIRET(held.Structure.SIRET), NormalizeSIRET(line.Structure.SIRET)
	if a != "" && b != "" {
		return a == b
	}
	return FoldKey(held.Structure.Name) == FoldKey(line.Structure.Name)
}

// Renumbering is a line an import gave the register's next number.
type Renumbering struct {
	Reference string `json:"reference"` // the file's number, kept on the dossier
	Number    string `json:"number"`    // the register's
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
	// Renumbered are the lines given the register's next numbers (Renumber).
	Renumbered []Renumbering `json:"renumbered,omitempty"`
	Late       int           `json:"-"` // new dossiers received after the deadline, declared irrecevable
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
	for _, r := range s.Renumbered {
		if r.Reference == "" {
			continue
		}
		out = append(out, fmt.Sprintf("  %s du fichier → %s (gardé comme référence du porteur)", r.Reference, r.Number))
	}
	for _, ch := range s.Changes {
		if !withChanges {
			break
		}
		out = append(out, fmt.Sprintf("  %s — %s : %s → %s", ch.Number, ch.Field, Quoted(ch.Old), Quoted(ch.New)))
	}
	if len(s.Absent) > 0 {
		out = append(out, Count(len(s.Absent), "dossier du registre absent du fichier, gardé tel quel", "dossiers du registre absents du fichier, gardés tels quels")+
			" : "+strings.Join(s.Absent, ", "))
	}
	return out
}

// Quoted puts a value of a report between French quotes, or says « (vide) »
// for none: « «  » » reads as a typo.
func Quoted(v string) string {
	if strings.TrimSpace(v) == "" {
		return "(vide)"
	}
	return "« " + v + " »"
}
