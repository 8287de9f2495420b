package main

import (
	"context"
	"fmt"
	"runtime"
	"time"

	"github.com/marsad/marsad/internal/ordered"
	"github.com/marsad/marsad/pipeline"
	"github.com/marsad/marsad/store"
)

func init() {
	register(&command{
		name:    "reindex",
		summary: "rebuild the search index (and, with --reanalyze, the analyses) of a store",
		run:     runReindex,
	})
}

func runReindex(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "reindex", "[--db DSN] [--reanalyze]", `Rebuilds every stored document's search index and near-duplicate signature
with this marsad's analyser — needed when the analyser's protected names
(the knowledge base) have changed since the documents were ingested, so
that queries and index stem words alike. With --reanalyze each document
is also analysed again by this marsad's pipeline (new stages: entities,
places, events…) and its analysis replaced. The stored text is used: the
original input files are not needed.

Documents keep their ids and order; each batch is one transaction, so an
interrupted reindex leaves every document either as it was or redone.`)
	db := dbFlag(fs)
	reanalyze := fs.Bool("reanalyze", false, "analyse every document again with the current pipeline")
	jobs := fs.Int("jobs", runtime.GOMAXPROCS(0), "documents prepared in parallel")
	batch := fs.Int("batch", 200, "documents per transaction")
	rest, err := parseArgs(fs, args)
	if err != nil {
		return usageStatus(err)
	}
	if len(rest) > 0 {
		errf(e.stderr, "reindex", "takes no arguments (got %q)", rest[0])
		return 2
	}
	if *batch < 1 || *jobs < 1 {
		errf(e.stderr, "reindex", "--batch and --jobs must be at least 1")
		return 2
	}
	p, err := pipeline.New()
	if err != nil {
		errf(e.stderr, "reindex", "%v", err)
		return 1
	}
	st, err := openStore(ctx, *db, p, true)
	if err != nil {
		errf(e.stderr, "reindex", "%v", err)
		return 1
	}
	defer st.Close()
	ix := store.NewIndexer(p.Segmenter())
	start := time.Now()
	done, failed := 0, 0
	type result struct {
		rec *store.Record
		err error
	}
	src := func(yield func(*store.Stored) bool) error {
		after := int64(0)
		for {
			page, err := st.Scan(ctx, after, 500)
			if err != nil || len(page) == 0 {
				return err
			}
			for _, d := range page {
				if !yield(d) {
					return nil
				}
				after = d.Seq
			}
		}
	}
	work := func(d *store.Stored) result {
		a := d.Analysis
		if *reanalyze {
			var err error
			if a, err = p.Analyze(ctx, &d.Doc); err != nil {
				return result{err: err}
			}
		}
		rec, err := ix.Prepare(&d.Doc, a)
		return result{rec, err}
	}
	var pending []*store.Record
	flush := func(ctx context.Context) error {
		if len(pending) == 0 {
			return nil
		}
		_, err := st.Put(ctx, pending, store.PutOptions{Replace: true})
		if err == nil {
			done += len(pending)
		}
		pending = nil
		return err
	}
	sink := func(d *store.Stored, r result) error {
		if r.err != nil {
			failed++
			fmt.Fprintf(e.stderr, "marsad reindex: %s: %v (left as it was)\n", d.Doc.ID, r.err)
			return nil
		}
		pending = append(pending, r.rec)
		if len(pending) >= *batch {
			return flush(ctx)
		}
		return nil
	}
	err = ordered.Run(ctx, *jobs, src, work, sink)
	if err == nil || ctx.Err() != nil {
		if ferr := flush(context.WithoutCancel(ctx)); err == nil {
			err = ferr
		}
	}
	what := "reindexed"
	if *reanalyze {
		what = "re-analysed and reindexed"
	}
	errf(e.stderr, "reindex", "%s %d documents, failed %d, in %.1f s", what, done, failed, time.Since(start).Seconds())
	if err != nil {
		errf(e.stderr, "reindex", "%v; the documents not yet redone are as they were: run it again", err)
		return 1
	}
	if failed > 0 {
		return 1
	}
	return 0
}
