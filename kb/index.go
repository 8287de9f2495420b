package kb

import "strings"

// nameRef is one name of one place or actor in an index.
type nameRef struct {
	item    int32 // position in KB.places or KB.actors
	weak    bool  // needs context to count as a mention
	primary bool  // the item's main name
}

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

// nameKeys splits a name into the keys of its tokens.
func nameKeys(name string) []string {
	return strings.Fields(key(name))
}

// isWeakName says whether a name needs context before a mention of it
// counts: marked weak in the data, or a single word that is also a given
// name or a common word.
func (k *KB) isWeakName(nk string, marked map[string]bool) bool {
	if marked[nk] || k.weakWords[nk] {
		return true
	}
	return !strings.Contains(nk, " ") && k.firstNames[nk]
}

func (k *KB) buildIndexes() {
	k.placeIdx, k.placeEnIdx = newIndex(), newIndex()
	for i, p := range k.places {
		for j, n := range p.Names {
			nk := key(n)
			weak := k.isWeakName(nk, p.weak)
			if p.Kind == KindCountry && j == 0 {
				// a country's own name is never taken for a given name
				weak = p.weak[nk] || k.weakWords[nk]
			}
			k.placeIdx.add(n, nameRef{item: int32(i), weak: weak, primary: j == 0})
		}
		for j, n := range p.NamesEn {
			k.placeEnIdx.add(n, nameRef{item: int32(i), primary: j == 0})
		}
	}
	k.actorIdx, k.actorEnIdx = newIndex(), newIndex()
	for i, a := range k.actors {
		for j, n := range a.Names {
			nk := key(n)
			k.actorIdx.add(n, nameRef{item: int32(i), weak: k.isWeakName(nk, a.weak), primary: j == 0})
		}
		for j, n := range a.NamesEn {
			k.actorEnIdx.add(n, nameRef{item: int32(i), primary: j == 0})
		}
	}
}
