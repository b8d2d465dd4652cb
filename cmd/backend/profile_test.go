package backend_test

import (
	"os"
	"path/filepath"
)

// The journal heads each desk keeps (cmd/backend's book) go to a folder of
// the tests', never into the real user's settings.
func init() { os.Setenv("XDG_CONFIG_HOME", filepath.Join(os.TempDir(), "cohesion-tests-profil")) }
