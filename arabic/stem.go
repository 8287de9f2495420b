package arabic

// Stem returns the search stem of one word with the default segmenter.
func Stem(word string) string { return Default().Stem(word) }

// Stem returns the search stem of one word: the word without clitics, the
// article and the common inflection suffixes (ات ون ين ة, the accusative
// alef; ية becomes ي), as a Key. Names the segmenter knows are never cut and
// stem to their canonical spelling (سورية and سوريا both stem to سوريا,
// للرقة and الرقة to الرقه). Numbers stem to their ASCII digits without
// separators; other words to their Key.
//
// Stems are search keys, not dictionary forms: what matters is that the
// forms of one word meet (المسلحين، مسلحون، والمسلحين، بالمسلحين → مسلح)
// and that different words stay apart (بغداد stays بغداد, على stays على).
func (sg *Segmenter) Stem(word string) string {
	f := Fold(word)
	raws := scan(f.Runes, nil)
	if len(raws) != 1 {
		return Key(word)
	}
	rt := raws[0]
	hamzaFirst := rt.kind == Word && isHamzaAlef([]rune(word)[f.Start[rt.i]])
	var sc scratch
	stem, _ := sg.stemAppend(&sc, nil, f.Runes[rt.i:rt.j], rt.kind, hamzaFirst)
	return string(stem)
}

func isHamzaAlef(r rune) bool { return r == 'أ' || r == 'إ' || r == 'آ' }

var (
	sufIya = []rune("ية")
	sufAt  = []rune("ات")
	sufUn  = []rune("ون")
	sufIn  = []rune("ين")
	sufWa  = []rune("وا")
)

// stemAppend appends the UTF-8 stem of one folded token to dst and reports
// whether the token is a stop word.
func (sg *Segmenter) stemAppend(sc *scratch, dst []byte, w []rune, kind Kind, hamzaFirst bool) ([]byte, bool) {
	switch kind {
	case Number:
		for _, r := range w {
			if r != ',' {
				dst = append(dst, byte(r))
			}
		}
		return dst, false
	case Word:
	default:
		return sg.l.appendKey(dst, w), false
	}
	sc.ck = cacheKey(sc.ck, w, hamzaFirst)
	if v, ok := sg.cache.get(sc.ck); ok {
		return append(dst, v.stem...), v.stop
	}
	mark := len(dst)
	dst, stop := sg.stemWord(sc, dst, w, hamzaFirst)
	sg.cache.put(sc.ck, cached{stem: string(dst[mark:]), stop: stop})
	return dst, stop
}

// stemWord is stemAppend for an Arabic word, without the cache.
func (sg *Segmenter) stemWord(sc *scratch, dst []byte, w []rune, hamzaFirst bool) ([]byte, bool) {
	l := sg.l
	k := sc.key(l, w)
	if l.stop[string(k)] {
		return append(dst, k...), true
	}
	if canon, ok := sg.names[string(k)]; ok {
		return append(dst, canon...), false
	}
	_, stem, _ := sg.split(sc, w, hamzaFirst)
	k = sc.key(l, stem)
	if canon, ok := sg.names[string(k)]; ok {
		return append(dst, canon...), false
	}
	// Inflection suffixes, read on the folded stem so that ة (a suffix) and
	// ه (a root letter or a pronoun left in place) stay apart.
	cut := len(stem)
	switch {
	case len(stem) >= 5 && hasSuffixRunes(stem, sufIya):
		cut-- // سعودية → سعودي
	case len(stem) >= 5 && (hasSuffixRunes(stem, sufAt) || hasSuffixRunes(stem, sufUn) || hasSuffixRunes(stem, sufIn) || hasSuffixRunes(stem, sufWa)):
		cut -= 2 // هجمات، مسلحون، مسلحين، قتلوا
	case len(stem) >= 4 && (stem[len(stem)-1] == 'ة' || stem[len(stem)-1] == 'ا'):
		cut--
	}
	if cut < len(stem) {
		k = l.appendKey(sc.kb[:0], stem[:cut])
	}
	// an inflected form of a name meets the name (الحوثية, حوثيون → الحوثي)
	if canon, ok := sg.names[string(k)]; ok {
		return append(dst, canon...), false
	}
	sc.ck2 = append(append(sc.ck2[:0], "ال"...), k...)
	if canon, ok := sg.names[string(sc.ck2)]; ok {
		return append(dst, canon...), false
	}
	return append(dst, k...), false
}

// StemTokens returns the stem of every token of toks, which TokensOf cut
// from f (punctuation and symbols get ""). It is Stem for a whole text
// without folding each word again.
func (sg *Segmenter) StemTokens(f *Folded, toks []Token) []string {
	out := make([]string, len(toks))
	var sc scratch
	var buf []byte
	for i := range toks {
		t := &toks[i]
		if t.Kind == Punct || t.Kind == Symbol {
			continue
		}
		if int(t.fj) > len(f.Runes) || t.fi >= t.fj {
			out[i] = sg.Stem(t.Text) // a token from elsewhere
			continue
		}
		buf, _ = sg.stemAppend(&sc, buf[:0], f.Runes[t.fi:t.fj], t.Kind, t.hamza)
		out[i] = string(buf)
	}
	return out
}

// Term is one search term of a text: a stem and where its word is.
type Term struct {
	Stem       string
	Start, End int // code points in the original text
	Pos        int // position among the text's words, stop words counted
}

// Terms returns the search terms of a text with the default segmenter.
func Terms(text string) []Term { return Default().Terms(text) }

// Terms is the search analyser: the text's words, numbers, Latin words and
// URLs as stems, without punctuation and stop words. The search index and
// the query parser both use it, so a query for الموصل finds بالموصل and
// والموصل.
func (sg *Segmenter) Terms(text string) []Term {
	f := Fold(text)
	raws := scan(f.Runes, nil)
	terms := make([]Term, 0, len(raws))
	var raw []rune
	var sc scratch
	var buf []byte
	pos := 0
	for _, rt := range raws {
		if rt.kind == Punct || rt.kind == Symbol {
			continue
		}
		start, end := f.Span(rt.i, rt.j)
		hamzaFirst := false
		if rt.kind == Word && f.Runes[rt.i] == 'ا' {
			if raw == nil {
				raw = []rune(text)
			}
			hamzaFirst = isHamzaAlef(raw[start])
		}
		var stop bool
		buf, stop = sg.stemAppend(&sc, buf[:0], f.Runes[rt.i:rt.j], rt.kind, hamzaFirst)
		if !stop && len(buf) > 0 {
			terms = append(terms, Term{Stem: string(buf), Start: start, End: end, Pos: pos})
		}
		pos++
	}
	return terms
}
