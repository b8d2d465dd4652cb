package postgres_test

import (
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/postgres"
	"github.com/call-agglo/cohesion/data/postgres/pgtest"
	"github.com/call-agglo/cohesion/data/seed"
)

// writersKey is the writers' advisory lock (see postgres.go).
const writersKey = 0x636f6865

// seededBase opens a fresh base with the default campaign.
func seededBase(t *testing.T, address string) (*postgres.DB, *data.Campaign) {
	t.Helper()
	db := open(t, address)
	if _, err := seed.EnsureDefault(ctx, db); err != nil {
		t.Fatal(err)
	}
	c, err := db.CampaignByCode(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	return db, c
}

// connect is a connection of the test's own, beside the base's.
func connect(t *testing.T, address string) *pgx.Conn {
	t.Helper()
	c, err := pgx.Connect(ctx, address)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close(ctx) })
	return c
}

// waiter is the server process waiting for an advisory lock the test holds,
// once there is one: the base's write has reached the server and is blocked.
func waiter(t *testing.T, admin *pgx.Conn) int {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		var pid int
		err := admin.QueryRow(ctx, `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND NOT granted LIMIT 1`).Scan(&pid)
		if err == nil {
			return pid
		}
	}
	t.Fatal("aucune écriture n'attend le verrou")
	return 0
}

// jurorNamed reports whether the campaign's jury has a member of that name.
func jurorNamed(t *testing.T, db data.Store, c *data.Campaign, name string) bool {
	t.Helper()
	jurors, err := db.Jurors(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, j := range jurors {
		if j.Name == name {
			return true
		}
	}
	return false
}

// An address that asks for encryption, to a server without it: the message
// says so (it used to say the server did not answer, the log « server
// refused TLS connection »).
func TestServerWithoutTLSSaysSo(t *testing.T) {
	address := strings.Replace(pgtest.NewDatabase(t), "sslmode=disable", "sslmode=require", 1)
	_, err := postgres.Open(ctx, address, postgres.Options{})
	msg := data.ErrorMessage(err)
	if !strings.Contains(msg, "n'accepte pas les connexions chiffrées") || strings.Contains(msg, "ne répond pas") {
		t.Fatalf("server without TLS, sslmode=require: %q", msg)
	}
}

// A server stopped in the middle of the work (pg_ctl -m immediate): the next
// write says the connection was lost and nothing was written, never
// « Erreur inattendue ».
func TestServerStoppedSaysConnectionLost(t *testing.T) {
	server, crash := pgtest.Dedicated(t)
	db, c := seededBase(t, server)
	if _, err := db.Jurors(ctx, c.ID); err != nil { // a live connection in the pool
		t.Fatal(err)
	}
	crash()
	err := db.AddJuror(ctx, &data.Juror{CampaignID: c.ID, Name: "Claire Vasseur", College: data.CollegeElu})
	msg := data.ErrorMessage(err)
	if !strings.Contains(msg, "rien n'a été enregistré") || !strings.Contains(msg, "Vérifiez le réseau") || strings.Contains(msg, "inattendue") {
		t.Fatalf("write once the server stopped: %q", msg)
	}
}

// The server ends the session of a write waiting for the writers' lock: the
// message says the connection was lost and nothing was written, and indeed
// nothing was.
func TestConnectionLostMidWriteWritesNothing(t *testing.T) {
	address := pgtest.NewDatabase(t)
	db, c := seededBase(t, address)
	holder := connect(t, address)
	tx, err := holder.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, writersKey); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		done <- db.AddJuror(ctx, &data.Juror{CampaignID: c.ID, Name: "Claire Vasseur", College: data.CollegeElu})
	}()
	admin := connect(t, address)
	if _, err := admin.Exec(ctx, `SELECT pg_terminate_backend($1)`, waiter(t, admin)); err != nil {
		t.Fatal(err)
	}
	msg := data.ErrorMessage(<-done)
	if !strings.Contains(msg, "a été perdue : rien n'a été enregistré") {
		t.Fatalf("connection lost mid-write: %q", msg)
	}
	tx.Rollback(ctx)
	if jurorNamed(t, db, c, "Claire Vasseur") {
		t.Fatal("the juror was written")
	}
}

// The connection lost once the COMMIT was sent: this desk cannot know whether
// the server wrote the transaction, and says so instead of « rien n'a été
// enregistré ». A deferred trigger holds the COMMIT on a lock the test keeps.
func TestConnectionLostAtCommitSaysUncertain(t *testing.T) {
	address := pgtest.NewDatabase(t)
	db, c := seededBase(t, address)
	admin := connect(t, address)
	if _, err := admin.Exec(ctx, `
		CREATE FUNCTION hold_commit() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN PERFORM pg_advisory_lock(4242); RETURN NULL; END $$;
		CREATE CONSTRAINT TRIGGER hold_commit AFTER INSERT ON jurors
		DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION hold_commit();
		SELECT pg_advisory_lock(4242)`); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		done <- db.AddJuror(ctx, &data.Juror{CampaignID: c.ID, Name: "Claire Vasseur", College: data.CollegeElu})
	}()
	if _, err := admin.Exec(ctx, `SELECT pg_terminate_backend($1)`, waiter(t, admin)); err != nil {
		t.Fatal(err)
	}
	msg := data.ErrorMessage(<-done)
	if !strings.Contains(msg, "a pu être enregistrée ou non") || strings.Contains(msg, "rien n'a été enregistré") {
		t.Fatalf("connection lost during the COMMIT: %q", msg)
	}
}

// An address without sslmode to a server without TLS: pgx silently talks in
// clear. Read from the connection made, not from the address, the base warns,
// naming the server and what to add to the address.
func TestClearConnectionToRemoteServerWarns(t *testing.T) {
	postgres.PretendRemote(t)
	address, _, _ := strings.Cut(pgtest.NewDatabase(t), "?")
	db := open(t, address)
	warnings := connectionWarnings(db)
	if len(warnings) != 1 || !strings.Contains(warnings[0], "La connexion à 127.0.0.1:") || !strings.Contains(warnings[0], "n'est pas chiffrée") ||
		!strings.Contains(warnings[0], "?sslmode=verify-full") {
		t.Fatalf("warnings of a clear connection to a remote server: %q", warnings)
	}
}

// The same connection on this machine's loopback says nothing: nothing
// crosses the network.
func TestClearConnectionOnLoopbackDoesNotWarn(t *testing.T) {
	address, _, _ := strings.Cut(pgtest.NewDatabase(t), "?")
	if w := connectionWarnings(open(t, address)); len(w) != 0 {
		t.Fatalf("warnings on the loopback: %q", w)
	}
}

// The connection to a server with TLS is encrypted: no warning, however
// remote the server (the same address text as the clear one, without sslmode).
func TestEncryptedConnectionDoesNotWarn(t *testing.T) {
	postgres.PretendRemote(t)
	address, _, _ := strings.Cut(pgtest.DedicatedTLS(t), "?")
	if w := connectionWarnings(open(t, address)); len(w) != 0 {
		t.Fatalf("warnings of an encrypted connection: %q", w)
	}
	if w := connectionWarnings(open(t, address+"?sslmode=require")); len(w) != 0 {
		t.Fatalf("warnings with sslmode=require: %q", w)
	}
}

// connectionWarnings are a base's warnings about its connection, without the
// one every test connection gets as a superuser (see desks_test.go).
func connectionWarnings(st data.Store) []string {
	var out []string
	for _, w := range st.(data.Warner).Warnings() {
		if !w.AsOwner {
			out = append(out, w.Text)
		}
	}
	return out
}
