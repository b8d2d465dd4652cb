// Package cohesion is what the top-level FyneApp.toml says of the application:
// its name, identifier and version, read by the window (« À propos »), the
// command line (--version), the Windows resources and the installer
// (scripts/winres). The file is embedded here, at the top of the module,
// because go:embed cannot reach a parent folder: raising Version in
// FyneApp.toml is then the whole of a release's renumbering.
package cohesion

import (
	_ "embed"
	"fmt"
	"strings"

	"github.com/BurntSushi/toml"
)

// FyneAppToml is the text of FyneApp.toml as built in.
//
//go:embed FyneApp.toml
var FyneAppToml string

// Identity is the application's identity as FyneApp.toml states it.
type Identity struct {
	Website string
	Details struct {
		Icon, Name, ID, Version string
		Build                   int
	}
	Windows struct{ Publisher, Copyright string }
}

// App is the identity this build embeds.
var App = mustParse(FyneAppToml)

// Parse reads the text of a FyneApp.toml.
func Parse(text string) (Identity, error) {
	var id Identity
	if _, err := toml.Decode(text, &id); err != nil {
		return id, fmt.Errorf("FyneApp.toml : %w", err)
	}
	if strings.TrimSpace(id.Details.Name) == "" || strings.TrimSpace(id.Details.Version) == "" {
		return id, fmt.Errorf("FyneApp.toml : Details.Name ou Details.Version manque")
	}
	return id, nil
}

// mustParse fails the build's first run, not a user's: the file is the
// build's own, and the package's test reads it.
func mustParse(text string) Identity {
	id, err := Parse(text)
	if err != nil {
		panic(err)
	}
	return id
}

// Title is « Cohésion 0.1.0 »: what --version prints and « À propos » shows.
func (id Identity) Title() string { return id.Details.Name + " " + id.Details.Version }

// About is the text of « À propos de Cohésion », the open base named last.
func (id Identity) About(base string) string {
	return id.Title() + "\nGestion des appels à manifestation d'intérêt\nde la politique de la ville.\n\n" +
		id.Windows.Copyright + "\n\nBase : " + base
}
