package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/marsad/marsad/analysis"
	"github.com/marsad/marsad/ner"
	"github.com/marsad/marsad/ner/wordclust"
	"github.com/marsad/marsad/pipeline"
)

func init() {
	trainTargets["clusters"] = &target{summary: "learn word clusters for the NER tagger from unlabelled news", run: runTrainClusters}
}

func runTrainClusters(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "train clusters", "--out FILE [flags]", `Learns word clusters for the NER tagger from unlabelled news: skip-gram
embeddings (word2vec with negative sampling) of every word seen --min-count
times, then spherical k-means into 64, 256 and 1024 clusters (--ks); or,
with --method exchange, classes of a class bigram model (words grouped by
the words that follow them; a few minutes instead of ~15). Single-threaded
and deterministic given --seed. The output (gzip text: word, count, one
cluster id per granularity) is an input of "marsad train ner --clusters";
it derives from the corpus and carries its licence (SaudiNewsNet: CC BY-NC-SA
4.0, research only), so it ships only inside a model.`)
	o := wordclust.DefaultOptions()
	corpus := fs.String("corpus", "../shared/data/saudinewsnet", "directory of SaudiNewsNet-style *.zip files (JSON arrays with title and content)")
	out := fs.String("out", "", "output file (gzip text: word, count, one cluster id per granularity)")
	fs.IntVar(&o.Epochs, "epochs", o.Epochs, "skip-gram epochs")
	fs.IntVar(&o.Dim, "dim", o.Dim, "embedding size")
	fs.IntVar(&o.Window, "window", o.Window, "context window of the skip-gram model")
	fs.IntVar(&o.MinCount, "min-count", o.MinCount, "drop words seen fewer times")
	fs.IntVar(&o.MaxVocab, "max-vocab", o.MaxVocab, "cluster only this many most frequent words (0: all)")
	seed := fs.Uint64("seed", o.Seed, "random seed")
	ks := fs.String("ks", joinInts(o.Ks), "cluster counts, coarse to fine (a comma list)")
	method := fs.String("method", "kmeans", "kmeans (of skip-gram embeddings) or exchange (class bigram model)")
	passes := fs.Int("passes", 10, "exchange: passes over the vocabulary")
	reverse := fs.Bool("reverse", false, "exchange: group words by the words before them instead of after")
	if _, err := parseArgs(fs, args); err != nil {
		return usageStatus(err)
	}
	if *out == "" {
		fmt.Fprintln(e.stderr, "marsad train clusters: --out is required")
		return 2
	}
	if *method != "kmeans" && *method != "exchange" {
		fmt.Fprintf(e.stderr, "marsad train clusters: --method %q: want kmeans or exchange\n", *method)
		return 2
	}
	var err error
	if o.Ks, err = parseKs(*ks); err != nil {
		fmt.Fprintln(e.stderr, "marsad train clusters: --ks:", err)
		return 2
	}
	o.Seed = *seed
	o.Progress = e.stderr
	t0 := time.Now()
	b := wordclust.NewBuilder()
	n, err := wordclust.ReadNewsZips(*corpus, func(line string) {
		ws := ner.CorpusWords(line)
		if *reverse {
			slices.Reverse(ws)
		}
		b.Add(ws)
	})
	if err != nil {
		fmt.Fprintln(e.stderr, "marsad train clusters:", err)
		return 1
	}
	c := b.Build(o.MinCount)
	fmt.Fprintf(e.stderr, "clusters: read %d articles, %d tokens, %d words seen ≥%d times (%s)\n",
		n, c.Tokens, len(c.Vocab), o.MinCount, time.Since(t0).Round(time.Second))
	var r *wordclust.Result
	if *method == "exchange" {
		r, err = wordclust.LearnExchange(ctx, c, o, *passes)
	} else {
		r, err = wordclust.Learn(ctx, c, o)
	}
	if err != nil {
		fmt.Fprintln(e.stderr, "marsad train clusters:", err)
		return 1
	}
	f, err := os.Create(*out)
	if err != nil {
		fmt.Fprintln(e.stderr, "marsad train clusters:", err)
		return 1
	}
	note := fmt.Sprintf("corpus=%q articles=%d tokens=%d dim=%d window=%d epochs=%d seed=%d", *corpus, n, c.Tokens, o.Dim, o.Window, o.Epochs, o.Seed)
	if *method == "exchange" {
		note = fmt.Sprintf("corpus=%q articles=%d tokens=%d method=exchange passes=%d reverse=%v", *corpus, n, c.Tokens, *passes, *reverse)
	}
	if err := r.Write(f, note); err != nil {
		f.Close()
		fmt.Fprintln(e.stderr, "marsad train clusters:", err)
		return 1
	}
	if err := f.Close(); err != nil {
		fmt.Fprintln(e.stderr, "marsad train clusters:", err)
		return 1
	}
	fmt.Fprintf(e.stderr, "clusters: wrote %d words to %s in %s\n", len(r.Words), *out, time.Since(t0).Round(time.Second))
	return 0
}

func init() {
	trainTargets["ner"] = &target{summary: "train the named-entity tagger from CoNLL files", run: runTrainNER}
}

func runTrainNER(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "train ner", "--train FILE [--dev FILE] --out MODEL [flags]", `Trains the named-entity tagger from CoNLL files ("token TAG" lines, a blank
line between sentences, B-/I- tags over PER LOC ORG MISC; PERS is read as
PER; ANERcorp's and AQMAR's quirks are repaired). Sentences are taken in
order as running text: stage 2 looks at the sentences around each.
Deterministic given the data, the flags and --seed; progress (epoch, dev F1,
elapsed time) goes to stderr. See ner/MODEL.md for the shipped model's
command line.`)
	trainPath := fs.String("train", "", "training data: CoNLL \"token TAG\" lines, blank line between sentences (B-/I- tags; PERS read as PER)")
	devPath := fs.String("dev", "", "development data for choosing the epoch (CoNLL)")
	devSplit := fs.Float64("dev-split", 0, "carve this fraction of the training sentences off the end as development data (instead of --dev)")
	out := fs.String("out", "", "write the model here (gzip-compressed)")
	epochs := fs.Int("epochs", 12, "passes over the training data")
	seed := fs.Uint64("seed", 1, "random seed (training is deterministic given data, options and seed)")
	clusters := fs.String("clusters", "", "word clusters from \"marsad train clusters\" (a comma list: each file adds its granularities)")
	dataDir := fs.String("data", "../shared/data", "directory of the shared name lists")
	lists := fs.String("lists", "geonames,countries,firstnames", "name lists to bake in: geonames, countries, firstnames, anergazet (research only), kb=DIR (a kb/data directory)")
	features := fs.String("features", "all", "feature groups: all, or a comma list of word,context,affix,shape,cluster,gaz,first; -name removes one from all")
	minFeat := fs.Int("min-features", 1, "drop features seen fewer times")
	dump := fs.String("dump-dev", "", "write the development sentences with gold and predicted tags here (token gold pred)")
	learner := fs.String("learner", "perceptron", "perceptron or crf")
	l2 := fs.Float64("l2", 0, "CRF: L2 regularisation per example (0: default)")
	eta0 := fs.Float64("eta0", 0, "CRF: initial learning rate (0: default)")
	dropout := fs.Float64("word-dropout", 0, "hide a token's word-identity features with this probability in each training pass (learn to back off to clusters, lists and context)")
	stages := fs.Int("stages", 2, "1: tag sentence by sentence; 2: add a second stage with document features")
	stage2 := fs.String("stage2", "full", "stage 2: full (score every feature again, with the document features) or stacked (add the document features to stage 1's scores: half the lookups)")
	window := fs.Int("doc-window", 20, "stage 2: sentences looked at before and after each sentence")
	mix := fs.Int("mix", 1, "average the weights of this many learners per stage, trained with different seeds (training this many times longer)")
	mixMin := fs.Int("mix-min", 1, "with --mix: keep a feature only where at least this many learners gave it a weight (fewer features, faster tagging)")
	temp := fs.Float64("score-temperature", 0, "store this temperature in the model, which then gives each entity a confidence (the one --folds fits); 0: no confidences")
	prop := fs.Float64("propagate", 0, "store this confidence in the model: after decoding, a name tagged at least this sure is also tagged where the same words stand untagged in the sentences around (needs --score-temperature); 0: off")
	folds := fs.Int("folds", 0, "cross-validate: train K models, each holding out one contiguous K-th of --train, report the F1s (no model written)")
	if _, err := parseArgs(fs, args); err != nil {
		return usageStatus(err)
	}
	if *trainPath == "" {
		fmt.Fprintln(e.stderr, "marsad train ner: --train is required")
		return 2
	}
	if *stage2 != "full" && *stage2 != "stacked" {
		fmt.Fprintf(e.stderr, "marsad train ner: --stage2 %q: want full or stacked\n", *stage2)
		return 2
	}
	groups, err := parseGroups(*features)
	if err != nil {
		fmt.Fprintln(e.stderr, "marsad train ner:", err)
		return 2
	}
	train, st, err := ner.ReadCoNLLPath(*trainPath)
	if err != nil {
		fmt.Fprintln(e.stderr, "marsad train ner:", err)
		return 1
	}
	fmt.Fprintf(e.stderr, "ner: read %s: %d sentences, %d tokens (%d records dropped, %d lines split, relabelled %v)\n",
		*trainPath, st.Sentences, st.Tokens, st.Dropped, st.Split, st.Relabeled)
	var dev []ner.Sentence
	switch {
	case *devPath != "":
		dev, _, err = ner.ReadCoNLLPath(*devPath)
		if err != nil {
			fmt.Fprintln(e.stderr, "marsad train ner:", err)
			return 1
		}
	case *devSplit > 0 && *devSplit < 1:
		cut := len(train) - int(float64(len(train))**devSplit)
		train, dev = train[:cut], train[cut:]
		fmt.Fprintf(e.stderr, "ner: %d sentences for training, the last %d for development\n", len(train), len(dev))
	}
	res := &ner.Resources{}
	if *clusters != "" {
		for _, p := range strings.Split(*clusters, ",") {
			c, err := ner.LoadClusters(p)
			if err != nil {
				fmt.Fprintln(e.stderr, "marsad train ner:", err)
				return 1
			}
			res.Clusters = append(res.Clusters, c)
		}
	}
	if *lists != "" {
		if res.Lists, err = ner.SharedLists(*dataDir, strings.Split(*lists, ",")); err != nil {
			fmt.Fprintln(e.stderr, "marsad train ner:", err)
			return 1
		}
	}
	opts := ner.TrainOptions{Epochs: *epochs, Seed: *seed, Groups: groups, MinFeatures: *minFeat,
		Learner: *learner, L2: *l2, Eta0: *eta0, Stages: *stages, Stacked: *stage2 == "stacked", DocWindow: *window, WordDropout: *dropout,
		Mix: *mix, MixMin: *mixMin, ScoreTemperature: *temp, Propagate: *prop}
	if *folds > 1 {
		return crossValidate(ctx, e, train, res, *folds, opts)
	}
	opts.Dev, opts.Progress, opts.TrainData = dev, e.stderr, *trainPath
	m, err := ner.Train(ctx, train, res, opts)
	if err != nil {
		fmt.Fprintln(e.stderr, "marsad train ner:", err)
		return 1
	}
	if *dump != "" && len(dev) > 0 {
		f, err := os.Create(*dump)
		if err != nil {
			fmt.Fprintln(e.stderr, "marsad train ner:", err)
			return 1
		}
		for _, s := range dev {
			p := m.TagTokens(s.Tokens)
			for i, t := range s.Tokens {
				fmt.Fprintf(f, "%s %s %s\n", t, s.Tags[i], p[i])
			}
			fmt.Fprintln(f)
		}
		f.Close()
	}
	if *out != "" {
		if err := m.Save(*out); err != nil {
			fmt.Fprintln(e.stderr, "marsad train ner:", err)
			return 1
		}
		fi, _ := os.Stat(*out)
		fmt.Fprintf(e.stderr, "ner: wrote %s (%d bytes, %d features)\n", *out, fi.Size(), m.Info.Features)
	}
	return 0
}

func parseGroups(s string) (int, error) {
	if s == "" || s == "all" {
		return ner.FeatAll, nil
	}
	g := 0
	parts := strings.Split(s, ",")
	if strings.HasPrefix(parts[0], "-") {
		g = ner.FeatAll
	}
	for _, p := range parts {
		neg := strings.HasPrefix(p, "-")
		bit, ok := ner.FeatureGroupNames[strings.TrimPrefix(p, "-")]
		if !ok {
			return 0, fmt.Errorf("unknown feature group %q", p)
		}
		if neg {
			g &^= bit
		} else {
			g |= bit
		}
	}
	return g, nil
}

func crossValidate(ctx context.Context, e *env, all []ner.Sentence, res *ner.Resources, k int, o ner.TrainOptions) int {
	var sum float64
	total := ner.NewScorer()
	var samples []ner.ConfidenceSample
	for f := 0; f < k; f++ {
		lo, hi := len(all)*f/k, len(all)*(f+1)/k
		train := append(append([]ner.Sentence{}, all[:lo]...), all[hi:]...)
		m, err := ner.Train(ctx, train, res, o)
		if err != nil {
			fmt.Fprintln(e.stderr, "marsad train ner:", err)
			return 1
		}
		// one tagging of the fold gives its F1, the pooled F1 and the
		// entities the score temperature is fitted on
		fold := ner.NewScorer()
		cs := m.ConfidenceSamples(all[lo:hi])
		for i, c := range cs {
			tags := c.Tags()
			fold.Add(all[lo+i].Tags, tags)
			total.Add(all[lo+i].Tags, tags)
		}
		samples = append(samples, cs...)
		r := fold.Report()
		sum += r.F1
		fmt.Fprintf(e.stderr, "ner: fold %d/%d: F1 %.2f\n", f+1, k, r.F1)
	}
	r := total.Report()
	fmt.Fprintf(e.stdout, "cv %d folds: mean F1 %.2f, pooled F1 %.2f (PER %.2f LOC %.2f ORG %.2f MISC %.2f)\n", k, sum/float64(k), r.F1,
		r.PerType["PER"].F1, r.PerType["LOC"].F1, r.PerType["ORG"].F1, r.PerType["MISC"].F1)
	fit := ner.FitTemperature(samples)
	fmt.Fprintf(e.stdout, "cv entity confidence: --score-temperature %.3g fits best: calibration error %.3f, log loss %.3f, mean confidence %.3f, over %d predicted entities (%d right)\n",
		fit.T, fit.ECE, fit.LogLoss, fit.Mean, fit.Entities, fit.Correct)
	return 0
}

func init() {
	evalTargets["ner"] = &target{summary: "score the named-entity tagger on CoNLL gold data (conlleval style)", run: runEvalNER}
}

func loadNERModel(path string) (*ner.Model, error) {
	if path == "" {
		return ner.Default()
	}
	return ner.Load(path)
}

func runEvalNER(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "eval ner", "--gold FILE|DIR [--model MODEL] [--json]", `Tags gold CoNLL data with a model (the embedded one by default) and prints
conlleval-style precision, recall and F1 per type and micro-averaged (exact
span and type), with the tagging speed. A file, or the files of a folder in
name order, is read as one running text: stage 2 looks at the 20 sentences
before and after each (--sentence tags each sentence alone). For a model
that scores its entities (trained with --score-temperature), a last line
says how well the scores predict which entities are right: their mean
against the share right, and the calibration error (10 bins). A line on
stderr says which model was scored: its training data, stages and options.`)
	goldPath := fs.String("gold", "", "gold CoNLL file, or a directory of them (*.txt, *.conll)")
	modelPath := fs.String("model", "", "model file (default: the model embedded in marsad)")
	asJSON := fs.Bool("json", false, "print the scores as JSON")
	raw := fs.Bool("raw", false, "write the gold tokens out as text and tag that through the tokeniser, as marsad analyze does; entities are mapped back to the gold tokens")
	perSentence := fs.Bool("sentence", false, "tag each sentence alone, without the document around it (the file is otherwise read as one document: stage 2 looks at the sentences around each)")
	whole := fs.Bool("pipeline", false, "score the entities of the whole analysis (the tagger, then the knowledge base, the dates…), as marsad analyze writes them, not the tagger's alone; implies --raw and uses the embedded model or $MARSAD_NER_MODEL")
	predPath := fs.String("pred", "", "also write \"token gold predicted\" lines here")
	respell := fs.String("respell", "", "respell the gold tokens before tagging, as much real news writes them, to measure what that costs: a comma list of hamza (أ إ آ written ا), final-ya (a final ي written ى, as Egyptian papers do), final-alef-maqsura (a final ى written ي: علي for على), ta-marbuta (a final ة written ه); all is the first, second and fourth")
	if _, err := parseArgs(fs, args); err != nil {
		return usageStatus(err)
	}
	if *goldPath == "" {
		fmt.Fprintln(e.stderr, "marsad eval ner: --gold is required")
		return 2
	}
	spelling, err := ner.ParseRespelling(*respell)
	if err != nil {
		fmt.Fprintln(e.stderr, "marsad eval ner: --respell:", err)
		return 2
	}
	if *whole && *modelPath != "" {
		fmt.Fprintln(e.stderr, "marsad eval ner: --pipeline analyses with the embedded model or $MARSAD_NER_MODEL; set that instead of --model")
		return 2
	}
	m, err := loadNERModel(*modelPath)
	if err != nil {
		fmt.Fprintln(e.stderr, "marsad eval ner:", err)
		return 1
	}
	var tagText func(text string) []ner.TextSpan
	if *whole {
		*raw = true
		p, err := pipeline.New()
		if err != nil {
			fmt.Fprintln(e.stderr, "marsad eval ner:", err)
			return 1
		}
		tagText = func(text string) []ner.TextSpan {
			a, err := p.Analyze(ctx, &analysis.Document{ID: "eval", Text: text})
			if err != nil {
				return nil // a cancelled run: ctx is checked below
			}
			spans := make([]ner.TextSpan, 0, len(a.Entities))
			for _, en := range a.Entities {
				spans = append(spans, ner.TextSpan{Start: en.Start, End: en.End, Type: en.Type})
			}
			return spans
		}
	}
	rawTags := func(sents [][]string) [][]string {
		if tagText != nil {
			return ner.RawTagsWith(sents, tagText)
		}
		return m.RawTags(sents)
	}
	name := *modelPath
	if name == "" {
		name = "the embedded model"
	}
	fmt.Fprintf(e.stderr, "ner: %s: %s\n", name, m.Info.Summary())
	gold, _, err := ner.ReadCoNLLPath(*goldPath)
	if err != nil {
		fmt.Fprintln(e.stderr, "marsad eval ner:", err)
		return 1
	}
	if spelling != 0 {
		gold = ner.RespellSentences(gold, spelling)
		fmt.Fprintf(e.stderr, "ner: gold tokens respelled: %s\n", spelling)
	}
	sc := ner.NewScorer()
	toks := make([][]string, len(gold))
	tokens := 0
	for i, s := range gold {
		toks[i] = s.Tokens
		tokens += len(s.Tokens)
	}
	var preds [][]string
	t0 := time.Now()
	switch {
	case *perSentence:
		preds = make([][]string, len(gold))
		for i, s := range toks {
			if i%256 == 0 && ctx.Err() != nil {
				fmt.Fprintln(e.stderr, "marsad eval ner:", ctx.Err())
				return 1
			}
			if *raw {
				preds[i] = rawTags([][]string{s})[0]
			} else {
				preds[i] = m.TagTokens(s)
			}
		}
	case *raw:
		preds = rawTags(toks)
	default:
		preds = m.TagSentences(toks)
	}
	elapsed := time.Since(t0)
	for i, s := range gold {
		sc.Add(s.Tags, preds[i])
	}
	r := sc.Report()
	if elapsed > 0 {
		r.TokensPerSecond = float64(int(float64(tokens) / elapsed.Seconds()))
	}
	if T := m.Info.ScoreTemperature; T > 0 && !*perSentence && !*raw {
		c := ner.CalibrationAt(m.ConfidenceSamples(gold), T)
		r.Confidence = &c
	}
	if *predPath != "" {
		f, err := os.Create(*predPath)
		if err != nil {
			fmt.Fprintln(e.stderr, "marsad eval ner:", err)
			return 1
		}
		for i, s := range gold {
			for j, t := range s.Tokens {
				fmt.Fprintf(f, "%s %s %s\n", t, s.Tags[j], preds[i][j])
			}
			fmt.Fprintln(f)
		}
		if err := f.Close(); err != nil {
			fmt.Fprintln(e.stderr, "marsad eval ner:", err)
			return 1
		}
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		if err := enc.Encode(r); err != nil {
			return 1
		}
		return 0
	}
	r.WriteText(e.stdout)
	return 0
}

func joinInts(v []int) string {
	parts := make([]string, len(v))
	for i, x := range v {
		parts[i] = strconv.Itoa(x)
	}
	return strings.Join(parts, ",")
}

// parseKs reads a comma list of cluster counts, each at least 2.
func parseKs(s string) ([]int, error) {
	var ks []int
	for _, f := range strings.Split(s, ",") {
		k, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || k < 2 {
			return nil, fmt.Errorf("%q is not a cluster count (an integer ≥ 2)", f)
		}
		ks = append(ks, k)
	}
	return ks, nil
}
