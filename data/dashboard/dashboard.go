// Package dashboard computes the figures of the « Tableau de bord », the first
// screen: the campaign's calendar and where today stands in it, the register
// by status and by missing piece, the jury's progress, the envelope, and the
// amounts charts. Compute is a pure function of a campaign.View: the screen
// draws what it returns, the tests check it against the register.
package dashboard

import (
	"strconv"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/campaign"
	"github.com/call-agglo/cohesion/data/chart"
	"github.com/call-agglo/cohesion/data/jury"
)

// Figures are what the dashboard shows.
type Figures struct {
	Today   data.Date
	Steps   []Step
	Next    int // index in Steps of the next step to come, -1 when all are past
	Current int // index of the step under way today, -1 when none
	Counts  Counts
	Missing []Missing // per piece of the checklist, those lacking in some admissible dossier
	Undated int       // dossiers without a deposit date
	Jurors  []JurorProgress
	Discuss []string // numbers of the ranked dossiers flagged « à discuter »
	// Pending are the numbers of the dossiers still in instruction, which
	// the jury does not rank (« à instruire »).
	Pending  []string
	Envelope Envelope
	Charts   []chart.Chart // by theme, by QPV, by commune
	// SplitError says why the current split could not be computed ("" when it was).
	SplitError string
	Across     *Across // the other campaigns: the structures barred, the comparison with the source
}

// Step is one milestone of the calendar; From == To for a single day.
type Step struct {
	Label    string
	From, To data.Date
}

// Counts are the register by stage of the procedure.
type Counts struct {
	Received     int // every dossier
	Instruction  int // reçu, complet or incomplet: not yet declared recevable or not
	Admissible   int // recevable, or decided by the jury
	Inadmissible int // irrecevable or sans suite
	Ranked       int // ranked by the jury's rules: some of the Admissible ones, never more
	Decided      int // with a recorded decision
}

// The statuses of each stage are the register's own (data): the jury ranks
// the Admissible ones only, so « classés » never exceeds « recevables ».
var (
	InstructionStatuses  = data.InstructionStatuses
	AdmissibleStatuses   = data.AdmissibleStatuses
	InadmissibleStatuses = data.InadmissibleStatuses
)

// Missing counts the dossiers in the running lacking one piece: the
// register's truth, which the tile opens. Exempted of them were declared
// recevable with a written exemption: checked, the piece still to come.
type Missing struct {
	Document data.Document
	Count    int
	Exempted int
}

// JurorProgress is how far one juror's sheets are: Done complete sheets out of
// Expected (the admissible dossiers, less the juror's déports).
type JurorProgress struct {
	Juror    data.Juror
	Done     int
	Expected int
	Deports  int
}

// Envelope is the money: what the dossiers declared recevable request (and
// the whole register), what the current split proposes, what the adopted
// scenario grants, and the reliquat (of the adopted scenario when there is
// one, else of the proposal). Each amount comes with the number of dossiers
// it counts, so that a reader can tell what it adds up.
type Envelope struct {
	Envelope, Requested, Proposed, Adopted, Remainder int64
	// RequestedCount dossiers declared recevable request Requested; the
	// register, RegisterCount dossiers whatever their status, Register.
	RequestedCount, RegisterCount int
	Register                      int64
	ProposedCount, AdoptedCount   int // dossiers granted an amount
	HasAdopted                    bool
	Scenario                      string // the current scenario's name, "" for the default parameters
}

// Compute derives the figures from a view (loaded with the current scenario,
// campaign.LoadCurrent) on day today.
func Compute(v *campaign.View, today data.Date) *Figures {
	f := &Figures{Today: today}
	f.Steps = steps(v.Campaign)
	f.Current, f.Next = where(f.Steps, today)
	admissible := f.count(v)
	f.Jurors = progress(v, admissible)
	for _, r := range v.Pending {
		f.Pending = append(f.Pending, r.Number)
	}
	for _, r := range v.Ranked {
		if r.Rank > 0 && r.HasFlag(jury.FlagDiscuss) {
			f.Discuss = append(f.Discuss, r.Number)
		}
	}
	proposed := f.money(v)
	// The charts share out what « Demandé » counts: the dossiers declared
	// recevable, as BarFilter lists them.
	var declared []data.Row
	for _, r := range v.Rows {
		if r.Status.Admissible() {
			declared = append(declared, r)
		}
	}
	xs := chart.AmountsOf(declared, proposed)
	f.Charts = []chart.Chart{chart.ByTheme(v.Campaign, xs), chart.ByQPV(v.Campaign, xs), chart.ByCommune(v.Campaign, xs)}
	f.Across = AcrossOf(v)
	return f
}

// count fills the counts and the missing pieces (of the dossiers in the
// running); it returns the IDs of the dossiers declared recevable, those the
// jury ranks.
func (f *Figures) count(v *campaign.View) map[int64]bool {
	admissible := make(map[int64]bool, len(v.Rows))
	missing := make(map[data.Document]int, len(data.Documents))
	exempted := make(map[data.Document]int, len(data.Documents))
	for i := range v.Rows {
		r := &v.Rows[i]
		f.Counts.Received++
		switch {
		case has(InstructionStatuses, r.Status):
			f.Counts.Instruction++
		case has(AdmissibleStatuses, r.Status):
			f.Counts.Admissible++
		case has(InadmissibleStatuses, r.Status):
			f.Counts.Inadmissible++
		}
		if r.Received.IsZero() {
			f.Undated++
		}
		if r.Irrecevable() {
			continue
		}
		if !r.Status.InInstruction() {
			admissible[r.ID] = true
		}
		for _, d := range data.Documents {
			if r.Lacks(d) {
				missing[d]++
				if r.Exemption != "" {
					exempted[d]++
				}
			}
		}
	}
	for _, d := range data.Documents {
		if n := missing[d]; n > 0 {
			f.Missing = append(f.Missing, Missing{Document: d, Count: n, Exempted: exempted[d]})
		}
	}
	f.Counts.Ranked = v.Ranking.Ranked
	f.Counts.Decided = len(v.Decisions)
	return admissible
}

func has(list []data.Status, s data.Status) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// progress counts each juror's complete sheets on the admissible dossiers,
// as the ranking counted them, the déports apart.
func progress(v *campaign.View, admissible map[int64]bool) []JurorProgress {
	index := make(map[int64]int, len(v.Jurors))
	out := make([]JurorProgress, len(v.Jurors))
	for i, j := range v.Jurors {
		index[j.ID] = i
		out[i] = JurorProgress{Juror: j, Expected: len(admissible)}
	}
	for _, k := range v.Conflicts {
		if i, ok := index[k.JurorID]; ok && admissible[k.ApplicationID] {
			out[i].Deports++
			out[i].Expected--
		}
	}
	for _, l := range v.Ranking.Lines {
		if !admissible[l.ApplicationID] {
			continue
		}
		for _, s := range l.Sheets {
			if i, ok := index[s.JurorID]; ok && s.Status == jury.StatusCounted {
				out[i].Done++
			}
		}
	}
	return out
}

// money fills the envelope and returns the proposed amount per dossier.
func (f *Figures) money(v *campaign.View) map[int64]int64 {
	e := &f.Envelope
	e.Envelope = v.Campaign.EnvelopeCents
	for i := range v.Rows {
		r := &v.Rows[i]
		e.Register += r.RequestedCents
		e.RegisterCount++
		if r.Status.Admissible() {
			e.Requested += r.RequestedCents
			e.RequestedCount++
		}
	}
	proposed := map[int64]int64{}
	if sc := v.Scenario; sc != nil {
		e.Scenario = sc.Name
		if sc.Adopted() {
			e.HasAdopted, e.Adopted = true, sc.TotalCents
			e.AdoptedCount = len(campaign.Funded(sc))
		}
	}
	res, err := v.CurrentSplit()
	if err != nil {
		f.SplitError = data.ErrorMessage(err)
	} else {
		e.Proposed = res.TotalCents
		for _, l := range res.Lines {
			proposed[l.ID] = l.AmountCents
			if l.AmountCents > 0 {
				e.ProposedCount++
			}
		}
	}
	granted := e.Proposed
	if e.HasAdopted {
		granted = e.Adopted
	}
	e.Remainder = max(e.Envelope-granted, 0)
	return proposed
}

// steps lists the campaign's calendar in order, leaving out what is unset.
// A recorded deliberation replaces the planned period by its date.
func steps(c *data.Campaign) []Step {
	delib := c.Deliberation
	if !c.DeliberationDate.IsZero() {
		delib = data.Period{From: c.DeliberationDate, To: c.DeliberationDate}
	}
	all := []Step{
		{"Lancement", c.Launch, c.Launch},
		{"Date limite de dépôt", c.Deadline, c.Deadline},
		{"Instruction", c.Instruction.From, c.Instruction.To},
		{"Jury", c.Jury.From, c.Jury.To},
		{"Délibération", delib.From, delib.To},
	}
	var out []Step
	for _, s := range all {
		if s.To.IsZero() {
			s.To = s.From
		}
		if s.From.IsZero() {
			s.From = s.To
		}
		if !s.From.IsZero() {
			out = append(out, s)
		}
	}
	return out
}

// where finds the step under way on day t and the next one to start.
func where(steps []Step, t data.Date) (current, next int) {
	current, next = -1, -1
	for i, s := range steps {
		if current < 0 && !t.Before(s.From) && !s.To.Before(t) {
			current = i
		}
		if next < 0 && t.Before(s.From) {
			next = i
		}
	}
	return current, next
}

// Position is where day t falls along the calendar, from 0 (the first step's
// start) to 1 (the last step's end).
func (f *Figures) Position(t data.Date) float64 {
	if len(f.Steps) == 0 {
		return 0
	}
	first := f.Steps[0].From.In(data.Paris)
	last := f.Steps[len(f.Steps)-1].To.In(data.Paris)
	for _, s := range f.Steps { // the periods may overlap: take the widest span
		if e := s.To.In(data.Paris); e.After(last) {
			last = e
		}
	}
	span := last.Sub(first)
	if span <= 0 {
		return 0
	}
	p := float64(t.In(data.Paris).Sub(first)) / float64(span)
	return min(max(p, 0), 1)
}

// RunningStatuses are those of a dossier still in the running: in
// instruction, recevable or decided — neither irrecevable nor withdrawn.
var RunningStatuses = append(append([]data.Status(nil), InstructionStatuses...), AdmissibleStatuses...)

// The register's filters that list exactly what a tile counts, so a tile
// opens the register on those dossiers and no others.

// MissingFilter lists the dossiers in the running that lack piece d.
func MissingFilter(d data.Document) data.Filter {
	return data.Filter{Missing: d, Statuses: RunningStatuses}
}

// StatusFilter lists the dossiers in one of the statuses.
func StatusFilter(statuses []data.Status) data.Filter { return data.Filter{Statuses: statuses} }

// UndatedFilter puts the dossiers without a deposit date first.
func UndatedFilter() data.Filter { return data.Filter{Sort: data.SortReceived} }

// BarFilter lists the dossiers declared recevable that one bar of chart i
// sums (0: theme, 1: QPV, 2: commune); ok is false for a bar without a key.
func BarFilter(i int, b chart.Bar) (data.Filter, bool) {
	f := data.Filter{Statuses: AdmissibleStatuses}
	if b.Key == "" {
		return f, false
	}
	switch i {
	case 0:
		id, err := strconv.ParseInt(b.Key, 10, 64)
		if err != nil {
			return f, false
		}
		f.ThemeID = id
	case 1:
		f.QPV = b.Key
	case 2:
		f.Commune = b.Key
	}
	return f, true
}

// Lines say the envelope in French, each amount with what it counts:
// « Demandé par les 28 dossiers recevables : 362 500,00 € — 383 500,00 € au
// registre »; a count of none in words (« Aucun dossier recevable »).
func (e Envelope) Lines() []string {
	eur := data.FormatEuros
	by := func(n int) string { return data.Count(n, "dossier", "dossiers") }
	register := " — " + eur(e.Register) + " au registre (" + by(e.RegisterCount) + ", tous statuts)"
	var requested string
	switch {
	case e.RegisterCount == 0:
		requested = "Aucun dossier au registre"
	case e.RequestedCount == 0:
		requested = "Aucun dossier recevable" + register
	case e.RequestedCount == 1:
		requested = "Demandé par le seul dossier recevable : " + eur(e.Requested) + register
	default:
		requested = "Demandé par les " + by(e.RequestedCount) + " recevables : " + eur(e.Requested) + register
	}
	lines := []string{"Enveloppe : " + eur(e.Envelope), requested}
	how := " (paramètres par défaut)"
	if e.Scenario != "" {
		how = " par « " + e.Scenario + " » recalculé"
	}
	if e.ProposedCount == 0 {
		lines = append(lines, "Proposé : aucun dossier"+how)
	} else {
		lines = append(lines, "Proposé pour "+by(e.ProposedCount)+how+" : "+eur(e.Proposed))
	}
	rest := "Reliquat (enveloppe moins le proposé) : "
	switch {
	case !e.HasAdopted:
		lines = append(lines, "Adopté : aucun scénario adopté")
	case e.AdoptedCount == 0:
		lines = append(lines, "Adopté : aucun dossier")
		rest = "Reliquat (enveloppe moins l'adopté) : "
	default:
		lines = append(lines, "Adopté pour "+by(e.AdoptedCount)+" : "+eur(e.Adopted))
		rest = "Reliquat (enveloppe moins l'adopté) : "
	}
	return append(lines, rest+eur(e.Remainder))
}

// Caption says the count in French, after « sans »: « 2 dossiers sans RIB,
// dont 1 recevable par dérogation ».
func (m Missing) Caption(piece string) string {
	s := data.Count(m.Count, "dossier", "dossiers") + " sans " + piece
	switch {
	case m.Exempted == 0:
	case m.Exempted == m.Count && m.Count == 1:
		s += ", recevable par dérogation"
	case m.Exempted == m.Count:
		s += ", tous recevables par dérogation"
	default:
		s += ", dont " + data.Count(m.Exempted, "recevable par dérogation", "recevables par dérogation")
	}
	return s
}
