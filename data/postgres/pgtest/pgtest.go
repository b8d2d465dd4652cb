// Package pgtest gives tests a fresh PostgreSQL database on the server that
// COHESION_TEST_PG names (scripts/pg-test.sh starts a throwaway one). Under CI
// a missing server fails the test; elsewhere it is skipped, saying how to
// start one.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

// Server is the address of the test server, or "".
func Server() string { return os.Getenv("COHESION_TEST_PG") }

// Need fails (under CI) or skips a test that needs the server when it is missing.
func Need(t testing.TB) string {
	t.Helper()
	s := Server()
	if s != "" {
		return s
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("COHESION_TEST_PG n'est pas défini : la CI doit démarrer PostgreSQL (scripts/pg-test.sh start)")
	}
	t.Skip("pas de serveur PostgreSQL de test : lancez eval \"$(scripts/pg-test.sh start)\" pour exécuter ce test")
	return ""
}

// NewDatabase creates an empty database for the test, dropped at its end, and
// returns its address.
func NewDatabase(t testing.TB) string {
	t.Helper()
	server := Need(t)
	ctx := context.Background()
	admin, err := pgx.Connect(ctx, server)
	if err != nil {
		t.Fatalf("serveur de test injoignable : %v", err)
	}
	defer admin.Close(ctx)
	b := make([]byte, 6)
	rand.Read(b)
	name := "cohesion_test_" + hex.EncodeToString(b)
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+name+" TEMPLATE template0 ENCODING 'UTF8'"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c, err := pgx.Connect(ctx, server)
		if err != nil {
			return
		}
		defer c.Close(ctx)
		c.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
	})
	u, err := url.Parse(server)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

// NewOwnedDatabase creates an empty database owned by an administrator role
// of its own, allowed to create roles (as the README's setup makes it), and
// returns the administrator's address and the database's name. The database,
// the administrator and every desk role made for it go at the test's end.
func NewOwnedDatabase(t testing.TB) (address, name string) {
	t.Helper()
	server := Need(t)
	ctx := context.Background()
	b := make([]byte, 6)
	rand.Read(b)
	name = "cohesion_own_" + hex.EncodeToString(b)
	admin := name + "_admin"
	execAll(t, server, "CREATE ROLE "+admin+" LOGIN CREATEROLE", "CREATE DATABASE "+name+" OWNER "+admin+" TEMPLATE template0 ENCODING 'UTF8'")
	t.Cleanup(func() {
		c, err := pgx.Connect(ctx, server)
		if err != nil {
			return
		}
		defer c.Close(ctx)
		c.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
		rows, _ := c.Query(ctx, `SELECT r.rolname FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member
			JOIN pg_roles g ON g.oid = m.roleid WHERE g.rolname = $1`, name+"_postes")
		desks, _ := pgx.CollectRows(rows, pgx.RowTo[string])
		for _, d := range append(desks, name+"_postes", admin) {
			c.Exec(ctx, "DROP ROLE IF EXISTS "+pgx.Identifier{d}.Sanitize())
		}
	})
	return As(Database(server, name), admin), name
}

// Database is the server's address for another database.
func Database(server, name string) string {
	u, err := url.Parse(server)
	if err != nil {
		panic(err)
	}
	u.Path = "/" + name
	return u.String()
}

// As is an address with another role.
func As(address, role string) string {
	u, err := url.Parse(address)
	if err != nil {
		panic(err)
	}
	u.User = url.User(role)
	return u.String()
}

func execAll(t testing.TB, address string, statements ...string) {
	t.Helper()
	ctx := context.Background()
	c, err := pgx.Connect(ctx, address)
	if err != nil {
		t.Fatalf("serveur de test injoignable : %v", err)
	}
	defer c.Close(ctx)
	for _, s := range statements {
		if _, err := c.Exec(ctx, s); err != nil {
			t.Fatalf("%s : %v", s, err)
		}
	}
}

// Dedicated starts a PostgreSQL server of the test's own (scripts/pg-test.sh,
// on this machine), removed at its end, for a test that stops it: the shared
// test server must keep serving the other tests. It returns the server's
// address and crash, which stops the server at once (pg_ctl -m immediate),
// as a power cut would.
func Dedicated(t testing.TB) (address string, crash func()) {
	t.Helper()
	return dedicated(t)
}

// DedicatedTLS is Dedicated with TLS on (a self-signed certificate).
func DedicatedTLS(t testing.TB) (address string) {
	t.Helper()
	address, _ = dedicated(t, "PGTEST_SSL=1")
	return address
}

func dedicated(t testing.TB, env ...string) (address string, crash func()) {
	t.Helper()
	Need(t) // no test server here: the same skip, or failure under CI
	script := filepath.Join(moduleRoot(t), "scripts", "pg-test.sh")
	cmd := exec.Command(script, "start")
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("serveur PostgreSQL dédié impossible à démarrer (%s) : %v", script, err)
	}
	var dir string
	for _, line := range strings.Split(string(out), "\n") {
		k, v, _ := strings.Cut(strings.TrimPrefix(line, "export "), "=")
		switch k {
		case "PGTEST_DIR":
			dir = v
		case "COHESION_TEST_PG":
			address = strings.Trim(v, "'")
		}
	}
	if dir == "" || address == "" {
		t.Fatalf("sortie inattendue de %s : %q", script, out)
	}
	t.Cleanup(func() { exec.Command(script, "stop", dir).Run() })
	return address, func() {
		if out, err := exec.Command(script, "crash", dir).CombinedOutput(); err != nil {
			t.Fatalf("arrêt du serveur dédié : %v %s", err, out)
		}
	}
}

// moduleRoot is the folder of go.mod, above the test's own.
func moduleRoot(t testing.TB) string {
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod introuvable au-dessus du dossier du test")
		}
		dir = parent
	}
}
