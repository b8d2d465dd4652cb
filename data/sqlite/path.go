package sqlite

import (
	"os"
	"path/filepath"
)

// DefaultPath is where the GUI keeps its database, and where the CLI looks without
// --db: %AppData%\Cohesion\cohesion.db on Windows, ~/.config/Cohesion/cohesion.db
// on Linux. COHESION_DB overrides it (tests, a shared folder, a demo).
func DefaultPath() string {
	if p := os.Getenv("COHESION_DB"); p != "" {
		return p
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		dir = "."
	}
	return filepath.Join(dir, "Cohesion", "cohesion.db")
}
