package ner

import (
	"context"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/marsad/marsad/arabic"
)

// propDoc builds a scratch document for the propagation pass: each
// sentence is "word/LABEL word/LABEL …" (LABEL a BILOU label, O if
// omitted; a word "pre+stem" has stem as its clitic-free stem, e.g.
// "ل+داعش"), and every token's final score for its label is sure (a
// margin of 10 at temperature 1) or unsure (0.5); "word/LABEL:4" sets a
// token's margin to 4.
func propDoc(sents []string, sure bool) *scratch {
	s := &scratch{}
	margin := float32(10)
	if !sure {
		margin = 0.5
	}
	for _, line := range sents {
		var d docSent
		for _, tok := range strings.Fields(line) {
			word, lab, _ := strings.Cut(tok, "/")
			m := margin
			if l, ms, ok := strings.Cut(lab, ":"); ok {
				f, err := strconv.ParseFloat(ms, 32)
				if err != nil {
					panic(err)
				}
				lab, m = l, float32(f)
			}
			wi := wordInfo{key: strings.ReplaceAll(word, "+", "")}
			wi.stem = wi.key
			if pre, stem, ok := strings.Cut(word, "+"); ok && pre != "" {
				wi.stem = stem
			}
			wi.core = withoutArticle(wi.stem)
			wi.tanween = arabic.EndsInTanween(word)
			d.ws = append(d.ws, wi)
			l := 0
			if lab != "" {
				l = labelIndex[lab]
			}
			d.pred = append(d.pred, l)
			row := make([]float32, numLabels)
			row[l] = m
			d.fsc = append(d.fsc, row...)
		}
		s.sents = append(s.sents, d)
	}
	return s
}

func predTags(d *docSent) string {
	var out []string
	for _, l := range d.pred {
		out = append(out, labels[l])
	}
	return strings.Join(out, " ")
}

func TestPropagate(t *testing.T) {
	tests := []struct {
		name   string
		sents  []string
		sure   bool
		window int
		want   []string // the labels of each sentence after the pass
	}{
		{"a sure name is tagged at its untagged mentions",
			[]string{"قال كاميرون/U-PER أمس", "وأضاف كاميرون أن"}, true, 20,
			[]string{"O U-PER O", "O U-PER O"}},
		{"an unsure one is not",
			[]string{"قال كاميرون/U-PER أمس", "وأضاف كاميرون أن"}, false, 20,
			[]string{"O U-PER O", "O O O"}},
		{"nor beyond the window",
			[]string{"قال كاميرون/U-PER أمس", "ثم", "وأضاف كاميرون أن"}, true, 1,
			[]string{"O U-PER O", "O", "O O O"}},
		{"a mention with a proclitic matches by its stem, and a name of two words is tagged whole",
			[]string{"حزب/B-ORG العمال/L-ORG قال", "أعضاء ل+حزب العمال"}, true, 20,
			[]string{"B-ORG L-ORG O", "O B-ORG L-ORG"}},
		{"half a name does not match, and tagged words are left alone",
			[]string{"حزب/B-ORG العمال/L-ORG قال", "حزب الله/U-ORG حزب", "العمال/U-PER"}, true, 20,
			[]string{"B-ORG L-ORG O", "O U-ORG O", "U-PER"}},
		{"Ali is not copied to على written علي, before a word with the article",
			[]string{"قال علي/U-PER إنه", "وقف علي الحدود ثم قال علي إنه"}, true, 20,
			[]string{"O U-PER O", "O O O O O U-PER O"}},
		{"the longer of two names that match wins, though less sure",
			[]string{"أبو/U-PER قال أبو/B-PER:4 بكر/L-PER:4", "أبو بكر"}, true, 20,
			[]string{"U-PER O B-PER L-PER", "B-PER L-PER"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := &Model{Info: ModelInfo{ScoreTemperature: 1, Propagate: 0.7, DocWindow: tc.window}}
			s := propDoc(tc.sents, tc.sure)
			changed := m.propagate(s, len(s.sents))
			var got []string
			for i := range s.sents {
				got = append(got, predTags(&s.sents[i]))
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("labels %q, want %q", got, tc.want)
			}
			before := propDoc(tc.sents, tc.sure)
			same := true
			for i := range before.sents {
				same = same && slices.Equal(before.sents[i].pred, s.sents[i].pred)
			}
			if changed == same {
				t.Errorf("propagate said changed=%v, labels changed=%v", changed, !same)
			}
		})
	}
}

// TestPropagateOption: the option is checked and kept in the model file,
// and a model that propagates still scores every entity it returns.
func TestPropagateOption(t *testing.T) {
	sents, _, err := ReadCoNLLPath("testdata/tiny.conll")
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range []TrainOptions{
		{Epochs: 1, ScoreTemperature: 5, Propagate: -0.1},
		{Epochs: 1, ScoreTemperature: 5, Propagate: 1.5},
		{Epochs: 1, Propagate: 0.5},
	} {
		if _, err := Train(context.Background(), sents, &Resources{}, o); err == nil {
			t.Errorf("options %+v accepted", o)
		}
	}
	m, err := Train(context.Background(), sents, &Resources{}, TrainOptions{Epochs: 8, Seed: 7, Stages: 2, Folds: 3, ScoreTemperature: 5, Propagate: 0.5})
	if err != nil {
		t.Fatal(err)
	}
	m2 := writeAndRead(t, m, sents)
	if m2.Info.Propagate != 0.5 {
		t.Fatalf("propagation confidence read back %v", m2.Info.Propagate)
	}
	for _, e := range m2.TagText("قال محمّد العلي إنّ «الأمم المتحدة» سترسل مساعدات إلى اليمن.") {
		if !(e.Score > 0 && e.Score <= 1) {
			t.Errorf("entity %q score %v, want in (0, 1]", e.Text, e.Score)
		}
	}
}

// TestPropagatedConfidence: a name the pass tags takes the confidence of
// the name it copied, in the scores Tag returns and in the samples the
// temperature is fitted on; the model's own probability for it is low.
func TestPropagatedConfidence(t *testing.T) {
	m := &Model{Info: ModelInfo{ScoreTemperature: 1, Propagate: 0.7, DocWindow: 20}}
	s := propDoc([]string{"قال كاميرون/U-PER أمس", "وأضاف كاميرون أن"}, true)
	s.scores = true
	m.afterDecoding(s, 2)
	src, got := s.sents[0].conf[1], s.sents[1].conf[1]
	if s.sents[1].pred[1] != labelIndex["U-PER"] || got != src || src < 0.9 {
		t.Fatalf("propagated name: label %s, confidence %v, its source's %v", labels[s.sents[1].pred[1]], got, src)
	}
	own := m.spanConfidences(s, m.finalWeights(), s.sents[1].fsc, s.sents[1].pred)[1]
	if own > 0.5 {
		t.Errorf("the model's own probability for the copied name is %v; the test means a name it did not choose", own)
	}
	// the samples: the same copy, kept through entityProbs
	w := m.finalWeights()
	samples := []ConfidenceSample{
		{sc: s.sents[0].fsc, tr: &w.trans, pred: s.sents[0].pred, starts: []int{1}, right: []bool{true}},
		{sc: s.sents[1].fsc, tr: &w.trans, pred: s.sents[1].pred, starts: []int{1}, right: []bool{true},
			copied: []bool{true}, from: []entityRef{{ds: -1, k: 0}}},
	}
	probs, _ := entityProbs(samples, 1)
	if len(probs) != 2 || probs[1] != probs[0] || math.Abs(probs[0]-float64(src)) > 1e-6 {
		t.Errorf("sample confidences %v, want both %v", probs, src)
	}
	samples[1].copied = nil
	if probs, _ := entityProbs(samples, 1); probs[1] > 0.5 {
		t.Errorf("without the copy the second name's confidence is %v", probs[1])
	}
}

// BenchmarkPropagate times the pass over a long document (4,000 sentences
// of 10 words) where one name is tagged in every other sentence and left
// untagged in the rest, per token: the work stays local to each window.
func BenchmarkPropagate(b *testing.B) {
	var sents []string
	for i := range 4000 {
		if i%2 == 0 {
			sents = append(sents, "قال كاميرون/U-PER في كلمة أمام البرلمان إن بلاده لن تتراجع")
		} else {
			sents = append(sents, "وأضاف كاميرون في كلمة أمام البرلمان أن بلاده لن تتراجع")
		}
	}
	m := &Model{Info: ModelInfo{ScoreTemperature: 1, Propagate: 0.7, DocWindow: 20}}
	orig := propDoc(sents, true)
	s := propDoc(sents, true)
	b.ResetTimer()
	for range b.N {
		for i := range s.sents {
			copy(s.sents[i].pred, orig.sents[i].pred)
		}
		m.propagate(s, len(s.sents))
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/40000, "ns/token")
}

func TestDropNonNames(t *testing.T) {
	tests := []struct{ sent, want string }{
		{"قال لي/U-PER إن", "O O O"},                                         // "he told me"
		{"وقالت بها/U-LOC أمس", "O O O"},                                     // any type
		{"أسرة لي/B-PER كون/L-PER", "O B-PER L-PER"},                         // inside a longer name
		{"وصل علي/U-PER أمس", "O U-PER O"},                                   // a name
		{"شنت و+الميليشيات/U-MISC هجوما", "O O O"},                           // a common noun
		{"قصفت ميليشيات/B-ORG الحوثي/L-ORG عدن", "O B-ORG L-ORG O"},          // a militia's name
		{"مبادئ ب+حسن/B-PER الجوار/L-PER", "O O O"},                          // a phrase
		{"التقى حسن/B-PER الجوار/I-PER الثاني/L-PER", "O B-PER I-PER L-PER"}, // not the whole name
		{"قال حسن/B-PER روحاني/L-PER", "O B-PER L-PER"},
		{"استقبل ولي العهد/U-LOC الوزير", "O O O O"}, // the end of a phrase
		{"مرافقا ل+ولي العهد/U-LOC", "O O O"},
		{"يؤمن ب+ولايه الفقيه/U-LOC", "O O O"}, // the doctrine, no province (words as keys: ة is ه)
		{"عاد إلى العهد/U-LOC القديم", "O O U-LOC O"},
		{"مطار الملك خالد/B-PER الدولي/L-PER", "O O U-PER O"},                           // an airport's adjective
		{"مستشفى فهد/B-PER بن/I-PER سعود/I-PER التخصصي/L-PER", "O B-PER I-PER L-PER O"}, // a hospital's
		{"زار مركز خالد/B-ORG الدولي/L-ORG", "O O B-ORG L-ORG"},                         // no person
		{"فاز بعقد سادس/U-LOC", "O O O"},                                                // an ordinal
		{"تنزهوا على الكورنيش/U-ORG", "O O O"},                                          // a common noun of the news
		{"زار متحف بيت/U-MISC « البرندة »", "O O O O O O"},                              // a head word before a quoted name
		{"سيبقى دوماً/U-LOC في القلب", "O O O O"},                                       // a tanween: "always", not Douma
		{"أحسنوا صنعًا/U-LOC", "O O"},
		{"فعن أنسٍ/U-PER قال", "O U-PER O"}, // a person's name may bear one
		{"وصلوا إلى دوما/U-LOC", "O O U-LOC"},
		{"قالت شركة سي.إم.إيه/U-LOC إن", "O O U-ORG O"},      // an acronym is no place
		{"انتهى الخبر next/B-PER previous/L-PER", "O O O O"}, // a web page's links left in the text (keys: lower case)
		{"تابعونا عبر rss/U-PER", "O O O"},
	}
	for _, tt := range tests {
		s := propDoc([]string{tt.sent}, true)
		dropNonNames(s, 1)
		if got := predTags(&s.sents[0]); got != tt.want {
			t.Errorf("%s: %s, want %s", tt.sent, got, tt.want)
		}
	}
}

func TestJoinLineage(t *testing.T) {
	tests := []struct{ sent, want string }{
		{"أسرة ال/U-PER سليمان/U-PER تتلقى", "O B-PER L-PER O"},
		{"قال ال/U-PER عبد/B-PER الله/L-PER إن", "O B-PER I-PER L-PER O"},
		{"قال ال/U-PER إن", "O U-PER O"},                     // nothing after it to join
		{"قال بن/U-PER مدريد/U-LOC", "O U-PER U-LOC"},        // a place is no part of the name
		{"قال علي/U-PER سليمان/U-PER إن", "O U-PER U-PER O"}, // two names
	}
	for _, tt := range tests {
		s := propDoc([]string{tt.sent}, true)
		joinLineage(s, 1)
		if got := predTags(&s.sents[0]); got != tt.want {
			t.Errorf("%s: %s, want %s", tt.sent, got, tt.want)
		}
	}
}

func TestJoinPlacePrefix(t *testing.T) {
	m := defaultModel(t)
	tests := []struct{ text, want string }{
		// the tagger reads سان and ليتل alone as the place
		{"وصلت البعثة إلى مدينة سان موريتز الواقعة في شرق سويسرا.", "سان موريتز"},
		{"أقيمت المباراة على ملاعب مدينة ليتل رآك بولاية أركنسا.", "ليتل رآك"},
	}
	for _, tt := range tests {
		if locs := textsOfType(m, tt.text, "LOC"); !slices.Contains(locs, tt.want) {
			t.Errorf("%s: places %q, want %q among them", tt.text, locs, tt.want)
		}
	}
}

// A nationality adjective or a title before a person's name is no part of
// it; a surname of that shape at the name's end stays.
func TestCutNationalityAndTitle(t *testing.T) {
	m := defaultModel(t)
	tests := []struct {
		text string
		want []string // the persons
	}{
		{"رحل الهولندي روبن فان بيرسي والكولومبي راداميل فالكاو عن الفريق.", []string{"روبن فان بيرسي", "راداميل فالكاو"}},
		{"قاد المهاجم الإيفواري ديدييه دروغبا الهجوم.", []string{"ديدييه دروغبا"}},
		{"أعلن رئيس الاتحاد الليبيري موسى بيليتي ترشحه.", []string{"موسى بيليتي"}},
		{"وقال الكاتب محمد المصري إن الرواية صدرت.", []string{"محمد المصري"}},
		{"وأكد اللواء الغامدي خلال الجولة التفقدية أن العمل مستمر.", []string{"الغامدي"}},
		{"وأضاف البروفسور شيهان أن القرار تأخر.", []string{"شيهان"}},
		{"أعلن العميد الركن صالح علي حسن أن أبين محررة بالكامل.", []string{"صالح علي حسن"}},
		{"ووقع النادي مع المدافع الغيني الدولي كميل زاياتي.", []string{"كميل زاياتي"}},
	}
	for _, tt := range tests {
		if pers := textsOfType(m, tt.text, "PER"); !slices.Equal(pers, tt.want) {
			t.Errorf("%s: persons %q, want %q", tt.text, pers, tt.want)
		}
	}
}

// textsOfType tags text with m and returns its entities of type typ, in
// text order.
func textsOfType(m *Model, text, typ string) []string {
	var out []string
	for _, e := range m.TagText(text) {
		if e.Type == typ {
			out = append(out, e.Text)
		}
	}
	return out
}
