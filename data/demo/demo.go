// Package demo builds FICTIONAL applications for Cohésion: a hand-written
// demonstration set of 30 applications to the CALL's AMI 2021 (DemoSet), and
// synthetic applications in any number for benchmarks and load tests (Generate).
//
// Nothing here describes a real structure or person. Every structure's name ends
// with « (fictif) », every number starts with DEMO- or GEN- (never the campaign's
// own AMI2021-xxx), e-mail addresses use the reserved example.org domain. The
// SIRETs pass the Luhn check so that the application accepts them; they were not
// looked up and may by chance belong to a real establishment.
package demo

import (
	"strings"
	"time"

	"github.com/call-agglo/cohesion/data"
)

// DemoLabel names the demonstration data wherever the application shows it.
const DemoLabel = "Jeu de démonstration fictif"

// Number prefixes of the fictional applications.
const (
	DemoPrefix = "DEMO-" // DemoSet: DEMO-001…DEMO-030
	GenPrefix  = "GEN-"  // Generate: GEN-000001…
)

// FictionSuffix ends the name of every fictional structure.
const FictionSuffix = " (fictif)"

// IsDemoNumber reports whether an application number is one of this package's
// fictional numbers: DEMO- or GEN- followed by digits only.
func IsDemoNumber(number string) bool {
	var rest string
	switch {
	case strings.HasPrefix(number, DemoPrefix):
		rest = number[len(DemoPrefix):]
	case strings.HasPrefix(number, GenPrefix):
		rest = number[len(GenPrefix):]
	default:
		return false
	}
	if rest == "" {
		return false
	}
	for i := 0; i < len(rest); i++ {
		if rest[i] < '0' || rest[i] > '9' {
			return false
		}
	}
	return true
}

// The four themes of the AMI 2021, in the order of the call's text.
const (
	themeMobilite = iota
	themeSante
	themeEducation
	themeInsertion
	nThemes
)

// themeKeys are the folded labels' prefixes that identify each theme.
var themeKeys = [nThemes]string{"mobilite", "sante", "education", "insertion"}

// resolveThemes maps each of the four themes to the index of the campaign's theme:
// by label first, then by position, then in turn. -1 when the campaign has none.
func resolveThemes(c *data.Campaign) [nThemes]int {
	var out [nThemes]int
	for k := range out {
		out[k] = -1
		for i, t := range c.Themes {
			if strings.HasPrefix(data.FoldKey(t.Label), themeKeys[k]) {
				out[k] = i
				break
			}
		}
		if out[k] < 0 {
			for i, t := range c.Themes {
				if t.Position == k+1 {
					out[k] = i
					break
				}
			}
		}
		if out[k] < 0 && len(c.Themes) > 0 {
			out[k] = k % len(c.Themes)
		}
	}
	return out
}

func themeID(c *data.Campaign, idx [nThemes]int, k int) int64 {
	if i := idx[k]; i >= 0 {
		return c.Themes[i].ID
	}
	return 0
}

// qpvCommunes are the CALL's communes that have a quartier prioritaire, with
// their postal code and name (to find them in a campaign that lacks the INSEE code).
var qpvCommunes = map[string]struct{ cp, name string }{
	"62032": {"62143", "Angres"},
	"62065": {"62210", "Avion"},
	"62133": {"62420", "Billy-Montigny"},
	"62186": {"62160", "Bully-les-Mines"},
	"62291": {"62300", "Éleu-dit-Leauwette"},
	"62351": {"62740", "Fouquières-lès-Lens"},
	"62386": {"62160", "Grenay"},
	"62413": {"62440", "Harnes"},
	"62464": {"62410", "Hulluch"},
	"62498": {"62300", "Lens"},
	"62510": {"62800", "Liévin"},
	"62523": {"62218", "Loison-sous-Lens"},
	"62528": {"62750", "Loos-en-Gohelle"},
	"62563": {"62670", "Mazingarbe"},
	"62570": {"62680", "Méricourt"},
	"62737": {"62114", "Sains-en-Gohelle"},
	"62771": {"62430", "Sallaumines"},
	"62842": {"62880", "Vendin-le-Vieil"},
	"62895": {"62410", "Wingles"},
}

// address is the head office's street line, postal code and town (the
// commune's name), as the Cerfa n° 12156 asks them.
func address(c *data.Campaign, street, insee string) (string, string, string) {
	if insee == "" {
		return street, "", ""
	}
	return street, qpvCommunes[insee].cp, c.CommuneName(insee)
}

// window returns the campaign's launch and deadline, with the AMI 2021's dates
// (08/03/2021 – 30/04/2021) standing in for unset ones.
func window(c *data.Campaign) (launch, deadline data.Date) {
	launch, deadline = c.Launch, c.Deadline
	switch {
	case deadline.IsZero() && launch.IsZero():
		launch, deadline = data.NewDate(2021, time.March, 8), data.NewDate(2021, time.April, 30)
	case deadline.IsZero():
		deadline = launch.AddDays(53)
	case launch.IsZero() || deadline.Before(launch):
		launch = deadline.AddDays(-53)
	}
	return launch, deadline
}

// daysBetween counts the civil days from a to b.
func daysBetween(a, b data.Date) int {
	ta := time.Date(a.Year, a.Month, a.Day, 12, 0, 0, 0, time.UTC)
	tb := time.Date(b.Year, b.Month, b.Day, 12, 0, 0, 0, time.UTC)
	return int(tb.Sub(ta).Hours() / 24)
}

func at(d data.Date, hour, minute int) time.Time {
	return time.Date(d.Year, d.Month, d.Day, hour, minute, 0, 0, data.Paris)
}

// documents returns a complete checklist but for the missing pieces.
func documents(missing ...data.Document) map[data.Document]bool {
	m := make(map[data.Document]bool, len(data.Documents))
	for _, d := range data.Documents {
		m[d] = true
	}
	for _, d := range missing {
		m[d] = false
	}
	return m
}

// campaignQPVs keeps the codes the campaign knows, in order, without duplicates.
func campaignQPVs(c *data.Campaign, codes []string) []string {
	var out []string
	for _, code := range codes {
		q, ok := c.QPVByCodeOrName(code)
		if !ok {
			continue
		}
		dup := false
		for _, o := range out {
			if o == q.Code {
				dup = true
			}
		}
		if !dup {
			out = append(out, q.Code)
		}
	}
	return out
}

// campaignCommune returns the INSEE code if the campaign lists that commune, else
// the code of a commune of the same name, else "".
func campaignCommune(c *data.Campaign, insee string) string {
	for _, m := range c.Communes {
		if m.INSEE == insee {
			return insee
		}
	}
	if name := qpvCommunes[insee].name; name != "" {
		if m, ok := c.CommuneByNameOrCode(name); ok {
			return m.INSEE
		}
	}
	return ""
}
