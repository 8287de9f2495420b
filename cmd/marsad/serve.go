package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strconv"
	"time"

	"github.com/marsad/marsad/api"
	"github.com/marsad/marsad/pipeline"
	"github.com/marsad/marsad/store"
	"github.com/marsad/marsad/web"
)

func init() {
	register(&command{
		name:    "serve",
		summary: "serve the HTTP API (/api/v1, OpenAPI at /api/v1/openapi.json) and the web UI",
		run:     runServe,
	})
}

// serveFlags are the flags serve and demo share.
type serveFlags struct {
	addr  *string
	token *string
	rate  *float64
	burst *int
	quiet *bool
	cache *time.Duration
}

func addServeFlags(fs *flag.FlagSet, addr string) *serveFlags {
	return &serveFlags{
		addr:  fs.String("addr", addr, "address to listen on (host:port; port 0 picks a free one)"),
		token: fs.String("token", "", "bearer token that POST /api/v1/ingest requires (default $MARSAD_TOKEN; none: ingest is refused)"),
		rate:  fs.Float64("rate", 50, "API requests a second allowed per client address, on average (0: no limit)"),
		burst: fs.Int("burst", 100, "API requests a client address may make at once"),
		quiet: fs.Bool("quiet", false, "no log line per request"),
		cache: fs.Duration("facet-cache", 30*time.Second, "reuse a search's facets for the same query and filters this long (0: never)"),
	}
}

func runServe(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "serve", "[--db DSN] [--addr 127.0.0.1:8080] [flags]", `Serves the store (--db) over HTTP: the JSON API under /api/v1 (its OpenAPI
document at /api/v1/openapi.json), Prometheus metrics at /metrics, and the
web UI on every other path. A log line per request goes to stderr.

It refuses to start on a store that does not exist (marsad ingest creates
one; --create starts on an empty one). Ctrl-C or SIGTERM stops it
gracefully: requests in flight finish (up to 10 s).`)
	db := dbFlag(fs)
	create := fs.Bool("create", false, "create the store if it does not exist")
	sf := addServeFlags(fs, "127.0.0.1:8080")
	rest, err := parseArgs(fs, args)
	if err != nil {
		return usageStatus(err)
	}
	if len(rest) > 0 {
		errf(e.stderr, "serve", "unexpected argument %q", rest[0])
		return 2
	}
	p, err := pipeline.New()
	if err != nil {
		errf(e.stderr, "serve", "%v", err)
		return 1
	}
	st, err := openStore(ctx, *db, p, !*create)
	if err != nil {
		if errors.Is(err, store.ErrNoStore) {
			errf(e.stderr, "serve", "%v; or start on an empty one with --create", err)
		} else {
			errf(e.stderr, "serve", "%v", err)
		}
		return 1
	}
	defer st.Close()
	return serve(ctx, e, "serve", st, p, sf, nil)
}

// serve runs the server until ctx ends; ready, when set, is told the URL
// once it listens.
func serve(ctx context.Context, e *env, cmd string, st store.Store, p *pipeline.Pipeline, sf *serveFlags, ready func(url string)) int {
	token := *sf.token
	if token == "" {
		token = os.Getenv("MARSAD_TOKEN")
	}
	if *sf.rate < 0 || *sf.burst < 1 {
		errf(e.stderr, cmd, "--rate must be 0 or more and --burst at least 1")
		return 2
	}
	level := slog.LevelInfo
	if *sf.quiet {
		level = slog.LevelWarn
	}
	logger := slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: level}))
	fc := *sf.cache
	if fc == 0 {
		fc = -1 // api.Config: negative is never
	}
	h := api.New(api.Config{Store: st, Pipeline: p, Token: token, Rate: *sf.rate, Burst: *sf.burst, Version: version, Logger: logger, FacetCache: fc})
	ln, err := net.Listen("tcp", *sf.addr)
	if err != nil {
		errf(e.stderr, cmd, "%v", err)
		return 1
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute, // an ingest body of 32 MiB on a slow link
		WriteTimeout:      2 * time.Minute, // exports push it forward as they stream
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	url := "http://" + displayAddr(ln.Addr())
	fmt.Fprintf(e.stderr, "marsad %s: serving %s (API %s%s, OpenAPI %s%s/openapi.json)\n", cmd, url, url, api.Prefix, url, api.Prefix)
	if !web.Built() {
		fmt.Fprintf(e.stderr, "marsad %s: the web UI is not built into this binary: run \"make web\" and rebuild marsad (the API works without it)\n", cmd)
	}
	if token == "" {
		fmt.Fprintf(e.stderr, "marsad %s: POST /api/v1/ingest is off (no --token or MARSAD_TOKEN)\n", cmd)
	}
	if ready != nil {
		ready(url)
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		errf(e.stderr, cmd, "%v", err)
		return 1
	case <-ctx.Done():
	}
	fmt.Fprintf(e.stderr, "marsad %s: stopping\n", cmd)
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		errf(e.stderr, cmd, "shutdown: %v", err)
		return 1
	}
	return 0
}

// displayAddr is an address to type in a browser (127.0.0.1 for an
// unspecified host).
func displayAddr(a net.Addr) string {
	ta, ok := a.(*net.TCPAddr)
	if !ok {
		return a.String()
	}
	host := ta.IP.String()
	if ta.IP.IsUnspecified() {
		host = "127.0.0.1"
	}
	return net.JoinHostPort(host, strconv.Itoa(ta.Port))
}
