package quantity_test

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/marsad/marsad/analysis"
	"github.com/marsad/marsad/quantity"
	"github.com/marsad/marsad/temporal"
)

// run analyses one text with the temporal and quantity stages, in the
// pipeline's order.
func run(t testing.TB, text string) []analysis.Quantity {
	t.Helper()
	st, err := analysis.NewState(&analysis.Document{ID: "q", Text: text, Published: "2015-08-06"})
	if err != nil {
		t.Fatal(err)
	}
	tm, err := temporal.NewStage()
	if err != nil {
		t.Fatal(err)
	}
	qs, err := quantity.NewStage()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []interface {
		Run(context.Context, *analysis.State) error
	}{tm, qs} {
		if err := s.Run(context.Background(), st); err != nil {
			t.Fatal(err)
		}
	}
	for _, q := range st.Out.Quantities {
		if st.Slice(q.Start, q.End) != q.Text {
			t.Errorf("%q: span %d-%d is %q, text %q", text, q.Start, q.End, st.Slice(q.Start, q.End), q.Text)
		}
	}
	return st.Out.Quantities
}

func runeIndex(s, sub string) int {
	i := strings.Index(s, sub)
	if i < 0 {
		return -1
	}
	return utf8.RuneCountInString(s[:i])
}

// Every sentence below was written by the marsad team for these tests.
var cases = []struct {
	name, in string
	want     []string // "text|value|unit|role"
}{
	// digits
	{"western digits", "قتل 15 شخصاً في الهجوم.", []string{"15 شخصاً|15|person|fatalities"}},
	{"arabic-indic digits", "قتل ١٥ شخصاً في الهجوم.", []string{"١٥ شخصاً|15|person|fatalities"}},
	{"arabic thousands separator", "انتشر ١٬٥٠٠ جندي على الحدود.", []string{"١٬٥٠٠ جندي|1500|person|other"}},
	{"comma thousands", "انتشر 1,500 جندي على الحدود.", []string{"1,500 جندي|1500|person|other"}},
	{"decimal", "بلغت الخسائر 3.5 مليون دولار.", []string{"3.5 مليون دولار|3500000|usd|amount"}},
	{"arabic decimal", "تبعد القرية ٣٫٥ كيلومتر عن الطريق.", []string{"٣٫٥ كيلومتر|3.5|km|other"}},
	{"decimal comma before multiplier", "صفقة بقيمة 37,2 مليار دولار.", []string{"37,2 مليار دولار|37200000000|usd|amount"}},
	// number words: gender, case and spelling
	{"masculine three", "قتل ثلاثة جنود في الكمين.", []string{"ثلاثة جنود|3|person|fatalities"}},
	{"feminine three", "أصيبت ثلاث نساء بجروح.", []string{"ثلاث نساء|3|person|injuries"}},
	{"one after its noun", "مع تبقي عام واحد على الانتخابات.", []string{"عام واحد|1|year|duration"}},
	{"ihda feminine eleven", "أحرقت إحدى عشرة سيارة.", []string{"إحدى عشرة سيارة|11|vehicle|other"}},
	{"ahad masculine eleven", "تمكن أحد عشر وافداً من الفرار.", []string{"أحد عشر وافداً|11|person|other"}},
	{"eight forms", "سجن ثماني سنوات مع ثمانية رجال وثمان نساء.", []string{"ثماني سنوات|8|year|duration", "ثمانية رجال|8|person|other", "ثمان نساء|8|person|other"}},
	{"twenty nominative", "شارك عشرون مسلحاً في الهجوم.", []string{"عشرون مسلحاً|20|person|fighters"}},
	{"twenty oblique", "أسفر عن مقتل عشرين مسلحاً.", []string{"عشرين مسلحاً|20|person|fatalities"}},
	{"hundred spellings", "نزح مئة شخص ثم مائة طفل.", []string{"مئة شخص|100|person|other", "مائة طفل|100|person|other"}},
	{"two hundred construct", "خلف الهجوم نحو مئتي جريح.", []string{"مئتي جريح|200|person|injuries"}},
	{"thousand", "سقط ألف قتيل في المدينة.", []string{"ألف قتيل|1000|person|fatalities"}},
	{"thousand accusative", "ارتفعت حصيلة القتلى حتى بلغت ألفاً.", []string{"ألفاً|1000|person|fatalities"}},
	{"thousands after digits", "نزح 3 آلاف مدني.", []string{"3 آلاف مدني|3000|person|other"}},
	{"million", "استقبلت البلاد مليون لاجئ.", []string{"مليون لاجئ|1000000|person|other"}},
	{"millions", "خصصت أربعة ملايين تذكرة للجمهور.", []string{"أربعة ملايين تذكرة|4000000|ticket|other"}},
	{"billion", "تعهد المانحون بمليار دولار.", []string{"مليار دولار|1000000000|usd|amount"}},
	{"two million construct", "اشترى البرازيليون مليوني تذكرة.", []string{"مليوني تذكرة|2000000|ticket|other"}},
	// compounds and mixed forms
	{"compound", "قتل خمسة وعشرون شخصا.", []string{"خمسة وعشرون شخصا|25|person|fatalities"}},
	{"definite compound with thousands", "ضبطت مبالغ تزيد على الخمسة والعشرين ألف ريال سعودي.", []string{"الخمسة والعشرين ألف ريال سعودي|25000|sar|amount"}},
	{"hundreds compound", "اعتقلت الشرطة ثلاثمائة وخمسين مشتبهاً.", []string{"ثلاثمائة وخمسين مشتبهاً|350|person|arrests"}},
	{"glued digits and word", "حشد التنظيم 40ألفاً من المقاتلين.", []string{"40ألفاً من المقاتلين|40000|person|fighters"}},
	{"million dollars", "بلغت المساعدات 601 مليون دولار.", []string{"601 مليون دولار|601000000|usd|amount"}},
	{"clitics", "وبثلاثة آلاف جندي دخلوا المدينة، ولـ15 يوماً بقوا فيها.", []string{"ثلاثة آلاف جندي|3000|person|other", "15 يوماً|15|day|duration"}},
	// percentages
	{"percent sign", "تراجع المؤشر بنسبة 1.55% أمس.", []string{"1.55%|1.55|percent|"}},
	{"percent word", "تراجع الروبل بنسبة 30 بالمئة و10 في المئة.", []string{"30 بالمئة|30|percent|", "10 في المئة|10|percent|"}},
	{"arabic percent sign", "ارتفعت البطالة إلى ١٠٪.", []string{"١٠٪|10|percent|"}},
	// currencies
	{"riyal qualified", "بلغت الغرامة 5000 ريال قطري.", []string{"5000 ريال قطري|5000|qar|amount"}},
	{"dinar by context", "في العراق تبلغ الكلفة 20 ألف دينار.", []string{"20 ألف دينار|20000|iqd|amount"}},
	{"dinar unsettled", "تبلغ الكلفة 20 ألف دينار.", []string{"20 ألف دينار|20000|dinar|amount"}},
	{"pounds", "دفع 20 جنيه استرليني و300 جنيه مصري.", []string{"20 جنيه استرليني|20|gbp|amount", "300 جنيه مصري|300|egp|amount"}},
	{"lira and dirham and euro", "بيعت بمئة ليرة تركية و50 درهم إماراتي و9 يورو.", []string{"مئة ليرة تركية|100|try|amount", "50 درهم إماراتي|50|aed|amount", "9 يورو|9|eur|amount"}},
	// ordinals are positions, not counts
	{"ordinals", "للمرة الثالثة تعلن الفرقة الرابعة عن الحادي عشر من قادتها.", nil},
	// vague amounts, coded by ACLED's rule
	{"dozens combined", "أسفرت العملية عن مقتل وإصابة العشرات.", []string{"العشرات|10|person|other"}},
	{"dozens of fighters", "وصلت عشرات المسلحين إلى البلدة.", []string{"عشرات المسلحين|10|person|fighters"}},
	{"hundreds arrested", "شنت الشرطة حملة اعتقال طالت المئات.", []string{"المئات|100|person|arrests"}},
	{"hundreds of thousands", "أدى القصف إلى نزوح مئات الآلاف من المدنيين.", []string{"مئات الآلاف من المدنيين|100000|person|other"}},
	// roles
	{"killed and wounded", "أسفر الهجوم عن مقتل 15 شخصاً وإصابة 20 آخرين.", []string{"15 شخصاً|15|person|fatalities", "20 آخرين|20|person|injuries"}},
	{"toll rises", "ارتفاع حصيلة القتلى إلى 30.", []string{"30|30|person|fatalities"}},
	{"arrests", "أعلنت الوزارة اعتقال 431 مشتبهاً.", []string{"431 مشتبهاً|431|person|arrests"}},
	{"abductions", "خطف مسلحون 3 صحفيين أجانب.", []string{"3 صحفيين|3|person|abductions"}},
	{"trigger after", "قالت المصادر إن 12 متشدداً وخمسة مدنيين قتلوا.", []string{"12 متشدداً|12|person|fatalities", "خمسة مدنيين|5|person|fatalities"}},
	{"trigger after, the other one with its own number", "قالت الوزارة إن 45 فلسطينياً قتلوا وأصيب أكثر من 100 آخرين في الغارات.", []string{"45 فلسطينياً|45|person|fatalities", "100 آخرين|100|person|injuries"}},
	{"trigger after, killed and wounded", "قالت الشرطة إن 20 شخصاً قتلوا وأصيبوا في الانفجار.", []string{"20 شخصاً|20|person|other"}},
	{"of them", "قتل 23 شخصا في هجومين، 17 منهم بسقوط مروحية.", []string{"23 شخصا|23|person|fatalities", "هجومين|2|attack|other", "17 منهم|17|person|fatalities"}},
	{"definite numeral after noun", "أكد المصدر مقتل الأشخاص الأربعة.", []string{"الأشخاص الأربعة|4|person|fatalities"}},
	{"fighters", "هاجمت قوة قوامها 500 مقاتل المطار.", []string{"500 مقاتل|500|person|fighters"}},
	{"duration", "استمرت الاشتباكات لمدة 6 ساعات.", []string{"6 ساعات|6|hour|duration"}},
	{"age", "توفي السائق (45 عاما) في الحادث.", []string{"45 عاما|45|year|other"}},
	// duals
	{"duals", "قتل جنديان وأطلق المسلحون صاروخين من سيارتين.", []string{"جنديان|2|person|fatalities", "صاروخين|2|missile|other", "سيارتين|2|vehicle|other"}},
	{"definite dual refers back", "نقل الجنديان إلى المستشفى.", nil},
	// not quantities
	{"dates and times", "في عام 2015 عند الساعة 10 وفي 12/10/1436هـ.", nil},
	{"labels and ids", "وفق المادة 5 من القرار 2216 اتصل على 0555123456 ومؤشر S&P 500.", nil},
	{"scores", "فاز الفريق 2-1 على منافسه.", nil},
	{"taliban is no dual", "هاجمت طالبان المدينة.", nil},
	{"taliban after a preposition is no dual", "قتل جندي في هجوم لطالبان على حاجز.", nil},
}

func TestQuantities(t *testing.T) {
	for _, c := range cases {
		got := run(t, c.in)
		var gs []string
		for _, q := range got {
			gs = append(gs, fmt.Sprintf("%s|%s|%s|%s", q.Text, strconv.FormatFloat(q.Value, 'f', -1, 64), q.Unit, q.Role))
		}
		if strings.Join(gs, "\n") != strings.Join(c.want, "\n") {
			t.Errorf("%s: %q\n got  %q\n want %q", c.name, c.in, gs, c.want)
			continue
		}
		for i, q := range got {
			text := strings.SplitN(c.want[i], "|", 2)[0]
			if at := runeIndex(c.in, text); q.Start != at || q.End != at+utf8.RuneCountInString(text) {
				t.Errorf("%s: %q at %d-%d, want %d", c.name, text, q.Start, q.End, at)
			}
		}
	}
}

func TestLexiconLookup(t *testing.T) {
	lx, err := quantity.Default()
	if err != nil {
		t.Fatal(err)
	}
	for word, want := range map[string]float64{
		"واحد": 1, "إحدى": 1, "اثنتين": 2, "ثلاث": 3, "ثمان": 8, "ثماني": 8, "عشرين": 20, "مئتين": 200,
		"مائتي": 200, "ألفاً": 1000, "آلاف": 1000, "ملايين": 1e6, "مليار": 1e9, "وبثلاثة": 3, "والعشرين": 20,
	} {
		w, _, _, ok := lx.Lookup(word)
		if !ok || w.Value != want {
			t.Errorf("Lookup(%q) = %v %v, want %v", word, w, ok, want)
		}
	}
	if _, _, _, ok := lx.Lookup("صفر"); ok {
		t.Error("صفر is read as a number; it is the month Safar as often")
	}
}
