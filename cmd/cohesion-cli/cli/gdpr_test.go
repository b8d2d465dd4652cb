package cli

import (
	"encoding/json"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/call-agglo/cohesion/data"
)

// The export of a juror's data holds the journal's entries about her: in the
// demonstration, « Claire Vasseur (fictif) » is named by 29 entries of the
// journal (her seat, her grids), which the export used to leave out
// (« modifications_faites »: 0 and nothing else); the export counts them and
// the summary says how many.
func TestGDPRExportIncludesJournal(t *testing.T) {
	eachBase(t, func(t *testing.T, db string) {
		t.Setenv("COHESION_CAMPAIGN", data.DemoCode)
		runCLI(t, db, "init", "--demo")
		_, history, _ := runCLI(t, db, "history", "--limit", "100000")
		named := 0
		for _, line := range strings.Split(history, "\n") {
			if strings.Contains(line, "Claire Vasseur") {
				named++
			}
		}
		code, stdout, errs := runCLI(t, db, "gdpr", "export", "--person", "Vasseur")
		var rec struct {
			Entries int `json:"entrees_du_journal"`
			Journal []struct {
				Label string `json:"libelle"`
				Why   string `json:"lien"`
			} `json:"journal"`
		}
		if err := json.Unmarshal([]byte(stdout), &rec); code != 0 || err != nil {
			t.Fatalf("export: %d %v %q", code, err, errs)
		}
		mentions := 0
		for _, e := range rec.Journal {
			if strings.Contains(e.Label, "Claire Vasseur") {
				mentions++
			}
		}
		if named < 20 || mentions != named || rec.Entries != len(rec.Journal) {
			t.Fatalf("journal entries naming her: %d in the history, %d in the export (%d listed, %d counted)", named, mentions, len(rec.Journal), rec.Entries)
		}
		out := filepath.Join(t.TempDir(), "vasseur.json")
		if _, stdout, _ = runCLI(t, db, "gdpr", "export", "--person", "Vasseur", "-o", out); !strings.Contains(stdout, strconv.Itoa(rec.Entries)+" entrées du journal") {
			t.Fatalf("summary: %q", stdout)
		}
	})
}
