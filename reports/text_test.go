package reports

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// someText draws strings from the characters clean and the renderer treat
// apart: controls, format characters, selectors, emoji, invalid UTF-8, French
// punctuation and its spaces.
func someText(rng *rand.Rand) string {
	pieces := []string{"a", "Z", "é", "Œ", "’", "…", "€", " ", " ", " ", "\u00a0", "\u202f", "\u2007", "\u2060", "\n", "\r", "\t",
		"\u0007", "\u007f", "\u0085", "\u00ad", "\u200d", "\ufe0f", "\u0301", "🎉", "汉", "\xff", "\ufffd", "«", "»", ":", ";", "!", "?", "(", "0"}
	var b strings.Builder
	for n := rng.IntN(12); n > 0; n-- {
		b.WriteString(pieces[rng.IntN(len(pieces))])
	}
	return b.String()
}

// clean's shortcut (isClean) and wrap's (needsFrenchSpaces) must agree with the
// slow paths they skip.
func TestShortcutsAgreeWithSlowPaths(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 1))
	cleanSeen, frenchSeen := 0, 0
	for i := 0; i < 200_000; i++ {
		s := someText(rng)
		if isClean(s) {
			cleanSeen++
			if got := cleanCopy(s); got != s {
				t.Fatalf("isClean(%q) mais clean le change en %q", s, got)
			}
		}
		if replaced := frenchSpaces.Replace(s) != s; needsFrenchSpaces(s) != replaced {
			t.Fatalf("needsFrenchSpaces(%q) = %v, le remplacement change le texte : %v", s, !replaced, replaced)
		}
		if needsFrenchSpaces(s) {
			frenchSeen++
		}
	}
	if cleanSeen < 1000 || frenchSeen < 1000 {
		t.Fatalf("trop peu de cas : %d propres, %d à espacer", cleanSeen, frenchSeen)
	}
}
