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
