package ner

import (
	"os"
	"testing"
	"time"

	"github.com/marsad/marsad/arabic"
)

// benchModel returns the model to benchmark: $MARSAD_NER_MODEL, or the
// embedded one.
func benchModel(b *testing.B) *Model {
	b.Helper()
	if p := os.Getenv("MARSAD_NER_MODEL"); p != "" {
		m, err := Load(p)
		if err != nil {
			b.Fatalf("MARSAD_NER_MODEL: %v", err)
		}
		return m
	}
	m, err := Default()
	if err != nil {
		b.Skip(err)
	}
	return m
}

const sharedTest = "../../shared/data/anercorp/split/test.txt"

// BenchmarkTagSentences tags the ANERcorp test split in documents of 30
// sentences, the way "marsad eval ner" does, and reports tokens per second.
func BenchmarkTagSentences(b *testing.B) {
	m := benchModel(b)
	gold, _, err := ReadCoNLLPath(sharedTest)
	if err != nil {
		b.Skipf("needs ../shared: %v", err)
	}
	var docs [][][]string
	tokens := 0
	for i := 0; i < len(gold); i += 30 {
		var d [][]string
		for _, s := range gold[i:min(i+30, len(gold))] {
			d = append(d, s.Tokens)
			tokens += len(s.Tokens)
		}
		docs = append(docs, d)
	}
	m.TagSentences(docs[0]) // warm up
	cpu0 := cpuTime()
	b.ResetTimer()
	for b.Loop() {
		for _, d := range docs {
			m.TagSentences(d)
		}
	}
	reportSpeed(b, tokens, cpu0)
}

// reportSpeed reports tokens per second of wall-clock time and of the
// process's CPU time (which the other processes of a busy machine do not
// inflate; with -cpu 1 the garbage collector's work is in it too).
func reportSpeed(b *testing.B, tokens int, cpu0 time.Duration) {
	b.ReportMetric(float64(tokens)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
	if cpu := cpuTime() - cpu0; cpu > 0 {
		b.ReportMetric(float64(tokens)*float64(b.N)/cpu.Seconds(), "tokens/cpu-s")
	}
}

// BenchmarkTagText tags the raw text of a news article written for the
// tests (testdata/article.txt) with TagText: tokenising, sentence
// splitting, both stages and the entities' norms.
func BenchmarkTagText(b *testing.B) { benchTagText(b, benchModel(b)) }

func benchTagText(b *testing.B, m *Model) {
	raw, err := os.ReadFile("testdata/article.txt")
	if err != nil {
		b.Fatal(err)
	}
	text := string(raw)
	tokens := len(arabic.Tokenize(text))
	m.TagText(text)
	cpu0 := cpuTime()
	b.ResetTimer()
	for b.Loop() {
		m.TagText(text)
	}
	reportSpeed(b, tokens, cpu0)
}

// BenchmarkTagTextWithoutScores is BenchmarkTagText with the model's score
// temperature set to 0, so that it computes no entity confidences: the
// reference for what the confidences cost.
func BenchmarkTagTextWithoutScores(b *testing.B) {
	m := benchModel(b)
	defer func(t float64) { m.Info.ScoreTemperature = t }(m.Info.ScoreTemperature)
	m.Info.ScoreTemperature = 0
	benchTagText(b, m)
}
