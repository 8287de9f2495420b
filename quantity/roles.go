package quantity

import (
	"strings"

	"github.com/marsad/marsad/arabic"
)

// coordinators join two counts of the same kind: "15 قتيلاً إضافة إلى
// ثلاثة".
var coordinators = map[string]bool{"اضافه": true, "بالاضافه": true, "الي": true, "الى": true, "فضلا": true, "عن": true, "او": true}

// How far a role trigger may stand from its number, in tokens; ownWindow
// is how far after a trigger its own number may start (وأصيب أكثر من 100).
const (
	backWindow    = 8
	forwardWindow = 4
	ownWindow     = 4
)

// assignRoles gives every quantity of people (and every bare number) its
// role, by these rules in order:
//
//  1. the counted noun says it (قتلى، جرحى، جثث، رهائن);
//  2. the nearest trigger before the number in its sentence, up to eight
//     tokens back and not past the quantity before (مقتل 15 شخصاً
//     وإصابة 20 → 15 fatalities, 20 injuries); a fatalities trigger and an
//     injuries trigger joined by و (مقتل وإصابة العشرات) give "other";
//  3. a trigger right after it (12 متشدداً قتلوا، لقي 22 مسلحاً مصرعهم);
//  4. the role of the quantity of people it is coordinated with or picks
//     from (12 متشدداً و5 مدنيين؛ 17 منهم);
//  5. the role the noun carries by default (مقاتل → fighters);
//  6. other.
//
// A bare number (no counted noun) is kept only when rules 2–4 give it a
// role of people: it is then a number of people (مقتل 30). Others are
// dropped: a number whose noun marsad cannot see is as often a label.
func (x *extractor) assignRoles(items []item) []item {
	out := items[:0]
	lastPerson := -1 // index in out
	for i := range items {
		it := items[i]
		if it.m.fixedRole {
			out = append(out, it)
			continue
		}
		role, how := "", 0
		if it.m.strongRole {
			role, how = it.m.unitRole, 1
		}
		prevLast := 0
		if len(out) > 0 {
			prevLast = out[len(out)-1].m.last
		}
		sent := x.sentenceOf(it.m.numFirst)
		if role == "" {
			if r := x.triggerBefore(it.m.first, max(prevLast, sent.First), prevLast > sent.First); r != "" {
				role, how = r, 2
			}
		}
		if role == "" {
			next := -1
			if i+1 < len(items) {
				next = items[i+1].m.first
			}
			if r := x.triggerAfter(it.m.last, sent.Last, next); r != "" {
				role, how = r, 3
			}
		}
		if role == "" && lastPerson >= 0 {
			p := &out[lastPerson]
			if p.m.last > sent.First && p.m.first >= sent.First && (it.m.minhum || x.coordinated(p.m.last, it.m.first)) {
				role, how = p.f.Role, 4
			}
		}
		if role == "" && it.m.unitRole != "" {
			role, how = it.m.unitRole, 5
		}
		if role == "" {
			role = "other"
		}
		if role == combined {
			role = "other"
			if it.m.bare {
				it.f.Unit, it.m.person, it.m.bare = "person", true, false
			}
		}
		if it.m.bare {
			if how < 2 || how > 4 || role == "other" || role == "amount" || role == "duration" {
				continue
			}
			it.f.Unit = "person"
			it.m.person = true
		}
		it.f.Role = role
		out = append(out, it)
		if it.m.person {
			lastPerson = len(out) - 1
		}
	}
	return out
}

func (x *extractor) sentenceOf(tok int) arabic.Sentence {
	if i := arabic.SentenceOf(x.sents, tok); i >= 0 {
		return x.sents[i]
	}
	return arabic.Sentence{First: 0, Last: len(x.Toks)}
}

// triggerBefore looks for a role trigger in the tokens before first, back
// to stop (exclusive of a colon, which opens a new clause). A fatalities
// and an injuries trigger joined by و give a killed-and-wounded figure
// (مقتل وإصابة العشرات), unless the quantity before, which ends at stop
// when afterQuantity, is the first one's own (45 فلسطينياً قتلوا وأصيب أكثر
// من 100 آخرين).
func (x *extractor) triggerBefore(first, stop int, afterQuantity bool) string {
	for j := first - 1; j >= stop && j >= first-backWindow; j-- {
		if p := x.punct(j); p == ":" || p == "(" {
			return ""
		}
		k := x.word(j)
		if k == "" {
			continue
		}
		r, ok := x.Lex.role(k)
		if !ok {
			continue
		}
		if r == "fatalities" || r == "injuries" {
			if o := x.combined(j, r); o >= 0 && !(afterQuantity && o >= stop && o < j && o < stop+forwardWindow) {
				return combined
			}
		}
		return r
	}
	return ""
}

// combined is the role of a killed-and-wounded figure while roles are
// assigned: a number of people whose role is other.
const combined = "combined"

// combined returns the index of the other trigger when a fatalities and an
// injuries trigger are joined by و, else -1.
func (x *extractor) combined(j int, r string) int {
	other := "injuries"
	if r == "injuries" {
		other = "fatalities"
	}
	for _, i := range []int{j - 1, j + 1} {
		if x.isWa(i) {
			i += i - j
		}
		if k := x.word(i); k != "" {
			if r2, ok := x.Lex.role(k); ok && r2 == other {
				return i
			}
		}
	}
	return -1
}

// triggerAfter looks for a trigger right after a quantity, within the
// clause; a quantity coordinated with it may stand between (12 متشدداً
// وخمسة مدنيين قتلوا). The other trigger joined to it by و makes a
// killed-and-wounded figure (20 شخصاً قتلوا وأصيبوا) unless the next
// quantity, which starts at token next (-1 for none), is that trigger's
// own (45 فلسطينياً قتلوا وأصيب أكثر من 100 آخرين).
func (x *extractor) triggerAfter(last, stop, next int) string {
	for j := last; j < stop && j < last+forwardWindow; j++ {
		if x.Toks[j].Kind == arabic.Punct {
			return ""
		}
		if k := x.word(j); k != "" {
			if r, ok := x.Lex.role(k); ok {
				if _, whole := x.Lex.roles[k]; !whole && (strings.HasPrefix(k, "و") || strings.HasPrefix(k, "ف")) {
					return "" // وإصابة: the head of the next clause, not this one's verb
				}
				if r == "fatalities" || r == "injuries" {
					if o := x.combined(j, r); o >= 0 && !(next > o && next <= o+ownWindow) {
						return combined
					}
				}
				return r
			}
		}
	}
	return ""
}

// coordinated reports whether only a conjunction or a comma stands between
// token a (the end of one quantity) and b (the start of the next).
func (x *extractor) coordinated(a, b int) bool {
	if a > b {
		return false
	}
	for j := a; j < b; j++ {
		if !x.isWa(j) && x.punct(j) != "," && !coordinators[x.Keys[j]] {
			return false
		}
	}
	return true
}
