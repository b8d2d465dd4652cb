package reports

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/alloc"
	"github.com/call-agglo/cohesion/data/demo"
	"github.com/call-agglo/cohesion/data/jury"
	"github.com/call-agglo/cohesion/data/seed"
)

var genAt = time.Date(2021, time.June, 15, 10, 30, 0, 0, data.Paris)

// campaign is the seed campaign with IDs on its themes and criteria.
func campaign(t testing.TB) *data.Campaign {
	t.Helper()
	c, err := seed.DefaultCampaign()
	if err != nil {
		t.Fatal(err)
	}
	c.ID = 1
	for i := range c.Themes {
		c.Themes[i].ID = int64(10 + i)
	}
	for i := range c.Criteria {
		c.Criteria[i].ID = int64(100 + i)
	}
	return c
}

var jurorNames = []string{"Mme Claire Durand", "M. Jean Lefebvre", "Mme Nadia Benali", "M. Paul Vasseur", "Mme Sophie Caron"}

// input builds a complete input: the demo set (or n generated applications),
// five jurors, synthetic sheets, two déports, a ranking, decisions and a split.
func input(t testing.TB, n int) Input { return inputEnv(t, n, 0) }

// inputEnv is input with another envelope (0: the campaign's).
func inputEnv(t testing.TB, n int, envelope int64) Input {
	t.Helper()
	c := campaign(t)
	if envelope > 0 {
		c.EnvelopeCents = envelope
	}
	var apps []data.Application
	if n <= 0 {
		apps = demo.DemoSet(c)
	} else {
		apps = demo.Generate(c, n, 7)
	}
	for i := range apps {
		apps[i].ID = int64(i + 1)
		apps[i].ApplyDeadline(c)
		if apps[i].Status == data.StatusRecu {
			apps[i].Status = data.StatusRecevable
		}
	}
	var jurors []data.Juror
	for i, name := range jurorNames {
		jurors = append(jurors, data.Juror{ID: int64(i + 1), CampaignID: 1, Name: name, College: data.Colleges[i%len(data.Colleges)]})
	}
	conflicts := []data.Conflict{
		{JurorID: 2, ApplicationID: 1, Reason: "Membre du bureau de l'association", JurorName: jurorNames[1]},
		{JurorID: 4, ApplicationID: 3, Reason: "Conjoint salarié", JurorName: jurorNames[3]},
	}
	var sheets []jury.Sheet
	var cands []jury.Candidate
	for i := range apps {
		a := &apps[i]
		cands = append(cands, jury.CandidateOf(a))
		for _, j := range jurors {
			if j.ID == 5 && i%7 == 0 {
				continue // not every juror scores everything
			}
			sc := map[int64]int{}
			for k, cr := range c.Criteria {
				sc[cr.ID] = int((int64(i)*7 + j.ID*3 + int64(k)*5 + int64(i*i)) % int64(cr.Max+1))
				switch i % 4 {
				case 0:
					sc[cr.ID] = min(cr.Max, sc[cr.ID]+3)
				case 1:
					sc[cr.ID] = sc[cr.ID] / 2 // some projects fall below 10/20
				}
			}
			if j.ID == 3 && i == 4 {
				delete(sc, c.Criteria[2].ID) // one incomplete sheet
			}
			sheets = append(sheets, jury.Sheet{JurorID: j.ID, ApplicationID: a.ID, Scores: sc})
		}
	}
	var jc []jury.Conflict
	for _, cf := range conflicts {
		jc = append(jc, jury.Conflict{JurorID: cf.JurorID, ApplicationID: cf.ApplicationID})
	}
	rk := jury.Rank(jury.Input{Criteria: c.Criteria, Candidates: cands, Sheets: sheets, Conflicts: jc, Params: jury.ParamsOf(c)})
	decisions := map[int64]data.JuryDecision{}
	var ranked []alloc.Ranked
	for _, l := range rk.Lines {
		a := apps[l.ApplicationID-1]
		r := alloc.Ranked{ID: l.ApplicationID, Number: l.Number, Rank: l.Rank, Score: l.F, Below: l.Below(rk.Params),
			RequestedCents: a.RequestedCents, TotalCents: a.TotalCents}
		if l.Rank > 0 {
			if l.Below(rk.Params) {
				r.Decision = data.DecisionNonRetenu
				decisions[l.ApplicationID] = data.JuryDecision{ApplicationID: l.ApplicationID, Decision: data.DecisionNonRetenu,
					Motivation: "Le projet n'atteint pas la note minimale de 10/20 ; le besoin social n'est pas assez documenté.", JuryDate: c.Jury.From}
			} else {
				r.Decision = data.DecisionRetenu
				decisions[l.ApplicationID] = data.JuryDecision{ApplicationID: l.ApplicationID, Decision: data.DecisionRetenu, JuryDate: c.Jury.From}
			}
		}
		ranked = append(ranked, r)
	}
	res, err := alloc.Allocate(alloc.Select(ranked), alloc.DefaultParams(c.EnvelopeCents))
	if err != nil {
		t.Fatal(err)
	}
	// The jury follows the split: a project the envelope does not reach is
	// not retained (a retained project at 0 € contradicts the deliberation).
	for _, l := range res.Lines {
		if d, ok := decisions[l.ID]; ok && d.Decision == data.DecisionRetenu && l.AmountCents <= 0 {
			decisions[l.ID] = data.JuryDecision{ApplicationID: l.ID, Decision: data.DecisionNonRetenu, JuryDate: c.Jury.From,
				Motivation: "L'enveloppe de l'appel à manifestation d'intérêt est entièrement attribuée aux projets mieux classés."}
		}
	}
	return Input{
		Campaign: c, Applications: apps, Ranking: rk, Jurors: jurors, Conflicts: conflicts, Sheets: sheets,
		Decisions: decisions, Allocation: res, ScenarioName: "Scénario du jury",
		Deliberation: Deliberation{Number: "2021-0457", Date: data.NewDate(2021, time.September, 27)},
		GeneratedAt:  genAt,
	}
}

// render writes doc to a temporary PDF and returns its path.
func render(t testing.TB, doc *Document, name string) string {
	t.Helper()
	var b bytes.Buffer
	if err := Write(doc, &b); err != nil {
		t.Fatal(err)
	}
	dir := os.Getenv("REPORTS_OUT")
	if dir == "" {
		dir = t.TempDir()
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// pdfText extracts the text of a PDF with pdftotext -layout; one string per page.
func pdfText(t testing.TB, path string) []string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext absent")
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	pages := strings.Split(normalSpaces(string(out)), "\f")
	if len(pages) > 0 && strings.TrimSpace(pages[len(pages)-1]) == "" {
		pages = pages[:len(pages)-1]
	}
	return pages
}

// squash removes every space, so that text wrapped or laid out in columns
// can still be found.
func squash(s string) string {
	return strings.Join(strings.Fields(normalSpaces(s)), "")
}
