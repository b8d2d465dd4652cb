package backend

import (
	"encoding/xml"
	"os"
	"regexp"
	"testing"
)

// The group policy template is well formed, its French texts cover every
// string and presentation it names, and it writes the key and values
// registry_windows.go reads.
func TestAdmxTemplate(t *testing.T) {
	admx := readXML(t, "../../scripts/windows/admx/Cohesion.admx")
	adml := readXML(t, "../../scripts/windows/admx/fr-FR/Cohesion.adml")
	for _, m := range regexp.MustCompile(`\$\(string\.(\w+)\)`).FindAllStringSubmatch(admx, -1) {
		if !regexp.MustCompile(`<string id="` + m[1] + `">`).MatchString(adml) {
			t.Errorf("no French string %s", m[1])
		}
	}
	for _, m := range regexp.MustCompile(`\$\(presentation\.(\w+)\)`).FindAllStringSubmatch(admx, -1) {
		if !regexp.MustCompile(`<presentation id="` + m[1] + `">`).MatchString(adml) {
			t.Errorf("no presentation %s", m[1])
		}
	}
	keys := regexp.MustCompile(`key="([^"]+)"`).FindAllStringSubmatch(admx, -1)
	if len(keys) != 2 {
		t.Fatalf("%d policies, want 2", len(keys))
	}
	for _, k := range keys {
		if k[1] != `Software\Policies\Cohesion` {
			t.Errorf("policy key %s", k[1])
		}
	}
	for _, v := range []string{"COHESION_DB", "COHESION_BACKUPS"} {
		if !regexp.MustCompile(`id="` + v + `" valueName="` + v + `"`).MatchString(admx) {
			t.Errorf("no value %s", v)
		}
		if !regexp.MustCompile(`<textBox refId="` + v + `">`).MatchString(adml) {
			t.Errorf("no text box for %s", v)
		}
	}
}

func readXML(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var v struct{ XMLName xml.Name }
	if err := xml.Unmarshal(b, &v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return string(b)
}
