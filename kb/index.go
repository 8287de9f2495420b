package kb

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// nameRef is one name of one place or actor in an index.
type nameRef struct {
	item    int32 // position in KB.places or KB.actors
	weak    uint8 // 0 strong; weakContext or weakTrigger
	primary bool  // the item's main name
	english bool  // name is in NamesEn rather than Names
	name    int16 // position of the name in the item's Names (or NamesEn)
}

// How much support a weak name needs before a mention of it counts.
const (
	// weakContext: a name marked ~ in the data, or a given name: the
	// document must name the place's country and a place near it, or say
	// what kind of place it is (محافظة، مدينة…).
	weakContext = 1
	// weakTrigger: an everyday word (weak-names.txt: الخبر، المدينة، الباب):
	// only a word saying what kind of place it is will do, here or at
	// another mention of the same name in the document.
	weakTrigger = 2
)

// index maps names, as sequences of token keys, to the items that bear
// them. Lookups go through the whole name's key (token keys joined by a
// space); first bounds how many tokens a name starting with a given key
// may have, so that longest-match scanning stops early.
type index struct {
	names map[string][]nameRef
	first map[string]int
}

func newIndex() *index {
	return &index{names: map[string][]nameRef{}, first: map[string]int{}}
}

func (ix *index) add(name string, ref nameRef) {
	toks := nameKeys(name)
	if len(toks) == 0 {
		return
	}
	k := strings.Join(toks, " ")
	for _, r := range ix.names[k] {
		if r.item == ref.item {
			return
		}
	}
	ix.names[k] = append(ix.names[k], ref)
	if n := len(toks); n > ix.first[toks[0]] {
		ix.first[toks[0]] = n
	}
}

// weakness says how much support a name needs before a mention of it
// counts (0 for none): everyday words need a trigger word, names marked ~
// in the data and single-word given names need context.
func (k *KB) weakness(nk string, marked map[string]bool) uint8 {
	switch {
	case k.everyday[nk], !strings.Contains(nk, " ") && k.firstNames[nk]:
		return weakTrigger // a given name is almost always someone's
	case marked[nk], k.weakWords[nk]:
		return weakContext
	}
	return 0
}

// actorWeakness is weakness for an actor's name: an everyday word
// (weak-names.txt !name: الهيئة, "the commission", for Hayat Tahrir
// al-Sham) counts only where the document names the actor by a strong
// name (weakTrigger); a name marked ~ or a given name also where it names
// the actor's country (weakContext; see findActors).
func (k *KB) actorWeakness(nk string, marked map[string]bool) uint8 {
	if k.everyday[nk] {
		return weakTrigger
	}
	return min(k.weakness(nk, marked), weakContext)
}

func (k *KB) buildIndexes() {
	k.placeIdx, k.placeEnIdx = newIndex(), newIndex()
	for i, p := range k.places {
		for j, n := range p.Names {
			nk := key(n)
			weak := k.weakness(nk, p.weak)
			if p.Kind == KindCountry && j == 0 && !p.weak[nk] && !k.everyday[nk] && !k.weakWords[nk] {
				weak = 0 // a country's own name is not taken for a given name
			}
			if weak == weakTrigger && !p.weak[nk] && !k.everyday[nk] {
				// nor a great capital's (باريس); a lesser capital's or a
				// great city's needs context, not a trigger word
				switch {
				case p.capital && p.Population >= 1000000:
					weak = 0
				case p.capital || p.Population >= 1000000:
					weak = weakContext
				}
			}
			k.placeIdx.add(n, nameRef{item: int32(i), weak: weak, primary: j == 0, name: int16(min(j, 32767))})
		}
		for j, n := range p.NamesEn {
			k.placeEnIdx.add(n, nameRef{item: int32(i), primary: j == 0, english: true, name: int16(min(j, 32767))})
		}
	}
	k.actorIdx, k.actorEnIdx = newIndex(), newIndex()
	k.personByName = map[string]*Actor{}
	for i, a := range k.actors {
		a.keys = make([]string, len(a.Names))
		for j, n := range a.Names {
			a.keys[j] = key(n)
		}
		for j, n := range a.Names {
			nk := a.keys[j]
			if a.Kind == "person" && strings.Contains(nk, " ") && !a.weak[nk] {
				if _, taken := k.personByName[nk]; taken {
					k.personByName[nk] = nil // two persons share it
				} else {
					k.personByName[nk] = a
				}
			}
			ref := nameRef{item: int32(i), weak: k.actorWeakness(nk, a.weak), primary: j == 0, name: int16(min(j, 32767))}
			k.actorIdx.add(n, ref)
			if v := abdVariant(n); v != "" && !slices.Contains(a.keys, key(v)) && !extendsName(a.keys, nk) {
				k.actorIdx.add(v, ref)
			}
		}
		for j, n := range a.NamesEn {
			k.actorEnIdx.add(n, nameRef{item: int32(i), primary: j == 0, english: true, name: int16(min(j, 32767))})
		}
	}
}

// abdVariant returns a name with its عبد joined to the word after it, as
// news writes it as often as apart (عبد الفتاح البرهان, عبدالفتاح
// البرهان), or with a joined عبدال… split; "" for a name with neither.
// The actor index holds both spellings of a name, but not of one that
// extends another of the actor's names (extendsName): the text's spelling
// decides there whether a title and a name are one mention or two, as
// before.
func abdVariant(n string) string {
	ws := strings.Fields(n)
	changed := false
	out := make([]string, 0, len(ws)+1)
	for i := 0; i < len(ws); i++ {
		w := ws[i]
		switch {
		case w == abdWord && i+1 < len(ws):
			out = append(out, w+ws[i+1])
			i++
			changed = true
		case strings.HasPrefix(w, abdWord+"ال") && utf8.RuneCountInString(w) > 5:
			out = append(out, abdWord, strings.TrimPrefix(w, abdWord))
			changed = true
		default:
			out = append(out, w)
		}
	}
	if !changed {
		return ""
	}
	return strings.Join(out, " ")
}

const abdWord = "عبد"

// extendsName reports whether nk, the key of one of an actor's names
// (keys), is another of its names with words after it (خادم الحرمين
// الشريفين الملك سلمان بن عبد العزيز after the title alone): a title and a
// name, which the text names apart as often as together.
func extendsName(keys []string, nk string) bool {
	for _, o := range keys {
		if o != nk && strings.HasPrefix(nk, o+" ") {
			return true
		}
	}
	return false
}
