package ner

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"
)

// randomChain returns random transitions and scores for n tokens.
func randomChain(r *rand.Rand, n int, scale float64) (*[numLabels + 1][numLabels]float32, []float32) {
	var tr [numLabels + 1][numLabels]float32
	for p := range tr {
		for c := range tr[p] {
			tr[p][c] = float32(r.NormFloat64() * scale)
		}
	}
	sc := make([]float32, n*numLabels)
	for i := range sc {
		sc[i] = float32(r.NormFloat64() * scale)
	}
	return &tr, sc
}

// TestSpanProbsBruteForce checks each entity's probability against the sum,
// over every allowed labelling of a 4-word sentence, of the probabilities
// of the labellings that have the entity.
func TestSpanProbsBruteForce(t *testing.T) {
	const n = 4
	r := rand.New(rand.NewPCG(1, 2))
	lab := func(s string) int { return labelIndex[s] }
	for trial := 0; trial < 3; trial++ {
		tr, sc := randomChain(r, n, 1.5)
		T := []float64{1, 2.5, 0.7}[trial]
		// every allowed labelling and its unnormalised probability
		type seq struct {
			y [n]int
			p float64
		}
		var all []seq
		var z float64
		var y [n]int
		var walk func(t int)
		walk = func(t int) {
			if t == n {
				if open(y[n-1]) {
					return
				}
				s := 0.0
				prev := numLabels
				for i, l := range y {
					s += float64(tr[prev][l]) + float64(sc[i*numLabels+l])
					prev = l
				}
				p := math.Exp(s / T)
				all = append(all, seq{y, p})
				z += p
				return
			}
			prev := numLabels
			if t > 0 {
				prev = y[t-1]
			}
			for l := 0; l < numLabels; l++ {
				if allowed[prev][l] {
					y[t] = l
					walk(t + 1)
				}
			}
		}
		walk(0)
		preds := [][]int{
			{lab("B-PER"), lab("L-PER"), lab("O"), lab("U-LOC")},
			{lab("U-ORG"), lab("B-MISC"), lab("I-MISC"), lab("L-MISC")},
			{lab("O"), lab("O"), lab("O"), lab("O")},
		}
		for _, pred := range preds {
			var tx transExp
			tx.set(tr, 1/T)
			got := spanProbs(&tx, sc, n, pred, 1/T, nil, make([]float64, (3*numLabels+1)*n))
			for a := 0; a < n; a++ {
				want := 0.0
				if l := pred[a]; l != 0 && labels[l][0] != 'I' && labels[l][0] != 'L' {
					b := a
					for open(pred[b]) {
						b++
					}
					for _, s := range all {
						same := true
						for i := a; i <= b; i++ {
							same = same && s.y[i] == pred[i]
						}
						if same {
							want += s.p / z
						}
					}
				}
				if math.Abs(float64(got[a])-want) > 1e-5 {
					t.Errorf("trial %d, labels %v, token %d: probability %.6f, brute force %.6f", trial, pred, a, got[a], want)
				}
			}
		}
	}
}

// TestFitTemperatureRecovers draws which entities are right with the
// probabilities a known temperature gives, and checks that the fit finds
// about that temperature and a small calibration error.
func TestFitTemperatureRecovers(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	const trueT = 8.0
	var samples []ConfidenceSample
	for len(samples) < 1500 {
		n := 3 + r.IntN(8)
		tr, sc := randomChain(r, n, 10)
		w := weights{trans: *tr}
		pred := w.viterbi(sc, n, nil, make([]int8, n*numLabels))
		var tx transExp
		tx.set(tr, 1/trueT)
		probs := spanProbs(&tx, sc, n, pred, 1/trueT, nil, make([]float64, (3*numLabels+1)*n))
		s := ConfidenceSample{sc: sc, tr: tr, pred: pred}
		for a, p := range probs {
			if l := pred[a]; l != 0 && labels[l][0] != 'I' && labels[l][0] != 'L' {
				s.starts = append(s.starts, a)
				s.right = append(s.right, r.Float64() < float64(p))
			}
		}
		samples = append(samples, s)
	}
	fit := FitTemperature(samples)
	if fit.Entities < 1000 {
		t.Fatalf("only %d entities drawn", fit.Entities)
	}
	if fit.T < trueT/1.5 || fit.T > trueT*1.5 {
		t.Errorf("fitted temperature %.3g, drawn with %.3g (%+v)", fit.T, trueT, fit)
	}
	if fit.ECE > 0.05 {
		t.Errorf("calibration error %.3f at the fitted temperature", fit.ECE)
	}
}

// TestEntityScores: a model with a temperature gives every entity a
// confidence in (0, 1], keeps it through a file, and one without gives none.
func TestEntityScores(t *testing.T) {
	sents, _, err := ReadCoNLLPath("testdata/tiny.conll")
	if err != nil {
		t.Fatal(err)
	}
	text := "قال محمّد العلي إنّ «الأمم المتحدة» سترسل مساعدات إلى اليمن."
	if ents := mustTiny(t).TagText(text); len(ents) == 0 || ents[0].Score != 0 {
		t.Errorf("a model without a temperature gave %+v", ents)
	}
	if _, err := Train(context.Background(), sents, &Resources{}, TrainOptions{Epochs: 2, ScoreTemperature: -1}); err == nil {
		t.Error("a negative temperature was accepted")
	}
	m, err := Train(context.Background(), sents, &Resources{}, TrainOptions{Epochs: 8, Seed: 7, Stages: 2, Folds: 3, ScoreTemperature: 5})
	if err != nil {
		t.Fatal(err)
	}
	m2 := writeAndRead(t, m, sents)
	if m2.Info.ScoreTemperature != 5 {
		t.Errorf("temperature read back %v", m2.Info.ScoreTemperature)
	}
	ents := m2.TagText(text)
	if len(ents) < 3 {
		t.Fatalf("entities %+v", ents)
	}
	for _, e := range ents {
		if !(e.Score > 0 && e.Score <= 1) {
			t.Errorf("entity %q score %v, want in (0, 1]", e.Text, e.Score)
		}
	}
	// a hotter model is less sure of the same entities
	m2.Info.ScoreTemperature = 50
	for i, e := range m2.TagText(text) {
		if e.Score >= ents[i].Score {
			t.Errorf("entity %q: score %v at T=50, %v at T=5", e.Text, e.Score, ents[i].Score)
		}
	}
	// the samples for fitting see the same entities
	ss := m.ConfidenceSamples(sents)
	n := 0
	for _, s := range ss {
		n += len(s.starts)
	}
	if n == 0 || len(ss) != len(sents) {
		t.Errorf("%d samples with %d entities for %d sentences", len(ss), n, len(sents))
	}
}

// BenchmarkSpanProbs times the entity confidences of a 30-word sentence
// with three entities, per token, against Viterbi over the same scores.
func BenchmarkSpanProbs(b *testing.B) {
	const n = 30
	r := rand.New(rand.NewPCG(5, 6))
	tr, sc := randomChain(r, n, 20)
	w := weights{trans: *tr}
	back := make([]int8, n*numLabels)
	pred := w.viterbi(sc, n, nil, back)
	pred[3], pred[4], pred[10], pred[20] = labelIndex["B-PER"], labelIndex["L-PER"], labelIndex["U-LOC"], labelIndex["U-ORG"]
	var tx transExp
	tx.set(tr, 1/28.1)
	buf := make([]float64, (3*numLabels+1)*n)
	var out []float32
	b.Run("spanProbs", func(b *testing.B) {
		for b.Loop() {
			out = spanProbs(&tx, sc, n, pred, 1/28.1, out, buf)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/token")
	})
	b.Run("viterbi", func(b *testing.B) {
		for b.Loop() {
			pred = w.viterbi(sc, n, pred, back)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/token")
	})
}
