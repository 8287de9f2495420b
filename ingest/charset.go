package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/encoding/unicode/utf32"
)

// ErrBinary is returned for input that is not text at all.
var ErrBinary = errors.New("binary data, not text")

// Decode turns the bytes of a text file into a string and names the
// charset it found: UTF-8 (a BOM is dropped), UTF-16 and UTF-32 with a BOM,
// or, for bytes that are not UTF-8, the Arabic legacy code pages
// Windows-1256 and ISO-8859-6 when the bytes read as Arabic text in one of
// them. Anything else is an error that says why.
func Decode(b []byte) (text, charset string, err error) {
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		b = b[3:]
		if !utf8.Valid(b) {
			return "", "", fmt.Errorf("starts with a UTF-8 byte order mark but is not valid UTF-8 (first bad byte at offset %d)", badUTF8(b)+3)
		}
		return string(b), "utf-8", nil
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE, 0, 0}):
		return decodeWith(b, utf32.UTF32(utf32.LittleEndian, utf32.ExpectBOM), "utf-32le")
	case bytes.HasPrefix(b, []byte{0, 0, 0xFE, 0xFF}):
		return decodeWith(b, utf32.UTF32(utf32.BigEndian, utf32.ExpectBOM), "utf-32be")
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		return decodeWith(b, xunicode.UTF16(xunicode.LittleEndian, xunicode.ExpectBOM), "utf-16le")
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		return decodeWith(b, xunicode.UTF16(xunicode.BigEndian, xunicode.ExpectBOM), "utf-16be")
	}
	if looksUTF16(b) {
		le := b[0] != 0
		enc := xunicode.UTF16(xunicode.BigEndian, xunicode.IgnoreBOM)
		name := "utf-16be"
		if le {
			enc, name = xunicode.UTF16(xunicode.LittleEndian, xunicode.IgnoreBOM), "utf-16le"
		}
		return decodeWith(b, enc, name)
	}
	if bytes.IndexByte(b, 0) >= 0 || controlRatio(b) > 0.05 {
		return "", "", ErrBinary
	}
	if utf8.Valid(b) {
		return string(b), "utf-8", nil
	}
	// UTF-8 text with a few bad bytes is damaged UTF-8, not a legacy code
	// page (whose Arabic letters, 0xC1–0xFE, almost never form valid UTF-8
	// sequences).
	if good, bad := utf8Runs(b); good > bad {
		return "", "", fmt.Errorf("not valid UTF-8: %d bad byte(s), the first at offset %d", bad, badUTF8(b))
	}
	// Not UTF-8: try the Arabic code pages and keep the one that reads as
	// Arabic text.
	best, bestName, bestScore := "", "", 0.0
	for _, cand := range []struct {
		name string
		cm   *charmap.Charmap
	}{{"windows-1256", charmap.Windows1256}, {"iso-8859-6", charmap.ISO8859_6}} {
		s, err := cand.cm.NewDecoder().String(string(b))
		if err != nil {
			continue
		}
		if sc := arabicScore(s); sc > bestScore {
			best, bestName, bestScore = s, cand.name, sc
		}
	}
	if bestScore >= 0.5 {
		return best, bestName, nil
	}
	return "", "", fmt.Errorf("not valid UTF-8 (first bad byte at offset %d) and not Arabic text in Windows-1256 or ISO-8859-6", badUTF8(b))
}

func decodeWith(b []byte, enc encoding.Encoding, name string) (string, string, error) {
	out, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		return "", "", fmt.Errorf("bad %s: %w", name, err)
	}
	if bytes.ContainsRune(out, utf8.RuneError) {
		return "", "", fmt.Errorf("bad %s: contains undecodable sequences", name)
	}
	return string(bytes.TrimPrefix(out, []byte("\uFEFF"))), name, nil
}

// looksUTF16 spots UTF-16 without a BOM: many NUL bytes, all on one side.
func looksUTF16(b []byte) bool {
	if len(b) < 4 || len(b)%2 != 0 {
		return false
	}
	n := min(len(b), 4096)
	var even, odd int
	for i := 0; i < n; i++ {
		if b[i] == 0 {
			if i%2 == 0 {
				even++
			} else {
				odd++
			}
		}
	}
	half := n / 2
	return (even > half*3/10 && odd == 0) || (odd > half*3/10 && even == 0)
}

func controlRatio(b []byte) float64 {
	n := min(len(b), 8192)
	if n == 0 {
		return 0
	}
	bad := 0
	for _, c := range b[:n] {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
			bad++
		}
	}
	return float64(bad) / float64(n)
}

// arabicScore is the share of Arabic letters among the letters of s, less
// a penalty for characters a code page leaves undefined.
func arabicScore(s string) float64 {
	var ar, letters, bad int
	for _, r := range s {
		switch {
		case r == utf8.RuneError || r == 0x1A:
			bad++
		case unicode.Is(unicode.Arabic, r) && unicode.IsLetter(r):
			ar++
			letters++
		case unicode.IsLetter(r):
			letters++
		}
	}
	if letters == 0 {
		return 0
	}
	return float64(ar)/float64(letters) - 5*float64(bad)/float64(letters)
}

// utf8Runs counts the valid multi-byte UTF-8 sequences and the bytes that
// are not valid UTF-8.
func utf8Runs(b []byte) (good, bad int) {
	for i := 0; i < len(b); {
		r, w := utf8.DecodeRune(b[i:])
		switch {
		case r == utf8.RuneError && w == 1:
			bad++
		case w > 1:
			good++
		}
		i += w
	}
	return good, bad
}

func badUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, w := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && w == 1 {
			return i
		}
		i += w
	}
	return -1
}
