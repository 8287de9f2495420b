package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"runtime"

	"github.com/marsad/marsad/analysis"
	"github.com/marsad/marsad/ingest"
	"github.com/marsad/marsad/internal/ordered"
	"github.com/marsad/marsad/pipeline"
	"github.com/marsad/marsad/sample"
)

func init() {
	register(&command{
		name:    "analyze",
		summary: "analyse documents and write one JSON analysis per line",
		run:     runAnalyze,
	})
}

func runAnalyze(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "analyze", "[flags] [FILE|DIR ...]", `Analyses Arabic news documents and writes one JSON object per document
(schema marsad.analysis/v1), one per line, in input order.

Inputs: *.jsonl (one object per line), *.json (an object or an array),
*.csv (a header row), *.zip (every file inside), folders (recursively),
and any other file as one document (HTML reduced to its main text).
No FILE, or "-": one plain-text document on stdin. --sample analyses the
team's bundled sample articles.

A document that cannot be analysed yields {"id":…,"error":…} on its line
and a message on stderr; the others are still analysed, and the exit
status is 1 at the end.`)
	published := fs.String("published", "", "reference date (YYYY-MM-DD) for documents without one")
	fieldMap := fs.String("map", "", "input fields for document fields, e.g. text=content,published=date_extracted")
	withText := fs.Bool("with-text", false, "include the analysed text in each object (spans index into it)")
	useSample := fs.Bool("sample", false, "analyse the bundled sample articles")
	ids := fs.String("ids-from-position", "", "give documents without an id the id PREFIX<file>:<index> (e.g. snn:)")
	jobs := fs.Int("jobs", runtime.GOMAXPROCS(0), "documents analysed in parallel")
	pretty := fs.Bool("pretty", false, "indent the JSON (one object then spans several lines)")
	files, err := parseArgs(fs, args)
	if err != nil {
		return usageStatus(err)
	}
	opts := &ingest.Options{PositionalIDs: *ids}
	if *published != "" {
		if _, err := analysis.ParseDate(*published); err != nil {
			errf(e.stderr, "analyze", "--published: %v", err)
			return 2
		}
		opts.Published = *published
	}
	if opts.FieldMap, err = ingest.ParseFieldMap(*fieldMap); err != nil {
		errf(e.stderr, "analyze", "%v", err)
		return 2
	}
	p, err := pipeline.New()
	if err != nil {
		errf(e.stderr, "analyze", "%v", err)
		return 1
	}
	stdin := e.stdin
	if *useSample {
		if len(files) > 0 {
			errf(e.stderr, "analyze", "--sample takes no files")
			return 2
		}
	} else if len(files) == 0 {
		files = []string{"-"}
	}

	out := bufio.NewWriterSize(e.stdout, 1<<16)
	defer out.Flush()
	failed := 0
	type result struct {
		a   *analysis.Analysis
		err error
	}
	src := func(yield func(ingest.Item) bool) error {
		emit := func(it ingest.Item) error {
			if !yield(it) {
				return context.Canceled
			}
			return nil
		}
		if *useSample {
			return readSample(ctx, opts, emit)
		}
		for _, f := range files {
			if err := ingest.Read(ctx, f, stdin, opts, emit); err != nil {
				if err == context.Canceled {
					return nil
				}
				// the path itself cannot be read: report it like a bad document
				if !yield(ingest.Item{Where: f, Err: err}) {
					return nil
				}
			}
		}
		return nil
	}
	work := func(it ingest.Item) result {
		if it.Err != nil {
			return result{err: it.Err}
		}
		a, err := p.Analyze(ctx, &it.Doc)
		if err == nil && *withText {
			a.Text = it.Doc.AnalysedText()
		}
		return result{a, err}
	}
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	if *pretty {
		enc.SetIndent("", "  ")
	}
	sink := func(it ingest.Item, r result) error {
		for _, w := range it.Warnings {
			fmt.Fprintf(e.stderr, "marsad analyze: %s: warning: %s\n", it.Where, w)
		}
		if r.err != nil {
			failed++
			fmt.Fprintf(e.stderr, "marsad analyze: %s: %v\n", it.Where, r.err)
			id := it.Doc.ID
			if id == "" {
				id = it.Where
			}
			return enc.Encode(analysis.ErrorLine{ID: id, Error: r.err.Error()})
		}
		return enc.Encode(r.a)
	}
	if err := ordered.Run(ctx, *jobs, src, work, sink); err != nil {
		errf(e.stderr, "analyze", "%v", err)
		return 1
	}
	if err := out.Flush(); err != nil {
		errf(e.stderr, "analyze", "write: %v", err)
		return 1
	}
	if failed > 0 {
		errf(e.stderr, "analyze", "%d document(s) could not be analysed", failed)
		return 1
	}
	return 0
}

// readSample reads the bundled sample corpus as if it were a JSONL file.
func readSample(ctx context.Context, o *ingest.Options, fn func(ingest.Item) error) error {
	return ingest.ReadFrom(ctx, "sample.jsonl", bytes.NewReader(sample.Articles()), o, fn)
}
