package data

import "strings"

// AmountInWords writes an amount of cents in French words, as a letter or a
// convention spells it out: « cent cinquante mille euros », « quatre-vingt-un
// euros et cinquante centimes », « un million d'euros ». It follows the
// traditional spelling: hyphens below a hundred, « et » in « vingt et un »
// (not in « quatre-vingt-un »), « vingts » and « cents » plural when they end
// the number or come before « millions » (« quatre-vingts euros », « deux
// cents millions »), never before « mille », which is invariable.
func AmountInWords(cents int64) string {
	if cents < 0 {
		return "moins " + AmountInWords(-cents)
	}
	euros, rest := cents/100, cents%100
	var parts []string
	switch {
	case euros == 0 && rest > 0:
	case euros == 0:
		return "zéro euro"
	case euros == 1:
		parts = append(parts, "un euro")
	case euros%1_000_000 == 0:
		parts = append(parts, numberInWords(euros)+" d'euros") // « un million d'euros »
	default:
		parts = append(parts, numberInWords(euros)+" euros")
	}
	if rest > 0 {
		c := numberInWords(rest) + " centimes"
		if rest == 1 {
			c = "un centime"
		}
		if len(parts) > 0 {
			c = "et " + c
		}
		parts = append(parts, c)
	}
	return strings.Join(parts, " ")
}

// numberInWords writes a whole number from 1 up to 999 999 999 999 (the
// euros of MaxCents).
func numberInWords(n int64) string {
	var parts []string
	for _, scale := range []struct {
		unit int64
		one  string // « mille », never « un mille »
		many string
		noun bool // « million » is a noun: « deux cents millions »
	}{
		{1_000_000_000, "un milliard", " milliards", true},
		{1_000_000, "un million", " millions", true},
		{1_000, "mille", " mille", false},
	} {
		k := n / scale.unit
		n %= scale.unit
		switch {
		case k == 0:
		case k == 1:
			parts = append(parts, scale.one)
		default:
			parts = append(parts, below1000(int(k), scale.noun)+scale.many)
		}
	}
	if n > 0 {
		parts = append(parts, below1000(int(n), true))
	}
	return strings.Join(parts, " ")
}

var (
	units = []string{"", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
		"onze", "douze", "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf"}
	tens = []string{"", "dix", "vingt", "trente", "quarante", "cinquante", "soixante", "soixante", "quatre-vingt", "quatre-vingt"}
)

// below1000 writes 1…999; last says whether nothing but a noun (or nothing)
// follows, so that « cents » and « quatre-vingts » take their s.
func below1000(n int, last bool) string {
	h, r := n/100, n%100
	var parts []string
	switch {
	case h == 1:
		parts = append(parts, "cent")
	case h > 1 && r == 0 && last:
		parts = append(parts, units[h]+" cents")
	case h > 1:
		parts = append(parts, units[h]+" cent")
	}
	if r > 0 {
		parts = append(parts, below100(r, last))
	}
	return strings.Join(parts, " ")
}

func below100(n int, last bool) string {
	if n < 20 {
		return units[n]
	}
	t, u := n/10, n%10
	if t == 7 || t == 9 { // soixante-dix, quatre-vingt-dix: the ten carries on to 19
		u += 10
	}
	switch {
	case u == 0 && t == 8 && last:
		return "quatre-vingts"
	case u == 0:
		return tens[t]
	case (u == 1 || u == 11) && t != 8 && t != 9:
		return tens[t] + " et " + units[u] // vingt et un, soixante et onze
	}
	return tens[t] + "-" + units[u]
}
