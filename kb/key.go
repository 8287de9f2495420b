package kb

import (
	"strings"
	"unicode"
)

// key is a stand-in for arabic.Key until the Arabic text layer lands on
// main: drop diacritics, tatweel and invisible marks, unify alef forms,
// final ى → ي, ة → ه, ؤ ئ → ء, Latin lower case, single spaces.
// TODO(kb): delete once arabic.Key is available.
func key(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case r >= 0x064B && r <= 0x065F, r == 0x0670, r == 0x0640, r >= 0x06D6 && r <= 0x06ED,
			r >= 0x200B && r <= 0x200F, r == 0xFEFF, r == 0x061C, r == 0x00AD:
			continue
		case r == 'أ' || r == 'إ' || r == 'آ' || r == 'ٱ':
			r = 'ا'
		case r == 'ى':
			r = 'ي'
		case r == 'ة':
			r = 'ه'
		case r == 'ؤ' || r == 'ئ':
			r = 'ء'
		case unicode.IsSpace(r) || r == '-' || r == '_':
			space = b.Len() > 0
			continue
		default:
			r = unicode.ToLower(r)
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}
