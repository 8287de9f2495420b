// Package pipeline composes marsad's analysis stages: it is the one place
// that knows which stages run, in which order, with which models and
// knowledge base. Everything that analyses text — the CLI, the HTTP API,
// ingest into the store — goes through a Pipeline, so that a document is
// analysed the same way everywhere.
package pipeline

import (
	"context"
	"fmt"
	"runtime/debug"
	"sync/atomic"
	"time"

	"github.com/marsad/marsad/analysis"
	"github.com/marsad/marsad/arabic"
	"github.com/marsad/marsad/kb"
)

// A Stage adds one layer to a document under analysis (entities, places,
// dates, events…). It reads what earlier stages wrote to st.Out.
type Stage interface {
	Name() string
	Run(ctx context.Context, st *analysis.State) error
}

// StageFunc makes a Stage of a function.
type StageFunc struct {
	N string
	F func(ctx context.Context, st *analysis.State) error
}

func (s StageFunc) Name() string                                      { return s.N }
func (s StageFunc) Run(ctx context.Context, st *analysis.State) error { return s.F(ctx, st) }

// Pipeline analyses documents. It is safe for concurrent use.
type Pipeline struct {
	stages []Stage
	seg    *arabic.Segmenter
	timing bool
	spent  []atomic.Int64 // nanoseconds per stage; the last slot is the text layer
}

// Option configures a Pipeline.
type Option func(*config) error

type config struct {
	stages []Stage
	skip   map[string]bool
	timing bool
}

// WithTiming makes the pipeline add up the time each stage takes (see
// Timing); it costs two clock reads per stage and document.
func WithTiming() Option {
	return func(c *config) error { c.timing = true; return nil }
}

// WithStages replaces the default stages.
func WithStages(stages ...Stage) Option {
	return func(c *config) error { c.stages = stages; return nil }
}

// Without drops the named default stages (e.g. "ner" for a tokens-only run).
func Without(names ...string) Option {
	return func(c *config) error {
		if c.skip == nil {
			c.skip = map[string]bool{}
		}
		for _, n := range names {
			c.skip[n] = true
		}
		return nil
	}
}

// New builds a pipeline with the default stages (see defaults.go) unless
// options say otherwise.
func New(opts ...Option) (*Pipeline, error) {
	c := &config{}
	for _, o := range opts {
		if err := o(c); err != nil {
			return nil, err
		}
	}
	p := &Pipeline{seg: arabic.Default()}
	if c.stages == nil {
		// the default stages read with the knowledge base's names protected,
		// like the search index (kb.Segmenter)
		p.seg = kb.Segmenter()
	}
	if c.stages == nil {
		st, err := defaultStages(p.seg)
		if err != nil {
			return nil, err
		}
		c.stages = st
	}
	for _, s := range c.stages {
		if !c.skip[s.Name()] {
			p.stages = append(p.stages, s)
		}
	}
	p.timing = c.timing
	p.spent = make([]atomic.Int64, len(p.stages)+1)
	return p, nil
}

// Segmenter returns the segmenter that protects the knowledge base's names:
// the search index and the query parser must stem with it.
func (p *Pipeline) Segmenter() *arabic.Segmenter { return p.seg }

// Stages lists the names of the stages in the order they run.
func (p *Pipeline) Stages() []string {
	var out []string
	for _, s := range p.stages {
		out = append(out, s.Name())
	}
	return out
}

// Analyze runs every stage on one document. An error means the document
// could not be analysed (bad text, a bad date, a stage that failed); a
// panic in a stage is turned into an error so that one document cannot stop
// a batch.
func (p *Pipeline) Analyze(ctx context.Context, d *analysis.Document) (a *analysis.Analysis, err error) {
	var t0 time.Time
	if p.timing {
		t0 = time.Now()
	}
	st, err := analysis.NewState(d)
	if err != nil {
		return nil, err
	}
	st.Seg = p.seg
	if p.timing {
		st.Stems() // stems are part of the text layer; stages share them
		p.spent[len(p.stages)].Add(int64(time.Since(t0)))
	}
	for i, s := range p.stages {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if p.timing {
			t0 = time.Now()
		}
		if err := p.run(ctx, s, st); err != nil {
			return nil, err
		}
		if p.timing {
			p.spent[i].Add(int64(time.Since(t0)))
		}
	}
	return st.Out, nil
}

// StageTime is the time one stage took over every document analysed.
type StageTime struct {
	Stage string
	Spent time.Duration
}

// Timing returns the time spent per stage (the text layer first: folding,
// tokens, sentences, stems) since the pipeline was built with WithTiming.
func (p *Pipeline) Timing() []StageTime {
	out := []StageTime{{"text", time.Duration(p.spent[len(p.stages)].Load())}}
	for i, s := range p.stages {
		out = append(out, StageTime{s.Name(), time.Duration(p.spent[i].Load())})
	}
	return out
}

func (p *Pipeline) run(ctx context.Context, s Stage, st *analysis.State) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error in stage %s: %v\n%s", s.Name(), r, debug.Stack())
		}
	}()
	if err := s.Run(ctx, st); err != nil {
		return fmt.Errorf("%s: %w", s.Name(), err)
	}
	return nil
}
