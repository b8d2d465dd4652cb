package demo

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/seed"
)

// campaign returns the default campaign with theme IDs 1..n, as once stored.
func campaign(t testing.TB) *data.Campaign {
	t.Helper()
	c, err := seed.DefaultCampaign()
	if err != nil {
		t.Fatal(err)
	}
	for i := range c.Themes {
		if c.Themes[i].ID == 0 {
			c.Themes[i].ID = int64(i + 1)
		}
	}
	return c
}

// checkApp checks what both the demo set and the generator promise.
func checkApp(t *testing.T, c *data.Campaign, a data.Application) {
	t.Helper()
	b := a
	b.Normalize()
	if err := b.Validate(c); err != nil {
		t.Errorf("%s: %v", a.Number, err)
	}
	if !reflect.DeepEqual(a.Structure, b.Structure) || a.Title != b.Title || a.Summary != b.Summary {
		t.Errorf("%s: Normalize changed the application: %+v", a.Number, b.Structure)
	}
	s := a.Structure
	if !strings.HasSuffix(s.Name, FictionSuffix) {
		t.Errorf("%s: structure %q not labelled fictional", a.Number, s.Name)
	}
	if !IsDemoNumber(a.Number) {
		t.Errorf("%s: not a demo number", a.Number)
	}
	if !data.ValidSIRET(s.SIRET) {
		t.Errorf("%s: SIRET %q", a.Number, s.SIRET)
	}
	if !luhnOK(s.SIRET[:9]) {
		t.Errorf("%s: SIREN %q fails the Luhn check", a.Number, s.SIRET[:9])
	}
	if s.RNA != "" && (!data.ValidRNA(s.RNA) || !strings.HasPrefix(s.RNA, "W62")) {
		t.Errorf("%s: RNA %q", a.Number, s.RNA)
	}
	if !strings.HasSuffix(s.Email, ".example.org") || !data.ValidEmail(s.Email) {
		t.Errorf("%s: e-mail %q", a.Number, s.Email)
	}
	if !strings.HasPrefix(s.Phone, "03 21 ") || len(s.Phone) != 14 {
		t.Errorf("%s: phone %q", a.Number, s.Phone)
	}
	if s.Commune == "" || s.LegalForm == "" || s.LegalRep == "" || s.Contact == "" || s.Address == "" {
		t.Errorf("%s: incomplete structure %+v", a.Number, s)
	}
	if a.ThemeID == 0 {
		t.Errorf("%s: no theme", a.Number)
	}
	if n := len(a.QPVs); n < 1 || n > 2 {
		t.Errorf("%s: %d QPV", a.Number, n)
	}
	for _, code := range a.QPVs {
		q, ok := c.QPVByCodeOrName(code)
		if !ok || !contains(q.Communes, s.Commune) {
			t.Errorf("%s: QPV %s not in the structure's commune %s", a.Number, code, s.Commune)
		}
	}
	if a.TotalCents < 3000_00 || a.TotalCents > 90000_00 {
		t.Errorf("%s: total %d", a.Number, a.TotalCents)
	}
	if a.RequestedCents < 2000_00 || a.RequestedCents > 30000_00 || a.RequestedCents > a.TotalCents {
		t.Errorf("%s: requested %d of %d", a.Number, a.RequestedCents, a.TotalCents)
	}
	if a.RequestedCents+a.CofinancingCents() > a.TotalCents {
		t.Errorf("%s: request %d + co-financing %d exceed the total %d", a.Number, a.RequestedCents, a.CofinancingCents(), a.TotalCents)
	}
	// The demonstration set is declared recevable once loaded (Load); the
	// synthetic dossiers come declared, an exemption covering missing pièces.
	wantStatus := data.StatusRecu
	if strings.HasPrefix(a.Number, GenPrefix) {
		wantStatus = data.StatusRecevable
		if (len(a.MissingRequired(c)) > 0) != (a.Exemption != "") {
			t.Errorf("%s: exemption %q with pièces missing %v", a.Number, a.Exemption, a.MissingRequired(c))
		}
	}
	if a.Status != wantStatus || a.Late {
		t.Errorf("%s: status %s late %v", a.Number, a.Status, a.Late)
	}
	if len(a.Documents) != len(data.Documents) {
		t.Errorf("%s: %d documents in the checklist", a.Number, len(a.Documents))
	}
	if a.Start.IsZero() || a.End.Before(a.Start) {
		t.Errorf("%s: period %s – %s", a.Number, a.Start.Format(), a.End.Format())
	}
	if a.Opinion != data.OpinionNone && a.OpinionText == "" {
		t.Errorf("%s: opinion without text", a.Number)
	}
	if got := data.DateOf(a.Received); got.Before(c.Launch) {
		t.Errorf("%s: received %s before the launch", a.Number, got.Format())
	}
}

func luhnOK(s string) bool {
	return luhnComplete(s[:len(s)-1]) == s
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

func TestDemoSet(t *testing.T) {
	c := campaign(t)
	apps := DemoSet(c)
	if len(apps) != 30 {
		t.Fatalf("%d applications, want 30", len(apps))
	}
	numbers := map[string]bool{}
	themes := map[int64]int{}
	qpvs := map[string]bool{}
	var requested int64
	late := 0
	for i, a := range apps {
		checkApp(t, c, a)
		if want := "DEMO-0" + pad(i+1, 2); a.Number != want {
			t.Errorf("number %s, want %s", a.Number, want)
		}
		if numbers[a.Number] {
			t.Errorf("duplicate number %s", a.Number)
		}
		numbers[a.Number] = true
		themes[a.ThemeID]++
		for _, q := range a.QPVs {
			qpvs[q] = true
		}
		requested += a.RequestedCents
		if c.IsLate(a.Received) {
			late++
			if !a.Received.After(data.NewDate(2021, time.April, 30).In(data.Paris)) {
				t.Errorf("%s late at %s", a.Number, data.FormatDateTime(a.Received))
			}
		} else if data.DateOf(a.Received).Before(data.NewDate(2021, time.March, 8)) {
			t.Errorf("%s received %s", a.Number, data.FormatDateTime(a.Received))
		}
		if a.Summary == "" || strings.Count(a.Summary, ". ") > 2 {
			t.Errorf("%s: summary of more than three sentences", a.Number)
		}
	}
	for _, th := range c.Themes {
		if themes[th.ID] < 5 {
			t.Errorf("theme %q: %d applications", th.Label, themes[th.ID])
		}
	}
	if len(qpvs) < 10 {
		t.Errorf("%d distinct QPV, want at least 10", len(qpvs))
	}
	if requested < 350000_00 || requested > 450000_00 || requested <= 2*c.EnvelopeCents {
		t.Errorf("requested %s for an envelope of %s", data.FormatEurosPlain(requested), data.FormatEurosPlain(c.EnvelopeCents))
	}
	if late != 2 {
		t.Errorf("%d late applications, want 2", late)
	}
	t.Logf("%d dossiers, %s demandés, %d QPV, %d hors délai", len(apps), data.FormatEurosPlain(requested), len(qpvs), late)

	// Fresh values on every call, and the same values.
	again := DemoSet(c)
	if !reflect.DeepEqual(apps, again) {
		t.Error("DemoSet is not deterministic")
	}
	again[0].QPVs[0] = "changed"
	again[0].Documents[data.DocRIB] = false
	if apps[0].QPVs[0] == "changed" || !apps[0].Documents[data.DocRIB] {
		t.Error("DemoSet shares slices or maps between calls")
	}
	// The late rule the store applies.
	for _, a := range apps {
		if _, changed := a.ApplyDeadline(c); changed != c.IsLate(a.Received) {
			t.Errorf("%s: ApplyDeadline %v", a.Number, changed)
		}
	}
}

func TestDemoSetUnsavedCampaign(t *testing.T) {
	c, err := seed.DefaultCampaign()
	if err != nil {
		t.Fatal(err)
	}
	apps := DemoSet(c) // theme IDs are all 0
	for _, a := range apps {
		if a.ThemeID != 0 {
			t.Fatalf("%s: ThemeID %d in an unsaved campaign", a.Number, a.ThemeID)
		}
		a.Normalize()
		if err := a.Validate(c); err != nil {
			t.Errorf("%s: %v", a.Number, err)
		}
	}
	// Themes renamed and reordered: matched by label, then position.
	c2 := campaign(t)
	c2.Themes[0], c2.Themes[2] = c2.Themes[2], c2.Themes[0]
	a := DemoSet(c2)[0] // a Mobilité project
	if th, _ := c2.ThemeByID(a.ThemeID); th.Label != "Mobilité" {
		t.Errorf("first demo application under %q", th.Label)
	}
}

func TestDemoSetOtherCalendar(t *testing.T) {
	c := campaign(t)
	c.Launch, c.Deadline = data.NewDate(2022, time.January, 10), data.NewDate(2022, time.March, 15)
	late := 0
	for _, a := range DemoSet(c) {
		if c.IsLate(a.Received) {
			late++
		}
		if data.DateOf(a.Received).Before(c.Launch) {
			t.Errorf("%s received %s before the launch", a.Number, data.FormatDateTime(a.Received))
		}
	}
	if late != 2 {
		t.Errorf("%d late, want 2", late)
	}
}

func TestGenerate(t *testing.T) {
	c := campaign(t)
	const n = 5000
	apps := Generate(c, n, 42)
	if len(apps) != n {
		t.Fatalf("%d applications", len(apps))
	}
	numbers := map[string]bool{}
	themes := map[int64]int{}
	qpvs := map[string]bool{}
	late := 0
	for i, a := range apps {
		checkApp(t, c, a)
		if want := "GEN-" + pad(i+1, 6); a.Number != want {
			t.Errorf("number %s, want %s", a.Number, want)
		}
		if numbers[a.Number] {
			t.Errorf("duplicate number %s", a.Number)
		}
		numbers[a.Number] = true
		themes[a.ThemeID]++
		for _, q := range a.QPVs {
			qpvs[q] = true
		}
		if c.IsLate(a.Received) {
			late++
		}
		if t.Failed() {
			t.FailNow()
		}
	}
	for _, th := range c.Themes {
		if themes[th.ID] < n/8 {
			t.Errorf("theme %q: %d applications", th.Label, themes[th.ID])
		}
	}
	if len(qpvs) != len(c.QPVs) {
		t.Errorf("%d distinct QPV of %d", len(qpvs), len(c.QPVs))
	}
	if late == 0 || late > n/20 {
		t.Errorf("%d late of %d", late, n)
	}

	if !reflect.DeepEqual(apps[:500], Generate(c, 500, 42)) {
		t.Error("Generate is not deterministic for a seed")
	}
	other := Generate(c, 500, 43)
	same := 0
	for i := range other {
		if reflect.DeepEqual(other[i], apps[i]) {
			same++
		}
	}
	if same > 0 {
		t.Errorf("seed 43 repeats %d applications of seed 42", same)
	}
	if Generate(c, 0, 1) != nil || Generate(c, -1, 1) != nil {
		t.Error("Generate with n <= 0")
	}
}

func TestGenerateSameStructureSameIdentity(t *testing.T) {
	c := campaign(t)
	byName := map[string]data.Structure{}
	for _, a := range Generate(c, 3000, 7) {
		if s, ok := byName[a.Structure.Name]; ok && s != a.Structure {
			t.Fatalf("%q has two identities: %+v / %+v", s.Name, s, a.Structure)
		}
		byName[a.Structure.Name] = a.Structure
	}
}

func TestGenerateBareCampaign(t *testing.T) {
	c := &data.Campaign{Code: "X", Title: "Vide", EnvelopeCents: 1, Quorum: 1}
	for _, a := range Generate(c, 200, 1) {
		a.Normalize()
		if err := a.Validate(c); err != nil {
			t.Fatalf("%s: %v", a.Number, err)
		}
	}
	for _, a := range DemoSet(c) {
		a.Normalize()
		if err := a.Validate(c); err != nil {
			t.Fatalf("%s: %v", a.Number, err)
		}
	}
}

// TestGenerate100000 checks the generator at the size of the performance
// measurements; its speed is BenchmarkGenerate100000's business.
func TestGenerate100000(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	apps := Generate(campaign(t), 100_000, 1)
	if len(apps) != 100_000 || apps[99_999].Number != "GEN-100000" {
		t.Errorf("%d applications, last number %s", len(apps), apps[len(apps)-1].Number)
	}
}

func TestIsDemoNumber(t *testing.T) {
	for s, want := range map[string]bool{
		"DEMO-001": true, "DEMO-030": true, "GEN-000001": true, "GEN-100000": true,
		"AMI2021-001": false, "DEMO-": false, "GEN-": false, "DEMO-01a": false, "demo-001": false, "": false, "XDEMO-001": false,
	} {
		if got := IsDemoNumber(s); got != want {
			t.Errorf("IsDemoNumber(%q) = %v", s, got)
		}
	}
}

func TestLuhnAndHelpers(t *testing.T) {
	// Known valid SIRET/SIREN: 732 829 320 00074 (a published example) and 356 000 000 is La Poste.
	if got := luhnComplete("7328293200007"); got != "73282932000074" {
		t.Errorf("luhnComplete = %s", got)
	}
	if got := luhnComplete("73282932"); got != "732829320" {
		t.Errorf("SIREN key = %s", got)
	}
	for i := 0; i < 1000; i++ {
		s := siret(pad(77_000_000+i*9973, 8), i%5)
		if !data.ValidSIRET(s) || !luhnOK(s[:9]) {
			t.Fatalf("siret %s", s)
		}
	}
	if pad(0, 3) != "000" || pad(7, 3) != "007" || pad(1234, 3) != "1234" || pad(100000, 6) != "100000" {
		t.Error("pad")
	}
	if got := slug("Vélo-École du Bassin minier (fictif)"); got != "velo-ecole-du-bassin-minier" {
		t.Errorf("slug = %q", got)
	}
	if got := email("Émilie", "Leroy", "Mobil'Emploi Artois (fictif)"); got != "e.leroy@mobil-emploi-artois.example.org" {
		t.Errorf("email = %q", got)
	}
}

func BenchmarkGenerate100000(b *testing.B) {
	c := campaign(b)
	b.ReportAllocs()
	for b.Loop() {
		Generate(c, 100_000, 1)
	}
}

func BenchmarkGenerate10000(b *testing.B) {
	c := campaign(b)
	b.ReportAllocs()
	for b.Loop() {
		Generate(c, 10_000, 1)
	}
}
