package arabic

import (
	"sort"
	"strings"
	"sync"
)

// Segmentation is a word split into its clitics. Proclitics are the
// conjunctions و ف, the prepositions ب ك ل, the future marker س and the
// article ال, in written order; Stem is the rest in Norm form; Enclitic is an
// attached object or possessive pronoun (ه ها هم هما هن كم كما كن نا ني ي).
//
// When the preposition ل meets the article (للرقة، للمسلحين) the article's
// alef is not written; Segment restores it: للرقة gives Proclitics [ل] and
// Stem الرقة (a name keeps its article), للمسلحين gives [ل ال] and مسلحين.
type Segmentation struct {
	Proclitics []string
	Stem       string
	Enclitic   string
}

// Word returns the word without clitics but with its article: بالموصل →
// الموصل, لداعش → داعش, وبالمسلحين → المسلحين, كتابهم → كتاب. It is the
// form marsad shows as an entity's norm.
func (s Segmentation) Word() string {
	for _, p := range s.Proclitics {
		if p == "ال" {
			return "ال" + s.Stem
		}
	}
	return s.Stem
}

// HasArticle reports whether the article ال was split off.
func (s Segmentation) HasArticle() bool {
	for _, p := range s.Proclitics {
		if p == "ال" {
			return true
		}
	}
	return false
}

// A Segmenter splits words into clitics and stems them, protecting the names
// it knows. The zero value is not usable; use NewSegmenter or Default.
type Segmenter struct {
	l     *lexicon
	names map[string]string // key → canonical key: the lexicon's and the caller's
	cache *stemCache
}

var (
	defaultOnce sync.Once
	defaultSeg  *Segmenter
)

// Default returns the segmenter that protects the names in data/names.txt.
func Default() *Segmenter {
	defaultOnce.Do(func() { defaultSeg = NewSegmenter(nil) })
	return defaultSeg
}

// NewSegmenter returns a segmenter that protects, besides the embedded
// names, every name given (in any spelling; each is keyed). Names of several
// words protect each of their words at the front only. The knowledge base
// passes its place and actor names here so that the tagger, the gazetteer
// matcher and the search index cut words the same way.
func NewSegmenter(names []string) *Segmenter {
	l := lex()
	s := &Segmenter{l: l, names: l.names, cache: newStemCache()}
	if len(names) == 0 {
		return s
	}
	// Copy-on-extend so Default's lexicon stays untouched.
	ext := &lexicon{names: make(map[string]string, len(l.names)+len(names)), words: l.words,
		front: make(map[string]bool, len(l.front)), maqsura: l.maqsura, stop: l.stop}
	for k, v := range l.names {
		ext.names[k] = v
	}
	for k, v := range l.front {
		ext.front[k] = v
	}
	keyOf := func(s string) string { return normWordsWith(l, FoldString(s), true) }
	for _, n := range names {
		if strings.TrimSpace(n) == "" || strings.ContainsRune(n, '|') {
			continue
		}
		k := keyOf(strings.TrimSpace(n))
		if _, known := ext.names[k]; known {
			continue
		}
		_ = ext.addName(n, keyOf)
	}
	s.l, s.names = ext, ext.names
	return s
}

// Segment splits a word with the default segmenter.
func Segment(word string) Segmentation { return Default().Segment(word) }

// Segment splits one word (a token's text) into proclitics, stem and
// enclitic. Words that are not Arabic come back whole.
func (sg *Segmenter) Segment(word string) Segmentation {
	f := Fold(word)
	w := f.Runes
	// A word-initial أ إ آ is never the article's alef (ألمانيا، إلغاء، آلاف).
	hamzaFirst := false
	if len(w) > 0 {
		raw := []rune(word)
		switch raw[f.Start[0]] {
		case 'أ', 'إ', 'آ':
			hamzaFirst = true
		}
	}
	var sc scratch
	pre, stem, enc := sg.split(&sc, w, hamzaFirst)
	seg := Segmentation{Stem: Norm(string(stem)), Enclitic: string(enc)}
	if len(pre) > 0 {
		seg.Proclitics = pre
	}
	return seg
}

// prefix is one way a word can begin with proclitics.
type prefix struct {
	surface []rune   // as written (لل for ل + ال)
	parts   []string // the clitics
	article bool     // ends with the article
	elided  bool     // ل + ال written لل: the article's alef is missing
	bareAl  bool     // the article alone, with nothing before it
}

// prefixes lists every proclitic sequence, shortest first.
var prefixes = func() []prefix {
	var ps []prefix
	for _, conj := range []string{"", "و", "ف"} {
		for _, prep := range []string{"", "ب", "ك", "ل", "س"} {
			for _, art := range []bool{false, true} {
				p := prefix{}
				if conj != "" {
					p.parts = append(p.parts, conj)
				}
				if prep != "" {
					p.parts = append(p.parts, prep)
				}
				surface := conj + prep
				if art {
					if prep == "س" {
						continue
					}
					p.parts = append(p.parts, "ال")
					p.article = true
					p.bareAl = conj == "" && prep == ""
					if prep == "ل" {
						surface += "ل"
						p.elided = true
					} else {
						surface += "ال"
					}
				}
				p.surface = []rune(surface)
				if len(p.parts) > 0 {
					ps = append(ps, p)
				}
			}
		}
	}
	sort.SliceStable(ps, func(i, j int) bool { return len(ps[i].surface) < len(ps[j].surface) })
	return ps
}()

// enclitics, longest first.
var enclitics = func() [][]rune {
	var out [][]rune
	for _, e := range []string{"هما", "كما", "هم", "هن", "كم", "كن", "ها", "نا", "ني", "ه", "ي"} {
		out = append(out, []rune(e))
	}
	return out
}()

var al = []rune("ال")

func isArabicLetter(r rune) bool {
	return r >= 0x0621 && r <= 0x064A || r >= 0x0671 && r <= 0x06D3 || r >= 0x06FA && r <= 0x06FF
}

// isProcliticLetter reports whether a word starting with r may carry a
// proclitic at all.
func isProcliticLetter(r rune) bool {
	switch r {
	case 'و', 'ف', 'ب', 'ك', 'ل', 'س', 'ا':
		return true
	}
	return false
}

// scratch holds the buffers one analysis reuses for its dictionary keys,
// so that lookups do not allocate.
type scratch struct {
	kb  []byte
	ck  []byte // cache key
	ck2 []byte
}

// key returns the UTF-8 key of folded runes (valid until the next call).
func (sc *scratch) key(l *lexicon, w []rune) []byte {
	sc.kb = l.appendKey(sc.kb[:0], w)
	return sc.kb
}

// split does the work of Segment on a folded word. It returns the clitics
// and the stem as folded runes (the stem with the article restored when a
// name lost its alef after ل).
func (sg *Segmenter) split(sc *scratch, w []rune, hamzaFirst bool) (pre []string, stem, enc []rune) {
	if len(w) < 3 {
		return nil, w, nil
	}
	for _, r := range w {
		if !isArabicLetter(r) {
			return nil, w, nil
		}
	}
	l := sg.l
	whole := sc.key(l, w)
	if _, ok := sg.names[string(whole)]; ok || l.stop[string(whole)] {
		return nil, w, nil
	}
	if l.words[string(whole)] || l.front[string(whole)] {
		n, enc := sg.splitEnclitic(sc, w, false)
		return nil, w[:n], enc
	}
	// A reading whose rest is a name wins first (بأبها is ب + أبها, not
	// باب + ها), fewest clitics first; then a word marsad knows, with or
	// without a pronoun after it.
	if isProcliticLetter(w[0]) {
		for i := range prefixes {
			p := &prefixes[i]
			rest, ok := p.strip(w)
			if !ok || len(rest) < 2 || hamzaFirst && p.bareAl || p.futureMisplaced(rest) {
				continue
			}
			k := sc.key(l, rest)
			if _, isName := sg.names[string(k)]; isName {
				if p.article {
					// وال + رقة or لل + رقة: the name keeps its article
					return p.parts[:len(p.parts)-1], withArticle(rest), nil
				}
				return p.parts, rest, nil
			}
			if p.elided {
				k = append(append(sc.kb[:0:0], "ال"...), k...)
				if _, isName := sg.names[string(k)]; isName {
					// للرقة: ل + الرقة
					return p.parts[:len(p.parts)-1], withArticle(rest), nil
				}
			}
		}
	}
	if n, enc := sg.knownEnclitic(sc, w); n > 0 {
		return nil, w[:n], enc
	}
	if !isProcliticLetter(w[0]) {
		n, enc := sg.splitEnclitic(sc, w, false)
		return nil, w[:n], enc
	}
	best := -1
	for i := range prefixes {
		p := &prefixes[i]
		rest, ok := p.strip(w)
		if !ok || len(rest) < 2 || hamzaFirst && p.bareAl || p.futureMisplaced(rest) {
			continue
		}
		k := sc.key(l, rest)
		if l.words[string(k)] || l.front[string(k)] {
			n, enc := sg.splitEnclitic(sc, rest, p.article)
			return p.parts, rest[:n], enc
		}
		if !p.article {
			if n, enc := sg.knownEnclitic(sc, rest); n > 0 {
				return p.parts, rest[:n], enc
			}
		}
		// Otherwise remember the longest prefix that leaves a plausible stem.
		if p.plausible(rest) && (best < 0 || len(p.surface) >= len(prefixes[best].surface)) {
			best = i
		}
	}
	if best < 0 {
		n, enc := sg.splitEnclitic(sc, w, false)
		return nil, w[:n], enc
	}
	p := &prefixes[best]
	rest, _ := p.strip(w)
	n, enc := sg.splitEnclitic(sc, rest, p.article)
	return p.parts, rest[:n], enc
}

func withArticle(rest []rune) []rune {
	out := make([]rune, 0, len(rest)+2)
	return append(append(out, al...), rest...)
}

// strip returns the word without the prefix's surface, if it starts with it.
func (p *prefix) strip(w []rune) ([]rune, bool) {
	if len(w) < len(p.surface) {
		return nil, false
	}
	for i, r := range p.surface {
		if w[i] != r {
			return nil, false
		}
	}
	return w[len(p.surface):], true
}

// futureMisplaced reports whether the prefix ends with the future marker
// س and rest cannot follow it. It stands only before an imperfect verb
// (ي ت ن أ), never before the article or a noun: سالم and سألت (asked) are
// whole words, not س + الم (pain), a verb in أل after it (سألتقي) is left
// whole too, and سجدة (a prostration), سمكة (a fish) and سدير are not
// س + the names جدة, مكة and دير.
func (p *prefix) futureMisplaced(rest []rune) bool {
	if p.parts[len(p.parts)-1] != "س" {
		return false
	}
	if len(rest) >= 2 && rest[0] == 'ا' && rest[1] == 'ل' {
		return true
	}
	switch rest[0] {
	case 'ي', 'ت', 'ن', 'ا':
		return false
	}
	return true
}

// plausible reports whether rest can be a stem after this prefix.
func (p *prefix) plausible(rest []rune) bool {
	n := len(rest)
	if p.article {
		return n >= 2
	}
	switch p.parts[len(p.parts)-1] {
	case "س":
		// the future marker only before an imperfect verb: سيقتل، ستعقد، سنعمل،
		// سأعمل
		return n >= 3 && (rest[0] == 'ي' || rest[0] == 'ت' || rest[0] == 'ن' || rest[0] == 'ا')
	case "ك":
		// ك without the article is rare before a noun (كرئيس) and common as a
		// root letter (كبير، كتب): leave it to the word lists
		return false
	}
	// a conjunction or preposition before a stem of three letters or more
	return n >= 3
}

// splitEnclitic returns the length of the stem without its pronoun suffix
// and the suffix (nil when none). Nouns with the article take no pronoun.
func (sg *Segmenter) splitEnclitic(sc *scratch, stem []rune, article bool) (int, []rune) {
	if article || len(stem) < 4 {
		return len(stem), nil
	}
	l := sg.l
	k := sc.key(l, stem)
	if _, ok := sg.names[string(k)]; ok || l.words[string(k)] || l.front[string(k)] || l.stop[string(k)] {
		return len(stem), nil
	}
	for _, er := range enclitics {
		n := len(stem) - len(er)
		if n < 3 || !hasSuffixRunes(stem, er) {
			continue
		}
		before := stem[n-1]
		switch {
		case len(er) == 2 && er[0] == 'ن' && er[1] == 'ا':
			if before == 'ا' { // احيانا، مجانا: adverbs, not "our"
				continue
			}
		case len(er) == 1 && er[0] == 'ه':
			if before == 'ا' || before == 'ي' || before == 'و' && n < 4 { // اتجاه، تنبيه، وجوه
				continue
			}
		case er[len(er)-1] == 'ي':
			// ي is far more often the nisba ending (عراقي، سعودي) than "my":
			// cut it only when what is left is a word marsad knows.
			if !l.words[string(sc.key(l, stem[:n]))] {
				continue
			}
		}
		return n, er
	}
	return len(stem), nil
}

// knownEnclitic reports a reading of w as a word marsad knows followed by
// a pronoun (بلادنا = بلاد + نا): the known word's length and the pronoun,
// or 0 when there is none.
func (sg *Segmenter) knownEnclitic(sc *scratch, w []rune) (int, []rune) {
	for _, er := range enclitics {
		n := len(w) - len(er)
		if n < 2 || !hasSuffixRunes(w, er) || len(er) == 2 && er[0] == 'ن' && er[1] == 'ي' {
			continue // ني follows verbs, and the word lists hold nouns
		}
		if sg.l.words[string(sc.key(sg.l, w[:n]))] {
			return n, er
		}
	}
	return 0, nil
}

func hasSuffixRunes(s, suf []rune) bool {
	if len(suf) > len(s) {
		return false
	}
	off := len(s) - len(suf)
	for i, r := range suf {
		if s[off+i] != r {
			return false
		}
	}
	return true
}

// IsName reports whether the segmenter protects this word or name.
func (sg *Segmenter) IsName(word string) bool {
	_, ok := sg.names[Key(word)]
	return ok
}
