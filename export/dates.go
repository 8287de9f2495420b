package export

import (
	"strings"
	"time"

	"github.com/marsad/marsad/analysis"
)

// period is the span of days an event's date stands for: one day, an ISO
// week, a month, a year or a range; both ends inclusive, UTC midnight.
type period struct {
	from, to time.Time
	ok       bool
}

// days is the number of days the period covers.
func (p period) days() int {
	return int((p.to.Unix()-p.from.Unix())/86400) + 1 // not Sub: a Duration ends at 292 years
}

// mid is the middle day of the period (ACLED codes an event known only to
// the week or month on a day inside it, with a coarser time_precision).
func (p period) mid() time.Time {
	return p.from.AddDate(0, 0, (p.days()-1)/2)
}

// parseValue reads the ISO 8601 forms of marsad.analysis/v1 dates:
// YYYY-MM-DD, YYYY-MM, YYYY, YYYY-Www, --MM-DD (year from ref, the
// document's published date) and ranges A/B of those. RFC 3339 date-times
// are read as their day.
func parseValue(s string, ref time.Time) period {
	s = strings.TrimSpace(s)
	if a, b, ok := strings.Cut(s, "/"); ok {
		pa, pb := parseValue(a, ref), parseValue(b, ref)
		if !pa.ok || !pb.ok || pb.to.Before(pa.from) {
			return period{}
		}
		return period{pa.from, pb.to, true}
	}
	day := func(t time.Time) period { return period{t, t, true} }
	switch {
	case len(s) >= 10 && s[4] == '-' && s[7] == '-' && (len(s) == 10 || s[10] == 'T' || s[10] == ' '):
		if t, err := time.Parse("2006-01-02", s[:10]); err == nil {
			return day(t)
		}
	case len(s) == 7 && s[:2] == "--" && s[4] == '-':
		if ref.IsZero() {
			return period{}
		}
		m, d := atoi2(s[2:4]), atoi2(s[5:7])
		t := time.Date(ref.Year(), time.Month(m), d, 0, 0, 0, 0, time.UTC)
		if m < 1 || m > 12 || t.Day() != d {
			return period{}
		}
		if t.After(ref) { // a day-month after publication is last year's
			t = t.AddDate(-1, 0, 0)
		}
		return day(t)
	case len(s) == 7 && s[4] == '-':
		if t, err := time.Parse("2006-01", s); err == nil {
			return period{t, t.AddDate(0, 1, -1), true}
		}
	case len(s) == 4:
		if t, err := time.Parse("2006", s); err == nil {
			return period{t, t.AddDate(1, 0, -1), true}
		}
	case len(s) == 8 && s[4] == '-' && s[5] == 'W':
		if t, err := time.Parse("2006", s[:4]); err == nil {
			w := atoi2(s[6:])
			if w < 1 || w > 53 {
				return period{}
			}
			// ISO week 1 holds 4 January; weeks start on Monday.
			jan4 := t.AddDate(0, 0, 3)
			monday := jan4.AddDate(0, 0, -((int(jan4.Weekday())+6)%7)+7*(w-1))
			if w == 53 && monday.AddDate(0, 0, 3).Year() != t.Year() {
				return period{}
			}
			return period{monday, monday.AddDate(0, 0, 6), true}
		}
	}
	return period{}
}

func atoi2(s string) int {
	if len(s) != 2 || s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9' {
		return -1
	}
	return int(s[0]-'0')*10 + int(s[1]-'0')
}

// publishedTime reads a document's published date: RFC 3339 keeps its
// instant (in UTC), the other forms marsad accepts give midnight UTC.
func publishedTime(s analysis.Str) (time.Time, bool) {
	if s == "" {
		return time.Time{}, false
	}
	if t, err := time.Parse(time.RFC3339, string(s)); err == nil {
		return t.UTC(), true
	}
	t, err := analysis.ParseDate(string(s))
	return t, err == nil
}

// publishedDay is the published date's day (as analysis.ParseDate reads it).
func publishedDay(s analysis.Str) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, _ := analysis.ParseDate(string(s))
	return t
}

// eventPeriod is when an event happened, from its date (null when marsad
// could not date it).
func eventPeriod(e *analysis.Event, published time.Time) period {
	if e.Date == "" {
		return period{}
	}
	return parseValue(string(e.Date), published)
}

// timePrecision is ACLED's time_precision for a period: 1 a day, 2 a week
// (up to seven days), 3 anything coarser.
func timePrecision(p period) int {
	switch n := p.days(); {
	case n <= 1:
		return 1
	case n <= 7:
		return 2
	}
	return 3
}
