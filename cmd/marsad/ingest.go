package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"time"

	"github.com/marsad/marsad/analysis"
	"github.com/marsad/marsad/ingest"
	"github.com/marsad/marsad/internal/ordered"
	"github.com/marsad/marsad/pipeline"
	"github.com/marsad/marsad/store"
)

func init() {
	register(&command{
		name:    "ingest",
		summary: "analyse documents and add them to the store (SQLite or PostgreSQL)",
		run:     runIngest,
	})
}

func runIngest(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "ingest", "[flags] PATH...", `Reads documents (the inputs of marsad analyze: JSON, JSONL, CSV, HTML, text,
.zip archives, folders; "-" for stdin), analyses them and stores each with
its analysis in the store (--db). Ingesting the same input again adds
nothing: a document whose id is stored with the same text is skipped
before it is analysed. A document repeating a stored one (a syndicated
wire story) is stored as its near-duplicate and left out of searches.

Documents are written in batches, each one transaction: if marsad is
stopped or killed, what was committed stays, and running the same
command again ingests the rest. A document that cannot be read or
analysed is reported with where it was and why, and skipped.

A summary line is printed at the end on stderr: read, new, duplicate,
near-duplicate, failed (with reasons). Exit status 1 if any failed.`)
	db := dbFlag(fs)
	published := fs.String("published", "", "reference date (YYYY-MM-DD) for documents without one")
	fieldMap := fs.String("map", "", "input fields for document fields, e.g. text=content,published=date_extracted")
	ids := fs.String("ids-from-position", "", "give documents without an id the id PREFIX<file>:<index> (e.g. snn:)")
	jobs := fs.Int("jobs", runtime.GOMAXPROCS(0), "documents analysed in parallel")
	batch := fs.Int("batch", 200, "documents per transaction")
	reanalyze := fs.Bool("reanalyze", false, "analyse and store again documents already stored (after a pipeline upgrade)")
	quiet := fs.Bool("quiet", false, "no progress bar")
	verbose := fs.Bool("v", false, "report every near-duplicate and update")
	paths, err := parseArgs(fs, args)
	if err != nil {
		return usageStatus(err)
	}
	if len(paths) == 0 {
		errf(e.stderr, "ingest", "name at least one PATH to read (a file, a folder, a .zip, or - for stdin)")
		return 2
	}
	if *batch < 1 || *jobs < 1 {
		errf(e.stderr, "ingest", "--batch and --jobs must be at least 1")
		return 2
	}
	opts := &ingest.Options{PositionalIDs: *ids}
	if *published != "" {
		if _, err := analysis.ParseDate(*published); err != nil {
			errf(e.stderr, "ingest", "--published: %v", err)
			return 2
		}
		opts.Published = *published
	}
	if opts.FieldMap, err = ingest.ParseFieldMap(*fieldMap); err != nil {
		errf(e.stderr, "ingest", "%v", err)
		return 2
	}
	p, err := pipeline.New()
	if err != nil {
		errf(e.stderr, "ingest", "%v", err)
		return 1
	}
	st, err := openStore(ctx, *db, p, false)
	if err != nil {
		errf(e.stderr, "ingest", "%v", err)
		return 1
	}
	defer st.Close()
	in := &ingester{
		e: e, st: st, p: p, ix: store.NewIndexer(p.Segmenter()), opts: opts,
		jobs: *jobs, batch: *batch, reanalyze: *reanalyze, verbose: *verbose,
		reasons: map[string]int{}, warnings: map[string]int{},
	}
	showBar := !*quiet && isTerminal(e.stderr)
	total := 0
	if showBar {
		total = countFiles(paths)
	}
	in.prog = newProgress(e.stderr, showBar, total, in.status)
	return in.run(ctx, paths)
}

// ingester is one run of marsad ingest.
type ingester struct {
	e         *env
	st        store.Store
	p         *pipeline.Pipeline
	ix        *store.Indexer
	opts      *ingest.Options
	jobs      int
	batch     int
	reanalyze bool
	verbose   bool
	prog      *progress

	pending    []pendingRec
	batchStart time.Time
	start      time.Time

	read, added, updated, dup, near, failed int
	reasons, warnings                       map[string]int
	files                                   int
	file                                    string
}

type pendingRec struct {
	rec   *store.Record
	where string
}

// ingestResult is what a worker made of one item.
type ingestResult struct {
	rec  *store.Record
	skip bool // stored already with this text
	err  error
}

func (in *ingester) run(ctx context.Context, paths []string) int {
	in.start = time.Now()
	src := func(yield func(ingest.Item) bool) error {
		emit := func(it ingest.Item) error {
			if !yield(it) {
				return context.Canceled
			}
			return nil
		}
		for _, path := range paths {
			if err := ingest.Read(ctx, path, in.e.stdin, in.opts, emit); err != nil {
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
	err := ordered.Run(ctx, in.jobs, src, func(it ingest.Item) ingestResult { return in.work(ctx, it) }, in.sink)
	interrupted := err != nil && ctx.Err() != nil
	if err == nil || interrupted {
		// What was analysed is kept, even when stopped.
		fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
		if ferr := in.flush(fctx); ferr != nil && err == nil {
			err = ferr
		}
		cancel()
	}
	in.prog.Done()
	in.summary()
	switch {
	case interrupted:
		errf(in.e.stderr, "ingest", "interrupted: what was stored stays; run the same command again to ingest the rest")
		return 1
	case err != nil:
		errf(in.e.stderr, "ingest", "%v", err)
		errf(in.e.stderr, "ingest", "what was stored before this error stays; run the same command again to ingest the rest")
		return 1
	case in.failed > 0:
		return 1
	}
	return 0
}

// work runs on the workers: skip what is stored, else analyse and prepare.
func (in *ingester) work(ctx context.Context, it ingest.Item) ingestResult {
	if it.Err != nil {
		return ingestResult{err: it.Err}
	}
	d := &it.Doc
	if !in.reanalyze && d.ID != "" {
		sum := sha256.Sum256([]byte(d.AnalysedText()))
		if hs, err := in.st.Hashes(ctx, []string{d.ID}); err == nil && hs[d.ID] == hex.EncodeToString(sum[:]) {
			return ingestResult{skip: true}
		}
	}
	a, err := in.p.Analyze(ctx, d)
	if err != nil {
		return ingestResult{err: err}
	}
	rec, err := in.ix.Prepare(d, a)
	if err != nil {
		return ingestResult{err: err}
	}
	return ingestResult{rec: rec}
}

// sink runs in input order: count, report, batch, write.
func (in *ingester) sink(it ingest.Item, r ingestResult) error {
	in.read++
	if f := fileOf(it.Where); f != in.file {
		in.file = f
		in.files++
	}
	for _, w := range it.Warnings {
		in.warnings[w]++
		if in.warnings[w] <= 3 {
			in.prog.Printf("marsad ingest: %s: warning: %s\n", it.Where, w)
		}
	}
	switch {
	case r.err != nil:
		in.fail(it.Where, r.err)
	case r.skip:
		in.dup++
	default:
		if len(in.pending) == 0 {
			in.batchStart = time.Now()
		}
		in.pending = append(in.pending, pendingRec{r.rec, it.Where})
		if len(in.pending) >= in.batch || time.Since(in.batchStart) > 2*time.Second {
			if err := in.flush(context.Background()); err != nil {
				return err
			}
		}
	}
	in.prog.Update(in.files - 1)
	return nil
}

func (in *ingester) fail(where string, err error) {
	in.failed++
	in.reasons[reason(err)]++
	in.prog.Printf("marsad ingest: %s: %v\n", where, err)
}

// flush writes the pending batch in one transaction. When the batch
// fails, each record is tried alone so that one bad record costs only
// itself; when they all fail the store itself is failing, and ingest
// stops.
func (in *ingester) flush(ctx context.Context) error {
	if len(in.pending) == 0 {
		return nil
	}
	batch := in.pending
	in.pending = nil
	recs := make([]*store.Record, len(batch))
	for i, b := range batch {
		recs[i] = b.rec
	}
	res, err := in.st.Put(ctx, recs, store.PutOptions{Replace: in.reanalyze})
	if err == nil {
		for i, r := range res {
			in.count(batch[i].where, recs[i].Doc.ID, r)
		}
		return nil
	}
	if ctx.Err() != nil {
		return err
	}
	var lastErr error
	ok := 0
	for _, b := range batch {
		res, err := in.st.Put(ctx, []*store.Record{b.rec}, store.PutOptions{Replace: in.reanalyze})
		if err != nil {
			lastErr = err
			in.fail(b.where, fmt.Errorf("store: %w", err))
			continue
		}
		ok++
		in.count(b.where, b.rec.Doc.ID, res[0])
	}
	if ok == 0 && len(batch) > 1 {
		return fmt.Errorf("the store refuses every document: %w", lastErr)
	}
	return nil
}

func (in *ingester) count(where, id string, r store.PutResult) {
	switch r.Outcome {
	case store.Added:
		in.added++
	case store.Updated:
		in.updated++
		if in.verbose {
			in.prog.Printf("marsad ingest: %s: %s updated\n", where, id)
		}
	case store.Unchanged:
		in.dup++
	case store.NearDuplicate:
		in.near++
		if in.verbose {
			in.prog.Printf("marsad ingest: %s: %s is a near-duplicate of %s (similarity %.2f)\n", where, id, r.DuplicateOf, r.Similarity)
		}
	}
}

func (in *ingester) status() string {
	return fmt.Sprintf("%d read, %d new, %d duplicate, %d near-duplicate, %d failed  %.0f/s  %s",
		in.read, in.added+in.updated, in.dup, in.near, in.failed, rate(in.read, in.start), filepath.Base(in.file))
}

// summary prints the line every run ends with.
func (in *ingester) summary() {
	var b strings.Builder
	fmt.Fprintf(&b, "read %d, new %d, duplicate %d, near-duplicate %d, failed %d", in.read, in.added, in.dup, in.near, in.failed)
	if in.updated > 0 {
		fmt.Fprintf(&b, ", updated %d", in.updated)
	}
	if len(in.reasons) > 0 {
		fmt.Fprintf(&b, " (%s)", grouped(in.reasons))
	}
	el := time.Since(in.start)
	fmt.Fprintf(&b, " in %.1f s, %.0f documents/s", el.Seconds(), rate(in.read, in.start))
	errf(in.e.stderr, "ingest", "%s", b.String())
	for w, n := range in.warnings {
		if n > 3 {
			errf(in.e.stderr, "ingest", "warning %q: %d documents in all", w, n)
		}
	}
}

// grouped writes "reason: n; reason: n", most frequent first.
func grouped(m map[string]int) string {
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

// reason is the kind of an error, without the details that differ from
// one document to the next.
func reason(err error) string {
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

// fileOf is the file an item's location names: a.zip!b.json[3] → a.zip,
// docs.jsonl:12 → docs.jsonl.
func fileOf(where string) string {
	if i := strings.Index(where, "!"); i >= 0 {
		return where[:i]
	}
	if m := trailingPos.FindStringIndex(where); m != nil {
		return where[:m[0]]
	}
	return where
}

var trailingPos = regexp.MustCompile(`(:\d+|\[\d+\])$`)

// countFiles counts the files the paths hold, for the progress bar.
func countFiles(paths []string) int {
	n := 0
	for _, p := range paths {
		filepath.WalkDir(p, func(q string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if q != p && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.Type().IsRegular() {
				n++
			}
			return nil
		})
	}
	return n
}
