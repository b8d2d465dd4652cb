package ui

import (
	"os"
	"testing"
)

// TestMain gives the tests a profile of their own: the journal heads each
// desk keeps (cmd/backend's book) never land in the real user's settings.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "cohesion-profil-")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_CONFIG_HOME", dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
