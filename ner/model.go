package ner

import (
	"fmt"
	"math"
)

// The label set: BILOU over the ANERcorp types (Begin, Inside, Last, Unit:
// a model that knows where a name ends and which names are one word tags
// better than BIO; Ratinov & Roth 2009). Files, CoNLL input and every
// caller see BIO tags (bioTag).
var labels = [...]string{"O",
	"B-PER", "I-PER", "L-PER", "U-PER",
	"B-LOC", "I-LOC", "L-LOC", "U-LOC",
	"B-ORG", "I-ORG", "L-ORG", "U-ORG",
	"B-MISC", "I-MISC", "L-MISC", "U-MISC"}

const numLabels = len(labels)

var labelIndex = func() map[string]int {
	m := map[string]int{}
	for i, l := range labels {
		m[l] = i
	}
	return m
}()

// bioTag is the BIO tag of each label: L-X is I-X, U-X is B-X.
var bioTag = func() (b [numLabels]string) {
	for i, l := range labels {
		switch l[0] {
		case 'L':
			b[i] = "I" + l[1:]
		case 'U':
			b[i] = "B" + l[1:]
		default:
			b[i] = l
		}
	}
	return b
}()

// open reports whether a label leaves its name open (B-X, I-X): the next
// label must continue it.
func open(l int) bool { return l < numLabels && (labels[l][0] == 'B' || labels[l][0] == 'I') }

// allowed[prev][cur]: I-X and L-X continue an open B-X or I-X; nothing
// else may follow an open label; prev == numLabels is the sentence start.
var allowed = func() (a [numLabels + 1][numLabels]bool) {
	for p := 0; p <= numLabels; p++ {
		for c := 0; c < numLabels; c++ {
			lc := labels[c]
			if lc[0] == 'I' || lc[0] == 'L' {
				a[p][c] = open(p) && labels[p][2:] == lc[2:]
			} else {
				a[p][c] = !open(p)
			}
		}
	}
	return a
}()

// prevOf[c] lists the labels that may come before label c (not the
// sentence start): Viterbi looks only at these.
var prevOf = func() (pl [numLabels][]int8) {
	for c := 0; c < numLabels; c++ {
		for p := 0; p < numLabels; p++ {
			if allowed[p][c] {
				pl[c] = append(pl[c], int8(p))
			}
		}
	}
	return pl
}()

// toBILOU converts a repaired BIO sequence to label ids.
func toBILOU(tags []string) ([]int, error) {
	out := make([]int, len(tags))
	for i, t := range tags {
		if t == "O" {
			continue
		}
		if len(t) < 3 || (t[0] != 'B' && t[0] != 'I') {
			return nil, fmt.Errorf("unknown tag %q", t)
		}
		last := i+1 == len(tags) || tags[i+1] != "I"+t[1:]
		p := t[0]
		switch {
		case p == 'B' && last:
			p = 'U'
		case p == 'I' && last:
			p = 'L'
		}
		l, ok := labelIndex[string(p)+t[1:]]
		if !ok {
			return nil, fmt.Errorf("unknown tag %q", t)
		}
		out[i] = l
	}
	return out, nil
}

// weights are the scores of a linear-chain model: one row of rowLen weights
// per feature, and transition scores. A row holds the weights of labels
// 1…numLabels-1 less the weight of O (label 0): adding the same number to
// every label of a token changes no decision, and 16 float32 are one cache
// line, the one memory access a feature costs when tagging.
type weights struct {
	table ftable
	w     []float32 // row-major, rowLen per row
	trans [numLabels + 1][numLabels]float32
}

// layout renumbers the rows by the table slot of their key, so that when
// tagging, a feature's weights are read at an address known before its key
// has been checked: the two memory accesses a feature costs overlap instead
// of following one another. Empty slots get zero rows (the table is at most
// half full, so the rows take up to twice the room). Every weights that tags
// is laid out: compact and readWeights end with it.
func (m *weights) layout() {
	w := make([]float32, len(m.table.slots)*rowLen)
	slots := make([]uint64, len(m.table.slots)) // a copy: other weights may share the table
	for i, s := range m.table.slots {
		if k := uint32(s >> 32); k != 0 {
			r := int(uint32(s))
			copy(w[i*rowLen:(i+1)*rowLen], m.w[r*rowLen:(r+1)*rowLen])
			slots[i] = uint64(k)<<32 | uint64(i)
		}
	}
	m.table.slots, m.w = slots, w
}

// rowLen is the length of a weight row: every label but O.
const rowLen = numLabels - 1

// setRow stores the weights of one feature's row r, given for every label.
func (m *weights) setRow(r int, full func(l int) float64) {
	o := full(0)
	for l := 1; l < numLabels; l++ {
		m.w[r*rowLen+l-1] = float32(full(l) - o)
	}
}

// ftable maps feature keys to rows with open addressing; key 0 marks an
// empty slot (keys are never 0, see fixKey).
type ftable struct {
	slots []uint64 // key<<32 | row; key 0 marks an empty slot (one memory access per probe)
	mask  uint32
	n     int
}

func fixKey(k uint32) uint32 {
	if k == 0 {
		return 1
	}
	return k
}

func newFtable(n int) ftable {
	size := 16
	for size < 2*n {
		size <<= 1
	}
	return ftable{slots: make([]uint64, size), mask: uint32(size - 1)}
}

// find returns the slot that holds k (a fixed key), or the empty slot where
// it would go.
func (t *ftable) find(k uint32) (uint32, bool) {
	for i := k & t.mask; ; i = (i + 1) & t.mask {
		switch uint32(t.slots[i] >> 32) {
		case k:
			return i, true
		case 0:
			return i, false
		}
	}
}

func (t *ftable) get(k uint32) int32 {
	i, ok := t.find(fixKey(k))
	if !ok {
		return -1
	}
	return int32(uint32(t.slots[i]))
}

// put inserts k with the given row unless present; it returns k's row.
func (t *ftable) put(k uint32, row int32) int32 {
	if 2*(t.n+1) > len(t.slots) {
		t.grow()
	}
	k = fixKey(k)
	i, ok := t.find(k)
	if ok {
		return int32(uint32(t.slots[i]))
	}
	t.slots[i] = uint64(k)<<32 | uint64(uint32(row))
	t.n++
	return row
}

// each calls fn with every key and its row, in slot order.
func (t *ftable) each(fn func(k uint32, row int32)) {
	for _, s := range t.slots {
		if k := uint32(s >> 32); k != 0 {
			fn(k, int32(uint32(s)))
		}
	}
}

func (t *ftable) grow() {
	old := *t
	*t = newFtable(2 * max(old.n, 8))
	old.each(func(k uint32, row int32) { t.put(k, row) })
}

// emissions fills sc (len(offs)-1 rows of numLabels) with the feature scores.
func (m *weights) emissions(keys []uint32, offs []int32, sc []float32) {
	clear(sc[:(len(offs)-1)*numLabels])
	m.addEmissions(keys, offs, sc)
}

// addEmissions adds the feature scores to sc.
func (m *weights) addEmissions(keys []uint32, offs []int32, sc []float32) {
	for t := 0; t+1 < len(offs); t++ {
		row := (*[numLabels]float32)(sc[t*numLabels:])
		for _, k := range keys[offs[t]:offs[t+1]] {
			// rows are numbered by slot (layout): no need to read the row
			if i, ok := m.table.find(fixKey(k)); ok {
				wr := (*[rowLen]float32)(m.w[int(i)*rowLen:])
				for l := range wr {
					row[l+1] += wr[l]
				}
			}
		}
	}
}

// viterbi returns the best label sequence under the BILOU constraints (a
// sentence does not end inside a name).
func (m *weights) viterbi(sc []float32, n int, out []int, back []int8) []int {
	out = out[:0]
	if n == 0 {
		return out
	}
	negInf := float32(math.Inf(-1))
	var prev, cur [numLabels]float32
	for c := 0; c < numLabels; c++ {
		if allowed[numLabels][c] {
			prev[c] = m.trans[numLabels][c] + sc[c]
		} else {
			prev[c] = negInf
		}
	}
	for t := 1; t < n; t++ {
		for c := 0; c < numLabels; c++ {
			best, arg := negInf, -1
			for _, p := range prevOf[c] {
				if prev[p] == negInf {
					continue
				}
				if s := prev[p] + m.trans[p][c]; s > best {
					best, arg = s, int(p)
				}
			}
			if arg < 0 {
				cur[c] = negInf
				back[t*numLabels+c] = 0
				continue
			}
			cur[c] = best + sc[t*numLabels+c]
			back[t*numLabels+c] = int8(arg)
		}
		prev = cur
	}
	best, arg := negInf, 0
	for c := 0; c < numLabels; c++ {
		if prev[c] > best && !open(c) {
			best, arg = prev[c], c
		}
	}
	for range n {
		out = append(out, 0)
	}
	out[n-1] = arg
	for t := n - 1; t > 0; t-- {
		arg = int(back[t*numLabels+arg])
		out[t-1] = arg
	}
	return out
}

// formatVersion is the version of the model file format.
const formatVersion = 2
