package arabic

import (
	"slices"
	"testing"
)

func TestNormAndKey(t *testing.T) {
	tests := []struct {
		in, norm, key string
	}{
		{"فى", "في", "في"},
		{"الذى", "الذي", "الذي"},
		{"البغدادى", "البغدادي", "البغدادي"},
		{"على", "على", "على"}, // the preposition keeps its ى: it is not علي
		{"علي", "علي", "علي"},
		{"إلى", "الى", "الى"},
		{"مستشفى", "مستشفي", "مستشفي"},
		{"مدرسة", "مدرسة", "مدرسه"},
		{"مسؤول", "مسؤول", "مسءول"},
		{"مسئول", "مسئول", "مسءول"},
		{"أبو بكر البغدادى", "ابو بكر البغدادي", "ابو بكر البغدادي"},
		{"ISIS", "ISIS", "isis"},
		{"الرقّة", "الرقة", "الرقه"},
		{"", "", ""},
	}
	for _, tt := range tests {
		if got := Norm(tt.in); got != tt.norm {
			t.Errorf("Norm(%q) = %q, want %q", tt.in, got, tt.norm)
		}
		if got := Key(tt.in); got != tt.key {
			t.Errorf("Key(%q) = %q, want %q", tt.in, got, tt.key)
		}
		if got := KeyOfNorm(tt.norm); got != tt.key {
			t.Errorf("KeyOfNorm(%q) = %q, want %q (the Key of %q)", tt.norm, got, tt.key, tt.in)
		}
	}
	// every token's Norm gives the Key of its text
	for _, tk := range Tokenize("قال مسئول فى مدرسة ISIS بالرقّة إن المسؤولين ذهبوا إلى مستشفى Mosul") {
		if got, want := KeyOfNorm(tk.Norm), Key(tk.Text); got != want {
			t.Errorf("token %q: KeyOfNorm(%q) = %q, Key = %q", tk.Text, tk.Norm, got, want)
		}
	}
	// spelling variants meet on their key
	for _, pair := range [][2]string{{"مسؤول", "مسئول"}, {"فى", "في"}, {"اسرائيل", "إسرائيل"}, {"الرقة", "الرقه"}, {"أبها", "ابها"}} {
		if Key(pair[0]) != Key(pair[1]) {
			t.Errorf("Key(%q)=%q != Key(%q)=%q", pair[0], Key(pair[0]), pair[1], Key(pair[1]))
		}
	}
}

func TestLexiconFiles(t *testing.T) {
	l, err := loadLexicon(dataFS)
	if err != nil {
		t.Fatal(err)
	}
	if len(l.pron) < 20 {
		t.Errorf("pronouns: %d", len(l.pron))
	}
	if len(l.names) < 200 || len(l.words) < 300 || len(l.stop) < 200 || len(l.maqsura) < 5 {
		t.Errorf("lexicon too small: %d names, %d words, %d stop words, %d maqsura", len(l.names), len(l.words), len(l.stop), len(l.maqsura))
	}
	// a stop word list that swallowed content words would make them unsearchable
	for _, w := range []string{"قتل", "عام", "ثلاثة", "علي", "مليون", "امس", "داعش"} {
		if l.stop[Key(w)] {
			t.Errorf("%q is a stop word", w)
		}
	}
	for _, w := range []string{"من", "في", "على", "التي", "الذي", "هذا"} {
		if !l.stop[Key(w)] {
			t.Errorf("%q is not a stop word", w)
		}
	}
}

func TestIsCommonNoun(t *testing.T) {
	for w, want := range map[string]bool{
		"ميليشيات": true, "مليشيا": true, "ميليشياتهم": true,
		"الميليشيات": false, // the caller cuts the article
		"ميلانو":     false, "مليحة": false,
	} {
		if got := Lists().CommonNoun(Key(w)); got != want {
			t.Errorf("IsCommonNoun(%s) = %v, want %v", w, got, want)
		}
	}
	for _, tt := range []struct {
		words []string
		want  bool
	}{
		{[]string{"حسن", "الجوار"}, true},
		{[]string{"حسن", "روحاني"}, false},
		{[]string{"حسن"}, false},
	} {
		keys := make([]string, len(tt.words))
		for i, w := range tt.words {
			keys[i] = Key(w)
		}
		if got := Lists().CommonNoun(keys...); got != tt.want {
			t.Errorf("IsCommonNoun(%q) = %v, want %v", tt.words, got, tt.want)
		}
	}
}

func TestEndsInTanween(t *testing.T) {
	for w, want := range map[string]bool{
		"دوماً": true, "دومًا": true, "كتابٌ": true, "بيتٍ": true, "صُنْعًا": true,
		"دوما": false, "سوريا": false, "مصطفى": false, "": false, "ًا": true,
	} {
		if got := EndsInTanween(w); got != want {
			t.Errorf("EndsInTanween(%q) = %v, want %v", w, got, want)
		}
	}
}

// TestKeyLists checks each word list's lookup with words in and out of it,
// in any spelling of alef.
func TestKeyLists(t *testing.T) {
	l := Lists()
	for _, tt := range []struct {
		name  string
		in    func(string) bool
		words map[string]bool
	}{
		{"InstitutionAdjective", l.InstitutionAdjective, map[string]bool{
			"الدولي": true, "التخصصي": true, "الثقافية": true,
			"المصري": false, "القحطاني": false, "الدولة": false}},
		{"NationalityAdjective", l.NationalityAdjective, map[string]bool{
			"أمريكي": true, "اميركي": true, "إيفواري": true, "بوركينابي": true,
			"مصري": false, "القحطاني": false, "أمريكا": false}},
		{"Title", l.Title, map[string]bool{
			"اللواء": true, "السفير": true, "البروفيسور": true, "الصحابي": true, "الملا": true,
			"الغامدي": false, "سفير": false, "المصري": false}},
		{"Pronoun", l.Pronoun, map[string]bool{
			"لي": true, "أنا": true, "انا": true, "بها": true, "هو": true, "لهم": true,
			"علي": false, "لين": false, "ليبيا": false, "هود": false, "بهاء": false, "بيت": false}},
		{"Office", l.Office, map[string]bool{
			"الرئيس": true, "السفير": true, "المدافع": true,
			"الدكتور": false, "اللواء": false, "الشيشاني": false}},
		{"PlacePrefix", l.PlacePrefix, map[string]bool{
			"سان": true, "ليتل": true, "كفر": true,
			"سانتياغو": false, "مدينة": false}},
		{"FrontWord", l.FrontWord, map[string]bool{
			"وزير": true, "لغات": true, "باكرا": true, "كسرت": true,
			"وسوريا": false, "بجدة": false, "لفيف": false}},
	} {
		for w, want := range tt.words {
			if got := tt.in(Key(w)); got != want {
				t.Errorf("%s(%s) = %v, want %v", tt.name, w, got, want)
			}
		}
	}
}

func TestNisbaBases(t *testing.T) {
	for core, want := range map[string]string{
		"كولومبي": "كولومبيا", "ايطالي": "ايطاليا", "ياباني": "اليابان", "سعودي": "السعوديه", "مصري": "مصر", "افغاني": "افغانستان", "اوزبكي": "اوزبكستان",
	} {
		if got := NisbaBases(core); !slices.Contains(got, want) {
			t.Errorf("NisbaBases(%s) = %q, want %s among them", core, got, want)
		}
	}
	for _, core := range []string{"بي", "كولومبيا", ""} {
		if got := NisbaBases(core); got != nil {
			t.Errorf("NisbaBases(%s) = %q, want none", core, got)
		}
	}
}
