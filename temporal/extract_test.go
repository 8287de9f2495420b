package temporal_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/marsad/marsad/analysis"
	"github.com/marsad/marsad/temporal"
)

// run analyses one sentence with the temporal stage.
func run(t testing.TB, text, published string) []analysis.Time {
	t.Helper()
	st, err := analysis.NewState(&analysis.Document{ID: "t", Text: text, Published: published})
	if err != nil {
		t.Fatal(err)
	}
	s, err := temporal.NewStage()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Run(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	for _, tm := range st.Out.Times {
		if st.Slice(tm.Start, tm.End) != tm.Text {
			t.Errorf("%q: span %d-%d is %q, text %q", text, tm.Start, tm.End, st.Slice(tm.Start, tm.End), tm.Text)
		}
	}
	return st.Out.Times
}

// runeIndex is the code-point offset of the first occurrence of sub in s.
func runeIndex(s, sub string) int {
	i := strings.Index(s, sub)
	if i < 0 {
		return -1
	}
	return utf8.RuneCountInString(s[:i])
}

// Every sentence below was written by the marsad team for these tests.
// Published is Thursday 6 August 2015 unless a case says otherwise.
var cases = []struct {
	name, in, published string
	want                []string // "text|value|precision"
}{
	// Gregorian month names, four families and variants
	{"egyptian family", "وقع الهجوم في 3 يناير 2015 قرب الحدود.", "", []string{"3 يناير 2015|2015-01-03|day"}},
	{"levantine family", "انسحب المسلحون في 3 كانون الثاني 2015 من البلدة.", "", []string{"3 كانون الثاني 2015|2015-01-03|day"}},
	{"maghreb family", "عقدت الجلسة في 3 جانفي 2015 بالعاصمة.", "", []string{"3 جانفي 2015|2015-01-03|day"}},
	{"moroccan family", "أعلنت الداخلية في 14 غشت 2014 تفكيك خلية، وفي شتنبر 2013 خلية أخرى.", "", []string{"14 غشت 2014|2014-08-14|day", "شتنبر 2013|2013-09|month"}},
	{"moroccan july", "صدر القانون في يوليوز 2012.", "", []string{"يوليوز 2012|2012-07|month"}},
	{"levantine may", "اندلعت الاشتباكات في أيار 2014.", "", []string{"أيار 2014|2014-05|month"}},
	{"paired names", "بدأت الغارات في تموز/يوليو، وتوقفت في أكتوبر/تشرين الأول عام 2002، ثم في مارس (آذار).", "", []string{"تموز/يوليو|2015-07|month", "أكتوبر/تشرين الأول عام 2002|2002-10|month", "مارس (آذار)|2015-03|month"}},
	{"variant spellings", "بين ابريل واغسطس ويوليه.", "", []string{"ابريل|2015-04|month", "اغسطس|2015-08|month", "يوليه|2015-07|month"}},
	{"ambiguous month needs context", "مارس الرئيس مهامه في آب الماضي.", "", []string{"آب الماضي|2014-08|month"}},
	// Hijri
	{"hijri day", "بغداد 25 شوال 1436 هـ الموافق 10 أغسطس 2015 م", "", []string{"25 شوال 1436 هـ|2015-08-10|day", "10 أغسطس 2015 م|2015-08-10|day"}},
	{"hijri numeric", "وقعت الحادثة مساء يوم الثلاثاء الموافق 12 / 10 / 1436هـ قرب المركز.", "", []string{"يوم الثلاثاء الموافق 12 / 10 / 1436هـ|2015-07-28|day"}},
	{"hijri month and year", "صدر القرار في رمضان 1436هـ.", "", []string{"رمضان 1436هـ|2015-06-18/2015-07-16|range"}},
	{"hijri month relative", "غاب منذ شهر رمضان الماضي.", "2015-08-09", []string{"شهر رمضان الماضي|2015-06-18/2015-07-16|range"}},
	{"hijri variants", "يبدأ الحج في 8 ذي الحجة 1436 هـ وينتهي في 13 ذو الحجة 1436.", "", []string{"8 ذي الحجة 1436 هـ|2015-09-21|day", "13 ذو الحجة 1436|2015-09-26|day"}},
	{"hijri year", "ميزانية عام 1436هـ.", "", []string{"عام 1436هـ|2014-10-25/2015-10-13|range"}},
	// every order of day, month and year
	{"day month year", "في 10 أغسطس 2015 بدأ الهجوم.", "", []string{"10 أغسطس 2015|2015-08-10|day"}},
	{"month year", "منذ مارس 2014 لم يقع هجوم.", "", []string{"مارس 2014|2014-03|month"}},
	{"day month", "قتل 49 في 18 مايو.", "", []string{"18 مايو|2015-05-18|day"}},
	{"day month without published", "قتل 49 في 18 مايو.", "-", []string{"18 مايو|--05-18|day"}},
	{"year month day numeric", "بتاريخ 2015-08-06 صدر البيان.", "", []string{"2015-08-06|2015-08-06|day"}},
	{"day month year numeric", "بتاريخ 6/8/2015 صدر البيان.", "", []string{"6/8/2015|2015-08-06|day"}},
	{"weekday and date", "صدر البيان يوم الأربعاء، 5 أغسطس 2015.", "", []string{"يوم الأربعاء، 5 أغسطس 2015|2015-08-05|day"}},
	{"ordinal day", "قتل في السادس من أغسطس 2015، وفي الثامن من الشهر الجاري.", "", []string{"السادس من أغسطس 2015|2015-08-06|day", "الثامن من الشهر الجاري|2015-08-08|day"}},
	{"two days", "تقام المباراتان في 14 و17 أغسطس الحالي.", "", []string{"14|2015-08-14|day", "17 أغسطس الحالي|2015-08-17|day"}},
	{"years", "ولد عام 1994، واعتقل في 2013.", "", []string{"عام 1994|1994|year", "2013|2013|year"}},
	// weekdays
	{"bare weekday", "انفجرت عبوة الثلاثاء في السوق.", "", []string{"الثلاثاء|2015-08-04|day"}},
	{"weekday with yawm", "أعلن الجيش يوم الجمعة مقتل عشرة.", "", []string{"يوم الجمعة|2015-07-31|day"}},
	{"weekday today", "قال الوزير اليوم الخميس إن الهجوم فشل.", "", []string{"اليوم الخميس|2015-08-06|day"}},
	{"weekday last", "فجر نفسه الخميس الماضي.", "", []string{"الخميس الماضي|2015-07-30|day"}},
	{"weekday next", "يلتقي الوفدان الأحد المقبل.", "", []string{"الأحد المقبل|2015-08-09|day"}},
	{"weekday future verb", "سيعقد المجلس جلسته يوم الأحد.", "", []string{"يوم الأحد|2015-08-09|day"}},
	{"last friday", "وقع الانفجار يوم الجمعة الأخيرة.", "", []string{"يوم الجمعة الأخيرة|2015-07-31|day"}},
	// ranges
	{"year range between", "تضاعفت الهجمات بين عامي 2021 و2023.", "", []string{"عامي 2021 و2023|2021/2023|range"}},
	{"year range dash", "الخطة الخمسية 2015 – 2019 أقرت.", "", []string{"2015 – 2019|2015/2019|range"}},
	{"day range", "قتل 88 خلال الفترة من 20 إلى 31 يوليو الماضي.", "2015-08-03", []string{"20 إلى 31 يوليو الماضي|2015-07-20/2015-07-31|range"}},
	{"past years", "وخلال العامين الماضيين كثف المسلحون هجماتهم.", "", []string{"العامين الماضيين|2013-08-06/2015-08-06|range"}},
	// relative expressions
	{"yesterday", "قتل جنديان أمس في كمين.", "", []string{"أمس|2015-08-05|day"}},
	{"today in brackets", "قال المتحدث اليوم (الخميس) إن الطريق فتح.", "", []string{"اليوم (الخميس)|2015-08-06|day"}},
	{"last night", "تعرض المبنى لقصف الليلة الماضية.", "", []string{"الليلة الماضية|2015-08-05|day"}},
	{"last week", "وصل الوفد الأسبوع الماضي.", "", []string{"الأسبوع الماضي|2015-W31|week"}},
	{"last year", "تراجعت الهجمات عن العام الماضي.", "", []string{"العام الماضي|2014|year"}},
	{"months ago", "انشق قبل ثلاثة أشهر عن التنظيم.", "", []string{"قبل ثلاثة أشهر|2015-05|month"}},
	{"two years ago", "اعتقل قبل عامين.", "", []string{"قبل عامين|2013|year"}},
	{"day before yesterday", "قتل أول أمس الثلاثاء ثلاثة.", "", []string{"أول أمس الثلاثاء|2015-08-04|day"}},
	{"tomorrow", "تفتتح القناة غداً.", "", []string{"غداً|2015-08-07|day"}},
	{"this month", "يطرح المزيد هذا الشهر، والباقي الشهر المقبل.", "", []string{"هذا الشهر|2015-08|month", "الشهر المقبل|2015-09|month"}},
	{"start of the week", "صادرت الشرطة أسلحة في مطلع الأسبوع.", "", []string{"مطلع الأسبوع|2015-W32|week"}},
	{"middle of a month", "وفي منتصف تموز/يوليو نقلت الصحف الخبر.", "", []string{"منتصف تموز/يوليو|2015-07|month"}},
	{"relative without published", "قتل جنديان أمس.", "-", []string{"أمس||day"}},
	// not dates
	{"outlet name", "عين اليوم – الرياض: صلاة الجمعة في يوم واحد.", "", nil},
	{"count not year", "شارك 2015 شخصا في السباق.", "", nil},
}

func TestTimes(t *testing.T) {
	for _, c := range cases {
		pub := c.published
		switch pub {
		case "":
			pub = "2015-08-06"
		case "-":
			pub = ""
		}
		got := run(t, c.in, pub)
		var gs []string
		for _, tm := range got {
			gs = append(gs, fmt.Sprintf("%s|%s|%s", tm.Text, tm.Value, tm.Precision))
		}
		if strings.Join(gs, "\n") != strings.Join(c.want, "\n") {
			t.Errorf("%s: %q\n got  %q\n want %q", c.name, c.in, gs, c.want)
			continue
		}
		for i, tm := range got {
			text := strings.SplitN(c.want[i], "|", 2)[0]
			if at := runeIndex(c.in, text); tm.Start != at || tm.End != at+utf8.RuneCountInString(text) {
				t.Errorf("%s: %q at %d-%d, want %d", c.name, text, tm.Start, tm.End, at)
			}
		}
	}
}

func TestHijriConversion(t *testing.T) {
	lx, err := temporal.Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		y, m, d int
		want    string
	}{
		{1436, 10, 1, "2015-07-17"},  // 1 Shawwal 1436 (the gold README's anchor)
		{1436, 9, 1, "2015-06-18"},   // 1 Ramadan 1436
		{1436, 10, 25, "2015-08-10"}, // a wire dateline's pair
		{1300, 1, 1, "1882-11-12"},   // the table's first day
		{1445, 9, 1, "2024-03-11"},   // 1 Ramadan 1445
	} {
		got, ok := lx.HijriToGregorian(c.y, c.m, c.d)
		if !ok || got != c.want {
			t.Errorf("%d-%d-%d: %s %v, want %s", c.y, c.m, c.d, got, ok, c.want)
		}
	}
	// outside the table, the tabular calendar is within two days
	if got, ok := lx.HijriToGregorian(1200, 1, 1); !ok || got < "1785-10-31" || got > "1785-11-04" {
		t.Errorf("1 Muharram 1200: %s %v", got, ok)
	}
	if _, ok := lx.HijriToGregorian(1436, 9, 30); ok {
		t.Error("Ramadan 1436 had 29 days")
	}
}

// Where a date and a name the tagger found overlap: a date inside a
// person's, a place's or an organisation's name is no date; a one-word
// name inside a longer date is no name; a year in a war's name (MISC)
// stays a date. The entities stand for what the tagger said.
func TestNamesAndDates(t *testing.T) {
	tests := []struct {
		name, text  string
		ents        []string // "TYPE text"
		times, kept []string
	}{
		{"a surname that is a weekday", "قال الأمين العام أحمد الخميس إن اللجنة ستجتمع.",
			[]string{"PER أحمد الخميس"}, nil, []string{"PER أحمد الخميس"}},
		{"a city named after a date", "انفجرت عبوة قرب قسم شرطة 6 أكتوبر غرب القاهرة.",
			[]string{"LOC 6 أكتوبر", "LOC القاهرة"}, nil, []string{"LOC 6 أكتوبر", "LOC القاهرة"}},
		{"a month's second name", "وقع الانفجار في أبريل (نيسان) الماضي قرب الحدود.",
			[]string{"ORG نيسان"}, []string{"أبريل (نيسان) الماضي"}, nil},
		{"the month of fasting", "تراجعت الهجمات خلال شهر رمضان في المدينة.",
			[]string{"PER رمضان"}, []string{"شهر رمضان"}, nil},
		{"a Hijri month named alone is no person", "ازدحمت الأسواق في العشر الأواخر من رمضان حيث يكثر التسوق.",
			[]string{"PER رمضان"}, nil, nil},
		{"nor in quotation marks", "يشعر الناس برحيل «رمضان» كل عام.",
			[]string{"PER رمضان"}, nil, nil},
		{"a given name the tagger cut from the surname", "وعبر رمضان الزهراني عن سعادته بالاتفاق.",
			[]string{"PER رمضان"}, nil, []string{"PER رمضان"}},
		{"a person named in full elsewhere", "وأضاف رمضان أن المباراة صعبة، كما قال رمضان صبحي إن الفريق جاهز.",
			[]string{"PER رمضان", "PER رمضان صبحي"}, nil, []string{"PER رمضان", "PER رمضان صبحي"}},
		{"a war named by its year", "خسرت مصر سيناء في حرب 1967 ثم استعادتها.",
			[]string{"LOC مصر", "LOC سيناء", "MISC حرب 1967"}, []string{"1967"}, []string{"LOC مصر", "LOC سيناء", "MISC حرب 1967"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, err := analysis.NewState(&analysis.Document{ID: "t", Text: tt.text, Published: "2015-08-06"})
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range tt.ents {
				typ, text, _ := strings.Cut(e, " ")
				at := runeIndex(tt.text, text)
				st.Out.Entities = append(st.Out.Entities, analysis.Entity{Type: typ, Text: text, Start: at, End: at + utf8.RuneCountInString(text), Norm: text})
			}
			s, err := temporal.NewStage()
			if err != nil {
				t.Fatal(err)
			}
			if err := s.Run(context.Background(), st); err != nil {
				t.Fatal(err)
			}
			var times, kept []string
			for _, tm := range st.Out.Times {
				times = append(times, tm.Text)
			}
			for _, e := range st.Out.Entities {
				kept = append(kept, e.Type+" "+e.Text)
			}
			if fmt.Sprint(times) != fmt.Sprint(tt.times) || fmt.Sprint(kept) != fmt.Sprint(tt.kept) {
				t.Errorf("times %q entities %q, want %q and %q", times, kept, tt.times, tt.kept)
			}
		})
	}
}
