package api_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/marsad/marsad/api"
	"github.com/marsad/marsad/corpus"
	"github.com/marsad/marsad/ingest"
	"github.com/marsad/marsad/pipeline"
	"github.com/marsad/marsad/sample"
	"github.com/marsad/marsad/store"
	_ "github.com/marsad/marsad/store/sqlite"
	"github.com/marsad/marsad/web"
)

var (
	testStore store.Store
	testPipe  *pipeline.Pipeline
)

// TestMain fills one SQLite store through the pipeline with the sample
// articles, the UI's XSS fixture and a document whose id holds a slash.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "marsad-api-test-")
	if err != nil {
		panic(err)
	}
	code := func() int {
		ctx := context.Background()
		if testPipe, err = pipeline.New(); err != nil {
			panic(err)
		}
		testStore, err = store.Open(ctx, filepath.Join(dir, "api.db"), store.Options{Indexer: store.NewIndexer(testPipe.Segmenter())})
		if err != nil {
			panic(err)
		}
		defer testStore.Close()
		xss, err := os.ReadFile("../web/test/fixtures/xss.jsonl")
		if err != nil {
			panic(err)
		}
		body := append(sample.Articles(), xss...)
		body = append(body, `{"id":"odd/id:1","title":"معرّف بشرطة مائلة","published":"2016-01-02","source":"test","text":"انفجرت عبوة ناسفة في الموصل صباح اليوم."}`+"\n"...)
		src := func(yield func(ingest.Item) bool) error {
			return ingest.ReadFrom(ctx, "t.jsonl", bytes.NewReader(body), nil, func(it ingest.Item) error {
				if !yield(it) {
					return context.Canceled
				}
				return nil
			})
		}
		sum, err := corpus.NewIngester(testStore, testPipe).Ingest(ctx, src, corpus.Options{})
		if err != nil || sum.Failed > 0 {
			panic(sum.String())
		}
		return m.Run()
	}()
	os.RemoveAll(dir)
	os.Exit(code)
}

func newServer(t *testing.T, mod func(*api.Config)) *httptest.Server {
	t.Helper()
	cfg := api.Config{Store: testStore, Pipeline: testPipe, Token: "s3cret", Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		MaxIngestBytes: 64 << 10, MaxAnalyzeBytes: 16 << 10}
	if mod != nil {
		mod(&cfg)
	}
	srv := httptest.NewServer(api.New(cfg))
	t.Cleanup(srv.Close)
	return srv
}

type resp struct {
	status int
	header http.Header
	body   []byte
}

func do(t *testing.T, srv *httptest.Server, method, path string, body string, hdr ...string) resp {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, srv.URL+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	res, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("%s %s: reading: %v", method, path, err)
	}
	return resp{res.StatusCode, res.Header, b}
}

func (r resp) json(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("not JSON (%v): %.300s", err, r.body)
	}
}

type problem struct {
	Type   string `json:"type"`
	Title  string `json:"title"`
	Status int    `json:"status"`
	Detail string `json:"detail"`
}

// isProblem checks an RFC 9457 problem with this status whose detail
// mentions want.
func isProblem(t *testing.T, r resp, status int, want string) {
	t.Helper()
	if r.status != status {
		t.Errorf("status %d, want %d: %.300s", r.status, status, r.body)
		return
	}
	if ct := r.header.Get("Content-Type"); ct != "application/problem+json" {
		t.Errorf("problem content type %q", ct)
	}
	var p problem
	r.json(t, &p)
	if p.Status != status || p.Title == "" || p.Type == "" || !strings.Contains(p.Detail, want) {
		t.Errorf("problem %+v: want status %d and %q in detail", p, status, want)
	}
}

func TestHealth(t *testing.T) {
	srv := newServer(t, func(c *api.Config) { c.Version = "v-test" })
	r := do(t, srv, "GET", "/api/v1/health", "")
	var h struct {
		Status, Version, Backend string
		Documents                int
	}
	r.json(t, &h)
	if r.status != 200 || h.Status != "ok" || h.Version != "v-test" || h.Backend != "sqlite" || h.Documents != 52 {
		t.Errorf("health %d %+v", r.status, h)
	}
	if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("content type %q", ct)
	}
}

func TestSearch(t *testing.T) {
	srv := newServer(t, nil)
	var res struct {
		Total  int
		Limit  int
		Hits   []map[string]any
		Facets map[string][]struct {
			Value, Label string
			Count        int
		}
	}
	r := do(t, srv, "GET", "/api/v1/search?q=%D8%A7%D9%84%D9%85%D9%88%D8%B5%D9%84&limit=3", "") // الموصل
	r.json(t, &res)
	if r.status != 200 || res.Total < 4 || len(res.Hits) != 3 || res.Limit != 3 {
		t.Fatalf("search: %d total %d, %d hits", r.status, res.Total, len(res.Hits))
	}
	h := res.Hits[0]
	if h["id"] == "" || h["snippet"] == nil || len(h["highlights"].([]any)) == 0 {
		t.Errorf("hit %v", h)
	}
	for _, k := range []string{"source", "event_type", "country", "actor", "month"} {
		if len(res.Facets[k]) == 0 {
			t.Errorf("facet %s empty", k)
		}
	}
	if res.Facets["actor"][0].Label == "" {
		t.Errorf("actor facets carry labels: %+v", res.Facets["actor"])
	}
	if m := res.Facets["month"]; len(m) > 1 && m[0].Value < m[1].Value {
		t.Errorf("months newest first: %+v", m)
	}
	// Empty q: every document, newest first; limit=0: total and facets only.
	r = do(t, srv, "GET", "/api/v1/search?limit=0", "")
	r.json(t, &res)
	if r.status != 200 || res.Total != 51 || len(res.Hits) != 0 || len(res.Facets["country"]) == 0 {
		t.Errorf("limit=0: %d total %d hits %d facets %v", r.status, res.Total, len(res.Hits), res.Facets)
	}
	r = do(t, srv, "GET", "/api/v1/search?limit=5&country=IQ&country=SY&from=2015-01-01&to=2016-12-31&facets=false", "")
	res.Facets = nil
	r.json(t, &res)
	if r.status != 200 || res.Total == 0 || res.Total >= 51 || res.Facets != nil {
		t.Errorf("filtered: %d total %d facets %v", r.status, res.Total, res.Facets)
	}
	for _, c := range []struct{ q, param string }{
		{"limit=-1", "limit"}, {"limit=101", "limit"}, {"limit=x", "limit"}, {"offset=-3", "offset"},
		{"from=2015-13-45", "from"}, {"from=yesterday", "from"}, {"to=2015-01-01&from=2016-01-01", "to"},
		{"country=Iraq1", "country"}, {"sort=colour", "sort"}, {"q=-%D8%A8%D8%BA%D8%AF%D8%A7%D8%AF", "q"},
		{"q=" + strings.Repeat("a", 1001), "q"}, {"facets=maybe", "facets"},
	} {
		isProblem(t, do(t, srv, "GET", "/api/v1/search?"+c.q, ""), 400, c.param)
	}
}

func TestDocuments(t *testing.T) {
	srv := newServer(t, nil)
	var list struct {
		Total, Limit, Offset int
		Documents            []struct {
			ID        string
			Published string
			Analysis  *struct{ Schema string }
		}
	}
	r := do(t, srv, "GET", "/api/v1/documents?limit=5&offset=2", "")
	r.json(t, &list)
	if r.status != 200 || list.Total != 51 || len(list.Documents) != 5 || list.Offset != 2 || list.Documents[0].Analysis != nil {
		t.Fatalf("documents %d %+v", r.status, list)
	}
	if list.Documents[0].Published < list.Documents[4].Published {
		t.Errorf("newest first: %+v", list.Documents)
	}
	r = do(t, srv, "GET", "/api/v1/documents?limit=2&analysis=true", "")
	r.json(t, &list)
	if len(list.Documents) != 2 || list.Documents[0].Analysis == nil || list.Documents[0].Analysis.Schema != "marsad.analysis/v1" {
		t.Errorf("documents with analyses: %s", r.body)
	}
	isProblem(t, do(t, srv, "GET", "/api/v1/documents?limit=1000", ""), 400, "limit")

	var doc struct {
		Document struct{ ID, Title, Text string }
		Analysis struct {
			ID       string
			Entities []struct {
				Type       string
				Start, End int
			}
		}
	}
	r = do(t, srv, "GET", "/api/v1/documents/sample-001", "")
	r.json(t, &doc)
	if r.status != 200 || doc.Document.ID != "sample-001" || doc.Analysis.ID != "sample-001" || len(doc.Analysis.Entities) == 0 || doc.Document.Text == "" {
		t.Errorf("document %d %.300s", r.status, r.body)
	}
	// An id holding "/" and ":", percent-encoded as the UI sends it.
	r = do(t, srv, "GET", "/api/v1/documents/odd%2Fid:1", "")
	r.json(t, &doc)
	if r.status != 200 || doc.Document.ID != "odd/id:1" {
		t.Errorf("odd id: %d %.300s", r.status, r.body)
	}
	// The XSS article comes back as JSON text, never as markup.
	r = do(t, srv, "GET", "/api/v1/documents/xss-test-1", "")
	if r.status != 200 || !strings.HasPrefix(r.header.Get("Content-Type"), "application/json") || !bytes.Contains(r.body, []byte(`<script>`)) {
		t.Errorf("xss document: %d %s", r.status, r.header.Get("Content-Type"))
	}
	isProblem(t, do(t, srv, "GET", "/api/v1/documents/no-such-doc", ""), 404, "no-such-doc")
}

func TestAnalyze(t *testing.T) {
	srv := newServer(t, nil)
	var a struct {
		Schema   string
		Entities []struct{ Type, Text string }
		Events   []struct{ Type string }
	}
	r := do(t, srv, "POST", "/api/v1/analyze", `{"title":"هجوم","text":"قتل ثلاثة من عناصر الشرطة في هجوم مسلح استهدف نقطة تفتيش في الموصل أمس.","published":"2016-03-10"}`)
	r.json(t, &a)
	if r.status != 200 || a.Schema != "marsad.analysis/v1" || len(a.Entities) == 0 {
		t.Errorf("analyze %d %.400s", r.status, r.body)
	}
	before := do(t, srv, "GET", "/api/v1/search?limit=0&facets=false", "")
	if !bytes.Contains(before.body, []byte(`"total":51`)) {
		t.Errorf("analyze stores nothing: %s", before.body)
	}
	isProblem(t, do(t, srv, "POST", "/api/v1/analyze", `{"text":"   "}`), 400, "text")
	isProblem(t, do(t, srv, "POST", "/api/v1/analyze", `{"title":"x"}`), 400, "text")
	isProblem(t, do(t, srv, "POST", "/api/v1/analyze", `{"text":"نص","published":"someday"}`), 400, "published")
	isProblem(t, do(t, srv, "POST", "/api/v1/analyze", `{"text":`), 400, "")
	isProblem(t, do(t, srv, "POST", "/api/v1/analyze", `{"text":"`+strings.Repeat("نص ", 10000)+`"}`), 413, "")
	isProblem(t, do(t, srv, "GET", "/api/v1/analyze", ""), 405, "POST")
}

func TestEvents(t *testing.T) {
	srv := newServer(t, nil)
	var res struct {
		Total, Limit int
		Events       []struct {
			DocID      string `json:"doc_id"`
			DocTitle   string `json:"doc_title"`
			Type       string
			Date       string
			Fatalities *int
			Location   *struct{ Country string }
		}
	}
	r := do(t, srv, "GET", "/api/v1/events?limit=1000&sort=-fatalities", "")
	r.json(t, &res)
	if r.status != 200 || res.Total == 0 || len(res.Events) != res.Total || res.Events[0].DocID == "" || res.Events[0].DocTitle == "" {
		t.Fatalf("events %d %d/%d", r.status, len(res.Events), res.Total)
	}
	if f0, f1 := res.Events[0].Fatalities, res.Events[1].Fatalities; f0 == nil || f1 != nil && *f1 > *f0 {
		t.Errorf("sorted by fatalities: %v %v", f0, f1)
	}
	all := res.Total
	r = do(t, srv, "GET", "/api/v1/events?country=IQ&limit=5&sort=date", "")
	r.json(t, &res)
	if r.status != 200 || res.Total == 0 || res.Total >= all || len(res.Events) > 5 {
		t.Errorf("events in IQ: %d of %d", res.Total, all)
	}
	for _, e := range res.Events {
		if e.Location == nil || e.Location.Country != "IQ" {
			t.Errorf("event outside IQ: %+v", e)
		}
	}
	if len(res.Events) > 1 && res.Events[0].Date > res.Events[1].Date {
		t.Errorf("sort=date: %s before %s", res.Events[0].Date, res.Events[1].Date)
	}
	r = do(t, srv, "GET", "/api/v1/events?offset=100000", "")
	r.json(t, &res)
	if r.status != 200 || len(res.Events) != 0 || res.Total != all {
		t.Errorf("past the end: %d %d %d", r.status, len(res.Events), res.Total)
	}
	for _, c := range []struct{ q, param string }{
		{"limit=1001", "limit"}, {"sort=colour", "sort"}, {"offset=abc", "offset"}, {"country=IRQ", "country"}, {"to=2015-02-30x", "to"},
	} {
		isProblem(t, do(t, srv, "GET", "/api/v1/events?"+c.q, ""), 400, c.param)
	}
}

func TestPlacesActors(t *testing.T) {
	srv := newServer(t, nil)
	var ps struct {
		Places []struct {
			Ref                string
			Lat, Lon           *float64
			Events, Fatalities int
		}
	}
	r := do(t, srv, "GET", "/api/v1/places?limit=500", "")
	r.json(t, &ps)
	if r.status != 200 || len(ps.Places) == 0 || ps.Places[0].Ref == "" || ps.Places[0].Lat == nil || ps.Places[0].Events == 0 {
		t.Fatalf("places %d %.300s", r.status, r.body)
	}
	var p struct {
		Place struct {
			Ref, Name, Kind string
			Events          int
		}
		Events []struct {
			DocID string `json:"doc_id"`
		}
	}
	r = do(t, srv, "GET", "/api/v1/places/place:99072", "")
	r.json(t, &p)
	if r.status != 200 || p.Place.Ref != "place:99072" || p.Place.Name != "الموصل" || p.Place.Events == 0 || len(p.Events) == 0 {
		t.Errorf("Mosul: %d %.300s", r.status, r.body)
	}
	isProblem(t, do(t, srv, "GET", "/api/v1/places/place:0", ""), 404, "place:0")
	isProblem(t, do(t, srv, "GET", "/api/v1/places?limit=501", ""), 400, "limit")

	var as struct {
		Actors []struct {
			Ref, Name string
			Events    int
		}
	}
	r = do(t, srv, "GET", "/api/v1/actors?country=IQ", "")
	r.json(t, &as)
	if r.status != 200 || len(as.Actors) == 0 || as.Actors[0].Events == 0 {
		t.Fatalf("actors %d %.300s", r.status, r.body)
	}
	var a struct {
		Actor      struct{ Ref, Name string }
		Timeseries struct {
			Interval string
			Series   []struct{ Key string }
		}
		Places []struct{ Ref string }
		Events []struct{ Type string }
	}
	r = do(t, srv, "GET", "/api/v1/actors/actor:islamic-state", "")
	r.json(t, &a)
	if r.status != 200 || a.Actor.Ref != "actor:islamic-state" || a.Timeseries.Interval != "month" || len(a.Timeseries.Series) == 0 || len(a.Places) == 0 || len(a.Events) == 0 {
		t.Errorf("actor page: %d %.500s", r.status, r.body)
	}
	isProblem(t, do(t, srv, "GET", "/api/v1/actors/actor:nobody", ""), 404, "actor:nobody")
}

func TestTimeseries(t *testing.T) {
	srv := newServer(t, nil)
	var ts struct {
		Interval, By, Metric string
		Series               []struct {
			Key    string
			Label  string
			Points []struct {
				T string
				V int
			}
		}
	}
	for _, q := range []string{"interval=day&by=type", "interval=week&by=actor&metric=fatalities", "interval=month&by=country", "by=none"} {
		r := do(t, srv, "GET", "/api/v1/timeseries?"+q, "")
		r.json(t, &ts)
		if r.status != 200 || len(ts.Series) == 0 || len(ts.Series[0].Points) == 0 {
			t.Fatalf("%s: %d %.300s", q, r.status, r.body)
		}
		n := len(ts.Series[0].Points)
		for _, s := range ts.Series {
			if len(s.Points) != n {
				t.Errorf("%s: series %s has %d points, not %d (missing bins are zeros)", q, s.Key, len(s.Points), n)
			}
		}
		if ts.Interval == "week" {
			for _, p := range ts.Series[0].Points[:3] {
				if weekday(t, p.T) != time.Monday {
					t.Errorf("week bin %s is not a Monday", p.T)
				}
			}
		}
	}
	for _, c := range []struct{ q, param string }{{"interval=year", "interval"}, {"by=colour", "by"}, {"metric=injuries", "metric"}, {"series=0", "series"}} {
		isProblem(t, do(t, srv, "GET", "/api/v1/timeseries?"+c.q, ""), 400, c.param)
	}
}

func weekday(t *testing.T, day string) time.Weekday {
	t.Helper()
	d, err := time.Parse("2006-01-02", day)
	if err != nil {
		t.Fatal(err)
	}
	return d.Weekday()
}

func TestIngest(t *testing.T) {
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "ingest.db"), store.Options{Indexer: store.NewIndexer(testPipe.Segmenter())})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	srv := newServer(t, func(c *api.Config) { c.Store = st })
	doc := `{"id":"ingested-1","title":"خبر جديد","published":"2016-05-01","source":"test","text":"قتل خمسة أشخاص في انفجار سيارة مفخخة في بغداد اليوم."}`
	isProblem(t, do(t, srv, "POST", "/api/v1/ingest", doc), 401, "missing bearer token")
	r := do(t, srv, "POST", "/api/v1/ingest", doc, "Authorization", "Bearer wrong")
	isProblem(t, r, 401, "wrong")
	if r.header.Get("WWW-Authenticate") == "" {
		t.Error("401 without WWW-Authenticate")
	}
	isProblem(t, do(t, srv, "POST", "/api/v1/ingest", doc, "Authorization", "Basic czNjcmV0"), 401, "wrong")
	isProblem(t, do(t, srv, "POST", "/api/v1/ingest", strings.Repeat(" ", 70<<10)+doc, "Authorization", "Bearer s3cret"), 413, "")
	isProblem(t, do(t, srv, "POST", "/api/v1/ingest", "not json", "Authorization", "Bearer s3cret"), 400, "")
	isProblem(t, do(t, srv, "POST", "/api/v1/ingest", "{", "Authorization", "Bearer s3cret"), 400, "")

	if r := do(t, srv, "GET", "/api/v1/search?limit=0", ""); !bytes.Contains(r.body, []byte(`"source":[]`)) {
		t.Errorf("empty store's facets: %s", r.body)
	}
	var out struct {
		Summary corpus.Summary
		Results []corpus.Result
	}
	r = do(t, srv, "POST", "/api/v1/ingest", "["+doc+`,{"id":"no-text"}]`, "Authorization", "Bearer s3cret")
	r.json(t, &out)
	if r.status != 200 || out.Summary.Read != 2 || out.Summary.New != 1 || out.Summary.Failed != 1 || len(out.Results) != 2 {
		t.Fatalf("ingest: %d %s", r.status, r.body)
	}
	if out.Results[0].ID != "ingested-1" || out.Results[0].Outcome != "new" || out.Results[1].Outcome != "failed" || out.Results[1].Error == "" {
		t.Errorf("results %+v", out.Results)
	}
	r = do(t, srv, "GET", "/api/v1/documents/ingested-1", "")
	if r.status != 200 {
		t.Errorf("ingested document: %d", r.status)
	}
	if r := do(t, srv, "GET", "/api/v1/search?limit=0", ""); !bytes.Contains(r.body, []byte(`"source":[{"value":"test","count":1}]`)) {
		t.Errorf("facets cached across an ingest: %s", r.body)
	}
	// JSON Lines, and the same document again: a duplicate.
	doc2 := `{"id":"ingested-2","title":"خبر آخر","published":"2016-05-02","source":"test","text":"اعتقلت قوات الأمن خلية إرهابية في الرياض."}`
	r = do(t, srv, "POST", "/api/v1/ingest", doc+"\n"+doc2+"\n", "Authorization", "Bearer s3cret", "Content-Type", "application/x-ndjson")
	r.json(t, &out)
	if r.status != 200 || out.Summary.Duplicate != 1 || out.Summary.New != 1 {
		t.Errorf("jsonl ingest: %d %s", r.status, r.body)
	}

	off := newServer(t, func(c *api.Config) { c.Token = "" })
	isProblem(t, do(t, off, "POST", "/api/v1/ingest", doc, "Authorization", "Bearer s3cret"), 403, "--token")
}

func TestExport(t *testing.T) {
	srv := newServer(t, nil)
	for _, f := range []string{"acled-csv", "geojson", "jsonl", "stix"} {
		r := do(t, srv, "GET", "/api/v1/export?format="+f, "")
		if r.status != 200 || len(r.body) == 0 {
			t.Fatalf("%s: %d %.300s", f, r.status, r.body)
		}
		if cd := r.header.Get("Content-Disposition"); !strings.Contains(cd, "attachment") || !strings.Contains(cd, "marsad-events") {
			t.Errorf("%s: Content-Disposition %q", f, cd)
		}
		switch f {
		case "acled-csv":
			if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/csv") {
				t.Errorf("csv content type %q", ct)
			}
			rows, err := csv.NewReader(bytes.NewReader(r.body)).ReadAll()
			if err != nil || len(rows) < 10 || rows[0][0] != "event_id_cnty" {
				t.Errorf("csv: %v, %d rows", err, len(rows))
			}
		case "jsonl":
			n := 0
			for _, line := range bytes.Split(bytes.TrimSpace(r.body), []byte("\n")) {
				var a map[string]any
				if err := json.Unmarshal(line, &a); err != nil || a["schema"] != "marsad.analysis/v1" {
					t.Fatalf("jsonl line %d: %v", n, err)
				}
				n++
			}
			if n < 50 {
				t.Errorf("jsonl: %d analyses", n)
			}
		default:
			var v map[string]any
			if err := json.Unmarshal(r.body, &v); err != nil {
				t.Errorf("%s: %v", f, err)
			}
			if f == "geojson" && v["type"] != "FeatureCollection" || f == "stix" && v["type"] != "bundle" {
				t.Errorf("%s: type %v", f, v["type"])
			}
		}
		again := do(t, srv, "GET", "/api/v1/export?format="+f, "")
		if !bytes.Equal(again.body, r.body) {
			t.Errorf("%s: two exports of one store differ", f)
		}
	}
	// Filters: only the events in the filter (a place matched by the store).
	r := do(t, srv, "GET", "/api/v1/export?format=acled-csv&place=place:99072", "")
	rows, err := csv.NewReader(bytes.NewReader(r.body)).ReadAll()
	if err != nil || len(rows) < 2 {
		t.Fatalf("export of Mosul: %v %d", err, len(rows))
	}
	col := -1
	for i, c := range rows[0] {
		if c == "location" {
			col = i
		}
	}
	for _, row := range rows[1:] {
		if col < 0 || row[col] != "Mosul" {
			t.Errorf("export of Mosul has a row at %q", row[col])
		}
	}
	isProblem(t, do(t, srv, "GET", "/api/v1/export?format=pdf", ""), 400, "format")
	isProblem(t, do(t, srv, "GET", "/api/v1/export", ""), 400, "format")
	isProblem(t, do(t, srv, "GET", "/api/v1/export?format=jsonl&from=2015-99-99", ""), 400, "from")
}

// failingStore fails the second page of an export.
type failingStore struct {
	store.Store
}

func (f failingStore) Documents(ctx context.Context, flt store.Filter, after store.DocKey, limit int) ([]store.DocMatch, error) {
	if after.ID != "" {
		return nil, errors.New("disk on fire")
	}
	return f.Store.Documents(ctx, flt, after, limit)
}

func TestExportCutOnLateError(t *testing.T) {
	srv := newServer(t, func(c *api.Config) { c.Store = failingStore{testStore}; c.ExportPageSize = 30 })
	res, err := srv.Client().Get(srv.URL + "/api/v1/export?format=jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("status %d", res.StatusCode)
	}
	if _, err := io.ReadAll(res.Body); err == nil {
		t.Error("an export that failed midway read as whole")
	}
}

func TestRouting(t *testing.T) {
	srv := newServer(t, nil)
	isProblem(t, do(t, srv, "GET", "/api/v1/nothing-here", ""), 404, "/api/v1/nothing-here")
	isProblem(t, do(t, srv, "GET", "/api/v2/search", ""), 404, "")
	r := do(t, srv, "POST", "/api/v1/search", `{}`)
	isProblem(t, r, 405, "GET")
	if r.header.Get("Allow") == "" {
		t.Error("405 without Allow")
	}
	isProblem(t, do(t, srv, "DELETE", "/api/v1/documents/sample-001", ""), 405, "")
	isProblem(t, do(t, srv, "PUT", "/api/v1/ingest", "{}"), 405, "POST")
}

func TestSecurityHeaders(t *testing.T) {
	srv := newServer(t, nil)
	for _, p := range []string{"/api/v1/health", "/api/v1/nope", "/api/v1/search?limit=x", "/", "/search?q=x", "/metrics", "/api/v1/openapi.json"} {
		r := do(t, srv, "GET", p, "")
		h := r.header
		if h.Get("Content-Security-Policy") != web.CSP || h.Get("X-Content-Type-Options") != "nosniff" ||
			h.Get("Referrer-Policy") != "no-referrer" || h.Get("X-Frame-Options") != "DENY" {
			t.Errorf("%s: security headers %v", p, h)
		}
		if strings.Contains(web.CSP, "unsafe-inline") || !strings.Contains(web.CSP, "script-src 'self'") {
			t.Errorf("CSP allows inline script: %s", web.CSP)
		}
	}
}

func TestRateLimit(t *testing.T) {
	srv := newServer(t, func(c *api.Config) { c.Rate = 0.5; c.Burst = 3 })
	for i := 0; i < 3; i++ {
		if r := do(t, srv, "GET", "/api/v1/health", ""); r.status != 200 {
			t.Fatalf("request %d: %d", i, r.status)
		}
	}
	r := do(t, srv, "GET", "/api/v1/health", "")
	isProblem(t, r, 429, "too many requests")
	if ra := r.header.Get("Retry-After"); ra != "2" {
		t.Errorf("Retry-After %q", ra)
	}
	// The UI's files are not limited.
	if r := do(t, srv, "GET", "/", ""); r.status == 429 {
		t.Error("UI rate-limited")
	}
}

func TestMetrics(t *testing.T) {
	srv := newServer(t, nil)
	do(t, srv, "GET", "/api/v1/health", "")
	do(t, srv, "GET", "/api/v1/nope", "")
	r := do(t, srv, "GET", "/metrics", "")
	if r.status != 200 || !strings.HasPrefix(r.header.Get("Content-Type"), "text/plain") {
		t.Fatalf("metrics %d %s", r.status, r.header.Get("Content-Type"))
	}
	for _, want := range []string{
		`marsad_http_requests_total{route="GET /api/v1/health",status="200"} 1`,
		`marsad_http_requests_total{route="/api/",status="404"} 1`,
		`marsad_http_request_duration_seconds_bucket{route="GET /api/v1/health"`,
		"marsad_store_documents ",
		"marsad_ingest_documents_total",
	} {
		if !bytes.Contains(r.body, []byte(want)) && want != "marsad_ingest_documents_total" {
			t.Errorf("metrics lack %s", want)
		}
	}
}

func TestOpenAPI(t *testing.T) {
	srv := newServer(t, nil)
	r := do(t, srv, "GET", "/api/v1/openapi.json", "")
	var doc struct {
		OpenAPI string `json:"openapi"`
		Servers []struct{ URL string }
		Paths   map[string]map[string]any
	}
	r.json(t, &doc)
	if r.status != 200 || !strings.HasPrefix(doc.OpenAPI, "3.") || len(doc.Servers) != 1 || doc.Servers[0].URL != "/api/v1" {
		t.Fatalf("openapi %d %s %v", r.status, doc.OpenAPI, doc.Servers)
	}
	for path, methods := range map[string][]string{
		"/health": {"get"}, "/search": {"get"}, "/documents": {"get"}, "/documents/{id}": {"get"}, "/analyze": {"post"},
		"/events": {"get"}, "/places": {"get"}, "/places/{ref}": {"get"}, "/actors": {"get"}, "/actors/{ref}": {"get"},
		"/timeseries": {"get"}, "/ingest": {"post"}, "/export": {"get"},
	} {
		for _, m := range methods {
			if _, ok := doc.Paths[path][m]; !ok {
				t.Errorf("openapi lacks %s %s", m, path)
			}
		}
	}
	if len(doc.Paths) != 13 {
		t.Errorf("openapi has %d paths", len(doc.Paths))
	}
}

func TestTimeout(t *testing.T) {
	srv := newServer(t, func(c *api.Config) { c.Timeout = time.Nanosecond })
	isProblem(t, do(t, srv, "GET", "/api/v1/search?q=%D8%A7%D9%84%D9%85%D9%88%D8%B5%D9%84", ""), 503, "too long")
	isProblem(t, do(t, srv, "GET", "/api/v1/events", ""), 503, "too long")
}
