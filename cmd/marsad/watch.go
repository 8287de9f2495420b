package main

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/marsad/marsad/pipeline"
	"github.com/marsad/marsad/store"
	"github.com/marsad/marsad/watch"
)

func init() {
	register(&command{
		name:    "watch",
		summary: "poll RSS/Atom feeds and ingest their new items",
		run:     runWatch,
	})
}

func runWatch(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "watch", "[flags] URL...", `Polls RSS and Atom feeds and stores their new items, analysed, in the
store (--db). Each feed is fetched with a conditional GET (ETag,
Last-Modified); an item is known by its guid (else its link) and is never
ingested twice, across polls, restarts and feeds. An item whose feed gives
only a summary is completed from its page, reduced to its main text.

A feed that fails (unreachable, an HTTP error, not a feed) is tried again
after a back-off that doubles, with jitter, up to --max-backoff; the
others go on. Stop with Ctrl-C. With --once each feed is polled once and
the exit status is 1 if any failed.`)
	db := dbFlag(fs)
	every := fs.Duration("every", 15*time.Minute, "time between two polls of a feed")
	maxBackoff := fs.Duration("max-backoff", 6*time.Hour, "longest wait after repeated failures")
	once := fs.Bool("once", false, "poll each feed once and exit")
	pages := fs.String("pages", "auto", "fetch each item's page for its text: auto (when the feed has a summary only), always, never")
	timeout := fs.Duration("timeout", 30*time.Second, "HTTP timeout per request")
	urls, err := parseArgs(fs, args)
	if err != nil {
		return usageStatus(err)
	}
	if len(urls) == 0 {
		errf(e.stderr, "watch", "name at least one feed URL")
		return 2
	}
	for _, u := range urls {
		if p, err := url.Parse(u); err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
			errf(e.stderr, "watch", "%q is not an http:// or https:// URL", u)
			return 2
		}
	}
	mode := map[string]watch.Pages{"auto": watch.PagesAuto, "always": watch.PagesAlways, "never": watch.PagesNever}
	pm, ok := mode[*pages]
	if !ok {
		errf(e.stderr, "watch", "--pages %q: want auto, always or never", *pages)
		return 2
	}
	if *every <= 0 || *timeout <= 0 {
		errf(e.stderr, "watch", "--every and --timeout must be positive")
		return 2
	}
	p, err := pipeline.New()
	if err != nil {
		errf(e.stderr, "watch", "%v", err)
		return 1
	}
	st, err := openStore(ctx, *db, p, false)
	if err != nil {
		errf(e.stderr, "watch", "%v", err)
		return 1
	}
	defer st.Close()
	w := &watch.Watcher{
		Store: st, Indexer: store.NewIndexer(p.Segmenter()), Analyze: p.Analyze,
		Client: &http.Client{Timeout: *timeout}, Every: *every, MaxBackoff: *maxBackoff, Pages: pm,
		UserAgent: "marsad/" + version + " (+https://github.com/marsad/marsad)",
		Log:       func(format string, a ...any) { fmt.Fprintf(e.stderr, "marsad watch: "+format+"\n", a...) },
	}
	if !*once {
		if err := w.Run(ctx, urls); err != nil {
			errf(e.stderr, "watch", "%v", err)
			return 1
		}
		return 0
	}
	status := 0
	for _, u := range urls {
		rep := w.Poll(ctx, u)
		if rep.Err != nil || rep.Failed > 0 || rep.Retry > 0 {
			status = 1
		}
	}
	return status
}
