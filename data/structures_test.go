package data_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/call-agglo/cohesion/data"
)

// dossier is a directory's dossier of campaign id (its year 2020 + id).
func dossier(app, campaign int64, name, siret, rna string, s data.Status, granted int64) data.StructureDossier {
	return data.StructureDossier{ApplicationID: app, CampaignID: campaign, CampaignCode: "AMI", CampaignYear: 2020 + int(campaign),
		Number: "N", Status: s, Name: name, SIRET: siret, RNA: rna, GrantedCents: granted}
}

func TestDirectoryGroupsBySIRETThenRNAThenName(t *testing.T) {
	dir := data.NewDirectory([]data.StructureDossier{
		dossier(1, 1, "Les Petits Pas", "73282932000074", "W623001234", data.StatusRetenu, 1_200_000),
		dossier(2, 1, "L'Étoile", "", "", data.StatusNonRetenu, 0),
		dossier(3, 1, "Avenir", "", "W623009999", data.StatusRecu, 0),
		dossier(4, 2, "Les P'tits Pas", "73282932000074", "", data.StatusNonRetenu, 0),
		dossier(5, 2, "l etoile", "", "", data.StatusRecu, 0),
		dossier(6, 2, "Avenir Jeunesse", "", "W623009999", data.StatusRecu, 0),
		dossier(7, 2, "Avenir", "", "", data.StatusRecu, 0), // no RNA this time: another key
		dossier(8, 2, "Association Les Petits Pas", "73282932000074", "", data.StatusRecu, 0),
	})
	var names []string
	for _, e := range dir.Entries {
		names = append(names, e.Name)
	}
	if want := []string{"Association Les Petits Pas", "Avenir", "Avenir Jeunesse", "l etoile"}; !reflect.DeepEqual(names, want) {
		t.Fatalf("entries %q, want %q", names, want)
	}
	first := dir.Entries[0]
	if first.SIRET != "73282932000074" || first.RNA != "W623001234" || len(first.Dossiers) != 3 {
		t.Errorf("the SIRET's entry: %+v", first)
	}
	if first.Name != "Association Les Petits Pas" {
		t.Errorf("name as last declared: %q", first.Name)
	}
	if h := dir.History(4); len(h) != 1 || h[0].ApplicationID != 1 {
		t.Errorf("history of 4: %+v", h)
	}
	if h := dir.History(8); len(h) != 1 || h[0].ApplicationID != 1 {
		t.Errorf("history of 8 leaves its own campaign out: %+v", h)
	}
	if h := dir.History(5); len(h) != 1 || h[0].ApplicationID != 2 {
		t.Errorf("the folded name: %+v", h)
	}
	if h := dir.History(99); len(h) != 0 {
		t.Errorf("unknown dossier: %+v", h)
	}
}

func TestHistoryLine(t *testing.T) {
	h := []data.StructureDossier{
		dossier(1, 1, "A", "", "", data.StatusRetenu, 1_200_000),
		dossier(2, 2, "A", "", "", data.StatusNonRetenu, 0),
	}
	want := "déjà aidée : 2021 — " + data.FormatEuros(1_200_000) + " accordés ; 2022 — refusé"
	if got := data.HistoryLine(h); got != want {
		t.Errorf("%q, want %q", got, want)
	}
	h[0].GrantedCents, h[0].Status, h[1].Status = 0, data.StatusIrrecevable, data.StatusRecevable
	h[1].CampaignYear, h[1].CampaignCode = 0, "AMI-SANS-DATE"
	if got := data.HistoryLine(h); got != "déjà candidate : 2021 — irrecevable ; AMI-SANS-DATE — en cours" {
		t.Errorf("%q", got)
	}
	if got := data.HistoryLine(nil); got != "" {
		t.Errorf("without history: %q", got)
	}
}

func TestCRFOverdueElsewhere(t *testing.T) {
	h := []data.StructureDossier{dossier(1, 1, "A", "", "", data.StatusRetenu, 100)}
	if data.CRFOverdueElsewhere(h) || data.CRFOverdueElsewhere(nil) {
		t.Error("no CRF due, flagged")
	}
	for _, s := range []data.CRFStatus{data.CRFExpected, data.CRFReceived, data.CRFIncomplete, data.CRFAccepted} {
		h[0].CRFStatus = s
		if data.CRFOverdueElsewhere(h) {
			t.Errorf("CRF %s in time, flagged", s)
		}
	}
	h[0].CRFStatus = data.CRFRefused
	if !data.CRFOverdueElsewhere(h) {
		t.Error("CRF refused, not flagged")
	}
	h[0].CRFStatus, h[0].CRFOverdue = data.CRFExpected, true
	if !data.CRFOverdueElsewhere(h) {
		t.Error("CRF overdue, not flagged")
	}
	if !strings.Contains(data.HistoryLine(h), "CRF en retard") {
		t.Errorf("the line does not say the CRF is late: %q", data.HistoryLine(h))
	}
}

func TestGrantedOnlyWhileRetained(t *testing.T) {
	if data.Granted(data.StatusRetenu, 500) != 500 || data.Granted(data.StatusRecevable, 500) != 500 {
		t.Error("a retained line lost")
	}
	for _, s := range []data.Status{data.StatusNonRetenu, data.StatusAjourne, data.StatusIrrecevable, data.StatusSansSuite} {
		if data.Granted(s, 500) != 0 {
			t.Errorf("%s granted", s)
		}
	}
}
