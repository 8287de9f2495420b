package ner

import (
	"context"
	"fmt"
	"io"
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
	Progress    io.Writer // one line per epoch; nil for none
	TrainData   string    // description stored in the model info
}

// Train learns a model from tagged sentences with an averaged structured
// perceptron over a first-order linear chain (Viterbi decoding under BIO
// constraints). res supplies the clusters and gazetteers baked into the model.
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
	if len(train) == 0 {
		return nil, fmt.Errorf("ner: no training sentences")
	}
	lex := res.lexicon()
	m := &Model{groups: o.Groups, lex: lex}
	t0 := time.Now()

	// featurize the training data once
	type inst struct {
		rows []int32 // feature rows, flat
		offs []int32
		gold []int
	}
	counts := map[uint32]int{}
	var allKeys [][]uint32
	var allOffs [][]int32
	tokens := 0
	for _, s := range train {
		ws := make([]wordInfo, len(s.Tokens))
		for i, t := range s.Tokens {
			ws[i] = lex.analyze(t)
		}
		lex.markPhrases(ws)
		keys, offs := featurize(o.Groups, ws, nil, nil)
		for _, k := range keys {
			counts[fixKey(k)]++
		}
		allKeys = append(allKeys, keys)
		allOffs = append(allOffs, offs)
		tokens += len(s.Tokens)
	}
	// rows in sorted key order, so row numbers do not depend on map order
	kept := make([]uint32, 0, len(counts))
	for k, c := range counts {
		if c >= o.MinFeatures {
			kept = append(kept, k)
		}
	}
	sort.Slice(kept, func(i, j int) bool { return kept[i] < kept[j] })
	table := newFtable(len(kept))
	for i, k := range kept {
		table.put(k, int32(i))
	}
	insts := make([]inst, len(train))
	for i, s := range train {
		in := inst{offs: allOffs[i], gold: make([]int, len(s.Tags))}
		in.rows = make([]int32, len(allKeys[i]))
		for j, k := range allKeys[i] {
			in.rows[j] = table.get(k)
		}
		for j, t := range s.Tags {
			l, ok := labelIndex[t]
			if !ok {
				return nil, fmt.Errorf("ner: sentence %d: unknown tag %q", i+1, t)
			}
			in.gold[j] = l
		}
		insts[i] = in
	}
	allKeys, allOffs, counts = nil, nil, nil
	nrows := len(kept)
	progressf(o.Progress, "ner: %d sentences, %d tokens, %d features (seen ≥%d times), featurized in %s",
		len(train), tokens, nrows, o.MinFeatures, time.Since(t0).Round(time.Millisecond))

	// averaged perceptron with lazy averaging: avg = w - acc/c
	w := make([]float64, nrows*numLabels)
	acc := make([]float64, nrows*numLabels)
	var tw, tacc [numLabels + 1][numLabels]float64
	c := 1.0
	cur := weights{table: table, w: make([]float32, nrows*numLabels)}
	var sc []float32
	var back []int8
	var pred []int
	order := make([]int, len(insts))
	for i := range order {
		order[i] = i
	}
	rnd := rand.New(rand.NewPCG(o.Seed, 0x6e6572))
	snapshot := func() weights {
		ws := weights{table: table, w: make([]float32, len(w))}
		for i := range w {
			ws.w[i] = float32(w[i] - acc[i]/c)
		}
		for p := range tw {
			for q := range tw[p] {
				ws.trans[p][q] = float32(tw[p][q] - tacc[p][q]/c)
			}
		}
		return ws
	}
	var best weights
	bestF1, bestEpoch := -1.0, 0
	for ep := 1; ep <= o.Epochs; ep++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		rnd.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		errs := 0
		for _, idx := range order {
			in := &insts[idx]
			n := len(in.gold)
			if cap(sc) < n*numLabels {
				sc = make([]float32, n*numLabels)
				back = make([]int8, n*numLabels)
			}
			sc, back = sc[:n*numLabels], back[:n*numLabels]
			// emissions from the current (non-averaged) weights
			clear(sc)
			for t := 0; t < n; t++ {
				row := sc[t*numLabels : t*numLabels+numLabels]
				for _, r := range in.rows[in.offs[t]:in.offs[t+1]] {
					if r < 0 {
						continue
					}
					for l := range row {
						row[l] += float32(w[int(r)*numLabels+l])
					}
				}
			}
			for p := range tw {
				for q := range tw[p] {
					cur.trans[p][q] = float32(tw[p][q])
				}
			}
			pred = cur.viterbi(sc, n, pred, back)
			for t := 0; t < n; t++ {
				g, z := in.gold[t], pred[t]
				pg, pz := numLabels, numLabels
				if t > 0 {
					pg, pz = in.gold[t-1], pred[t-1]
				}
				if g != z {
					errs++
					for _, r := range in.rows[in.offs[t]:in.offs[t+1]] {
						if r < 0 {
							continue
						}
						w[int(r)*numLabels+g]++
						acc[int(r)*numLabels+g] += c
						w[int(r)*numLabels+z]--
						acc[int(r)*numLabels+z] -= c
					}
				}
				if g != z || pg != pz {
					tw[pg][g]++
					tacc[pg][g] += c
					tw[pz][z]--
					tacc[pz][z] -= c
				}
			}
			c++
		}
		line := fmt.Sprintf("ner: epoch %d/%d: %d token errors in training", ep, o.Epochs, errs)
		if len(o.Dev) > 0 {
			snap := snapshot()
			m.wt = snap
			f1 := m.Evaluate(o.Dev).F1
			line += fmt.Sprintf(", dev F1 %.2f", f1)
			if f1 > bestF1 {
				bestF1, bestEpoch, best = f1, ep, snap
			}
		}
		progressf(o.Progress, "%s, %s elapsed", line, time.Since(t0).Round(time.Millisecond))
	}
	if len(o.Dev) > 0 {
		m.wt = best
		progressf(o.Progress, "ner: keeping epoch %d (dev F1 %.2f)", bestEpoch, bestF1)
	} else {
		m.wt = snapshot()
		bestEpoch = o.Epochs
	}
	m.wt = compact(m.wt)
	m.Info = ModelInfo{
		Format: formatVersion, Groups: groupNames(o.Groups), TrainData: o.TrainData,
		TrainSentences: len(train), TrainTokens: tokens, Epochs: bestEpoch, Seed: o.Seed,
		Features: m.wt.table.n, ClusterWords: res.clusterWords(), GazWords: res.gazWords(lex), GazPhrases: res.gazPhrases(lex),
	}
	if bestF1 >= 0 {
		m.Info.DevF1 = bestF1
	}
	return m, nil
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

// compact drops feature rows whose weights are all zero.
func compact(wt weights) weights {
	type kr struct {
		k uint32
		r int32
	}
	var live []kr
	for i, k := range wt.table.keys {
		if k == 0 {
			continue
		}
		r := wt.table.rows[i]
		row := wt.w[int(r)*numLabels : int(r)*numLabels+numLabels]
		for _, v := range row {
			if v != 0 {
				live = append(live, kr{k, r})
				break
			}
		}
	}
	sort.Slice(live, func(i, j int) bool { return live[i].k < live[j].k })
	out := weights{table: newFtable(len(live)), w: make([]float32, len(live)*numLabels), trans: wt.trans}
	for i, x := range live {
		out.table.put(x.k, int32(i))
		copy(out.w[i*numLabels:i*numLabels+numLabels], wt.w[int(x.r)*numLabels:int(x.r)*numLabels+numLabels])
	}
	return out
}

// Evaluate tags the sentences and scores them against their tags.
func (m *Model) Evaluate(gold []Sentence) Report {
	sc := NewScorer()
	s := m.scratch()
	pred := make([]string, 0, 64)
	for _, g := range gold {
		ids := m.tagIDs(s, g.Tokens)
		pred = pred[:0]
		for _, id := range ids {
			pred = append(pred, labels[id])
		}
		sc.Add(g.Tags, pred)
	}
	m.pool.Put(s)
	return sc.Report()
}

// EvaluateRaw scores the model the way the pipeline uses it: each gold
// sentence is written out as plain text (tokens joined by spaces), tagged
// with TagText, and the entities are mapped back onto the gold tokens they
// overlap.
func (m *Model) EvaluateRaw(gold []Sentence) Report {
	sc := NewScorer()
	for _, g := range gold {
		sc.Add(g.Tags, m.RawTags(g.Tokens))
	}
	return sc.Report()
}

// RawTags tags one sentence given as tokens by writing it out as text and
// tagging that with TagText (see EvaluateRaw).
func (m *Model) RawTags(tokens []string) []string {
	var b strings.Builder
	starts := make([]int, len(tokens))
	ends := make([]int, len(tokens))
	pos := 0
	for i, t := range tokens {
		if i > 0 {
			b.WriteByte(' ')
			pos++
		}
		starts[i] = pos
		b.WriteString(t)
		pos += utf8.RuneCountInString(t)
		ends[i] = pos
	}
	pred := make([]string, len(tokens))
	for i := range pred {
		pred[i] = "O"
	}
	for _, e := range m.TagText(b.String()) {
		first := true
		for i := range tokens {
			if ends[i] <= e.Start || starts[i] >= e.End {
				continue
			}
			if first {
				pred[i] = "B-" + e.Type
				first = false
			} else {
				pred[i] = "I-" + e.Type
			}
		}
	}
	return pred
}
