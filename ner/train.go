package ner

import (
	"context"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"sort"
	"strings"
	"time"
	"unicode/utf8"
)

// TrainOptions control training.
type TrainOptions struct {
	Epochs      int    // passes over the training data (the best dev epoch is kept when Dev is given)
	Seed        uint64 // shuffling seed; same data, options and seed give the same model
	Groups      int    // feature groups (FeatAll by default)
	MinFeatures int    // drop features seen fewer times in training (default 1: keep all)
	Dev         []Sentence
	Learner     string  // "perceptron" (default) or "crf"
	Stages      int     // 1: sentence by sentence; 2: add document features (default 1)
	Stacked     bool    // stage 2 adds document features to stage 1's scores instead of scoring every feature again
	StackScale  float64 // stacked: stage 1's scores are scaled by this (default 0.25)
	WordDropout float64 // perceptron: hide a token's word-identity features with this probability
	Folds       int     // stage 2: jackknife folds for the stage-1 labels (default 5)
	DocWindow   int     // stage 2: sentences looked at before and after (default 20)
	Mix         int     // average the weights of this many learners trained with different seeds (default 1)
	MixMin      int     // with Mix: keep a feature only where at least this many learners gave it a weight (default 1)
	// ScoreTemperature is stored in the model (ModelInfo.ScoreTemperature):
	// the temperature FitTemperature found in cross-validation; 0 for a
	// model that gives no entity scores
	ScoreTemperature float64
	// Propagate is stored in the model (ModelInfo.Propagate): the
	// confidence from which a name is tagged at the document's untagged
	// mentions of the same words; 0: off. It needs ScoreTemperature.
	Propagate float64
	L2        float64   // CRF: L2 regularisation per example (default 1e-5)
	Eta0      float64   // CRF: initial learning rate (default 0.1)
	Progress  io.Writer // one line per epoch; nil for none
	TrainData string    // description stored in the model info
}

// Train learns a model from tagged sentences (in document order: stage 2
// looks at nearby sentences): a first-order linear chain over BILOU labels
// (Viterbi decoding under BILOU constraints), learned with an averaged
// structured perceptron or as a CRF (see TrainOptions.Learner). res supplies
// the clusters and gazetteers baked into the model.
//
// With two stages, stage 1 is trained on all sentences, and stage 2 on the
// same sentences with document features computed from stage-1 labels that
// were predicted by models that had not seen them (Folds-fold jackknifing),
// so that stage 2 learns how far to trust stage 1.
func Train(ctx context.Context, train []Sentence, res *Resources, o TrainOptions) (*Model, error) {
	if o.Epochs <= 0 {
		o.Epochs = 10
	}
	if o.Groups == 0 {
		o.Groups = FeatAll
	}
	if o.MinFeatures <= 0 {
		o.MinFeatures = 1
	}
	if o.Learner == "" {
		o.Learner = "perceptron"
	}
	if o.Stages == 0 {
		o.Stages = 1
	}
	if o.Folds < 2 {
		o.Folds = 5
	}
	if o.StackScale <= 0 {
		o.StackScale = 0.25
	}
	if o.DocWindow <= 0 {
		o.DocWindow = 20
	}
	if len(train) == 0 {
		return nil, fmt.Errorf("ner: no training sentences")
	}
	if o.ScoreTemperature < 0 || math.IsNaN(o.ScoreTemperature) || math.IsInf(o.ScoreTemperature, 0) {
		return nil, fmt.Errorf("ner: score temperature %v: want a positive number, or 0 for no scores", o.ScoreTemperature)
	}
	if o.Propagate < 0 || o.Propagate > 1 || math.IsNaN(o.Propagate) {
		return nil, fmt.Errorf("ner: propagation confidence %v: want a number from 0 (off) to 1", o.Propagate)
	}
	if o.Propagate > 0 && o.ScoreTemperature == 0 {
		return nil, fmt.Errorf("ner: propagation needs entity confidences: give a score temperature too")
	}
	if o.MixMin > max(o.Mix, 1) {
		return nil, fmt.Errorf("ner: MixMin %d is more than the %d learners of Mix", o.MixMin, max(o.Mix, 1))
	}
	lex := res.lexicon()
	m := &Model{groups: o.Groups, lex: lex}
	m.Info.DocWindow = o.DocWindow
	t0 := time.Now()

	// stage 1
	sents := make([]docSent, len(train))
	gold := make([][]int, len(train))
	tokens := 0
	for i, s := range train {
		d := &sents[i]
		d.ws = make([]wordInfo, len(s.Tokens))
		for j, t := range s.Tokens {
			d.ws[j] = lex.analyze(t)
		}
		lex.markPhrases(d.ws)
		d.keys, d.offs = featurize(o.Groups, d.ws, nil, nil)
		tokens += len(s.Tokens)
		g, err := toBILOU(repairBIO(s.Tags))
		if err != nil {
			return nil, fmt.Errorf("ner: sentence %d: %v", i+1, err)
		}
		gold[i] = g
	}
	keys := make([][]uint32, len(sents))
	offs := make([][]int32, len(sents))
	for i := range sents {
		keys[i], offs[i] = sents[i].keys, sents[i].offs
	}
	progressf(o.Progress, "ner: %d sentences, %d tokens, featurized in %s", len(train), tokens, time.Since(t0).Round(time.Millisecond))
	evalStage1 := func(w weights) float64 {
		m.wt, m.wt2 = w, nil
		return m.Evaluate(o.Dev).F1
	}
	if len(o.Dev) == 0 {
		evalStage1 = nil
	}
	wt1, ep1, f1, err := trainStage(ctx, "stage 1", keys, offs, nil, gold, o, o.Epochs, evalStage1, t0)
	if err != nil {
		return nil, err
	}
	m.wt, m.wt2 = wt1, nil
	m.Info.Stages, m.Info.Epochs, m.Info.DevF1 = 1, ep1, f1

	if o.Stages >= 2 {
		// jackknifed stage-1 labels (and, stacked, scores) for the training sentences
		var base *stackBase
		if o.Stacked {
			base = &stackBase{sc: make([][]float32, len(sents)), trans: wt1.trans}
			for a := range base.trans {
				scaleScores(base.trans[a][:], float32(o.StackScale))
			}
		}
		for f := 0; f < o.Folds; f++ {
			lo, hi := len(sents)*f/o.Folds, len(sents)*(f+1)/o.Folds
			k := append(append([][]uint32{}, keys[:lo]...), keys[hi:]...)
			of := append(append([][]int32{}, offs[:lo]...), offs[hi:]...)
			g := append(append([][]int{}, gold[:lo]...), gold[hi:]...)
			wf, _, _, err := trainStage(ctx, fmt.Sprintf("stage 1, fold %d/%d", f+1, o.Folds), k, of, nil, g, o, ep1, nil, t0)
			if err != nil {
				return nil, err
			}
			var sc []float32
			var back []int8
			for i := lo; i < hi; i++ {
				n := len(sents[i].ws)
				sc, back = make([]float32, n*numLabels), make([]int8, n*numLabels)
				wf.emissions(sents[i].keys, sents[i].offs, sc)
				sents[i].pred = wf.viterbi(sc, n, nil, back)
				if base != nil {
					scaleScores(sc, float32(o.StackScale))
					base.sc[i] = sc
				}
			}
		}
		var idx docIndex
		idx.build(sents)
		keys2 := make([][]uint32, len(sents))
		offs2 := make([][]int32, len(sents))
		var dk []uint32
		var do []int32
		for i := range sents {
			dk, do = idx.features(sents, i, o.DocWindow, dk[:0], do)
			if o.Stacked {
				keys2[i], offs2[i] = append([]uint32(nil), dk...), append([]int32(nil), do...)
			} else {
				keys2[i], offs2[i] = mergeKeys(sents[i].keys, sents[i].offs, dk, do)
			}
		}
		o2 := o
		if o.Stacked {
			o2.WordDropout = 0 // the word's own features are in the stage-1 scores
			m.Info.Stage2, m.Info.StackScale = stage2Stacked, o.StackScale
		}
		evalStage2 := func(w weights) float64 {
			m.wt, m.wt2 = wt1, &w
			return m.Evaluate(o.Dev).F1
		}
		if len(o.Dev) == 0 {
			evalStage2 = nil
		}
		wt2, ep2, f2, err := trainStage(ctx, "stage 2", keys2, offs2, base, gold, o2, o.Epochs, evalStage2, t0)
		if err != nil {
			return nil, err
		}
		m.wt, m.wt2 = wt1, &wt2
		m.Info.Stages, m.Info.Epochs2, m.Info.DevF1 = 2, ep2, f2
	}
	if m.Info.DevF1 < 0 {
		m.Info.DevF1 = 0 // no development data
	}
	m.Info.Format = formatVersion
	m.Info.Groups = groupNames(o.Groups)
	m.Info.TrainData = o.TrainData
	m.Info.TrainSentences, m.Info.TrainTokens = len(train), tokens
	m.Info.Seed, m.Info.Learner = o.Seed, o.Learner
	if o.Mix > 1 {
		m.Info.Mix, m.Info.MixMin = o.Mix, max(o.MixMin, 1)
	}
	m.Info.ScoreTemperature = o.ScoreTemperature
	m.Info.Propagate = o.Propagate
	m.Info.Features = m.wt.table.n
	if m.wt2 != nil {
		m.Info.Features += m.wt2.table.n
	}
	m.Info.ClusterWords, m.Info.GazWords, m.Info.GazPhrases = res.clusterWords(), res.gazWords(lex), res.gazPhrases(lex)
	return m, nil
}

// mergeKeys interleaves two per-token key lists.
func mergeKeys(k1 []uint32, o1 []int32, k2 []uint32, o2 []int32) ([]uint32, []int32) {
	keys := make([]uint32, 0, len(k1)+len(k2))
	offs := make([]int32, 1, len(o1))
	for t := 0; t+1 < len(o1); t++ {
		keys = append(keys, k1[o1[t]:o1[t+1]]...)
		keys = append(keys, k2[o2[t]:o2[t+1]]...)
		offs = append(offs, int32(len(keys)))
	}
	return keys, offs
}

// stackBase is what a stacked stage starts from: every sentence's scores
// (numLabels per token) and the transitions.
type stackBase struct {
	sc    [][]float32
	trans [numLabels + 1][numLabels]float32
}

// startTrans sets a learner's transitions to the base's; a nil base leaves
// them at zero.
func (b *stackBase) startTrans(tr *[numLabels + 1][numLabels]float64) {
	if b == nil {
		return
	}
	for p := range tr {
		for q := range tr[p] {
			tr[p][q] = float64(b.trans[p][q])
		}
	}
}

// trainStage learns one weight set; with eval it keeps the epoch that
// scores best. With a base, the features' scores are added to the base's.
//
// With o.Mix > 1 it trains that many learners, with seeds o.Seed,
// o.Seed+mixSeedStep, …, on the same sentences and averages their weights:
// a linear scorer whose scores are the mean of theirs, at the tagging cost
// of one. The epochs are then fixed (eval only scores the mean). Features
// that fewer than o.MixMin learners gave a weight are dropped: a feature
// that one learner of three kept is most often a rare one that happened to
// take part in an update, and each kept feature costs time when tagging.
func trainStage(ctx context.Context, name string, keys [][]uint32, offs [][]int32, base *stackBase, gold [][]int, o TrainOptions,
	epochs int, eval func(weights) float64, t0 time.Time) (weights, int, float64, error) {
	insts, table := buildInsts(keys, offs, gold, o.MinFeatures)
	if base != nil {
		for i := range insts {
			insts[i].base = base.sc[i]
		}
	}
	if o.Mix <= 1 {
		w, ep, f1, err := learnStage(ctx, name, insts, table, base, o, epochs, eval, t0)
		if err == nil && eval == nil {
			w = compact(w)
		}
		return w, ep, f1, err
	}
	var sum weights
	kept := make([]int32, table.n) // how many learners gave each row a weight
	for k := 0; k < o.Mix; k++ {
		ok := o
		ok.Seed = o.Seed + uint64(k)*mixSeedStep
		w, _, _, err := learnStage(ctx, fmt.Sprintf("%s, learner %d/%d", name, k+1, o.Mix), insts, table, base, ok, epochs, nil, t0)
		if err != nil {
			return weights{}, 0, 0, err
		}
		for r := 0; r < table.n; r++ {
			for _, v := range w.w[r*rowLen : (r+1)*rowLen] {
				if v != 0 {
					kept[r]++
					break
				}
			}
		}
		if k == 0 {
			sum = w
			continue
		}
		for i, v := range w.w {
			sum.w[i] += v
		}
		for a := range sum.trans {
			for b := range sum.trans[a] {
				sum.trans[a][b] += w.trans[a][b]
			}
		}
	}
	f := 1 / float32(o.Mix)
	scaleScores(sum.w, f)
	for r, c := range kept {
		if int(c) < o.MixMin {
			clear(sum.w[r*rowLen : (r+1)*rowLen]) // compact drops the row
		}
	}
	for a := range sum.trans {
		scaleScores(sum.trans[a][:], f)
	}
	mean := compact(sum)
	f1 := -1.0
	if eval != nil {
		f1 = eval(mean)
		progressf(o.Progress, "ner: %s: mean of %d learners: dev F1 %.2f", name, o.Mix, f1)
	}
	return mean, epochs, f1, nil
}

// mixSeedStep separates the seeds of the learners that TrainOptions.Mix
// averages.
const mixSeedStep = 0x9e3779b9

// learnStage runs one learner over the sentences. Without eval it returns
// the last epoch's weights over the whole table (not compacted: the weights
// of learners that share a table can be added row by row); with eval, the
// compacted weights of the epoch that scores best.
func learnStage(ctx context.Context, name string, insts []inst, table ftable, base *stackBase, o TrainOptions,
	epochs int, eval func(weights) float64, t0 time.Time) (weights, int, float64, error) {
	l, err := newLearner(insts, table, base, o)
	if err != nil {
		return weights{}, 0, 0, err
	}
	order := make([]int, len(insts))
	for i := range order {
		order[i] = i
	}
	rnd := rand.New(rand.NewPCG(o.Seed, 0x6e6572))
	var best weights
	bestF1, bestEpoch := -1.0, 0
	for ep := 1; ep <= epochs; ep++ {
		if err := ctx.Err(); err != nil {
			return weights{}, 0, 0, err
		}
		rnd.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		stat := l.epoch(insts, order)
		line := fmt.Sprintf("ner: %s: epoch %d/%d: %d features, %s", name, ep, epochs, table.n, stat)
		if eval != nil {
			snap := compact(l.weights())
			f1 := eval(snap)
			line += fmt.Sprintf(", dev F1 %.2f", f1)
			if f1 > bestF1 {
				bestF1, bestEpoch, best = f1, ep, snap
			}
		}
		progressf(o.Progress, "%s, %s elapsed", line, time.Since(t0).Round(time.Millisecond))
	}
	if eval == nil {
		return l.weights(), epochs, -1, nil
	}
	progressf(o.Progress, "ner: %s: keeping epoch %d (dev F1 %.2f)", name, bestEpoch, bestF1)
	return best, bestEpoch, bestF1, nil
}

func newLearner(insts []inst, table ftable, base *stackBase, o TrainOptions) (learner, error) {
	var l learner
	switch o.Learner {
	case "perceptron":
		p := newPerceptron(table, o)
		base.startTrans(&p.tw)
		l = p
	case "crf":
		c := newCRF(table, o, len(insts))
		base.startTrans(&c.trans)
		l = c
	default:
		return nil, fmt.Errorf("ner: unknown learner %q", o.Learner)
	}
	return l, nil
}

// inst is one featurized training sentence.
type inst struct {
	rows []int32 // feature rows, flat; -1 for features not kept
	offs []int32 // token i's rows are rows[offs[i]:offs[i+1]]
	gold []int
	base []float32 // scores to start from (stacked stage 2), or nil
}

// learner is a training algorithm over featurized sentences.
type learner interface {
	epoch(insts []inst, order []int) string // one pass; returns a progress note
	weights() weights                       // the weights to tag with now
}

// buildInsts numbers the features seen at least minCount times, in key
// order (so that row numbers do not depend on map order).
func buildInsts(keys [][]uint32, offs [][]int32, gold [][]int, minCount int) ([]inst, ftable) {
	counts := map[uint32]int{}
	for _, ks := range keys {
		for _, k := range ks {
			counts[fixKey(k)]++
		}
	}
	kept := make([]uint32, 0, len(counts))
	for k, c := range counts {
		if c >= minCount {
			kept = append(kept, k)
		}
	}
	sort.Slice(kept, func(i, j int) bool { return kept[i] < kept[j] })
	table := newFtable(len(kept))
	for i, k := range kept {
		table.put(k, int32(i))
	}
	insts := make([]inst, len(keys))
	for i := range keys {
		in := inst{offs: offs[i], gold: gold[i], rows: make([]int32, len(keys[i]))}
		for j, k := range keys[i] {
			in.rows[j] = table.get(k)
		}
		insts[i] = in
	}
	return insts, table
}

// perceptron is the averaged structured perceptron, with lazy averaging:
// the average is w - acc/c.
type perceptron struct {
	table    ftable
	w, acc   []float64
	tw, tacc [numLabels + 1][numLabels]float64
	c        float64
	cur      weights
	sc       []float32
	back     []int8
	pred     []int
	dropout  float64 // probability of hiding a token's word-identity features
	rnd      *rand.Rand
	dropped  []bool
}

func newPerceptron(table ftable, o TrainOptions) *perceptron {
	n := table.n * numLabels
	p := &perceptron{table: table, w: make([]float64, n), acc: make([]float64, n), c: 1,
		cur: weights{table: table}}
	if o.WordDropout > 0 && o.Groups&FeatWord != 0 {
		p.dropout = o.WordDropout
		p.rnd = rand.New(rand.NewPCG(o.Seed, 0x64726f70))
	}
	return p
}

// wordKeys is where the word-identity keys of a token are in its feature
// list: featurize writes the bias, then the 4 FeatWord keys.
const wordKeysFrom, wordKeysTo = 1, 5

func (p *perceptron) epoch(insts []inst, order []int) string {
	errs := 0
	for _, idx := range order {
		in := &insts[idx]
		n := len(in.gold)
		if cap(p.sc) < n*numLabels {
			p.sc = make([]float32, n*numLabels)
			p.back = make([]int8, n*numLabels)
		}
		sc, back := p.sc[:n*numLabels], p.back[:n*numLabels]
		if in.base != nil {
			copy(sc, in.base)
		} else {
			clear(sc)
		}
		p.dropped = p.dropped[:0]
		for t := 0; t < n; t++ {
			p.dropped = append(p.dropped, p.dropout > 0 && p.rnd.Float64() < p.dropout)
		}
		for t := 0; t < n; t++ {
			row := sc[t*numLabels : t*numLabels+numLabels]
			for j, r := range in.rows[in.offs[t]:in.offs[t+1]] {
				if r < 0 || p.dropped[t] && j >= wordKeysFrom && j < wordKeysTo {
					continue
				}
				for l := range row {
					row[l] += float32(p.w[int(r)*numLabels+l])
				}
			}
		}
		for a := range p.tw {
			for b := range p.tw[a] {
				p.cur.trans[a][b] = float32(p.tw[a][b])
			}
		}
		p.pred = p.cur.viterbi(sc, n, p.pred, back)
		for t := 0; t < n; t++ {
			g, z := in.gold[t], p.pred[t]
			pg, pz := numLabels, numLabels
			if t > 0 {
				pg, pz = in.gold[t-1], p.pred[t-1]
			}
			if g != z {
				errs++
				for j, r := range in.rows[in.offs[t]:in.offs[t+1]] {
					if r < 0 || p.dropped[t] && j >= wordKeysFrom && j < wordKeysTo {
						continue
					}
					p.w[int(r)*numLabels+g]++
					p.acc[int(r)*numLabels+g] += p.c
					p.w[int(r)*numLabels+z]--
					p.acc[int(r)*numLabels+z] -= p.c
				}
			}
			if g != z || pg != pz {
				p.tw[pg][g]++
				p.tacc[pg][g] += p.c
				p.tw[pz][z]--
				p.tacc[pz][z] -= p.c
			}
		}
		p.c++
	}
	return fmt.Sprintf("%d token errors in training", errs)
}

func (p *perceptron) weights() weights {
	ws := weights{table: p.table, w: make([]float32, p.table.n*rowLen)}
	for r := 0; r < p.table.n; r++ {
		ws.setRow(r, func(l int) float64 { i := r*numLabels + l; return p.w[i] - p.acc[i]/p.c })
	}
	for a := range p.tw {
		for b := range p.tw[a] {
			ws.trans[a][b] = float32(p.tw[a][b] - p.tacc[a][b]/p.c)
		}
	}
	return ws
}

func progressf(w io.Writer, format string, args ...any) {
	if w != nil {
		fmt.Fprintf(w, format+"\n", args...)
	}
}

func groupNames(g int) []string {
	var out []string
	for name, bit := range FeatureGroupNames {
		if g&bit != 0 {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// compact drops feature rows whose weights are all zero and lays the rest
// out for tagging.
func compact(wt weights) weights {
	type kr struct {
		k uint32
		r int32
	}
	var live []kr
	wt.table.each(func(k uint32, r int32) {
		row := wt.w[int(r)*rowLen : int(r)*rowLen+rowLen]
		for _, v := range row {
			if v != 0 {
				live = append(live, kr{k, r})
				break
			}
		}
	})
	sort.Slice(live, func(i, j int) bool { return live[i].k < live[j].k })
	out := weights{table: newFtable(len(live)), w: make([]float32, len(live)*rowLen), trans: wt.trans}
	for i, x := range live {
		out.table.put(x.k, int32(i))
		copy(out.w[i*rowLen:i*rowLen+rowLen], wt.w[int(x.r)*rowLen:int(x.r)*rowLen+rowLen])
	}
	out.layout()
	return out
}

// Evaluate tags the sentences as one document, in order (stage 2 looks at
// DocWindow sentences around each), and scores them against their tags.
func (m *Model) Evaluate(gold []Sentence) Report { return score(gold, m.TagSentences) }

// score tags the gold sentences' tokens with tag and scores the tags.
func score(gold []Sentence, tag func([][]string) [][]string) Report {
	toks := make([][]string, len(gold))
	for i, g := range gold {
		toks[i] = g.Tokens
	}
	return Score(gold, tag(toks))
}

// EvaluateRaw scores the model the way the pipeline uses it: the gold
// sentences are written out as one plain text (tokens joined by spaces, a
// line per sentence), tagged with TagText, and the entities are mapped back
// onto the gold tokens they overlap.
func (m *Model) EvaluateRaw(gold []Sentence) Report { return score(gold, m.RawTags) }

// RawTags tags the sentences of one document, given as tokens, by writing
// them out as text (a line per sentence) and tagging that with TagText; each
// token gets the tag of the entity it overlaps.
func (m *Model) RawTags(sents [][]string) [][]string {
	return RawTagsWith(sents, func(text string) []TextSpan {
		ents := m.TagText(text)
		spans := make([]TextSpan, len(ents))
		for i, e := range ents {
			spans[i] = TextSpan{Start: e.Start, End: e.End, Type: e.Type}
		}
		return spans
	})
}

// TextSpan is a typed span of code points of a text: an entity, however
// found.
type TextSpan struct {
	Start, End int
	Type       string
}

// RawTagsWith writes the sentences out as one text, a space between tokens
// and a line break between sentences, finds its entities with tag (spans in
// text order, none overlapping), and maps them back to BIO tags of the
// tokens: a token takes the type of the entity it overlaps. RawTags tags
// with the model alone; marsad eval ner --pipeline with the whole analysis.
func RawTagsWith(sents [][]string, tag func(text string) []TextSpan) [][]string {
	var b strings.Builder
	type span struct{ start, end int }
	pos := make([][]span, len(sents))
	at := 0
	for si, tokens := range sents {
		if si > 0 {
			b.WriteByte('\n')
			at++
		}
		pos[si] = make([]span, len(tokens))
		for i, t := range tokens {
			if i > 0 {
				b.WriteByte(' ')
				at++
			}
			n := utf8.RuneCountInString(t)
			pos[si][i] = span{at, at + n}
			b.WriteString(t)
			at += n
		}
	}
	pred := make([][]string, len(sents))
	for si, tokens := range sents {
		pred[si] = make([]string, len(tokens))
		for i := range tokens {
			pred[si][i] = "O"
		}
	}
	ents := tag(b.String())
	si, ti := 0, 0 // walk the tokens alongside the entities (both in text order)
	for _, e := range ents {
		first := true
		for si < len(sents) {
			if ti >= len(sents[si]) {
				si, ti = si+1, 0
				continue
			}
			p := pos[si][ti]
			if p.end <= e.Start {
				ti++
				continue
			}
			if p.start >= e.End {
				break
			}
			if first {
				pred[si][ti] = "B-" + e.Type
				first = false
			} else {
				pred[si][ti] = "I-" + e.Type
			}
			ti++
		}
	}
	return pred
}

// repairBIO turns an I-X that does not continue an X span into B-X, the way
// conlleval reads it, so that every gold sequence obeys the BIO constraints.
func repairBIO(tags []string) []string {
	var out []string
	for i, t := range tags {
		if len(t) > 2 && t[0] == 'I' {
			prev := "O"
			if i > 0 {
				prev = tags[i-1]
			}
			if prev == "O" || prev[2:] != t[2:] {
				if out == nil {
					out = append([]string(nil), tags...)
				}
				out[i] = "B" + t[1:]
			}
		}
	}
	if out == nil {
		return tags
	}
	return out
}
