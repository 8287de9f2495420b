package temporal

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/marsad/marsad/arabic"
	"github.com/marsad/marsad/quantity"
)

// Found is one date expression: the code points [Start, End) of the
// expression, its ISO 8601 value ("" when it cannot be resolved, e.g. a
// relative date without a published date) and its precision (day, week,
// month, year, range).
type Found struct {
	Start, End int
	Value      string
	Precision  string
}

// Find returns the date expressions of a tokenised text in text order.
// Relative expressions are resolved against published (zero: unknown).
func (lx *Lexicon) Find(toks []arabic.Token, sents []arabic.Sentence, published time.Time) []Found {
	s := &scan{lx: lx, d: lx.num.NewDoc(toks), toks: toks, sents: sents, p: published, hasP: !published.IsZero()}
	s.keys = s.d.Keys
	var out []Found
	for i := 0; i < len(toks); {
		if fs, next := s.at(i); next > i {
			out = append(out, fs...)
			i = next
			continue
		}
		i++
	}
	return out
}

type scan struct {
	lx    *Lexicon
	d     *quantity.Doc
	toks  []arabic.Token
	keys  []string
	sents []arabic.Sentence
	p     time.Time
	hasP  bool
}

// match is an expression being read: its tokens, its start (code points)
// and what it means.
type match struct {
	start int // code point
	next  int // token after it
	val   string
	prec  string
}

func (m match) found(s *scan) Found {
	return Found{Start: m.start, End: s.toks[m.next-1].End, Value: m.val, Precision: m.prec}
}

// at tries every pattern at token i and returns what it found and the
// token after it (i when nothing).
func (s *scan) at(i int) ([]Found, int) {
	switch s.toks[i].Kind {
	case arabic.Number:
	case arabic.Word:
		if !s.starts(i) {
			return nil, i
		}
	default:
		return nil, i
	}
	for _, p := range []func(int) ([]Found, int){s.relDay, s.weekdayExpr, s.dateExpr, s.numericDate, s.monthExpr, s.yearExpr, s.relUnit, s.ago, s.pastN} {
		if fs, next := p(i); next > i {
			return fs, next
		}
	}
	return nil, i
}

// ---- token helpers

// starts reports whether a word can begin a date expression (an ordinal
// day, a month, a weekday, أمس, قبل…): one of its readings is a starter.
func (s *scan) starts(i int) bool {
	var buf [4]cand
	for _, c := range cands(s.keys[i], buf[:0]) {
		if s.lx.starters[c.rest] {
			return true
		}
		if r, ok := strings.CutPrefix(c.rest, "ال"); ok && s.lx.starters[r] {
			return true
		}
	}
	// ordinal days: الثامن من…، العشرين من…
	if w, _, _, ok := s.lx.num.LookupKey(s.keys[i]); ok && (w.Kind == quantity.Ordinal || w.Value == 20 || w.Value == 30) {
		return true
	}
	return false
}

type cand struct {
	rest string
	cut  int
}

// cands: the word, then without و/ف, then without ب/ل/ك (لل → ل + ال).
func cands(k string, out []cand) []cand {
	out = append(out, cand{rest: k})
	s, n := k, 0
	if len(s) > 4 && (strings.HasPrefix(s, "و") || strings.HasPrefix(s, "ف")) {
		s, n = s[2:], 1
		out = append(out, cand{s, n})
	}
	if len(s) > 4 {
		switch {
		case strings.HasPrefix(s, "لل") && len(s) > 6:
			out = append(out, cand{"ال" + s[4:], n + 1})
		case strings.HasPrefix(s, "ب") || strings.HasPrefix(s, "ل") || strings.HasPrefix(s, "ك"):
			out = append(out, cand{s[2:], n + 1})
		}
	}
	return out
}

func (s *scan) word(i int) string {
	if i < 0 || i >= len(s.toks) || s.toks[i].Kind != arabic.Word {
		return ""
	}
	return s.keys[i]
}

func (s *scan) punct(i int) string {
	if i < 0 || i >= len(s.toks) || s.toks[i].Kind != arabic.Punct {
		return ""
	}
	return s.toks[i].Norm
}

// is looks token i up as a word of a kind in words.tsv; it returns the
// value and the letters of clitics cut.
func (s *scan) is(i int, kind string) (string, int, bool) {
	k := s.word(i)
	if k == "" {
		return "", 0, false
	}
	var buf [4]cand
	for _, c := range cands(k, buf[:0]) {
		if v, ok := s.lx.words[c.rest][kind]; ok {
			return v, c.cut, true
		}
	}
	return "", 0, false
}

// isPlain looks token i up as exactly one of the given keys (no clitics).
func (s *scan) isPlain(i int, keys ...string) bool {
	k := s.word(i)
	for _, x := range keys {
		if k == x {
			return true
		}
	}
	return false
}

// start returns the code point where token i begins once cut letters of
// clitics are left out.
func (s *scan) start(i, cut int) int {
	return s.toks[i].Start + arabic.LettersToCP(s.toks[i].Text, cut)
}

// monthAt reads a month name at token i (its words may stand over
// several tokens: كانون الثاني، ذو القعدة).
func (s *scan) monthAt(i int) (m monthName, next, cut int, ok bool) {
	k := s.word(i)
	if k == "" {
		return monthName{}, 0, 0, false
	}
	var buf [4]cand
	for _, c := range cands(k, buf[:0]) {
		best := -1
		names := s.lx.months[c.rest]
		for ni, name := range names {
			good := true
			for w := 1; w < len(name.words); w++ {
				if s.word(i+w) != name.words[w] {
					good = false
					break
				}
			}
			if good && (best < 0 || len(name.words) > len(names[best].words)) {
				best = ni
			}
		}
		if best >= 0 {
			m = names[best]
			return m, i + len(m.words), c.cut, true
		}
	}
	return monthName{}, 0, 0, false
}

// weekdayAt reads a weekday at token i: the day (0 Sunday), the letters cut
// and whether it had the article (الخميس) — without it, it is a weekday
// only after يوم.
func (s *scan) weekdayAt(i int) (wd, cut int, article, ok bool) {
	k := s.word(i)
	if k == "" {
		return 0, 0, false, false
	}
	var buf [4]cand
	for _, c := range cands(k, buf[:0]) {
		r := c.rest
		art := strings.HasPrefix(r, "ال")
		if art {
			r = strings.TrimPrefix(r, "ال")
		}
		if d, ok := s.lx.weekdays[r]; ok && (art || c.cut == 0) {
			return d, c.cut, art, true // واحد is not و + أحد
		}
	}
	return 0, 0, false, false
}

// rel reads a modifier (الماضي -1, الجاري 0, المقبل +1) at token i.
func (s *scan) rel(i int) (int, bool) {
	if k := s.word(i); k != "" {
		if v, ok := s.lx.words[k]["rel"]; ok {
			n, _ := strconv.Atoi(strings.TrimPrefix(v, "+"))
			return n, true
		}
	}
	return 0, false
}

// dayAt reads a day of the month at token i: 1–31 in digits, an ordinal
// (الثامن، الحادي عشر) or a definite ten (العشرين).
func (s *scan) dayAt(i int) (day, next, cut int, ok bool) {
	if i >= len(s.toks) {
		return 0, 0, 0, false
	}
	t := &s.toks[i]
	if t.Kind == arabic.Number {
		if len(t.Norm) > 2 {
			return 0, 0, 0, false
		}
		d, err := strconv.Atoi(t.Norm)
		if err != nil || d < 1 || d > 31 {
			return 0, 0, 0, false
		}
		return d, i + 1, 0, true
	}
	n, ok := s.d.NumberAt(i)
	if !ok || n.Value < 1 || n.Value > 31 || n.Value != float64(int(n.Value)) {
		return 0, 0, 0, false
	}
	if !n.Ordinal && !(n.Definite && (n.Value == 20 || n.Value == 30)) {
		return 0, 0, 0, false
	}
	return int(n.Value), n.Last, arabic.LettersToCP(t.Text, 0) + (n.Start - t.Start), true
}

// yearAfter reads a year after a month or day: [عام|سنة] YYYY [هـ|م].
// cal is -1 when no suffix says which calendar.
func (s *scan) yearAfter(i int) (y, next, cal int, ok bool) {
	j := i
	if s.isPlain(j, "عام", "العام", "سنه", "السنه", "لعام", "لسنه") {
		j++
	}
	if j >= len(s.toks) || s.toks[j].Kind != arabic.Number {
		return 0, 0, 0, false
	}
	t := &s.toks[j]
	if len(t.Norm) < 3 || len(t.Norm) > 4 || strings.ContainsAny(t.Norm, ".,") {
		return 0, 0, 0, false
	}
	y, _ = strconv.Atoi(t.Norm)
	next, cal = j+1, -1
	if c, n := s.calSuffix(j + 1); n > j+1 {
		cal, next = c, n
	}
	return y, next, cal, true
}

// calSuffix reads هـ (Hijri) or م (Gregorian) after a year.
func (s *scan) calSuffix(i int) (cal, next int) {
	switch s.word(i) {
	case "ه", "هجري", "هجريه", "للهجره":
		return hijri, i + 1
	case "م", "ميلادي", "ميلاديه", "للميلاد":
		return gregorian, i + 1
	}
	return -1, i
}

// ---- resolution

func day(t time.Time) string { return t.Format("2006-01-02") }

func isoWeek(t time.Time) string {
	y, w := t.ISOWeek()
	return fmt.Sprintf("%04d-W%02d", y, w)
}

// resolveMonth picks the year of a month named without one: the given
// relation to the published month (-1 the last such month before it, +1 the
// next after it, 0 this year), else the most recent on or before it, or
// one or two months ahead (the next on or after it when the verb is
// future).
func resolveMonth(p time.Time, month int, rel int, hasRel, future bool) int {
	return pickYear(p.Year(), int(p.Month()), month, rel, hasRel, future)
}

// pickYear is resolveMonth's rule in any calendar: y and pm are the year
// and month of the published date in that calendar.
func pickYear(y, pm, month, rel int, hasRel, future bool) int {
	switch {
	case hasRel && rel < 0:
		if month >= pm {
			return y - 1
		}
	case hasRel && rel > 0:
		if month <= pm {
			return y + 1
		}
	case hasRel:
	case future:
		if month < pm {
			return y + 1
		}
	default:
		// a month just ahead is this year's, coming (نهاية شهر سبتمبر,
		// written in August); one further ahead is last year's
		if month > pm+2 {
			return y - 1
		}
	}
	return y
}

// resolveWeekday returns the day of weekday wd relative to the anchor:
// mode -1 the last before it, 0 the last on or before it, +1 the next
// after it, +2 the next on or after it.
func resolveWeekday(anchor time.Time, wd, mode int) time.Time {
	diff := (int(anchor.Weekday()) - wd + 7) % 7
	switch mode {
	case -1:
		if diff == 0 {
			diff = 7
		}
		return anchor.AddDate(0, 0, -diff)
	case 0:
		return anchor.AddDate(0, 0, -diff)
	}
	ahead := (wd - int(anchor.Weekday()) + 7) % 7
	if mode == 1 && ahead == 0 {
		ahead = 7
	}
	return anchor.AddDate(0, 0, ahead)
}

// future reports a future verb or word before token i in its sentence
// (سيعقد، ستلتئم، سوف، من المقرر).
func (s *scan) future(i int) bool {
	first := 0
	for _, st := range s.sents {
		if i >= st.First && i < st.Last {
			first = st.First
			break
		}
	}
	for j := i - 1; j >= first && j >= i-6; j-- {
		if _, _, ok := s.is(j, "future"); ok {
			return true
		}
		k := s.word(j)
		if len(k) >= 8 && (strings.HasPrefix(k, "سي") || strings.HasPrefix(k, "ست") || strings.HasPrefix(k, "سن") ||
			strings.HasPrefix(k, "وسي") || strings.HasPrefix(k, "وست") || strings.HasPrefix(k, "وسن")) {
			for _, p := range arabic.Segment(s.toks[j].Text).Proclitics {
				if p == "س" {
					return true
				}
			}
		}
	}
	return false
}

// ---- patterns

// relDay: أمس، اليوم، غداً، أول أمس، أمس الأول، هذا اليوم، الليلة الماضية,
// each optionally followed by a weekday (اليوم الخميس، أمس (الاثنين)).
func (s *scan) relDay(i int) ([]Found, int) {
	j, cut, off := i, 0, 0
	switch {
	case s.word(i) == "اول" && s.isPlain(i+1, "امس"):
		j, off = i+2, -2
	case s.word(i) == "اول" && s.isPlain(i+1, "من") && s.isPlain(i+2, "امس"):
		j, off = i+3, -2
	case s.isPlain(i, "بعد") && s.isPlain(i+1, "غد"):
		j, off = i+2, 2
	case s.isPlain(i, "الليله", "الليله") && s.isPlain(i+1, "الماضيه"):
		j, off = i+2, -1
	default:
		if _, _, ok := s.is(i, "this"); ok && s.isPlain(i+1, "اليوم") {
			if _, _, bad := s.is(i+2, "notday"); bad {
				return nil, i
			}
			j = i + 2
			break
		}
		v, c, ok := s.is(i, "day")
		if !ok {
			return nil, i
		}
		off, _ = strconv.Atoi(strings.TrimPrefix(v, "+"))
		cut, j = c, i+1
		if off == -1 && s.isPlain(j, "الاول") {
			off, j = -2, j+1
		}
		if off == 0 {
			if _, _, bad := s.is(i-1, "noday"); bad {
				return nil, i
			}
			if _, _, bad := s.is(j, "notday"); bad {
				return nil, i
			}
			if s.isPlain(i-1, "حتى", "منذ") {
				return nil, i // حتى اليوم: "to this day"
			}
		}
	}
	m := match{start: s.start(i, cut), next: j, prec: "day"}
	anchor := s.p.AddDate(0, 0, off)
	// a weekday after it, perhaps in brackets
	k := j
	paren := s.punct(k) == "("
	if paren {
		k++
	}
	if wd, _, art, ok := s.weekdayAt(k); ok && art {
		k++
		if paren {
			if s.punct(k) != ")" {
				goto plain
			}
			k++
		}
		mode := 0
		if off > 0 {
			mode = 2
		}
		m.next = k
		if s.hasP {
			m.val = day(resolveWeekday(anchor, wd, mode))
		}
		if d, next, ok := s.explicitAfter(k); ok {
			m.val, m.next = d, next
		}
		return []Found{m.found(s)}, m.next
	}
plain:
	if s.hasP {
		m.val = day(anchor)
	}
	return []Found{m.found(s)}, m.next
}

// explicitAfter reads an explicit date that restates a weekday: "يوم
// الثلاثاء الموافق 12/10/1436هـ", "الأحد 17/10/1436هـ".
func (s *scan) explicitAfter(i int) (string, int, bool) {
	j := i
	if p := s.punct(j); p == "," || p == "-" {
		j++
	}
	if s.isPlain(j, "الموافق", "الموافقه", "الموافق:") {
		j++
	}
	if j >= len(s.toks) {
		return "", 0, false
	}
	for _, p := range []func(int) ([]Found, int){s.numericDate, s.dateExpr} {
		if fs, next := p(j); next > j && len(fs) == 1 && fs[0].Precision == "day" {
			return fs[0].Value, next, true
		}
	}
	return "", 0, false
}

// weekdayExpr: [يوم] الخميس [الماضي|المقبل] [الموافق DATE].
func (s *scan) weekdayExpr(i int) ([]Found, int) {
	j, cut := i, 0
	yawm := false
	if _, c, ok := s.is(i, "count"); ok && strings.HasSuffix(s.word(i), "يوم") {
		cut, j, yawm = c, i+1, true
	}
	wd, c2, art, ok := s.weekdayAt(j)
	if !ok || !art && !yawm {
		return nil, i
	}
	if !yawm {
		cut = c2
		if _, _, bad := s.is(i-1, "noday"); bad {
			return nil, i
		}
	}
	m := match{start: s.start(i, cut), next: j + 1, prec: "day"}
	mode := 0
	if r, ok := s.rel(m.next); ok {
		m.next++
		switch {
		case r < 0:
			mode = -1
		case r > 0:
			mode = 1
		}
	} else if s.future(i) {
		mode = 2
	}
	if s.hasP {
		m.val = day(resolveWeekday(s.p, wd, mode))
	}
	if d, next, ok := s.explicitAfter(m.next); ok {
		m.val, m.next = d, next
	}
	return []Found{m.found(s)}, m.next
}

// dateExpr: [يوم] DAY [من] [شهر] MONTH [YEAR|الماضي…], and two days
// coordinated (14 و17 أغسطس) or a range of days (من 20 إلى 31 يوليو).
func (s *scan) dateExpr(i int) ([]Found, int) {
	j, cut := i, 0
	if _, c, ok := s.is(i, "count"); ok && strings.HasSuffix(s.word(i), "يوم") && !strings.HasPrefix(s.word(i), "ال") {
		cut, j = c, i+1
	}
	d, next, dcut, ok := s.dayAt(j)
	if !ok {
		return nil, i
	}
	if j == i {
		cut = dcut
	}
	start := s.start(i, cut)
	val, prec, end, ok := s.monthPart(next, d)
	if ok {
		return []Found{{Start: start, End: s.toks[end-1].End, Value: val, Precision: prec}}, end
	}
	// DAY و DAY MONTH, DAY إلى DAY MONTH
	k := next
	isRange := false
	switch {
	case s.isPlain(k, "الي", "الى", "حتي", "حتى") || s.punct(k) == "-" || s.toks[min(k, len(s.toks)-1)].Norm == "–":
		isRange = true
	case s.isPlain(k, "و"):
		isRange = s.isPlain(i-1, "بين")
	default:
		return nil, i
	}
	d2, next2, _, ok := s.dayAt(k + 1)
	if !ok || d2 < d {
		return nil, i
	}
	val2, prec2, end2, ok := s.monthPart(next2, d2)
	if !ok || prec2 != "day" {
		return nil, i
	}
	val1 := ""
	if val2 != "" {
		val1 = val2[:len(val2)-2] + fmt.Sprintf("%02d", d)
	}
	if isRange {
		v := ""
		if val2 != "" {
			v = val1 + "/" + val2
		}
		return []Found{{Start: start, End: s.toks[end2-1].End, Value: v, Precision: "range"}}, end2
	}
	return []Found{
		{Start: start, End: s.toks[next-1].End, Value: val1, Precision: "day"},
		{Start: s.start(k+1, 0), End: s.toks[end2-1].End, Value: val2, Precision: "day"},
	}, end2
}

// monthPart reads what follows a day: [من] [شهر] MONTH [YEAR|rel] or
// الشهر الجاري/الماضي, and resolves the date.
func (s *scan) monthPart(i, d int) (val, prec string, next int, ok bool) {
	k := i
	if s.isPlain(k, "من") {
		k++
	}
	if s.isPlain(k, "شهر") {
		k++
	}
	m, next, _, ok := s.monthAt(k)
	if !ok {
		// الشهر الجاري، الشهر الماضي
		if s.isPlain(k, "الشهر") {
			if r, ok := s.rel(k + 1); ok && s.hasP {
				t := time.Date(s.p.Year(), s.p.Month()+time.Month(r), 1, 0, 0, 0, 0, time.UTC)
				if d > daysIn(t.Year(), int(t.Month())) {
					return "", "", 0, false
				}
				return fmt.Sprintf("%04d-%02d-%02d", t.Year(), t.Month(), d), "day", k + 2, true
			} else if ok {
				return "", "day", k + 2, true
			}
		}
		return "", "", 0, false
	}
	next = s.pairedMonth(next, m)
	y, ny, cal, hasYear := s.yearAfter(next)
	if hasYear {
		next = ny
	}
	rel, hasRel := 0, false
	if !hasYear {
		if rel, hasRel = s.rel(next); hasRel {
			next++
		}
	}
	if m.cal == hijri || cal == hijri && hasYear {
		if m.cal != hijri {
			return "", "", 0, false
		}
		if !hasYear {
			if !s.hasP {
				return "", "day", next, true
			}
			y = s.hijriYear(m.month, rel, hasRel, s.future(i))
		}
		g, ok := s.lx.hijri.ToGregorian(y, m.month, d)
		if !ok {
			return "", "", 0, false
		}
		return day(g), "day", next, true
	}
	if !hasYear {
		if !s.hasP {
			return fmt.Sprintf("--%02d-%02d", m.month, d), "day", next, true
		}
		y = resolveMonth(s.p, m.month, rel, hasRel, s.future(i))
	}
	if d > daysIn(y, m.month) || y < 1000 {
		return "", "", 0, false
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, m.month, d), "day", next, true
}

func daysIn(y, m int) int {
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// hijriYear resolves the Hijri year of a Hijri month named without one.
func (s *scan) hijriYear(month, rel int, hasRel, future bool) int {
	y, pm, _ := s.lx.hijri.FromGregorian(s.p)
	return pickYear(y, pm, month, rel, hasRel, future)
}

// pairedMonth consumes a second name of the same month: آب/أغسطس،
// أكتوبر (تشرين الأول)، مارس آذار.
func (s *scan) pairedMonth(i int, m monthName) int {
	j := i
	p := s.punct(j)
	if p == "/" || p == "(" || p == "-" {
		j++
	}
	m2, next, _, ok := s.monthAt(j)
	if !ok || m2.month != m.month || m2.cal != m.cal {
		return i
	}
	if p == "(" {
		if s.punct(next) != ")" {
			return i
		}
		next++
	}
	return next
}

// numericDate: 12/10/1436هـ، 6-8-2015، 2015-08-06، 12 / 10 / 1436 هـ.
func (s *scan) numericDate(i int) ([]Found, int) {
	t := &s.toks[i]
	if t.Kind != arabic.Number {
		return nil, i
	}
	var parts []string
	next := i + 1
	if strings.Count(t.Norm, ".") == 2 && !strings.Contains(t.Norm, ",") {
		parts = strings.Split(t.Norm, ".")
	} else {
		if strings.ContainsAny(t.Norm, ".,") {
			return nil, i
		}
		sep := s.punct(i + 1)
		if sep != "/" && sep != "-" && sep != "." {
			return nil, i
		}
		parts = []string{t.Norm}
		j := i + 1
		for len(parts) < 3 && s.punct(j) == sep && j+1 < len(s.toks) && s.toks[j+1].Kind == arabic.Number && !strings.ContainsAny(s.toks[j+1].Norm, ".,") {
			parts = append(parts, s.toks[j+1].Norm)
			j += 2
		}
		if len(parts) != 3 {
			return nil, i
		}
		next = j
	}
	var y, mo, d int
	switch {
	case len(parts[0]) == 4 && len(parts[1]) <= 2 && len(parts[2]) <= 2:
		y, _ = strconv.Atoi(parts[0])
		mo, _ = strconv.Atoi(parts[1])
		d, _ = strconv.Atoi(parts[2])
	case len(parts[2]) == 4 && len(parts[0]) <= 2 && len(parts[1]) <= 2:
		d, _ = strconv.Atoi(parts[0])
		mo, _ = strconv.Atoi(parts[1])
		y, _ = strconv.Atoi(parts[2])
	default:
		return nil, i
	}
	if mo < 1 || mo > 12 || d < 1 || d > 31 {
		return nil, i
	}
	cal, n := s.calSuffix(next)
	next = n
	if cal < 0 && y >= 1300 && y <= 1500 {
		cal = hijri
	}
	m := match{start: t.Start, next: next, prec: "day"}
	if cal == hijri {
		g, ok := s.lx.hijri.ToGregorian(y, mo, d)
		if !ok {
			return nil, i
		}
		m.val = day(g)
	} else {
		if y < 1800 || y > 2200 || d > daysIn(y, mo) {
			return nil, i
		}
		m.val = fmt.Sprintf("%04d-%02d-%02d", y, mo, d)
	}
	return []Found{m.found(s)}, m.next
}

// monthExpr: [مطلع|منتصف|نهاية…] [شهر] MONTH[/MONTH] [YEAR|الماضي…].
func (s *scan) monthExpr(i int) ([]Found, int) {
	j, cut := i, 0
	if _, c, ok := s.is(i, "part"); ok {
		cut, j = c, i+1
	}
	shahr := false
	if s.isPlain(j, "شهر") || j == i && s.isPlain(j, "بشهر", "وشهر", "لشهر") {
		if j == i && !s.isPlain(j, "شهر") {
			cut = 1
		}
		shahr, j = true, j+1
	}
	m, next, mcut, ok := s.monthAt(j)
	if !ok {
		return nil, i
	}
	if j == i {
		cut = mcut
	} else if mcut > 0 {
		return nil, i
	}
	paired := false
	if n := s.pairedMonth(next, m); n > next {
		next, paired = n, true
	}
	y, ny, cal, hasYear := s.yearAfter(next)
	if hasYear {
		next = ny
	}
	rel, hasRel := 0, false
	if !hasYear {
		if rel, hasRel = s.rel(next); hasRel {
			next++
		}
	}
	if m.ambiguous && !shahr && !hasYear && !hasRel && !paired {
		return nil, i
	}
	if hasYear && (cal == hijri) != (m.cal == hijri) && cal >= 0 {
		return nil, i
	}
	mt := match{start: s.start(i, cut), next: next, prec: "month"}
	if m.cal == hijri {
		if !hasYear {
			if !s.hasP {
				mt.prec = "range"
				return []Found{mt.found(s)}, mt.next
			}
			y = s.hijriYear(m.month, rel, hasRel, s.future(i))
		}
		a, b, ok := s.lx.hijri.MonthRange(y, m.month)
		if !ok {
			return nil, i
		}
		mt.val, mt.prec = day(a)+"/"+day(b), "range"
		return []Found{mt.found(s)}, mt.next
	}
	if !hasYear {
		if !s.hasP {
			return []Found{mt.found(s)}, mt.next
		}
		y = resolveMonth(s.p, m.month, rel, hasRel, s.future(i))
	}
	if y < 1000 {
		return nil, i
	}
	mt.val = fmt.Sprintf("%04d-%02d", y, m.month)
	return []Found{mt.found(s)}, mt.next
}

var yearWords = map[string]bool{"عام": true, "العام": true, "سنه": true, "السنه": true, "عامي": true, "سنتي": true, "اعوام": true, "الاعوام": true}

// yearExpr: [عام|سنة] YYYY [م|هـ], ranges (2015 – 2019، بين عامي 2021
// و2023، من 2010 إلى 2015) and bare years (في 2014).
func (s *scan) yearExpr(i int) ([]Found, int) {
	j, cut := i, 0
	pre := false
	if k := s.word(i); k != "" {
		var buf [4]cand
		for _, c := range cands(k, buf[:0]) {
			if yearWords[c.rest] {
				pre, cut, j = true, c.cut, i+1
				break
			}
		}
		if !pre {
			return nil, i
		}
	}
	y, cal, next, ok := s.yearNumber(j)
	if !ok {
		return nil, i
	}
	if !pre && cal < 0 && !s.bareYear(j, y) {
		return nil, i
	}
	if cal < 0 && !pre && (y < 1900 || y > 2100) {
		return nil, i
	}
	start := s.start(i, cut)
	if j == i {
		start = s.toks[j].Start
	}
	// a range
	k := next
	sep := s.punct(k)
	if sep == "-" || s.toks[min(k, len(s.toks)-1)].Norm == "–" || s.isPlain(k, "الي", "الى", "حتي", "حتى") || s.isPlain(k, "و") && (s.isPlain(i-1, "بين") || s.word(i) == "عامي" || s.word(i) == "سنتي") {
		if k+1 < len(s.toks) {
			if y2, cal2, next2, ok := s.yearNumber(k + 1); ok && y2 > y && y2-y < 200 && (cal2 < 0 || cal2 == cal || cal < 0) {
				c := cal
				if c < 0 {
					c = cal2
				}
				return []Found{{Start: start, End: s.toks[next2-1].End, Value: s.yearValue(y, c) + "/" + s.yearValue(y2, c), Precision: "range"}}, next2
			}
		}
	}
	if cal < 0 && y >= 1300 && y <= 1500 {
		return nil, i // a Hijri year needs هـ
	}
	v := s.yearValue(y, cal)
	prec := "year"
	if cal == hijri {
		prec = "range"
	}
	return []Found{{Start: start, End: s.toks[next-1].End, Value: v, Precision: prec}}, next
}

// yearValue is a Gregorian year, or the range of a Hijri one.
func (s *scan) yearValue(y, cal int) string {
	if cal != hijri {
		return strconv.Itoa(y)
	}
	a, ok1 := s.lx.hijri.ToGregorian(y, 1, 1)
	b, ok2 := s.lx.hijri.ToGregorian(y+1, 1, 1)
	if !ok1 || !ok2 {
		return ""
	}
	return day(a) + "/" + day(b.AddDate(0, 0, -1))
}

// yearNumber reads YYYY [هـ|م] at token i.
func (s *scan) yearNumber(i int) (y, cal, next int, ok bool) {
	if i >= len(s.toks) || s.toks[i].Kind != arabic.Number {
		return 0, 0, 0, false
	}
	t := &s.toks[i]
	if len(t.Norm) != 4 || strings.ContainsAny(t.Norm, ".,") {
		return 0, 0, 0, false
	}
	y, _ = strconv.Atoi(t.Norm)
	cal, next = s.calSuffix(i + 1)
	return y, cal, next, true
}

// bareYear decides whether a four-digit number with nothing around it is
// a year: not a count (2000 شخص), not an amount, not part of a date, a
// time or a code.
func (s *scan) bareYear(i, y int) bool {
	if y < 1900 || y > 2100 {
		return false
	}
	if k := s.word(i + 1); k != "" && s.lx.num.Counts(k) {
		return false
	}
	for _, j := range []int{i - 1, i + 1} {
		if j < 0 || j >= len(s.toks) {
			continue
		}
		t := &s.toks[j]
		switch {
		case t.Kind == arabic.Punct && (t.Norm == "/" || t.Norm == ":" || t.Norm == "%" || t.Norm == "." && j > i && j+1 < len(s.toks) && s.toks[j+1].Kind == arabic.Number):
			adj := j < i && t.End == s.toks[i].Start || j > i && s.toks[i].End == t.Start
			if adj {
				return false
			}
		case t.Kind == arabic.Latin || t.Kind == arabic.Symbol:
			return false
		}
	}
	switch s.word(i - 1) {
	case "نحو", "حوالي", "حوالى", "قرابه", "زهاء", "اكثر", "اقل", "بلغ", "بلغت", "مجموع", "اجمالي", "رقم", "الرقم", "بنحو", "ب", "ال":
		return false
	}
	if s.punct(i-1) == "(" && s.punct(i+1) == ")" {
		return false
	}
	return true
}

// relUnit: الأسبوع الماضي، هذا الشهر، العام المقبل، مطلع الأسبوع،
// نهاية العام الجاري.
func (s *scan) relUnit(i int) ([]Found, int) {
	j, cut := i, 0
	part := false
	if _, c, ok := s.is(i, "part"); ok {
		part, cut, j = true, c, i+1
	}
	this := false
	if _, c, ok := s.is(j, "this"); ok {
		if j == i {
			cut = c
		}
		this, j = true, j+1
	}
	u, c, ok := s.is(j, "unit")
	if !ok {
		return nil, i
	}
	if j == i {
		cut = c
	} else if c > 0 {
		return nil, i
	}
	j++
	rel, hasRel := s.rel(j)
	if hasRel {
		j++
	}
	if !this && !hasRel && !part {
		return nil, i
	}
	if this && hasRel {
		return nil, i
	}
	m := match{start: s.start(i, cut), next: j, prec: u}
	if s.hasP {
		switch u {
		case "week":
			m.val = isoWeek(s.p.AddDate(0, 0, 7*rel))
		case "month":
			t := time.Date(s.p.Year(), s.p.Month()+time.Month(rel), 1, 0, 0, 0, 0, time.UTC)
			m.val = t.Format("2006-01")
		case "year":
			m.val = strconv.Itoa(s.p.Year() + rel)
		}
	}
	return []Found{m.found(s)}, m.next
}

// count reads a counted time unit at token i: its unit and how many the
// word alone means (1 for عام، 2 for عامين, 0 for a plural).
func (s *scan) count(i int) (unit string, n int, ok bool) {
	v, c, ok := s.is(i, "count")
	if !ok || c > 0 {
		return "", 0, false
	}
	u, ns, _ := strings.Cut(v, ":")
	n, _ = strconv.Atoi(ns)
	return u, n, true
}

// ago: قبل [أكثر من|نحو] N UNIT → the published date less N units.
func (s *scan) ago(i int) ([]Found, int) {
	cut := 0
	switch s.word(i) {
	case "قبل":
	case "وقبل", "فقبل":
		cut = 1
	default:
		return nil, i
	}
	j := i + 1
	for s.isPlain(j, "اكثر", "من", "نحو", "حوالي", "حوالى", "قرابه", "زهاء", "اقل") {
		j++
	}
	n, next := 0, j
	if num, ok := s.d.NumberAt(j); ok && !num.Ordinal && !num.Vague && num.Value >= 1 && num.Value < 10000 && num.Value == float64(int(num.Value)) {
		n, next = int(num.Value), num.Last
	}
	u, k, ok := s.count(next)
	if !ok {
		return nil, i
	}
	if n == 0 {
		if k == 0 {
			return nil, i
		}
		n = k
	} else if k == 2 {
		return nil, i
	}
	m := match{start: s.start(i, cut), next: next + 1, prec: u}
	if s.hasP {
		switch u {
		case "day":
			m.val = day(s.p.AddDate(0, 0, -n))
		case "week":
			m.val = isoWeek(s.p.AddDate(0, 0, -7*n))
		case "month":
			t := time.Date(s.p.Year(), s.p.Month()-time.Month(n), 1, 0, 0, 0, 0, time.UTC)
			m.val = t.Format("2006-01")
		case "year":
			m.val = strconv.Itoa(s.p.Year() - n)
		}
	}
	return []Found{m.found(s)}, m.next
}

// pastN: العامين الماضيين، السنوات الخمس الماضية، الأشهر الستة الأخيرة →
// the range from N units before the published date to it.
func (s *scan) pastN(i int) ([]Found, int) {
	k := s.word(i)
	var buf [4]cand
	cut := -1
	for _, c := range cands(k, buf[:0]) {
		if strings.HasPrefix(c.rest, "ال") {
			if _, ok := s.lx.words[c.rest]["count"]; ok {
				cut = c.cut
				k = c.rest
				break
			}
		}
	}
	if cut < 0 {
		return nil, i
	}
	v := s.lx.words[k]["count"]
	u, ns, _ := strings.Cut(v, ":")
	n, _ := strconv.Atoi(ns)
	j := i + 1
	if n == 0 {
		num, ok := s.d.NumberAt(j)
		if !ok || num.Ordinal || num.Vague || num.Value < 2 || num.Value > 100 || num.Value != float64(int(num.Value)) {
			return nil, i
		}
		n, j = int(num.Value), num.Last
	}
	r, ok := s.rel(j)
	if !ok || r >= 0 {
		return nil, i
	}
	j++
	m := match{start: s.start(i, cut), next: j, prec: "range"}
	if s.hasP {
		var from time.Time
		switch u {
		case "day":
			from = s.p.AddDate(0, 0, -n)
		case "week":
			from = s.p.AddDate(0, 0, -7*n)
		case "month":
			from = s.p.AddDate(0, -n, 0)
		case "year":
			from = s.p.AddDate(-n, 0, 0)
		}
		m.val = day(from) + "/" + day(s.p)
	}
	return []Found{m.found(s)}, m.next
}
