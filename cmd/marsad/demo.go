package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"

	"github.com/marsad/marsad/corpus"
	"github.com/marsad/marsad/ingest"
	"github.com/marsad/marsad/pipeline"
	"github.com/marsad/marsad/sample"
	"github.com/marsad/marsad/web"
)

func init() {
	register(&command{
		name:    "demo",
		summary: "try marsad: a temporary store with the team's sample articles, served and opened in the browser",
		run:     runDemo,
	})
}

func runDemo(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "demo", "[--addr 127.0.0.1:8080] [--no-open] [--keep]", `Creates a temporary SQLite store, analyses and stores the 50 sample articles
the marsad team wrote (package sample), serves it as marsad serve does and
opens the web UI in your browser. Ctrl-C stops it and removes the store
(unless --keep).`)
	sf := addServeFlags(fs, "127.0.0.1:8080")
	noOpen := fs.Bool("no-open", false, "do not open a browser; only print the URL")
	keep := fs.Bool("keep", false, "keep the temporary store (its path is printed) when stopping")
	rest, err := parseArgs(fs, args)
	if err != nil {
		return usageStatus(err)
	}
	if len(rest) > 0 {
		errf(e.stderr, "demo", "unexpected argument %q", rest[0])
		return 2
	}
	dir, err := os.MkdirTemp("", "marsad-demo-")
	if err != nil {
		errf(e.stderr, "demo", "%v", err)
		return 1
	}
	dbPath := filepath.Join(dir, "demo.db")
	defer func() {
		if *keep {
			fmt.Fprintf(e.stderr, "marsad demo: the store is kept: %s (marsad serve --db %s)\n", dbPath, dbPath)
			return
		}
		os.RemoveAll(dir)
	}()
	if !web.Built() {
		fmt.Fprintln(e.stderr, "marsad demo: the web UI is not built into this binary: run \"make demo\" (or \"make web\", then rebuild); the API is served anyway")
	}
	p, err := pipeline.New()
	if err != nil {
		errf(e.stderr, "demo", "%v", err)
		return 1
	}
	st, err := openStore(ctx, dbPath, p, false)
	if err != nil {
		errf(e.stderr, "demo", "%v", err)
		return 1
	}
	defer st.Close()
	fmt.Fprintf(e.stderr, "marsad demo: analysing the sample articles into %s\n", dbPath)
	n := 0
	src := func(yield func(ingest.Item) bool) error {
		return ingest.ReadFrom(ctx, "sample.jsonl", bytes.NewReader(sample.Articles()), nil, func(it ingest.Item) error {
			if !yield(it) {
				return context.Canceled
			}
			return nil
		})
	}
	sum, err := corpus.NewIngester(st, p).Ingest(ctx, src, corpus.Options{OnResult: func(r corpus.Result) {
		n++
		if n%10 == 0 {
			fmt.Fprintf(e.stderr, "marsad demo: %d articles analysed\n", n)
		}
		if r.Err != nil {
			fmt.Fprintf(e.stderr, "marsad demo: %s: %v\n", r.Where, r.Err)
		}
	}})
	if err != nil {
		errf(e.stderr, "demo", "%v", err)
		return 1
	}
	fmt.Fprintf(e.stderr, "marsad demo: %s\n", sum)
	open := func(url string) {
		fmt.Fprintf(e.stdout, "marsad demo: open %s\n", url)
		if !*noOpen {
			openBrowser(e, url)
		}
	}
	return serve(ctx, e, "demo", st, p, sf, open)
}

// openBrowser opens url with the desktop's opener, when there is one.
func openBrowser(e *env, url string) {
	var name string
	switch runtime.GOOS {
	case "darwin":
		name = "open"
	case "windows":
		name = "rundll32"
	default:
		name = "xdg-open"
	}
	path, err := exec.LookPath(name)
	if err != nil {
		fmt.Fprintf(e.stderr, "marsad demo: no %s here: open the URL yourself\n", name)
		return
	}
	args := []string{url}
	if name == "rundll32" {
		args = []string{"url.dll,FileProtocolHandler", url}
	}
	cmd := exec.Command(path, args...)
	if err := cmd.Start(); err != nil {
		fmt.Fprintf(e.stderr, "marsad demo: %s: %v: open the URL yourself\n", name, err)
		return
	}
	go cmd.Wait()
}
