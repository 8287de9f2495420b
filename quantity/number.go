package quantity

import (
	"strconv"
	"strings"

	"github.com/marsad/marsad/arabic"
)

// Number is a number expression found in a run of tokens: digits (any
// script, with separators), words (ثلاثة وعشرون، مئتين، الخمسة والعشرين
// ألف), or both (3 آلاف، 601 مليون، 40ألفاً).
type Number struct {
	First, Last int // the tokens [First, Last)
	// Start and End are the code points of the number itself: a
	// conjunction or preposition attached to the first word (وثلاثة،
	// بخمسة) is outside.
	Start, End int
	Value      float64
	Words      bool // spelled, at least in part, in words
	Vague      bool // عشرات، مئات، آلاف: ACLED's values (10, 100, 1000)
	Ordinal    bool // an ordinal (الثالث، الحادي عشر): a position, not a count
	Definite   bool // with the article: الثلاثة، العشرات
	Digits     bool // written in digits
	Integer    bool // digits without a separator (a year, a day, an id?)
	Mult       bool // multiplied by a word (3 آلاف، مليوني)
}

// Doc is one document's tokens prepared for number and unit lookups: the
// matching key of every token is computed once.
type Doc struct {
	Lex  *Lexicon
	Toks []arabic.Token
	Keys []string // Key of each word token; Norm of the others
}

// NewDoc prepares tokens for lookups.
func (lx *Lexicon) NewDoc(toks []arabic.Token) *Doc {
	d := &Doc{Lex: lx, Toks: toks, Keys: make([]string, len(toks))}
	for i := range toks {
		if toks[i].Kind == arabic.Word {
			d.Keys[i] = arabic.KeyOfNorm(toks[i].Norm)
		} else {
			d.Keys[i] = toks[i].Norm
		}
	}
	return d
}

// Numbers returns every number expression of the tokens, in order.
func (d *Doc) Numbers() []Number {
	var out []Number
	for i := 0; i < len(d.Toks); {
		if n, ok := d.NumberAt(i); ok {
			out = append(out, n)
			i = n.Last
			continue
		}
		i++
	}
	return out
}

// isWa reports whether token i is the conjunction و standing alone.
func (d *Doc) isWa(i int) bool {
	return i >= 0 && i < len(d.Toks) && d.Toks[i].Kind == arabic.Word && d.Keys[i] == "و"
}

// NumberAt reads a number expression starting at token i.
func (d *Doc) NumberAt(i int) (Number, bool) {
	if i < 0 || i >= len(d.Toks) {
		return Number{}, false
	}
	switch d.Toks[i].Kind {
	case arabic.Number:
		return d.digitsAt(i)
	case arabic.Word:
		return d.wordsAt(i)
	}
	return Number{}, false
}

// digitsAt reads digits, and a multiplier word after them.
func (d *Doc) digitsAt(i int) (Number, bool) {
	t := &d.Toks[i]
	n := Number{First: i, Last: i + 1, Start: t.Start, End: t.End, Digits: true}
	j := i + 1
	// a closing quote between the digits and the word: «1.4» مليون
	k := j
	if k < len(d.Toks) && d.Toks[k].Kind == arabic.Punct && isQuote(d.Toks[k].Text) && d.Toks[k].Start == t.End {
		k++
	}
	var mult float64
	if k < len(d.Toks) && d.Toks[k].Kind == arabic.Word {
		if w, cut, _, ok := d.Lex.lookupKey(d.Keys[k]); ok && cut == 0 && w.Value >= 1000 && (w.Kind == Cardinal || w.Kind == Plural) && isRound(w.Value) {
			mult = w.Value
			n.Last, n.End, n.Mult, n.Words = k+1, d.Toks[k].End, true, true
			// the opening quote goes with the closing one: «1.4» مليون
			if k > j && i > 0 && d.Toks[i-1].Kind == arabic.Punct && isQuote(d.Toks[i-1].Text) && d.Toks[i-1].End == t.Start {
				n.Start = d.Toks[i-1].Start
			}
		}
	}
	percent := j < len(d.Toks) && (d.Toks[j].Norm == "%" || d.Keys[j] == "بالمءه" || d.Keys[j] == "بالمىه" || d.Keys[j] == "بالماءه")
	v, integer, ok := parseDigits(t.Norm, t.Text, mult > 0 || percent)
	if !ok {
		return Number{}, false
	}
	n.Integer = integer
	if mult > 0 {
		v *= mult
	}
	n.Value = v
	return n, true
}

// isRound reports whether v is a power of 1000 (a multiplier).
func isRound(v float64) bool {
	return v == 1e3 || v == 1e6 || v == 1e9 || v == 1e12
}

func isQuote(s string) bool {
	switch s {
	case "»", "«", "\"", "”", "“", "'", ")", "(":
		return true
	}
	return false
}

// parseDigits reads a number in ASCII digits with separators (norm) as
// written in the text (orig, where the Arabic separators ٫ and ٬ still
// show which is which). decimalHint says a multiplier or a percent follows,
// where "1,555" is a decimal. It reports whether the number had no
// separator.
func parseDigits(norm, orig string, decimalHint bool) (float64, bool, bool) {
	if !strings.ContainsAny(norm, ",.") {
		v, err := strconv.ParseFloat(norm, 64)
		return v, true, err == nil
	}
	// Arabic separators say which is which.
	arabicDec := strings.ContainsRune(orig, '٫')
	arabicTh := strings.ContainsRune(orig, '٬')
	var b strings.Builder
	switch {
	case arabicDec || arabicTh:
		// positions match: one separator rune per separator in both
		ro := []rune(orig)
		oi := 0
		for _, r := range norm {
			for oi < len(ro) && !isSepOrDigit(ro[oi]) {
				oi++
			}
			var o rune
			if oi < len(ro) {
				o = ro[oi]
				oi++
			}
			switch {
			case r == ',' || r == '.':
				if o == '٫' || (o == '.' && !arabicDec) || (o == ',' && arabicTh && !arabicDec) {
					b.WriteByte('.')
				}
			default:
				b.WriteRune(r)
			}
		}
	default:
		commas, dots := strings.Count(norm, ","), strings.Count(norm, ".")
		dec := byte(0)
		switch {
		case commas > 0 && dots > 0:
			dec = norm[strings.LastIndexAny(norm, ",.")]
		case commas+dots > 1:
			dec = 0 // 1,234,567 or 1.234.567
		default:
			sep := byte(',')
			if dots == 1 {
				sep = '.'
			}
			at := strings.IndexByte(norm, sep)
			after := len(norm) - at - 1
			intPart := norm[:at]
			if after != 3 || decimalHint || intPart == "0" {
				dec = sep
			}
		}
		for i := 0; i < len(norm); i++ {
			c := norm[i]
			switch {
			case c == dec:
				b.WriteByte('.')
			case c == ',' || c == '.':
			default:
				b.WriteByte(c)
			}
		}
	}
	v, err := strconv.ParseFloat(b.String(), 64)
	return v, false, err == nil
}

func isSepOrDigit(r rune) bool {
	return r == ',' || r == '.' || r == '٫' || r == '٬' || r == '،' ||
		r >= '0' && r <= '9' || r >= '٠' && r <= '٩' || r >= '۰' && r <= '۹'
}

// wordsAt reads a number in words (with the multipliers and vague amounts
// it may carry) starting at token i.
func (d *Doc) wordsAt(i int) (Number, bool) {
	const (
		none = iota
		unit
		ten
		hundred
		mult
		vague
	)
	var (
		total, group float64
		last         = none
		n            Number
		oneof        bool    // a pending أحد/إحدى that needs عشر or و + tens
		unitVal      float64 // the value of the last unit word, for the teens
		j            = i
	)
	n.First, n.Words = i, true
	for j < len(d.Toks) {
		k := j
		joined := false
		if j > i && d.isWa(j) {
			k, joined = j+1, true
		}
		if k >= len(d.Toks) || d.Toks[k].Kind != arabic.Word {
			break
		}
		w, cut, def, ok := d.Lex.lookupKey(d.Keys[k])
		if !ok {
			break
		}
		if j > i && cut > 0 {
			// a clitic inside a compound may only be the conjunction
			if cut != 1 || !strings.HasPrefix(d.Keys[k], "و") || joined {
				break
			}
			joined = true
		}
		if j == i {
			n.Definite = def
			n.Start = d.Toks[k].Start + arabic.LettersToCP(d.Toks[k].Text, cut)
		}
		v := w.Value
		accepted := true
		switch {
		case w.Kind == Ordinal:
			if last != none {
				accepted = false
				break
			}
			n.Ordinal = true
			group, last, unitVal = v, unit, v
		case w.Kind == Vague:
			if last != none {
				accepted = false
				break
			}
			group, last, n.Vague = v, vague, true
		case v == 10 && (w.Kind == Teen || w.Kind == Cardinal) && last == unit && !joined && unitVal < 10:
			group += 10
			last = ten
			oneof = false
		case w.Kind == Teen:
			accepted = false
		case v < 10 || w.Kind == OneOf || (v == 10 && last == none):
			if !(last == none || joined && (last == hundred || last == mult)) {
				accepted = false
				break
			}
			group += v
			last, unitVal = unit, v
			oneof = w.Kind == OneOf
		case v < 100:
			if !(last == none || joined && (last == unit || last == hundred || last == mult)) {
				accepted = false
				break
			}
			if last == unit && n.Ordinal && !joined {
				accepted = false
				break
			}
			group += v
			last = ten
			oneof = false
		case v < 1000:
			switch {
			case last == unit && !joined && group < 10 && v == 100:
				group *= 100 // ثلاث مئة
			case last == none || joined && last == mult:
				group += v
			default:
				accepted = false
			}
			last = hundred
		default: // a multiplier
			if joined {
				accepted = false
				break
			}
			switch {
			case last == none:
				if w.Kind == Plural {
					n.Vague = true // آلاف alone
				}
				total += v
			case last == vague:
				total += group * v // مئات الآلاف
			default:
				if n.Ordinal {
					accepted = false
				} else {
					total += max(group, 1) * v
				}
			}
			group = 0
			last = mult
			n.Mult = true
		}
		if !accepted {
			break
		}
		j = k + 1
	}
	if j == i || oneof {
		return Number{}, false
	}
	n.Last = j
	n.End = d.Toks[j-1].End
	n.Value = total + group
	return n, true
}
