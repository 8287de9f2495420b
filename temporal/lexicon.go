package temporal

import (
	"embed"
	"fmt"
	"io/fs"
	"strconv"
	"strings"
	"sync"

	"github.com/marsad/marsad/arabic"
	"github.com/marsad/marsad/internal/datafile"
	"github.com/marsad/marsad/quantity"
)

// The calendar words are data, embedded from data/ (tab-separated, '#'
// starts a comment):
//
//	cldr-calendar.tsv  Gregorian month names of every Arabic locale (the
//	                   four families: يناير…، كانون الثاني…، جانفي…،
//	                   يوليوز/غشت/شتنبر…), Hijri months, weekdays —
//	                   generated from CLDR by tools/gencal (Unicode License v3)
//	months.tsv         the other spellings news uses, and which names are
//	                   ambiguous (مارس، آب، رمضان)
//	words.tsv          the words of relative expressions (أمس، الماضي…)
//	ummalqura.tsv      the Umm al-Qura calendar 1300–1500 AH (generated)
//
//go:embed data/*.tsv
var dataFS embed.FS

const (
	gregorian = iota
	hijri
)

// HijriMonth reports whether a word, any spelling, is the one-word name of
// a month of the Hijri calendar (رمضان, شعبان, رجب).
func (lx *Lexicon) HijriMonth(word string) bool {
	for _, m := range lx.months[arabic.Key(word)] {
		if m.cal == hijri && len(m.words) == 1 {
			return true
		}
	}
	return false
}

// monthName is one written form of a month: its words as keys.
type monthName struct {
	words     []string
	cal       int
	month     int
	ambiguous bool
}

// Lexicon holds the calendar words. It is immutable and safe for
// concurrent use.
type Lexicon struct {
	months   map[string][]monthName // by the key of the first word
	weekdays map[string]int         // key (without the article) → 0 Sunday … 6 Saturday
	words    map[string]map[string]string
	hijri    *hijriTable
	num      *quantity.Lexicon
	// starters holds the keys a date expression may begin with: a token
	// none of whose readings is here (and that is no number) starts none,
	// and the patterns are not tried on it.
	starters map[string]bool
}

var (
	defOnce sync.Once
	defLex  *Lexicon
	defErr  error
)

// Default returns the embedded lexicon.
func Default() (*Lexicon, error) {
	defOnce.Do(func() { defLex, defErr = Load(dataFS) })
	return defLex, defErr
}

// Load reads a lexicon from a file system laid out like data/.
func Load(fsys fs.FS) (*Lexicon, error) {
	num, err := quantity.Default()
	if err != nil {
		return nil, err
	}
	lx := &Lexicon{
		months:   map[string][]monthName{},
		weekdays: map[string]int{},
		words:    map[string]map[string]string{},
		num:      num,
	}
	ambiguous := map[string]bool{}
	var names []monthName
	for _, file := range []string{"data/cldr-calendar.tsv", "data/months.tsv"} {
		if err := eachLine(fsys, file, func(f []string) error {
			if len(f) < 3 {
				return fmt.Errorf("want calendar, number, name; got %d fields", len(f))
			}
			n, err := strconv.Atoi(f[1])
			if err != nil {
				return fmt.Errorf("number %q", f[1])
			}
			key := arabic.Key(f[2])
			if f[0] == "weekday" {
				if n < 0 || n > 6 {
					return fmt.Errorf("weekday %d", n)
				}
				lx.weekdays[strings.TrimPrefix(key, "ال")] = n
				return nil
			}
			cal := gregorian
			switch f[0] {
			case "gregorian":
			case "hijri":
				cal = hijri
			default:
				return fmt.Errorf("calendar %q", f[0])
			}
			if n < 1 || n > 12 {
				return fmt.Errorf("month %d", n)
			}
			if len(f) > 3 && f[3] == "ambiguous" {
				ambiguous[key] = true
			}
			names = append(names, monthName{words: strings.Fields(key), cal: cal, month: n})
			return nil
		}); err != nil {
			return nil, err
		}
	}
	seen := map[string]bool{}
	for _, m := range names {
		k := strings.Join(m.words, " ")
		id := fmt.Sprint(k, m.cal, m.month)
		if seen[id] {
			continue
		}
		seen[id] = true
		m.ambiguous = ambiguous[k]
		lx.months[m.words[0]] = append(lx.months[m.words[0]], m)
	}
	if err := eachLine(fsys, "data/words.tsv", func(f []string) error {
		if len(f) < 2 {
			return fmt.Errorf("want word, kind[, value]")
		}
		k := arabic.Key(f[0])
		if lx.words[k] == nil {
			lx.words[k] = map[string]string{}
		}
		v := ""
		if len(f) > 2 {
			v = f[2]
		}
		lx.words[k][f[1]] = v
		return nil
	}); err != nil {
		return nil, err
	}
	var uq [][]string
	if err := eachLine(fsys, "data/ummalqura.tsv", func(f []string) error {
		uq = append(uq, f)
		return nil
	}); err != nil {
		return nil, err
	}
	if lx.hijri, err = parseUmmAlQura(uq); err != nil {
		return nil, err
	}
	lx.starters = map[string]bool{}
	for k := range lx.words {
		lx.starters[k] = true
	}
	for k := range lx.months {
		lx.starters[k] = true
	}
	for k := range lx.weekdays {
		lx.starters[k] = true
		lx.starters["ال"+k] = true
	}
	for k := range yearWords {
		lx.starters[k] = true
	}
	for _, k := range []string{"اول", "بعد", "الليله", "قبل", "شهر", "يوم"} {
		lx.starters[k] = true
	}
	return lx, nil
}

// eachLine calls fn with the tab-separated fields of every line of a data
// file that is not empty once its comment is cut (see internal/datafile);
// errors name the file and the line.
func eachLine(fsys fs.FS, name string, fn func([]string) error) error {
	if err := datafile.File(fsys, name, func(_ int, f []string) error { return fn(f) }); err != nil {
		return fmt.Errorf("temporal: %w", err)
	}
	return nil
}

// HijriToGregorian converts a Hijri date with the Umm al-Qura calendar
// (tabular outside 1300–1500 AH).
func (lx *Lexicon) HijriToGregorian(y, m, d int) (string, bool) {
	t, ok := lx.hijri.ToGregorian(y, m, d)
	if !ok {
		return "", false
	}
	return t.Format("2006-01-02"), true
}
