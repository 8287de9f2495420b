package kb

import (
	"strings"
	"unicode"
)

// tok is a token as the matcher sees it: its code-point span in the
// original text, its Norm form, its key, and whether it is an Arabic word
// (which may carry proclitics).
type tok struct {
	start, end int
	norm       string
	key        string
	word       bool // Arabic letters
	name       bool // may be part of a name: a word, a number or Latin letters
	brk        bool // a line break comes before it
}

// simpleTokens is a stand-in tokenizer until arabic.Tokenize lands: runs
// of letters (with their marks) and runs of digits are tokens, every other
// non-space rune is a punctuation token.
// TODO(kb): delete once arabic.Tokenize is available.
func simpleTokens(text string) []tok {
	var out []tok
	rs := []rune(text)
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case unicode.IsSpace(r) || r >= 0x200B && r <= 0x200F || r == 0xFEFF:
			i++
		case unicode.IsLetter(r):
			j := i + 1
			for j < len(rs) && (unicode.IsLetter(rs[j]) || unicode.IsMark(rs[j]) || rs[j] == 0x0640) {
				j++
			}
			s := string(rs[i:j])
			arabicWord := unicode.Is(unicode.Arabic, r)
			out = append(out, tok{start: i, end: j, norm: s, key: key(s), word: arabicWord, name: true})
			i = j
		case unicode.IsDigit(r):
			j := i + 1
			for j < len(rs) && unicode.IsDigit(rs[j]) {
				j++
			}
			s := string(rs[i:j])
			out = append(out, tok{start: i, end: j, norm: s, key: key(s), name: true})
			i = j
		default:
			out = append(out, tok{start: i, end: i + 1, norm: string(r), key: string(r)})
			i++
		}
	}
	return out
}

// stripArticle returns s without a leading ال.
func stripArticle(s string) (string, bool) { return strings.CutPrefix(s, "ال") }

// tokens tokenizes a text for the matcher.
func tokens(text string) []tok { return simpleTokens(text) }
