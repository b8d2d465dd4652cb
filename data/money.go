package data

import (
	"strconv"
	"strings"
)

// MaxCents bounds every amount: 999 999 999 999,99 €. Anything above is a typo,
// and staying far below 2^63 keeps sums of thousands of lines exact.
const MaxCents int64 = 99_999_999_999_999

const (
	nbsp       = '\u00a0' // no-break space, before €
	narrowNbsp = '\u202f' // narrow no-break space, between thousands
)

// FormatEuros shows cents the French way: 150 000,00 € (narrow no-break spaces
// between thousands, a no-break space before the sign).
func FormatEuros(cents int64) string { return FormatAmount(cents) + string(nbsp) + "€" }

// FormatAmount is FormatEuros without the currency sign: 150 000,00.
func FormatAmount(cents int64) string {
	neg := cents < 0
	// Work on the magnitude as unsigned: -math.MinInt64 does not fit in an int64.
	mag := uint64(cents)
	if neg {
		mag = -mag
	}
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	writeThousands(&b, mag/100)
	b.WriteByte(',')
	c := mag % 100
	b.WriteByte(byte('0' + c/10))
	b.WriteByte(byte('0' + c%10))
	return b.String()
}

// FormatInt writes a whole number the French way: 10 000 (narrow no-break
// spaces between thousands).
func FormatInt(n int64) string {
	var b strings.Builder
	if n < 0 {
		b.WriteByte('-')
	}
	mag := uint64(n)
	if n < 0 {
		mag = -mag
	}
	writeThousands(&b, mag)
	return b.String()
}

// Count is a number of things in words: « 0 dossier », « 1 dossier »,
// « 10 000 dossiers » (French keeps 0 and 1 singular).
func Count(n int, one, many string) string {
	return FormatInt(int64(n)) + " " + Plural(n, one, many)
}

// Plural is the word that agrees with a number of things: one for 0 and 1,
// many from 2 (« 3 dossiers prêts », « Importer 1 dossier »).
func Plural(n int, one, many string) string {
	if n > 1 || n < -1 {
		return many
	}
	return one
}

func writeThousands(b *strings.Builder, v uint64) {
	digits := strconv.FormatUint(v, 10)
	for i, r := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteRune(narrowNbsp)
		}
		b.WriteRune(r)
	}
}

// FormatEurosPlain is FormatEuros with ordinary spaces, for CSV files and
// terminals whose fonts lack the narrow no-break space.
func FormatEurosPlain(cents int64) string { return Plain(FormatEuros(cents)) }

// Plain writes the no-break spaces of a text (« 10 000 dossiers ») as
// ordinary ones, for terminals whose fonts lack them.
func Plain(s string) string { return plainSpaces.Replace(s) }

var plainSpaces = strings.NewReplacer(string(narrowNbsp), " ", string(nbsp), " ")

// ParseAmount reads an amount of euros typed by a person or written by a
// spreadsheet and returns cents. It accepts « 12 500 », « 12 500,50 € »,
// « 12500.50 », « 12.500,50 » and « 1,234.56 », with ordinary, no-break or narrow
// no-break spaces between thousands. It refuses what a reader could take two ways
// (« 12.500 », « 1,500 »: thousands or decimals?), more than two decimals,
// negative amounts and amounts over MaxCents.
func ParseAmount(s string) (int64, error) {
	orig := strings.TrimSpace(s)
	s = orig
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(s, "€"), "EUR"))
	s = strings.TrimSpace(strings.TrimPrefix(s, "€"))
	if s == "" {
		return 0, Errorf(EINVALID, "montant vide")
	}
	if strings.HasPrefix(s, "-") {
		return 0, Errorf(EINVALID, "le montant « %s » ne peut pas être négatif", orig)
	}
	s = strings.TrimPrefix(s, "+")
	bad := func() (int64, error) {
		return 0, Errorf(EINVALID, "montant illisible « %s » : écrivez par exemple 12 500,50", orig)
	}
	ambiguous := func() (int64, error) {
		return 0, Errorf(EINVALID, "montant ambigu « %s » : milliers ou décimales ? Écrivez par exemple 12 500 ou 12,50", orig)
	}
	// Split into digit groups and the separators between them.
	var groups []string
	var seps []rune
	cur := strings.Builder{}
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			cur.WriteRune(r)
		case r == ' ' || r == nbsp || r == narrowNbsp || r == '.' || r == ',' || r == '\'':
			if cur.Len() == 0 {
				return bad() // two separators in a row, or a leading one
			}
			groups = append(groups, cur.String())
			cur.Reset()
			seps = append(seps, r)
		default:
			return bad()
		}
	}
	if cur.Len() == 0 {
		return bad() // trailing separator
	}
	groups = append(groups, cur.String())

	isSpace := func(r rune) bool { return r == ' ' || r == nbsp || r == narrowNbsp || r == '\'' }
	intPart, frac := groups, ""
	if n := len(seps); n > 0 && !isSpace(seps[n-1]) {
		last := seps[n-1]
		// The last separator is a decimal mark unless it also appears before (then
		// all of them group thousands: 1.234.567) or it is followed by three digits.
		repeated := false
		for _, r := range seps[:n-1] {
			if r == last {
				repeated = true
			}
		}
		lastGroup := groups[len(groups)-1]
		switch {
		case repeated:
			// 1.234.567 or 1,234,567: all thousands separators.
		case len(lastGroup) == 3:
			// 12.500 or 1,500, or 1 234,567: thousands, or decimals with three places?
			otherMark := false
			for _, r := range seps[:n-1] {
				if !isSpace(r) {
					otherMark = true
				}
			}
			if !otherMark {
				return ambiguous()
			}
			return bad() // 1.234,567: three decimals
		case len(lastGroup) > 3:
			return bad()
		default:
			intPart, frac = groups[:len(groups)-1], lastGroup
			seps = seps[:n-1]
		}
	}
	// Every separator left groups thousands: all the same kind, groups of three.
	for i, r := range seps {
		if (isSpace(r) != isSpace(seps[0])) || (!isSpace(r) && r != seps[0]) {
			return bad()
		}
		if len(intPart[i+1]) != 3 {
			return bad()
		}
	}
	if len(seps) > 0 && (len(intPart[0]) > 3 || len(intPart[0]) == 0) {
		return bad()
	}
	digits := strings.Join(intPart, "")
	if len(digits) > 13 {
		return 0, Errorf(EINVALID, "montant trop élevé « %s »", orig)
	}
	euros, err := strconv.ParseInt(digits, 10, 64)
	if err != nil {
		return bad()
	}
	cents := euros * 100
	switch len(frac) {
	case 1:
		cents += int64(frac[0]-'0') * 10
	case 2:
		cents += int64(frac[0]-'0')*10 + int64(frac[1]-'0')
	}
	if cents > MaxCents {
		return 0, Errorf(EINVALID, "montant trop élevé « %s »", orig)
	}
	return cents, nil
}
