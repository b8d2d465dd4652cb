package postgres_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/postgres"
	"github.com/call-agglo/cohesion/data/postgres/pgtest"
	"github.com/call-agglo/cohesion/data/sqlite"
	"github.com/call-agglo/cohesion/data/storetest"
)

var ctx = context.Background()

func open(t testing.TB, address string) *postgres.DB {
	t.Helper()
	db, err := postgres.Open(ctx, address, postgres.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// harness opens a fresh database of the test server for each test.
var harness = storetest.Harness{
	New: func(t testing.TB) data.Store { return open(t, pgtest.NewDatabase(t)) },
	Again: func(t testing.TB, st data.Store) data.Store {
		return open(t, st.(*postgres.DB).Address())
	},
}

// TestContract runs the store's contract on a real PostgreSQL server.
func TestContract(t *testing.T) { storetest.Run(t, harness) }

// BenchmarkStore measures the register and the import on PostgreSQL, to
// compare with SQLite's.
func BenchmarkStore(b *testing.B) { storetest.Bench(b, harness) }

// The two engines' schemas have the same tables and columns: a base copies
// from one to the other row for row.
func TestSameColumnsAsSQLite(t *testing.T) {
	pg := open(t, pgtest.NewDatabase(t))
	lite, err := sqlite.Open(t.TempDir() + "/c.db")
	if err != nil {
		t.Fatal(err)
	}
	defer lite.Close()
	a, err := pg.Columns(ctx)
	if err != nil {
		t.Fatal(err)
	}
	b, err := lite.Columns(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for table, cols := range b {
		got := slices.Sorted(slices.Values(a[table]))
		want := slices.Sorted(slices.Values(cols))
		if !slices.Equal(got, want) {
			t.Errorf("%s: PostgreSQL %v, SQLite %v", table, got, want)
		}
	}
}

// Two desks opening a new base at once: one creates the schema, the other
// waits and finds it done.
func TestConcurrentOpenMigratesOnce(t *testing.T) {
	address := pgtest.NewDatabase(t)
	errs := make(chan error, 3)
	for i := 0; i < 3; i++ {
		go func() {
			db, err := postgres.Open(ctx, address, postgres.Options{})
			if err == nil {
				db.Close()
			}
			errs <- err
		}()
	}
	for i := 0; i < 3; i++ {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
}

// A restore needs the base alone: refused while another desk has it open.
func TestExclusiveOpenRefusedWhileDesksOpen(t *testing.T) {
	address := pgtest.NewDatabase(t)
	open(t, address)
	_, err := postgres.Open(ctx, address, postgres.Options{Exclusive: true})
	if data.ErrorCode(err) != data.ECONFLICT || !strings.Contains(err.Error(), "d'autres postes") {
		t.Fatalf("exclusive open with a desk connected: %v", err)
	}
}

// A desk that closes its base lets go of it at once: a restore started right
// after is not refused (the server used to release a closed session's lock a
// moment later).
func TestClosedDeskLetsGoAtOnce(t *testing.T) {
	address := pgtest.NewDatabase(t)
	for i := 0; i < 200; i++ {
		desk, err := postgres.Open(ctx, address, postgres.Options{})
		if err != nil {
			t.Fatal(err)
		}
		desk.Close()
		alone, err := postgres.Open(ctx, address, postgres.Options{Exclusive: true})
		if err != nil {
			t.Fatalf("exclusive open %d right after a desk closed: %v", i, err)
		}
		alone.Close()
	}
}

// The journal names the server's role and the desk's own user; an address
// shown to people never holds the password.
func TestUserAndLocation(t *testing.T) {
	address := pgtest.NewDatabase(t)
	db := open(t, address)
	if !strings.HasPrefix(db.User, "postgres") {
		t.Fatalf("journal user %q", db.User)
	}
	withPassword := strings.Replace(address, "postgres@", "postgres:secret@", 1)
	if shown := postgres.Redact(withPassword); strings.Contains(shown, "secret") || !strings.HasPrefix(shown, "postgres://postgres@127.0.0.1:") {
		t.Fatalf("shown address %q", shown)
	}
}

// A server that does not answer is said in French, not as a driver error.
func TestUnreachableServerInFrench(t *testing.T) {
	_, err := postgres.Open(ctx, "postgres://cohesion@127.0.0.1:1/cohesion?sslmode=disable&connect_timeout=2", postgres.Options{})
	if err == nil || !strings.Contains(err.Error(), "ne répond pas") || strings.Contains(err.Error(), "dial") {
		t.Fatalf("unreachable server: %v", err)
	}
}

// BenchmarkFollowUp5000 measures the follow-up's list of 5 000 grants.
func BenchmarkFollowUp5000(b *testing.B) { storetest.BenchFollowUp(b, harness) }
