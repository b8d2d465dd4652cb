package main

import (
	"testing"

	"github.com/BurntSushi/toml"
)

// The top-level FyneApp.toml is the one source of the app's identity.
func TestMetadataMatchesFyneAppToml(t *testing.T) {
	var f struct {
		Details struct {
			Icon, Name, ID, Version string
			Build                   int
		}
	}
	if _, err := toml.DecodeFile("../../FyneApp.toml", &f); err != nil {
		t.Fatal(err)
	}
	d := f.Details
	if d.Name != appName || d.ID != appID || d.Version != appVersion || d.Build != appBuild {
		t.Fatalf("FyneApp.toml says %+v, metadata.go says %s %s %s %d", d, appName, appID, appVersion, appBuild)
	}
	if d.Icon != "assets/icon.png" {
		t.Fatalf("icon %s: the binary embeds assets/icon.png", d.Icon)
	}
}
