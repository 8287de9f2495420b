package ner

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"math"
	"reflect"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/marsad/marsad/arabic"
)

// tinyModel is a two-stage model trained on testdata/tiny.conll, sentences
// written for these tests.
var tinyModel = sync.OnceValues(func() (*Model, error) {
	sents, _, err := ReadCoNLLPath("testdata/tiny.conll")
	if err != nil {
		return nil, err
	}
	return Train(context.Background(), sents, &Resources{}, TrainOptions{Epochs: 8, Seed: 7, Stages: 2, Folds: 3, WordDropout: 0.1})
})

func mustTiny(t testing.TB) *Model {
	t.Helper()
	m, err := tinyModel()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestTrainDeterministic(t *testing.T) {
	sents, _, err := ReadCoNLLPath("testdata/tiny.conll")
	if err != nil {
		t.Fatal(err)
	}
	var files [2]bytes.Buffer
	for i := range files {
		m, err := Train(context.Background(), sents, &Resources{}, TrainOptions{Epochs: 8, Seed: 7, Stages: 2, Folds: 3, WordDropout: 0.1})
		if err != nil {
			t.Fatal(err)
		}
		if err := m.Write(&files[i]); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(files[0].Bytes(), files[1].Bytes()) {
		t.Error("two trainings with the same seed wrote different model files")
	}
}

func TestModelFileRoundTrip(t *testing.T) {
	sents, _, err := ReadCoNLLPath("testdata/tiny.conll")
	if err != nil {
		t.Fatal(err)
	}
	// with clusters and a name list, so that the file carries a name model
	m, err := Train(context.Background(), sents, nameResources(), TrainOptions{Epochs: 8, Seed: 7, Stages: 2, Folds: 3})
	if err != nil {
		t.Fatal(err)
	}
	m2 := writeAndRead(t, m, sents)
	if m2.wt2 == nil || m2.Info.Stages != 2 {
		t.Fatalf("read back %d stages", m2.Info.Stages)
	}
	if len(m.lex.names) == 0 || !reflect.DeepEqual(m.lex.names, m2.lex.names) {
		t.Errorf("name model of %d trigrams read back as %d", len(m.lex.names), len(m2.lex.names))
	}
	if m.Info.Seed != m2.Info.Seed || m.Info.Epochs != m2.Info.Epochs {
		t.Errorf("info %+v read back as %+v", m.Info, m2.Info)
	}
}

func TestReadRejectsBadFiles(t *testing.T) {
	m := mustTiny(t)
	var buf bytes.Buffer
	if err := m.Write(&buf); err != nil {
		t.Fatal(err)
	}
	good := buf.Bytes()
	for name, b := range map[string][]byte{
		"empty":     nil,
		"not gzip":  []byte("hello"),
		"truncated": good[:len(good)/2],
	} {
		if _, err := Read(bytes.NewReader(b)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// FuzzReadModel mutates the uncompressed content of a model file (so that
// the mutations reach the structure, not the gzip stream).
func FuzzReadModel(f *testing.F) {
	m, err := tinyModel()
	if err != nil {
		f.Fatal(err)
	}
	var buf bytes.Buffer
	if err := m.Write(&buf); err != nil {
		f.Fatal(err)
	}
	zr, err := gzip.NewReader(&buf)
	if err != nil {
		f.Fatal(err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(raw)
	f.Add(raw[:len(raw)/3])
	f.Fuzz(func(t *testing.T, raw []byte) {
		var z bytes.Buffer
		zw := gzip.NewWriter(&z)
		zw.Write(raw)
		zw.Close()
		m, err := Read(&z)
		if err != nil {
			return
		}
		m.TagText("قال محمد العلي في الرياض إن الأمم المتحدة سترسل مساعدات.")
	})
}

func TestTagTrainingSentences(t *testing.T) {
	m := mustTiny(t)
	sents, _, _ := ReadCoNLLPath("testdata/tiny.conll")
	r := m.Evaluate(sents)
	if r.F1 < 90 {
		t.Errorf("F1 on its own training data %.2f", r.F1)
	}
}

// TestTagSpans checks the contract of Tag on raw text: spans in code
// points of the original text, the exact surface, no punctuation at either
// end, a norm without clitics.
func TestTagSpans(t *testing.T) {
	m := mustTiny(t)
	text := "قال محمّد العلي إنّ «الأمم المتحدة» سترسل مساعدات إلى اليمن.\n" +
		"وصل الرئيس عبد ربه منصور هادي إلى عدن أمس."
	ents := m.TagText(text)
	rs := []rune(text)
	var got []string
	for _, e := range ents {
		if e.Start < 0 || e.End > len(rs) || e.Start >= e.End {
			t.Fatalf("bad span %+v", e)
		}
		if s := string(rs[e.Start:e.End]); s != e.Text {
			t.Errorf("text[%d:%d] = %q, entity text %q", e.Start, e.End, s, e.Text)
		}
		first, last := []rune(e.Text)[0], []rune(e.Text)[len([]rune(e.Text))-1]
		if unicode.IsPunct(first) || unicode.IsPunct(last) {
			t.Errorf("entity %q starts or ends with punctuation", e.Text)
		}
		got = append(got, e.Type+":"+e.Norm)
	}
	want := []string{"PER:محمد العلي", "ORG:الامم المتحدة", "LOC:اليمن", "PER:عبد ربه منصور هادي", "LOC:عدن"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("entities %q\nwant %q", got, want)
	}
}

func TestStripProclitics(t *testing.T) {
	lx := newLexicon()
	for w, c := range map[string]int{"داعش": 900, "لداعش": 20, "فيصل": 500, "يصل": 300, "الموصل": 800, "بلير": 40, "لير": 30, "كاليفورنيا": 300, "سالم": 400, "الم": 300} {
		lx.addCluster(w, c, 0, nil)
	}
	lx.addName("سامي", gazFirst)
	for _, c := range []struct{ in, want string }{
		{"بالموصل", "الموصل"},
		{"لداعش", "داعش"},
		{"للرقة", "الرقة"},
		{"والموصل", "الموصل"},
		{"فيصل", "فيصل"}, // not ف + يصل: the whole word is the more frequent
		{"وفيصل", "فيصل"},
		{"بلير", "بلير"},
		{"سامي", "سامي"}, // a listed name is never cut
		{"إسرائيل", "اسرائيل"},
		{"الذى", "الذي"},
		// ك, ب or ف before an article the corpus never shows alone is part
		// of the name; و and ل are still cut, and the corpus's articles
		{"كاليفورنيا", "كاليفورنيا"},
		{"كالموصل", "الموصل"},
		{"والسلوفاك", "السلوفاك"},
		// س never stands before the article
		{"سالم", "سالم"},
		{"وسالم", "سالم"},
	} {
		norm := strings.Join(strings.Fields(arabic.Norm(c.in)), " ")
		if got := lx.stripProclitics(c.in, norm); got != c.want {
			t.Errorf("stripProclitics(%s) = %s, want %s", c.in, got, c.want)
		}
	}
}

func TestTagConcurrently(t *testing.T) {
	m := mustTiny(t)
	text := "قال محمد العلي إن الأمم المتحدة سترسل مساعدات إلى اليمن. ووصل الرئيس عبد ربه منصور هادي إلى عدن."
	want := m.TagText(text)
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 20 {
				if got := m.TagText(text); !reflect.DeepEqual(got, want) {
					t.Error("concurrent tagging differs")
					return
				}
			}
		}()
	}
	wg.Wait()
}

// TestStackedStage2 checks a model whose stage 2 adds document features to
// stage 1's scores: it learns its training data, keeps far fewer stage-2
// features than a full stage 2, and tags the same once written and read.
func TestStackedStage2(t *testing.T) {
	sents, _, err := ReadCoNLLPath("testdata/tiny.conll")
	if err != nil {
		t.Fatal(err)
	}
	o := TrainOptions{Epochs: 8, Seed: 7, Stages: 2, Folds: 3, WordDropout: 0.1}
	full, err := Train(context.Background(), sents, &Resources{}, o)
	if err != nil {
		t.Fatal(err)
	}
	o.Stacked = true
	m, err := Train(context.Background(), sents, &Resources{}, o)
	if err != nil {
		t.Fatal(err)
	}
	if m.Info.Stage2 != stage2Stacked || m.Info.StackScale != 0.25 {
		t.Errorf("stage2 %q, scale %v", m.Info.Stage2, m.Info.StackScale)
	}
	if m.wt2.table.n*4 > full.wt2.table.n {
		t.Errorf("stacked stage 2 keeps %d features, a full one %d", m.wt2.table.n, full.wt2.table.n)
	}
	// stage 2 learned its corrections on the scores of stage-1 models that
	// saw two thirds of a tiny file: on the whole file they are too strong,
	// so a stacked model fits its training data less closely than a full one
	if r := m.Evaluate(sents); r.F1 < 85 {
		t.Errorf("F1 on its own training data %.2f", r.F1)
	}
	if m2 := writeAndRead(t, m, sents); m2.Info.Stage2 != stage2Stacked || m2.Info.StackScale != m.Info.StackScale {
		t.Errorf("read back stage2 %q scale %v", m2.Info.Stage2, m2.Info.StackScale)
	}
}

// writeAndRead writes m to a model file, reads it back, and checks that the
// model read back tags sents as m does.
func writeAndRead(t *testing.T, m *Model, sents []Sentence) *Model {
	t.Helper()
	var buf bytes.Buffer
	if err := m.Write(&buf); err != nil {
		t.Fatal(err)
	}
	m2, err := Read(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	toks := make([][]string, len(sents))
	for i, s := range sents {
		toks[i] = s.Tokens
	}
	if a, b := m.TagSentences(toks), m2.TagSentences(toks); !reflect.DeepEqual(a, b) {
		t.Error("the model read back tags differently")
	}
	return m2
}

func TestMixAveragesLearners(t *testing.T) {
	sents, _, err := ReadCoNLLPath("testdata/tiny.conll")
	if err != nil {
		t.Fatal(err)
	}
	o := TrainOptions{Epochs: 6, Seed: 3, WordDropout: 0.1}
	var single []*Model
	for k := 0; k < 3; k++ {
		ok := o
		ok.Seed = o.Seed + uint64(k)*mixSeedStep
		m, err := Train(context.Background(), sents, &Resources{}, ok)
		if err != nil {
			t.Fatal(err)
		}
		single = append(single, m)
	}
	o.Mix = 3
	mix, err := Train(context.Background(), sents, &Resources{}, o)
	if err != nil {
		t.Fatal(err)
	}
	// the mixed model scores every token and label with the mean of the
	// three learners' scores
	s := mix.scratch()
	differ := false
	for _, sent := range sents {
		mix.prepare(s, 0, sent.Tokens)
		d := &s.sents[0]
		n := len(d.ws)
		got := make([]float32, n*numLabels)
		mix.wt.emissions(d.keys, d.offs, got)
		want := make([]float32, n*numLabels)
		var first []float32
		for _, m := range single {
			sc := make([]float32, n*numLabels)
			m.wt.emissions(d.keys, d.offs, sc)
			for i := range sc {
				want[i] += sc[i] / 3
			}
			if first == nil {
				first = sc
			} else if !reflect.DeepEqual(first, sc) {
				differ = true
			}
		}
		for i := range got {
			if math.Abs(float64(got[i]-want[i])) > 1e-3*(1+math.Abs(float64(want[i]))) {
				t.Fatalf("%v: score %d is %v, the learners' mean %v", sent.Tokens, i, got[i], want[i])
			}
		}
	}
	if !differ {
		t.Error("the three learners scored alike: the seeds did not vary")
	}
	if r := mix.Evaluate(sents); r.F1 < 90 {
		t.Errorf("F1 on its own training data %.2f", r.F1)
	}
	if m2 := writeAndRead(t, mix, sents); m2.Info.Mix != 3 || m2.Info.MixMin != 1 {
		t.Errorf("read back mix %d, mix-min %d", m2.Info.Mix, m2.Info.MixMin)
	}

	// MixMin 3 keeps only the features that every learner weighted
	o.MixMin = 3
	all, err := Train(context.Background(), sents, &Resources{}, o)
	if err != nil {
		t.Fatal(err)
	}
	if all.wt.table.n >= mix.wt.table.n {
		t.Errorf("MixMin 3 keeps %d features, MixMin 1 %d", all.wt.table.n, mix.wt.table.n)
	}
	all.wt.table.each(func(k uint32, _ int32) {
		for _, m := range single {
			if _, ok := m.wt.table.find(k); !ok {
				t.Fatalf("feature %#x kept without a weight from every learner", k)
			}
		}
	})
	if r := all.Evaluate(sents); r.F1 < 90 {
		t.Errorf("MixMin 3: F1 on its own training data %.2f", r.F1)
	}
	o.MixMin = 4
	if _, err := Train(context.Background(), sents, &Resources{}, o); err == nil || !strings.Contains(err.Error(), "MixMin 4") {
		t.Errorf("MixMin 4 of 3 learners: error %v", err)
	}
}

func TestModelInfoSummary(t *testing.T) {
	tests := []struct {
		info      ModelInfo
		want, not []string
	}{
		{ModelInfo{TrainSentences: 10, TrainTokens: 120, TrainData: "train.txt", Stages: 2, Mix: 3, Learner: "perceptron", Features: 99, ScoreTemperature: 28.1, Propagate: 0.7},
			[]string{"10 sentences (120 tokens) of train.txt", "2 stages, each the mean of 3 perceptron learners", "99 features", "temperature 28.1", "names copied from confidence 0.7"}, nil},
		{ModelInfo{TrainSentences: 5, Stages: 1, Learner: "crf"},
			[]string{"5 sentences", "1 stage (crf)", "no entity scores"}, []string{"copied", "stages"}},
		// propagation needs scores: a header that asks for it without them does not propagate
		{ModelInfo{Stages: 2, Propagate: 0.7},
			[]string{"2 stages (perceptron)", "no entity scores"}, []string{"copied"}},
	}
	for _, tc := range tests {
		got := tc.info.Summary()
		for _, w := range tc.want {
			if !strings.Contains(got, w) {
				t.Errorf("Summary() = %q, want it to say %q", got, w)
			}
		}
		for _, w := range tc.not {
			if strings.Contains(got, w) {
				t.Errorf("Summary() = %q, should not say %q", got, w)
			}
		}
	}
}

func TestLowerLatin(t *testing.T) {
	for w, want := range map[string]bool{
		"radius": true, "in": true, "plot1": true,
		"Tunis": false, "iPhone": false, "BBC": false, "تونس": false, "2015": false, "": false,
	} {
		if got := lowerLatin(w); got != want {
			t.Errorf("lowerLatin(%q) = %v, want %v", w, got, want)
		}
	}
}

func TestBalance(t *testing.T) {
	tests := []struct {
		text         string
		a, b         int // the name's tokens before
		wantA, wantB int
	}{
		{"منظمة «أوبك» تجتمع", 0, 3, 2, 3},       // منظمة «أوبك → أوبك
		{"(حسن) روحاني قال", 1, 4, 3, 4},         // حسن) روحاني → روحاني
		{"رينج روفر «أوتوبيوغرافي»", 0, 4, 0, 2}, // the longer side
		{"منظمة «أوبك» الدولية", 0, 5, 0, 5},     // balanced: kept
		{"قال محمد العلي", 1, 3, 1, 3},
	}
	for _, tt := range tests {
		toks := arabic.Tokenize(tt.text)
		if a, b := balance(toks, tt.a, tt.b); a != tt.wantA || b != tt.wantB {
			var ws []string
			for _, t := range toks {
				ws = append(ws, t.Text)
			}
			t.Errorf("%q %v [%d,%d): got [%d,%d), want [%d,%d)", tt.text, ws, tt.a, tt.b, a, b, tt.wantA, tt.wantB)
		}
	}
}

func TestListItems(t *testing.T) {
	tests := []struct {
		text string
		typ  string
		want string // the items' tokens, | between items
	}{
		{"والدة عادل، أسامة، معاذ", "PER", "عادل|أسامة|معاذ"},
		{"أحمد، عبدالله", "PER", "أحمد|عبدالله"},
		{"The Smiths: Ballads", "MISC", "The Smiths : Ballads"},
		{"محمد بن سلمان", "PER", "محمد بن سلمان"},
		// two men joined by و before a given name; names in و stay whole
		{"سعود وفيصل", "PER", "سعود|وفيصل"},
		{"عمرو وصالح القميزي", "PER", "عمرو|وصالح القميزي"},
		{"محمد وليد", "PER", "محمد وليد"},
		{"يوسف وهبي", "PER", "يوسف وهبي"},
		{"سعود وفيصل", "ORG", "سعود وفيصل"},
	}
	lx := defaultModel(t).lex
	for _, tt := range tests {
		toks := arabic.Tokenize(tt.text)
		start := 0 // the name begins after والدة ("the mother of")
		if strings.HasPrefix(tt.text, "والدة") {
			start = 1
		}
		var items []string
		for _, it := range lx.listItems(toks, Span{Type: tt.typ, Start: start, End: len(toks)}) {
			var ws []string
			for _, tk := range toks[it[0]:it[1]] {
				ws = append(ws, tk.Text)
			}
			items = append(items, strings.Join(ws, " "))
		}
		if got := strings.Join(items, "|"); got != tt.want {
			t.Errorf("%q: items %q, want %q", tt.text, got, tt.want)
		}
	}
}

// FuzzTagText checks that any text gives entities whose spans lie in it,
// read as their Text, in order, and hold no bracket or quotation mark
// without its partner.
func FuzzTagText(f *testing.F) {
	m := mustTiny(f)
	for _, s := range []string{
		"قال محمد العلي إن الأمم المتحدة سترسل مساعدات إلى اليمن.",
		"منظمة «أوبك» تجتمع في فيينا (النمسا) أمس",
		"«« )) [ وصل الرئيس عبد ربه منصور هادي إلى عدن»",
		"\xff\xfe عدن", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		at := codePointBytes(text) // an invalid byte counts as one code point
		prev := -1
		for _, e := range m.TagText(text) {
			if e.Start < 0 || e.End >= len(at) || e.Start >= e.End || e.Start < prev {
				t.Fatalf("%q: entity %+v out of the text or order", text, e)
			}
			prev = e.Start
			if got := text[at[e.Start]:at[e.End]]; got != e.Text {
				t.Fatalf("%q: entity text %q, span reads %q", text, e.Text, got)
			}
			for o, c := range closers {
				if strings.Count(e.Text, o) != strings.Count(e.Text, c) && strings.Contains(e.Text, " ") {
					t.Fatalf("%q: entity %q holds %s without %s", text, e.Text, o, c)
				}
			}
		}
	})
}
