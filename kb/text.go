package kb

import (
	"github.com/marsad/marsad/arabic"
)

// tok is a token as the matcher sees it: its code-point span in the
// original text, its Norm form, its key, and what may be done with it.
type tok struct {
	start, end int // code points
	bstart     int // bytes: the token is text[bstart:bend]
	bend       int
	norm       string
	key        string
	word       bool // Arabic letters: may carry proclitics
	name       bool // may be part of a name: a word, a number or Latin letters
	brk        bool // a line break comes before it: names do not run across
	hamza      bool // the text writes a hamza on an alef of it (أ إ آ), which norm and key drop
}

// fromArabic turns the Arabic text layer's tokens of text into the
// matcher's, with byte offsets.
func fromArabic(text string, ts []arabic.Token) []tok {
	out := make([]tok, len(ts))
	sp := arabic.NewByteOffsets(text)
	for i := range ts {
		t := &ts[i]
		b0, b1 := sp.At(t.Start), sp.At(t.End)
		out[i] = tok{
			start: t.Start, end: t.End, bstart: b0, bend: b1,
			hamza: hamzaAlef(text[b0:b1]),
			norm:  t.Norm, key: arabic.KeyOfNorm(t.Norm),
			word: t.Kind == arabic.Word,
			name: t.Kind == arabic.Word || t.Kind == arabic.Number || t.Kind == arabic.Latin,
			brk:  t.LineBreaksBefore() > 0,
		}
	}
	return out
}

// hamzaAlef reports whether s holds آ, أ or إ (U+0622, U+0623, U+0625:
// 0xD8 0xA2, 0xA3, 0xA5 in UTF-8), byte by byte: it runs on every token.
func hamzaAlef(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		if s[i] == 0xD8 {
			if c := s[i+1]; c == 0xA2 || c == 0xA3 || c == 0xA5 {
				return true
			}
		}
	}
	return false
}

// tokens tokenizes a text for the matcher.
func tokens(text string) []tok { return fromArabic(text, arabic.Tokenize(text)) }

// nameKeys splits a name into the keys of its tokens, exactly as a text
// that contains the name is split, so that the two meet. Punctuation in a
// name (ميانمار (بورما)) is dropped.
func nameKeys(name string) []string {
	ts := arabic.Tokenize(name)
	out := make([]string, 0, len(ts))
	for i := range ts {
		switch ts[i].Kind {
		case arabic.Word, arabic.Number, arabic.Latin:
			out = append(out, arabic.KeyOfNorm(ts[i].Norm))
		}
	}
	return out
}

// textOf returns the text that tokens [i, j) span.
func textOf(text string, toks []tok, i, j int) string {
	b, e := toks[i].bstart, toks[j-1].bend
	if b < 0 || e > len(text) || b > e {
		return ""
	}
	return text[b:e]
}
