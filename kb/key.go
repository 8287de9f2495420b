package kb

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/marsad/marsad/arabic"
)

// key is the matching key of a name: arabic.Key, under which every
// dictionary of marsad is looked up.
func key(s string) string { return arabic.Key(strings.TrimSpace(s)) }

// keyOfNorm returns the key of a token from its Norm form (arabic.Token's
// Norm), which is what arabic.Key would give for the token's text: Norm has
// already folded the letters and settled ى, so only ة → ه, ؤ and ئ → ء and
// lower case remain. Most tokens need none of these and cost nothing.
func keyOfNorm(norm string) string {
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
		switch {
		case r == 'ة':
			r = 'ه'
		case r == 'ؤ' || r == 'ئ':
			r = 'ء'
		default:
			r = unicode.ToLower(r)
		}
		b = utf8.AppendRune(b, r)
	}
	return string(b)
}
