package ner

import (
	"sort"
)

// Document-level (non-local) features for stage 2: how stage 1 tagged the
// other occurrences of a word in nearby sentences, and the stage-1 labels
// around the word itself.

type occ struct {
	sent, pos int32
}

// docIndex lists where each word stem occurs in a document.
type docIndex struct {
	byStem map[string][]occ
}

func (d *docIndex) build(sents []docSent) {
	if d.byStem == nil {
		d.byStem = map[string][]occ{}
	} else {
		clear(d.byStem)
	}
	for si := range sents {
		for pi, w := range sents[si].ws {
			if !docWord(&w) {
				continue
			}
			d.byStem[w.stem] = append(d.byStem[w.stem], occ{int32(si), int32(pi)})
		}
	}
}

// docWord reports whether a token takes part in document features: words
// in Arabic or Latin script.
func docWord(w *wordInfo) bool {
	switch w.shape {
	case shArabic, shLatinCap, shLatinLower, shLatinUpper:
		return true
	}
	return false
}

const (
	tDocType byte = 100 + iota
	tDocFrac
	tDocRole
	tDocNone
	tS1
	tS1M1
	tS1P1
	tS1Pair
)

// types: 0 O, 1 PER, 2 LOC, 3 ORG, 4 MISC: (label id+3)/4
func labelType(l int) int { return (l + 3) / 4 }

// features appends the stage-2 document features of every token of
// sentence si to dst (offs delimits them per token, as in featurize).
func (d *docIndex) features(sents []docSent, si, window int, dst []uint32, offs []int32) ([]uint32, []int32) {
	cur := &sents[si]
	offs = append(offs[:0], int32(len(dst)))
	lo, hi := int32(si-window), int32(si+window)
	for pi := range cur.ws {
		w := &cur.ws[pi]
		lab := cur.pred[pi]
		dst = append(dst, newHash(tS1).num(uint64(lab)+1).sum())
		prev, next := numLabels, numLabels
		if pi > 0 {
			prev = cur.pred[pi-1]
		}
		if pi+1 < len(cur.pred) {
			next = cur.pred[pi+1]
		}
		dst = append(dst,
			newHash(tS1M1).num(uint64(prev)+1).sum(),
			newHash(tS1P1).num(uint64(next)+1).sum(),
			newHash(tS1Pair).num(uint64(prev)+1).num(uint64(lab)+1).num(uint64(next)+1).sum())
		if !docWord(w) {
			offs = append(offs, int32(len(dst)))
			continue
		}
		occs := d.byStem[w.stem]
		start := sort.Search(len(occs), func(i int) bool { return occs[i].sent >= lo })
		var byType [5]int
		var roles [5][3]bool // B single, B of longer, I
		total := 0
		for _, o := range occs[start:] {
			if o.sent > hi {
				break
			}
			if o.sent == int32(si) && o.pos == int32(pi) {
				continue
			}
			total++
			p := sents[o.sent].pred
			l := p[o.pos]
			t := labelType(l)
			byType[t]++
			if t == 0 {
				continue
			}
			switch labels[l][0] {
			case 'I', 'L':
				roles[t][2] = true
			case 'B':
				roles[t][1] = true
			default:
				roles[t][0] = true
			}
		}
		if total == 0 {
			offs = append(offs, int32(len(dst)))
			continue
		}
		any := false
		for t := 1; t < 5; t++ {
			if byType[t] == 0 {
				continue
			}
			any = true
			frac := 4 * byType[t] / (total + 1) // 0..3
			dst = append(dst,
				newHash(tDocType).num(uint64(t)).sum(),
				newHash(tDocFrac).num(uint64(t)).num(uint64(frac)+1).sum())
			for r := 0; r < 3; r++ {
				if roles[t][r] {
					dst = append(dst, newHash(tDocRole).num(uint64(t)).num(uint64(r)+1).sum())
				}
			}
		}
		if !any {
			dst = append(dst, newHash(tDocNone).num(uint64(min(total, 3))).sum())
		}
		offs = append(offs, int32(len(dst)))
	}
	return dst, offs
}
