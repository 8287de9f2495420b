package ner

import (
	"math"
	"slices"
)

// Entity confidence. The tagger's scores define a distribution over a
// sentence's label sequences, p(y) ∝ exp(score(y)/T) under the BILOU
// constraints (a linear-chain CRF whose potentials are the final stage's
// scores); an entity's confidence is the probability that the sentence has
// that entity: its labels exactly from its first word to its last, whatever
// the other words' labels. The temperature T is fitted on held-out entities
// (cross-validation: FitTemperature) and stored in the model
// (ModelInfo.ScoreTemperature); a model without it gives no scores.

// nextOf[p] lists the labels that may follow label p.
var nextOf = func() (nl [numLabels][]int8) {
	for p := 0; p < numLabels; p++ {
		for c := 0; c < numLabels; c++ {
			if allowed[p][c] {
				nl[p] = append(nl[p], int8(c))
			}
		}
	}
	return nl
}()

// transExp holds exp(tr/T) for the allowed transitions, 0 for the others.
type transExp [numLabels + 1][numLabels]float64

func (x *transExp) set(tr *[numLabels + 1][numLabels]float32, invT float64) {
	for p := range tr {
		for c := range tr[p] {
			x[p][c] = 0
			if allowed[p][c] {
				x[p][c] = math.Exp(float64(tr[p][c]) * invT)
			}
		}
	}
}

// spanProbs returns, for each token t that begins an entity of pred (a
// valid BILOU labelling of the n tokens), the probability of that entity
// under scores sc (n rows of numLabels) and the transitions, tx = exp(tr/T),
// at inverse temperature invT; other tokens get 0. buf is scratch of at
// least (3·numLabels+1)·n. The forward and backward passes run on
// probabilities rescaled at every token (Rabiner's scaling), so a token
// costs numLabels exponentials.
func spanProbs(tx *transExp, sc []float32, n int, pred []int, invT float64, out []float32, buf []float64) []float32 {
	if cap(out) < n {
		out = make([]float32, n)
	}
	out = out[:n]
	clear(out)
	has := false
	for _, l := range pred {
		has = has || l != 0
	}
	if !has {
		return out // no entity to score
	}
	const L = numLabels
	e, al, be, z := buf[:n*L], buf[n*L:2*n*L], buf[2*n*L:3*n*L], buf[3*n*L:3*n*L+n] // z[t]: the forward sum at t before normalising
	for t := 0; t < n; t++ {
		row := sc[t*L : t*L+L]
		mx := row[0]
		for _, v := range row[1:] {
			mx = max(mx, v)
		}
		for c, v := range row {
			e[t*L+c] = math.Exp(float64(v-mx) * invT)
		}
	}
	// the transitions into each label from the labels allowed before it,
	// contiguous
	var txT [numLabels][numLabels]float64
	for c := 0; c < L; c++ {
		for i, p := range prevOf[c] {
			txT[c][i] = tx[p][c]
		}
	}
	for t := 0; t < n; t++ {
		sum := 0.0
		for c := 0; c < L; c++ {
			a := 0.0
			if t == 0 {
				a = tx[L][c]
			} else {
				prev, col := al[(t-1)*L:t*L:t*L], &txT[c]
				for i, p := range prevOf[c] {
					a += prev[p] * col[i]
				}
			}
			a *= e[t*L+c]
			al[t*L+c] = a
			sum += a
		}
		if sum == 0 {
			return out // every labelling underflowed: no scores
		}
		z[t] = sum
		inv := 1 / sum
		for c := 0; c < L; c++ {
			al[t*L+c] *= inv
		}
	}
	for c := 0; c < L; c++ {
		be[(n-1)*L+c] = 1
		if open(c) {
			be[(n-1)*L+c] = 0 // no sentence ends inside a name
		}
	}
	var eb [numLabels]float64
	for t := n - 2; t >= 0; t-- {
		inv := 1 / z[t+1]
		for q := range eb {
			eb[q] = e[(t+1)*L+q] * be[(t+1)*L+q] * inv
		}
		for p := 0; p < L; p++ {
			b := 0.0
			row := &tx[p]
			for _, q := range nextOf[p] {
				b += row[q] * eb[q]
			}
			be[t*L+p] = b
		}
	}
	k := 0.0 // the share of the forward mass that ends outside a name
	for c := 0; c < L; c++ {
		k += al[(n-1)*L+c] * be[(n-1)*L+c]
	}
	if k == 0 {
		return out
	}
	for a := 0; a < n; a++ {
		l := pred[a]
		if l == 0 || labels[l][0] == 'I' || labels[l][0] == 'L' {
			continue
		}
		b := a
		p := al[a*L+l]
		for open(pred[b]) && b+1 < n {
			b++
			p *= tx[pred[b-1]][pred[b]] * e[b*L+pred[b]] / z[b]
		}
		p *= be[b*L+pred[b]] / k
		out[a] = float32(min(1, p))
	}
	return out
}

// ConfidenceSample is one tagged sentence kept for fitting the score
// temperature: the final stage's scores and transitions, the predicted
// labels, and its predicted entities in order: the first token of each and
// whether the gold has it (exact span and type).
type ConfidenceSample struct {
	sc     []float32
	tr     *[numLabels + 1][numLabels]float32
	pred   []int
	starts []int
	right  []bool
	// copied[k] says that entity k was tagged by the propagation pass and
	// takes the confidence of entity from[k].k of the sample from[k].ds
	// samples on (negative: back)
	copied []bool
	from   []entityRef
}

// entityRef points to an entity of another sample, relative to this one.
type entityRef struct{ ds, k int32 }

// Tags returns the sentence's predicted BIO tags.
func (cs ConfidenceSample) Tags() []string {
	tags := make([]string, len(cs.pred))
	for j, id := range cs.pred {
		tags[j] = bioTag[id]
	}
	return tags
}

// ConfidenceSamples tags gold sentences as one document, as Evaluate does,
// and keeps what FitTemperature needs (and the tags, for scoring).
func (m *Model) ConfidenceSamples(gold []Sentence) []ConfidenceSample {
	s := m.scratch()
	defer m.pool.Put(s)
	for i, g := range gold {
		m.prepare(s, i, g.Tokens)
	}
	s.keepScores = true
	m.tagDoc(s, len(gold))
	s.keepScores = false
	tr := &m.wt.trans
	if m.wt2 != nil {
		tr = &m.wt2.trans
	}
	out := make([]ConfidenceSample, len(gold))
	for i, g := range gold {
		d := &s.sents[i]
		cs := ConfidenceSample{sc: d.final, tr: tr, pred: append([]int(nil), d.pred...)}
		d.final = nil
		want := map[Span]bool{}
		for _, sp := range Spans(repairBIO(g.Tags)) {
			want[sp] = true
		}
		for _, sp := range Spans(cs.Tags()) {
			cs.starts = append(cs.starts, sp.Start)
			cs.right = append(cs.right, want[sp])
		}
		out[i] = cs
	}
	// the names the propagation pass tagged point to the names they copied
	if m.propagating() {
		for _, c := range s.copies {
			cs := &out[c.sent]
			k, src := slices.Index(cs.starts, c.start), slices.Index(out[c.srcSent].starts, c.srcStart)
			if k < 0 || src < 0 {
				continue
			}
			if cs.copied == nil {
				cs.copied, cs.from = make([]bool, len(cs.starts)), make([]entityRef, len(cs.starts))
			}
			cs.copied[k], cs.from[k] = true, entityRef{int32(c.srcSent - c.sent), int32(src)}
		}
	}
	return out
}

// TemperatureFit says how well entity confidences at a temperature
// predict which predicted entities are right (FitTemperature, CalibrationAt).
type TemperatureFit struct {
	T        float64 `json:"temperature"`
	Entities int     `json:"entities"`          // predicted entities scored
	Correct  int     `json:"correct"`           // of which the gold has (exact span and type)
	LogLoss  float64 `json:"log_loss"`          // mean log loss of the confidences
	ECE      float64 `json:"calibration_error"` // expected calibration error (10 equal-width bins)
	Mean     float64 `json:"mean_confidence"`   // mean confidence, to compare with Correct/Entities
}

// FitTemperature picks, on a log grid from 0.5 to 500, the temperature
// whose entity confidences best predict which predicted entities are right
// (least log loss).
func FitTemperature(samples []ConfidenceSample) TemperatureFit {
	best := TemperatureFit{LogLoss: math.Inf(1)}
	for T := 0.5; T <= 500; T *= math.Pow(10, 0.05) {
		if f := CalibrationAt(samples, T); f.LogLoss < best.LogLoss {
			best = f
		}
	}
	return best
}

// CalibrationAt scores the entity confidences at temperature T.
func CalibrationAt(samples []ConfidenceSample, T float64) TemperatureFit {
	probs, right := entityProbs(samples, T)
	f := TemperatureFit{T: T, Entities: len(probs)}
	for i, p := range probs {
		f.Mean += p
		p = math.Min(math.Max(p, 1e-6), 1-1e-6)
		if right[i] {
			f.Correct++
			f.LogLoss -= math.Log(p)
		} else {
			f.LogLoss -= math.Log(1 - p)
		}
	}
	if len(probs) > 0 {
		f.LogLoss /= float64(len(probs))
		f.Mean /= float64(len(probs))
	}
	f.ECE = calibrationError(probs, right)
	return f
}

func entityProbs(samples []ConfidenceSample, T float64) ([]float64, []bool) {
	var probs []float64
	var right []bool
	var buf []float64
	var sp []float32
	var tx transExp
	var txFor *[numLabels + 1][numLabels]float32
	first := make([]int, len(samples)) // index in probs of each sample's first entity
	copies := false
	for i, s := range samples {
		first[i] = len(probs)
		copies = copies || s.copied != nil
		n := len(s.pred)
		if len(buf) < (3*numLabels+1)*n {
			buf = make([]float64, (3*numLabels+1)*n)
		}
		if s.tr != txFor {
			tx.set(s.tr, 1/T)
			txFor = s.tr
		}
		sp = spanProbs(&tx, s.sc, n, s.pred, 1/T, sp, buf)
		for k, a := range s.starts {
			probs = append(probs, float64(sp[a]))
			right = append(right, s.right[k])
		}
	}
	if copies {
		for i, s := range samples {
			for k, c := range s.copied {
				if j := i + int(s.from[k].ds); c && j >= 0 && j < len(samples) {
					probs[first[i]+k] = probs[first[j]+int(s.from[k].k)]
				}
			}
		}
	}
	return probs, right
}

// calibrationError is the expected calibration error over 10 equal-width
// bins: the mean, weighted by the bins' sizes, of |accuracy − mean
// confidence| in each bin.
func calibrationError(probs []float64, right []bool) float64 {
	var n, conf, acc [10]float64
	for i, p := range probs {
		b := min(int(p*10), 9)
		n[b]++
		conf[b] += p
		if right[i] {
			acc[b]++
		}
	}
	e := 0.0
	for b := range n {
		if n[b] > 0 {
			e += math.Abs(acc[b]-conf[b]) / float64(len(probs))
		}
	}
	return e
}
