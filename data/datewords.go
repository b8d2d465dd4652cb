package data

import "strconv"

// FormatLong writes the date as a French letter is dated: « 1er décembre
// 2026 », « 15 mars 2027 » (the first day of a month is « 1er », month names
// in lowercase); "" when unset.
func (d Date) FormatLong() string {
	if d.IsZero() || d.Month < 1 || d.Month > 12 {
		return d.Format()
	}
	day := strconv.Itoa(d.Day)
	if d.Day == 1 {
		day = "1er"
	}
	return day + " " + MonthNames[d.Month-1] + " " + strconv.Itoa(d.Year)
}
