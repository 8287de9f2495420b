package arabic

import (
	"bytes"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Folded is a text in marsad's folded form together with a map back to the
// original. Runes[i] came from the original code points [Start[i], End[i]).
// Several folded runes share one original range when NFKC expands a
// character (the ligature ﻻ gives ل and ا); an original code point that is
// dropped (a diacritic, tatweel, a direction mark) has no folded rune.
//
// Offsets count code points of the original string as Go's []rune(s) does:
// each byte of invalid UTF-8 counts as one code point.
type Folded struct {
	Runes []rune
	Start []int
	End   []int
	// N is the length of the original text in code points.
	N int
}

// Span maps the folded rune range [i, j) to the original code-point range
// it came from. An empty range maps to an empty range at the matching place.
func (f *Folded) Span(i, j int) (start, end int) {
	if i >= j {
		if i < len(f.Runes) {
			return f.Start[i], f.Start[i]
		}
		return f.N, f.N
	}
	return f.Start[i], f.End[j-1]
}

// String returns the folded text.
func (f *Folded) String() string { return string(f.Runes) }

// Fold returns s in marsad's folded form, the first step of every analysis:
//
//   - NFKC (presentation forms and ligatures become plain letters);
//   - tatweel, harakat, tanwin, shadda, sukun, the dagger alef, Quranic
//     annotation marks, zero-width and direction marks (U+200B–U+200F,
//     U+202A–U+202E, U+2066–U+2069, U+061C), BOM and soft hyphen removed;
//   - alef forms أ إ آ ٱ ٲ ٳ unified to ا;
//   - Persian and Urdu letter shapes ک ی ھ ہ mapped to their Arabic letters;
//   - Arabic-Indic and Persian digits mapped to 0–9;
//   - Arabic punctuation mapped to ASCII: ، → , and ؛ → ; and ؟ → ? and
//     ٪ → % and the Arabic decimal and thousands separators ٫ ٬ → . and ,
//
// Letters whose spelling varies by word (ى/ي, ة/ه, hamza carriers) are left
// alone here: Norm and Key decide them per word.
func Fold(s string) *Folded {
	n := utf8.RuneCountInString(s)
	f := &Folded{
		Runes: make([]rune, 0, n),
		Start: make([]int, 0, n),
		End:   make([]int, 0, n),
		N:     n,
	}
	if utf8.ValidString(s) {
		f.foldValid(s, 0)
		return f
	}
	// Invalid bytes each become one U+FFFD (as in []rune(s)); the valid
	// stretches between them fold as usual.
	cp := 0
	for len(s) > 0 {
		i := 0
		for i < len(s) {
			r, w := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && w == 1 {
				break
			}
			i += w
		}
		cp = f.foldValid(s[:i], cp)
		if i < len(s) {
			f.Runes = append(f.Runes, utf8.RuneError)
			f.Start = append(f.Start, cp)
			f.End = append(f.End, cp+1)
			cp++
			i++
		}
		s = s[i:]
	}
	return f
}

// foldValid folds valid UTF-8 text that starts at code point cp and returns
// the code point after it. Characters that NFKC cannot change fold one at a
// time; only segments with other characters (a ligature, a presentation
// form, a Latin letter with an accent) go through the normaliser. Marks
// out of canonical order need no reordering: Fold drops them.
func (f *Folded) foldValid(s string, cp int) int {
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		if nfkcStable(r) {
			next, _ := utf8.DecodeRuneInString(s[i+w:])
			if i+w >= len(s) || !composesWithPrevious(next) {
				if m := foldRune(r); m >= 0 {
					f.Runes = append(f.Runes, m)
					f.Start = append(f.Start, cp)
					f.End = append(f.End, cp+1)
				}
				cp++
				i += w
				continue
			}
		}
		// a character NFKC may change, or a base a mark composes with:
		// normalise the segment that starts here
		n := norm.NFKC.NextBoundaryInString(s[i:], true)
		if n <= 0 {
			n = len(s) - i
		}
		seg := s[i : i+n]
		cp = f.appendSegment(seg, []byte(norm.NFKC.String(seg)), cp)
		i += n
	}
	return cp
}

// nfkcStable reports whether NFKC leaves r alone whatever surrounds it
// (apart from marks that compose with it, see composesWithPrevious): ASCII
// and the Arabic block without its compatibility characters. News text is
// almost all made of these, so Fold rarely calls the normaliser.
func nfkcStable(r rune) bool {
	switch {
	case r < 0x80:
		return true
	case r >= 0x0600 && r <= 0x06FF:
		// the combining hamzas and maddah, and the high-hamza letters
		// that NFKC decomposes
		return !(r >= 0x0653 && r <= 0x0655) && !(r >= 0x0675 && r <= 0x0678)
	}
	return false
}

// composesWithPrevious reports whether r is a mark that NFC may compose
// with the character before it: the Arabic hamzas and maddah (ا + ٔ → أ)
// and any non-Arabic combining mark (e + ́ → é).
func composesWithPrevious(r rune) bool {
	if r < 0x0300 {
		return false
	}
	if r >= 0x0600 && r <= 0x06FF {
		return r >= 0x0653 && r <= 0x0655
	}
	return unicode.Is(unicode.M, r)
}

// appendSegment folds the NFKC output out of the input segment seg, which
// starts at code point cp; every output rune maps to the whole segment. It
// returns the code point after the segment.
func (f *Folded) appendSegment(seg string, out []byte, cp int) int {
	segLen := utf8.RuneCountInString(seg)
	if segLen == 1 && bytes.IndexByte(out, ' ') >= 0 {
		// A ligature of a whole phrase (ﷺ, ﷻ, ﷽) stays one symbol: its
		// words are a formula, not text to analyse.
		out = []byte(seg)
	}
	for len(out) > 0 {
		r, w := utf8.DecodeRune(out)
		out = out[w:]
		if m := foldRune(r); m >= 0 {
			f.Runes = append(f.Runes, m)
			f.Start = append(f.Start, cp)
			f.End = append(f.End, cp+segLen)
		}
	}
	return cp + segLen
}

// FoldString is Fold without the offset map.
func FoldString(s string) string {
	if isPlainFolded(s) {
		return s
	}
	return string(Fold(s).Runes)
}

// isPlainFolded reports whether s is made only of characters that Fold
// leaves unchanged, so that callers can skip the work.
func isPlainFolded(s string) bool {
	for _, r := range s {
		if foldRune(r) != r {
			return false
		}
	}
	return utf8.ValidString(s) && norm.NFKC.IsNormalString(s)
}

// foldRune maps one NFKC code point to its folded form; -1 drops it.
func foldRune(r rune) rune {
	if r < 0x80 {
		return r
	}
	switch {
	case r >= 0x064B && r <= 0x065F, // tanwin, harakat, shadda, sukun, extended marks
		r == 0x0670,                // dagger alef
		r == 0x0640,                // tatweel
		r >= 0x0610 && r <= 0x061A, // honorific and Quranic marks
		r >= 0x06D6 && r <= 0x06DC, // Quranic annotation
		r >= 0x06DF && r <= 0x06E4,
		r == 0x06E7 || r == 0x06E8,
		r >= 0x06EA && r <= 0x06ED,
		r >= 0x08D3 && r <= 0x08FF && r != 0x08E2, // extended Arabic marks
		r >= 0x200B && r <= 0x200F,                // zero-width, LRM, RLM
		r >= 0x202A && r <= 0x202E,                // bidi embeddings
		r >= 0x2060 && r <= 0x2064,                // word joiner, invisible operators
		r >= 0x2066 && r <= 0x2069,                // bidi isolates
		r == 0x061C,                               // Arabic letter mark
		r == 0xFEFF,                               // BOM
		r == 0x00AD,                               // soft hyphen
		r == 0x180E:                               // Mongolian vowel separator
		return -1
	case r == 'أ' || r == 'إ' || r == 'آ' || r == 'ٱ' || r == 0x0672 || r == 0x0673:
		return 'ا'
	case r >= '٠' && r <= '٩':
		return '0' + (r - '٠')
	case r >= '۰' && r <= '۹':
		return '0' + (r - '۰')
	}
	switch r {
	case 'ک':
		return 'ك'
	case 'ی', 'ې':
		return 'ي'
	case 'ھ', 'ہ', 'ە':
		return 'ه'
	case 'ۀ':
		return 'ة'
	case '،':
		return ','
	case '؛':
		return ';'
	case '؟':
		return '?'
	case '٪':
		return '%'
	case '٫':
		return '.'
	case '٬':
		return ','
	case '۔':
		return '.'
	case 0x00A0, 0x2007, 0x202F: // no-break spaces NFKC may leave
		return ' '
	}
	return r
}

// LettersToCP returns the code-point offset in text (a token's original
// text) after its first n letters, a letter being a code point that Fold
// keeps: the marks Fold drops (harakat, tatweel, zero-width characters)
// belong to the letter before them. It turns the letters Segment cuts from
// the front of a word into an offset: بالموصل with ب and ال cut (3) → 3,
// بِالْموصل → 5.
func LettersToCP(text string, n int) int {
	if n <= 0 {
		return 0
	}
	cp, seen := 0, 0
	for _, r := range text {
		if foldRune(r) != -1 {
			if seen == n {
				return cp
			}
			seen++
		}
		cp++
	}
	return cp
}
