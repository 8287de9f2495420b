package ner

import (
	"sort"
	"strings"

	"github.com/marsad/marsad/arabic"
)

// Label consistency after decoding (ModelInfo.Propagate). Stage 2 already
// tells the tagger how the same words were tagged elsewhere in the
// document, but as features it may outweigh; this pass makes the decision:
// a name tagged with enough confidence in one sentence is tagged, with its
// type, where the same words stand untagged within the document window.
// In 5-fold cross-validation on the ANERcorp training split it mostly
// recovers later mentions of foreign names and organisations that the
// context did not announce (ner/MODEL.md, sixth round).

// nameSpan is one entity of a decoded sentence: tokens [start, end) of
// type typ (0 PER, 1 LOC, 2 ORG, 3 MISC).
type nameSpan struct{ sent, start, end, typ int }

// nameCopy records a name the pass tagged (sentence and first token) and
// the name it took its type from: its confidence is that name's.
type nameCopy struct{ sent, start, srcSent, srcStart int }

// appendNames appends the entities of a valid BILOU labelling.
func appendNames(out []nameSpan, sent int, pred []int) []nameSpan {
	for a := 0; a < len(pred); a++ {
		if pred[a] == 0 {
			continue
		}
		typ := labelType(pred[a]) - 1
		b := a + 1
		if labels[pred[a]][0] == 'B' {
			for b < len(pred) && pred[b] == 1+4*typ+1 {
				b++
			}
			if b < len(pred) && pred[b] == 1+4*typ+2 {
				b++
			}
		}
		out = append(out, nameSpan{sent, a, b, typ})
		a = b - 1
	}
	return out
}

// setName labels tokens [a, a+k) of pred as one name of type typ.
func setName(pred []int, a, k, typ int) {
	if k == 1 {
		pred[a] = 1 + 4*typ + 3
		return
	}
	pred[a] = 1 + 4*typ
	for j := a + 1; j < a+k-1; j++ {
		pred[j] = 1 + 4*typ + 1
	}
	pred[a+k-1] = 1 + 4*typ + 2
}

// sameWord says whether two tokens are the same word for propagation: the
// same key, or for the first word of a name the same clitic-free stem
// (لداعش and داعش).
func sameWord(x, y *wordInfo, first bool) bool {
	return x.key == y.key || first && x.stem != "" && x.stem == y.stem
}

// propagate runs the pass over the first n sentences of the scratch
// document, whose final labels (pred) and final scores (fsc) are set. A
// source name qualifies when its confidence under the model is at least
// m.Info.Propagate; the confidence is computed only for names that have
// an untagged mention to give their label to. It returns whether any
// label changed, and records each name it tagged in s.copies.
func (m *Model) propagate(s *scratch, n int) bool {
	s.copies = s.copies[:0]
	window := m.Info.DocWindow
	minConf := float32(m.Info.Propagate)
	s.names = s.names[:0]
	for i := 0; i < n; i++ {
		s.names = appendNames(s.names, i, s.sents[i].pred)
	}
	if len(s.names) == 0 {
		return false
	}
	// the names by their first word's key and stem
	if s.byFirst == nil {
		s.byFirst = map[string][]int32{}
	}
	clear(s.byFirst)
	for k, nm := range s.names {
		w := &s.sents[nm.sent].ws[nm.start]
		s.byFirst[w.key] = append(s.byFirst[w.key], int32(k))
		if w.stem != "" && w.stem != w.key {
			s.byFirst[w.stem] = append(s.byFirst[w.stem], int32(k))
		}
	}
	w := m.finalWeights()
	// confidence of each name, computed when first needed: -1 not yet
	conf := s.nameConf[:0]
	for range s.names {
		conf = append(conf, -1)
	}
	s.nameConf = conf
	confOf := func(k int) float32 {
		if conf[k] < 0 {
			// the names of a sentence are contiguous in s.names
			nm := s.names[k]
			d := &s.sents[nm.sent]
			p := m.spanConfidences(s, w, d.fsc, d.pred)
			lo := k
			for lo > 0 && s.names[lo-1].sent == nm.sent {
				lo--
			}
			for j := lo; j < len(s.names) && s.names[j].sent == nm.sent; j++ {
				conf[j] = p[s.names[j].start]
			}
		}
		return conf[k]
	}

	// first find every mention to label, from the labels as decoded, then
	// label them
	type mention struct{ sent, start, k, src int }
	var todo []mention
	for i := 0; i < n; i++ {
		d := &s.sents[i]
		for a := 0; a < len(d.ws); a++ {
			if d.pred[a] != 0 {
				continue
			}
			best, bestK := -1, 0
			var bestConf float32
			keys, nk := [2]string{d.ws[a].key, d.ws[a].stem}, 2
			if keys[1] == "" || keys[1] == keys[0] {
				nk = 1
			}
			for _, key := range keys[:nk] {
				// a key's names are in document order: skip to the window
				cands := s.byFirst[key]
				from := sort.Search(len(cands), func(j int) bool { return s.names[cands[j]].sent >= i-window })
				for _, k32 := range cands[from:] {
					k := int(k32)
					nm := s.names[k]
					if nm.sent > i+window {
						break
					}
					size := nm.end - nm.start
					if a+size > len(d.ws) || size < bestK || size == 1 && onWrittenYa(d.ws, a) {
						continue
					}
					sd := &s.sents[nm.sent]
					ok := true
					for j := 0; j < size && ok; j++ {
						ok = d.pred[a+j] == 0 && sameWord(&sd.ws[nm.start+j], &d.ws[a+j], j == 0)
					}
					if !ok {
						continue
					}
					if c := confOf(k); c >= minConf && (size > bestK || c > bestConf) {
						best, bestK, bestConf = k, size, c
					}
				}
			}
			if best >= 0 {
				todo = append(todo, mention{i, a, bestK, best})
				a += bestK - 1
			}
		}
	}
	for _, mt := range todo {
		src := s.names[mt.src]
		setName(s.sents[mt.sent].pred, mt.start, mt.k, src.typ)
		s.copies = append(s.copies, nameCopy{mt.sent, mt.start, src.sent, src.start})
	}
	return len(todo) > 0
}

// onWrittenYa reports whether token a of ws is على ("on") written علي, as
// news often writes it, rather than the name Ali: a word with the article
// follows (علي الأقل, علي الفلسطينيين). One Ali tagged in a text that
// writes على so made every such "on" a person where the pass copied the
// name: ANERcorp's test split with every final ى written ي scored 74.39
// (ner/MODEL.md). A one-word Ali has no definite word after it; علي
// الأحمد is a name of two words, which a one-word name does not cover.
func onWrittenYa(ws []wordInfo, a int) bool {
	return yaForAlefMaqsura[ws[a].key] && a+1 < len(ws) && strings.HasPrefix(ws[a+1].key, "ال")
}

// yaForAlefMaqsura holds the keys of the function words whose final ى
// news often writes ي and that are also names (علي: Ali, or على).
var yaForAlefMaqsura = map[string]bool{arabic.Key("علي"): true, arabic.Key("الي"): true}
