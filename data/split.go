package data

import (
	"fmt"
	"time"
)

// The vocabulary of a budget split (« répartition de l'enveloppe »). The rules
// that compute a split live in package alloc; these types are what a saved
// scenario holds, so the store can persist one without knowing the rules.

// SplitMethod is a way of sharing the envelope.
type SplitMethod string

// The methods of répartition.
const (
	// MethodRank walks the candidates in ranking order; each takes as much as it
	// can (its cap, or what is left), until the envelope runs out.
	MethodRank SplitMethod = "rank"
	// MethodProportional shares the envelope in proportion to score × cap.
	MethodProportional SplitMethod = "proportional"
	// MethodUniform gives every candidate the same percentage of its cap.
	MethodUniform SplitMethod = "uniform"
)

// Label is the French name of a method: « Rang », « Proportionnel », « Uniforme ».
func (m SplitMethod) Label() string {
	switch m {
	case MethodRank:
		return "Rang"
	case MethodProportional:
		return "Proportionnel"
	case MethodUniform:
		return "Uniforme"
	}
	return string(m)
}

// Description explains a method in one French sentence, for a tooltip or a PDF.
func (m SplitMethod) Description() string {
	switch m {
	case MethodRank:
		return "Dans l'ordre du classement, chaque projet reçoit son plafond tant que l'enveloppe le permet."
	case MethodProportional:
		return "L'enveloppe est partagée en proportion de la note finale multipliée par le plafond de chaque projet."
	case MethodUniform:
		return "Chaque projet reçoit le même pourcentage de son plafond."
	}
	return ""
}

// SplitParams are the settings of one scenario of répartition.
type SplitParams struct {
	Method        SplitMethod
	EnvelopeCents int64 // the envelope E, ≥ 0
	StepCents     int64 // rounding step s, > 0: every computed grant is a multiple of it
	MinCents      int64 // minimum grant m, ≥ 0: a computed grant below it becomes 0
	CapPercent    int   // cap p, in % of the project's total cost: 1 to 100
	// Partial allows the Rank method to give a candidate less than its cap (what
	// is left of the envelope). Without it, a candidate gets its cap or nothing.
	// The other methods ignore it.
	Partial bool
}

// Validate checks the parameters and returns the first problem as a French
// *Error (code EINVALID). The cap may not exceed 100 % of the total cost: the
// agglomeration never funds more than a project costs.
func (p SplitParams) Validate() error {
	switch p.Method {
	case MethodRank, MethodProportional, MethodUniform:
	case "":
		return Errorf(EINVALID, "Méthode de répartition manquante : choisissez Rang, Proportionnel ou Uniforme.")
	default:
		return Errorf(EINVALID, "Méthode de répartition inconnue « %s » : choisissez Rang, Proportionnel ou Uniforme.", string(p.Method))
	}
	switch {
	case p.EnvelopeCents < 0:
		return Errorf(EINVALID, "L'enveloppe ne peut pas être négative.")
	case p.EnvelopeCents > MaxCents:
		return Errorf(EINVALID, "L'enveloppe est trop élevée (au plus %s).", FormatEuros(MaxCents))
	case p.StepCents <= 0:
		return Errorf(EINVALID, "Le pas d'arrondi doit être d'au moins 0,01 €.")
	case p.StepCents > MaxCents:
		return Errorf(EINVALID, "Le pas d'arrondi est trop élevé (au plus %s).", FormatEuros(MaxCents))
	case p.MinCents < 0:
		return Errorf(EINVALID, "Le montant minimum d'une subvention ne peut pas être négatif.")
	case p.MinCents > MaxCents:
		return Errorf(EINVALID, "Le montant minimum d'une subvention est trop élevé (au plus %s).", FormatEuros(MaxCents))
	case p.CapPercent < 1 || p.CapPercent > 100:
		return Errorf(EINVALID, "Le plafond doit être compris entre 1 %% et 100 %% du coût total du projet (valeur donnée : %d %%).", p.CapPercent)
	}
	return nil
}

// SplitReason says, in one word, why a line got what it got.
type SplitReason string

// The reasons of a line.
const (
	ReasonLocked    SplitReason = "locked"     // amount typed by hand
	ReasonFull      SplitReason = "full"       // the candidate got its cap (> 0)
	ReasonPartial   SplitReason = "partial"    // more than 0, less than the cap
	ReasonBelowMin  SplitReason = "below_min"  // its share was below the minimum grant
	ReasonExhausted SplitReason = "exhausted"  // the envelope ran out before it
	ReasonNoFit     SplitReason = "no_fit"     // Rank without partial funding: its cap did not fit in what was left
	ReasonNoCap     SplitReason = "no_cap"     // its cap is 0 (nothing requested, or less than one step)
	ReasonZeroScore SplitReason = "zero_score" // Proportional: a final score of 0 weighs nothing
	ReasonBelowStep SplitReason = "below_step" // the envelope left to share is smaller than one rounding step
)

// Label is the French label of a reason, for a table or a PDF.
func (r SplitReason) Label() string {
	switch r {
	case ReasonLocked:
		return "Montant fixé à la main"
	case ReasonFull:
		return "Plafond atteint"
	case ReasonPartial:
		return "Financement partiel"
	case ReasonBelowMin:
		return "Part inférieure au montant minimum"
	case ReasonExhausted:
		return "Enveloppe épuisée"
	case ReasonNoFit:
		return "Ne tient pas dans le reste de l'enveloppe"
	case ReasonNoCap:
		return "Plafond nul"
	case ReasonZeroScore:
		return "Note nulle"
	case ReasonBelowStep:
		return "Enveloppe inférieure au pas d'arrondi"
	}
	return string(r)
}

// SplitLine is the grant of one candidate.
type SplitLine struct {
	ID             int64
	Number         string
	Rank           int
	RequestedCents int64
	CapCents       int64 // the cap: a locked amount may exceed it, up to the raw cap
	AmountCents    int64 // the grant
	Locked         bool
	Reason         SplitReason
}

// SplitResult is one répartition.
type SplitResult struct {
	Method         SplitMethod
	Params         SplitParams // the parameters used
	EnvelopeCents  int64
	TotalCents     int64 // Σ of the lines' amounts, locked lines included
	RemainderCents int64 // the reliquat: EnvelopeCents − TotalCents, ≥ 0
	LockedCents    int64 // Σ of the locked lines
	Funded         int   // lines with an amount > 0
	Lines          []SplitLine
}

// ScenarioInfo describes a saved scenario.
type ScenarioInfo struct {
	ID             int64
	Name           string
	Params         SplitParams
	TotalCents     int64
	RemainderCents int64
	// Fingerprint names the inputs (ranking, decisions, amounts) the lines were
	// computed from: a scenario whose fingerprint differs from the current one
	// needs recomputing.
	Fingerprint string
	UpdatedAt   time.Time
	AdoptedAt   time.Time // zero unless adopted
	AdoptedBy   string
}

// Adopted reports whether this is the campaign's adopted scenario.
func (s ScenarioInfo) Adopted() bool { return !s.AdoptedAt.IsZero() }

// Scenario is a saved scenario with its locked amounts and computed lines.
type Scenario struct {
	ScenarioInfo
	Locks map[int64]int64 // application ID → amount fixed by hand
	Lines []SplitLine
}

// Result turns a saved scenario back into the split's result.
func (s *Scenario) Result() *SplitResult {
	r := &SplitResult{Method: s.Params.Method, Params: s.Params, EnvelopeCents: s.Params.EnvelopeCents,
		TotalCents: s.TotalCents, RemainderCents: s.RemainderCents, Lines: s.Lines}
	for _, l := range s.Lines {
		if l.Locked {
			r.LockedCents += l.AmountCents
		}
		if l.AmountCents > 0 {
			r.Funded++
		}
	}
	return r
}

// ScenarioEvent is one line of a scenario's history.
type ScenarioEvent struct {
	At     time.Time
	User   string
	Action string
	Detail string
}

// AdoptedChangeError refuses to overwrite the adopted scenario without an
// explicit action: the council's annex prints it.
type AdoptedChangeError struct{ Name string }

// ErrorCode makes it a conflict for ErrorCode.
func (e *AdoptedChangeError) ErrorCode() string { return ECONFLICT }

func (e *AdoptedChangeError) Error() string {
	return fmt.Sprintf("Le scénario « %s » est adopté : le modifier demande une confirmation explicite, qui sera enregistrée.", e.Name)
}
