package api

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"math"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/marsad/marsad/web"
)

func init() {
	// huma answers a parameter or body that fails validation with 422;
	// marsad answers 400 and names the parameters in the detail.
	huma.NewError = func(status int, msg string, errs ...error) huma.StatusError {
		em := &huma.ErrorModel{Type: "about:blank", Status: status, Title: http.StatusText(status), Detail: msg}
		var parts []string
		for _, e := range errs {
			if e == nil {
				continue
			}
			var d *huma.ErrorDetail
			if dd, ok := e.(huma.ErrorDetailer); ok {
				d = dd.ErrorDetail()
			} else {
				d = &huma.ErrorDetail{Message: e.Error()}
			}
			em.Errors = append(em.Errors, d)
			if d.Location != "" {
				parts = append(parts, strings.TrimPrefix(strings.TrimPrefix(d.Location, "query."), "path.")+": "+d.Message)
			} else {
				parts = append(parts, d.Message)
			}
		}
		if status == http.StatusUnprocessableEntity {
			em.Status, em.Title = http.StatusBadRequest, http.StatusText(http.StatusBadRequest)
		}
		if len(parts) > 0 && (msg == "validation failed" || msg == "") {
			em.Detail = strings.Join(parts, "; ")
		}
		return em
	}
}

// problem is an RFC 9457 problem written outside huma (404, 405, 429,
// 500, aborted routes).
type problem struct {
	Type   string `json:"type"`
	Title  string `json:"title"`
	Status int    `json:"status"`
	Detail string `json:"detail,omitempty"`
}

func writeProblem(w http.ResponseWriter, status int, detail string) {
	b, _ := json.Marshal(problem{Type: "about:blank", Title: http.StatusText(status), Status: status, Detail: detail})
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// statusWriter remembers the status and size of a response.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the connection (deadlines,
// flushes).
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (w *statusWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

type ctxKey int

const routeKey ctxKey = 0

// middleware wraps the mux: security headers, recovery, rate limit,
// deadline, metrics and a log line per request.
func (s *Server) middleware(mux http.Handler) http.Handler {
	inner := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mux.ServeHTTP(w, r)
		if p, ok := r.Context().Value(routeKey).(*string); ok {
			*p = r.Pattern
		}
	})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		h := w.Header()
		h.Set("Content-Security-Policy", web.CSP)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		sw := &statusWriter{ResponseWriter: w}
		route := ""
		ctx := context.WithValue(r.Context(), routeKey, &route)
		isAPI := strings.HasPrefix(r.URL.Path, "/api/")
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					s.observe(r, sw, route, start)
					panic(v) // the connection is cut: a broken stream must not look whole
				}
				s.cfg.Logger.Error("panic", "method", r.Method, "path", r.URL.Path, "panic", fmt.Sprint(v))
				if sw.status == 0 {
					writeProblem(sw, http.StatusInternalServerError, "internal error")
				}
			}
			s.observe(r, sw, route, start)
		}()
		if isAPI && s.limiter != nil {
			if ok, wait := s.limiter.allow(clientIP(r), start); !ok {
				route = "rate-limited"
				sw.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(wait.Seconds()))))
				writeProblem(sw, http.StatusTooManyRequests, fmt.Sprintf("too many requests from %s: at most %g a second on average; retry in %s", clientIP(r), s.cfg.Rate, wait.Round(time.Millisecond)))
				return
			}
		}
		if isAPI && r.URL.Path != Prefix+"/export" {
			var cancel context.CancelFunc
			ctx, cancel = context.WithTimeout(ctx, s.cfg.Timeout)
			defer cancel()
		}
		inner.ServeHTTP(sw, r.WithContext(ctx))
	})
}

// observe counts and logs a finished request.
func (s *Server) observe(r *http.Request, sw *statusWriter, route string, start time.Time) {
	status := sw.status
	if status == 0 {
		status = http.StatusOK
	}
	if route == "" || route == "/" {
		route = "ui"
	}
	el := time.Since(start)
	s.metrics.request(route, status, el)
	s.cfg.Logger.LogAttrs(r.Context(), slog.LevelInfo, "request",
		slog.String("method", r.Method), slog.String("path", r.URL.Path), slog.String("route", route),
		slog.Int("status", status), slog.Int64("bytes", sw.bytes), slog.Duration("duration", el),
		slog.String("client", clientIP(r)))
}

// clientIP is the address a request came from (the connection's; no
// forwarding header is trusted).
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// limiter is a token bucket per client address.
type limiter struct {
	mu      sync.Mutex
	rate    float64 // tokens a second
	burst   float64
	buckets map[string]*bucket
	swept   time.Time
}

type bucket struct {
	tokens float64
	at     time.Time
}

func newLimiter(rate float64, burst int) *limiter {
	return &limiter{rate: rate, burst: float64(burst), buckets: map[string]*bucket{}}
}

// allow takes a token from ip's bucket, or says how long until one.
func (l *limiter) allow(ip string, now time.Time) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.swept) > time.Minute {
		// Forget full buckets: they are as good as new ones.
		for k, b := range l.buckets {
			if b.tokens+now.Sub(b.at).Seconds()*l.rate >= l.burst {
				delete(l.buckets, k)
			}
		}
		l.swept = now
	}
	b := l.buckets[ip]
	if b == nil {
		b = &bucket{tokens: l.burst, at: now}
		l.buckets[ip] = b
	}
	b.tokens = math.Min(l.burst, b.tokens+now.Sub(b.at).Seconds()*l.rate)
	b.at = now
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	return false, time.Duration((1 - b.tokens) / l.rate * float64(time.Second))
}
