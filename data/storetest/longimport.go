package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/call-agglo/cohesion/data"
)

// Issue 23: a desk's long import does not hold the other desks' writes. The
// import is held in the middle of its lines (its first thousand dossiers
// written, in its open transaction) until another desk's write has
// returned: before, that write waited for the whole import, and the test
// ends in error when its safety delay runs out instead of hanging. Then the
// import ends: every line written, after the other desk's entry in the
// journal, which still vouches for every row. Only for an engine whose
// writers queue on a lock of their own (a server); on SQLite a write waits
// for the file's lock, held by the import's transaction from its start.
//
// LongImportLetsOthersWrite is the other desk's write to another entity of
// the same campaign (a juror): the import goes on.
func LongImportLetsOthersWrite(t *testing.T, h Harness) {
	longImportWhile(t, h, func(other data.Store, c *data.Campaign, _ *data.Application) error {
		return other.AddJuror(ctx, &data.Juror{CampaignID: c.ID, Name: "Juré arrivé pendant l'import"})
	})
}

// LongImportStartsAgain is the other desk's write to a dossier of the
// campaign the import depends on: the import starts again, holding the lock
// from its start, and ends whole.
func LongImportStartsAgain(t *testing.T, h Harness) {
	longImportWhile(t, h, func(other data.Store, _ *data.Campaign, a *data.Application) error {
		return other.ChangeStatus(ctx, a.ID, data.StatusIncomplet, "Pièces manquantes")
	})
}

// heldLines are lines whose hold-th one waits until released, after saying
// it is reached (once: a transaction started again reads them freely).
type heldLines struct {
	data.ImportLines
	hold              int
	reached, released chan struct{}
}

func (l *heldLines) Line(i int) data.Application {
	if i == l.hold && l.reached != nil {
		close(l.reached)
		l.reached = nil
		<-l.released
	}
	return l.ImportLines.Line(i)
}

func longImportWhile(t *testing.T, h Harness, write func(other data.Store, c *data.Campaign, a *data.Application) error) {
	st, c := seeded(t, h)
	other := h.Again(t, st)
	Pin(other, Clock)
	before := mustCreate(t, st, c, app(t, c))
	apps := make([]data.Application, 1500) // past the size of a long import
	for i := range apps {
		apps[i] = *app(t, c)
	}
	reached, released := make(chan struct{}), make(chan struct{})
	lines := &heldLines{ImportLines: data.LinesOf(apps), hold: 1200, reached: reached, released: released}
	done := make(chan error, 1)
	var sum data.ImportSummary
	go func() {
		var err error
		sum, err = st.ImportApplications(ctx, c, lines, data.ImportOptions{})
		done <- err
	}()
	<-reached // the import's transaction is open, its first chunks written
	// A safety delay only: the write is expected at once, and without it a
	// write held by the import would hang the test.
	wctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	wrote := make(chan error, 1)
	go func() { wrote <- write(other, c, before) }()
	select {
	case err := <-wrote:
		if err != nil {
			close(released)
			t.Fatalf("the other desk's write, during the import: %v", err)
		}
	case <-wctx.Done():
		close(released)
		t.Fatal("the other desk's write waited for the import")
	}
	mid, err := other.Head(ctx)
	if err != nil {
		t.Fatal(err)
	}
	close(released)
	if err := <-done; err != nil || sum.Created != len(apps) {
		t.Fatalf("import: %d created, %v", sum.Created, err)
	}
	if n := count(t, st, c); n != len(apps)+1 {
		t.Fatalf("%d dossiers, want %d", n, len(apps)+1)
	}
	rep := intact(t, st)
	if rep.Head.ID <= mid.ID {
		t.Fatalf("the import's entries (head %d) do not follow the other desk's (%d)", rep.Head.ID, mid.ID)
	}
}

// LongGridIsWhole: a grid of a thousand sheets, past the size of a long
// import (late-locked on a server), is written whole, then written over (the
// scores held become upserts), the journal vouching for every score, with
// another desk's juror added in between.
func LongGridIsWhole(t *testing.T, h Harness) {
	st, c := seeded(t, h)
	other := h.Again(t, st)
	Pin(other, Clock)
	apps := make([]data.Application, 250)
	for i := range apps {
		apps[i] = *app(t, c)
	}
	if _, err := st.ImportApplications(ctx, c, data.LinesOf(apps), data.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	listed, _, err := st.ListApplications(ctx, c.ID, data.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	var jurors []*data.Juror
	for _, name := range []string{"Juré 1", "Juré 2", "Juré 3", "Juré 4"} {
		j := &data.Juror{CampaignID: c.ID, Name: name}
		if err := st.AddJuror(ctx, j); err != nil {
			t.Fatal(err)
		}
		jurors = append(jurors, j)
	}
	for round, value := range []int{1, 2} {
		var w data.ScoreWrite
		for _, j := range jurors {
			for _, a := range listed {
				ch := data.ScoreChange{JurorID: j.ID, ApplicationID: a.ID, Set: map[int64]int{}}
				for _, k := range c.Criteria {
					ch.Set[k.ID] = value
				}
				w.Changes = append(w.Changes, ch)
			}
		}
		if err := st.WriteScores(ctx, c, w); err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		if sheets, _, _, err := st.ScoredSheets(ctx, c.ID); err != nil || sheets != len(w.Changes) {
			t.Fatalf("round %d: %d sheets scored, want %d (%v)", round, sheets, len(w.Changes), err)
		}
		if err := other.AddJuror(ctx, &data.Juror{CampaignID: c.ID, Name: "Juré suivant " + string(rune('A'+round))}); err != nil {
			t.Fatal(err)
		}
		intact(t, st)
	}
}
