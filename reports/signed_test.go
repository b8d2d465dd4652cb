package reports

import (
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/call-agglo/cohesion/data"
)

// pagesRaw is pdftotext -raw, one string per page: the drawing order, where
// a footer's two lines follow each other.
func pagesRaw(t *testing.T, path string) []string {
	t.Helper()
	pages := strings.Split(pdfRaw(t, path), "\f")
	if len(pages) > 0 && strings.TrimSpace(pages[len(pages)-1]) == "" {
		pages = pages[:len(pages)-1]
	}
	return pages
}

// grantNumbers are the numbers of the applications the scenario funds, in
// the annex's order (by number).
func grantNumbers(in Input) []string {
	var out []string
	for _, l := range in.Allocation.Lines {
		if l.AmountCents > 0 {
			out = append(out, in.Applications[l.ID-1].Number)
		}
	}
	sort.Strings(out)
	return out
}

// Whatever the length of the table, the annex's last page holds its last
// rows, its total, « Arrêté le présent état… » and the signature: the block
// a secretary signs never stands alone.
func TestAnnexSignatureStaysWithTheTotal(t *testing.T) {
	inputs := []Input{input(t, 0)}
	for i, env := range []int64{30_000, 45_000, 60_000, 75_000, 90_000, 105_000, 120_000, 135_000, 160_000, 200_000, 260_000} {
		inputs = append(inputs, inputEnv(t, 40+5*i, env*100))
	}
	for _, in := range inputs {
		numbers := grantNumbers(in)
		name := fmt.Sprintf("annexe-%d.pdf", len(numbers))
		pages := pdfText(t, render(t, mustDoc(t)(Annex(in)), name))
		last := pages[len(pages)-1]
		total := fmt.Sprintf("Total : %d subvention", len(numbers))
		for _, want := range []string{total, "Arrêté le présent état à la somme de " + normalSpaces(data.FormatEuros(in.Allocation.TotalCents)),
			"Fait à Liévin, le 27/09/2021", "Le Président", numbers[len(numbers)-1]} {
			if !strings.Contains(last, want) {
				t.Errorf("%s (%d pages): the last page lacks %q:\n%s", name, len(pages), want, last)
			}
		}
		if len(numbers) > 1 && !strings.Contains(last, numbers[len(numbers)-2]) {
			t.Errorf("%s: the last page holds only the last row", name)
		}
		for i, p := range pages[:len(pages)-1] {
			if strings.Contains(p, "Arrêté le présent état") || strings.Contains(p, "Fait à") {
				t.Errorf("%s: the closing on page %d, before the last", name, i+1)
			}
		}
	}
}

// The annex says which amounts the jury fixed by hand: a mention in the
// row's observations, explained by a legend under the table.
func TestAnnexMarksAmountsFixedByHand(t *testing.T) {
	in := input(t, 0)
	pages := pdfText(t, render(t, mustDoc(t)(Annex(in)), "annexe-calcul.pdf"))
	if all := strings.Join(pages, "\n"); strings.Contains(all, LockedMention) {
		t.Fatalf("no amount fixed by hand, yet the mention:\n%s", all)
	}
	var locked []string
	for i := range in.Allocation.Lines {
		l := &in.Allocation.Lines[i]
		if l.AmountCents > 0 && len(locked) < 2 && i%2 == 1 {
			l.Locked, l.Reason = true, data.ReasonLocked
			locked = append(locked, in.Applications[l.ID-1].Number)
		}
	}
	pages = pdfText(t, render(t, mustDoc(t)(Annex(in)), "annexe-fixes.pdf"))
	all := strings.Join(pages, "\n")
	for _, line := range strings.Split(all, "\n") {
		fixed := strings.Contains(line, LockedMention+" ") || strings.HasSuffix(line, LockedMention)
		for _, n := range grantNumbers(in) {
			if strings.HasPrefix(line, n+" ") {
				want := n == locked[0] || n == locked[1]
				if fixed != want {
					t.Errorf("row %s: mention %v, fixed by hand %v: %q", n, fixed, want, line)
				}
			}
		}
	}
	legend := "Montant fixé par le jury : montant arrêté à la main par le jury, hors du calcul de la répartition ; les autres montants résultent de la méthode « Rang »."
	if last := squash(pages[len(pages)-1]); !strings.Contains(last, squash(legend)) {
		t.Errorf("no legend on the last page:\n%s", pages[len(pages)-1])
	}
}

// The footer carries the campaign's whole title, on two lines if need be;
// a title longer still ends with « … » after a whole word.
func TestAnnexFooterTitleNotCut(t *testing.T) {
	in := input(t, 0)
	in.Campaign.Title = "[Jeu de démonstration fictif] Changer la vie des habitants des quartiers prioritaires de la politique de la ville ensemble, pour plus d'efficacité et de diversité, dans les vingt et un quartiers de l'agglomération"
	pages := pagesRaw(t, render(t, mustDoc(t)(Annex(in)), "annexe-titre.pdf"))
	whole := squash(in.Campaign.Code + " — " + in.Campaign.Title)
	for i, p := range pages {
		if !strings.Contains(squash(p), whole) {
			t.Errorf("page %d: the footer lacks the whole title:\n%s", i+1, p)
		}
	}
	in.Campaign.Title = strings.Repeat("Changer la vie des habitants des quartiers prioritaires, ", 8) + "fin"
	pages = pagesRaw(t, render(t, mustDoc(t)(Annex(in)), "annexe-titre-long.pdf"))
	lines := strings.Split(pages[0], "\n")
	for i, l := range lines {
		if !strings.HasPrefix(l, in.Campaign.Code+" — Changer") {
			continue
		}
		second := lines[i+1]
		kept := strings.TrimSuffix(normalSpaces(l+" "+second), "…")
		title := normalSpaces(in.Campaign.Code + " — " + in.Campaign.Title)
		if !strings.HasSuffix(second, "…") || !strings.HasPrefix(title, kept) || !strings.HasPrefix(title[len(kept):], " ") {
			t.Errorf("shortened title %q / %q: not cut after a whole word with « … »", l, second)
		}
		return
	}
	t.Errorf("no footer on the first page:\n%s", pages[0])
}

// attributionOf is a dossier the scenario funds.
func attributionOf(t *testing.T, in Input) *data.Application {
	t.Helper()
	for _, l := range in.Allocation.Lines {
		if l.AmountCents > 0 {
			return &in.Applications[l.ID-1]
		}
	}
	t.Fatal("no grant in the fixture")
	return nil
}

// A letter is dated in words, from the campaign's place and the day it is
// produced (the input's clock): « 1er » for the first of a month.
func TestLetterDatedInWords(t *testing.T) {
	in := input(t, 0)
	a := attributionOf(t, in)
	for _, c := range []struct {
		at    time.Time
		place string
		want  string
	}{
		{time.Date(2026, time.December, 1, 9, 0, 0, 0, data.Paris), "", "Liévin, le 1er décembre 2026"},
		{time.Date(2027, time.March, 15, 23, 30, 0, 0, data.Paris), "Lens", "Lens, le 15 mars 2027"},
		{time.Date(2026, time.July, 31, 22, 30, 0, 0, time.UTC), "", "Liévin, le 1er août 2026"}, // Paris is two hours ahead
	} {
		in.GeneratedAt, in.Campaign.LetterPlace = c.at, c.place
		pages := pdfText(t, render(t, mustDoc(t)(LetterFor(in, a.ID)), "lettre-date.pdf"))
		if len(pages) != 1 || !strings.Contains(pages[0], c.want) {
			t.Errorf("no %q in:\n%s", c.want, pages)
		}
		if strings.Contains(pages[0], "le "+data.DateOf(c.at).Format()) {
			t.Errorf("dated in figures:\n%s", pages[0])
		}
	}
}

// A letter carries « Réf. » and « Affaire suivie par » from the campaign's
// settings, and the mail merge the same fields.
func TestLetterReferences(t *testing.T) {
	in := input(t, 0)
	a := attributionOf(t, in)
	in.Campaign.CaseOfficer, in.Campaign.CaseOfficerContact = "Mme Sonia Bernard", "03 21 79 07 90 — politique.ville@agglo-lenslievin.fr"
	in.Campaign.LetterReference = "DPV/SB/2021"
	page := pdfText(t, render(t, mustDoc(t)(LetterFor(in, a.ID)), "lettre-ref.pdf"))[0]
	for _, want := range []string{"Réf. : DPV/SB/2021 — dossier n° " + a.Number, "Affaire suivie par : Mme Sonia Bernard",
		"03 21 79 07 90 — politique.ville@agglo-lenslievin.fr"} {
		if !strings.Contains(page, want) {
			t.Errorf("no %q in:\n%s", want, page)
		}
	}
	letters, err := PlanLetters(in)
	if err != nil {
		t.Fatal(err)
	}
	f := letters[0].Fields
	if f["affaire_suivie_par"] != "Mme Sonia Bernard" || f["reference"] != "DPV/SB/2021 — dossier n° "+letters[0].Application.Number ||
		f["lieu"] != "Liévin" || f["date_lettres"] != "15 juin 2021" {
		t.Errorf("fields %v", f)
	}
	// Without settings: the service follows the case, the dossier is the reference.
	in.Campaign.CaseOfficer, in.Campaign.CaseOfficerContact, in.Campaign.LetterReference = "", "", ""
	page = pdfText(t, render(t, mustDoc(t)(LetterFor(in, a.ID)), "lettre-ref-defaut.pdf"))[0]
	for _, want := range []string{"Réf. : dossier n° " + a.Number, "Affaire suivie par : " + DefaultCaseOfficer} {
		if !strings.Contains(page, want) {
			t.Errorf("no %q in:\n%s", want, page)
		}
	}
}

// Until the deliberation is recorded, the annex and the letters that cite
// it carry « PROJET » on every page and cite a deliberation « à venir »,
// never « n° … du … »; the text stays whole for pdftotext. Once recorded,
// no page says PROJET. An irrecevability letter never does.
func TestDraftUntilDeliberation(t *testing.T) {
	recorded := input(t, 0)
	draft := input(t, 0)
	draft.Deliberation = Deliberation{}
	late, _ := withIrrecevable(t, &draft)
	a := attributionOf(t, draft)
	type doc struct {
		name  string
		build func(Input) (*Document, error)
	}
	for _, d := range []doc{{"annexe", Annex}, {"lettre", func(in Input) (*Document, error) { return LetterFor(in, a.ID) }}} {
		pages := pdfText(t, render(t, mustDoc(t)(d.build(draft)), d.name+"-projet.pdf"))
		for i, p := range pages {
			if !strings.Contains(p, DraftMark) {
				t.Errorf("%s, page %d: no %s", d.name, i+1, DraftMark)
			}
			if strings.Contains(p, "n° …") || strings.Contains(p, "du …") || strings.Contains(p, "(date à venir)") {
				t.Errorf("%s, page %d: a deliberation that does not exist is cited:\n%s", d.name, i+1, p)
			}
			for _, l := range strings.Split(p, "\n") {
				if s := strings.TrimSpace(l); len(s) == 1 {
					t.Errorf("%s, page %d: a stray letter %q in the extracted text", d.name, i+1, s)
				}
			}
		}
		all := strings.Join(pages, "\n")
		for _, want := range map[string]string{"annexe": "Annexe au projet de délibération du Conseil communautaire", "lettre": "(délibération à venir)"} {
			if strings.HasPrefix(d.name, "annexe") != strings.HasPrefix(want, "Annexe") {
				continue
			}
			if !strings.Contains(squash(all), squash(want)) {
				t.Errorf("%s: no %q in\n%s", d.name, want, all)
			}
		}
		for i, p := range pdfText(t, render(t, mustDoc(t)(d.build(recorded)), d.name+".pdf")) {
			if strings.Contains(p, DraftMark) {
				t.Errorf("%s after the deliberation, page %d: %s", d.name, i+1, DraftMark)
			}
		}
	}
	if p := pdfText(t, render(t, mustDoc(t)(LetterFor(draft, late.ID)), "irrecevable.pdf"))[0]; strings.Contains(p, DraftMark) {
		t.Errorf("an irrecevability letter marked %s:\n%s", DraftMark, p)
	}
	annex := pdfText(t, render(t, mustDoc(t)(Annex(draft)), "annexe-projet.pdf"))
	if all := strings.Join(annex, "\n"); !strings.Contains(all, "Arrêté le présent état à la somme de") || !strings.Contains(all, "Délibération à venir du Conseil communautaire (séance prévue : septembre 2021)") {
		t.Errorf("the draft annex's text:\n%s", all)
	}
}
