package arabic

import (
	"unicode"
	"unicode/utf8"
)

// Kind is what a token is made of.
type Kind uint8

const (
	Word   Kind = iota + 1 // Arabic letters
	Number                 // digits, any script, with , or . between digits
	Latin                  // letters of another script (Latin, Cyrillic…), digits allowed after the first letter
	Punct                  // one punctuation mark (or a run of dots)
	URL                    // http(s)://…, www.…, or an e-mail address
	Symbol                 // anything else that is not space: $ + = emoji …
)

var kindNames = [...]string{"", "word", "number", "latin", "punct", "url", "symbol"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}

// Token is one token of a text. Start and End are code-point offsets into
// the original text, half-open, so that []rune(text)[Start:End] is Text.
// Norm is the token in orthographic normal form (see Norm); for numbers it
// is the number in ASCII digits.
type Token struct {
	Text  string
	Start int
	End   int
	Norm  string
	Kind  Kind
	// breaks counts the line breaks between the previous token and this one;
	// Sentences uses it.
	breaks uint8
	// fi, fj are the token's runes in the Folded text it was cut from, and
	// hamza whether its first letter was written أ إ آ; StemTokens uses them.
	fi, fj int32
	hamza  bool
}

// LineBreaksBefore reports how many line breaks (up to 255) separate this
// token from the previous one.
func (t Token) LineBreaksBefore() int { return int(t.breaks) }

// rawTok is a token as folded runes, before strings are made.
type rawTok struct {
	i, j   int // folded rune range
	kind   Kind
	breaks uint8
}

// Tokenize splits a text into tokens. Words are split from digits (40ألفاً
// gives 40 and ألفاً, و15 gives و and 15), from Latin letters and from
// punctuation; numbers keep their separators (1,500 and ٣٫٥); URLs and
// e-mail addresses are one token. Diacritics, tatweel and invisible marks
// inside a word do not split it.
func Tokenize(s string) []Token {
	f := Fold(s)
	return TokensOf(s, f)
}

// TokensOf tokenises s given its folded form f (= Fold(s)), for callers
// that need both.
func TokensOf(s string, f *Folded) []Token {
	raws := scan(f.Runes, nil)
	if len(raws) == 0 {
		return nil
	}
	toks := make([]Token, len(raws))
	// byte offsets of original code points, walked forward
	bo := NewByteOffsets(s)
	l := lex()
	var buf []rune
	for n, rt := range raws {
		start, end := f.Span(rt.i, rt.j)
		bs := bo.At(start)
		be := bo.At(end)
		if rt.kind == Word {
			// harakat, tanwin and tatweel after the last letter belong to
			// the word as written (ألفاً); direction marks do not
			for be < len(s) {
				r, w := utf8.DecodeRuneInString(s[be:])
				if !isWordMark(r) {
					break
				}
				be += w
				end++
			}
		}
		t := &toks[n]
		t.Start, t.End, t.Kind, t.breaks = start, end, rt.kind, rt.breaks
		t.Text = s[bs:be]
		t.fi, t.fj = int32(rt.i), int32(rt.j)
		if rt.kind == Word && f.Runes[rt.i] == 'ا' {
			r, _ := utf8.DecodeRuneInString(t.Text)
			t.hamza = isHamzaAlef(r)
		}
		w := f.Runes[rt.i:rt.j]
		switch rt.kind {
		case Word:
			buf = normWordRunes(buf[:0], w, l)
			t.Norm = string(buf)
		case Number:
			t.Norm = string(w)
		default:
			t.Norm = string(w)
		}
	}
	return toks
}

// normWordRunes appends the Norm form of one folded word.
func normWordRunes(dst, w []rune, l *lexicon) []rune {
	last := len(w) - 1
	if w[last] != 'ى' || l.maqsura[string(w)] {
		return append(dst, w...)
	}
	dst = append(dst, w[:last]...)
	return append(dst, 'ي')
}

// ByteOffsets maps code-point offsets of a string to byte offsets, for
// offsets asked in non-decreasing order (it restarts when asked backwards),
// walking the string once.
type ByteOffsets struct {
	s      string
	cp, by int
}

// NewByteOffsets returns the offset map of s.
func NewByteOffsets(s string) *ByteOffsets { return &ByteOffsets{s: s} }

// At returns the byte offset of code point cp (len(s) past its end).
func (b *ByteOffsets) At(cp int) int {
	if cp < b.cp {
		b.cp, b.by = 0, 0
	}
	for b.cp < cp && b.by < len(b.s) {
		_, w := utf8.DecodeRuneInString(b.s[b.by:])
		b.by += w
		b.cp++
	}
	return b.by
}

// isWordMark reports whether r is a mark Fold drops that belongs to the
// letter before it: harakat, tanwin, shadda, sukun, dagger alef, Quranic
// marks and tatweel.
func isWordMark(r rune) bool {
	return r >= 0x064B && r <= 0x065F || r == 0x0670 || r == 0x0640 ||
		r >= 0x0610 && r <= 0x061A || r >= 0x06D6 && r <= 0x06ED
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

func isOtherLetter(r rune) bool {
	return !isArabicLetter(r) && (unicode.IsLetter(r) || unicode.IsMark(r))
}

// scan finds the tokens of a folded text.
func scan(rs []rune, out []rawTok) []rawTok {
	var breaks int
	n := len(rs)
	for i := 0; i < n; {
		r := rs[i]
		if r == '\n' || r == '\u2028' || r == '\u2029' || r == '\u0085' {
			breaks++
			i++
			continue
		}
		if unicode.IsSpace(r) || r == '\r' {
			i++
			continue
		}
		j := i + 1
		var kind Kind
		switch {
		case isArabicLetter(r):
			kind = Word
			for j < n && isArabicLetter(rs[j]) {
				j++
			}
			j = acronymEnd(rs, i, j)
		case isDigit(r):
			kind = Number
			for j < n {
				if isDigit(rs[j]) {
					j++
				} else if (rs[j] == ',' || rs[j] == '.') && j+1 < n && isDigit(rs[j+1]) {
					j += 2
				} else {
					break
				}
			}
		case isOtherLetter(r):
			if k := urlEnd(rs, i); k > i {
				kind, j = URL, k
				break
			}
			kind = Latin
			for j < n && (isOtherLetter(rs[j]) || isDigit(rs[j]) ||
				(rs[j] == '\'' || rs[j] == '’') && j+1 < n && isOtherLetter(rs[j+1])) {
				j++
			}
			if k := emailEnd(rs, i, j); k > j {
				kind, j = URL, k
			}
		case r == '.' || r == '…':
			kind = Punct
			for j < n && rs[j] == '.' && r == '.' {
				j++
			}
		case unicode.IsPunct(r):
			kind = Punct
		default:
			kind = Symbol
		}
		out = append(out, rawTok{i: i, j: j, kind: kind, breaks: uint8(min(breaks, 255))})
		breaks = 0
		i = j
	}
	return out
}

// acronymEnd returns the end of an acronym spelt in Arabic letter names
// joined by dots that starts with the letters rs[i:j] (د.ب.أ, إن.بي.سي,
// أ.ف.ب, بي.بي), or j when there is none: three pieces or more of one to
// three letters, or two of one or two (a no-space typo between two
// words, لها.كما, stays two words). A final dot is left to end a sentence.
func acronymEnd(rs []rune, i, j int) int {
	pieces, longest, k := 1, j-i, j
	for k+1 < len(rs) && rs[k] == '.' && isArabicLetter(rs[k+1]) {
		e := k + 1
		for e < len(rs) && isArabicLetter(rs[e]) {
			e++
		}
		if e-(k+1) > 3 || e < len(rs) && (isWordMark(rs[e]) || isDigit(rs[e])) {
			break
		}
		pieces++
		longest = max(longest, e-(k+1))
		k = e
	}
	if longest > 3 || pieces < 2 || pieces == 2 && longest > 2 {
		return j
	}
	return k
}

// urlEnd returns the end of a URL starting at i (http://, https://, www.),
// or i when there is none. Trailing punctuation is not part of the URL.
func urlEnd(rs []rune, i int) int {
	if !(hasPrefixFold(rs[i:], "http://") || hasPrefixFold(rs[i:], "https://") || hasPrefixFold(rs[i:], "www.")) {
		return i
	}
	j := i
	for j < len(rs) && !unicode.IsSpace(rs[j]) && rs[j] != '"' && rs[j] != '«' && rs[j] != '»' && rs[j] != '<' && rs[j] != '>' {
		j++
	}
	for j > i && isTrailingPunct(rs[j-1]) {
		j--
	}
	return j
}

// emailEnd extends a Latin run [i, j) into an e-mail address when it is
// followed by @domain.tld.
func emailEnd(rs []rune, i, j int) int {
	k := j
	for k < len(rs) && (rs[k] == '.' || rs[k] == '_' || rs[k] == '-' || rs[k] == '+') && k+1 < len(rs) && (isOtherLetter(rs[k+1]) || isDigit(rs[k+1])) {
		k++
		for k < len(rs) && (isOtherLetter(rs[k]) || isDigit(rs[k])) {
			k++
		}
	}
	if k >= len(rs) || rs[k] != '@' {
		return j
	}
	k++
	dots := 0
	start := k
	for k < len(rs) && (isOtherLetter(rs[k]) || isDigit(rs[k]) || rs[k] == '-' || rs[k] == '.' && k+1 < len(rs) && isOtherLetter(rs[k+1])) {
		if rs[k] == '.' {
			dots++
		}
		k++
	}
	if dots == 0 || k == start {
		return j
	}
	return k
}

func isTrailingPunct(r rune) bool {
	switch r {
	case '.', ',', ';', ':', '!', '?', ')', ']', '}', '\'', '’', '”':
		return true
	}
	return false
}

func hasPrefixFold(rs []rune, p string) bool {
	i := 0
	for _, c := range p {
		if i >= len(rs) || unicode.ToLower(rs[i]) != c {
			return false
		}
		i++
	}
	return true
}
