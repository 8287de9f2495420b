package kb

import (
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/marsad/marsad/arabic"
)

// ActorMention is an actor named in a text, resolved.
type ActorMention struct {
	Start, End       int // code points, whole tokens
	TokStart, TokEnd int
	Text             string
	Norm             string
	Actor            *Actor
	Score            float64
	Candidates       []ActorCandidate
}

// FindActors finds the actors named in a text given its tokens, in text
// order. A weak alias (الشباب, which is also "the youth") counts only when
// the document names the same actor by a strong name, or names its country.
func (k *KB) FindActors(text string, toks []arabic.Token) []ActorMention {
	ts := fromArabic(text, toks)
	places := scan(k.placeIdx, ts)
	named := k.adjectiveContext(ts)
	return k.settle(text, ts, places, named, k.findActors(text, ts, places, named))
}

// findActors finds actors; places are the raw place matches of the same
// text, from which the countries it names are read, with named, those it
// names by an adjective (adjectiveContext).
func (k *KB) findActors(text string, toks []tok, places []rawMatch, named map[string]bool) []ActorMention {
	raws := scan(k.actorIdx, toks)
	if len(raws) == 0 {
		return nil
	}
	// what the document says: actors named strongly, countries named
	strong := map[*Actor]bool{}
	for _, r := range raws {
		for _, c := range r.cands {
			if c.ref.weak == 0 {
				a := k.actors[c.ref.item]
				strong[a] = true
				if p := k.actorByRef[a.Parent]; p != nil {
					strong[p] = true
				}
			}
		}
	}
	countries := k.countriesNamed(places)
	for c := range named {
		countries[c] = true // السلطات السورية names Syria
	}
	var out []ActorMention
	for ri, r := range raws {
		var cs []ActorCandidate
		adjOf := k.adjectiveCountries(toks, r.j)
		for _, c := range r.cands {
			a := k.actors[c.ref.item]
			if a.Country != "" && len(adjOf) > 0 && !slices.Contains(adjOf, a.Country) {
				continue // الجيش الوطني الإماراتي is not Yemen's national army
			}
			s, _ := actorPrior(a, c.ref, c.clitic, false)
			support := strong[a] && c.ref.weak == 0
			if a.Country != "" && countries[a.Country] {
				s += 0.2
				// the country named supports a weak alias of an armed
				// group or a person (مقاتلو الشباب in Somali news), not of
				// a news agency or an office (بنا is also "with us"), nor
				// an everyday word (الهيئة, "the commission", in Syrian
				// news is not Hayat Tahrir al-Sham)
				support = armedOrPerson[a.Kind] && c.ref.weak < weakTrigger
			}
			// so does the country's adjective right before a person's weak
			// name, where news names an office and its holder (وزير
			// الخارجية الجزائري, رئيس الوزراء الفلسطيني محمد مصطفى)
			if a.Kind == "person" && c.ref.weak > 0 && c.ref.weak < weakTrigger && r.i > 0 && !toks[r.i].brk &&
				slices.Contains(k.adjectiveCountries(toks, r.i-1), a.Country) {
				support = true
			}
			if c.ref.weak > 0 {
				// the actor named strongly supports its weak aliases, and so
				// does its parent, except for an everyday word: al-Qaeda
				// named does not make "the youth" (الشباب) al-Shabaab
				if p := k.actorByRef[a.Parent]; strong[a] || (p != nil && strong[p] && c.ref.weak < weakTrigger) {
					support = true
				}
				// a name marked ~ in quotation marks is the name (تنظيم
				// «القاعدة», not "the base"), for an actor of no one
				// country, whom no country named could support; not after a
				// place's word (منطقة «الفاو» is a front in Marib, not the
				// FAO), though لواء is also "brigade" (لواء «الفاطميون»)
				if c.ref.weak == weakContext && a.Country == "" && quoted(text, toks, r.i, r.j) &&
					!(r.i >= 2 && placeWord(stripClitics(&toks[r.i-2]))) {
					support = true
				}
				// an armed group's name listed with another's is the group
				// (داعش والقاعدة, طالبان والقاعدة: not "the base")
				if c.ref.weak == weakContext && rebelKinds[a.Kind] && k.listedWithRebels(a, raws, ri, toks) {
					support = true
				}
				s /= weakFactor
				if !support {
					continue
				}
			}
			cs = append(cs, ActorCandidate{Actor: a, Score: s, ref: c.ref, clitic: c.clitic, cut: c.cut, art: c.art})
		}
		if len(cs) == 0 {
			continue
		}
		sort.SliceStable(cs, func(i, j int) bool {
			if cs[i].Score != cs[j].Score {
				return cs[i].Score > cs[j].Score
			}
			return cs[i].Actor.Ref < cs[j].Actor.Ref
		})
		for i := range cs {
			cs[i].Score = math.Min(1, cs[i].Score/1.3)
		}
		m := ActorMention{Start: toks[r.i].start, End: toks[r.j-1].end, TokStart: r.i, TokEnd: r.j,
			Actor: cs[0].Actor, Score: cs[0].Score, Candidates: cs}
		m.Text = textOf(text, toks, r.i, r.j)
		m.Norm = mentionNorm(toks[r.i:r.j], cs[0].cut, cs[0].art)
		out = append(out, m)
	}
	return out
}

// placeWord reports whether a word before a name says it is a place: a
// trigger that is not also an everyday noun (لواء "brigade", مركز
// "centre").
func placeWord(k string) bool {
	return triggers[k] != nil && !nounTriggers[k]
}

// quoted reports whether tokens [i, j) stand alone between a pair of
// quotation marks or brackets («القاعدة», "القاعدة", (القاعدة)).
func quoted(text string, toks []tok, i, j int) bool {
	if i == 0 || j >= len(toks) {
		return false
	}
	closing := textOf(text, toks, j, j+1)
	return closing != "" && quotePairs[textOf(text, toks, i-1, i)] == closing
}

var quotePairs = map[string]string{"«": "»", "\"": "\"", "“": "”", "(": ")"}

// adjectiveCountries returns the countries whose nationality adjective
// token j is (الإماراتي, الإماراتية), or nil: after an actor's name it
// makes the actor that country's namesake where it is not the actor's
// own (الجيش الوطني الإماراتي is not Yemen's army, الحرس الجمهوري السوري
// not Saleh's).
func (k *KB) adjectiveCountries(toks []tok, j int) []string {
	if j >= len(toks) || toks[j].brk {
		return nil
	}
	core, ok := strings.CutPrefix(toks[j].key, "ال")
	if !ok {
		return nil
	}
	return k.nisbaCountries(strings.TrimSuffix(core, "ه")) // the feminine: keys write ة as ه
}

// rebelKinds are the non-state armed actors.
var rebelKinds = map[string]bool{"rebel_group": true, "political_militia": true, "identity_militia": true}

// listedWithRebels reports whether actor match ri, a name of a, is joined
// by و to a match right before or after it that names strongly a
// non-state armed group of a's country or of none (داعش والنصرة, ميليشيا
// الحوثي والحرس الجمهوري; not حزب الله والحرس الجمهوري, Syria's guard),
// and is no base's (القاعدة الجوية, "the air base").
func (k *KB) listedWithRebels(a *Actor, raws []rawMatch, ri int, toks []tok) bool {
	r := raws[ri]
	if r.j < len(toks) && baseAdjectives[toks[r.j].key] {
		return false
	}
	strongRebel := func(m rawMatch) bool {
		for _, c := range m.cands {
			if b := k.actors[c.ref.item]; c.ref.weak == 0 && rebelKinds[b.Kind] && (b.Country == "" || b.Country == a.Country) {
				return true
			}
		}
		return false
	}
	joined := func(t tok) bool { return strings.HasPrefix(t.key, "و") }
	return ri > 0 && raws[ri-1].j == r.i && joined(toks[r.i]) && strongRebel(raws[ri-1]) ||
		ri+1 < len(raws) && raws[ri+1].i == r.j && joined(toks[r.j]) && strongRebel(raws[ri+1])
}

var baseAdjectives = map[string]bool{key("الجوية"): true, key("العسكرية"): true, key("البحرية"): true}

// armedOrPerson are the actor kinds whose weak aliases the mere mention of
// their country supports.
var armedOrPerson = map[string]bool{"state_forces": true, "rebel_group": true, "political_militia": true,
	"identity_militia": true, "external_force": true, "person": true}

// countriesNamed returns the countries a text names by a strong name.
func (k *KB) countriesNamed(places []rawMatch) map[string]bool {
	out := map[string]bool{}
	for _, r := range places {
		for _, c := range r.cands {
			p := k.places[c.ref.item]
			if p.Kind == KindCountry && c.ref.weak == 0 {
				out[p.Country] = true
			}
		}
	}
	return out
}
