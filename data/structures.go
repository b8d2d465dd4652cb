package data

import (
	"context"
	"sort"
	"strconv"
	"strings"
)

// The structures across campaigns (issue 22): the same associations apply
// year after year; the jury wants to know what each received before and
// whether it justified it. Each dossier keeps the identity its applicant
// declared in it: the directory groups dossiers, it never rewrites them.

// Structures is the directory's reading of the base.
type Structures interface {
	// StructureDossiers lists every dossier of every campaign, in campaign
	// then number order, read in one transaction.
	StructureDossiers(ctx context.Context) ([]StructureDossier, error)
	// StructureHistory lists the dossiers, in every campaign, of the
	// structure that applied with the dossier applicationID (that one
	// included), read in one transaction; see HistoryOf.
	StructureHistory(ctx context.Context, applicationID int64) ([]StructureDossier, error)
}

// StructureDossier is one dossier as the directory lists it.
type StructureDossier struct {
	ApplicationID int64
	CampaignID    int64
	CampaignCode  string
	CampaignYear  int // its launch's year (else its deadline's, else its creation's)
	Number        string
	Status        Status
	// The identity as the applicant declared it in this dossier.
	Name, SIRET, RNA string
	// GrantedCents is the dossier's line of its campaign's adopted scenario
	// (Granted); 0 when none.
	GrantedCents int64
	// PaidCents, CRFStatus and CRFOverdue come from the follow-up of the
	// grant (payments, compte rendu financier), as data/followup decides
	// them on the day of the reading; 0, "" and false without a grant.
	PaidCents  int64
	CRFStatus  CRFStatus
	CRFOverdue bool
}

// Granted is what a dossier was granted: its line of the adopted scenario,
// unless it left the procedure or the jury did not retain it.
func Granted(s Status, adoptedCents int64) int64 {
	switch s {
	case StatusNonRetenu, StatusAjourne, StatusIrrecevable, StatusSansSuite:
		return 0
	}
	return adoptedCents
}

// StructureKey is what makes two dossiers one structure's: the SIRET, else the
// RNA number, else the name folded (case, accents, spaces and punctuation
// ignored).
func StructureKey(siret, rna, name string) string {
	switch {
	case siret != "":
		return "siret:" + siret
	case rna != "":
		return "rna:" + rna
	}
	return "nom:" + FoldKey(name)
}

// Key is the dossier's StructureKey.
func (d *StructureDossier) Key() string { return StructureKey(d.SIRET, d.RNA, d.Name) }

// StructureEntry is one structure of the directory with its dossiers.
type StructureEntry struct {
	Key string
	// SIRET, RNA and Name as last declared: the name of its latest dossier,
	// the last SIRET and RNA given.
	SIRET, RNA, Name string
	Dossiers         []StructureDossier // in the order listed: campaign, then number
}

// Directory is the structures of a base, each dossier found by its ID.
type Directory struct {
	Entries []StructureEntry // by name, accents and case ignored
	byApp   map[int64]int    // application ID → index in Entries
}

// NewDirectory groups dossiers (as StructureDossiers lists them) by structure.
func NewDirectory(ds []StructureDossier) *Directory {
	dir := &Directory{byApp: make(map[int64]int, len(ds))}
	at := map[string]int{}
	for _, d := range ds {
		k := d.Key()
		i, ok := at[k]
		if !ok {
			i = len(dir.Entries)
			at[k] = i
			dir.Entries = append(dir.Entries, StructureEntry{Key: k})
		}
		e := &dir.Entries[i]
		e.Dossiers = append(e.Dossiers, d)
		e.Name = d.Name
		if d.SIRET != "" {
			e.SIRET = d.SIRET
		}
		if d.RNA != "" {
			e.RNA = d.RNA
		}
	}
	dir.sortByName()
	return dir
}

// sortByName orders the entries for people (accents and case ignored, each
// name folded once), then indexes their dossiers.
func (dir *Directory) sortByName() {
	keys := make(map[string]string, len(dir.Entries))
	for _, e := range dir.Entries {
		keys[e.Key] = FoldKey(e.Name)
	}
	sort.SliceStable(dir.Entries, func(i, j int) bool {
		a, b := &dir.Entries[i], &dir.Entries[j]
		if ka, kb := keys[a.Key], keys[b.Key]; ka != kb {
			return ka < kb
		}
		return a.Name < b.Name
	})
	for i, e := range dir.Entries {
		for _, d := range e.Dossiers {
			dir.byApp[d.ApplicationID] = i
		}
	}
}

// History is the dossier's structure's dossiers in the other campaigns.
func (dir *Directory) History(applicationID int64) []StructureDossier {
	i, ok := dir.byApp[applicationID]
	if !ok {
		return nil
	}
	return HistoryOf(dir.Entries[i].Dossiers, applicationID)
}

// HistoryOf keeps, of a structure's dossiers, those of the campaigns other
// than the dossier applicationID's: what the structure did before (or after).
func HistoryOf(ds []StructureDossier, applicationID int64) []StructureDossier {
	campaign := int64(-1)
	for _, d := range ds {
		if d.ApplicationID == applicationID {
			campaign = d.CampaignID
		}
	}
	out := []StructureDossier{}
	for _, d := range ds {
		if d.CampaignID != campaign {
			out = append(out, d)
		}
	}
	return out
}

// CRFOverdueElsewhere reports whether a structure's history holds a compte
// rendu financier overdue or refused: a new grant is then forbidden (loi
// 2000-321 art. 10). The one place that decides it from the history.
func CRFOverdueElsewhere(history []StructureDossier) bool {
	return len(CRFUnjustified(history)) > 0
}

// CRFUnjustified keeps, of a structure's history, the dossiers whose compte
// rendu financier is overdue or refused: those CRFOverdueElsewhere counts.
func CRFUnjustified(history []StructureDossier) []StructureDossier {
	var out []StructureDossier
	for _, d := range history {
		if d.CRFOverdue || d.CRFStatus == CRFRefused {
			out = append(out, d)
		}
	}
	return out
}

// HistoryLine says in one line what a structure did in other campaigns:
// « déjà aidée : 2021 — 12 000,00 € accordés ; 2022 — refusé »; « déjà
// candidate : … » when nothing was granted; "" without history.
func HistoryLine(history []StructureDossier) string {
	if len(history) == 0 {
		return ""
	}
	parts := make([]string, len(history))
	aided := false
	for i, d := range history {
		parts[i] = d.yearLabel() + " — " + d.outcome()
		aided = aided || d.GrantedCents > 0
	}
	head := "déjà candidate : "
	if aided {
		head = "déjà aidée : "
	}
	return head + strings.Join(parts, " ; ")
}

// yearLabel names the dossier's campaign by its year, by its code when
// undated.
func (d *StructureDossier) yearLabel() string {
	if d.CampaignYear == 0 {
		return d.CampaignCode
	}
	return strconv.Itoa(d.CampaignYear)
}

// outcome is how the dossier ended, or that it is still going.
func (d *StructureDossier) outcome() string {
	var s string
	switch {
	case d.GrantedCents > 0:
		s = FormatEuros(d.GrantedCents) + " accordés"
	case d.Status == StatusNonRetenu:
		s = "refusé"
	case d.Status == StatusRetenu, d.Status == StatusAjourne, d.Status == StatusIrrecevable, d.Status == StatusSansSuite:
		s = strings.ToLower(d.Status.Label())
	default:
		s = "en cours"
	}
	switch {
	case d.CRFOverdue:
		s += ", CRF en retard"
	case d.CRFStatus != "":
		s += ", CRF " + d.CRFStatus.Label()
	}
	return s
}
