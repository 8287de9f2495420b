package kb

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/marsad/marsad/arabic"
)

// reading is one way to read the first token of a name: whole, or with
// proclitics split off (وبحلب → حلب, للرقة → الرقة).
type reading struct {
	key    string // key of the token without its proclitics
	clitic string // what was split off, "" for the whole token
	front  bool   // the token is a common word that only looks cut (arabic/data/words.txt): no one-word name
	art    bool   // the article's elided alef was restored (للرقة)
}

// proclitics that may stand before a name, longest first so that وب is
// tried before و. (س, the future marker, never precedes a noun.)
var proclitics = []string{"وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ل", "ك"}

// minStem is the shortest stem, in bytes of its key, left after a
// proclitic is split off: two Arabic letters (إب، قم).
const minStem = 4

// readings returns the readings of t that start some name in ix, the whole
// token first.
func readings(ix *index, t *tok, out []reading) []reading {
	out = out[:0]
	if ix.first[t.key] > 0 {
		out = append(out, reading{key: t.key})
	}
	if !t.word || !startsWithProclitic(t.key) {
		return out
	}
	// whether the token is a common word not to be cut, read only when a
	// reading would be added (most tokens start no name)
	known, isFront := false, false
	front := func(p string) bool {
		if !known {
			known, isFront = true, frontWord(t.key) || frontWithPronoun(t)
		}
		// a common word is not cut for a one-word name: لغات is no ل + غات,
		// وكسرت ("and broke") no و + ك + سرت; وأحد المسارحة is still و + a town
		return isFront || len(p) > len("و") && frontWord(t.key[len("و"):])
	}
	for _, p := range proclitics {
		rest, ok := strings.CutPrefix(t.key, p)
		if !ok || len(rest) < minStem {
			continue
		}
		if ix.first[rest] > 0 {
			out = append(out, reading{key: rest, clitic: p, front: front(p)})
		}
		// ل before the article drops the article's alef: للرقة is ل + الرقة.
		if p[len(p)-len("ل"):] == "ل" && strings.HasPrefix(rest, "ل") && len(rest) > minStem {
			art := "ا" + rest
			if ix.first[art] > 0 {
				out = append(out, reading{key: art, clitic: p, art: true, front: front(p)})
			}
		}
	}
	return out
}

// frontWord reports whether a key is a common word that begins with
// letters like proclitics' and is not to be cut (arabic/data/words.txt).
func frontWord(k string) bool { return arabic.Lists().FrontWord(k) }

// frontWithPronoun reports whether a token is such a word with a pronoun
// after it: بابها is باب + ها ("its door"), not ب + أبها (Abha). A hamza
// written in the token says the cut is meant (بأبها, "in Abha": the key
// drops the hamza).
func frontWithPronoun(t *tok) bool {
	if t.hamza {
		return false
	}
	for _, suf := range pronounSuffixes {
		if rest, ok := strings.CutSuffix(t.key, suf); ok && utf8.RuneCountInString(rest) >= 3 && frontWord(rest) {
			return true
		}
	}
	return false
}

// pronounSuffixes are the keys of the pronouns of two letters or more
// attached to a noun's end (not ه, which is also ة keyed: وجدة is و + جدة),
// longest first.
var pronounSuffixes = []string{"هما", "كما", "هم", "هن", "كم", "كن", "ها", "نا"}

// startsWithProclitic reports whether k begins with و ف ب ل or ك (each two
// bytes in UTF-8: 0xD9 0x88, 0xD9 0x81, 0xD8 0xA8, 0xD9 0x84, 0xD9 0x83).
func startsWithProclitic(k string) bool {
	if len(k) < 2 {
		return false
	}
	switch k[0] {
	case 0xD9:
		return k[1] == 0x88 || k[1] == 0x81 || k[1] == 0x84 || k[1] == 0x83
	case 0xD8:
		return k[1] == 0xA8
	}
	return false
}

// rawMatch is a longest match of index names over tokens [i, j).
type rawMatch struct {
	i, j  int
	key   string // key of the matched name
	cands []rawCand
}

type rawCand struct {
	ref    nameRef
	clitic bool
	cut    uint8 // bytes of proclitics split off the first token
	art    bool  // and the article's alef restored
}

// scan finds the longest matches of ix's names in toks, left to right,
// without overlaps. A name is a run of name tokens not broken by
// punctuation or a line break. A token that as written starts only weak
// names (everyday words) is read with a proclitic cut off only for a
// longer match: كريمة ("decent", and a Sudanese town) is not ك + ريمة, the
// Yemeni province; وجدة is still و + جدة as well as Oujda.
func scan(ix *index, toks []tok) []rawMatch {
	var out []rawMatch
	var rds []reading
	var buf []byte
	var ends [16]int
	for i := 0; i < len(toks); {
		t := &toks[i]
		if !t.name {
			i++
			continue
		}
		rds = readings(ix, t, rds)
		best := 0
		whole := 0 // the length of a weak name the token read whole starts
		var m rawMatch
		for _, rd := range rds {
			maxN := ix.first[rd.key]
			if maxN > len(ends) {
				maxN = len(ends)
			}
			buf = append(buf[:0], rd.key...)
			n := 1
			ends[0] = len(buf)
			for n < maxN && i+n < len(toks) && toks[i+n].name && !toks[i+n].brk {
				buf = append(buf, ' ')
				buf = append(buf, toks[i+n].key...)
				ends[n] = len(buf)
				n++
			}
			for ; n >= 1 && n >= best && n > whole; n-- {
				refs, ok := ix.names[string(buf[:ends[n-1]])]
				if !ok || n == 1 && rd.front {
					continue
				}
				if rd.clitic == "" && allWeak(refs) {
					whole = n
				}
				if n > best {
					best = n
					m = rawMatch{i: i, j: i + n, key: string(buf[:ends[n-1]])}
				}
				for _, r := range refs {
					m.cands = append(m.cands, rawCand{ref: r, clitic: rd.clitic != "", cut: uint8(len(rd.clitic)), art: rd.art})
				}
				break
			}
		}
		if best == 0 {
			i++
			continue
		}
		out = append(out, m)
		i = m.j
	}
	return out
}

// overlaps reports whether token ranges [a, b) and [c, d) overlap.
func overlaps(a, b, c, d int) bool { return a < d && c < b }

// sortCands orders candidates by score, best first; ties by ref for
// stable output.
func sortCands(cs []Candidate) {
	sort.SliceStable(cs, func(i, j int) bool {
		if cs[i].Score != cs[j].Score {
			return cs[i].Score > cs[j].Score
		}
		return cs[i].Place.Ref < cs[j].Place.Ref
	})
}

// allWeak reports whether every name of refs needs support to count.
func allWeak(refs []nameRef) bool {
	for _, r := range refs {
		if r.weak == 0 {
			return false
		}
	}
	return true
}
