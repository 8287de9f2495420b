package ner

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file is the tagger's view of the Arabic text layer. Every feature and
// every piece of knowledge baked into the model (clusters, name lists) goes
// through these functions, at training time and at inference, so that the
// tagger sees training text and raw news the same way.
//
// TEMPORARY: until package arabic lands on main these are local
// implementations of arabic.Norm and arabic.Key; they are to be replaced by
// calls into that package.

// normWord is the orthographic normal form of one word: no diacritics,
// tatweel or invisible marks, أإآٱ→ا, digits in ASCII, Arabic punctuation in
// ASCII, final ى→ي except in a few particles.
func normWord(w string) string {
	var b strings.Builder
	b.Grow(len(w))
	for _, r := range w {
		if r2, keep := foldRune(r); keep {
			b.WriteRune(r2)
		}
	}
	s := b.String()
	if strings.HasSuffix(s, "ى") && !alefMaqsuraKept[s] {
		s = s[:len(s)-len("ى")] + "ي"
	}
	return s
}

// keyWord is the matching key of one word: normWord plus ة→ه, ؤ/ئ→ء and
// Latin lower case. Features, clusters and lists all use it.
func keyWord(w string) string {
	n := normWord(w)
	ascii := true
	for i := 0; i < len(n); i++ {
		if n[i] >= 0x80 || (n[i] >= 'A' && n[i] <= 'Z') {
			ascii = false
			break
		}
	}
	if ascii {
		return n
	}
	var b strings.Builder
	b.Grow(len(n))
	for _, r := range n {
		switch r {
		case 'ة':
			r = 'ه'
		case 'ؤ', 'ئ':
			r = 'ء'
		default:
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// alefMaqsuraKept lists words whose final ى is part of the standard spelling
// of a particle; Norm keeps them apart from the names that end in ي (على/علي).
var alefMaqsuraKept = map[string]bool{
	"على": true, "الى": true, "حتى": true, "متى": true, "لدى": true, "سوى": true,
}

// foldRune maps one rune to its folded form; keep is false for runes that
// disappear (diacritics, tatweel, invisible marks).
func foldRune(r rune) (rune, bool) {
	switch {
	case r >= 0x064B && r <= 0x065F, r == 0x0670, r >= 0x06D6 && r <= 0x06ED:
		return 0, false // harakat, Quranic marks
	case r == 0x0640: // tatweel
		return 0, false
	case r >= 0x200B && r <= 0x200F, r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069, r == 0xFEFF, r == 0x00AD:
		return 0, false
	case r == 'أ', r == 'إ', r == 'آ', r == 'ٱ':
		return 'ا', true
	case r >= 0x0660 && r <= 0x0669:
		return '0' + r - 0x0660, true
	case r >= 0x06F0 && r <= 0x06F9:
		return '0' + r - 0x06F0, true
	case r == '،':
		return ',', true
	case r == '؛':
		return ';', true
	case r == '؟':
		return '?', true
	case r == '٪':
		return '%', true
	case r == 'ک': // Persian kaf
		return 'ك', true
	case r == 'ی', r == 'ې': // Farsi yeh
		return 'ي', true
	}
	return r, true
}

// isArabicLetter reports whether r is a letter of the Arabic block.
func isArabicLetter(r rune) bool {
	return (r >= 0x0621 && r <= 0x064A) || (r >= 0x0671 && r <= 0x06D3)
}

// trimPunct removes leading and trailing punctuation and symbols from a
// (folded) token, so that "لأفغانستان;" and "(د" give their words.
func trimPunct(s string) string {
	start, end := 0, len(s)
	for start < end {
		r, n := utf8.DecodeRuneInString(s[start:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			break
		}
		start += n
	}
	for end > start {
		r, n := utf8.DecodeLastRuneInString(s[start:end])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			break
		}
		end -= n
	}
	return s[start:end]
}

// token is one token of raw text with its code-point span.
type token struct {
	Text       string
	Start, End int // code points in the original text
}

// tokenize splits raw text into words (runs of letters, digits and combining
// marks, with a decimal point or comma inside a number) and single
// punctuation or symbol tokens. Offsets are code points.
//
// TEMPORARY: stands in for arabic.Tokenize.
func tokenize(s string) []token {
	rs := []rune(s)
	var out []token
	isWord := func(r rune) bool {
		return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) ||
			(r >= 0x200C && r <= 0x200D)
	}
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case unicode.IsSpace(r) || isInvisible(r):
			i++
		case isWord(r):
			j := i + 1
			for j < len(rs) {
				if isWord(rs[j]) {
					j++
					continue
				}
				if (rs[j] == '.' || rs[j] == ',' || rs[j] == '٫') && j+1 < len(rs) &&
					unicode.IsDigit(rs[j-1]) && unicode.IsDigit(rs[j+1]) {
					j += 2
					continue
				}
				break
			}
			out = append(out, token{Text: string(rs[i:j]), Start: i, End: j})
			i = j
		default:
			out = append(out, token{Text: string(rs[i : i+1]), Start: i, End: i + 1})
			i++
		}
	}
	return out
}

func isInvisible(r rune) bool {
	return (r >= 0x200E && r <= 0x200F) || (r >= 0x202A && r <= 0x202E) ||
		(r >= 0x2066 && r <= 0x2069) || r == 0xFEFF || r == 0x200B
}

// CorpusWords returns the matching keys of the words of a line of raw text,
// numbers written as "0"; it is how the cluster corpus is read, and how the
// tagger looks words up in the clusters.
func CorpusWords(line string) []string {
	toks := tokenize(line)
	out := make([]string, 0, len(toks))
	for _, t := range toks {
		k := clusterKey(t.Text)
		if k != "" {
			out = append(out, k)
		}
	}
	return out
}

// clusterKey is the key a word is clustered under: its keyWord with
// surrounding punctuation removed, digits collapsed to one "0"; "" for
// punctuation.
func clusterKey(w string) string {
	k := trimPunct(keyWord(w))
	if k == "" {
		return ""
	}
	for i := 0; i < len(k); i++ {
		if k[i] >= '0' && k[i] <= '9' {
			return "0"
		}
	}
	return k
}
