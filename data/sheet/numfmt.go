package sheet

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// numKind is how a number format shows a number.
type numKind int

const (
	kindNumber  numKind = iota // General, 0.00, # ##0 €…: a plain number
	kindDate                   // a date, a time or both
	kindPercent                // 0 %, 0.0 %: shown ×100
	kindMask                   // 00000, 0000000000: digits padded with zeros (postcodes, phones)
)

// excelDate converts an Excel serial date. Whole days give 2021-04-12, others
// 2021-04-12T14:30:00 (to the nearest second); a time alone gives 14:30:00.
func excelDate(f float64, date1904 bool) string {
	if f > 0 && f < 1 {
		secs := int64(math.Round(f * 86400))
		return time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(secs) * time.Second).Format("15:04:05")
	}
	t, err := excelize.ExcelDateToTime(f, date1904)
	if err != nil || t.Year() < 1900 || t.Year() > 9999 {
		return plainNumber(f)
	}
	t = t.Round(time.Second)
	switch {
	case t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0:
		return t.Format("2006-01-02")
	}
	return t.Format("2006-01-02T15:04:05")
}

// plainNumber writes f in decimal with no exponent and without the binary noise
// of spreadsheet arithmetic: 15 significant digits, as Excel shows them.
func plainNumber(f float64) string {
	g, err := strconv.ParseFloat(strconv.FormatFloat(f, 'g', 15, 64), 64)
	if err != nil {
		g = f
	}
	if g == 0 {
		return "0" // no "-0"
	}
	return strconv.FormatFloat(g, 'f', -1, 64)
}

// classifyBuiltIn sorts Excel's built-in number formats (ECMA-376 §18.8.30).
func classifyBuiltIn(id int) numKind {
	switch {
	case id >= 14 && id <= 22, id >= 27 && id <= 36, id >= 45 && id <= 47, id >= 50 && id <= 58, id >= 71 && id <= 81:
		return kindDate
	case id == 9 || id == 10:
		return kindPercent
	}
	return kindNumber
}

// classifyFormat sorts a custom number format code by its first section,
// ignoring quoted literals, escaped characters and bracketed colours or
// locales ([Red], [$-40C]); elapsed-time brackets ([h]) make it a time.
func classifyFormat(code string) numKind {
	if strings.EqualFold(strings.TrimSpace(code), "general") || strings.EqualFold(strings.TrimSpace(code), "standard") {
		return kindNumber
	}
	var plain strings.Builder
	elapsed := false
	for i := 0; i < len(code); i++ {
		c := code[i]
		switch c {
		case ';':
			i = len(code) // first section only
		case '"':
			j := strings.IndexByte(code[i+1:], '"')
			if j < 0 {
				i = len(code)
			} else {
				i += j + 1
			}
		case '\\':
			i++
		case '_', '*': // _x adds the width of x, *x repeats x: x is no format character
			i++
		case '[':
			j := strings.IndexByte(code[i:], ']')
			if j < 0 {
				i = len(code)
				break
			}
			in := strings.ToLower(code[i+1 : i+j])
			if in != "" && strings.Trim(in, "hms") == "" {
				elapsed = true
			}
			i += j
		default:
			plain.WriteByte(c)
		}
	}
	p := strings.ToLower(plain.String())
	// Letters outside quotes are format characters: d, m, y, h, s make dates and
	// times (e is the exponent of 0.00E+00, and « general » has none of them).
	if elapsed || strings.ContainsAny(p, "dmyhs") {
		return kindDate
	}
	if strings.Contains(p, "%") {
		return kindPercent
	}
	if strings.Count(p, "0") >= 2 && strings.Trim(p, "0 -()/") == "" {
		return kindMask
	}
	return kindNumber
}

// maskNumber writes the whole number f as a mask format shows it: 6200 in
// « 00000 » gives 06200, 612345678 in « 00 00 00 00 00 » gives 06 12 34 56 78.
// Digits beyond the placeholders go before the first, as in Excel.
func maskNumber(code string, f float64) string {
	parts := maskParts(code)
	zeros := 0
	for _, p := range parts {
		if p.digit {
			zeros++
		}
	}
	digits := strconv.FormatFloat(math.Abs(f), 'f', 0, 64)
	if len(digits) < zeros {
		digits = strings.Repeat("0", zeros-len(digits)) + digits
	}
	var b strings.Builder
	if f < 0 {
		b.WriteByte('-')
	}
	extra := len(digits) - zeros
	for _, p := range parts {
		if !p.digit {
			b.WriteString(p.literal)
			continue
		}
		b.WriteString(digits[:extra+1])
		digits, extra = digits[extra+1:], 0
	}
	return b.String()
}

// maskPart is a digit placeholder or a literal of a mask format.
type maskPart struct {
	digit   bool
	literal string
}

// maskParts splits the first section of a format code into "0" placeholders
// and literals (quoted text, escaped characters, spaces, dashes…), dropping
// what prints nothing (colours, locales, repeat characters).
func maskParts(code string) []maskPart {
	var parts []maskPart
	lit := func(s string) { parts = append(parts, maskPart{literal: s}) }
	for i := 0; i < len(code); i++ {
		c := code[i]
		switch {
		case c == ';':
			return parts
		case c == '0':
			parts = append(parts, maskPart{digit: true})
		case c == '"':
			j := strings.IndexByte(code[i+1:], '"')
			if j < 0 {
				j = len(code) - i - 1
			}
			lit(code[i+1 : i+1+j])
			i += j + 1
		case c == '\\' && i+1 < len(code):
			lit(code[i+1 : i+2])
			i++
		case c == '_' && i+1 < len(code):
			lit(" ")
			i++
		case c == '*' && i+1 < len(code):
			i++
		case c == '[':
			j := strings.IndexByte(code[i:], ']')
			if j < 0 {
				return parts
			}
			i += j
		default:
			lit(string(c))
		}
	}
	return parts
}
