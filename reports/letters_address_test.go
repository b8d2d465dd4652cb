package reports

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/call-agglo/cohesion/data"
)

// retainedApp is the first dossier of the fixture that gets an attribution.
func retainedApp(t *testing.T, in Input) *data.Application {
	t.Helper()
	for _, l := range in.Allocation.Lines {
		if l.AmountCents > 0 && in.Decisions[l.ID].Decision == data.DecisionRetenu {
			for i := range in.Applications {
				if in.Applications[i].ID == l.ID {
					return &in.Applications[i]
				}
			}
		}
	}
	t.Fatal("no grant in the fixture")
	return nil
}

// addressBlock is the lines of a letter page between the references and
// the place and date, as pdftotext lays them out.
func addressBlock(page string) []string {
	var out []string
	in := false
	for _, l := range strings.Split(page, "\n") {
		l = strings.TrimSpace(normalSpaces(l))
		switch {
		case strings.HasPrefix(l, "Affaire suivie par"):
			in = true
		case in && strings.Contains(l, ", le "):
			return out
		case in && l != "" && !strings.Contains(l, "@") && !strings.HasPrefix(l, "Tél"):
			out = append(out, l)
		}
	}
	return out
}

// A letter's address block is what La Poste asks (NF Z10-011): at most six
// lines of 38 characters, the street in capitals without punctuation, the
// last line « 62300 LENS »; and the attribution names the structure with a
// sentence that needs no article, whatever its name.
func TestLetterAddressForThePost(t *testing.T) {
	in := input(t, 0)
	a := retainedApp(t, in)
	a.Structure.Name = "Association Vivre à Méricourt"
	a.Structure.LegalRep = "Mme Martine Lefebvre"
	a.Structure.Address = "Maison des associations\n12, rue Jean-Jaurès"
	a.Structure.PostalCode, a.Structure.Town = "62680", "Méricourt"
	pages := pdfText(t, render(t, mustDoc(t)(LetterFor(in, a.ID)), "lettre.pdf"))
	block := addressBlock(pages[0])
	want := []string{"Association Vivre à Méricourt", "À l'attention de Mme Martine Lefebvre", "MAISON DES ASSOCIATIONS", "12 RUE JEAN JAURES", "62680 MERICOURT"}
	if strings.Join(block, "|") != strings.Join(want, "|") {
		t.Errorf("address block\n%q\nwant\n%q\n%s", block, want, pages[0])
	}
	for _, l := range block {
		if utf8.RuneCountInString(l) > data.PostalLineLength {
			t.Errorf("line of more than 38 characters: %q", l)
		}
	}
	text := squash(pages[0])
	if !strings.Contains(text, squash("a décidé d'attribuer à la structure Association Vivre à Méricourt une subvention")) {
		t.Errorf("attribution sentence:\n%s", pages[0])
	}
	if strings.Contains(text, squash("attribuer à Association")) {
		t.Errorf("« attribuer à Association » lacks its article:\n%s", pages[0])
	}
}

// No letter is written to an address without its postal code or town: the
// letters stop, naming each such dossier, and nothing is written.
func TestLettersRefuseAnAddressWithoutPostalCode(t *testing.T) {
	in := input(t, 0)
	a := retainedApp(t, in)
	a.Structure.Address, a.Structure.PostalCode, a.Structure.Town = "12 rue Jean Jaurès", "", ""
	_, err := Letters(in)
	if err == nil {
		t.Fatal("letters written to an address without postal code nor town")
	}
	for _, s := range []string{a.Number, "code postal", "localité", "aucune lettre n'a été produite"} {
		if !strings.Contains(err.Error(), s) {
			t.Errorf("message lacks %q: %v", s, err)
		}
	}
	if _, err := LetterFor(in, a.ID); err == nil || !strings.Contains(err.Error(), a.Number) {
		t.Errorf("letter of %s alone: %v", a.Number, err)
	}
	dir := filepath.Join(t.TempDir(), "lettres")
	if n, err := WriteLetters(in, dir); err == nil || n != 0 {
		t.Errorf("per-file letters: %d written, %v", n, err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("%d files written", len(entries))
	}
	if _, err := PlanLetters(in); err == nil {
		t.Error("the mail merge planned a letter to an incomplete address")
	}
}

// The screen names the incomplete addresses first, then may write the other
// letters.
func TestLettersSkipIncompleteAddresses(t *testing.T) {
	in := input(t, 0)
	all, err := PlanLetters(in)
	if err != nil {
		t.Fatal(err)
	}
	a := retainedApp(t, in)
	a.Structure.Address, a.Structure.PostalCode, a.Structure.Town = "12 rue Jean Jaurès", "", "Lens"
	bad, err := IncompleteAddresses(in)
	if err != nil || len(bad) != 1 || bad[0].Number != a.Number || strings.Join(bad[0].Missing, ",") != "code postal" {
		t.Fatalf("incomplete: %+v %v", bad, err)
	}
	in.SkipIncompleteAddresses = true
	letters, err := PlanLetters(in)
	if err != nil || len(letters) != len(all)-1 {
		t.Fatalf("%d letters of %d: %v", len(letters), len(all), err)
	}
	for _, l := range letters {
		if l.Application.Number == a.Number {
			t.Errorf("a letter to %s", a.Number)
		}
	}
}
