package kb

import (
	"math"
	"strings"
	"unicode"
)

// nameOf returns the name a reference points at, as the knowledge base
// writes it (for showing which name matched).
func nameOf(names, namesEn []string, r nameRef) string {
	list := names
	if r.english {
		list = namesEn
	}
	if int(r.name) < len(list) {
		return list[r.name]
	}
	return ""
}

// LookupPlace returns the places a name may refer to, best first, each
// with the reasons for its score. The name is read as a text would be: it
// may carry proclitics (بالموصل), a word that says the kind (محافظة حلب),
// be a countryside (ريف حلب الشمالي), or be written in English.
func (k *KB) LookupPlace(name string) []Candidate {
	var out []Candidate
	toks := tokens(name)
	ms, _ := k.mentions(toks, scan(k.placeIdx, toks), nil)
	var m *pmention
	for _, x := range ms {
		if m == nil || x.j-x.i > m.j-m.i {
			m = x
		}
	}
	if m != nil {
		for _, c := range m.cands {
			s, why := placePrior(c.Place, c.ref, c.clitic, true)
			if m.rif {
				why = append(why, "countryside of a city: its province")
			}
			if m.trigger != nil {
				if contains(m.trigger, c.Place.Kind) {
					s += wTrigger
					why = append(why, "kind fits the word before "+fmtf(wTrigger))
				} else {
					s -= wTrigger / 2
					why = append(why, "kind does not fit the word before "+fmtf(-wTrigger/2))
				}
			}
			c.Score, c.Why = s, why
			out = append(out, c)
		}
	}
	if hasLatin(name) {
		nk := strings.Join(nameKeys(name), " ")
		for _, r := range k.placeEnIdx.names[nk] {
			p := k.places[r.item]
			s, why := placePrior(p, r, false, true)
			out = append(out, Candidate{Place: p, Score: s, Name: nameOf(p.Names, p.NamesEn, r), Why: append(why, "English name"), ref: r})
		}
	}
	for i := range out {
		out[i].Score = math.Min(1, out[i].Score/scoreScale)
	}
	sortCands(out)
	return out
}

// LookupActor returns the actors a name may refer to, best first.
func (k *KB) LookupActor(name string) []ActorCandidate {
	var out []ActorCandidate
	toks := tokens(name)
	seen := map[*Actor]bool{}
	for _, r := range scan(k.actorIdx, toks) {
		if r.i != 0 {
			continue
		}
		for _, c := range r.cands {
			a := k.actors[c.ref.item]
			if seen[a] {
				continue
			}
			seen[a] = true
			s, why := actorPrior(a, c.ref, c.clitic, true)
			out = append(out, ActorCandidate{Actor: a, Score: math.Min(1, s/1.3), Name: nameOf(a.Names, a.NamesEn, c.ref), Why: why, ref: c.ref})
		}
	}
	if hasLatin(name) {
		nk := strings.Join(nameKeys(name), " ")
		for _, r := range k.actorEnIdx.names[nk] {
			a := k.actors[r.item]
			if seen[a] {
				continue
			}
			seen[a] = true
			s, why := actorPrior(a, r, false, true)
			out = append(out, ActorCandidate{Actor: a, Score: math.Min(1, s/1.3), Name: nameOf(a.Names, a.NamesEn, r), Why: append(why, "English name"), ref: r})
		}
	}
	return out
}

func hasLatin(s string) bool {
	for _, r := range s {
		if r < 0x250 && unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

func fmtf(x float64) string {
	s := strings.TrimRight(strings.TrimRight(strconvF(x), "0"), ".")
	if x >= 0 {
		return "+" + s
	}
	return s
}
