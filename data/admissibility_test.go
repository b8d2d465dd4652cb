package data

import (
	"strings"
	"testing"
)

func TestCheckInstruction(t *testing.T) {
	c := &Campaign{}
	a := &Application{Number: "AMI2021-001", Status: StatusRecu, Documents: map[Document]bool{DocCerfa: true}}
	in := Instruction{To: StatusRecevable}
	if err := CheckInstruction(c, a, &in); err == nil || !strings.Contains(ErrorMessage(err), "il manque 7 pièces exigées (Statuts,") {
		t.Fatalf("recevable with 7 pièces missing: %v", err)
	}
	in = Instruction{To: StatusRecevable, Reason: "  Statuts en préfecture "}
	if err := CheckInstruction(c, a, &in); err != nil || in.Exemption != "Statuts en préfecture" {
		t.Fatalf("with a reason: %v, exemption %q", err, in.Exemption)
	}
	c.RequiredDocuments = []Document{DocCerfa}
	in = Instruction{To: StatusRecevable}
	if err := CheckInstruction(c, a, &in); err != nil || in.Exemption != "" {
		t.Fatalf("the campaign requires the Cerfa only: %v, exemption %q", err, in.Exemption)
	}
	if err := CheckInstruction(c, a, &Instruction{To: StatusIrrecevable}); err == nil {
		t.Error("irrecevable without a reason")
	}
	late := &Application{Number: "AMI2021-002", Status: StatusIrrecevable, Late: true, Documents: map[Document]bool{DocCerfa: true}}
	if err := CheckInstruction(c, late, &Instruction{To: StatusRecevable, Reason: "x"}); err == nil || !strings.Contains(ErrorMessage(err), "hors délai") {
		t.Errorf("late without its exemption: %v", err)
	}
}

func TestParseDocuments(t *testing.T) {
	ds, err := ParseDocuments("RIB ; cerfa12156,, statuts")
	if err != nil || len(ds) != 3 || ds[0] != DocCerfa || ds[1] != DocStatuts || ds[2] != DocRIB {
		t.Fatalf("%v %v", ds, err)
	}
	if ds, err := ParseDocuments(" "); err != nil || ds != nil {
		t.Fatalf("empty: %v %v", ds, err)
	}
	if _, err := ParseDocuments("rib, passeport"); err == nil || !strings.Contains(ErrorMessage(err), "passeport") {
		t.Fatalf("unknown pièce: %v", err)
	}
	c := &Campaign{}
	if err := setRequired(c, documentCodes(Documents)); err != nil || c.RequiredDocuments != nil || len(c.Required()) != len(Documents) {
		t.Errorf("the whole checklist is stored as the default: %v", c.RequiredDocuments)
	}
}

func TestCheckDecisionAllowed(t *testing.T) {
	if err := CheckDecisionAllowed("AMI2021-001", StatusRecu, DecisionRetenu, false); err == nil || !strings.Contains(ErrorMessage(err), "le retenir") {
		t.Errorf("retenu on « Reçu »: %v", err)
	}
	if err := CheckDecisionAllowed("AMI2021-001", StatusRecu, DecisionRetenu, true); err != nil {
		t.Errorf("forced: %v", err)
	}
	if err := CheckDecisionAllowed("AMI2021-001", StatusIrrecevable, DecisionRetenu, true); err == nil {
		t.Error("an irrecevable dossier decided, even forced")
	}
	for _, s := range AdmissibleStatuses {
		if err := CheckDecisionAllowed("AMI2021-001", s, DecisionNonRetenu, false); err != nil {
			t.Errorf("%s: %v", s, err)
		}
	}
}
