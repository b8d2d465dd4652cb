package backend_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/call-agglo/cohesion/cmd/backend"
	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/postgres/pgtest"
	"github.com/call-agglo/cohesion/data/seed"
)

// desk opens a base as one desk would, with its own profile.
func desk(t *testing.T, profile, address string) data.Store {
	t.Helper()
	st, err := backend.Bases{Profile: profile}.Open(ctx, address, data.OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// work opens the base on a desk, records three jurors and closes it: the
// desk has seen the journal up to their entries.
func work(t *testing.T, profile, address string, names ...string) {
	t.Helper()
	st := desk(t, profile, address)
	defer st.Close()
	if _, err := seed.EnsureDefault(ctx, st); err != nil {
		t.Fatal(err)
	}
	c, err := st.CampaignByCode(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		if err := st.AddJuror(ctx, &data.Juror{CampaignID: c.ID, Name: n, College: data.CollegeServices}); err != nil {
			t.Fatal(err)
		}
	}
}

func verify(t *testing.T, profile, address string) *data.AuditReport {
	t.Helper()
	st := desk(t, profile, address)
	defer st.Close()
	rep, err := st.VerifyAudit(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// The owner of a base can cut the journal's end, or cut it and write on: the
// chain of digests then holds, and only a desk that saw the longer journal
// can tell. Each desk keeps the heads it saw in its own profile.
func TestDeskSeesAShortenedJournal(t *testing.T) {
	for _, engine := range engines(t) {
		t.Run(engine.name, func(t *testing.T) {
			profile, other := t.TempDir(), t.TempDir()
			work(t, profile, engine.address, "Alice Martin", "Bruno Petit", "Chloé Roux")
			// The jurors go with their entries: the data still matches the
			// journal, whose chain holds.
			engine.exec(t, `DELETE FROM audit WHERE id > (SELECT max(id) - 3 FROM audit)`, `DELETE FROM jurors`)

			rep := verify(t, profile, engine.address)
			if rep.Intact() || !strings.Contains(rep.Verdict(), "raccourci depuis le") || !strings.Contains(rep.Verdict(), "3 entrées manquent") {
				t.Fatalf("verdict after the cut: %s", rep.Verdict())
			}
			// Opening the base again never makes the cut look normal…
			if rep := verify(t, profile, engine.address); rep.Intact() {
				t.Fatalf("second check: %s", rep.Verdict())
			}
			// …while a desk that never saw the longer journal cannot tell.
			if rep := verify(t, other, engine.address); !rep.Intact() {
				t.Fatalf("a new desk: %s", rep.Verdict())
			}
		})
	}
}

func TestDeskSeesARewrittenJournal(t *testing.T) {
	for _, engine := range engines(t) {
		t.Run(engine.name, func(t *testing.T) {
			profile := t.TempDir()
			work(t, profile, engine.address, "Alice Martin", "Bruno Petit")
			engine.exec(t, `DELETE FROM audit WHERE id > (SELECT max(id) - 2 FROM audit)`, `DELETE FROM jurors`)
			work(t, t.TempDir(), engine.address, "Denis Lefebvre", "Emma Blanc", "Farid Haddad")

			rep := verify(t, profile, engine.address)
			if rep.Intact() || !strings.Contains(rep.Verdict(), "réécrit depuis le") {
				t.Fatalf("verdict after the rewrite: %s", rep.Verdict())
			}
			if rep := verify(t, t.TempDir(), engine.address); !rep.Intact() {
				t.Fatalf("a new desk: %s", rep.Verdict())
			}
		})
	}
}

// A desk that replaces its own base (a restore) starts from the new journal.
func TestRestoreMovesTheDesksAnchor(t *testing.T) {
	dir := t.TempDir()
	profile, address := t.TempDir(), filepath.Join(dir, "c.db")
	work(t, profile, address, "Alice Martin")
	b := backend.Bases{Profile: profile}
	st := desk(t, profile, address)
	if err := b.Backup(ctx, st, filepath.Join(dir, "copie.db"), data.BackupOptions{}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	work(t, profile, address, "Bruno Petit")
	if _, err := b.Restore(ctx, address, filepath.Join(dir, "copie.db"), data.RestoreOptions{}); err != nil {
		t.Fatal(err)
	}
	if rep := verify(t, profile, address); !rep.Intact() {
		t.Fatalf("after this desk's restore: %s", rep.Verdict())
	}
}

type engine struct {
	name, address string
	exec          func(t *testing.T, statements ...string)
}

// engines are a SQLite file and a PostgreSQL base, each with a way to write
// in it behind Cohésion's back, as its owner could.
func engines(t *testing.T) []engine {
	file := filepath.Join(t.TempDir(), "c.db")
	server := pgtest.NewDatabase(t)
	return []engine{
		{"sqlite", file, func(t *testing.T, s ...string) {
			ownerExec(t, "sqlite3", file, append([]string{"DROP TRIGGER IF EXISTS audit_no_delete"}, s...)...)
		}},
		{"postgres", server, func(t *testing.T, s ...string) {
			s = append([]string{"ALTER TABLE audit DISABLE TRIGGER USER"}, s...)
			ownerExecPG(t, server, append(s, "ALTER TABLE audit ENABLE TRIGGER USER")...)
		}},
	}
}

func ownerExec(t *testing.T, driver, address string, statements ...string) {
	t.Helper()
	db, err := sql.Open(driver, address)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, s := range statements {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

func ownerExecPG(t *testing.T, address string, statements ...string) {
	t.Helper()
	c, err := pgx.Connect(context.Background(), address)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(context.Background())
	for _, s := range statements {
		if _, err := c.Exec(context.Background(), s); err != nil {
			t.Fatal(fmt.Errorf("%s: %w", s, err))
		}
	}
}

// A desk that only reads leaves its book alone within the minute (the head it
// saw is already there, at the precision Departure prints), and records the
// next head it sees after a write.
func TestReadingLeavesTheBookAlone(t *testing.T) {
	profile, address := t.TempDir(), filepath.Join(t.TempDir(), "c.db")
	work(t, profile, address, "Alice Martin")
	books, err := filepath.Glob(filepath.Join(profile, "empreintes", "*.json"))
	if err != nil || len(books) != 1 {
		t.Fatalf("books: %v %v", books, err)
	}
	before, _ := os.Stat(books[0])
	minute := time.Now().Truncate(time.Minute)
	st := desk(t, profile, address)
	if _, err := st.Campaigns(ctx); err != nil {
		t.Fatal(err)
	}
	st.Close()
	after, _ := os.Stat(books[0])
	if !after.ModTime().Equal(before.ModTime()) && time.Now().Truncate(time.Minute).Equal(minute) {
		t.Fatalf("the book was written again by a desk that only read (%v, then %v)", before.ModTime(), after.ModTime())
	}
	raw, _ := os.ReadFile(books[0])
	work(t, profile, address, "Bruno Petit")
	if now, _ := os.ReadFile(books[0]); string(now) == string(raw) {
		t.Fatalf("the book still holds the head before the write: %s", now)
	}
}
