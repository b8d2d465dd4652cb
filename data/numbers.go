package data

import (
	"strconv"
	"strings"
)

// ParseHundredths reads a number of points with at most two decimals, as
// staff type it (« 10 », « 10,5 », « 12.25 », « -0,5 »), in hundredths. The
// sign applies to the whole number: « -0,5 » is -50, and a sign inside the
// decimals (« 10,-5 ») is an error. Ranges are the caller's (ValidateCampaign).
func ParseHundredths(s string) (int64, error) {
	bad := Errorf(EINVALID, "nombre attendu, avec au plus deux décimales (par exemple 10 ou 10,5)")
	s = strings.ReplaceAll(strings.TrimSpace(s), ",", ".")
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(s, ".")
	if !allDigits(whole) || (frac != "" && !allDigits(frac)) || len(frac) > 2 || len(whole) > 12 {
		return 0, bad
	}
	w, _ := strconv.ParseInt(whole, 10, 64)
	f, _ := strconv.ParseInt((frac + "00")[:2], 10, 64)
	v := w*100 + f
	if neg {
		v = -v
	}
	return v, nil
}

// FormatHundredths writes hundredths as staff read them: « 10 », « 10,5 », « 12,25 ».
func FormatHundredths(h int64) string {
	sign := ""
	if h < 0 {
		sign, h = "-", -h
	}
	s := sign + strconv.FormatInt(h/100, 10)
	if f := h % 100; f != 0 {
		s += "," + strings.TrimSuffix(strconv.FormatInt(100+f, 10)[1:], "0")
	}
	return s
}

// ParseCount reads a whole number as typed, spaces between thousands allowed
// (« 12 500 », with ordinary, non-breaking or thin non-breaking spaces).
func ParseCount(s string) (int, error) {
	t := strings.Map(func(r rune) rune {
		if r == ' ' || r == nbsp || r == '\u202f' {
			return -1
		}
		return r
	}, strings.TrimSpace(s))
	if t == "" {
		return 0, nil
	}
	if !allDigits(t) || len(t) > 9 {
		return 0, Errorf(EINVALID, "nombre entier attendu, par exemple 12 500 (« %s »)", strings.TrimSpace(s))
	}
	n, _ := strconv.Atoi(t)
	return n, nil
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
