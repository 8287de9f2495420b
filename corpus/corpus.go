// Package corpus adds documents to a store: it analyses them in parallel
// with the pipeline, skips those already stored with the same text, and
// writes the rest in batches, each one transaction. marsad ingest, the
// API's POST /ingest and marsad demo all ingest through Ingest.
package corpus

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"runtime"
	"sort"
	"strings"
	"time"

	"github.com/marsad/marsad/ingest"
	"github.com/marsad/marsad/internal/ordered"
	"github.com/marsad/marsad/pipeline"
	"github.com/marsad/marsad/store"
)

// Outcomes of one document, as Result.Outcome and in summaries.
const (
	New           = "new"
	Updated       = "updated"
	Duplicate     = "duplicate"
	NearDuplicate = "near-duplicate"
	Failed        = "failed"
)

// Result is what became of one input document.
type Result struct {
	Index   int    `json:"index"`           // the item's place in the input, from 0
	Where   string `json:"where,omitempty"` // where it was read: file:line, archive!entry[i], body[i]
	ID      string `json:"id,omitempty"`
	Outcome string `json:"outcome"` // new, updated, duplicate, near-duplicate or failed
	// DuplicateOf and Similarity: for a near-duplicate, the original it
	// repeats and how closely.
	DuplicateOf string   `json:"duplicate_of,omitempty"`
	Similarity  float64  `json:"similarity,omitempty"`
	Error       string   `json:"error,omitempty"`
	Warnings    []string `json:"warnings,omitempty"`
	Err         error    `json:"-"`
}

// Summary counts the outcomes of an Ingest.
type Summary struct {
	Read          int `json:"read"`
	New           int `json:"new"`
	Updated       int `json:"updated"`
	Duplicate     int `json:"duplicate"`
	NearDuplicate int `json:"near_duplicate"`
	Failed        int `json:"failed"`
	// Reasons counts the failures by kind (the error without its details).
	Reasons map[string]int `json:"reasons,omitempty"`
}

// Options tune an Ingest; the zero value is usable.
type Options struct {
	Jobs  int // documents analysed in parallel (default GOMAXPROCS)
	Batch int // documents per transaction (default 200)
	// Reanalyze analyses and stores again documents already stored with
	// the same text.
	Reanalyze bool
	// OnItem is called for every item read, in input order, as soon as it
	// is analysed (progress bars).
	OnItem func(ingest.Item)
	// OnResult is called with every item's outcome once it is known: at
	// once for failures and unchanged documents, after its batch is
	// committed for the others.
	OnResult func(Result)
}

// Source yields input items in order (see ingest.Read) until yield
// returns false.
type Source func(yield func(ingest.Item) bool) error

// Paths reads the documents under paths (files, folders, archives, "-"
// for stdin) as marsad ingest does.
func Paths(ctx context.Context, paths []string, stdin io.Reader, o *ingest.Options) Source {
	return func(yield func(ingest.Item) bool) error {
		emit := func(it ingest.Item) error {
			if !yield(it) {
				return context.Canceled
			}
			return nil
		}
		for _, path := range paths {
			if err := ingest.Read(ctx, path, stdin, o, emit); err != nil {
				if errors.Is(err, context.Canceled) {
					return nil
				}
				if !yield(ingest.Item{Where: path, Err: err}) { // the path itself cannot be read
					return nil
				}
			}
		}
		return nil
	}
}

// Ingester adds documents to one store with one pipeline; it is safe for
// concurrent use (each Ingest is independent).
type Ingester struct {
	Store    store.Store
	Pipeline *pipeline.Pipeline
	Indexer  *store.Indexer // default: one over the pipeline's segmenter
}

// NewIngester returns an Ingester.
func NewIngester(st store.Store, p *pipeline.Pipeline) *Ingester {
	return &Ingester{Store: st, Pipeline: p, Indexer: store.NewIndexer(p.Segmenter())}
}

// run is one Ingest.
type run struct {
	in      *Ingester
	o       Options
	sum     Summary
	pending []pending
	started time.Time
}

type pending struct {
	rec *store.Record
	res Result
}

type workResult struct {
	rec  *store.Record
	skip bool
	err  error
}

// Ingest reads src to its end, analysing and storing each document. It
// returns the summary and an error when it had to stop: ctx's (what was
// analysed before is still stored), or the store refusing every document.
// Documents that cannot be read or analysed are counted as failed, and
// do not stop it.
func (in *Ingester) Ingest(ctx context.Context, src Source, o Options) (Summary, error) {
	if o.Jobs < 1 {
		o.Jobs = runtime.GOMAXPROCS(0)
	}
	if o.Batch < 1 {
		o.Batch = 200
	}
	r := &run{in: in, o: o, sum: Summary{Reasons: map[string]int{}}}
	err := ordered.Run(ctx, o.Jobs, src, func(it ingest.Item) workResult { return r.work(ctx, it) }, r.sink)
	interrupted := err != nil && ctx.Err() != nil
	if err == nil || interrupted {
		// What was analysed is kept, even when stopped.
		fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
		if ferr := r.flush(fctx); ferr != nil && err == nil {
			err = ferr
		}
		cancel()
	}
	if len(r.sum.Reasons) == 0 {
		r.sum.Reasons = nil
	}
	return r.sum, err
}

// work runs on the workers: skip what is stored, else analyse and prepare.
func (r *run) work(ctx context.Context, it ingest.Item) workResult {
	if it.Err != nil {
		return workResult{err: it.Err}
	}
	d := &it.Doc
	if !r.o.Reanalyze && d.ID != "" {
		sum := sha256.Sum256([]byte(d.AnalysedText()))
		if hs, err := r.in.Store.Hashes(ctx, []string{d.ID}); err == nil && hs[d.ID] == hex.EncodeToString(sum[:]) {
			return workResult{skip: true}
		}
	}
	a, err := r.in.Pipeline.Analyze(ctx, d)
	if err != nil {
		return workResult{err: err}
	}
	ix := r.in.Indexer
	if ix == nil {
		ix = store.NewIndexer(r.in.Pipeline.Segmenter())
	}
	rec, err := ix.Prepare(d, a)
	if err != nil {
		return workResult{err: err}
	}
	return workResult{rec: rec}
}

// sink runs in input order: count, batch, write.
func (r *run) sink(it ingest.Item, w workResult) error {
	r.sum.Read++
	if r.o.OnItem != nil {
		r.o.OnItem(it)
	}
	res := Result{Index: r.sum.Read - 1, Where: it.Where, ID: it.Doc.ID, Warnings: it.Warnings}
	switch {
	case w.err != nil:
		r.fail(res, w.err)
	case w.skip:
		r.sum.Duplicate++
		res.Outcome = Duplicate
		r.report(res)
	default:
		if len(r.pending) == 0 {
			r.started = time.Now()
		}
		res.ID = w.rec.Doc.ID
		r.pending = append(r.pending, pending{w.rec, res})
		if len(r.pending) >= r.o.Batch || time.Since(r.started) > 2*time.Second {
			if err := r.flush(context.Background()); err != nil {
				return err
			}
		}
	}
	return nil
}

func (r *run) report(res Result) {
	if r.o.OnResult != nil {
		r.o.OnResult(res)
	}
}

func (r *run) fail(res Result, err error) {
	r.sum.Failed++
	r.sum.Reasons[Reason(err)]++
	res.Outcome, res.Err, res.Error = Failed, err, err.Error()
	r.report(res)
}

// flush writes the pending batch in one transaction. When the batch
// fails, each record is tried alone so that one bad record costs only
// itself; when they all fail the store itself is failing, and Ingest
// stops.
func (r *run) flush(ctx context.Context) error {
	if len(r.pending) == 0 {
		return nil
	}
	batch := r.pending
	r.pending = nil
	recs := make([]*store.Record, len(batch))
	for i, b := range batch {
		recs[i] = b.rec
	}
	opts := store.PutOptions{Replace: r.o.Reanalyze}
	res, err := r.in.Store.Put(ctx, recs, opts)
	if err == nil {
		for i, pr := range res {
			r.count(batch[i].res, pr)
		}
		return nil
	}
	if ctx.Err() != nil {
		return err
	}
	var lastErr error
	ok := 0
	for _, b := range batch {
		res, err := r.in.Store.Put(ctx, []*store.Record{b.rec}, opts)
		if err != nil {
			lastErr = err
			r.fail(b.res, fmt.Errorf("store: %w", err))
			continue
		}
		ok++
		r.count(b.res, res[0])
	}
	if ok == 0 && len(batch) > 1 {
		return fmt.Errorf("the store refuses every document: %w", lastErr)
	}
	return nil
}

func (r *run) count(res Result, pr store.PutResult) {
	switch pr.Outcome {
	case store.Added:
		r.sum.New++
		res.Outcome = New
	case store.Updated:
		r.sum.Updated++
		res.Outcome = Updated
	case store.Unchanged:
		r.sum.Duplicate++
		res.Outcome = Duplicate
	case store.NearDuplicate:
		r.sum.NearDuplicate++
		res.Outcome = NearDuplicate
		res.DuplicateOf, res.Similarity = pr.DuplicateOf, pr.Similarity
	}
	r.report(res)
}

// String is the summary line of marsad ingest (without timing).
func (s Summary) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "read %d, new %d, duplicate %d, near-duplicate %d, failed %d", s.Read, s.New, s.Duplicate, s.NearDuplicate, s.Failed)
	if s.Updated > 0 {
		fmt.Fprintf(&b, ", updated %d", s.Updated)
	}
	if len(s.Reasons) > 0 {
		fmt.Fprintf(&b, " (%s)", Grouped(s.Reasons))
	}
	return b.String()
}

// Grouped writes "reason: n; reason: n", most frequent first.
func Grouped(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if m[keys[i]] != m[keys[j]] {
			return m[keys[i]] > m[keys[j]]
		}
		return keys[i] < keys[j]
	})
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s: %d", k, m[k])
	}
	return strings.Join(parts, "; ")
}

// Reason is the kind of an error, without the details that differ from
// one document to the next.
func Reason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Op + ": " + pe.Err.Error()
	}
	s := err.Error()
	if i := strings.IndexAny(s, ":("); i > 0 {
		s = s[:i]
	}
	return strings.TrimSpace(s)
}
