package reports

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/alloc"
	"github.com/call-agglo/cohesion/data/chart"
	"github.com/call-agglo/cohesion/data/jury"
)

// Input is everything the documents draw from: domain values only.
type Input struct {
	Campaign     *data.Campaign
	Applications []data.Application // all the applications of the campaign, in full
	Ranking      *jury.Ranking      // nil: no score yet
	Jurors       []data.Juror
	Conflicts    []data.Conflict
	Sheets       []jury.Sheet
	Decisions    map[int64]data.JuryDecision // by application ID
	Allocation   *alloc.Result               // the chosen scenario (the adopted one by default); nil: none
	ScenarioName string
	// ScenarioStale: the scenario no longer matches the scores or the decisions.
	ScenarioStale bool
	Deliberation  Deliberation
	Anonymise     bool // the dossier names the jurors « Juré 1, 2… »
	GeneratedAt   time.Time
	Templates     Templates // letter templates; DefaultTemplates() when empty
	// Council are the rapport's and the projet de délibération's templates;
	// DefaultCouncilTemplates() where empty.
	Council CouncilTemplates
	// SkipIncompleteAddresses leaves out of the letters the dossiers whose
	// address lacks its postal code or town, once the user was told
	// (IncompleteAddresses); otherwise such a dossier stops the letters.
	SkipIncompleteAddresses bool
	// FollowUp is the grants' follow-up (issue 21), for the conventions,
	// the reminders and the reversal demands; nil when not read.
	FollowUp *data.FollowUp
	// At is the day the reminders look at (the comptes rendus overdue by
	// then); zero: the day of GeneratedAt.
	At data.Date
	// JournalHead is the journal's last link when the data were read: printed
	// on the annex and the dossier, it anchors the journal outside the base.
	JournalHead data.Head
	// History is, by application ID, the structure's dossiers in the other
	// campaigns (data.Snapshot.History); nil when not loaded. The jury
	// dossier's fiche says it in one block, unless anonymised, and flags a
	// structure barred by loi 2000-321 art. 10.
	History map[int64][]data.StructureDossier
}

// Deliberation is the council's deliberation the annex and the letters cite.
// Until it is recorded (a number and a date), they are drafts: marked
// DraftMark, they cite a deliberation « à venir ».
type Deliberation struct {
	Number    string
	Date      data.Date
	Body      string // « Conseil communautaire » when empty
	Place     string // where the annex and the letters are signed; « Liévin » when empty
	Signatory string // « Le Président » when empty
}

// Recorded reports whether the deliberation has its number and its date.
func (d Deliberation) Recorded() bool { return !data.Blank(d.Number) && !d.Date.IsZero() }

// DraftMark is the watermark of the annex and of the letters that cite the
// deliberation, until it is recorded.
const DraftMark = "PROJET"

// draftMark is the watermark of a document that cites the deliberation: ""
// once recorded.
func (d Deliberation) draftMark() Watermark {
	if d.Recorded() {
		return Watermark{}
	}
	return Watermark{Text: DraftMark}
}

// Defaults of a deliberation.
const (
	DefaultBody      = "Conseil communautaire"
	DefaultPlace     = "Liévin"
	DefaultSignatory = "Le Président"
	placeholder      = "…"
)

func (d Deliberation) body() string      { return orDefault(d.Body, DefaultBody) }
func (d Deliberation) place() string     { return orDefault(d.Place, DefaultPlace) }
func (d Deliberation) signatory() string { return orDefault(d.Signatory, DefaultSignatory) }
func (d Deliberation) number() string    { return orDefault(d.Number, placeholder) }
func (d Deliberation) date() string      { return orDefault(d.Date.Format(), placeholder) }

func orDefault(s, def string) string {
	if s = strings.TrimSpace(s); s == "" {
		return def
	}
	return s
}

// Kind is one kind of document, for the GUI's picker.
type Kind struct {
	Key         string // "annex", "jury", "letters", "sheets"
	Title       string
	Description string
}

// Catalog lists the kinds of documents, sorted by French title.
func Catalog() []Kind {
	k := []Kind{
		{"jury", "Dossier de séance du jury", "Couverture, synthèse, classement et une fiche de synthèse par dossier."},
		{"sheets", "Grilles d'évaluation", "Déclaration d'absence de conflit d'intérêts et une grille à remplir par dossier, pour chaque juré et une vierge."},
		{"annex", "Annexe à la délibération", "Récapitulatif par thématique, déports et tableau des subventions attribuées, arrêté et signé, à joindre à la délibération (marqué PROJET tant qu'aucune délibération n'est enregistrée)."},
		{"letters", "Lettres de notification", "Une lettre d'attribution ou de refus par dossier ayant reçu une décision du jury, et une lettre d'irrecevabilité (avec son motif) par dossier irrecevable."},
		{KindReport, ReportTitle, "Au conseil : l'appel et ses objectifs, le calendrier, les dossiers reçus et irrecevables (par motif), le jury, la méthode de répartition, la proposition, les montants par thématique et par QPV (marqué PROJET tant qu'aucune délibération n'est enregistrée). En PDF, ou en Word (.docx) modifiable selon l'extension choisie."},
		{KindDeliberation, DeliberationDraftName, "Visas, considérants, élus déportés qui ne prennent pas part au vote, articles (attribution, imputation, conventions au-delà de 23 000 €, versement) et tableau des subventions (marqué PROJET tant qu'aucune délibération n'est enregistrée). En PDF, ou en Word (.docx) modifiable selon l'extension choisie."},
	}
	sort.Slice(k, func(i, j int) bool { return data.CompareFold(k[i].Title, k[j].Title) < 0 })
	return k
}

// Build builds the document of a kind of the Catalog ("sheets" gives every
// juror's sheets and a blank one).
func Build(kind string, in Input) (*Document, error) {
	switch kind {
	case "jury":
		return JuryDossier(in)
	case "sheets":
		return AllScoringSheets(in)
	case "annex":
		return Annex(in)
	case "letters":
		return Letters(in)
	case KindReport:
		return CouncilReport(in)
	case KindDeliberation:
		return CouncilDeliberation(in)
	}
	return nil, data.Errorf(data.EINVALID, "Type de document inconnu « %s » : jury, sheets, annex, letters, deliberation ou rapport.", kind)
}

// ctx is an Input indexed for the builders.
type ctx struct {
	in      *Input
	c       *data.Campaign
	apps    []*data.Application // by number
	byID    map[int64]*data.Application
	lines   map[int64]*jury.Line
	grants  map[int64]*alloc.Line
	jurors  []data.Juror // by ID
	labels  map[int64]string
	names   map[int64]string
	deports map[int64][]data.Conflict // by application, by juror ID
	gen     time.Time
	ties    map[tieKey]*tieGroup // the ranking's tie groups (tieGroups)
	tieList []*tieGroup          // the same, in ranking order
}

// newCtx checks the input and indexes it. It refuses an input with no campaign or
// no application with a French error.
func newCtx(in *Input) (*ctx, error) {
	if in.Campaign == nil {
		return nil, data.Errorf(data.EINVALID, "Aucune campagne n'est sélectionnée : il n'y a rien à imprimer.")
	}
	if len(in.Applications) == 0 {
		return nil, data.Errorf(data.EINVALID, "La campagne « %s » ne compte aucun dossier : il n'y a rien à imprimer.", campaignName(in.Campaign))
	}
	x := &ctx{in: in, c: in.Campaign, byID: map[int64]*data.Application{}, lines: map[int64]*jury.Line{},
		grants: map[int64]*alloc.Line{}, labels: map[int64]string{}, names: map[int64]string{}, deports: map[int64][]data.Conflict{}}
	x.gen = in.GeneratedAt
	if x.gen.IsZero() {
		x.gen = time.Now()
	}
	if data.Blank(in.Deliberation.Place) { // the campaign's setting, unless the input names another place
		in.Deliberation.Place = in.Campaign.LetterPlace
	}
	for i := range in.Applications {
		a := &in.Applications[i]
		x.apps = append(x.apps, a)
		x.byID[a.ID] = a
	}
	sort.SliceStable(x.apps, func(i, j int) bool {
		if x.apps[i].Number != x.apps[j].Number {
			return x.apps[i].Number < x.apps[j].Number
		}
		return x.apps[i].ID < x.apps[j].ID
	})
	if in.Ranking != nil {
		for i := range in.Ranking.Lines {
			l := &in.Ranking.Lines[i]
			x.lines[l.ApplicationID] = l
		}
	}
	if in.Allocation != nil {
		for i := range in.Allocation.Lines {
			l := &in.Allocation.Lines[i]
			x.grants[l.ID] = l
		}
	}
	x.jurors = append([]data.Juror(nil), in.Jurors...)
	sort.SliceStable(x.jurors, func(i, j int) bool { return x.jurors[i].ID < x.jurors[j].ID })
	for i, j := range x.jurors {
		x.names[j.ID] = orDefault(j.Name, "Juré n° "+strconv.FormatInt(j.ID, 10))
		if in.Anonymise {
			x.labels[j.ID] = "Juré " + strconv.Itoa(i+1)
		} else {
			x.labels[j.ID] = x.names[j.ID]
		}
	}
	seen := map[[2]int64]bool{}
	for _, cf := range in.Conflicts {
		k := [2]int64{cf.ApplicationID, cf.JurorID}
		if seen[k] {
			continue
		}
		seen[k] = true
		x.deports[cf.ApplicationID] = append(x.deports[cf.ApplicationID], cf)
	}
	for _, l := range x.lines { // déports the ranking knows and the list lacks
		for _, j := range l.Conflicts {
			k := [2]int64{l.ApplicationID, j}
			if !seen[k] {
				seen[k] = true
				x.deports[l.ApplicationID] = append(x.deports[l.ApplicationID], data.Conflict{JurorID: j, ApplicationID: l.ApplicationID})
			}
		}
	}
	for _, d := range x.deports {
		sort.Slice(d, func(i, j int) bool { return d[i].JurorID < d[j].JurorID })
	}
	return x, nil
}

func campaignName(c *data.Campaign) string {
	switch {
	case c == nil:
		return ""
	case strings.TrimSpace(c.Code) != "":
		return c.Code
	}
	return c.Title
}

// footerLeft is the campaign's code and title.
func (x *ctx) footerLeft() string {
	if strings.TrimSpace(x.c.Code) == "" {
		return x.c.Title
	}
	return x.c.Code + " — " + x.c.Title
}

// juror is how the dossier names a juror: by name, or « Juré n » when anonymised.
func (x *ctx) juror(id int64) string {
	if l, ok := x.labels[id]; ok {
		return l
	}
	if x.in.Anonymise {
		// A juror missing from the list: number them after the known ones.
		n := len(x.labels) + 1
		x.labels[id] = "Juré " + strconv.Itoa(n)
		return x.labels[id]
	}
	return "Juré n° " + strconv.FormatInt(id, 10)
}

// jurorName is a juror's real name (the annex records déports by name).
func (x *ctx) jurorName(id int64, fallback string) string {
	if n, ok := x.names[id]; ok {
		return n
	}
	return orDefault(fallback, "Juré n° "+strconv.FormatInt(id, 10))
}

func (x *ctx) theme(id int64) string {
	if t, ok := x.c.ThemeByID(id); ok && id != 0 {
		return t.Label
	}
	return chart.NoTheme
}

func (x *ctx) qpvNames(codes []string) string {
	var out []string
	for _, code := range codes {
		if q, ok := x.c.QPVByCodeOrName(code); ok {
			out = append(out, q.Name)
		} else {
			out = append(out, code)
		}
	}
	if len(out) == 0 {
		return "—"
	}
	return strings.Join(out, ", ")
}

func (x *ctx) commune(insee string) string {
	if strings.TrimSpace(insee) == "" {
		return "Commune non renseignée"
	}
	return x.c.CommuneName(insee)
}

// grant is the proposed amount of an application, and whether there is one.
func (x *ctx) grant(id int64) (int64, bool) {
	if l, ok := x.grants[id]; ok {
		return l.AmountCents, true
	}
	return 0, false
}

// admissible reports whether the application goes to the jury: not
// irrecevable (late ones included), not closed.
// admissible reports whether the instruction declared the application
// recevable: the jury ranks those only (a dossier still in instruction is
// listed, « à instruire », never ranked).
func admissible(a *data.Application) bool {
	return a.Status.Admissible() && !jury.CandidateOf(a).Irrecevable
}

// notRanked says why an application is not ranked: « À instruire (Reçu) »,
// or its status.
func notRanked(a *data.Application) string {
	if a.Status.InInstruction() {
		return "À instruire (" + a.Status.Label() + ")"
	}
	return a.Status.Label()
}

// orDash shows "—" for a blank value.
func orDash(s string) string { return orDefault(s, "—") }

func formatDate(t time.Time) string { return data.DateOf(t).Format() }

func period(a, b data.Date) string {
	switch {
	case a.IsZero() && b.IsZero():
		return "—"
	case b.IsZero():
		return "à partir du " + a.Format()
	case a.IsZero():
		return "jusqu'au " + b.Format()
	}
	return "du " + a.Format() + " au " + b.Format()
}

// conventionThresholdCents: above 23 000 € a grant needs a convention.
const conventionThresholdCents = 2_300_000

// ConventionMention is printed beside every grant above 23 000 €.
const ConventionMention = "Convention obligatoire (loi n° 2000-321 du 12 avril 2000, art. 10 ; décret n° 2001-495 du 6 juin 2001)"

// needsConvention reports whether a grant needs a convention: strictly above 23 000 €.
func needsConvention(cents int64) bool { return cents > conventionThresholdCents }
