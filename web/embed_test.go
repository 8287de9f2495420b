package web

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
)

func gz(s string) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	_, _ = w.Write([]byte(s))
	_ = w.Close()
	return b.Bytes()
}

var built = fstest.MapFS{
	"index.html":             {Data: []byte(`<!doctype html><html lang="ar" dir="rtl"><script type="module" src="/assets/index-abc.js"></script></html>`)},
	"favicon.svg":            {Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`)},
	"assets/index-abc.js":    {Data: []byte(`console.log("app")`)},
	"assets/index-abc.js.gz": {Data: gz(`console.log("app")`)},
	"assets/index-abc.css":   {Data: []byte(`body{}`)},
	".gitkeep":               {Data: nil},
}

func get(t *testing.T, h http.Handler, target string, hdr ...string) *http.Response {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Result()
}

func body(t *testing.T, r *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(r.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestHandlerServesFilesWithTypesAndCaching(t *testing.T) {
	h := handler(built)
	cases := []struct {
		path, ctype, cache string
	}{
		{"/", "text/html; charset=utf-8", "no-cache"},
		{"/index.html", "text/html; charset=utf-8", "no-cache"},
		{"/favicon.svg", "image/svg+xml", "no-cache"},
		{"/assets/index-abc.js", "text/javascript; charset=utf-8", "public, max-age=31536000, immutable"},
		{"/assets/index-abc.css", "text/css; charset=utf-8", "public, max-age=31536000, immutable"},
	}
	for _, c := range cases {
		r := get(t, h, c.path)
		if r.StatusCode != 200 {
			t.Errorf("%s: status %d", c.path, r.StatusCode)
		}
		if got := r.Header.Get("Content-Type"); got != c.ctype {
			t.Errorf("%s: Content-Type %q, want %q", c.path, got, c.ctype)
		}
		if got := r.Header.Get("Cache-Control"); got != c.cache {
			t.Errorf("%s: Cache-Control %q, want %q", c.path, got, c.cache)
		}
		if r.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: no nosniff", c.path)
		}
	}
}

func TestHandlerClientRoutesGetIndex(t *testing.T) {
	h := handler(built)
	for _, p := range []string{"/search", "/search?q=x", "/article/snn:2015-08-07:192", "/place/place:99072", "/actor/actor:islamic-state", "/map", "/timeline", "/events", "/assets"} {
		r := get(t, h, p)
		if r.StatusCode != 200 || !strings.Contains(body(t, r), `lang="ar"`) {
			t.Errorf("%s: want index.html, got %d", p, r.StatusCode)
		}
	}
}

func TestHandlerNotFound(t *testing.T) {
	h := handler(built)
	for _, p := range []string{"/assets/missing.js", "/nope.png", "/api/v1/health", "/api", "/../../etc/passwd.txt"} {
		r := get(t, h, p)
		if r.StatusCode != 404 {
			t.Errorf("%s: status %d, want 404", p, r.StatusCode)
		}
	}
	req := httptest.NewRequest(http.MethodPost, "/", nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST: status %d", rec.Code)
	}
}

func TestHandlerGzip(t *testing.T) {
	h := handler(built)
	r := get(t, h, "/assets/index-abc.js", "Accept-Encoding", "br, gzip")
	if r.Header.Get("Content-Encoding") != "gzip" || r.Header.Get("Vary") != "Accept-Encoding" {
		t.Fatalf("headers %v", r.Header)
	}
	zr, err := gzip.NewReader(r.Body)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(zr)
	if string(b) != `console.log("app")` {
		t.Errorf("body %q", b)
	}
	if r.Header.Get("Content-Type") != "text/javascript; charset=utf-8" {
		t.Errorf("gzip copy changed the type: %q", r.Header.Get("Content-Type"))
	}
	r = get(t, h, "/assets/index-abc.js", "Accept-Encoding", "gzip;q=0")
	if r.Header.Get("Content-Encoding") != "" || body(t, r) != `console.log("app")` {
		t.Errorf("gzip;q=0 got gzip")
	}
	r = get(t, h, "/assets/index-abc.js")
	if r.Header.Get("Content-Encoding") != "" {
		t.Errorf("no Accept-Encoding got gzip")
	}
}

func TestHandlerPlaceholderWhenNotBuilt(t *testing.T) {
	h := handler(fstest.MapFS{".gitkeep": {}})
	r := get(t, h, "/search")
	if r.StatusCode != http.StatusServiceUnavailable || !strings.Contains(body(t, r), "make web") {
		t.Errorf("placeholder: %d", r.StatusCode)
	}
	if isBuilt(fstest.MapFS{".gitkeep": {}}) || !isBuilt(built) {
		t.Error("isBuilt")
	}
}

func TestEmbeddedUI(t *testing.T) {
	// Whatever this checkout holds (placeholder or a build), the handler answers.
	r := get(t, Handler(), "/")
	if Built() && r.StatusCode != 200 {
		t.Errorf("built UI: status %d", r.StatusCode)
	}
	if !Built() && r.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("placeholder: status %d", r.StatusCode)
	}
	if Built() {
		b := body(t, get(t, Handler(), "/"))
		if strings.Contains(b, "<script>") || strings.Contains(b, " onload=") {
			t.Error("index.html has an inline script")
		}
	}
}
