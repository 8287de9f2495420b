// Package api is marsad's HTTP API under /api/v1 — search, documents and
// their analyses, events, places, actors, time series, analysis of a posted
// text, ingest and export — with its OpenAPI 3.1 document generated from
// the code (huma) at /api/v1/openapi.json, Prometheus metrics at /metrics,
// and the web UI (package web) on every other path, all on one handler.
//
// Every error is an RFC 9457 problem (application/problem+json), unknown
// API routes and wrong methods included. Every response carries the
// security headers the UI is built for (web.CSP, nosniff, no referrer, no
// framing). Requests to /api/ are rate-limited per client address (a token
// bucket) and bounded in time; bodies are bounded in size.
package api

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humago"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/marsad/marsad/corpus"
	"github.com/marsad/marsad/pipeline"
	"github.com/marsad/marsad/store"
	"github.com/marsad/marsad/web"
)

// Prefix is where the API lives.
const Prefix = "/api/v1"

// Config is what the API serves and how.
type Config struct {
	Store    store.Store
	Pipeline *pipeline.Pipeline
	// Token, when set, lets POST /ingest store documents for a request
	// with "Authorization: Bearer TOKEN"; without it ingest is refused.
	Token string
	// Rate is the requests per second each client address may make to
	// /api/ on average, Burst how many at once; Rate 0 means no limit.
	Rate  float64
	Burst int
	// Timeout bounds each API request's work (default 30 s); exports are
	// bounded only by the client reading them.
	Timeout time.Duration
	// MaxIngestBytes bounds a POST /ingest body (default 32 MiB);
	// MaxAnalyzeBytes a POST /analyze body (default 1 MiB).
	MaxIngestBytes  int64
	MaxAnalyzeBytes int64
	Version         string
	Logger          *slog.Logger // default slog.Default(); one line per request
	// UI serves every path outside /api/ and /metrics (default
	// web.Handler()).
	UI http.Handler
	// ExportPageSize is the documents an export reads per query (default
	// 200).
	ExportPageSize int
	// FacetCache is how long a search's facets are reused for the same
	// query and filters (0: 30 s; negative: never). Ingest through the
	// API drops them.
	FacetCache time.Duration
}

// Server is the API's handler.
type Server struct {
	cfg     Config
	mux     *http.ServeMux
	api     huma.API
	ing     *corpus.Ingester
	limiter *limiter
	facets  *facetCache
	metrics *metrics
	handler http.Handler

	statsMu sync.Mutex
	stats   *store.Stats
	statsAt time.Time
}

// New builds the handler for cfg.
func New(cfg Config) *Server {
	if cfg.Timeout <= 0 {
		cfg.Timeout = 30 * time.Second
	}
	if cfg.MaxIngestBytes <= 0 {
		cfg.MaxIngestBytes = 32 << 20
	}
	if cfg.MaxAnalyzeBytes <= 0 {
		cfg.MaxAnalyzeBytes = 1 << 20
	}
	if cfg.Burst <= 0 {
		cfg.Burst = max(1, int(2*cfg.Rate))
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.UI == nil {
		cfg.UI = web.Handler()
	}
	if cfg.Version == "" {
		cfg.Version = "dev"
	}
	if cfg.FacetCache == 0 {
		cfg.FacetCache = 30 * time.Second
	}
	s := &Server{cfg: cfg, mux: http.NewServeMux(), facets: newFacetCache(cfg.FacetCache, 512)}
	if cfg.Pipeline != nil && cfg.Store != nil {
		s.ing = corpus.NewIngester(cfg.Store, cfg.Pipeline)
	}
	if cfg.Rate > 0 {
		s.limiter = newLimiter(cfg.Rate, cfg.Burst)
	}
	reg := prometheus.NewRegistry()
	s.metrics = newMetrics(reg, s)

	hc := huma.DefaultConfig("marsad API", cfg.Version)
	hc.CreateHooks = nil // no $schema links in bodies
	hc.DocsPath = ""     // the docs page loads scripts from a CDN: not offline, not under our CSP
	hc.OpenAPI.Servers = []*huma.Server{{URL: Prefix}}
	hc.OpenAPI.Info.Description = "marsad: an Arabic-first observatory for news about armed conflict and terrorism. " +
		"Errors are RFC 9457 problem details (application/problem+json). Ids and refs in paths are percent-encoded " +
		"(':' may stay as it is); the rest of the path is the id, so an id holding '/' is sent as %2F."
	hc.OpenAPI.Components.SecuritySchemes = map[string]*huma.SecurityScheme{
		"bearer": {Type: "http", Scheme: "bearer", Description: "the token marsad serve was started with (--token or MARSAD_TOKEN)"},
	}
	s.api = huma.NewAPI(hc, &adapter{mux: s.mux, prefix: Prefix})
	s.register()

	s.mux.HandleFunc("/api/", s.notFound)
	s.mux.Handle("GET /metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
	s.mux.Handle("/", cfg.UI)
	s.handler = s.middleware(s.mux)
	return s
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// OpenAPI returns the API's OpenAPI document.
func (s *Server) OpenAPI() *huma.OpenAPI { return s.api.OpenAPI() }

// adapter mounts huma's operations on a ServeMux under a prefix; an
// operation whose last path parameter is marked wildcard takes the rest
// of the path ({id...}), so that ids holding "/" still route.
type adapter struct {
	mux    *http.ServeMux
	prefix string
}

func (a *adapter) Handle(op *huma.Operation, handler func(huma.Context)) {
	path := op.Path
	if w, _ := op.Metadata["wildcard"].(string); w != "" {
		path = strings.Replace(path, "{"+w+"}", "{"+w+"...}", 1)
	}
	a.mux.HandleFunc(op.Method+" "+a.prefix+path, func(w http.ResponseWriter, r *http.Request) {
		handler(humago.NewContext(op, r, w))
	})
}

func (a *adapter) ServeHTTP(w http.ResponseWriter, r *http.Request) { a.mux.ServeHTTP(w, r) }

// notFound answers /api/ paths no operation matched: 405 when the path
// exists for another method, else 404.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	var allow []string
	for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
		if m == r.Method {
			continue
		}
		r2 := r.Clone(r.Context())
		r2.Method = m
		if _, pat := s.mux.Handler(r2); pat != "" && pat != "/api/" {
			allow = append(allow, m)
			if m == http.MethodGet {
				allow = append(allow, http.MethodHead)
			}
		}
	}
	if len(allow) > 0 {
		w.Header().Set("Allow", strings.Join(allow, ", "))
		writeProblem(w, http.StatusMethodNotAllowed, "method "+r.Method+" is not allowed on "+r.URL.Path+"; allowed: "+strings.Join(allow, ", "))
		return
	}
	writeProblem(w, http.StatusNotFound, "no API endpoint "+r.URL.Path+": see "+Prefix+"/openapi.json")
}

// docCount is the number of documents stored, from stats at most five
// seconds old.
func (s *Server) storeStats(ctx context.Context) (*store.Stats, error) {
	s.statsMu.Lock()
	defer s.statsMu.Unlock()
	if s.stats != nil && time.Since(s.statsAt) < 5*time.Second {
		return s.stats, nil
	}
	st, err := s.cfg.Store.Stats(ctx)
	if err != nil {
		return nil, err
	}
	s.stats, s.statsAt = st, time.Now()
	return st, nil
}
