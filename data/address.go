package data

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/transform"
)

// A structure's postal address is what the Cerfa n° 12156 (demande de
// subvention d'une association) asks for its head office: the street lines,
// the postal code and the town (« commune ») of the siège. That town may lie
// outside the campaign's territory (a regional association), so it is kept
// apart from Structure.Commune, the campaign's commune the project is filed
// under. The letters (Lines) and the mail merge (StreetLines, PostTown)
// write it through PostalAddress alone, which follows La Poste's rules
// (norme AFNOR NF Z10-011: at most six lines of at most 38 characters, left
// aligned, no punctuation from the street line on, the last line « 62300
// LENS » in capitals without accents); the exports carry its three parts as
// stored, so that they import back.

// Postal limits of NF Z10-011.
const (
	PostalMaxLines   = 6
	PostalLineLength = 38
)

// PostalAddress is a structure's address for the post.
type PostalAddress struct {
	Street     []string // street lines: building, number and way, lieu-dit or BP
	PostalCode string   // five digits
	Town       string   // as typed (« Liévin »); Lines writes it « LIEVIN »
}

// PostalAddress is the structure's address for the post: its street lines,
// postal code and town; a last street line « 62300 Lens » stands for a postal
// code and a town not yet given apart (a base filled before they were).
func (s Structure) PostalAddress() PostalAddress {
	street, code, town := SplitPostalLine(s.Address, s.PostalCode, s.Town)
	p := PostalAddress{PostalCode: NormalizePostalCode(code), Town: Clean(town)}
	for _, l := range strings.Split(street, "\n") {
		if l = Clean(l); l != "" {
			p.Street = append(p.Street, l)
		}
	}
	return p
}

// Missing names what the address lacks for a letter to be posted:
// « code postal », « localité », or an invalid postal code; nil when complete.
func (p PostalAddress) Missing() []string {
	var out []string
	switch {
	case p.PostalCode == "":
		out = append(out, "code postal")
	case !ValidPostalCode(p.PostalCode):
		out = append(out, "code postal invalide ("+p.PostalCode+")")
	}
	if Blank(p.Town) {
		out = append(out, "localité")
	}
	return out
}

// Complete reports whether a letter can be posted to the address.
func (p PostalAddress) Complete() bool { return len(p.Missing()) == 0 }

// OneLine is the address as a table cell shows it, as typed:
// « 12 rue Jean Jaurès, 62300 Lens ».
func (p PostalAddress) OneLine() string {
	parts := append([]string(nil), p.Street...)
	if last := strings.TrimSpace(p.PostalCode + " " + p.Town); last != "" {
		parts = append(parts, last)
	}
	return strings.Join(parts, ", ")
}

// LastLine is the address's last line as La Poste reads it: « 62300 LENS ».
func (p PostalAddress) LastLine() string {
	return strings.TrimSpace(p.PostalCode + " " + p.PostTown())
}

// Lines is the address block of a letter to name (the structure), for the
// attention of person (may be empty), as NF Z10-011 lays it out: the
// recipient, the attention line, the street lines in capitals without
// punctuation, the postal code and the town. Every line holds at most 38
// characters (longer ones are wrapped between words). When the block would
// exceed six lines, what goes first is the attention line, then the street
// lines before the number and way (a building's name), then the name's
// lines beyond the first: the recipient and where to deliver come last.
func (p PostalAddress) Lines(name, person string) []string {
	recipient := wrapPostal(Clean(name), PostalLineLength)
	if len(recipient) > 3 {
		recipient = recipient[:3]
	}
	var att []string
	if person = Clean(person); person != "" {
		// « À l'attention de » when it fits, else the name alone (line 2
		// of the norm: the recipient's identity or service).
		a := "À l'attention de " + person
		if utf8.RuneCountInString(a) > PostalLineLength {
			a = person
		}
		att = wrapPostal(a, PostalLineLength)[:1]
	}
	street := p.streetGroups()
	n := 0
	for _, w := range street {
		n += len(w)
	}
	for len(recipient)+len(att)+n+1 > PostalMaxLines {
		switch {
		case len(att) > 0:
			att = nil
		case len(street) > 1: // the number and way, last, stay
			street, n = street[1:], n-len(street[0])
		case len(recipient) > 1:
			recipient = recipient[:len(recipient)-1]
		default:
			street[0], n = street[0][:len(street[0])-1], n-1
		}
	}
	out := append(recipient, att...)
	for _, w := range street {
		out = append(out, w...)
	}
	if last := p.LastLine(); last != "" {
		out = append(out, last)
	}
	return out
}

// StreetLines are the street lines as the post reads them: in capitals
// without accents nor punctuation, at most 38 characters each.
func (p PostalAddress) StreetLines() []string {
	var out []string
	for _, w := range p.streetGroups() {
		out = append(out, w...)
	}
	return out
}

// PostTown is the town as the last line writes it: « LIEVIN ».
func (p PostalAddress) PostTown() string { return PostalUpper(p.Town) }

// streetGroups are the street lines for the post, each wrapped.
func (p PostalAddress) streetGroups() [][]string {
	out := make([][]string, 0, len(p.Street))
	for _, l := range p.Street {
		out = append(out, wrapPostal(PostalUpper(l), PostalLineLength))
	}
	return out
}

// postalCodeRe is a French postal code or CEDEX code: five digits.
var postalCodeRe = regexp.MustCompile(`^[0-9]{5}$`)

// ValidPostalCode reports whether s is five digits.
func ValidPostalCode(s string) bool { return postalCodeRe.MatchString(s) }

// NormalizePostalCode removes the spaces people type (« 62 300 »). A code of
// four digits is left as it is, refused: it may be 02100 whose zero a
// spreadsheet dropped, or 62300 mistyped.
func NormalizePostalCode(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '.' {
			return -1
		}
		return r
	}, s)
}

// postalLineRe is an address line made of a postal code and a town:
// « 62300 Lens », « 62 300 LENS », « 62800 Liévin Cedex ».
var postalLineRe = regexp.MustCompile(`^([0-9]{2} ?[0-9]{3})\s+(\pL.*)$`)

// SplitPostalLine takes the postal code and the town out of an address whose
// last line (or last part after a comma) is « 62300 Lens », when they are
// not given apart or are the same: a plain CSV's single « Adresse », and
// démarches-simplifiées' two-line « Établissement Adresse », which repeats
// its own postal code and town. Otherwise the address is left as it is.
func SplitPostalLine(address, code, town string) (street, postalCode, townOut string) {
	address = strings.TrimSpace(strings.ReplaceAll(address, "\r\n", "\n"))
	cut := strings.LastIndexAny(address, "\n,")
	last := strings.TrimSpace(address[cut+1:])
	m := postalLineRe.FindStringSubmatch(Clean(last))
	if m == nil {
		return address, code, town
	}
	c, t := NormalizePostalCode(m[1]), Clean(m[2])
	if !Blank(code) && NormalizePostalCode(code) != c || !Blank(town) && FoldKey(town) != FoldKey(t) {
		return address, code, town // the line says something else: keep both
	}
	if Blank(code) {
		code = c
	}
	if Blank(town) {
		town = t
	}
	if cut < 0 {
		return "", code, town
	}
	return strings.TrimSpace(address[:cut]), code, town
}

// NormalizeAddress tidies the street lines: each line cleaned of its extra
// spaces, empty lines dropped; the lines themselves are kept (a building's
// name, then the number and way).
func NormalizeAddress(s string) string {
	var lines []string
	for _, l := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if l = Clean(l); l != "" {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}

// PostalUpper writes a line as La Poste reads it best: capitals without
// accents, ligatures spelled out, punctuation (commas, hyphens, apostrophes)
// turned into spaces (NF Z10-011 allows only letters, digits and spaces from
// the street line on): « Rue de l'Égalité » → « RUE DE L EGALITE ».
func PostalUpper(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= utf8.RuneSelf {
			t, _, err := transform.String(foldChain, string(r))
			if err == nil && t != "" {
				r, _ = utf8.DecodeRuneInString(t)
			}
		}
		switch r = unicode.ToUpper(r); {
		case r == 'Œ':
			b.WriteString("OE")
		case r == 'Æ':
			b.WriteString("AE")
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		default:
			b.WriteByte(' ')
		}
	}
	return Clean(b.String())
}

// wrapPostal splits a line between words into lines of at most max
// characters; a single word longer than that is cut.
func wrapPostal(s string, max int) []string {
	var out []string
	line := ""
	for _, w := range strings.Fields(s) {
		for utf8.RuneCountInString(w) > max {
			if line != "" {
				out, line = append(out, line), ""
			}
			r := []rune(w)
			out, w = append(out, string(r[:max])), string(r[max:])
		}
		switch {
		case line == "":
			line = w
		case utf8.RuneCountInString(line)+1+utf8.RuneCountInString(w) <= max:
			line += " " + w
		default:
			out, line = append(out, line), w
		}
	}
	if line != "" || len(out) == 0 {
		out = append(out, line)
	}
	return out
}
