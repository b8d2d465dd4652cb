package reports

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/call-agglo/cohesion/data"
)

// letterPage is the text of the page (one letter each) that holds s.
func letterPage(pages []string, s string) string {
	for _, p := range pages {
		if strings.Contains(squash(p), squash(s)) {
			return p
		}
	}
	return ""
}

// withIrrecevable declares one more dossier irrecevable for missing pieces,
// as staff do from the register (the reason goes to its status history), and
// returns it with a late one.
func withIrrecevable(t *testing.T, in *Input) (late, pieces *data.Application) {
	t.Helper()
	for i := range in.Applications {
		a := &in.Applications[i]
		switch {
		case a.Late && late == nil:
			late = a
		case pieces == nil && !a.Late && in.Decisions[a.ID].Decision == data.DecisionNonRetenu:
			pieces = a
			a.Status = data.StatusIrrecevable
			a.Structure.LegalRep = "Mme Martine Lefebvre"
			a.History = append(a.History, data.StatusChange{At: time.Date(2021, 5, 10, 9, 0, 0, 0, data.Paris), From: data.StatusIncomplet,
				To: data.StatusIrrecevable, Reason: "Pièces manquantes : RIB et budget prévisionnel, non fournis malgré la relance du 03/05/2021"})
			delete(in.Decisions, a.ID)
		}
	}
	if late == nil || pieces == nil {
		t.Fatal("fixture without a late or a refused dossier")
	}
	return late, pieces
}

func TestIrrecevabilityLettersReadBack(t *testing.T) {
	in := input(t, 0)
	late, pieces := withIrrecevable(t, &in)
	doc := mustDoc(t)(Letters(in))
	pages := pdfText(t, render(t, doc, "lettres.pdf"))
	if len(pages) != doc.Pages() {
		t.Fatalf("%d pages for %d letters", len(pages), doc.Pages())
	}
	p := letterPage(pages, "dossier n° "+late.Number+", intitulé")
	for _, s := range []string{"Objet : irrecevabilité de votre candidature — dossier n° " + late.Number,
		"déclaré irrecevable pour le motif suivant : Hors délai : reçu le " + data.FormatDateTime(late.Received) + " après la date limite du 30/04/2021",
		"déposés au plus tard le 30/04/2021", "tribunal administratif de Lille"} {
		if !strings.Contains(squash(p), squash(s)) {
			t.Errorf("late dossier's letter lacks %q:\n%s", s, p)
		}
	}
	p = letterPage(pages, "dossier n° "+pieces.Number+", intitulé")
	for _, s := range []string{"Objet : irrecevabilité", "Madame,", "À l'attention de Mme Martine Lefebvre",
		"pour le motif suivant : Pièces manquantes : RIB et budget prévisionnel, non fournis malgré la relance du 03/05/2021",
		"agréer, Madame, l'expression"} {
		if !strings.Contains(squash(p), squash(s)) {
			t.Errorf("missing pieces letter lacks %q:\n%s", s, p)
		}
	}
	if strings.Contains(squash(p), squash("n'a pas été retenu")) {
		t.Errorf("an irrecevable dossier got a refusal:\n%s", p)
	}
	// Its own template, edited, applies to it alone.
	in.Templates = Templates{Irrecevability: "Objet : dossier {{numero}} irrecevable\n\nMotif : {{motif}}. Date limite : {{date_limite}}."}
	one := mustDoc(t)(LetterFor(in, pieces.ID)).Text()
	if !strings.Contains(one, "Objet : dossier "+pieces.Number+" irrecevable") || !strings.Contains(one, "Motif : Pièces manquantes : RIB") {
		t.Errorf("edited template:\n%s", one)
	}
	if err := (Templates{Irrecevability: "Bonjour {{inconnu}}"}).withDefaults().Validate(); err == nil || !strings.Contains(err.Error(), "d'irrecevabilité") {
		t.Errorf("an unknown field in the irrecevability template: %v", err)
	}
}

func TestAttributionAmountInWords(t *testing.T) {
	in := input(t, 0)
	for _, l := range in.Allocation.Lines {
		if l.AmountCents <= 0 {
			continue
		}
		text := mustDoc(t)(LetterFor(in, l.ID)).Text()
		want := "une subvention d'un montant de " + data.FormatEuros(l.AmountCents) + " (" + data.AmountInWords(l.AmountCents) + ")"
		if !strings.Contains(text, want) {
			t.Fatalf("%s: no %q in\n%s", l.Number, want, text)
		}
		return
	}
	t.Fatal("no grant in the fixture")
}

// A decision the adopted scenario contradicts stops every letter, naming
// each such dossier; the batch one per file writes nothing.
func TestLettersStopOnInconsistency(t *testing.T) {
	in := input(t, 0)
	var retained, refused string
	for i := range in.Allocation.Lines {
		l := &in.Allocation.Lines[i]
		d := in.Decisions[l.ID]
		switch {
		case retained == "" && d.Decision == data.DecisionRetenu && l.AmountCents > 0:
			retained, l.AmountCents = l.Number, 0
		case refused == "" && d.Decision == data.DecisionRetenu && l.AmountCents > 0:
			refused = l.Number
			d.Decision, d.Motivation = data.DecisionNonRetenu, "Projet hors du champ de l'appel"
			in.Decisions[l.ID] = d
		}
	}
	_, err := Letters(in)
	if err == nil {
		t.Fatal("letters produced despite the inconsistencies")
	}
	msg := err.Error()
	for _, s := range []string{retained + " est retenu sans montant", refused + " n'est pas retenu, mais reçoit ", "« Scénario du jury »", "aucune lettre n'a été produite"} {
		if !strings.Contains(msg, s) {
			t.Errorf("message lacks %q: %s", s, msg)
		}
	}
	dir := filepath.Join(t.TempDir(), "lettres")
	if n, err := WriteLetters(in, dir); err == nil || n != 0 {
		t.Fatalf("per-file letters: %d written, %v", n, err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("%d files written", len(entries))
	}
	for _, number := range []string{retained, refused} {
		for _, a := range in.Applications {
			if a.Number == number {
				if _, err := LetterFor(in, a.ID); err == nil || !strings.Contains(err.Error(), number) {
					t.Errorf("letter of %s alone: %v", number, err)
				}
			}
		}
	}
}

func TestLetterPlanAndMergeFields(t *testing.T) {
	in := input(t, 0)
	late, pieces := withIrrecevable(t, &in)
	letters, err := PlanLetters(in)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[LetterKind]int{}
	for i, l := range letters {
		kinds[l.Kind]++
		if i > 0 && letters[i-1].Application.Number > l.Application.Number {
			t.Errorf("letters out of number order")
		}
		for _, f := range MergeFields {
			if _, ok := l.Fields[f]; !ok && f != "lettre" {
				t.Errorf("%s: no field %s", l.Application.Number, f)
			}
		}
		switch l.Kind {
		case LetterAttribution:
			if l.Fields["montant"] == "" || l.Fields["montant_lettres"] == "" || l.Fields["motif"] != "" {
				t.Errorf("attribution %s: %v", l.Application.Number, l.Fields)
			}
		case LetterRefusal:
			if l.Fields["montant"] != "" || l.Fields["motif"] == "" || l.Fields["motif"] != l.Fields["motivation"] {
				t.Errorf("refusal %s: %v", l.Application.Number, l.Fields)
			}
		case LetterIrrecevability:
			if !strings.HasPrefix(l.Fields["motif"], "Hors délai") && !strings.HasPrefix(l.Fields["motif"], "Pièces manquantes") {
				t.Errorf("irrecevability %s: motif %q", l.Application.Number, l.Fields["motif"])
			}
		}
	}
	if kinds[LetterIrrecevability] != 3 || kinds[LetterAttribution] == 0 || kinds[LetterRefusal] == 0 {
		t.Errorf("kinds %v (late %s, pieces %s)", kinds, late.Number, pieces.Number)
	}
	for _, f := range TemplateFields {
		found := false
		for _, m := range MergeFields {
			found = found || m == f
		}
		if !found {
			t.Errorf("template field %s missing from the mail merge", f)
		}
	}
}

func TestCivility(t *testing.T) {
	for in, want := range map[string]string{"Mme Martine Lefebvre": "Madame", "Madame Durand": "Madame", "M. Karim Benali": "Monsieur",
		"Monsieur Paul": "Monsieur", "Martine Lefebvre": "Madame, Monsieur", "": "Madame, Monsieur", "Mlle X": "Madame"} {
		if got := civility(in); got != want {
			t.Errorf("civility(%q) = %q, want %q", in, got, want)
		}
	}
}
