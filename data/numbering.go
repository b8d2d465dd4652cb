package data

import (
	"fmt"
	"strconv"
	"strings"
)

// NumberScheme is how a campaign numbers its dossiers: a prefix, then a
// sequence padded to Width digits (AMI2021-001, DEMO-031, DS-1034). Next is the
// sequence the next automatic number takes.
type NumberScheme struct {
	Prefix string
	Width  int
	Next   int
}

// SchemeOf reads the scheme the register already follows, so a dossier typed
// by hand gets the number its neighbours would have (DEMO-031 after DEMO-030,
// not DEMO2021-001): the prefix most numbers share (the campaign's own
// « CODE- » among equals), the widest sequence written with it, and the
// highest sequence plus one. An empty register follows « CODE-001 ».
func SchemeOf(code string, numbers []string) NumberScheme {
	type group struct{ count, width, max int }
	groups := map[string]*group{}
	for _, n := range numbers {
		prefix, digits := splitSequence(strings.TrimSpace(n))
		if digits == "" {
			continue
		}
		g := groups[prefix]
		if g == nil {
			g = &group{}
			groups[prefix] = g
		}
		v, _ := strconv.Atoi(digits)
		g.count++
		g.width = max(g.width, len(digits))
		g.max = max(g.max, v)
	}
	own := code + "-"
	best := ""
	var bg *group
	for prefix, g := range groups {
		switch {
		case bg == nil, g.count > bg.count,
			g.count == bg.count && prefix == own,
			g.count == bg.count && best != own && prefix < best:
			best, bg = prefix, g
		}
	}
	if bg == nil {
		return NumberScheme{Prefix: own, Width: 3, Next: 1}
	}
	return NumberScheme{Prefix: best, Width: max(bg.width, 3), Next: bg.max + 1}
}

// splitSequence cuts a number into its prefix and its trailing digits
// (at most 9, so the sequence fits an int anywhere).
func splitSequence(n string) (prefix, digits string) {
	i := len(n)
	for i > 0 && n[i-1] >= '0' && n[i-1] <= '9' {
		i--
	}
	if len(n)-i > 9 {
		return n, ""
	}
	return n[:i], n[i:]
}

// Format writes the number of sequence v.
func (s NumberScheme) Format(v int) string { return fmt.Sprintf("%s%0*d", s.Prefix, s.Width, v) }

// Seq reads the sequence of a number written in this scheme (DEMO-042 → 42).
func (s NumberScheme) Seq(number string) (int, bool) {
	prefix, digits := splitSequence(strings.TrimSpace(number))
	if digits == "" || prefix != s.Prefix {
		return 0, false
	}
	v, err := strconv.Atoi(digits)
	return v, err == nil
}
