package cli

import (
	"path/filepath"
	"testing"

	"github.com/call-agglo/cohesion/data/postgres/pgtest"
)

// eachBase runs a test on both engines: a new SQLite file, and a new database
// of the PostgreSQL test server (a failure under CI when it is missing).
func eachBase(t *testing.T, body func(t *testing.T, db string)) {
	t.Run("sqlite", func(t *testing.T) { body(t, filepath.Join(t.TempDir(), "c.db")) })
	t.Run("postgres", func(t *testing.T) { body(t, pgtest.NewDatabase(t)) })
}
