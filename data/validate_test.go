package data_test

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/seed"
)

func asValidation(err error, v *data.ValidationErrors) bool { return errors.As(err, v) }

// luhnValid is an independent Luhn check, written from the right as the
// algorithm is usually stated: every second digit from the right is doubled.
func luhnValid(s string) bool {
	sum := 0
	for i := 0; i < len(s); i++ {
		c := s[len(s)-1-i]
		if c < '0' || c > '9' {
			return false
		}
		d := int(c - '0')
		if i%2 == 1 {
			d *= 2
			if d > 9 {
				d = d/10 + d%10
			}
		}
		sum += d
	}
	return len(s) > 0 && sum%10 == 0
}

// withLuhnKey appends the check digit that makes body+digit Luhn-valid.
func withLuhnKey(body string) string {
	for k := 0; k <= 9; k++ {
		if s := body + strconv.Itoa(k); luhnValid(s) {
			return s
		}
	}
	panic("no Luhn key for " + body)
}

// referenceSIRET is the rule stated independently: 14 ASCII digits with a Luhn
// key; for La Poste (SIREN 356000000), a digit sum divisible by 5 also does.
func referenceSIRET(s string) bool {
	if len(s) != 14 {
		return false
	}
	sum := 0
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return false
		}
		sum += int(c - '0')
	}
	if luhnValid(s) {
		return true
	}
	return strings.HasPrefix(s, "356000000") && sum%5 == 0
}

func TestLuhnHelper(t *testing.T) {
	// The helper itself against textbook values, so the SIRET tests stand on it.
	for s, want := range map[string]bool{"79927398713": true, "79927398710": false, "0": true, "18": true, "19": false} {
		if got := luhnValid(s); got != want {
			t.Errorf("luhnValid(%q) = %v", s, got)
		}
	}
	if got := withLuhnKey("7992739871"); got != "79927398713" {
		t.Errorf("withLuhnKey = %q", got)
	}
}

func TestValidSIRET(t *testing.T) {
	valid := []string{
		"73282932000074", // Apple France
		"55203253400646",
		"44306184100047", // Google France
		"35600000000048", // La Poste, siège: Luhn-valid
		withLuhnKey("1234567890123"),
		withLuhnKey("3000000000000"),
		withLuhnKey("8080808080808"),
		withLuhnKey("0000000000001"),
		"00000000000000",
	}
	for _, s := range valid {
		if !data.ValidSIRET(s) {
			t.Errorf("ValidSIRET(%q) = false, want true", s)
		}
	}
	invalid := []string{
		"73282932000075", // last digit changed
		"73282932000064", // another digit changed
		"37282932000074", // two digits swapped
		"55203253400647",
		"44306184100048",
		"7328293200007",   // 13 digits
		"732829320000740", // 15 digits
		"",
		"732 829 320 00074", // spaces: NormalizeSIRET first
		"7328293200007A",
		"７3282932000074", // full-width digit
		"-7328293200007",
	}
	for _, s := range invalid {
		if data.ValidSIRET(s) {
			t.Errorf("ValidSIRET(%q) = true, want false", s)
		}
	}
}

func TestValidSIRETLaPoste(t *testing.T) {
	// La Poste's establishments fail the Luhn check; their digit sum is a multiple of 5.
	var found int
	for nic := 0; nic < 100000 && found < 5; nic++ {
		s := "356000000" + pad5(nic)
		sum := 0
		for _, c := range s {
			sum += int(c - '0')
		}
		if luhnValid(s) || sum%5 != 0 {
			continue
		}
		found++
		if !data.ValidSIRET(s) {
			t.Errorf("ValidSIRET(%q) = false: La Poste, digit sum %d", s, sum)
		}
	}
	if found == 0 {
		t.Fatal("test built no La Poste number")
	}
	// Not Luhn, not a multiple of 5: refused even for La Poste.
	for _, s := range []string{"35600000000049", "35600000000050"} {
		if luhnValid(s) {
			t.Fatalf("bad test value %s", s)
		}
		if data.ValidSIRET(s) != referenceSIRET(s) {
			t.Errorf("ValidSIRET(%q) = %v, reference %v", s, data.ValidSIRET(s), referenceSIRET(s))
		}
	}
	// The exception is La Poste's alone: another SIREN with a digit sum divisible
	// by 5 but no Luhn key is refused.
	if s := "35600000100048"; luhnValid(s) || data.ValidSIRET(s) != referenceSIRET(s) {
		t.Errorf("ValidSIRET(%q) = %v", s, data.ValidSIRET(s))
	}
	if s := "12345678900005"; !luhnValid(s) && data.ValidSIRET(s) {
		t.Errorf("ValidSIRET(%q) accepted a non-Luhn number outside La Poste", s)
	}
}

func pad5(n int) string {
	s := strconv.Itoa(n)
	return strings.Repeat("0", 5-len(s)) + s
}

func TestValidSIRETMatchesReferenceOnNeighbours(t *testing.T) {
	// Every single-digit change of a valid number: exactly what Luhn says.
	for _, base := range []string{"73282932000074", "44306184100047", "35600000000048"} {
		for i := 0; i < 14; i++ {
			for d := byte('0'); d <= '9'; d++ {
				s := base[:i] + string(d) + base[i+1:]
				if got, want := data.ValidSIRET(s), referenceSIRET(s); got != want {
					t.Errorf("ValidSIRET(%q) = %v, reference %v", s, got, want)
				}
			}
		}
	}
}

func TestNormalizeSIRET(t *testing.T) {
	for in, want := range map[string]string{
		"732 829 320 00074":                          "73282932000074",
		"732" + nbsp + "829" + narrow + "320.000-74": "73282932000074",
		"73282932000074":                             "73282932000074",
	} {
		if got := data.NormalizeSIRET(in); got != want {
			t.Errorf("NormalizeSIRET(%q) = %q, want %q", in, got, want)
		}
		if !data.ValidSIRET(data.NormalizeSIRET(in)) {
			t.Errorf("NormalizeSIRET(%q) is not valid", in)
		}
	}
}

func FuzzValidSIRET(f *testing.F) {
	for _, s := range []string{
		"73282932000074", "55203253400646", "44306184100047", "35600000000048",
		"35600000000049", "35600000000050", "73282932000075", "", "00000000000000",
		"3560000000004", "356000000000488", "7328293200007A", "é3282932000074",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := data.ValidSIRET(s), referenceSIRET(s); got != want {
			t.Fatalf("ValidSIRET(%q) = %v, reference %v", s, got, want)
		}
		// Whatever NormalizeSIRET makes of it must not panic either, and a valid
		// SIRET is left alone.
		n := data.NormalizeSIRET(s)
		if data.ValidSIRET(s) && n != s {
			t.Fatalf("NormalizeSIRET changed a valid SIRET %q into %q", s, n)
		}
	})
}

func TestValidRNA(t *testing.T) {
	for _, s := range []string{"W623001234", "W751234567", "W9Z1000001", "W000000000"} {
		if !data.ValidRNA(s) {
			t.Errorf("ValidRNA(%q) = false", s)
		}
	}
	for _, s := range []string{"", "W", "W62300123", "W6230012345", "w623001234", "623001234W", "A623001234",
		"W 62300123", "W62300123a", "W62300123é", "W-23001234"} {
		if data.ValidRNA(s) {
			t.Errorf("ValidRNA(%q) = true", s)
		}
	}
}

func TestValidEmail(t *testing.T) {
	for _, s := range []string{
		"contact@asso-lens.fr", "jean.dupont@exemple.fr", "a+tag@sub.exemple.org",
		"Jean.Dupont@Exemple.FR", "élodie@exemple.fr", "a@b.co",
	} {
		if !data.ValidEmail(s) {
			t.Errorf("ValidEmail(%q) = false", s)
		}
	}
	for _, s := range []string{
		"", "contact", "contact@", "@exemple.fr", "contact@exemple", "contact@@exemple.fr",
		"contact@exemple.", "contact@exemple..fr", "contact.@exemple.fr", "jean dupont@exemple.fr",
		" contact@exemple.fr", "contact@exemple.fr ", "<contact@exemple.fr>",
		"Jean <contact@exemple.fr>", "contact@exemple.fr, autre@exemple.fr",
		"contact@[192.0.2.1]", // an IP literal is no address for a French association
		"contact@exemple.fr\n",
	} {
		if data.ValidEmail(s) {
			t.Errorf("ValidEmail(%q) = true", s)
		}
	}
}

func TestNormalizePhone(t *testing.T) {
	ok := map[string]string{
		"0321790790":                             "0321790790",
		"03 21 79 07 90":                         "0321790790",
		"03.21.79.07.90":                         "0321790790",
		"03-21-79-07-90":                         "0321790790",
		"03" + nbsp + "21" + narrow + "79 07 90": "0321790790",
		"+33 3 21 79 07 90":                      "0321790790",
		"+33321790790":                           "0321790790",
		"+33 (0)3 21 79 07 90":                   "0321790790",
		"+33 6 12 34 56 78":                      "0612345678",
		"  06 12 34 56 78  ":                     "0612345678",
		"09 70 00 00 00":                         "0970000000",
	}
	for in, want := range ok {
		got, valid := data.NormalizePhone(in)
		if !valid || got != want {
			t.Errorf("NormalizePhone(%q) = %q, %v; want %q", in, got, valid, want)
		}
	}
	for _, in := range []string{
		"", "321790790", "03 21 79 07 9", // 9 digits
		"03 21 79 07 900", "032179079012", // 11 and 12 digits
		"+33 3 21 79 07 9", "+33 3 21 79 07 900", // +33 with 8 or 10 digits
		"00 21 79 07 90", // no such prefix
		"03 21 79 O7 90", // letter O
		"tél. 03 21 79 07 90", "03 21 79 07 90 poste 12",
		"+44 20 7946 0958", "+1 212 555 0100",
		"3+3 3 21 79 07 90", "++33 3 21 79 07 90",
		"+", "+33",
	} {
		if got, valid := data.NormalizePhone(in); valid {
			t.Errorf("NormalizePhone(%q) = %q, true; want refused", in, got)
		}
	}
}

func TestFormatPhone(t *testing.T) {
	if got := data.FormatPhone("0321790790"); got != "03 21 79 07 90" {
		t.Errorf("FormatPhone = %q", got)
	}
	if got := data.FormatPhone("12345"); got != "12345" {
		t.Errorf("FormatPhone of a short string = %q, want it unchanged", got)
	}
}

func TestFieldLabel(t *testing.T) {
	if got := data.FieldLabel(data.FieldRequested); got != "Montant demandé" {
		t.Errorf("FieldLabel(requested) = %q", got)
	}
	if got := data.FieldLabel("inconnu"); got != "inconnu" {
		t.Errorf("FieldLabel of an unknown key = %q", got)
	}
}

// validApplication passes Validate against testCampaign.
func validApplication() *data.Application {
	return &data.Application{
		Number:   "AMI2021-001",
		Received: time.Date(2021, 4, 15, 10, 0, 0, 0, data.Paris),
		Structure: data.Structure{
			Name:    "Association Lens Solidarité",
			SIRET:   "44306184100047",
			RNA:     "W623001234",
			Commune: "62498",
			Email:   "contact@lens-solidarite.fr",
			Phone:   "03 21 79 07 90",
		},
		Title:          "Accompagnement scolaire",
		ThemeID:        10,
		QPVs:           []string{"QP062040"},
		Beneficiaries:  120,
		QPVSharePct:    60,
		Start:          data.NewDate(2021, time.September, 1),
		End:            data.NewDate(2022, time.June, 30),
		TotalCents:     4_000_000,
		RequestedCents: 1_500_000,
		Cofinancing:    []data.Cofinancing{{Funder: "État", AmountCents: 1_000_000}},
		Status:         data.StatusRecu,
	}
}

func validate(t *testing.T, a *data.Application, c *data.Campaign) data.ValidationErrors {
	t.Helper()
	err := a.Validate(c)
	if err == nil {
		return nil
	}
	var v data.ValidationErrors
	if !asValidation(err, &v) {
		t.Fatalf("Validate returned %T %v, want ValidationErrors", err, err)
	}
	if data.ErrorCode(err) != data.EINVALID {
		t.Errorf("ErrorCode = %q", data.ErrorCode(err))
	}
	if len(v) == 0 {
		t.Fatal("Validate returned an empty non-nil error")
	}
	return v
}

func TestValidateValidApplication(t *testing.T) {
	if v := validate(t, validApplication(), testCampaign()); v != nil {
		t.Fatalf("valid application refused: %v", v)
	}
	// Optional fields left empty are fine.
	a := validApplication()
	a.Structure = data.Structure{Name: "Club"}
	a.QPVs, a.ThemeID, a.TotalCents, a.Start, a.End, a.Cofinancing = nil, 0, 0, data.Date{}, data.Date{}, nil
	if v := validate(t, a, testCampaign()); v != nil {
		t.Fatalf("minimal application refused: %v", v)
	}
	// Requested equal to total is allowed; start equal to end too.
	a = validApplication()
	a.RequestedCents = a.TotalCents
	a.End = a.Start
	if v := validate(t, a, testCampaign()); v != nil {
		t.Fatalf("requested == total, start == end refused: %v", v)
	}
}

func TestValidateRules(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(a *data.Application)
		field string
		word  string // a French word the message must contain
	}{
		{"no structure name", func(a *data.Application) { a.Structure.Name = "" }, data.FieldStructure, "obligatoire"},
		{"blank structure name", func(a *data.Application) { a.Structure.Name = " \t" + nbsp }, data.FieldStructure, "obligatoire"},
		{"no title", func(a *data.Application) { a.Title = "" }, data.FieldTitle, "obligatoire"},
		{"no requested amount", func(a *data.Application) { a.RequestedCents = 0 }, data.FieldRequested, "obligatoire"},
		{"negative requested amount", func(a *data.Application) { a.RequestedCents = -100 }, data.FieldRequested, "négatif"},
		{"requested too big", func(a *data.Application) { a.RequestedCents = data.MaxCents + 1; a.TotalCents = 0 }, data.FieldRequested, "élevé"},
		{"requested over total", func(a *data.Application) { a.RequestedCents = a.TotalCents + 1 }, data.FieldRequested, "dépasse"},
		{"negative total", func(a *data.Application) { a.TotalCents = -1 }, data.FieldTotal, "limites"},
		{"total too big", func(a *data.Application) { a.TotalCents = data.MaxCents + 1 }, data.FieldTotal, "limites"},
		{"negative cofinancing", func(a *data.Application) { a.Cofinancing[0].AmountCents = -5 }, data.FieldCofinancing, "montant"},
		{"cofinancing without funder", func(a *data.Application) { a.Cofinancing[0].Funder = " " }, data.FieldCofinancing, "financeur"},
		{"negative beneficiaries", func(a *data.Application) { a.Beneficiaries = -1 }, data.FieldBeneficiaries, "négatif"},
		{"QPV share over 100", func(a *data.Application) { a.QPVSharePct = 101 }, data.FieldQPVShare, "100 %"},
		{"negative QPV share", func(a *data.Application) { a.QPVSharePct = -1 }, data.FieldQPVShare, "comprise"},
		{"end before start", func(a *data.Application) { a.End = a.Start.AddDays(-1) }, data.FieldEnd, "précède"},
		{"unknown QPV", func(a *data.Application) { a.QPVs = []string{"QP062999"} }, data.FieldQPV, "inconnu"},
		{"QPV twice", func(a *data.Application) { a.QPVs = []string{"QP062040", "QP062040"} }, data.FieldQPV, "deux fois"},
		{"QPV by code and by name", func(a *data.Application) { a.QPVs = []string{"QP062040", "Cité Saint-Pierre"} }, data.FieldQPV, "deux fois"},
		{"unknown commune", func(a *data.Application) { a.Structure.Commune = "75056" }, data.FieldCommune, "commune"},
		{"unknown theme", func(a *data.Application) { a.ThemeID = 99 }, data.FieldTheme, "inconnue"},
		{"SIRET of 13 digits", func(a *data.Application) { a.Structure.SIRET = "4430618410004" }, data.FieldSIRET, "14 chiffres"},
		{"SIRET with a letter", func(a *data.Application) { a.Structure.SIRET = "4430618410004A" }, data.FieldSIRET, "14 chiffres"},
		{"SIRET with a bad key", func(a *data.Application) { a.Structure.SIRET = "44306184100048" }, data.FieldSIRET, "clé"},
		{"bad RNA", func(a *data.Application) { a.Structure.RNA = "623001234" }, data.FieldRNA, "W"},
		{"bad e-mail", func(a *data.Application) { a.Structure.Email = "contact@" }, data.FieldEmail, "invalide"},
		{"bad phone", func(a *data.Application) { a.Structure.Phone = "03 21 79 07" }, data.FieldPhone, "téléphone"},
		{"title too long", func(a *data.Application) { a.Title = strings.Repeat("é", 501) }, data.FieldTitle, "trop long"},
		{"summary too long", func(a *data.Application) { a.Summary = strings.Repeat("a", data.MaxTextLen+1) }, data.FieldSummary, "trop long"},
		{"number too long", func(a *data.Application) { a.Number = strings.Repeat("1", 65) }, data.FieldNumber, "trop long"},
		{"late without override", func(a *data.Application) { a.Late = true }, data.FieldLateOverride, "motif"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := validApplication()
			tt.edit(a)
			v := validate(t, a, testCampaign())
			msg := v.For(tt.field)
			if msg == "" {
				t.Fatalf("no error on %s; got %v", tt.field, v)
			}
			if !strings.Contains(msg, tt.word) {
				t.Errorf("message for %s = %q, want it to contain %q", tt.field, msg, tt.word)
			}
			if len(v) != 1 {
				t.Errorf("one broken rule gave %d errors: %v", len(v), v)
			}
		})
	}
}

func TestValidateBoundaries(t *testing.T) {
	c := testCampaign()
	ok := []func(a *data.Application){
		func(a *data.Application) { a.QPVSharePct = 0 },
		func(a *data.Application) { a.QPVSharePct = 100 },
		func(a *data.Application) { a.RequestedCents = 1 },
		func(a *data.Application) { a.TotalCents, a.RequestedCents = data.MaxCents, data.MaxCents },
		func(a *data.Application) { a.Title = strings.Repeat("é", 500) },
		func(a *data.Application) { a.Summary = strings.Repeat("é", data.MaxTextLen) },
		func(a *data.Application) { a.Late, a.LateOverride = true, "Accord du président" },
		func(a *data.Application) { a.Late, a.Status = true, data.StatusIrrecevable },
		func(a *data.Application) { a.QPVs = []string{"qp062040", "Camus"} }, // by code in lower case, by name
		func(a *data.Application) {
			a.Cofinancing = append(a.Cofinancing, data.Cofinancing{Funder: "Région", AmountCents: 0})
		},
	}
	ok = append(ok, func(a *data.Application) { a.Received = time.Time{} }) // a deposit date nobody typed
	for i, edit := range ok {
		a := validApplication()
		edit(a)
		if v := validate(t, a, c); v != nil {
			t.Errorf("case %d refused: %v", i, v)
		}
	}
}

func TestValidateReportsEverythingAtOnce(t *testing.T) {
	a := &data.Application{
		Structure:      data.Structure{SIRET: "123", Email: "x", Commune: "00000"},
		QPVs:           []string{"nulle part"},
		TotalCents:     -1,
		RequestedCents: 0,
		Start:          data.NewDate(2021, 9, 1),
		End:            data.NewDate(2021, 8, 1),
	}
	v := validate(t, a, testCampaign())
	for _, f := range []string{data.FieldStructure, data.FieldTitle, data.FieldRequested, data.FieldTotal,
		data.FieldEnd, data.FieldQPV, data.FieldCommune, data.FieldSIRET, data.FieldEmail} {
		if v.For(f) == "" {
			t.Errorf("no error on %s in %v", f, v)
		}
	}
	// Error() is French and names the fields by their labels.
	msg := v.Error()
	for _, w := range []string{"Structure : ", "Intitulé du projet : ", "Montant demandé : ", " ; "} {
		if !strings.Contains(msg, w) {
			t.Errorf("Error() = %q lacks %q", msg, w)
		}
	}
	if data.ErrorMessage(v) != msg {
		t.Errorf("ErrorMessage = %q", data.ErrorMessage(v))
	}
	if v.For(data.FieldPhone) != "" {
		t.Errorf("no phone, no phone error: %q", v.For(data.FieldPhone))
	}
}

func TestValidateWithoutCampaign(t *testing.T) {
	a := validApplication()
	v := validate(t, a, nil) // must not panic
	if v.For(data.FieldCommune) == "" || v.For(data.FieldQPV) == "" {
		t.Errorf("without a campaign, the commune and QPVs cannot be checked: %v", v)
	}
	a.Structure.Commune, a.QPVs, a.ThemeID = "", nil, 0
	if v := validate(t, a, nil); v != nil {
		t.Errorf("nothing campaign-bound left, still refused: %v", v)
	}
}

func TestValidateWithSeedCampaign(t *testing.T) {
	c, err := seed.DefaultCampaign()
	if err != nil {
		t.Fatalf("seed.DefaultCampaign: %v", err)
	}
	if len(c.Communes) == 0 || len(c.QPVs) == 0 {
		t.Fatal("seed campaign without communes or QPVs")
	}
	a := validApplication()
	a.ThemeID = 0 // the seed's themes have no IDs before storage
	a.Structure.Commune = c.Communes[0].INSEE
	a.QPVs = []string{c.QPVs[0].Code, c.QPVs[1].Name}
	if v := validate(t, a, c); v != nil {
		t.Fatalf("application on the seed campaign refused: %v", v)
	}
	a.Structure.Commune = "75056" // Paris is not in the CALL
	a.QPVs = []string{"QP075001"}
	v := validate(t, a, c)
	if v.For(data.FieldCommune) == "" || v.For(data.FieldQPV) == "" {
		t.Fatalf("Paris and its QPV accepted in the CALL: %v", v)
	}
}

func TestNormalize(t *testing.T) {
	a := &data.Application{
		Number: " AMI2021-001 ",
		Title:  "  Accompagnement" + nbsp + nbsp + "scolaire\n",
		Structure: data.Structure{
			Name:  "  Association\tLens  ",
			SIRET: "443 061 841 00047",
			RNA:   " w623001234 ",
			Phone: "+33 (0)3 21 79 07 90",
			Email: " contact@lens.fr ",
		},
		Summary:     "\n  Un résumé\n  sur deux lignes.  \n",
		Cofinancing: []data.Cofinancing{{Funder: "  État  "}},
	}
	a.Normalize()
	s := a.Structure
	checks := []struct{ got, want string }{
		{a.Number, "AMI2021-001"},
		{a.Title, "Accompagnement scolaire"},
		{s.Name, "Association Lens"},
		{s.SIRET, "44306184100047"},
		{s.RNA, "W623001234"},
		{s.Phone, "03 21 79 07 90"},
		{s.Email, "contact@lens.fr"},
		{a.Summary, "Un résumé\n  sur deux lignes."}, // inner line breaks kept
		{a.Cofinancing[0].Funder, "État"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("Normalize: got %q, want %q", c.got, c.want)
		}
	}
	// An unreadable phone number is kept, trimmed, for Validate to report.
	b := &data.Application{Structure: data.Structure{Phone: "  pas de téléphone "}}
	b.Normalize()
	if b.Structure.Phone != "pas de téléphone" {
		t.Errorf("Phone = %q", b.Structure.Phone)
	}
}

func TestErrors(t *testing.T) {
	if data.ErrorCode(nil) != "" || data.ErrorMessage(nil) != "" {
		t.Error("nil error has a code or a message")
	}
	e := data.Errorf(data.ENOTFOUND, "dossier %d introuvable", 7)
	if data.ErrorCode(e) != data.ENOTFOUND || data.ErrorMessage(e) != "dossier 7 introuvable" {
		t.Errorf("Errorf: %q %q", data.ErrorCode(e), data.ErrorMessage(e))
	}
	wrapped := errors.Join(errors.New("contexte"), e)
	if data.ErrorCode(wrapped) != data.ENOTFOUND {
		t.Errorf("wrapped code = %q", data.ErrorCode(wrapped))
	}
	// A foreign error never reaches the user in English: the message is
	// French and names the log file, where the detail goes.
	var logged []string
	data.SetDetailLog(func(line string) { logged = append(logged, line) }, "/tmp/cohesion.log")
	defer data.SetDetailLog(nil, "")
	other := errors.New("database or disk is full")
	msg := data.ErrorMessage(other)
	if data.ErrorCode(other) != data.EINTERNAL || strings.Contains(msg, "disk") || !strings.Contains(msg, "rien n'a été modifié") || !strings.Contains(msg, "/tmp/cohesion.log") {
		t.Errorf("foreign error: %q %q", data.ErrorCode(other), msg)
	}
	if len(logged) != 1 || !strings.Contains(logged[0], "database or disk is full") {
		t.Errorf("log: %q", logged)
	}
	var v data.ValidationErrors
	if v.Err() != nil {
		t.Error("empty ValidationErrors.Err() != nil")
	}
}
