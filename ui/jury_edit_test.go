package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"github.com/call-agglo/cohesion/data"
)

func jurorNames(s *juryScreen) []string {
	var out []string
	for _, j := range s.jurors {
		out = append(out, j.Name)
	}
	return out
}

// The members are listed by surname, and a member's name, college and e-mail
// can be corrected, journaled.
func TestJurorEditedAndSortedBySurname(t *testing.T) {
	a := newTestApp(t)
	a.selectScreen("Jury")
	s := a.jury
	for _, n := range []string{"Zoé Adam", "Mme Bruno Petit", "Alice Martin (fictif)"} {
		s.name.SetText(n)
		s.onAddJuror()
	}
	if got := strings.Join(jurorNames(s), ", "); got != "Zoé Adam, Alice Martin (fictif), Mme Bruno Petit" {
		t.Fatalf("members in order %q", got)
	}
	s.onEditJuror(s.jurors[2])
	d := s.editor
	d.name.SetText("Bruno Lefort")
	d.college.SetSelected(data.CollegeElu.Label())
	d.email.SetText("b.lefort@example.fr")
	d.email.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // Entrée confirms, as in the other dialogs
	j, err := a.base.db.JurorByName(context.Background(), a.campaign.ID, "Bruno Lefort")
	if err != nil || j.College != data.CollegeElu || j.Email != "b.lefort@example.fr" {
		t.Fatalf("edited juror %+v %v", j, err)
	}
	if got := strings.Join(jurorNames(s), ", "); got != "Zoé Adam, Bruno Lefort, Alice Martin (fictif)" {
		t.Fatalf("members after the edit %q", got)
	}
	hist, _ := a.base.db.Audit(context.Background(), data.AuditFilter{CampaignID: a.campaign.ID, Entity: data.AuditJuror, EntityID: j.ID})
	if len(hist) == 0 || hist[0].Action != "modification" || hist[0].Old != "Mme Bruno Petit (Personne qualifiée)" {
		t.Fatalf("journal of the juror %+v", hist)
	}
}

// Entrée in the e-mail field adds the member, as in the name field.
func TestEnterAddsJurorFromEmail(t *testing.T) {
	a := newTestApp(t)
	a.selectScreen("Jury")
	s := a.jury
	s.name.SetText("Alice Martin")
	s.email.SetText("a.martin@example.fr")
	s.email.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if len(s.jurors) != 1 || s.jurors[0].Email != "a.martin@example.fr" {
		t.Fatalf("members %+v", s.jurors)
	}
}

// A déport is confirmed by Entrée in its reason, and offers the other
// dossiers of the same SIRET.
func TestDeportOffersTheStructuresOtherDossiers(t *testing.T) {
	a := newTestApp(t)
	ctx := context.Background()
	for i, name := range []string{"Les Petits Pas", "Les Petits Pas", "L'Étoile"} {
		ap := &data.Application{Received: time.Date(2021, 4, 1+i, 9, 0, 0, 0, data.Paris), Title: "Projet " + name,
			Structure: data.Structure{Name: name, SIRET: map[bool]string{true: "73282932000074", false: ""}[i < 2]}, RequestedCents: 500_000}
		if err := a.base.db.CreateApplication(ctx, a.campaign, ap); err != nil {
			t.Fatal(err)
		}
	}
	if err := a.base.db.AddJuror(ctx, &data.Juror{CampaignID: a.campaign.ID, Name: "M. Leroy"}); err != nil {
		t.Fatal(err)
	}
	a.selectScreen("Jury")
	s := a.jury
	s.onDeclareConflict(s.jurors[0], s.apps[0])
	if len(s.deport.others) != 1 || s.deport.others[0].Text == "" || !strings.Contains(s.deport.others[0].Text, s.apps[1].Number) {
		t.Fatalf("other dossiers offered: %d", len(s.deport.others))
	}
	s.deport.others[0].SetChecked(true)
	s.deport.reason.SetText("Trésorier de l'association")
	s.deport.reason.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	snap, _ := a.base.db.Snapshot(ctx, a.campaign.ID, data.SnapshotOptions{})
	if len(snap.Conflicts) != 2 {
		t.Fatalf("déports %+v", snap.Conflicts)
	}
}
