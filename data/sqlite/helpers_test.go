package sqlite_test

import (
	"database/sql"
	"errors"
	"testing"

	"github.com/call-agglo/cohesion/data"
)

func rawDB(t *testing.T, path string) *sql.DB {
	raw, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	return raw
}

func asValidation(err error, v *data.ValidationErrors) bool { return errors.As(err, v) }
