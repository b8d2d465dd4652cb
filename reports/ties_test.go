package reports

import (
	"strconv"
	"strings"
	"testing"
)

// Each tie group is listed once, in the « Ex aequo » section after the
// ranking; a member's fiche names the group and the page of its list, and
// the others when they are few (issue 23: groups of thousands of dossiers
// were listed on each of their fiches).
func TestJuryDossierTieGroupsListedOnce(t *testing.T) {
	in := input(t, 0)
	d := mustDoc(t)(JuryDossier(in))
	pages := pdfText(t, render(t, d, "ex-aequo.pdf"))
	section := -1
	for i, p := range pages {
		if strings.Contains(p, "Groupe 3 — 10,00 / 20, 10 dossiers, rangs 12 à 21") {
			section = i + 1
		}
	}
	if section < 0 {
		t.Fatal("le groupe 3 n'est pas listé")
	}
	if n := strings.Count(squash(strings.Join(pages, "")), squash("DEMO-003, DEMO-016, DEMO-027")); n != 1 {
		t.Errorf("le groupe 3 est listé %d fois, attendu 1", n)
	}
	at := "(groupe 3, page " + strconv.Itoa(section) + ")"
	fiches := 0
	all := strings.Join(pages, "\n")
	fiche := all[strings.Index(all, "Fiche de synthèse — DEMO-003"):]
	fiche = fiche[:strings.Index(fiche[1:], "Fiche de synthèse")+1]
	if !strings.Contains(fiche, "avec 9 autres dossiers "+at) {
		t.Errorf("la fiche de DEMO-003 ne renvoie pas à la liste : %q attendu", "avec 9 autres dossiers "+at)
	}
	for _, p := range pages {
		if strings.Contains(p, "autres dossiers "+at) {
			fiches++
		}
	}
	if fiches != 10 {
		t.Errorf("%d fiches renvoient au groupe 3, attendu 10", fiches)
	}
	if !strings.Contains(all, "avec DEMO-021, DEMO-025, DEMO-009 (groupe 1, page "+strconv.Itoa(section)) {
		t.Error("un petit groupe : les autres dossiers ne sont pas nommés sur la fiche de DEMO-013")
	}
}

func TestResolveRefs(t *testing.T) {
	page := func(n string) int { return map[string]int{"a": 7, "b": 12}[n] }
	for in, want := range map[string]string{
		"sans renvoi":                              "sans renvoi",
		"voir " + PageRef("a"):                     "voir page 7",
		PageRef("a") + " et " + PageRef("b") + ".": "page 7 et page 12.",
		"inconnue : " + PageRef("z"):               "inconnue : page ?",
		"mal fermé " + refStart + "a":              "mal fermé " + refStart + "a",
	} {
		if got := resolveRefs(in, page); got != want {
			t.Errorf("resolveRefs(%q) = %q, attendu %q", in, got, want)
		}
	}
}
