package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/marsad/marsad/ner"
)

const tinyConll = "../../ner/testdata/tiny.conll"

func TestTrainAndEvalNER(t *testing.T) {
	dir := t.TempDir()
	model := filepath.Join(dir, "m.gz")
	_, errs, code := run(t, "", "train", "ner", "--train", tinyConll, "--epochs", "4", "--lists", "", "--out", model)
	if code != 0 {
		t.Fatalf("train ner: code %d\n%s", code, errs)
	}
	for _, want := range []string{"stage 1: epoch 1/4", "stage 2: epoch 4/4", "wrote " + model} {
		if !strings.Contains(errs, want) {
			t.Errorf("train ner progress lacks %q:\n%s", want, errs)
		}
	}
	out, errs, code := run(t, "", "eval", "ner", "--gold", tinyConll, "--model", model, "--json")
	if code != 0 {
		t.Fatalf("eval ner: code %d\n%s", code, errs)
	}
	var r struct {
		Precision, Recall, F1 float64
		PerType               map[string]struct{ F1 float64 } `json:"per_type"`
		Tokens                int
		TokensPerSecond       float64 `json:"tokens_per_second"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("eval ner --json: %v\n%s", err, out)
	}
	if r.Tokens != 251 || r.F1 < 80 || len(r.PerType) != 4 || r.TokensPerSecond <= 0 {
		t.Errorf("eval ner --json: %+v", r)
	}
	out, _, code = run(t, "", "eval", "ner", "--gold", tinyConll, "--model", model, "--raw", "--sentence")
	if code != 0 || !strings.Contains(out, "FB1:") || !strings.Contains(out, "processed 251 tokens") {
		t.Errorf("eval ner text report: code %d\n%s", code, out)
	}
}

// TestEvalNERPipeline scores the entities of the whole analysis: the
// knowledge base finds منظمة بتسيلم, which the tagger alone misses.
func TestEvalNERPipeline(t *testing.T) {
	gold := filepath.Join(t.TempDir(), "g.conll")
	var b strings.Builder
	for _, s := range [][][2]string{
		{{"سيطرت", "O"}, {"قوات", "B-ORG"}, {"الدعم", "I-ORG"}, {"السريع", "I-ORG"}, {"على", "O"}, {"الفاشر", "B-LOC"}, {".", "O"}},
		{{"وقالت", "O"}, {"منظمة", "B-ORG"}, {"بتسيلم", "I-ORG"}, {"إن", "O"}, {"مستوطنين", "O"}, {"هاجموا", "O"}, {"قرية", "O"}, {"ترمسعيا", "B-LOC"}, {".", "O"}},
	} {
		for _, tt := range s {
			b.WriteString(tt[0] + " " + tt[1] + "\n")
		}
		b.WriteString("\n")
	}
	if err := os.WriteFile(gold, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	f1 := func(args ...string) float64 {
		out, errs, code := run(t, "", append([]string{"eval", "ner", "--gold", gold, "--json"}, args...)...)
		if code != 0 {
			t.Fatalf("eval ner %v: code %d\n%s", args, code, errs)
		}
		var r struct{ F1 float64 }
		if err := json.Unmarshal([]byte(out), &r); err != nil {
			t.Fatalf("eval ner %v --json: %v\n%s", args, err, out)
		}
		return r.F1
	}
	tagger, whole := f1("--raw"), f1("--pipeline")
	if whole != 100 || tagger >= whole {
		t.Errorf("F1 of the tagger %.2f, of the whole analysis %.2f; want the whole analysis to find all four names", tagger, whole)
	}
	if _, errs, code := run(t, "", "eval", "ner", "--gold", gold, "--pipeline", "--model", "m.gz"); code != 2 || !strings.Contains(errs, "MARSAD_NER_MODEL") {
		t.Errorf("--pipeline with --model: code %d, %s", code, errs)
	}
}

// --respell tags the gold tokens as real news spells them: what is
// tagged, and written out by --pred, is the respelled text.
func TestEvalNERRespell(t *testing.T) {
	dir := t.TempDir()
	gold, pred := filepath.Join(dir, "g.conll"), filepath.Join(dir, "p.txt")
	conll := "قال O\nالرئيس O\nالمصري O\nإن O\nإسرائيل B-LOC\nقصفت O\nمدينة O\nغزة B-LOC\n. O\n"
	if err := os.WriteFile(gold, []byte(conll), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errs, code := run(t, "", "eval", "ner", "--gold", gold, "--respell", "all", "--pred", pred)
	if code != 0 || !strings.Contains(errs, "gold tokens respelled: hamza,final-ya,ta-marbuta") {
		t.Fatalf("eval ner --respell all: code %d\n%s", code, errs)
	}
	b, err := os.ReadFile(pred)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"اسرائيل B-LOC", "المصرى O", "مدينه O"} {
		if !strings.Contains(string(b), w) {
			t.Errorf("--pred output lacks %q:\n%s", w, b)
		}
	}
}

func TestNERUsage(t *testing.T) {
	for _, c := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"train"}, 2, "Targets:"},
		{[]string{"train", "nope"}, 2, `unknown target "nope"`},
		{[]string{"train", "ner"}, 2, "--train is required"},
		{[]string{"eval", "ner"}, 2, "--gold is required"},
		{[]string{"eval", "ner", "--gold", "no-such-file"}, 1, "no-such-file"},
		{[]string{"eval", "ner", "--gold", tinyConll, "--respell", "egyptian"}, 2, `unknown respelling "egyptian"`},
		{[]string{"train", "ner", "--train", tinyConll, "--features", "bogus"}, 2, "unknown feature group"},
		{[]string{"train", "clusters"}, 2, "--out is required"},
		{[]string{"train", "clusters", "--out", "x.gz", "--method", "brown"}, 2, `--method "brown"`},
		{[]string{"train", "clusters", "--out", "x.gz", "--ks", "64,1"}, 2, `"1" is not a cluster count`},
	} {
		_, errs, code := run(t, "", c.args...)
		if code != c.code || !strings.Contains(errs, c.msg) {
			t.Errorf("%v: code %d, stderr %q; want %d and %q", c.args, code, errs, c.code, c.msg)
		}
	}
	out, _, code := run(t, "", "eval", "-h")
	if code != 0 || !strings.Contains(out, "ner") || !strings.Contains(out, "events") {
		t.Errorf("eval -h: %d %q", code, out)
	}
}

// TestAnalyzeEntities checks entities[] of marsad analyze on news spellings
// (sentences written for this test): Egyptian ى, missing hamzas, a kunya,
// clitics attached to names, long organisation names.
func TestAnalyzeEntities(t *testing.T) {
	for _, c := range []struct {
		text string
		want []string // TYPE:norm
	}{
		{"قال المتحدث باسم الجيش إن أبو بكر البغدادي قتل في غارة.", []string{"PER:ابو بكر البغدادي"}},
		{"قال رئيس الوزراء الاسرائيلي بنيامين نتنياهو إن اسرائيل لن تتفاوض.", []string{"PER:بنيامين نتنياهو", "LOC:اسرائيل"}},
		{"وصل وزير الخارجية المصرى سامح شكرى الى القاهرة.", []string{"PER:سامح شكري", "LOC:القاهرة"}},
		{"شنت طائرات التحالف غارات على مواقع في صنعاء وعدن.", []string{"LOC:صنعاء", "LOC:عدن"}},
		{"قتل عشرة أشخاص في هجوم بالموصل.", []string{"LOC:الموصل"}},
		{"أعلن تنظيم داعش مسؤوليته عن الهجوم.", []string{"ORG:تنظيم داعش"}},
	} {
		out, errs, code := run(t, c.text, "analyze")
		if code != 0 {
			t.Fatalf("analyze: %d %s", code, errs)
		}
		var a struct {
			Entities []struct{ Type, Norm, Text string }
		}
		if err := json.Unmarshal([]byte(strings.TrimSpace(out)), &a); err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range a.Entities {
			got = append(got, e.Type+":"+e.Norm)
		}
		for _, w := range c.want {
			if !strings.Contains(" "+strings.Join(got, " ")+" ", " "+w+" ") {
				t.Errorf("%s\n  entities %q, want %s", c.text, got, w)
			}
		}
	}
}

// TestNERConfidence: cross-validation fits a score temperature, a model
// trained with one scores its entities, and eval ner reports their
// calibration.
func TestNERConfidence(t *testing.T) {
	out, errs, code := run(t, "", "train", "ner", "--train", tinyConll, "--epochs", "4", "--lists", "", "--folds", "3")
	if code != 0 || !strings.Contains(out, "cv entity confidence: --score-temperature ") {
		t.Fatalf("train ner --folds: code %d\n%s\n%s", code, out, errs)
	}
	model := filepath.Join(t.TempDir(), "m.gz")
	if _, errs, code := run(t, "", "train", "ner", "--train", tinyConll, "--epochs", "4", "--lists", "", "--score-temperature", "3", "--out", model); code != 0 {
		t.Fatalf("train ner: code %d\n%s", code, errs)
	}
	out, errs, code = run(t, "", "eval", "ner", "--gold", tinyConll, "--model", model, "--json")
	if code != 0 {
		t.Fatalf("eval ner: code %d\n%s", code, errs)
	}
	var r struct {
		Confidence *struct {
			T        float64 `json:"temperature"`
			Entities int
			Mean     float64 `json:"mean_confidence"`
		}
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("eval ner --json: %v\n%s", err, out)
	}
	if c := r.Confidence; c == nil || c.T != 3 || c.Entities == 0 || c.Mean <= 0 || c.Mean > 1 {
		t.Errorf("eval ner --json confidence: %+v\n%s", c, out)
	}
	if _, errs, code := run(t, "", "train", "ner", "--train", tinyConll, "--epochs", "1", "--lists", "", "--score-temperature", "-2", "--out", model); code != 1 || !strings.Contains(errs, "score temperature") {
		t.Errorf("a negative temperature: code %d, %q", code, errs)
	}
	// propagation needs confidences, and is stored in the model
	if _, errs, code := run(t, "", "train", "ner", "--train", tinyConll, "--epochs", "1", "--lists", "", "--propagate", "0.7", "--out", model); code != 1 || !strings.Contains(errs, "propagation needs entity confidences") {
		t.Errorf("--propagate without a temperature: code %d, %q", code, errs)
	}
	if _, errs, code := run(t, "", "train", "ner", "--train", tinyConll, "--epochs", "4", "--lists", "", "--score-temperature", "3", "--propagate", "0.7", "--out", model); code != 0 {
		t.Fatalf("train ner --propagate: code %d\n%s", code, errs)
	}
	m, err := ner.Load(model)
	if err != nil {
		t.Fatal(err)
	}
	if m.Info.Propagate != 0.7 {
		t.Errorf("model trained with --propagate 0.7 says %v", m.Info.Propagate)
	}
	// eval ner says which model it scored
	if _, errs, code := run(t, "", "eval", "ner", "--gold", tinyConll, "--model", model); code != 0 || !strings.Contains(errs, model+": trained on") || !strings.Contains(errs, "names copied from confidence 0.7") {
		t.Errorf("eval ner: code %d, stderr %q", code, errs)
	}
}
