// Package phrase finds known phrases (event triggers, topic terms, …) in a
// tokenised text by their search stems, so that a lexicon entry written
// once (غارة جوية) matches its inflected and clitic forms (بغارات جوية،
// والغارة الجوية).
package phrase

import (
	"slices"
	"strings"

	"github.com/marsad/marsad/arabic"
)

// Matcher holds phrases keyed by the stems of their words.
type Matcher[V any] struct {
	root   node[V]
	maxLen int
}

type node[V any] struct {
	next    map[string]*node[V]
	val     V
	set     bool
	variant bool // set by a spelling variant (AddSpellings), which a phrase of its own replaces
}

// Match is one phrase found: tokens [First, Last) of the text.
type Match[V any] struct {
	First, Last int
	Value       V
}

// Stems returns the stems of a phrase's words as the matcher keys them.
func Stems(seg *arabic.Segmenter, phrase string) []string {
	var out []string
	for _, t := range arabic.Tokenize(phrase) {
		if t.Kind == arabic.Punct || t.Kind == arabic.Symbol {
			continue
		}
		out = append(out, seg.Stem(t.Text))
	}
	return out
}

// AddSpellings adds a phrase given as stems and its value, and the phrase
// as papers that write a final ة as ه spell it (سياره مفخخه, ضربه جويه),
// where its stems differ: the segmenter takes that ه off some words as the
// pronoun "his" (مفخخه stems like مفخخة) and keeps it on others (جويه,
// سياره), whose stems are then other words. A spelling variant never
// replaces a phrase of its own, whichever is added first.
func (m *Matcher[V]) AddSpellings(seg *arabic.Segmenter, phrase string, stems []string, v V) {
	m.Add(stems, v)
	if !strings.Contains(phrase, "ة") {
		return
	}
	words := strings.Fields(phrase)
	for i, w := range words {
		if strings.HasSuffix(w, "ة") {
			words[i] = strings.TrimSuffix(w, "ة") + "ه"
		}
	}
	if vs := Stems(seg, strings.Join(words, " ")); !slices.Equal(vs, stems) {
		if n := m.add(vs); n != nil && (!n.set || n.variant) {
			n.val, n.set, n.variant = v, true, true
		}
	}
}

// Add adds a phrase given as stems (see Stems). A later Add of the same
// stems replaces the value. Empty phrases are ignored.
func (m *Matcher[V]) Add(stems []string, v V) {
	if n := m.add(stems); n != nil {
		n.val, n.set, n.variant = v, true, false
	}
}

// add returns the node of stems, made where needed (nil for no stems).
func (m *Matcher[V]) add(stems []string) *node[V] {
	if len(stems) == 0 {
		return nil
	}
	n := &m.root
	for _, s := range stems {
		if n.next == nil {
			n.next = map[string]*node[V]{}
		}
		c := n.next[s]
		if c == nil {
			c = &node[V]{}
			n.next[s] = c
		}
		n = c
	}
	m.maxLen = max(m.maxLen, len(stems))
	return n
}

// Len reports the longest phrase, in words.
func (m *Matcher[V]) Len() int { return m.maxLen }

// Find returns the phrases in a text's stems (one per token, "" for
// punctuation), longest match first, left to right, without overlaps.
// Phrases do not run across punctuation.
func (m *Matcher[V]) Find(stems []string) []Match[V] {
	var out []Match[V]
	for i := 0; i < len(stems); {
		best := -1
		var val V
		n := &m.root
		for j := i; j < len(stems) && stems[j] != ""; j++ {
			n = n.next[stems[j]]
			if n == nil {
				break
			}
			if n.set {
				best, val = j+1, n.val
			}
		}
		if best > 0 {
			out = append(out, Match[V]{First: i, Last: best, Value: val})
			i = best
			continue
		}
		i++
	}
	return out
}

// Key joins stems for use as a map key.
func Key(stems []string) string { return strings.Join(stems, " ") }
