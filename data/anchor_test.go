package data

import (
	"strings"
	"testing"
	"time"
)

func TestAnchorDeparture(t *testing.T) {
	seen := time.Date(2021, 10, 12, 12, 3, 0, 0, time.UTC) // 14:03 in Paris
	a := Anchor{Head: Head{ID: 45, Hash: "abcdef0123456789ff"}, Seen: seen}
	same := &AuditEntry{ID: 45, Hash: "abcdef0123456789ff"}
	other := &AuditEntry{ID: 45, Hash: "0000000000000000ff"}
	for _, c := range []struct {
		name string
		now  Head
		at   *AuditEntry
		want string
	}{
		{"the same head", Head{ID: 45}, same, ""},
		{"lines added since", Head{ID: 60}, same, ""},
		{"cut by three", Head{ID: 42}, nil, "raccourci depuis le 12/10/2021 14:03 : 3 entrées manquent"},
		{"cut by one", Head{ID: 44}, nil, "1 entrée manque"},
		{"cut then written on", Head{ID: 50}, other, "réécrit depuis le 12/10/2021 14:03 : sa ligne 45"},
		{"emptied then written on", Head{ID: 50}, nil, "réécrit"},
		{"never seen", Head{ID: 3}, nil, ""},
	} {
		anchor := a
		if c.name == "never seen" {
			anchor = Anchor{}
		}
		got := anchor.Departure(c.now, c.at)
		if c.want == "" && got != "" || c.want != "" && !strings.Contains(got, c.want) {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}
