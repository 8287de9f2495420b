package arabic

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Norm returns the orthographic normal form of a word or phrase: Fold, then
// a final ى (alef maqsura) written for ي in Egyptian and Sudanese spelling
// (فى، الذى، البغدادى) becomes ي — except in the closed set of words whose
// standard spelling ends in ى and which would otherwise collide with another
// word (على "on" and علي "Ali", إلى and إلي …; see data/maqsura.txt).
//
// Norm is what marsad shows as the normalised form of an entity.
func Norm(s string) string {
	return normWordsWith(lex(), FoldString(s), false)
}

// Key returns the matching key of a word or phrase: Norm, then ة → ه, the
// hamza carriers ؤ and ئ → ء (so that مسؤول and مسئول meet) and Latin
// letters in lower case. Every dictionary lookup in marsad (gazetteer, actor
// aliases, stop words, triggers) compares keys.
func Key(s string) string {
	return normWordsWith(lex(), FoldString(s), true)
}

// normWordsWith applies the word-level rules of Norm (and of Key when key is
// set) to every space-separated word of a folded string.
func normWordsWith(l *lexicon, s string, key bool) string {
	if !needsWordRules(s, key) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	start := 0
	rs := []rune(s)
	for i := 0; i <= len(rs); i++ {
		if i < len(rs) && !isWordBreak(rs[i]) {
			continue
		}
		if start < i {
			writeWord(l, &b, rs[start:i], key)
		}
		if i < len(rs) {
			b.WriteRune(rs[i])
		}
		start = i + 1
	}
	return b.String()
}

func isWordBreak(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '-' || r == '_' || r == '/'
}

func needsWordRules(s string, key bool) bool {
	for _, r := range s {
		switch {
		case r == 'ى':
			return true
		case key && (r == 'ة' || r == 'ؤ' || r == 'ئ' || (r < 0x250 && unicode.IsUpper(r))):
			return true
		case key && r >= 0x250 && unicode.IsUpper(r):
			return true
		}
	}
	return false
}

// writeWord writes one folded word with the word-level rules applied.
func writeWord(l *lexicon, b *strings.Builder, w []rune, key bool) {
	last := len(w) - 1
	keepMaqsura := w[last] == 'ى' && l.maqsura[string(w)]
	for i, r := range w {
		switch {
		case r == 'ى' && !(i == last && keepMaqsura):
			r = 'ي'
		case key:
			r = keyLetter(r)
		}
		b.WriteRune(r)
	}
}

// appendKey appends the UTF-8 Key of one folded word to dst; it is Key for
// hot paths, without string round trips.
func (l *lexicon) appendKey(dst []byte, w []rune) []byte {
	if len(w) == 0 {
		return dst
	}
	last := len(w) - 1
	keepMaqsura := w[last] == 'ى' && l.maqsura[string(w)]
	for i, r := range w {
		switch {
		case r < 0x80:
			if r >= 'A' && r <= 'Z' {
				r += 'a' - 'A'
			}
			dst = append(dst, byte(r))
			continue
		case r == 'ى' && !(i == last && keepMaqsura):
			r = 'ي'
		default:
			r = keyLetter(r)
		}
		dst = utf8.AppendRune(dst, r)
	}
	return dst
}

// KeyOfNorm returns the key of a token from its Norm form (Token.Norm),
// which is what Key gives for the token's text: Norm has
// already folded the letters and settled ى, so only ة → ه, ؤ and ئ → ء and
// lower case remain. Most tokens need none of these and cost nothing.
func KeyOfNorm(norm string) string {
	clean := true
	for i := 0; i < len(norm); i++ {
		c := norm[i]
		if c >= 'A' && c <= 'Z' || c >= 0x80 {
			clean = false
			break
		}
	}
	if clean {
		return norm
	}
	need := false
	for _, r := range norm {
		switch {
		case r == 'ة' || r == 'ؤ' || r == 'ئ':
			need = true
		case r >= 0x600 && r <= 0x6FF: // the Arabic block has no case
		case r < 0x80:
			need = r >= 'A' && r <= 'Z'
		default:
			need = unicode.IsUpper(r)
		}
		if need {
			break
		}
	}
	if !need {
		return norm
	}
	b := make([]byte, 0, len(norm))
	for _, r := range norm {
		b = utf8.AppendRune(b, keyLetter(r))
	}
	return string(b)
}

// keyLetter is what Key does to a letter of a normal form: ة → ه, the
// hamza carriers ؤ ئ → ء, other letters in lower case (the Arabic block has
// no case).
func keyLetter(r rune) rune {
	switch {
	case r == 'ة':
		return 'ه'
	case r == 'ؤ' || r == 'ئ':
		return 'ء'
	case r >= 0x600 && r <= 0x6FF:
		return r
	}
	return unicode.ToLower(r)
}

// EndsInTanween reports whether a word ends in a tanween (ً ٌ ٍ), before or
// after a final alef or alef maqsura, a shadda or a tatweel (دوماً, دومًا,
// كتابٌ): the mark of an indefinite noun, adjective or adverb, which a
// place's name never bears (دوماً is "always", not Douma).
func EndsInTanween(w string) bool {
	for i := len(w); i > 0; {
		r, size := utf8.DecodeLastRuneInString(w[:i])
		switch {
		case r >= 0x064B && r <= 0x064D:
			return true
		case r == 'ا' || r == 'ى' || r == 0x0651 || r == 0x0640:
			i -= size
		default:
			return false
		}
	}
	return false
}

// NisbaBases returns the keys a country's name may have if core, the key
// of a word without proclitics and article, is its nisba adjective: the
// word without its final ي, with ا, يا or the article added, or the
// article and ية, or ستان (كولومبي → كولومبيا, ايطالي → ايطاليا, ياباني
// → اليابان, سعودي → السعوديه, مصري → مصر, افغاني → افغانستان). It
// returns nil for a word that does not end in ي or is shorter than three
// letters.
func NisbaBases(core string) []string {
	s, ok := strings.CutSuffix(core, "ي")
	if !ok || utf8.RuneCountInString(s) < 2 {
		return nil
	}
	return []string{s, s + "ا", s + "يا", "ال" + s, "ال" + s + "يه", s + "ستان"}
}
