package main

import (
	"context"
	"fmt"
	"io/fs"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"time"

	"github.com/marsad/marsad/analysis"
	"github.com/marsad/marsad/corpus"
	"github.com/marsad/marsad/ingest"
	"github.com/marsad/marsad/pipeline"
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
	in := &ingester{e: e, verbose: *verbose, warnings: map[string]int{}, start: time.Now()}
	showBar := !*quiet && isTerminal(e.stderr)
	total := 0
	if showBar {
		total = countFiles(paths)
	}
	in.prog = newProgress(e.stderr, showBar, total, in.status)
	ing := corpus.NewIngester(st, p)
	sum, err := ing.Ingest(ctx, corpus.Paths(ctx, paths, e.stdin, opts), corpus.Options{
		Jobs: *jobs, Batch: *batch, Reanalyze: *reanalyze, OnItem: in.item, OnResult: in.result,
	})
	interrupted := err != nil && ctx.Err() != nil
	in.prog.Done()
	in.summary(sum)
	switch {
	case interrupted:
		errf(e.stderr, "ingest", "interrupted: what was stored stays; run the same command again to ingest the rest")
		return 1
	case err != nil:
		errf(e.stderr, "ingest", "%v", err)
		errf(e.stderr, "ingest", "what was stored before this error stays; run the same command again to ingest the rest")
		return 1
	case sum.Failed > 0:
		return 1
	}
	return 0
}

// ingester shows one run of marsad ingest: progress, warnings, failures
// and the summary; the work is corpus.Ingester's.
type ingester struct {
	e       *env
	verbose bool
	prog    *progress
	start   time.Time

	read, stored, dup, near, failed int
	warnings                        map[string]int
	files                           int
	file                            string
}

// item is told of every item read, in order.
func (in *ingester) item(it ingest.Item) {
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
	in.prog.Update(in.files - 1)
}

// result is told of every item's outcome.
func (in *ingester) result(r corpus.Result) {
	switch r.Outcome {
	case corpus.Failed:
		in.failed++
		in.prog.Printf("marsad ingest: %s: %v\n", r.Where, r.Err)
	case corpus.New:
		in.stored++
	case corpus.Updated:
		in.stored++
		if in.verbose {
			in.prog.Printf("marsad ingest: %s: %s updated\n", r.Where, r.ID)
		}
	case corpus.Duplicate:
		in.dup++
	case corpus.NearDuplicate:
		in.near++
		if in.verbose {
			in.prog.Printf("marsad ingest: %s: %s is a near-duplicate of %s (similarity %.2f)\n", r.Where, r.ID, r.DuplicateOf, r.Similarity)
		}
	}
}

func (in *ingester) status() string {
	return fmt.Sprintf("%d read, %d new, %d duplicate, %d near-duplicate, %d failed  %.0f/s  %s",
		in.read, in.stored, in.dup, in.near, in.failed, rate(in.read, in.start), filepath.Base(in.file))
}

// summary prints the line every run ends with.
func (in *ingester) summary(sum corpus.Summary) {
	el := time.Since(in.start)
	errf(in.e.stderr, "ingest", "%s in %.1f s, %.0f documents/s", sum, el.Seconds(), rate(sum.Read, in.start))
	for w, n := range in.warnings {
		if n > 3 {
			errf(in.e.stderr, "ingest", "warning %q: %d documents in all", w, n)
		}
	}
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
