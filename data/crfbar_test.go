package data

import (
	"errors"
	"testing"
)

func TestCRFBar(t *testing.T) {
	late := StructureDossier{CampaignCode: "AMI2021", Number: "AMI2021-004", GrantedCents: 1_200_000, CRFStatus: CRFExpected, CRFOverdue: true}
	refused := StructureDossier{CampaignCode: "AMI2022", Number: "AMI2022-010", GrantedCents: 500_000, CRFStatus: CRFRefused}
	fine := StructureDossier{CampaignCode: "AMI2020", Number: "AMI2020-001", GrantedCents: 300_000, CRFStatus: CRFAccepted}
	if err := CheckCRFBar("AMI2023-001", []StructureDossier{fine}, ""); err != nil || CRFAlert([]StructureDossier{fine}) != "" {
		t.Errorf("an accepted CRF bars: %v", err)
	}
	err := CheckCRFBar("AMI2023-001", []StructureDossier{fine, late, refused}, " ")
	var bar *CRFBarError
	if !errors.As(err, &bar) || ErrorCode(err) != EINVALID || len(bar.Others) != 2 {
		t.Fatalf("%v", err)
	}
	want := "Le dossier AMI2023-001 ne peut pas être retenu avec un montant : sa structure n'a pas justifié une subvention précédente, dans les campagnes " +
		"AMI2021 (dossier AMI2021-004, compte rendu financier en retard) et AMI2022 (dossier AMI2022-010, compte rendu financier refusé)."
	if got := err.Error(); len(got) < len(want) || got[:len(want)] != want {
		t.Errorf("message:\n%s\nwant it to start with\n%s", got, want)
	}
	if err := CheckCRFBar("AMI2023-001", []StructureDossier{late}, "CRF reçu hier"); err != nil {
		t.Errorf("an exemption's reason does not pass: %v", err)
	}
	if a := CRFAlert([]StructureDossier{refused}); a != "CRF refusé" {
		t.Errorf("alert %q", a)
	}
	if a := CRFAlert([]StructureDossier{refused, late}); a != "CRF en retard" {
		t.Errorf("alert %q", a)
	}
}
