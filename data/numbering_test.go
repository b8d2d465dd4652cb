package data_test

import (
	"testing"

	"github.com/call-agglo/cohesion/data"
)

func TestSchemeOf(t *testing.T) {
	cases := []struct {
		name    string
		numbers []string
		want    string
	}{
		{"empty register", nil, "AMI2021-001"},
		{"the campaign's own", []string{"AMI2021-001", "AMI2021-007"}, "AMI2021-008"},
		{"the demonstration set", []string{"DEMO-001", "DEMO-030", "DEMO-002"}, "DEMO-031"},
		{"a platform's numbers", []string{"DS-1034", "DS-0999", "AMI2021-001"}, "DS-1035"},
		{"the campaign's among equals", []string{"DS-1034", "AMI2021-004"}, "AMI2021-005"},
		{"digits only", []string{"1034", "1040"}, "1041"},
		{"no sequence at all", []string{"dossier-papier"}, "AMI2021-001"},
	}
	for _, tc := range cases {
		s := data.SchemeOf("AMI2021", tc.numbers)
		if got := s.Format(s.Next); got != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, got, tc.want)
		}
	}
	s := data.SchemeOf("DEMO2021", []string{"DEMO-030"})
	if v, ok := s.Seq("DEMO-042"); !ok || v != 42 {
		t.Errorf("Seq DEMO-042: %d %v", v, ok)
	}
	if _, ok := s.Seq("AMI2021-042"); ok {
		t.Error("a number of another scheme read as a sequence")
	}
}
