package ner

import (
	"math/rand/v2"
	"sort"
	"strings"

	"github.com/marsad/marsad/arabic"
)

// augment returns copies of the training sentences in which names are
// swapped for other names of the same type seen in training (mention
// replacement): each distinct mention (by its key) is replaced, with
// probability p, by one drawn at random among the distinct mentions of its
// type, and the same replacement is used at every occurrence of the copy, so
// that a name repeated in an article stays repeated. The model then sees
// known names in new contexts and known contexts with new names, which
// teaches it to trust the context around names it has never seen.
func augment(train []Sentence, copies int, p float64, seed uint64) []Sentence {
	type mention struct {
		typ  string
		toks []string
	}
	byType := map[string][]mention{}
	seen := map[string]bool{}
	var keys []string
	for _, s := range train {
		for _, sp := range Spans(repairBIO(s.Tags)) {
			toks := s.Tokens[sp.Start:sp.End]
			k := sp.Type + "\x00" + mentionKey(toks)
			if seen[k] {
				continue
			}
			seen[k] = true
			keys = append(keys, k)
			byType[sp.Type] = append(byType[sp.Type], mention{sp.Type, toks})
		}
	}
	sort.Strings(keys)
	rnd := rand.New(rand.NewPCG(seed, 0x61756700))
	var out []Sentence
	for c := 0; c < copies; c++ {
		swap := map[string][]string{}
		for _, k := range keys {
			typ := k[:strings.IndexByte(k, 0)]
			if ms := byType[typ]; rnd.Float64() < p && len(ms) > 1 {
				swap[k] = ms[rnd.IntN(len(ms))].toks
			}
		}
		for _, s := range train {
			tags := repairBIO(s.Tags)
			var ns Sentence
			last := 0
			for _, sp := range Spans(tags) {
				ns.Tokens = append(ns.Tokens, s.Tokens[last:sp.Start]...)
				ns.Tags = append(ns.Tags, tags[last:sp.Start]...)
				toks := s.Tokens[sp.Start:sp.End]
				if r, ok := swap[sp.Type+"\x00"+mentionKey(toks)]; ok {
					toks = r
				}
				for i, t := range toks {
					ns.Tokens = append(ns.Tokens, t)
					if i == 0 {
						ns.Tags = append(ns.Tags, "B-"+sp.Type)
					} else {
						ns.Tags = append(ns.Tags, "I-"+sp.Type)
					}
				}
				last = sp.End
			}
			ns.Tokens = append(ns.Tokens, s.Tokens[last:]...)
			ns.Tags = append(ns.Tags, tags[last:]...)
			out = append(out, ns)
		}
	}
	return out
}

func mentionKey(toks []string) string {
	ks := make([]string, len(toks))
	for i, t := range toks {
		ks[i] = arabic.Key(t)
	}
	return strings.Join(ks, " ")
}
