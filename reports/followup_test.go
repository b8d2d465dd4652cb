package reports

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/call-agglo/cohesion/data"
)

// followUpInput is the fixture after its deliberation: every grant of the
// split to follow, the first one raised above 23 000 € and its convention
// numbered and signed, the second one's compte rendu incomplete, the third
// one's used in part and a reversal decided.
func followUpInput(t *testing.T) Input {
	t.Helper()
	in := input(t, 0)
	c := in.Campaign
	c.DeliberationNumber, c.DeliberationDate = in.Deliberation.Number, in.Deliberation.Date
	f := &data.FollowUp{Campaign: c}
	for _, l := range in.Allocation.Lines {
		if l.AmountCents > 0 && in.Decisions[l.ID].Decision == data.DecisionRetenu {
			a := in.Applications[l.ID-1]
			f.Grants = append(f.Grants, data.Grant{ApplicationID: a.ID, Number: a.Number, Structure: a.Structure.Name,
				SIRET: a.Structure.SIRET, GrantedCents: l.AmountCents})
		}
	}
	slices.SortFunc(f.Grants, func(a, b data.Grant) int { return strings.Compare(a.Number, b.Number) })
	if len(f.Grants) < 3 {
		t.Fatalf("%d grants in the fixture", len(f.Grants))
	}
	g := &f.Grants[0]
	g.GrantedCents, g.ConventionNumber = 2_500_000, "2021-CONV-001"
	g.ConventionSigned = data.NewDate(2021, time.October, 4)
	g.Payments = []data.Payment{{ID: 1, Date: data.NewDate(2021, time.October, 15), AmountCents: 1_250_000}}
	f.Grants[1].CRF = &data.CRF{Received: data.NewDate(2022, time.June, 20), Status: data.CRFIncomplete, Missing: "le bilan qualitatif"}
	r := &f.Grants[2]
	r.Payments = []data.Payment{{ID: 2, Date: data.NewDate(2021, time.October, 20), AmountCents: r.GrantedCents}}
	r.CRF = &data.CRF{Received: data.NewDate(2022, time.May, 2), UsedCents: r.GrantedCents - 150_000, CostCents: r.GrantedCents, Status: data.CRFAccepted}
	r.Reversal = &data.Reversal{AmountCents: 150_000, Reason: "Une action prévue n'a pas eu lieu", Decided: data.NewDate(2022, time.July, 1)}
	in.FollowUp, in.At = f, data.NewDate(2022, time.September, 1)
	return in
}

// The conventions are numbered, cite the law and the decree, state the
// amount in figures and in words, the schedule, the CRF's due date, the
// obligations and the reversal clause, and end with both parties'
// signatures; read back from the PDF.
func TestConventionPDF(t *testing.T) {
	in := followUpInput(t)
	doc, err := FollowUpFor(in, KindConventions, in.FollowUp.Grants[0].Number)
	if err != nil {
		t.Fatal(err)
	}
	pages := pdfText(t, render(t, doc, "convention.pdf"))
	text := squash(strings.Join(pages, "\n"))
	for _, want := range []string{
		"Convention d'attribution d'une subvention n° 2021-CONV-001", "loi n° 2000-321", "décret n° 2001-495",
		"25 000,00 € (vingt-cinq mille euros)", "12 500,00 € (douze mille cinq cents euros) à la signature de la convention",
		"après acceptation du compte rendu financier", "au plus tard le 30/06/2022", "Cerfa n° 15059", "Publicité", "Contrôle",
		"Article 5 — Reversement", "Pour la structure", "son représentant légal", "Le Président", "délibération n° 2021-0457 du 27/09/2021",
	} {
		if !strings.Contains(text, squash(want)) {
			t.Errorf("convention lacks %q:\n%s", want, strings.Join(pages, "\n"))
		}
	}
	if len(pages) < 2 || !strings.Contains(pages[len(pages)-1], "Pour la structure") {
		t.Errorf("the signatures are not on the last page (%d pages)", len(pages))
	}
}

// --all gives a convention for every grant above 23 000 € and those numbered
// on request; none is an error naming the threshold.
func TestConventionsAll(t *testing.T) {
	in := followUpInput(t)
	docs, err := PlanFollowUp(in, KindConventions)
	if err != nil || len(docs) == 0 || docs[0].Grant.ConventionNumber != "2021-CONV-001" {
		t.Fatalf("conventions %v %v", docs, err)
	}
	for _, d := range docs {
		if d.Grant.GrantedCents <= 2_300_000 && d.Grant.ConventionNumber == "" {
			t.Errorf("convention for %s at %d cents", d.Grant.Number, d.Grant.GrantedCents)
		}
	}
	for i := range in.FollowUp.Grants { // exactly 23 000,00 €: none required
		in.FollowUp.Grants[i].GrantedCents = min(in.FollowUp.Grants[i].GrantedCents, 2_300_000)
		in.FollowUp.Grants[i].ConventionNumber = ""
	}
	if _, err := PlanFollowUp(in, KindConventions); err == nil || !strings.Contains(data.ErrorMessage(err), "23 000 €") {
		t.Errorf("no convention: %v", err)
	}
}

// The reminders go to every CRF overdue at the date (not received, or
// incomplete) as postable letters, dated in words, naming the due date and
// what an incomplete one lacks; none before the due date.
func TestReminderLetters(t *testing.T) {
	in := followUpInput(t)
	doc, err := FollowUpDocument(in, KindReminders)
	if err != nil {
		t.Fatal(err)
	}
	pages := pdfText(t, render(t, doc, "relances.pdf"))
	// The first grant is signed, with an advance paid, its CRF expected: late.
	// The third one's was accepted: no reminder.
	if len(pages) != len(in.FollowUp.Grants)-1 {
		t.Errorf("%d reminders for %d grants, one CRF accepted", len(pages), len(in.FollowUp.Grants))
	}
	all := squash(strings.Join(pages, "\n"))
	for _, want := range []string{"Objet : relance — compte rendu financier", "au plus tard le 30/06/2022", "Cerfa n° 15059",
		"ce document ne m'est pas parvenu", "est incomplet : il y manque le bilan qualitatif", "Liévin, le 1er septembre 2022"} {
		if !strings.Contains(all, squash(want)) {
			t.Errorf("reminders lack %q:\n%s", want, pages[0])
		}
	}
	for i, p := range pages {
		if block := addressBlock(p); len(block) < 3 || len(block) > 6 {
			t.Errorf("page %d: address block %q", i+1, block)
		}
	}
	in.At = data.NewDate(2022, time.June, 30)
	if _, err := FollowUpDocument(in, KindReminders); err == nil || !strings.Contains(data.ErrorMessage(err), "Aucune relance à produire au 30/06/2022") {
		t.Errorf("no reminder on the due date: %v", err)
	}
}

// A reversal demand states the amount in figures and in words and the
// reason; a dossier with no reversal decided gets none, said in French.
func TestReversalLetter(t *testing.T) {
	in := followUpInput(t)
	g := in.FollowUp.Grants[2]
	doc, err := FollowUpFor(in, KindReversals, g.Number)
	if err != nil {
		t.Fatal(err)
	}
	pages := pdfText(t, render(t, doc, "reversement.pdf"))
	text := squash(pages[0])
	for _, want := range []string{"Objet : demande de reversement", "1 500,00 € (mille cinq cents euros)", "Une action prévue n'a pas eu lieu.",
		"1er juillet 2022", "titre de recettes", data.FormatEuros(g.GrantedCents)} {
		if !strings.Contains(text, squash(want)) {
			t.Errorf("reversal lacks %q:\n%s", want, pages[0])
		}
	}
	if _, err := FollowUpFor(in, KindReversals, in.FollowUp.Grants[1].Number); err == nil || !strings.Contains(data.ErrorMessage(err), "aucun reversement n'a été décidé") {
		t.Errorf("reversal without decision: %v", err)
	}
}

// One file per structure, each named after its dossier; the follow-up
// refused before the deliberation.
func TestFollowUpPerApplicantAndBeforeDeliberation(t *testing.T) {
	in := followUpInput(t)
	dir := t.TempDir()
	n, err := WriteFollowUp(in, KindReminders, dir)
	if err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	if n != len(entries) || n != len(in.FollowUp.Grants)-1 {
		t.Errorf("%d written, %d files", n, len(entries))
	}
	if !strings.HasPrefix(entries[0].Name(), in.FollowUp.Grants[0].Number) || filepath.Ext(entries[0].Name()) != ".pdf" {
		t.Errorf("file name %q", entries[0].Name())
	}
	in.FollowUp = nil
	if _, err := FollowUpDocument(in, KindConventions); err == nil || !strings.Contains(data.ErrorMessage(err), "délibération") {
		t.Errorf("before the deliberation: %v", err)
	}
}

// A template with an unknown field is refused, naming it.
func TestFollowUpTemplateChecked(t *testing.T) {
	in := followUpInput(t)
	in.FollowUp.Templates.Reminder = "Objet : relance {{inconnu}}"
	if _, err := FollowUpDocument(in, KindReminders); err == nil || !strings.Contains(data.ErrorMessage(err), "{{inconnu}}") {
		t.Errorf("unknown field: %v", err)
	}
	if err := ValidateFollowUpTemplate(KindConventions, DefaultConvention); err != nil {
		t.Error(err)
	}
}
