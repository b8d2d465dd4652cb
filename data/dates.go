package data

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // Windows has no zoneinfo: embed it so Paris time is always known
)

// Paris is the time zone every deadline and every displayed time refers to.
var Paris = mustLoad("Europe/Paris")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err) // cannot happen: tzdata is embedded
	}
	return loc
}

// Date is a civil date with no time and no zone (a deadline, a project's start).
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// NewDate builds a Date; it does not normalise (use ParseDate for user input).
func NewDate(y int, m time.Month, d int) Date { return Date{y, m, d} }

// IsZero reports whether the date is unset.
func (d Date) IsZero() bool { return d == Date{} }

// In returns the first instant of the day in loc.
func (d Date) In(loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// AddDays returns the date n days later.
func (d Date) AddDays(n int) Date {
	t := time.Date(d.Year, d.Month, d.Day+n, 12, 0, 0, 0, time.UTC)
	return Date{t.Year(), t.Month(), t.Day()}
}

// Before reports whether d comes strictly before e.
func (d Date) Before(e Date) bool {
	if d.Year != e.Year {
		return d.Year < e.Year
	}
	if d.Month != e.Month {
		return d.Month < e.Month
	}
	return d.Day < e.Day
}

// Format shows the date the French way, dd/mm/yyyy; "" when unset.
func (d Date) Format() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%02d/%02d/%04d", d.Day, int(d.Month), d.Year)
}

// ISO is yyyy-mm-dd, the storage and JSON form; "" when unset.
func (d Date) ISO() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// DateOf returns the civil date of t in Paris.
func DateOf(t time.Time) Date {
	if t.IsZero() { // an unknown instant is an unknown day, never 01/01/0001
		return Date{}
	}
	p := t.In(Paris)
	return Date{p.Year(), p.Month(), p.Day()}
}

// Period is a span of days (the jury « en juin 2021 » is 01/06 to 30/06).
type Period struct{ From, To Date }

// IsZero reports whether the period is unset.
func (p Period) IsZero() bool { return p.From.IsZero() && p.To.IsZero() }

// MonthPeriod is the whole calendar month.
func MonthPeriod(y int, m time.Month) Period {
	return Period{Date{y, m, 1}, Date{y, m, 1}.AddDays(40).firstOfMonth().AddDays(-1)}
}

func (d Date) firstOfMonth() Date { return Date{d.Year, d.Month, 1} }

// Format shows a period as a French reader expects: « juin 2021 » for a whole
// month, « 15/06/2021 » for one day, « 01/06/2021 au 15/06/2021 » otherwise.
func (p Period) Format() string {
	switch {
	case p.IsZero():
		return ""
	case p.From == p.To || p.To.IsZero():
		return p.From.Format()
	case p.From.IsZero():
		return "jusqu'au " + p.To.Format()
	case p.From.Month >= time.January && p.From.Month <= time.December && p == MonthPeriod(p.From.Year, p.From.Month):
		return MonthNames[p.From.Month-1] + " " + strconv.Itoa(p.From.Year)
	}
	return p.From.Format() + " au " + p.To.Format()
}

// MonthNames and WeekdayNames are the French names (Fyne prints English ones).
var (
	MonthNames   = []string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"}
	WeekdayNames = []string{"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"}
)

// FormatDateTime shows an instant in Paris time: 30/04/2021 17:05.
func FormatDateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(Paris).Format("02/01/2006 15:04")
}

var (
	reFrDate = regexp.MustCompile(`^(\d{1,2})/(\d{1,2})/(\d{4})(?:\s+(\d{1,2})[:hH](\d{2})(?::(\d{2}))?)?$`)
	// The offset may follow a space: « 2021-04-29 14:32:10 +0200 » is how
	// démarches-simplifiées (Ruby's Time#to_s) writes its CSV exports.
	reISO = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?: ?(Z|[+-]\d{2}(?::?\d{2})?))?)?$`)
)

// ParseDate reads a civil date: dd/mm/yyyy or ISO 8601 yyyy-mm-dd. Impossible
// dates (31/02/2021) are errors, never rolled over to the next month.
func ParseDate(s string) (Date, error) {
	if isoDay(s) { // the bases' form, read for every dossier: no regexp
		return makeDate(s, s[:4], s[5:7], s[8:])
	}
	s = Clean(s)
	if m := reFrDate.FindStringSubmatch(s); m != nil && m[4] == "" {
		return makeDate(s, m[3], m[2], m[1])
	}
	if m := reISO.FindStringSubmatch(s); m != nil && m[4] == "" {
		return makeDate(s, m[1], m[2], m[3])
	}
	return Date{}, Errorf(EINVALID, "date invalide « %s » : attendu jj/mm/aaaa", s)
}

// isoDay says whether s is exactly « aaaa-mm-jj » in ASCII digits, which
// reISO would match with no time.
func isoDay(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if i != 4 && i != 7 && (s[i] < '0' || s[i] > '9') {
			return false
		}
	}
	return true
}

// The years a date may fall in: anything outside is a typo (1021 for 2021).
const minYear, maxYear = 1900, 2200

func makeDate(s, ys, ms, ds string) (Date, error) {
	y, _ := strconv.Atoi(ys)
	m, _ := strconv.Atoi(ms)
	d, _ := strconv.Atoi(ds)
	if y < minYear || y > maxYear || m < 1 || m > 12 || d < 1 || d > daysIn(y, time.Month(m)) {
		return Date{}, Errorf(EINVALID, "date impossible « %s »", s)
	}
	return Date{y, time.Month(m), d}, nil
}

func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// ParseDateTime reads an instant: dd/mm/yyyy with an optional hh:mm[:ss], or ISO
// 8601 with an optional time and offset. Without an offset the time is Paris time;
// without a time, midnight.
func ParseDateTime(s string) (time.Time, error) {
	s = Clean(s)
	var ys, ms, ds, hs, mins, secs, zone string
	if m := reFrDate.FindStringSubmatch(s); m != nil {
		ds, ms, ys, hs, mins, secs = m[1], m[2], m[3], m[4], m[5], m[6]
	} else if m := reISO.FindStringSubmatch(s); m != nil {
		ys, ms, ds, hs, mins, secs, zone = m[1], m[2], m[3], m[4], m[5], m[6], m[7]
	} else {
		return time.Time{}, Errorf(EINVALID, "date invalide « %s » : attendu jj/mm/aaaa hh:mm", s)
	}
	d, err := makeDate(s, ys, ms, ds)
	if err != nil {
		return time.Time{}, err
	}
	h, mi, se := atoiOr0(hs), atoiOr0(mins), atoiOr0(secs)
	if h > 23 || mi > 59 || se > 59 {
		return time.Time{}, Errorf(EINVALID, "heure impossible « %s »", s)
	}
	loc := Paris
	if zone != "" {
		off, err := parseOffset(zone)
		if err != nil {
			return time.Time{}, Errorf(EINVALID, "fuseau horaire invalide « %s »", s)
		}
		loc = time.FixedZone("", off)
	}
	// Sub-second digits in ISO input are dropped: a register counts in seconds.
	t := time.Date(d.Year, d.Month, d.Day, h, mi, se, 0, loc)
	// An offset can move the instant across the year range in Paris (31/12/2200
	// 23:30-05:00 is 2201 in Paris): refuse what FormatDateTime could not re-read.
	if y := t.In(Paris).Year(); y < minYear || y > maxYear {
		return time.Time{}, Errorf(EINVALID, "date impossible « %s »", s)
	}
	return t, nil
}

func atoiOr0(s string) int {
	if s == "" {
		return 0 // the usual absent seconds, without the error Atoi would make
	}
	n, _ := strconv.Atoi(s)
	return n
}

func parseOffset(z string) (int, error) {
	if z == "Z" {
		return 0, nil
	}
	sign := 1
	if z[0] == '-' {
		sign = -1
	}
	z = strings.ReplaceAll(z[1:], ":", "")
	if len(z) == 2 {
		z += "00" // +02 is +02:00
	}
	if len(z) != 4 {
		return 0, fmt.Errorf("offset")
	}
	h, err1 := strconv.Atoi(z[:2])
	m, err2 := strconv.Atoi(z[2:])
	if err1 != nil || err2 != nil || h > 14 || m > 59 {
		return 0, fmt.Errorf("offset")
	}
	return sign * (h*3600 + m*60), nil
}
