package main

import (
	"context"
	"encoding/json"
	"fmt"
	"runtime"
	"time"

	"github.com/marsad/marsad/analysis"
	"github.com/marsad/marsad/arabic"
	"github.com/marsad/marsad/ingest"
	"github.com/marsad/marsad/pipeline"
)

func init() {
	register(&command{
		name:    "bench",
		summary: "measure the analysis pipeline's throughput on your documents",
		run:     runBench,
	})
}

// benchReport is what "marsad bench --json" prints.
type benchReport struct {
	Documents      int                `json:"documents"`
	Failed         int                `json:"failed"`
	Words          int                `json:"words"`
	Bytes          int                `json:"bytes"`
	Cores          int                `json:"cores"`
	Seconds        float64            `json:"seconds"`
	DocsPerSecond  float64            `json:"documents_per_second"`
	WordsPerSecond float64            `json:"words_per_second"`
	MBPerSecond    float64            `json:"mb_per_second"`
	Stages         map[string]float64 `json:"stage_seconds"`
	StageOrder     []string           `json:"stage_order"`
}

func runBench(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "bench", "[flags] PATH...", `Reads documents (any input marsad analyze reads) into memory, then runs the
whole analysis pipeline over them and reports documents, words and bytes
per second, and the time each stage took. Reading and decoding are not
timed. Words are the word, number and Latin tokens of marsad's tokeniser.
By default the pipeline runs on one core (GOMAXPROCS=1, one worker).`)
	limit := fs.Int("limit", 0, "analyse at most N documents (0 = all)")
	cores := fs.Int("cores", 1, "cores (GOMAXPROCS) and workers to use")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	paths, err := parseArgs(fs, args)
	if err != nil {
		return usageStatus(err)
	}
	if len(paths) == 0 {
		errf(e.stderr, "bench", "no input (try ../shared/data/saudinewsnet)")
		return 2
	}
	var docs []analysis.Document
	bytes := 0
	stop := fmt.Errorf("limit reached")
	for _, p := range paths {
		err := ingest.Read(ctx, p, e.stdin, &ingest.Options{}, func(it ingest.Item) error {
			if it.Err != nil {
				return nil
			}
			docs = append(docs, it.Doc)
			bytes += len(it.Doc.AnalysedText())
			if *limit > 0 && len(docs) >= *limit {
				return stop
			}
			return nil
		})
		if err == stop {
			break
		}
		if err != nil {
			errf(e.stderr, "bench", "%s: %v", p, err)
			return 1
		}
	}
	if len(docs) == 0 {
		errf(e.stderr, "bench", "no documents read")
		return 1
	}
	p, err := pipeline.New(pipeline.WithTiming())
	if err != nil {
		errf(e.stderr, "bench", "%v", err)
		return 1
	}
	// warm up the models and tables so that loading them is not timed
	_, _ = p.Analyze(ctx, &analysis.Document{ID: "warm-up", Text: "قتل ثلاثة أشخاص في الموصل أمس."})
	p, _ = pipeline.New(pipeline.WithTiming())
	_, _ = p.Analyze(ctx, &analysis.Document{ID: "warm-up", Text: "قتل ثلاثة أشخاص في الموصل أمس."})

	prev := runtime.GOMAXPROCS(max(1, *cores))
	defer runtime.GOMAXPROCS(prev)
	runtime.GC()
	rep := benchReport{Documents: len(docs), Bytes: bytes, Cores: max(1, *cores), Stages: map[string]float64{}}
	base := p.Timing()
	start := time.Now()
	next := make(chan int)
	failed := make(chan int)
	for w := 0; w < rep.Cores; w++ {
		go func() {
			f := 0
			for i := range next {
				if _, err := p.Analyze(ctx, &docs[i]); err != nil {
					f++
				}
			}
			failed <- f
		}()
	}
	for i := range docs {
		next <- i
	}
	close(next)
	for w := 0; w < rep.Cores; w++ {
		rep.Failed += <-failed
	}
	elapsed := time.Since(start)
	runtime.GOMAXPROCS(prev)
	for i := range docs {
		for _, t := range arabic.Tokenize(docs[i].AnalysedText()) {
			if t.Kind == arabic.Word || t.Kind == arabic.Number || t.Kind == arabic.Latin {
				rep.Words++
			}
		}
	}
	rep.Seconds = elapsed.Seconds()
	rep.DocsPerSecond = float64(rep.Documents) / rep.Seconds
	rep.WordsPerSecond = float64(rep.Words) / rep.Seconds
	rep.MBPerSecond = float64(rep.Bytes) / 1e6 / rep.Seconds
	for i, st := range p.Timing() {
		d := st.Spent - base[i].Spent
		rep.Stages[st.Stage] = d.Seconds()
		rep.StageOrder = append(rep.StageOrder, st.Stage)
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		_ = enc.Encode(rep)
		return 0
	}
	fmt.Fprintf(e.stdout, "documents  %d (%d failed)\nwords      %d\nbytes      %d\ncores      %d\nelapsed    %.2fs\n",
		rep.Documents, rep.Failed, rep.Words, rep.Bytes, rep.Cores, rep.Seconds)
	fmt.Fprintf(e.stdout, "throughput %.1f documents/s, %.0f words/s, %.2f MB/s\n\nstage          seconds   share\n",
		rep.DocsPerSecond, rep.WordsPerSecond, rep.MBPerSecond)
	total := 0.0
	for _, s := range rep.StageOrder {
		total += rep.Stages[s]
	}
	for _, s := range rep.StageOrder {
		fmt.Fprintf(e.stdout, "%-14s %7.2f  %5.1f%%\n", s, rep.Stages[s], 100*rep.Stages[s]/max(total, 1e-9))
	}
	return 0
}
