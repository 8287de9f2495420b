package arabic

import (
	"strings"
	"testing"
	"unicode/utf8"
)

type tok struct {
	text string
	kind Kind
	norm string
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []tok
	}{
		{"number glued to a word", "40ألفاً", []tok{{"40", Number, "40"}, {"ألفاً", Word, "الفا"}}},
		{"conjunction glued to a number", "و15 قتيلاً", []tok{{"و", Word, "و"}, {"15", Number, "15"}, {"قتيلاً", Word, "قتيلا"}}},
		{"arabic-indic digits", "عام ٢٠١٥", []tok{{"عام", Word, "عام"}, {"٢٠١٥", Number, "2015"}}},
		{"separators inside numbers", "١٬٥٠٠ و3.5 و1,200.", []tok{{"١٬٥٠٠", Number, "1,500"}, {"و", Word, "و"}, {"3.5", Number, "3.5"}, {"و", Word, "و"}, {"1,200", Number, "1,200"}, {".", Punct, "."}}},
		{"arabic punctuation", "نعم، لا؛ لماذا؟", []tok{{"نعم", Word, "نعم"}, {"،", Punct, ","}, {"لا", Word, "لا"}, {"؛", Punct, ";"}, {"لماذا", Word, "لماذا"}, {"؟", Punct, "?"}}},
		{"latin words and acronyms", "تنظيم ISIS وal-Qaeda F16", []tok{{"تنظيم", Word, "تنظيم"}, {"ISIS", Latin, "ISIS"}, {"و", Word, "و"}, {"al", Latin, "al"}, {"-", Punct, "-"}, {"Qaeda", Latin, "Qaeda"}, {"F16", Latin, "F16"}}},
		{"url", "المصدر: https://example.org/a?b=1. انتهى", []tok{{"المصدر", Word, "المصدر"}, {":", Punct, ":"}, {"https://example.org/a?b=1", URL, "https://example.org/a?b=1"}, {".", Punct, "."}, {"انتهى", Word, "انتهي"}}},
		{"www and email", "www.spa.gov.sa أو info@spa.gov.sa", []tok{{"www.spa.gov.sa", URL, "www.spa.gov.sa"}, {"أو", Word, "او"}, {"info@spa.gov.sa", URL, "info@spa.gov.sa"}}},
		{"tatweel and marks inside a word", "مـحـمَّـد", []tok{{"مـحـمَّـد", Word, "محمد"}}},
		{"direction marks split nothing", "\u200fالموصل\u200f", []tok{{"الموصل", Word, "الموصل"}}},
		{"quotes", "«داعش»", []tok{{"«", Punct, "«"}, {"داعش", Word, "داعش"}, {"»", Punct, "»"}}},
		{"ellipsis", "انتظر...", []tok{{"انتظر", Word, "انتظر"}, {"...", Punct, "..."}}},
		{"egyptian spelling", "فى القاهرة", []tok{{"فى", Word, "في"}, {"القاهرة", Word, "القاهرة"}}},
		{"symbols", "$100", []tok{{"$", Symbol, "$"}, {"100", Number, "100"}}},
		{"acronyms in letter names", "د.ب.أ وإن.بي.سي بي.بي.", []tok{{"د.ب.أ", Word, "د.ب.ا"}, {"وإن.بي.سي", Word, "وان.بي.سي"}, {"بي.بي", Word, "بي.بي"}, {".", Punct, "."}}},
		{"no space after a full stop", "لها.كما د.خالد", []tok{{"لها", Word, "لها"}, {".", Punct, "."}, {"كما", Word, "كما"}, {"د", Word, "د"}, {".", Punct, "."}, {"خالد", Word, "خالد"}}},
		{"empty", "  \n ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			toks := Tokenize(tt.in)
			var got []tok
			for _, k := range toks {
				got = append(got, tok{k.Text, k.Kind, k.Norm})
			}
			if len(got) != len(tt.want) {
				t.Fatalf("Tokenize(%q) = %v, want %v", tt.in, got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("token %d = %+v, want %+v", i, got[i], tt.want[i])
				}
			}
			checkTokens(t, tt.in, toks)
		})
	}
}

// checkTokens asserts that every token's offsets select its text in the
// original and that tokens do not overlap or go backwards.
func checkTokens(t *testing.T, in string, toks []Token) {
	t.Helper()
	orig := []rune(in)
	prevStart, prevEnd := 0, 0
	for i, k := range toks {
		// Tokens overlap only where one code point expands to several
		// (½ gives 1 ⁄ 2): they never go backwards.
		if k.Start < prevStart || k.End < prevEnd {
			t.Fatalf("token %d %q [%d,%d) goes back from [%d,%d)", i, k.Text, k.Start, k.End, prevStart, prevEnd)
		}
		prevStart = k.Start
		if k.Start < 0 || k.End > len(orig) || k.Start >= k.End {
			t.Fatalf("token %d %q has bad span [%d,%d) of %d", i, k.Text, k.Start, k.End, len(orig))
		}
		if got := string(orig[k.Start:k.End]); got != k.Text && utf8.ValidString(in) {
			t.Fatalf("token %d: text %q but span [%d,%d) selects %q", i, k.Text, k.Start, k.End, got)
		}
		if k.Norm == "" {
			t.Fatalf("token %d %q has no norm", i, k.Text)
		}
		prevEnd = k.End
	}
}

func TestTokenOffsetsMixedScripts(t *testing.T) {
	in := "\ufeffقال مسؤول «عراقي» إن 40ألفاً من عناصر ISIS\u200f فرّوا من الموصل ﻻ ﷺ يوم ٢٠١٥/٨/٦، و…"
	checkTokens(t, in, Tokenize(in))
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"arabic and latin punctuation", "قتل عشرة. أصيب خمسة! هل انتهى؟ لا", []string{"قتل عشرة.", "أصيب خمسة!", "هل انتهى؟", "لا"}},
		{"newlines end sentences", "العنوان\n\nقال المتحدث إن الهجوم وقع", []string{"العنوان", "قال المتحدث إن الهجوم وقع"}},
		{"closing quote stays with its sentence", "قال: «انتهى الأمر.» ثم غادر.", []string{"قال: «انتهى الأمر.»", "ثم غادر."}},
		{"abbreviation and decimal", "قال د. محمد إن النسبة 3.5 بالمئة. وأضاف", []string{"قال د. محمد إن النسبة 3.5 بالمئة.", "وأضاف"}},
		{"ellipsis", "ثم… انفجرت السيارة", []string{"ثم…", "انفجرت السيارة"}},
		{"url is not split", "انظر www.spa.gov.sa للمزيد.", []string{"انظر www.spa.gov.sa للمزيد."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			toks := Tokenize(tt.in)
			sents := Sentences(toks)
			orig := []rune(tt.in)
			var got []string
			for _, s := range sents {
				got = append(got, string(orig[s.Start:s.End]))
				if toks[s.First].Start != s.Start || toks[s.Last-1].End != s.End {
					t.Errorf("sentence %q: token range and span disagree", string(orig[s.Start:s.End]))
				}
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("Sentences(%q) =\n %q\nwant\n %q", tt.in, got, tt.want)
			}
		})
	}
}

func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"", "40ألفاً و15", "\xff\xfeبغداد", "https://x.y/ا a@b.c", strings.Repeat("قتل ", 1000), "ﻻ ﷺ\u200f«»", "a\u0301\u0300b", "٣٫٥٪", "د.ب.أ وإن.بي.سي ب.ب. ل.ا"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		toks := Tokenize(in)
		checkTokens(t, in, toks)
		sents := Sentences(toks)
		last := 0
		for _, s := range sents {
			if s.First < last || s.Last <= s.First || s.Last > len(toks) {
				t.Fatalf("bad sentence %+v after %d of %d tokens", s, last, len(toks))
			}
			last = s.Last
		}
		if len(toks) > 0 && last != len(toks) {
			t.Fatalf("sentences cover %d of %d tokens", last, len(toks))
		}
		for _, k := range toks {
			_ = Segment(k.Text)
			_ = Stem(k.Text)
		}
		_ = Terms(in)
	})
}
