package ner

import (
	"math/bits"
	"strings"

	"github.com/marsad/marsad/arabic"
)

// Gazetteer classes: a word or phrase may belong to several.
const (
	gazLOC   = 1 << iota // places: towns, countries, regions
	gazORG               // organisations
	gazPER               // person-name tokens
	gazFirst             // given names
	gazCountry
	numGaz = 5
)

// lexEntry is what the model knows about one word key.
type lexEntry struct {
	cl   [maxLevels]uint16 // cluster id + 1 at each granularity; 0 when unknown
	freq uint8             // 1 + log2(count in the clusters corpus); 0 when unseen
	gaz  uint8             // gazetteer classes of the single word
}

// lexicon is the knowledge baked into a model besides its weights: word
// clusters with corpus frequencies, and gazetteer words and phrases.
type lexicon struct {
	words   map[string]lexEntry
	phrases map[string]uint8 // "w1 w2 …" (keys) → classes; prefixes of phrases map to 0
	maxLen  int              // longest phrase in words
	names   nameModel        // how name-like a word's letters are; nil in old models
}

func newLexicon() *lexicon {
	return &lexicon{words: map[string]lexEntry{}, phrases: map[string]uint8{}}
}

func freqBucket(count int) uint8 {
	if count <= 0 {
		return 0
	}
	return uint8(bits.Len(uint(count)))
}

// addCluster records the clusters of a word.
// maxLevels is the most cluster granularities a model keeps per word.
const maxLevels = 8

// addCluster records the clusters of a word at levels from, from+1, …
func (lx *lexicon) addCluster(key string, count int, from int, cl []int32) {
	e := lx.words[key]
	for i, c := range cl {
		if c >= 0 && from+i < maxLevels {
			e.cl[from+i] = uint16(c + 1)
		}
	}
	if count > 0 && e.freq == 0 {
		e.freq = freqBucket(count)
	}
	lx.words[key] = e
}

// addName adds a gazetteer entry of the given classes; a one-word entry marks
// the word, a longer one is also matched as a phrase.
func (lx *lexicon) addName(name string, class uint8) {
	ws := phraseWords(name)
	if len(ws) == 0 {
		return
	}
	if len(ws) == 1 {
		e := lx.words[ws[0]]
		e.gaz |= class
		lx.words[ws[0]] = e
	}
	if len(ws) > 8 {
		return
	}
	lx.maxLen = max(lx.maxLen, len(ws))
	for i := 1; i < len(ws); i++ {
		p := strings.Join(ws[:i], " ")
		if _, ok := lx.phrases[p]; !ok {
			lx.phrases[p] = 0
		}
	}
	p := strings.Join(ws, " ")
	lx.phrases[p] |= class
}

// nationality reports whether core, a word's key without proclitics and
// article, is the adjective of a country the lexicon lists: the country's
// name with its final ا, يا, ية or article taken off and ي put on
// (كولومبي, إيطالي, سعودي, ياباني, مصري); or one of the adjectives that
// no such rule makes (arabic.KeyLists.NationalityAdjective: أمريكي).
func (lx *lexicon) nationality(core string) bool {
	if arabic.Lists().NationalityAdjective(core) {
		return true
	}
	for _, c := range arabic.NisbaBases(core) {
		if lx.words[c].gaz&gazCountry != 0 {
			return true
		}
	}
	return false
}
