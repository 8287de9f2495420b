package ner

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/marsad/marsad/arabic"
)

// This file is the tagger's view of the Arabic text layer (package arabic).
// Every feature and every piece of knowledge baked into the model (clusters,
// name lists) goes through these functions, at training time on CoNLL tokens
// and at inference on arabic.Tokenize tokens, so that the tagger sees
// training text and raw news the same way.

// trimPunct removes leading and trailing punctuation, symbols and marks from
// a token, so that the CoNLL tokens "لأفغانستان؛" and "(د" give their words.
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
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
			break
		}
		end -= n
	}
	return s[start:end]
}

// isArabicLetter reports whether r is a letter of the Arabic block.
func isArabicLetter(r rune) bool {
	return (r >= 0x0621 && r <= 0x064A) || (r >= 0x0671 && r <= 0x06D3)
}

// CorpusWords returns the keys of the words of a line of raw text as the
// cluster corpus is read: arabic.Tokenize, arabic.Key, numbers as "0",
// punctuation and symbols left out.
func CorpusWords(line string) []string {
	toks := arabic.Tokenize(line)
	out := make([]string, 0, len(toks))
	for _, t := range toks {
		switch t.Kind {
		case arabic.Word, arabic.Latin:
			if k := clusterKey(t.Norm); k != "" {
				out = append(out, k)
			}
		case arabic.Number:
			out = append(out, "0")
		}
	}
	return out
}

// clusterKey is the key a word is clustered under: its arabic.Key, or "0"
// for anything with a digit.
func clusterKey(norm string) string {
	k := arabic.Key(trimPunct(norm))
	if strings.ContainsAny(k, "0123456789") {
		return "0"
	}
	return k
}

// phraseWords returns the keys of the words of a gazetteer name.
func phraseWords(name string) []string {
	toks := arabic.Tokenize(name)
	out := make([]string, 0, len(toks))
	for _, t := range toks {
		if t.Kind == arabic.Punct || t.Kind == arabic.Symbol {
			continue
		}
		if k := arabic.Key(t.Norm); k != "" {
			out = append(out, k)
		}
	}
	return out
}
