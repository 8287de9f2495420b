package quantity

import (
	"sort"
	"strings"

	"github.com/marsad/marsad/arabic"
)

// Found is one quantity found in a text: the code points [Start, End) of
// the number and its counted noun, the value, the unit (person, percent, a
// currency code, an English noun, or "" when the noun is not known) and
// the role (fatalities, injuries, arrests, abductions, fighters, amount,
// duration, other; "" for percentages).
type Found struct {
	Start, End int
	Value      float64
	Unit       string
	Role       string
}

// Span is a range of code points another layer has claimed (a date).
type Span struct{ Start, End int }

// Find returns the quantities of a tokenised text, sorted by start.
// Numbers inside dates (dates, a layer the temporal stage writes first)
// are not quantities, except counts of time units (قبل ثلاثة أشهر).
func (lx *Lexicon) Find(toks []arabic.Token, sents []arabic.Sentence, dates []Span) []Found {
	d := lx.NewDoc(toks)
	x := &extractor{Doc: d, sents: sents, dates: dates, currUsed: map[*currency]string{}}
	x.cues = x.currencyCues()
	nums := d.Numbers()
	var items []item
	used := make([]bool, len(toks)) // tokens inside a quantity already
	for ni := range nums {
		n := &nums[ni]
		it, ok := x.quantity(n)
		if !ok {
			continue
		}
		items = append(items, it)
		for t := it.m.first; t < it.m.last; t++ {
			used[t] = true
		}
	}
	items = append(items, x.duals(used)...)
	sort.SliceStable(items, func(i, j int) bool { return items[i].f.Start < items[j].f.Start })
	items = x.assignRoles(items)
	out := make([]Found, 0, len(items))
	for i := range items {
		if i > 0 && items[i].f.Start < out[len(out)-1].End {
			continue // overlaps the one before
		}
		out = append(out, items[i].f)
	}
	return out
}

// item is a quantity under construction.
type item struct {
	f Found
	m qmeta
}

type extractor struct {
	*Doc
	sents    []arabic.Sentence
	dates    []Span
	cues     map[*currency]string
	currUsed map[*currency]string // code a name was last qualified with
}

// qmeta is what role assignment needs to know of a quantity: its tokens
// and what its noun says.
type qmeta struct {
	numFirst, numLast int // tokens of the number
	first, last       int // tokens of the whole quantity
	unitRole          string
	strongRole        bool // the noun itself says it (قتلى، جرحى)
	person            bool
	bare              bool // no counted noun
	minhum            bool // "N منهم": of those just counted
	fixedRole         bool // money, time, percent, things: role set by the unit
}

func (x *extractor) inDate(start, end int) bool {
	for _, s := range x.dates {
		if start < s.End && s.Start < end {
			return true
		}
	}
	return false
}

// word returns the key of token i when it is a word, else "".
func (x *extractor) word(i int) string {
	if i < 0 || i >= len(x.Toks) || x.Toks[i].Kind != arabic.Word {
		return ""
	}
	return x.Keys[i]
}

func (x *extractor) punct(i int) string {
	if i < 0 || i >= len(x.Toks) || x.Toks[i].Kind != arabic.Punct {
		return ""
	}
	return x.Toks[i].Norm
}

// attached reports whether tokens i and j touch (no space between).
func (x *extractor) attached(i, j int) bool {
	return i >= 0 && j < len(x.Toks) && i < j && x.Toks[i].End == x.Toks[j].Start
}

func (x *extractor) label(i int, where string) bool {
	k := x.word(i)
	if k == "" {
		return false
	}
	var buf [4]cand
	for _, c := range cands(k, buf[:0]) {
		if x.Lex.labels[c.rest] == where || c.article && x.Lex.labels[strings.TrimPrefix(c.rest, "ال")] == where {
			return true
		}
	}
	return false
}

var timeUnits = map[string]bool{"day": true, "hour": true, "minute": true, "second": true, "week": true, "month": true, "year": true, "night": true, "decade": true}

// quantity decides whether a number is a quantity, and finds its unit and
// span.
func (x *extractor) quantity(n *Number) (item, bool) {
	if n.Ordinal {
		return item{}, false
	}
	if n.Definite && n.Value == 2 && n.Last == n.First+1 && strings.HasSuffix(x.Keys[n.First], "الاثنين") {
		return item{}, false // الاثنين: Monday
	}
	f := Found{Start: n.Start, End: n.End, Value: n.Value}
	m := qmeta{numFirst: n.First, numLast: n.Last, first: n.First, last: n.Last}
	after := n.Last
	// a closing quote or bracket right after the digits: «17» حوثياً
	if p := x.punct(after); p != "" && isQuote(p) && x.attached(after-1, after) && after+1 < len(x.Toks) {
		if q := x.punct(n.First - 1); q != "" && x.attached(n.First-1, n.First) {
			f.Start = x.Toks[n.First-1].Start
			f.End = x.Toks[after].End
			m.first = n.First - 1
			after++
		}
	}
	unit, role, uEnd, uLast, ok := x.unitAfter(after, n)
	if ok {
		f.Unit, f.End, m.last = unit, uEnd, uLast
		m.unitRole = role
	}
	// the definite numeral after its noun: الأشخاص الأربعة، أفراد الطاقم الخمسة
	if !ok && n.Words && n.Definite && !n.Vague {
		if e, s, first, found := x.unitBefore(n.First); found {
			f.Unit, f.Start, m.first, m.unitRole, ok = e.unit, s, first, e.role, true
		}
	}
	// ... and واحد after its noun: عام واحد
	if n.Words && n.Value == 1 && !n.Mult {
		if n.Definite || ok {
			return item{}, false
		}
		e, s, first, found := x.unitBefore(n.First)
		if !found {
			return item{}, false
		}
		f.Unit, f.Start, m.first, m.unitRole, ok = e.unit, s, first, e.role, true
	}
	if n.Digits && !x.digitsCount(n, ok, f.Unit) {
		return item{}, false
	}
	if x.inDate(f.Start, f.End) && !(ok && timeUnits[f.Unit]) {
		return item{}, false
	}
	if n.Words && !ok && !n.Mult && !n.Vague && n.Value <= 2 {
		return item{}, false // اثنين alone is Monday as often as "two"
	}
	// N من X with X a noun marsad does not know (13 من منسوبي الطوارئ):
	// kept as people when the sentence gives them a role
	if !ok && x.word(after) == "من" && x.word(after+1) != "" {
		end, next := x.Toks[after+1].End, after+2
		if k3 := x.word(after + 2); k3 != "" && !strings.HasPrefix(x.word(after+1), "ال") && strings.HasPrefix(k3, "ال") {
			end, next = x.Toks[after+2].End, after+3
		}
		f.End, m.last = end, next
	}
	m.bare = !ok
	m.person = f.Unit == "person"
	m.strongRole = m.unitRole == "fatalities" || m.unitRole == "injuries" || m.unitRole == "abductions"
	switch {
	case f.Unit == "percent":
		m.fixedRole = true
	case timeUnits[f.Unit]:
		f.Role, m.fixedRole = "duration", true
		if x.isAge(m.first, m.last) {
			f.Role = "other"
		}
	case ok && !m.person && x.isCurrencyCode(f.Unit):
		f.Role, m.fixedRole = "amount", true
	case ok && !m.person:
		f.Role, m.fixedRole = "other", true
	}
	if k := x.word(m.last - 1); k == "منهم" || k == "منهما" {
		m.minhum = true
	}
	return item{f, m}, true
}

func (x *extractor) isCurrencyCode(u string) bool { return x.Lex.codes[u] }

// isAge reports an age: "(23 عاما)" in brackets, or after عمر/العمر.
func (x *extractor) isAge(first, last int) bool {
	if x.punct(first-1) == "(" && x.punct(last) == ")" {
		return true
	}
	for i := first - 1; i >= first-3 && i >= 0; i-- {
		if strings.Contains(x.word(i), "عمر") {
			return true
		}
	}
	return false
}

// digitsCount decides whether a number in digits counts something, or is
// a year, a date, a clock time, a score, a label or an id.
func (x *extractor) digitsCount(n *Number, hasUnit bool, unit string) bool {
	i := n.First
	t := &x.Toks[i]
	// 12/10/1436, 10:30, 2-0, 24/7, F-16: glued to a separator
	for _, j := range []int{i - 1, n.Last} {
		p := x.punct(j)
		if p == "/" || p == ":" || p == "-" || p == "." && j == n.Last && j+1 < len(x.Toks) && x.Toks[j+1].Kind == arabic.Number {
			if j < i && x.attached(j, i) || j >= n.Last && x.attached(n.Last-1, j) {
				return false
			}
		}
		if j >= 0 && j < len(x.Toks) && (x.Toks[j].Kind == arabic.Latin || x.Toks[j].Kind == arabic.Symbol && x.Toks[j].Norm != "$") {
			if !hasUnit {
				return false
			}
		}
	}
	if p := x.punct(i - 1); (p == "-" || p == "&") && i >= 2 && x.Toks[i-2].Kind != arabic.Number && x.attached(i-2, i-1) {
		return false // إف-16، S&P 500
	}
	if hasUnit {
		return true
	}
	if n.Integer && !n.Mult {
		digits := len(t.Norm)
		if digits == 4 && t.Norm >= "1900" && t.Norm <= "2100" {
			return false // a year
		}
		if digits >= 7 && (t.Norm[0] == '0' || x.punct(i-1) == "+") || digits >= 9 {
			return false // a phone number or an id
		}
	}
	if x.label(i-1, "before") || x.label(n.Last, "after") {
		return false
	}
	if x.word(i-1) == "ال" { // الـ15: the fifteenth (of a month), a label
		return false
	}
	return true
}

// unitAfter reads what a number counts, from token i on: a percent sign,
// a currency, a counted noun, آخرين, or "من" and a noun phrase. It returns
// the unit, the noun's own role, the end of the span (code points) and the
// token after it.
func (x *extractor) unitAfter(i int, n *Number) (unit, role string, end, next int, ok bool) {
	if i >= len(x.Toks) {
		return "", "", 0, 0, false
	}
	t := &x.Toks[i]
	if t.Norm == "%" {
		return "percent", "", t.End, i + 1, true
	}
	k := x.word(i)
	if k == "" {
		return "", "", 0, 0, false
	}
	switch k {
	case "بالمءه", "بالماءه", "بالمىه":
		return "percent", "", t.End, i + 1, true
	case "في":
		if k2 := x.word(i + 1); k2 == "المءه" || k2 == "الماءه" {
			return "percent", "", x.Toks[i+1].End, i + 2, true
		}
		return "", "", 0, 0, false
	}
	if c, cut, found := x.Lex.currency(k); found && cut == 0 {
		code, end, next := x.currencyCode(c, i)
		return code, "", end, next, true
	}
	// two-word nouns first: رجال شرطة، نقطة تفتيش
	if k2 := x.word(i + 1); k2 != "" {
		if e, ok := x.Lex.units[k+" "+k2]; ok {
			return e.unit, e.role, x.Toks[i+1].End, i + 2, true
		}
	}
	if e, cut, _, found := x.Lex.unit(k); found && cut == 0 {
		if e.dual && !n.Mult { // "ثلاثة صاروخين" is no count; مليوني تذكرة is
			return "", "", 0, 0, false
		}
		return e.unit, e.role, t.End, i + 1, true
	}
	// N من X: ستة من مقاتلي المعارضة، 22 من عناصره، ثلاثة من الحوثيين
	if k == "من" {
		if k2 := x.word(i + 1); k2 != "" {
			e, _, _, found := x.Lex.unit(k2)
			personal := found && e.unit == "person" || isNisbaPlural(k2) || k2 == "هءلاء" || hasPersonalEnclitic(k2)
			if personal || found {
				end, next := x.Toks[i+1].End, i+2
				// a construct noun takes its genitive along: منسوبي الطوارئ
				if k3 := x.word(i + 2); k3 != "" && !strings.HasPrefix(k2, "ال") && strings.HasPrefix(k3, "ال") {
					end, next = x.Toks[i+2].End, i+3
				}
				unit := e.unit
				if !found {
					unit = "person"
				}
				return unit, e.role, end, next, true
			}
		}
		return "", "", 0, 0, false
	}
	if k == "منهم" || k == "منهما" {
		return "person", "", t.End, i + 1, true
	}
	// nationalities and other nisba nouns: خمسة سعوديين، 400 ألف يمني، 17 حوثياً
	if _, _, _, isNum := x.Lex.lookupKey(k); isNum {
		return "", "", 0, 0, false
	}
	if isNisbaPlural(k) || n.Value >= 3 && isNisbaSingular(k) {
		return "person", "", t.End, i + 1, true
	}
	return "", "", 0, 0, false
}

func isNisbaPlural(k string) bool {
	k = strings.TrimPrefix(k, "ال")
	return len([]rune(k)) >= 5 && (strings.HasSuffix(k, "يين") || strings.HasSuffix(k, "يون"))
}

// isNisbaSingular: يمني، حوثيا (accusative after 11–99).
func isNisbaSingular(k string) bool {
	if strings.HasPrefix(k, "ال") {
		return false
	}
	r := []rune(k)
	n := len(r)
	if n >= 4 && r[n-1] == 'ا' && r[n-2] == 'ي' {
		return n >= 5
	}
	return n >= 4 && r[n-1] == 'ي' && r[n-2] != 'ي' && r[n-2] != 'ا' && r[n-2] != 'و'
}

func hasPersonalEnclitic(k string) bool {
	return strings.HasSuffix(k, "هم") || strings.HasSuffix(k, "هما") || strings.HasSuffix(k, "ه") && len([]rune(k)) >= 5
}

// unitBefore finds the noun before a definite numeral or واحد: the noun's
// entry, the span start and its first token.
func (x *extractor) unitBefore(i int) (unitEntry, int, int, bool) {
	k := x.word(i - 1)
	if k == "" {
		return unitEntry{}, 0, 0, false
	}
	if e, cut, _, ok := x.Lex.unit(k); ok && !e.dual {
		return e, x.Toks[i-1].Start + arabic.LettersToCP(x.Toks[i-1].Text, cut), i - 1, true
	}
	// a construct noun and its genitive: أفراد الطاقم الخمسة
	if k2 := x.word(i - 2); k2 != "" && strings.HasPrefix(k, "ال") {
		if e, cut, def, ok := x.Lex.unit(k2); ok && !def && !e.dual {
			return e, x.Toks[i-2].Start + arabic.LettersToCP(x.Toks[i-2].Text, cut), i - 2, true
		}
	}
	return unitEntry{}, 0, 0, false
}

// currencyCode settles a currency: the adjective after it (ريال سعودي),
// the code the same name last had in the text, the text's cue words, or
// the generic name.
func (x *extractor) currencyCode(c *currency, i int) (code string, end, next int) {
	end, next = x.Toks[i].End, i+1
	if k := x.word(i + 1); k != "" {
		if code, ok := c.adj[k]; ok {
			x.currUsed[c] = code
			return code, x.Toks[i+1].End, i + 2
		}
	}
	if code, ok := x.currUsed[c]; ok {
		return code, end, next
	}
	if code, ok := x.cues[c]; ok {
		return code, end, next
	}
	return c.code, end, next
}

// currencyCues counts, for every ambiguous currency, the text's words
// that settle it, and keeps the commonest.
func (x *extractor) currencyCues() map[*currency]string {
	var out map[*currency]string
	counts := map[*currency]map[string]int{}
	for i, k := range x.Keys {
		if x.Toks[i].Kind != arabic.Word {
			continue
		}
		for _, c := range x.Lex.cueIndex[k] {
			if counts[c] == nil {
				counts[c] = map[string]int{}
			}
			counts[c][c.cues[k]]++
		}
	}
	for c, m := range counts {
		best, bn := "", 0
		for code, n := range m {
			if n > bn || n == bn && code < best {
				best, bn = code, n
			}
		}
		if out == nil {
			out = map[*currency]string{}
		}
		out[c] = best
	}
	return out
}

// duals finds the nouns in the dual that count two without a numeral:
// جنديين، سيارتين مفخختين، صاروخين (and مسلحين اثنين).
func (x *extractor) duals(used []bool) []item {
	var out []item
	for i := range x.Toks {
		if used[i] || x.Toks[i].Kind != arabic.Word {
			continue
		}
		k := x.Keys[i]
		// only a word in the dual, or one before اثنين, can count two
		if !strings.HasSuffix(k, "ين") && !strings.HasSuffix(k, "ان") && !strings.HasPrefix(x.word(i+1), "اثن") {
			continue
		}
		e, cut, def, ok := x.Lex.unit(k)
		if !ok {
			continue
		}
		two := false
		next := x.word(i + 1)
		if w, c, def, isNum := x.Lex.lookupKey(next); isNum && c == 0 && !def && w.Value == 2 && w.Kind == Cardinal {
			two = true // مسلحين اثنين (الاثنين is Monday)
		}
		if !e.dual && !two {
			continue
		}
		if def && !(timeUnits[e.unit] && isPastFuture(next)) {
			continue // the two victims: refers back, counts nothing new
		}
		if w := x.Toks[i].Text; arabic.Default().IsName(w) || cut > 0 && arabic.Default().IsName(string([]rune(w)[arabic.LettersToCP(w, cut):])) {
			continue // طالبان, لطالبان
		}
		if x.inDate(x.Toks[i].Start, x.Toks[i].End) && !(timeUnits[e.unit] && e.dual) {
			continue
		}
		f := Found{Start: x.Toks[i].Start + arabic.LettersToCP(x.Toks[i].Text, cut), End: x.Toks[i].End, Value: 2, Unit: e.unit}
		last := i + 1
		if two {
			f.End, last = x.Toks[i+1].End, i+2
		}
		m := qmeta{numFirst: i, numLast: last, first: i, last: last, unitRole: e.role, person: e.unit == "person"}
		m.strongRole = m.unitRole == "fatalities" || m.unitRole == "injuries" || m.unitRole == "abductions"
		switch {
		case timeUnits[e.unit]:
			f.Role, m.fixedRole = "duration", true
		case e.unit != "person":
			f.Role, m.fixedRole = "other", true
		}
		out = append(out, item{f, m})
	}
	return out
}

func isPastFuture(k string) bool {
	switch k {
	case "الماضيين", "الماضيتين", "الاخيرين", "الاخيرتين", "المقبلين", "المقبلتين", "القادمين", "المنصرمين", "السابقين":
		return true
	}
	return false
}
