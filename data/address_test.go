package data

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// A plain CSV's « Adresse » often ends with « 62300 Lens »; démarches-
// simplifiées' « Établissement Adresse » ends with its own postal code and
// town. Both become street lines, a postal code and a town.
func TestNormalizeSplitsThePostalLine(t *testing.T) {
	for _, c := range []struct {
		address, code, town            string
		wantStreet, wantCode, wantTown string
	}{
		{"12 rue Jean Jaurès\n62300 Lens", "", "", "12 rue Jean Jaurès", "62300", "Lens"},
		{"12 rue Jean Jaurès, 62 300 Lens", "", "", "12 rue Jean Jaurès", "62300", "Lens"},
		{"12 RUE JEAN JAURES\n62210 AVION", "62210", "AVION", "12 RUE JEAN JAURES", "62210", "AVION"},
		{"Maison des associations\r\n  3  place  de la République \n62800 Liévin", "", "", "Maison des associations\n3 place de la République", "62800", "Liévin"},
		{"12 rue Jean Jaurès", "62 300", " Lens ", "12 rue Jean Jaurès", "62300", "Lens"},
		{"12 rue Jean Jaurès\n62300 Lens", "62800", "Liévin", "12 rue Jean Jaurès\n62300 Lens", "62800", "Liévin"},
	} {
		a := Application{Structure: Structure{Address: c.address, PostalCode: c.code, Town: c.town}}
		a.Normalize()
		s := a.Structure
		if s.Address != c.wantStreet || s.PostalCode != c.wantCode || s.Town != c.wantTown {
			t.Errorf("%q %q %q → %q %q %q, want %q %q %q", c.address, c.code, c.town, s.Address, s.PostalCode, s.Town, c.wantStreet, c.wantCode, c.wantTown)
		}
	}
}

// A postal code is five digits; an empty one (or an empty town) is accepted
// on the form and at import, flagged, and refused only by a letter.
func TestPostalCodeValidation(t *testing.T) {
	a := Application{Structure: Structure{Name: "Vivre à Méricourt", PostalCode: "6230"}, Title: "Projet", RequestedCents: 100}
	for code, ok := range map[string]bool{"62300": true, "": true, "6230X": false, "623001": false} {
		a.Structure.PostalCode = code
		err := a.Validate(nil)
		if got := err == nil; got != ok {
			t.Errorf("code %q: err %v", code, err)
		}
	}
	if m := (Structure{Address: "12 rue Jean Jaurès"}).PostalAddress().Missing(); !reflect.DeepEqual(m, []string{"code postal", "localité"}) {
		t.Errorf("missing %v", m)
	}
	// A base filled before the postal code had its own field: the address's
	// last part still gives it.
	if p := (Structure{Address: "12 rue Jean Jaurès, 62300 Lens"}).PostalAddress(); !p.Complete() || p.LastLine() != "62300 LENS" {
		t.Errorf("older one-line address: %+v", p)
	}
	if got := (Structure{Address: "Salle Léo Lagrange\nrue de Varsovie", PostalCode: "62300", Town: "Lens"}).PostalAddress().OneLine(); got != "Salle Léo Lagrange, rue de Varsovie, 62300 Lens" {
		t.Errorf("one line: %q", got)
	}
	if m := (Structure{Address: "12 rue Jean Jaurès", PostalCode: "62300", Town: "Lens"}).PostalAddress().Missing(); m != nil {
		t.Errorf("complete address: missing %v", m)
	}
}

// The address block follows NF Z10-011: at most six lines of 38 characters,
// no punctuation from the street line on, the last line « 62300 LENS ».
func TestPostalLinesFollowNFZ10011(t *testing.T) {
	s := Structure{Address: "12, rue de l'Égalité\nRésidence Les Œillets, bât. A", PostalCode: "62160", Town: "Bully-les-Mines"}
	got := s.PostalAddress().Lines("Association Vivre à Méricourt", "Mme Martine Lefebvre")
	want := []string{"Association Vivre à Méricourt", "À l'attention de Mme Martine Lefebvre", "12 RUE DE L EGALITE", "RESIDENCE LES OEILLETS BAT A", "62160 BULLY LES MINES"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("lines\n%q\nwant\n%q", got, want)
	}
	// A long name keeps all its words: the attention line goes first.
	two := Structure{Address: "Maison des associations, bâtiment B\n125, boulevard du Président Allende", PostalCode: "62300", Town: "Éleu-dit-Leauwette"}
	got = two.PostalAddress().Lines("Association intercommunale pour l'insertion des jeunes du Bassin minier", "Mme Martine Lefebvre")
	want = []string{"Association intercommunale pour", "l'insertion des jeunes du Bassin", "minier", "MAISON DES ASSOCIATIONS BATIMENT B",
		"125 BOULEVARD DU PRESIDENT ALLENDE", "62300 ELEU DIT LEAUWETTE"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("long name\n%q\nwant\n%q", got, want)
	}
	long := Structure{Address: "Maison de la vie associative et citoyenne du Bassin minier\nEntrée B, escalier 4, appartement 12\n125 boulevard du Président Salvador Allende", PostalCode: "62300", Town: "Lens"}
	got = long.PostalAddress().Lines("Association intercommunale pour l'insertion professionnelle des jeunes du Bassin minier", "Monsieur Jean-Christophe de La Motte-Beauregard")
	if len(got) > PostalMaxLines || got[len(got)-1] != "62300 LENS" {
		t.Errorf("long address: %q", got)
	}
	for _, l := range got {
		if utf8.RuneCountInString(l) > PostalLineLength {
			t.Errorf("line of %d characters: %q", utf8.RuneCountInString(l), l)
		}
	}
	if !strings.Contains(strings.Join(got, "\n"), "125 BOULEVARD DU PRESIDENT SALVADOR") {
		t.Errorf("the number and way went: %q", got)
	}
}
