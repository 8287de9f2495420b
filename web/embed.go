// Package web serves marsad's web UI: the files that `make web` builds into
// web/dist (npm + Vite), embedded into the binary.
//
// On a fresh clone dist holds only a placeholder, so the binary builds
// without npm; Handler then answers a page saying how to build the UI, and
// Built reports false.
//
// The server mounts Handler for every path outside /api/ and sets the
// security headers; the UI needs this Content-Security-Policy and no more
// (it has no inline script, no inline style and no eval):
//
//	default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;
//	font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none';
//	form-action 'self'; frame-ancestors 'none'
package web

import (
	"embed"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"
)

//go:embed all:dist
var dist embed.FS

// CSP is the Content-Security-Policy the UI is built to run under.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; " +
	"form-action 'self'; frame-ancestors 'none'"

func files() fs.FS {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		panic(err) // "dist" is a valid path
	}
	return sub
}

// Built reports whether the binary embeds a built UI (dist/index.html).
func Built() bool {
	return isBuilt(files())
}

func isBuilt(fsys fs.FS) bool {
	st, err := fs.Stat(fsys, "index.html")
	return err == nil && !st.IsDir()
}

// Handler serves the embedded UI:
//   - files as they are, with their content type; a gzip copy (name.gz)
//     when the client accepts gzip;
//   - /assets/* (names carry a content hash) cached for a year, immutable;
//     everything else revalidated (no-cache);
//   - index.html for any other path without a file extension, so that the
//     UI's client-side routes (/search, /article/…, /map…) load and reload;
//   - 404 for a missing file with an extension and for /api/ paths (the API
//     is not served here).
//
// Without a built UI it answers every page with a short placeholder.
func Handler() http.Handler {
	return handler(files())
}

var startTime = time.Now()

func handler(fsys fs.FS) http.Handler {
	built := isBuilt(fsys)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		p := r.URL.Path
		if p == "/api" || strings.HasPrefix(p, "/api/") {
			http.NotFound(w, r)
			return
		}
		if !built {
			placeholder(w, r)
			return
		}
		name := strings.TrimPrefix(path.Clean("/"+p), "/")
		if name == "" {
			name = "index.html"
		}
		st, err := fs.Stat(fsys, name)
		switch {
		case err == nil && !st.IsDir():
			// a file
		case path.Ext(name) == "" || err == nil:
			// a client-side route (or a folder): the app
			name = "index.html"
		default:
			http.NotFound(w, r)
			return
		}
		serve(w, r, fsys, name)
	})
}

func serve(w http.ResponseWriter, r *http.Request, fsys fs.FS, name string) {
	h := w.Header()
	ctype := mime.TypeByExtension(path.Ext(name))
	switch path.Ext(name) {
	case ".js", ".mjs":
		ctype = "text/javascript; charset=utf-8"
	case ".css":
		ctype = "text/css; charset=utf-8"
	case ".html":
		ctype = "text/html; charset=utf-8"
	case ".svg":
		ctype = "image/svg+xml"
	case ".json":
		ctype = "application/json"
	}
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	h.Set("Content-Type", ctype)
	h.Set("X-Content-Type-Options", "nosniff")
	if strings.HasPrefix(name, "assets/") {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		h.Set("Cache-Control", "no-cache")
	}

	open := name
	if acceptsGzip(r) {
		if st, err := fs.Stat(fsys, name+".gz"); err == nil && !st.IsDir() {
			open = name + ".gz"
			h.Set("Content-Encoding", "gzip")
		}
		h.Add("Vary", "Accept-Encoding")
	} else if _, err := fs.Stat(fsys, name+".gz"); err == nil {
		h.Add("Vary", "Accept-Encoding")
	}
	f, err := fsys.Open(open)
	if err != nil {
		h.Del("Content-Encoding")
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	defer f.Close()
	// Embedded files have no modification time: use the process start, so
	// that If-Modified-Since works within one run. Hashed assets never change.
	if rs, ok := f.(io.ReadSeeker); ok {
		http.ServeContent(w, r, name, startTime, rs)
		return
	}
	if r.Method != http.MethodHead {
		_, _ = io.Copy(w, f)
	}
}

func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		enc, q, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(enc), "gzip") {
			q = strings.ReplaceAll(strings.TrimSpace(q), " ", "")
			return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
		}
	}
	return false
}

const placeholderPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>marsad — UI not built</title></head>
<body><h1>marsad</h1>
<p>The web UI is not built into this binary. Run <code>make web</code> (npm and Node.js 20+), then rebuild marsad.
The API is served under <a href="/api/v1/health">/api/v1</a>.</p>
<p dir="rtl" lang="ar">واجهة الويب غير مبنية في هذا الملف التنفيذي: شغّل <code>make web</code> ثم أعد بناء مرصد.</p>
</body></html>
`

func placeholder(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusServiceUnavailable)
	if r.Method != http.MethodHead {
		_, _ = io.WriteString(w, placeholderPage)
	}
}
