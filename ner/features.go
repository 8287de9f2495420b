package ner

import (
	"strings"

	"github.com/marsad/marsad/arabic"
	"unicode"
	"unicode/utf8"
)

// Feature groups, switchable for ablation experiments. A model records the
// groups it was trained with; inference uses the same.
const (
	FeatWord     = 1 << iota // the word: key, clitic-free stem, stem without ال, proclitics
	FeatContext              // neighbouring words and stems, word bigrams
	FeatAffix                // prefixes and suffixes of the stem
	FeatShape                // script, digits, length, position in sentence
	FeatCluster              // word clusters learned from unlabelled news
	FeatGaz                  // gazetteer words and phrases (places, organisations, person names)
	FeatFirst                // given-name list
	FeatChars                // character trigrams of the stem
	FeatNameLike             // how name-like the stem's letters are (nameModel)
	FeatAll      = FeatWord | FeatContext | FeatAffix | FeatShape | FeatCluster | FeatGaz | FeatFirst | FeatChars | FeatNameLike
)

// FeatureGroupNames names the groups for flags and reports.
var FeatureGroupNames = map[string]int{
	"word": FeatWord, "context": FeatContext, "affix": FeatAffix, "shape": FeatShape,
	"cluster": FeatCluster, "gaz": FeatGaz, "first": FeatFirst, "chars": FeatChars,
	"namelike": FeatNameLike,
}

// wordInfo is the per-token analysis the templates read.
type wordInfo struct {
	key, stem, core, pre string
	shape                byte
	namey                int8     // nameModel bucket of core, -6..6
	lex, slex            lexEntry // lexicon entries of key and of stem
	phraseB, phraseI     uint8    // gazetteer phrase classes beginning / inside here
	tanween              bool     // the word ends in a tanween (دوماً): no name; no feature reads it
}

// Shapes.
const (
	shPunct byte = iota + 1
	shArabic
	shDigits
	shArabicDigits
	shLatinCap
	shLatinLower
	shLatinUpper
	shOther
)

func wordShape(s string) byte {
	if s == "" {
		return shPunct
	}
	var ar, lat, dig, up, other int
	first := true
	firstUp := false
	for _, r := range s {
		switch {
		case isArabicLetter(r):
			ar++
		case r < 0x80 && unicode.IsLetter(r):
			lat++
			if unicode.IsUpper(r) {
				up++
				if first {
					firstUp = true
				}
			}
		case unicode.IsDigit(r):
			dig++
		default:
			other++
		}
		first = false
	}
	switch {
	case ar > 0 && dig > 0:
		return shArabicDigits
	case ar > 0:
		return shArabic
	case dig > 0 && lat == 0:
		return shDigits
	case lat > 0 && up == lat && lat > 1:
		return shLatinUpper
	case lat > 0 && firstUp:
		return shLatinCap
	case lat > 0:
		return shLatinLower
	}
	return shOther
}

// analyze computes the per-word information of one token.
func (lx *lexicon) analyze(tok string) wordInfo {
	var wi wordInfo
	raw := trimPunct(tok)
	wi.key = arabic.Key(raw)
	wi.shape = wordShape(wi.key)
	if wi.key == "" {
		wi.key = arabic.Key(tok)
		return wi
	}
	if wi.shape == shDigits {
		wi.stem, wi.core = "0", "0"
		wi.lex = lx.words["0"]
		wi.slex = wi.lex
		return wi
	}
	wi.lex = lx.words[wi.key]
	wi.stem, wi.core = wi.key, wi.key
	if wi.shape == shArabic {
		wi.pre, wi.stem, wi.core = lx.split(raw, wi.key)
	}
	if wi.stem == wi.key {
		wi.slex = wi.lex
	} else {
		wi.slex = lx.words[wi.stem]
	}
	if wi.shape == shArabic {
		wi.namey = lx.names.bucket(wi.core)
		wi.tanween = arabic.EndsInTanween(raw)
	}
	return wi
}

// split cuts the proclitics off a word (raw: as written, key: its
// arabic.Key). It returns the proclitics other than the article, the stem
// with its article and the stem without it, all as keys.
//
// It trusts arabic.Segment when it splits off the article (بالموصل → ب +
// الموصل, للرقة → ل + الرقة) or when the word is one the clusters corpus
// has seen less often than the stem (لداعش → ل + داعش, وفيصل → و + فيصل).
// Otherwise the word stays whole: arabic.Segment does not know most names
// and would cut فيصل into ف + يصل and بلير into ب + لير. Enclitics stay on:
// names carry none, and the suffix features see them.
func (lx *lexicon) split(raw, key string) (pre, stem, core string) {
	pre, stem = lx.cutProclitics(raw, key)
	return pre, stem, withoutArticle(stem)
}

func withoutArticle(stem string) string {
	if strings.HasPrefix(stem, "ال") && utf8.RuneCountInString(stem) >= 4 {
		return stem[len("ال"):]
	}
	return stem
}

// cutProclitics returns the proclitics (other than the article) that split
// cuts, and the word without them, with its article, as a key.
func (lx *lexicon) cutProclitics(raw, key string) (pre, stem string) {
	seg := arabic.Segment(raw)
	if len(seg.Proclitics) == 0 {
		return "", key
	}
	stem = arabic.Key(seg.Stem + seg.Enclitic)
	if seg.HasArticle() {
		stem = "ال" + stem
	}
	var ps []string
	for _, p := range seg.Proclitics {
		if p != "ال" {
			ps = append(ps, p)
		}
	}
	if len(ps) == 0 {
		return "", key
	}
	if !strings.HasPrefix(stem, "ال") &&
		(lx.words[key].gaz != 0 || lx.words[stem].freq <= lx.words[key].freq) {
		return "", key
	}
	return strings.Join(ps, ""), stem
}

// markPhrases finds the longest gazetteer phrases in a sentence, matching
// the first word by its stem (بالموصل) or key, the others by key.
func (lx *lexicon) markPhrases(ws []wordInfo) {
	if lx.maxLen < 2 {
		return
	}
	var sb strings.Builder
	for i := 0; i < len(ws); {
		best, bestClass := 0, uint8(0)
		for _, first := range [2]string{ws[i].stem, ws[i].key} {
			if first == "" {
				continue
			}
			sb.Reset()
			sb.WriteString(first)
			for j := i + 1; j < len(ws) && j-i < lx.maxLen; j++ {
				sb.WriteByte(' ')
				sb.WriteString(ws[j].key)
				c, ok := lx.phrases[sb.String()]
				if !ok {
					break
				}
				if c != 0 && j+1-i > best {
					best, bestClass = j+1-i, c
				}
			}
		}
		if best == 0 {
			i++
			continue
		}
		ws[i].phraseB |= bestClass
		for j := i + 1; j < i+best; j++ {
			ws[j].phraseI |= bestClass
		}
		i += best
	}
}

// Template ids (one byte each, hashed with the values).
const (
	tBias byte = iota + 1
	tKey
	tStem
	tCore
	tPre
	tKeyM1
	tKeyP1
	tKeyM2
	tKeyP2
	tStemM1
	tStemP1
	tBiM
	tBiP
	tSuf
	tPfx
	tShape
	tShapeCtx
	tLen
	tFirst
	tCl
	tSCl
	tClM1
	tClP1
	tGaz
	tGazM1
	tGazP1
	tPhrase
	tFreq
	tCoreSuf
	tPreCl
	tChar3
	tNameLike
	tNameLikeM1
	tNameLikeP1
)

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

type fhash uint64

func newHash(t byte) fhash { return (fhash(fnvOffset) ^ fhash(t)) * fnvPrime }

func (h fhash) str(s string) fhash {
	for i := 0; i < len(s); i++ {
		h = (h ^ fhash(s[i])) * fnvPrime
	}
	return (h ^ 0xff) * fnvPrime // separator
}

func (h fhash) num(n uint64) fhash {
	for n > 0 {
		h = (h ^ fhash(n&0xff)) * fnvPrime
		n >>= 8
	}
	return (h ^ 0xfe) * fnvPrime
}

func (h fhash) sum() uint32 {
	x := uint64(h)
	x ^= x >> 33
	x *= 0xff51afd7ed558ccd
	x ^= x >> 33
	return uint32(x)
}

// preClusterLevels is how many cluster granularities, the first ones given,
// are also paired with the word's proclitics (the k-means file's three in
// the shipped recipe): fewer features per word, for speed; see MODEL.md
// for what that cost in cross-validation, together with leaving out the
// word's own clusters where they equal its stem's.
const preClusterLevels = 3

var boundary = wordInfo{key: "<s>", stem: "<s>", core: "<s>", shape: 0}

// featurize appends the feature keys of every token of a sentence to dst;
// offs[i]..offs[i+1] delimit token i's keys.
func featurize(groups int, ws []wordInfo, dst []uint32, offs []int32) ([]uint32, []int32) {
	at := func(i int) *wordInfo {
		if i < 0 || i >= len(ws) {
			return &boundary
		}
		return &ws[i]
	}
	offs = append(offs[:0], int32(len(dst)))
	for i := range ws {
		w, m1, p1, m2, p2 := &ws[i], at(i-1), at(i+1), at(i-2), at(i+2)
		dst = append(dst, newHash(tBias).sum())
		if groups&FeatWord != 0 {
			dst = append(dst,
				newHash(tKey).str(w.key).sum(),
				newHash(tStem).str(w.stem).sum(),
				newHash(tCore).str(w.core).sum(),
				newHash(tPre).str(w.pre).sum())
		}
		if groups&FeatContext != 0 {
			dst = append(dst,
				newHash(tKeyM1).str(m1.key).sum(),
				newHash(tKeyP1).str(p1.key).sum(),
				newHash(tKeyM2).str(m2.key).sum(),
				newHash(tKeyP2).str(p2.key).sum(),
				newHash(tStemM1).str(m1.stem).sum(),
				newHash(tStemP1).str(p1.stem).sum(),
				newHash(tBiM).str(m1.stem).str(w.core).sum(),
				newHash(tBiP).str(w.core).str(p1.stem).sum())
		}
		if groups&FeatAffix != 0 && w.shape == shArabic {
			c := w.core
			n := utf8.RuneCountInString(c)
			for k := 1; k <= 3 && k < n; k++ {
				dst = append(dst, newHash(tSuf).num(uint64(k)).str(lastRunes(c, k)).sum())
				dst = append(dst, newHash(tPfx).num(uint64(k)).str(firstRunes(c, k)).sum())
			}
		}
		if groups&FeatChars != 0 && w.shape == shArabic {
			eachTrigram(w.core, func(t [3]rune) {
				dst = append(dst, newHash(tChar3).num(uint64(t[0])).num(uint64(t[1])).num(uint64(t[2])).sum())
			})
		}
		if groups&FeatShape != 0 {
			n := utf8.RuneCountInString(w.core)
			dst = append(dst,
				newHash(tShape).num(uint64(w.shape)).sum(),
				newHash(tShapeCtx).num(uint64(m1.shape)).num(uint64(w.shape)).num(uint64(p1.shape)).sum(),
				newHash(tLen).num(uint64(min(n, 10))).sum(),
				newHash(tFreq).num(uint64(w.slex.freq)).sum())
			if i == 0 {
				dst = append(dst, newHash(tFirst).sum())
			}
		}
		if groups&FeatCluster != 0 {
			for g := 0; g < maxLevels; g++ {
				// the word's own clusters only where they differ from its stem's
				if c := w.lex.cl[g]; c != 0 && w.key != w.stem {
					dst = append(dst, newHash(tCl).num(uint64(g)).num(uint64(c)).sum())
				}
				if c := w.slex.cl[g]; c != 0 {
					dst = append(dst, newHash(tSCl).num(uint64(g)).num(uint64(c)).sum())
					if w.pre != "" && g < preClusterLevels {
						dst = append(dst, newHash(tPreCl).num(uint64(g)).str(w.pre).num(uint64(c)).sum())
					}
				}
				if c := m1.slex.cl[g]; c != 0 {
					dst = append(dst, newHash(tClM1).num(uint64(g)).num(uint64(c)).sum())
				}
				if c := p1.slex.cl[g]; c != 0 {
					dst = append(dst, newHash(tClP1).num(uint64(g)).num(uint64(c)).sum())
				}
			}
		}
		if groups&FeatNameLike != 0 && w.shape == shArabic {
			unseen := uint64(0)
			if w.slex.freq == 0 {
				unseen = 1
			}
			dst = append(dst,
				newHash(tNameLike).num(uint64(w.namey+7)).sum(),
				newHash(tNameLike).num(uint64(w.namey+7)).num(unseen+1).sum())
		}
		var mask uint8
		if groups&FeatGaz != 0 {
			mask |= gazLOC | gazORG | gazPER | gazCountry
		}
		if groups&FeatFirst != 0 {
			mask |= gazFirst
		}
		if mask != 0 {
			g := (w.slex.gaz | w.lex.gaz) & mask
			for b := 0; b < numGaz; b++ {
				if g&(1<<b) != 0 {
					dst = append(dst, newHash(tGaz).num(uint64(b)).sum())
				}
				if (m1.slex.gaz|m1.lex.gaz)&mask&(1<<b) != 0 {
					dst = append(dst, newHash(tGazM1).num(uint64(b)).sum())
				}
				if (p1.slex.gaz|p1.lex.gaz)&mask&(1<<b) != 0 {
					dst = append(dst, newHash(tGazP1).num(uint64(b)).sum())
				}
				if w.phraseB&mask&(1<<b) != 0 {
					dst = append(dst, newHash(tPhrase).num(uint64(b)).num(1).sum())
				}
				if w.phraseI&mask&(1<<b) != 0 {
					dst = append(dst, newHash(tPhrase).num(uint64(b)).num(2).sum())
				}
			}
		}
		offs = append(offs, int32(len(dst)))
	}
	return dst, offs
}

func lastRunes(s string, k int) string {
	i := len(s)
	for ; k > 0 && i > 0; k-- {
		_, n := utf8.DecodeLastRuneInString(s[:i])
		i -= n
	}
	return s[i:]
}

func firstRunes(s string, k int) string {
	i := 0
	for ; k > 0 && i < len(s); k-- {
		_, n := utf8.DecodeRuneInString(s[i:])
		i += n
	}
	return s[:i]
}
