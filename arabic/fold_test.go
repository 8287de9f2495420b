package arabic

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestFold(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"harakat and tanwin", "قُتِلَ شخصاً", "قتل شخصا"},
		{"shadda and sukun", "الشَّمْس", "الشمس"},
		{"tatweel", "مـحـمـد", "محمد"},
		{"alef forms", "أحمد إبراهيم آمال ٱلله", "احمد ابراهيم امال الله"},
		{"direction marks and BOM", "\ufeffطريف\u200f\u200e \u061cنص\u200b", "طريف نص"},
		{"bidi isolates", "\u2067الموصل\u2069", "الموصل"},
		{"arabic-indic digits", "٢٠١٥ و١٢٣", "2015 و123"},
		{"persian digits", "۱۳۹۴", "1394"},
		{"arabic punctuation", "نعم، لا؛ لماذا؟ ٥٪ ٣٫٥ ١٬٠٠٠", "نعم, لا; لماذا? 5% 3.5 1,000"},
		{"presentation forms (NFKC)", "ﻻ ﺑﻐﺪﺍﺩ", "لا بغداد"},
		{"persian letter shapes", "کابل ایران", "كابل ايران"},
		{"alef maqsura and ta marbuta stay", "على مدرسة فى", "على مدرسة فى"},
		{"hamza carriers stay", "مسؤول مسئول", "مسؤول مسئول"},
		{"latin untouched", "ISIS al-Qaeda", "ISIS al-Qaeda"},
		{"composition: alef + hamza above", "ا\u0654حمد", "احمد"},
		{"composition: waw + hamza above keys like ؤ", "مسو\u0654ول", "مسؤول"},
		{"composition: latin accent", "cafe\u0301", "caf\u00e9"},
		{"dagger alef", "هٰذا", "هذا"},
		{"quranic marks", "الله\u06d6 ۩", "الله ۩"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := Fold(tt.in)
			if got := f.String(); got != tt.want {
				t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
			}
			checkFolded(t, tt.in, f)
			if got := FoldString(tt.in); got != tt.want {
				t.Errorf("FoldString(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// checkFolded asserts the offset map's invariants: every folded rune maps
// to a non-empty, in-bounds, non-decreasing range of original code points,
// and refolding that range gives back the rune.
func checkFolded(t *testing.T, in string, f *Folded) {
	t.Helper()
	orig := []rune(in)
	if f.N != len(orig) {
		t.Fatalf("N = %d, want %d", f.N, len(orig))
	}
	if len(f.Start) != len(f.Runes) || len(f.End) != len(f.Runes) {
		t.Fatalf("map lengths %d/%d for %d runes", len(f.Start), len(f.End), len(f.Runes))
	}
	prevStart := 0
	for i := range f.Runes {
		s, e := f.Start[i], f.End[i]
		if s < 0 || e > len(orig) || s >= e {
			t.Fatalf("rune %d (%q) maps to bad range [%d,%d) of %d", i, f.Runes[i], s, e, len(orig))
		}
		if s < prevStart {
			t.Fatalf("rune %d starts at %d before the previous start %d", i, s, prevStart)
		}
		prevStart = s
		if !strings.ContainsRune(Fold(string(orig[s:e])).String(), f.Runes[i]) && utf8.ValidString(string(orig[s:e])) {
			t.Fatalf("rune %d %q does not come from %q", i, f.Runes[i], string(orig[s:e]))
		}
	}
}

func TestFoldSpan(t *testing.T) {
	in := "قُتِلَ ١٥ شخصاً فى ﻻ"
	f := Fold(in)
	orig := []rune(in)
	// the folded word "شخصا" maps back to the written word with its tanwin
	fi := strings.Index(f.String(), "شخصا")
	i := len([]rune(f.String()[:fi]))
	s, e := f.Span(i, i+4)
	if got := string(orig[s:e]); got != "شخصا" {
		// the tanwin after the last letter is outside the span: Span maps
		// letters; Tokenize extends words over their trailing marks
		t.Errorf("Span = %q", got)
	}
	// the ligature ﻻ folds to two runes that share its one code point
	n := len(f.Runes)
	if f.Start[n-1] != f.Start[n-2] || f.End[n-1] != len(orig) {
		t.Errorf("ligature map: %v %v", f.Start[n-2:], f.End[n-2:])
	}
	if s, e := f.Span(3, 3); s != e {
		t.Errorf("empty span maps to [%d,%d)", s, e)
	}
	if s, e := f.Span(n, n); s != len(orig) || e != len(orig) {
		t.Errorf("span at end maps to [%d,%d)", s, e)
	}
}

func TestFoldInvalidUTF8(t *testing.T) {
	in := "بغداد\xff\xfeالموصل\xc3"
	f := Fold(in)
	checkFolded(t, in, f)
	if f.N != len([]rune(in)) {
		t.Fatalf("N = %d", f.N)
	}
	if !strings.Contains(f.String(), "بغداد") || !strings.Contains(f.String(), "الموصل") {
		t.Errorf("valid text around bad bytes lost: %q", f.String())
	}
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"", "قُتِلَ شخصاً", "ﻻ ﷺ ﷲ", "\xff\xfe", "a\u0301e\u0300", "٢٠١٥، ١٬٥", "ا\u0654\u0655", strings.Repeat("مـ", 300)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		fo := Fold(in)
		checkFolded(t, in, fo)
		if FoldString(in) != fo.String() {
			t.Fatalf("FoldString and Fold disagree on %q", in)
		}
	})
}

func TestLettersToCP(t *testing.T) {
	tests := []struct {
		text string
		n    int
		want int
	}{
		{"بالموصل", 3, 3},   // ب ال
		{"بِالْموصل", 3, 5}, // the kasra and sukun belong to their letters
		{"وللرقة", 3, 3},
		{"و\u200bبغداد", 1, 2}, // a zero-width space after و belongs to it
		{"بغداد", 0, 0},
		{"بغداد", 9, 5}, // more letters than the word has: its end
	}
	for _, tt := range tests {
		if got := LettersToCP(tt.text, tt.n); got != tt.want {
			t.Errorf("LettersToCP(%q, %d) = %d, want %d", tt.text, tt.n, got, tt.want)
		}
	}
}
