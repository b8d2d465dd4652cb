package data

import (
	"slices"
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
func FormatAmount(cents int64) string { return formatCents(cents, ',', true) }

// FormatCents writes cents with two decimals and the given decimal mark, the
// thousands not grouped: « 150000,00 » or "150000.00", for the files other
// programs read (CSV, SCDL).
func FormatCents(cents int64, mark byte) string { return formatCents(cents, mark, false) }

func formatCents(cents int64, mark byte, group bool) string {
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
	if group {
		writeThousands(&b, mag/100)
	} else {
		b.WriteString(strconv.FormatUint(mag/100, 10))
	}
	b.WriteByte(mark)
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

// FormatDecimal writes x with the given number of decimals and a French decimal
// comma, without grouping the thousands: « 12,35 », « 3,98 ».
func FormatDecimal(x float64, decimals int) string {
	return DecimalComma(strconv.FormatFloat(x, 'f', decimals, 64))
}

// DecimalComma turns a number Go wrote (« 12.35 », big.Rat's FloatString) into
// its French spelling (« 12,35 »).
func DecimalComma(s string) string { return strings.Replace(s, ".", ",", 1) }

// Count is a number of things in words: « 0 dossier », « 1 dossier »,
// « 10 000 dossiers » (French keeps 0 and 1 singular).
func Count(n int, one, many string) string {
	return FormatInt(int64(n)) + " " + Plural(n, one, many)
}

// CountNone is Count, but none in words: « Aucun dossier « à discuter » »
// rather than « 0 dossier « à discuter » ».
func CountNone(n int, none, one, many string) string {
	if n == 0 {
		return none
	}
	return Count(n, one, many)
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
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(orig, "€"), "EUR"))
	s = strings.TrimSpace(strings.TrimPrefix(s, "€"))
	if s == "" {
		return 0, Errorf(EINVALID, "montant vide")
	}
	if strings.HasPrefix(s, "-") {
		return 0, Errorf(EINVALID, "le montant « %s » ne peut pas être négatif", orig)
	}
	groups, seps, ok := digitGroups(strings.TrimPrefix(s, "+"))
	if !ok {
		return 0, unreadableAmount(orig)
	}
	intPart, frac, seps, reading := decimalMark(groups, seps)
	switch {
	case reading == amountAmbiguous:
		return 0, Errorf(EINVALID, "montant ambigu « %s » : milliers ou décimales ? Écrivez par exemple 12 500 ou 12,50", orig)
	case reading == amountUnreadable || !thousandsGrouped(intPart, seps):
		return 0, unreadableAmount(orig)
	}
	return amountCents(intPart, frac, orig)
}

func unreadableAmount(orig string) error {
	return Errorf(EINVALID, "montant illisible « %s » : écrivez par exemple 12 500,50", orig)
}

// isGroupSpace tells the separators that can only group thousands.
func isGroupSpace(r rune) bool { return r == ' ' || r == nbsp || r == narrowNbsp || r == '\'' }

// digitGroups splits an amount into its groups of digits and the separators
// between them; false for any other character, two separators in a row, or a
// leading or trailing one.
func digitGroups(s string) (groups []string, seps []rune, ok bool) {
	cur := strings.Builder{}
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			cur.WriteRune(r)
		case isGroupSpace(r) || r == '.' || r == ',':
			if cur.Len() == 0 {
				return nil, nil, false
			}
			groups = append(groups, cur.String())
			cur.Reset()
			seps = append(seps, r)
		default:
			return nil, nil, false
		}
	}
	if cur.Len() == 0 {
		return nil, nil, false
	}
	return append(groups, cur.String()), seps, true
}

// How decimalMark reads an amount.
const (
	amountRead       = iota
	amountAmbiguous  // « 12.500 », « 1,500 »: thousands or decimals?
	amountUnreadable // three decimals or more
)

// decimalMark finds the decimals: the last separator is a decimal mark unless
// it is a space, it also appears before (then all of them group thousands:
// 1.234.567), or three digits follow it. It returns the whole part's groups,
// the decimals, and the separators left, which group thousands.
func decimalMark(groups []string, seps []rune) (intPart []string, frac string, thousands []rune, reading int) {
	n := len(seps)
	if n == 0 || isGroupSpace(seps[n-1]) {
		return groups, "", seps, amountRead
	}
	last, lastGroup := seps[n-1], groups[len(groups)-1]
	if slices.Contains(seps[:n-1], last) {
		return groups, "", seps, amountRead // 1.234.567 or 1,234,567
	}
	switch {
	case len(lastGroup) == 3:
		// 12.500 or 1,500, or 1 234,567: thousands, or decimals with three places?
		if slices.ContainsFunc(seps[:n-1], func(r rune) bool { return !isGroupSpace(r) }) {
			return nil, "", nil, amountUnreadable // 1.234,567: three decimals
		}
		return nil, "", nil, amountAmbiguous
	case len(lastGroup) > 3:
		return nil, "", nil, amountUnreadable
	}
	return groups[:len(groups)-1], lastGroup, seps[:n-1], amountRead
}

// thousandsGrouped checks the separators left: all of one kind (spaces of any
// sort count as one), each followed by three digits, after one to three.
func thousandsGrouped(intPart []string, seps []rune) bool {
	for i, r := range seps {
		if (isGroupSpace(r) != isGroupSpace(seps[0])) || (!isGroupSpace(r) && r != seps[0]) {
			return false
		}
		if len(intPart[i+1]) != 3 {
			return false
		}
	}
	return len(seps) == 0 || (len(intPart[0]) <= 3 && len(intPart[0]) > 0)
}

// amountCents joins the euros and adds the decimals (one or two), within MaxCents.
func amountCents(intPart []string, frac, orig string) (int64, error) {
	digits := strings.Join(intPart, "")
	if len(digits) > 13 {
		return 0, Errorf(EINVALID, "montant trop élevé « %s »", orig)
	}
	euros, err := strconv.ParseInt(digits, 10, 64)
	if err != nil {
		return 0, unreadableAmount(orig)
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
