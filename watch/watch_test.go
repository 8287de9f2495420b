package watch

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/marsad/marsad/pipeline"
	"github.com/marsad/marsad/store"
	"github.com/marsad/marsad/store/sqlite"
)

// site serves a feed and its articles' pages, and records what it was
// asked.
type site struct {
	mu          sync.Mutex
	feed        string
	etag        string
	pages       map[string]int // path → status (0: 200 with an article)
	ifNoneMatch []string
	pageHits    map[string]int
}

func (s *site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case r.URL.Path == "/feed.xml":
		s.ifNoneMatch = append(s.ifNoneMatch, r.Header.Get("If-None-Match"))
		if s.etag != "" && r.Header.Get("If-None-Match") == s.etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", s.etag)
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		fmt.Fprint(w, s.feed)
	case strings.HasPrefix(r.URL.Path, "/page/"):
		s.pageHits[r.URL.Path]++
		if code := s.pages[r.URL.Path]; code != 0 {
			http.Error(w, "no", code)
			return
		}
		name := strings.TrimPrefix(r.URL.Path, "/page/")
		fmt.Fprintf(w, `<!doctype html><html><head><title>صفحة %s</title></head><body><nav>القائمة الرئيسية</nav><article><h1>صفحة %s</h1>
<p>قال مسؤول محلي إن فرق الإنقاذ انتشلت جثث الضحايا من تحت الأنقاض في مدينة الفلوجة بعد غارة جوية استهدفت مبنى سكنيا فجر اليوم.</p>
<p>وأضاف أن عدد الجرحى مرشح للارتفاع بسبب خطورة الإصابات ونقص الأدوية في المستشفى الوحيد الذي ما زال يعمل في المدينة المحاصرة، الخبر %s.</p>
</article></body></html>`, name, name, name)
	default:
		http.NotFound(w, r)
	}
}

func rss(items ...string) string {
	return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>موقع تجريبي</title><link>https://site.example.org/</link>` + strings.Join(items, "\n") + `</channel></rss>`
}

func item(guid, link, title, desc, content string) string {
	s := "<item><guid>" + guid + "</guid><title>" + title + "</title><pubDate>Thu, 06 Aug 2015 21:30:00 +0300</pubDate>"
	if link != "" {
		s += "<link>" + link + "</link>"
	}
	if desc != "" {
		s += "<description>" + desc + "</description>"
	}
	if content != "" {
		s += "<content:encoded><![CDATA[" + content + "]]></content:encoded>"
	}
	return s + "</item>"
}

func newWatcher(t *testing.T) (*Watcher, store.Store, *[]string) {
	t.Helper()
	p, err := pipeline.New()
	if err != nil {
		t.Fatal(err)
	}
	ix := store.NewIndexer(p.Segmenter())
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "w.db"), store.Options{Indexer: ix})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	var logs []string
	var mu sync.Mutex
	w := &Watcher{Store: st, Indexer: ix, Analyze: p.Analyze, Client: &http.Client{Timeout: 5 * time.Second},
		Every: time.Minute, MaxBackoff: time.Hour,
		Log: func(f string, a ...any) { mu.Lock(); logs = append(logs, fmt.Sprintf(f, a...)); mu.Unlock() }}
	return w, st, &logs
}

func TestPollStoresEachItemOnce(t *testing.T) {
	s := &site{etag: `"v1"`, pages: map[string]int{"/page/c": 404, "/page/d": 503}, pageHits: map[string]int{}}
	srv := httptest.NewServer(s)
	defer srv.Close()
	long := strings.Repeat("أعلنت السلطات المحلية فتح تحقيق في ملابسات الهجوم الذي استهدف قافلة إغاثة على الطريق الدولي. ", 8)
	items := []string{
		item("a", srv.URL+"/page/a", "خبر كامل", "ملخص", "<p>"+long+"</p>"),
		item("b", srv.URL+"/page/b", "خبر بملخص", "ملخص قصير عن الغارة", ""),
		item("c", srv.URL+"/page/c", "صفحة محذوفة", "ملخص خبر حذفت صفحته عن الاشتباكات", ""),
		item("d", srv.URL+"/page/d", "صفحة معطلة", "ملخص خبر صفحته معطلة", ""),
	}
	s.feed = rss(items...)
	w, st, logs := newWatcher(t)
	ctx := context.Background()
	feedURL := srv.URL + "/feed.xml"

	rep := w.Poll(ctx, feedURL)
	if rep.Err != nil || rep.Items != 4 || rep.New != 3 || rep.Retry != 1 || rep.Failed != 0 {
		t.Fatalf("first poll %+v\n%s", rep, strings.Join(*logs, "\n"))
	}
	if s.pageHits["/page/a"] != 0 || s.pageHits["/page/b"] != 1 {
		t.Errorf("pages fetched %v: a has its text in the feed, b does not", s.pageHits)
	}
	b, err := st.Get(ctx, srv.URL+"/page/b")
	if err != nil || !strings.Contains(b.Doc.Text, "الفلوجة") || strings.Contains(b.Doc.Text, "القائمة") || b.Doc.Title != "خبر بملخص" ||
		b.Doc.Published != "2015-08-06T21:30:00+03:00" || b.Doc.URL != srv.URL+"/page/b" || b.Doc.Source != "site.example.org" {
		t.Errorf("item b from its page: %+v %v", b, err)
	}
	c, err := st.Get(ctx, srv.URL+"/page/c")
	if err != nil || c.Doc.Text != "ملخص خبر حذفت صفحته عن الاشتباكات" {
		t.Errorf("item c (page gone) stored with the feed's text: %+v %v", c, err)
	}
	if !strings.Contains(strings.Join(*logs, "\n"), "page/d: page: HTTP 503 Service Unavailable; trying again next poll") {
		t.Errorf("logs:\n%s", strings.Join(*logs, "\n"))
	}

	// d's page is back: the whole feed is fetched again (no If-None-Match:
	// an item waits), and only d is new.
	s.mu.Lock()
	s.pages["/page/d"] = 0
	s.mu.Unlock()
	rep = w.Poll(ctx, feedURL)
	if rep.Err != nil || rep.New != 1 || rep.Seen != 3 || s.ifNoneMatch[1] != "" {
		t.Errorf("second poll %+v, If-None-Match %q", rep, s.ifNoneMatch)
	}
	// Unchanged feed: a conditional GET, answered 304.
	rep = w.Poll(ctx, feedURL)
	if rep.Err != nil || !rep.NotModified || s.ifNoneMatch[2] != `"v1"` {
		t.Errorf("third poll %+v, If-None-Match %q", rep, s.ifNoneMatch)
	}
	// A new version with one more item.
	s.mu.Lock()
	s.feed = rss(append(items, item("e", "", "خبر جديد بلا رابط", "نص الخبر الجديد عن المفاوضات", ""))...)
	s.etag = `"v2"`
	s.mu.Unlock()
	rep = w.Poll(ctx, feedURL)
	if rep.Err != nil || rep.New != 1 || rep.Seen != 4 {
		t.Errorf("fourth poll %+v", rep)
	}
	stats, _ := st.Stats(ctx)
	if stats.Documents != 5 || stats.SeenKeys != 5 {
		t.Errorf("stats %+v", stats)
	}
	res, err := st.Search(ctx, store.Query{Text: "الفلوجة", Filter: store.Filter{IncludeDuplicates: true}})
	if err != nil || res.Total != 2 { // b and d, from their pages
		t.Errorf("search الفلوجة: %+v %v", res, err)
	}
	fs, _ := st.Feed(ctx, feedURL)
	if fs.ETag != `"v2"` || fs.Failures != 0 || fs.OKAt.IsZero() || fs.NextAt.Sub(fs.OKAt) != time.Minute {
		t.Errorf("feed state %+v", fs)
	}
}

func TestPollFailuresBackOffAndLoseNothing(t *testing.T) {
	var mu sync.Mutex
	mode := "ok"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		switch mode {
		case "500":
			http.Error(w, "down", 500)
		case "html":
			fmt.Fprint(w, "<!doctype html><html><body><p>not a feed</p></body></html>")
		case "broken":
			fmt.Fprint(w, "<rss><channel><item><title>x</ti")
		default:
			fmt.Fprint(w, rss(item("only", "", "خبر وحيد", "نص الخبر الوحيد عن الانتخابات", "")))
		}
	}))
	defer srv.Close()
	w, st, _ := newWatcher(t)
	w.Pages = PagesNever
	ctx := context.Background()
	if rep := w.Poll(ctx, srv.URL); rep.Err != nil || rep.New != 1 {
		t.Fatalf("first poll %+v", rep)
	}
	for i, c := range []struct{ mode, want string }{
		{"500", "HTTP 500 Internal Server Error"},
		{"html", "not an RSS or Atom feed: an HTML page"},
		{"broken", "not an RSS or Atom feed"},
	} {
		mu.Lock()
		mode = c.mode
		mu.Unlock()
		rep := w.Poll(ctx, srv.URL)
		if rep.Err == nil || !strings.Contains(rep.Err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.mode, rep.Err, c.want)
		}
		fs, _ := st.Feed(ctx, srv.URL)
		want := time.Minute << i // 1, 2, 4 minutes, ± 25%
		if fs.Failures != i+1 || fs.LastError == "" || rep.RetryIn < want*3/4 || rep.RetryIn > want*5/4 || !fs.NextAt.After(fs.CheckedAt) {
			t.Errorf("%s: failures %d, retry in %v, want %v", c.mode, fs.Failures, rep.RetryIn, want)
		}
	}
	// Unreachable.
	dead := httptest.NewServer(http.NotFoundHandler())
	deadURL := dead.URL + "/feed"
	dead.Close()
	rep := w.Poll(ctx, deadURL)
	if rep.Err == nil || !strings.Contains(rep.Err.Error(), "unreachable") || rep.RetryIn < 45*time.Second || rep.RetryIn > 75*time.Second {
		t.Errorf("unreachable: %+v", rep)
	}
	// Nothing was lost; a good poll resets the failures.
	mu.Lock()
	mode = "ok"
	mu.Unlock()
	if rep := w.Poll(ctx, srv.URL); rep.Err != nil || rep.New != 0 || rep.Seen != 1 {
		t.Errorf("recovered poll %+v", rep)
	}
	fs, _ := st.Feed(ctx, srv.URL)
	stats, _ := st.Stats(ctx)
	if fs.Failures != 0 || fs.LastError != "" || stats.Documents != 1 {
		t.Errorf("after recovery: %+v, %d documents", fs, stats.Documents)
	}
}

func TestBackoff(t *testing.T) {
	for f, want := range map[int]time.Duration{1: time.Minute, 2: 2 * time.Minute, 5: 16 * time.Minute, 20: time.Hour} {
		for i := 0; i < 20; i++ {
			d := Backoff(f, 15*time.Minute, time.Hour)
			if d < want*3/4 || d > want*5/4 {
				t.Errorf("failure %d: %v, want %v ± 25%%", f, d, want)
			}
		}
	}
	if d := Backoff(1, 10*time.Second, time.Hour); d > 13*time.Second {
		t.Errorf("a short interval backs off from itself: %v", d)
	}
}

func TestRunPollsUntilStopped(t *testing.T) {
	var mu sync.Mutex
	hits := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hits++
		n := hits
		mu.Unlock()
		var items []string
		for i := 1; i <= n && i <= 3; i++ {
			items = append(items, item(fmt.Sprint(i), "", fmt.Sprintf("خبر رقم %d", i), fmt.Sprintf("نص الخبر رقم %d عن الأحداث", i), ""))
		}
		fmt.Fprint(w, rss(items...))
	}))
	defer srv.Close()
	w, st, _ := newWatcher(t)
	w.Every, w.Pages = 30*time.Millisecond, PagesNever
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	done := make(chan error)
	go func() { done <- w.Run(ctx, []string{srv.URL}) }()
	for {
		stats, _ := st.Stats(context.Background())
		mu.Lock()
		h := hits
		mu.Unlock()
		if stats.Documents == 3 && h >= 5 || ctx.Err() != nil {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	stats, _ := st.Stats(context.Background())
	if stats.Documents != 3 || hits < 4 {
		t.Errorf("%d documents after %d polls", stats.Documents, hits)
	}
}
