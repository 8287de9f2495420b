package temporal

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// The Hijri calendar. Saudi news dates by the Umm al-Qura calendar, whose
// months begin by astronomical rules, not by a formula; marsad embeds its
// month lengths for 1300–1500 AH (data/ummalqura.tsv, computed from ICU's
// implementation by tools/gencal). Outside those years it falls back to the
// arithmetical (tabular) Islamic calendar, the civil epoch with the leap
// years 2, 5, 7, 10, 13, 16, 18, 21, 24, 26, 29 of each 30-year cycle,
// which may be a day or two off the calendar a country actually used.

// uqYear is one year of the Umm al-Qura table.
type uqYear struct {
	start  int     // days since 1970-01-01 of 1 Muharram
	length [12]int // days of each month
}

// hijriTable is the embedded Umm al-Qura table, years first..first+len-1.
type hijriTable struct {
	first int
	years []uqYear
}

func parseUmmAlQura(lines [][]string) (*hijriTable, error) {
	t := &hijriTable{}
	for _, f := range lines {
		if len(f) != 3 {
			return nil, fmt.Errorf("ummalqura.tsv: want year, start, lengths; got %q", f)
		}
		y, err := strconv.Atoi(f[0])
		if err != nil {
			return nil, fmt.Errorf("ummalqura.tsv: year %q", f[0])
		}
		if t.first == 0 {
			t.first = y
		} else if y != t.first+len(t.years) {
			return nil, fmt.Errorf("ummalqura.tsv: year %d out of order", y)
		}
		day, err := time.Parse("2006-01-02", f[1])
		if err != nil {
			return nil, fmt.Errorf("ummalqura.tsv: %d: %w", y, err)
		}
		u := uqYear{start: int(day.Unix() / 86400)}
		ls := strings.Fields(f[2])
		if len(ls) != 12 {
			return nil, fmt.Errorf("ummalqura.tsv: %d: %d month lengths", y, len(ls))
		}
		for i, l := range ls {
			n, err := strconv.Atoi(l)
			if err != nil || n < 29 || n > 30 {
				return nil, fmt.Errorf("ummalqura.tsv: %d: month length %q", y, l)
			}
			u.length[i] = n
		}
		if len(t.years) > 0 {
			p := t.years[len(t.years)-1]
			if p.start+sum(p.length[:]) != u.start {
				return nil, fmt.Errorf("ummalqura.tsv: %d does not follow %d", y, y-1)
			}
		}
		t.years = append(t.years, u)
	}
	return t, nil
}

func sum(xs []int) int {
	s := 0
	for _, x := range xs {
		s += x
	}
	return s
}

// epochDay returns the days since 1970-01-01 of a Gregorian date.
func epochDay(t time.Time) int {
	return int(time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

func fromEpochDay(d int) time.Time {
	return time.Unix(int64(d)*86400, 0).UTC()
}

// tabular (arithmetical) Islamic calendar, civil epoch: 1 Muharram 1 AH is
// Friday 16 July 622 (Julian), day -492148 from the Unix epoch.
const hijriEpoch = -492148

func tabularLeap(y int) bool { return (14+11*y)%30 < 11 }

func tabularToDay(y, m, d int) int {
	return hijriEpoch + (y-1)*354 + (3+11*y)/30 + 29*(m-1) + m/2 + d - 1
}

// ToGregorian converts a Hijri date to the Gregorian day, with the Umm
// al-Qura table where it covers the year. ok is false for a day the month
// does not have.
func (h *hijriTable) ToGregorian(y, m, d int) (time.Time, bool) {
	if m < 1 || m > 12 || d < 1 || d > 30 {
		return time.Time{}, false
	}
	if h != nil && y >= h.first && y < h.first+len(h.years) {
		u := &h.years[y-h.first]
		if d > u.length[m-1] {
			return time.Time{}, false
		}
		return fromEpochDay(u.start + sum(u.length[:m-1]) + d - 1), true
	}
	if d == 30 && !(m%2 == 1 || m == 12 && tabularLeap(y)) {
		return time.Time{}, false
	}
	return fromEpochDay(tabularToDay(y, m, d)), true
}

// MonthRange returns the first and last Gregorian days of a Hijri month.
func (h *hijriTable) MonthRange(y, m int) (time.Time, time.Time, bool) {
	first, ok := h.ToGregorian(y, m, 1)
	if !ok {
		return time.Time{}, time.Time{}, false
	}
	ny, nm := y, m+1
	if nm > 12 {
		ny, nm = y+1, 1
	}
	next, ok := h.ToGregorian(ny, nm, 1)
	if !ok {
		return time.Time{}, time.Time{}, false
	}
	return first, next.AddDate(0, 0, -1), true
}

// FromGregorian returns the Hijri year, month and day of a Gregorian day.
func (h *hijriTable) FromGregorian(t time.Time) (y, m, d int) {
	day := epochDay(t)
	if h != nil && len(h.years) > 0 {
		last := h.years[len(h.years)-1]
		if day >= h.years[0].start && day < last.start+sum(last.length[:]) {
			lo, hi := 0, len(h.years)-1
			for lo < hi {
				mid := (lo + hi + 1) / 2
				if h.years[mid].start <= day {
					lo = mid
				} else {
					hi = mid - 1
				}
			}
			u := &h.years[lo]
			off := day - u.start
			for i, l := range u.length {
				if off < l {
					return h.first + lo, i + 1, off + 1
				}
				off -= l
			}
		}
	}
	// tabular: estimate the year, then walk
	y = int(float64(day-hijriEpoch)/354.36667) + 1
	for tabularToDay(y+1, 1, 1) <= day {
		y++
	}
	for tabularToDay(y, 1, 1) > day {
		y--
	}
	m = 1
	for m < 12 && tabularToDay(y, m+1, 1) <= day {
		m++
	}
	return y, m, day - tabularToDay(y, m, 1) + 1
}
