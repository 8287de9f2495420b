package storetest

import (
	"fmt"
	"math/rand"
	"strings"

	"github.com/marsad/marsad/analysis"
)

// Words is a vocabulary for synthetic articles: the team's own words,
// with clitics and inflections so that stems are exercised.
var Words = strings.Fields(`أعلن قال أكد مسؤول وزير مصدر أمني عسكري الشرطة الجيش قوات الأمن هجوم انفجار اشتباك مسلح
مسلحون المسلحين بالمسلحين عبوة ناسفة سيارة مفخخة قتلى جرحى مدنيين عناصر نقطة تفتيش مدينة قرية منطقة محافظة حدود
سوق مسجد مدرسة مستشفى طريق جسر مطار ميناء الموصل بالموصل والموصل للموصل بغداد ببغداد الرياض صنعاء حلب دمشق بنغازي
طرابلس كابول تكريت الفلوجة عدن تعز الحديدة صباح مساء أمس اليوم الأحد الاثنين الخميس الجمعة عملية اعتقال خلية تنظيم
جماعة حركة مقاتلين طائرة غارة غارات قصف صاروخ قذيفة هاون دبابة مدرعة قافلة دورية حاجز معسكر قاعدة بيان تحقيق
محكمة حكم سجن اتفاق هدنة مفاوضات وقف إطلاق النار لاجئين نازحين مساعدات إغاثة منظمة الأمم المتحدة تقرير في من على
إلى عن مع 2015 15 ثلاثة Reuters AFP clashes`)

// Synthetic returns n articles of random words (60 each), ids s00000….
func Synthetic(n int, seed int64) []Doc {
	r := rand.New(rand.NewSource(seed))
	docs := make([]Doc, n)
	for i := range docs {
		w := make([]string, 60)
		for j := range w {
			w[j] = Words[r.Intn(len(Words))]
		}
		d := analysis.Document{ID: fmt.Sprintf("s%05d", i), Text: "خبر " + strings.Join(w, " ") + ".",
			Published: fmt.Sprintf("2015-08-%02d", 1+r.Intn(28)), Source: []string{"a", "b", "c"}[r.Intn(3)]}
		docs[i] = Doc{d, analysis.New(&d)}
	}
	return docs
}

// RandomQueries returns n queries over Words: words, phrases taken from
// the documents, OR, NOT, prefixes and groups.
func RandomQueries(n int, seed int64, docs []Doc) []string {
	r := rand.New(rand.NewSource(seed))
	word := func() string { return Words[r.Intn(len(Words))] }
	phrase := func() string {
		f := strings.Fields(docs[r.Intn(len(docs))].Doc.Text)
		k := 2 + r.Intn(2)
		if len(f) <= k {
			return word()
		}
		i := r.Intn(len(f) - k)
		return `"` + strings.Trim(strings.Join(f[i:i+k], " "), ".") + `"`
	}
	prefix := func() string {
		rs := []rune(strings.TrimPrefix(word(), "ال"))
		return string(rs[:min(len(rs), 2+r.Intn(2))]) + "*"
	}
	var atom func(depth int) string
	atom = func(depth int) string {
		switch k := r.Intn(10); {
		case k < 5:
			return word()
		case k < 7:
			return phrase()
		case k < 8:
			return prefix()
		case depth < 2:
			return "(" + atom(depth+1) + " OR " + atom(depth+1) + ")"
		}
		return word()
	}
	out := make([]string, n)
	for i := range out {
		var parts []string
		for j := 0; j < 1+r.Intn(3); j++ {
			parts = append(parts, atom(0))
		}
		q := strings.Join(parts, []string{" ", " OR ", " AND "}[r.Intn(3)])
		if r.Intn(3) == 0 {
			q += " -" + word()
		}
		out[i] = q
	}
	return out
}
