package demo

import "strings"

// luhnComplete appends to the digits of prefix the one Luhn check digit that makes
// the whole number valid (SIREN: 8 digits + key; SIRET: 13 digits + key).
func luhnComplete(prefix string) string {
	sum := 0
	double := true // the key will be the rightmost digit, so the last digit of prefix is doubled
	for i := len(prefix) - 1; i >= 0; i-- {
		d := int(prefix[i] - '0')
		if double {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return prefix + string(rune('0'+(10-sum%10)%10))
}

// siret builds a SIRET whose SIREN (first 9 digits) and SIRET both pass the Luhn
// check, like real ones: an 8-digit body, the SIREN key, a 4-digit establishment
// number and the SIRET key. body must be 8 digits and must not start with 356
// (La Poste's SIREN follows another rule).
func siret(body string, establishment int) string {
	siren := luhnComplete(body)
	return luhnComplete(siren + pad(establishment, 4))
}

// pad writes n in decimal with at least width digits.
func pad(n, width int) string {
	var buf [20]byte
	i := len(buf)
	for n > 0 || i > len(buf)-1 {
		i--
		buf[i] = byte('0' + n%10)
		n /= 10
	}
	for len(buf)-i < width {
		i--
		buf[i] = '0'
	}
	return string(buf[i:])
}

// phone formats a fictional landline of the Lens area: 03 21 ab cd ef.
func phone(n int) string {
	n %= 1_000_000
	s := pad(n, 6)
	return "03 21 " + s[0:2] + " " + s[2:4] + " " + s[4:6]
}

var slugReplacer = strings.NewReplacer(
	"à", "a", "â", "a", "ä", "a", "é", "e", "è", "e", "ê", "e", "ë", "e",
	"î", "i", "ï", "i", "ô", "o", "ö", "o", "ù", "u", "û", "u", "ü", "u",
	"ç", "c", "œ", "oe", "æ", "ae", "’", " ", "'", " ",
)

// slug turns a structure's name into a domain label: « Vélo-École du Bassin minier
// (fictif) » → velo-ecole-du-bassin-minier.
func slug(name string) string {
	name = strings.TrimSuffix(name, FictionSuffix)
	s := slugReplacer.Replace(strings.ToLower(name))
	var b strings.Builder
	b.Grow(len(s))
	dash := false
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
	}
	out := b.String()
	if len(out) > 60 { // a DNS label holds 63 characters at most
		out = strings.TrimRight(out[:60], "-")
	}
	return out
}

// email builds a fictional address under the reserved example.org domain:
// j.caron@velo-ecole-du-bassin-minier.example.org.
func email(first, last, structure string) string {
	local := slug(last)
	if f := slug(first); f != "" {
		local = f[:1] + "." + local
	}
	return local + "@" + slug(structure) + ".example.org"
}
