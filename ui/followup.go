package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/followup"
)

// The « Suivi » screen (issue 21): after the deliberation, one line per
// grant — its convention, what was paid and is still to pay, its compte
// rendu financier, what it waits for — and each grant's page, with its
// history and the forms that record the follow-up. The rules and their
// French refusals are package followup's, applied by the store; this screen
// only asks and shows.

// followUpStore is what the screen reads and writes: the follow-up, the
// journal of a grant, and the base's clock (today, for what is late).
type followUpStore interface {
	data.FollowUps
	data.Snapshots // the documents' input
	Audit(ctx context.Context, f data.AuditFilter) ([]data.AuditEntry, error)
	Now() time.Time
}

// followUpEnv is what the screen is built from: the screens' environment,
// with the store as this screen uses it.
type followUpEnv struct {
	screenEnv
}

// store is the base, as the screen uses it.
func (e followUpEnv) store() followUpStore {
	return followUpBase{e.followUps(), e.snapshots(), e.journal(), e.now}
}

// followUpBase is a followUpStore made of the base's interfaces: the
// follow-up, the snapshots, the journal (its Audit) and the clock.
type followUpBase struct {
	data.FollowUps
	data.Snapshots
	data.Journal
	now func() time.Time
}

// Now is the base's clock.
func (b followUpBase) Now() time.Time { return b.now() }

// The filters of the list, as the selector names them.
const (
	filterAll     = "Toutes"
	filterOverdue = "En retard"
	filterToPay   = "À verser"
	filterToSign  = "À signer"
)

var followUpFilters = []string{filterAll, filterOverdue, filterToPay, filterToSign}

// followUpScreen is the « Suivi » screen.
type followUpScreen struct {
	env    followUpEnv
	fu     *data.FollowUp
	at     data.Date
	filter string
	rows   []followup.Status // the lines shown, filtered
	gen    int               // generation of the latest load; older ones are dropped
	open   string            // the number of the grant whose page shows; "" for the list

	filterSel *widget.RadioGroup
	table     *enterTable
	totals    *widget.Label
	status    *widget.Label
	body      *fyne.Container // the list, a grant's page, or why there is none
	list      fyne.CanvasObject
	root      fyne.CanvasObject
	perFile   *widget.Check // the documents, one file per structure
	outcome   *widget.Label // what the documents' production said
	// form and templatesForm are the open forms, for the tests to type in.
	form          []*widget.FormItem
	templatesForm *followUpTemplatesForm
}

func newFollowUpScreen(env followUpEnv) *followUpScreen {
	return &followUpScreen{env: env, filter: filterAll}
}

func (s *followUpScreen) view() fyne.CanvasObject {
	if s.root == nil {
		s.build()
	}
	s.open = ""
	s.reload(context.Background())
	return s.root
}

func (s *followUpScreen) build() {
	// Radio buttons, all in sight: one click or Tab and Space to filter.
	s.filterSel = widget.NewRadioGroup(followUpFilters, s.onFilter)
	s.filterSel.Horizontal, s.filterSel.Required = true, true
	s.filterSel.SetSelected(s.filter)
	s.status = widget.NewLabel("")
	s.status.Importance = widget.LowImportance
	s.totals = widget.NewLabel("")
	s.totals.Wrapping = fyne.TextWrapWord
	s.table = s.newTable()
	s.list = container.NewBorder(nil, container.NewVBox(s.totals, s.documentsBar()), nil, nil, s.table)
	s.body = container.NewStack()
	refresh := widget.NewButtonWithIcon("Actualiser", theme.ViewRefreshIcon(), func() { s.reload(context.Background()) })
	heading := widget.NewLabelWithStyle("Suivi des subventions", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	top := container.NewBorder(nil, nil, heading, container.NewHBox(s.filterSel, refresh), s.status)
	s.root = container.NewBorder(top, nil, nil, nil, s.body)
}

// reload reads the follow-up in the background and shows it when it is the
// latest asked for.
func (s *followUpScreen) reload(ctx context.Context) {
	if s.root == nil {
		return
	}
	s.gen++
	gen, st, c := s.gen, s.env.store(), s.env.campaign()
	work := func() (*data.FollowUp, error) { return st.FollowUp(ctx, c.ID) }
	done := func(f *data.FollowUp, err error) {
		if gen != s.gen || c.ID != s.env.campaign().ID {
			return
		}
		if err != nil {
			s.status.SetText(data.ErrorMessage(err))
			return
		}
		s.show(ctx, f, data.DateOf(st.Now()))
	}
	s.status.SetText("Lecture en cours…")
	background(s.env.run, work, done)
}

// show draws the follow-up read at a date: the list, or the grant's page
// open before the reload, or why there is nothing to follow yet.
func (s *followUpScreen) show(ctx context.Context, f *data.FollowUp, at data.Date) {
	s.fu, s.at = f, at
	s.status.SetText("Au " + at.Format())
	if c := f.Campaign; c.DeliberationNumber == "" || c.DeliberationDate.IsZero() {
		s.filterSel.Hide() // nothing to filter yet
		s.setBody(followUpNotYet())
		return
	}
	s.filterSel.Show()
	s.applyFilter()
	if g, ok := f.Grant(s.open); ok && s.open != "" {
		s.showGrant(ctx, g)
		return
	}
	s.open = ""
	s.setBody(s.list)
}

// followUpNotYet says why there is nothing to follow before the deliberation.
func followUpNotYet() fyne.CanvasObject {
	l := widget.NewLabel("Aucune subvention à suivre : le suivi (conventions, versements, comptes rendus financiers, reversements) commence une fois la délibération attribuant les subventions enregistrée (écran Répartition, bouton « Délibération… »).")
	l.Wrapping = fyne.TextWrapWord
	return container.NewVBox(l)
}

func (s *followUpScreen) setBody(o fyne.CanvasObject) {
	s.body.Objects = []fyne.CanvasObject{o}
	s.body.Refresh()
}

// onFilter keeps the lines a filter names.
func (s *followUpScreen) onFilter(name string) {
	s.filter = name
	if s.fu != nil {
		s.applyFilter()
	}
}

// applyFilter computes every grant's status at the date and keeps the
// filter's; the totals are those of the lines shown.
func (s *followUpScreen) applyFilter() {
	f := s.fu
	s.rows = s.rows[:0]
	for _, st := range followup.List(f, s.at, false) {
		if s.keeps(st) {
			s.rows = append(s.rows, st)
		}
	}
	s.totals.SetText(followUpTotals(followup.Summarize(s.rows)))
	s.table.UnselectAll()
	s.table.Refresh()
}

func (s *followUpScreen) keeps(st followup.Status) bool {
	f := s.fu
	switch s.filter {
	case filterOverdue:
		return st.Overdue
	case filterToPay:
		return followup.Has(f.Campaign, f.Settings, st, s.at, followup.StepPay)
	case filterToSign:
		return followup.Has(f.Campaign, f.Settings, st, s.at, followup.StepSign)
	}
	return true
}

// followUpTotals is the line under the list.
func followUpTotals(sum followup.Summary) string {
	return data.Count(sum.Grants, "subvention", "subventions") + " : " + data.FormatEuros(sum.GrantedCents) + " attribués, " +
		data.FormatEuros(sum.PaidCents) + " versés, " + data.FormatEuros(sum.BalanceCents) + " restant à verser — " +
		data.Count(sum.ToSign, "convention", "conventions") + " à signer, " + data.Count(sum.ToPay, "versement", "versements") + " à faire, " +
		data.Count(sum.CRFOverdue, "compte rendu", "comptes rendus") + " en retard."
}

// onFilterFromDashboard shows the list filtered as a dashboard tile asks.
func (s *followUpScreen) onFilterFromDashboard(name string) {
	s.filter, s.open = name, ""
	if s.filterSel != nil {
		s.filterSel.SetSelected(name)
	}
}
