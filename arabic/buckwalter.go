package arabic

import "strings"

// Buckwalter transliteration, the ASCII lingua franca of Arabic NLP
// debugging (Tim Buckwalter's table as used by the Penn Arabic Treebank).
// ToBuckwalter maps Arabic letters and diacritics to ASCII and leaves every
// other character as it is; FromBuckwalter maps back. Text that contains
// no ASCII letters round-trips exactly: FromBuckwalter(ToBuckwalter(s)) == s.
var bwPairs = []struct {
	ar rune
	bw byte
}{
	{'ء', '\''}, {'آ', '|'}, {'أ', '>'}, {'ؤ', '&'}, {'إ', '<'}, {'ئ', '}'}, {'ا', 'A'},
	{'ب', 'b'}, {'ة', 'p'}, {'ت', 't'}, {'ث', 'v'}, {'ج', 'j'}, {'ح', 'H'}, {'خ', 'x'},
	{'د', 'd'}, {'ذ', '*'}, {'ر', 'r'}, {'ز', 'z'}, {'س', 's'}, {'ش', '$'}, {'ص', 'S'},
	{'ض', 'D'}, {'ط', 'T'}, {'ظ', 'Z'}, {'ع', 'E'}, {'غ', 'g'}, {'ـ', '_'}, {'ف', 'f'},
	{'ق', 'q'}, {'ك', 'k'}, {'ل', 'l'}, {'م', 'm'}, {'ن', 'n'}, {'ه', 'h'}, {'و', 'w'},
	{'ى', 'Y'}, {'ي', 'y'}, {'ً', 'F'}, {'ٌ', 'N'}, {'ٍ', 'K'}, {'َ', 'a'}, {'ُ', 'u'},
	{'ِ', 'i'}, {'ّ', '~'}, {'ْ', 'o'}, {'ٰ', '`'}, {'ٱ', '{'},
	// extended letters of the Arabic script used for foreign sounds
	{'پ', 'P'}, {'چ', 'J'}, {'ڤ', 'V'}, {'گ', 'G'},
}

var (
	toBW   = map[rune]byte{}
	fromBW [128]rune
)

func init() {
	for _, p := range bwPairs {
		toBW[p.ar] = p.bw
		fromBW[p.bw] = p.ar
	}
}

// ToBuckwalter transliterates Arabic script to Buckwalter ASCII.
func ToBuckwalter(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if c, ok := toBW[r]; ok {
			b.WriteByte(c)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// FromBuckwalter transliterates Buckwalter ASCII back to Arabic script.
// Characters outside the table (digits, spaces, punctuation other than the
// table's own) are kept.
func FromBuckwalter(s string) string {
	var b strings.Builder
	b.Grow(len(s) * 2)
	for _, r := range s {
		if r < 128 && fromBW[r] != 0 {
			b.WriteRune(fromBW[r])
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}
