package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
)

func TestWatchOnce(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>https://feed.example.org/</link>
<item><guid>1</guid><title>انفجار في بغداد</title><description>انفجرت سيارة مفخخة في سوق شعبي ببغداد وسقط جرحى.</description></item>
</channel></rss>`)
	}))
	defer srv.Close()
	dead := httptest.NewServer(http.NotFoundHandler())
	deadURL := dead.URL + "/rss"
	dead.Close()
	db := filepath.Join(t.TempDir(), "w.db")

	_, errs, code := run(t, "", "watch", "--db", db, "--once", "--pages", "never", srv.URL, deadURL)
	if code != 1 {
		t.Errorf("status %d with an unreachable feed, want 1", code)
	}
	for _, want := range []string{srv.URL + ": 1 items, 1 new", deadURL + ": unreachable:", "retrying in", "(failure 1)"} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	_, errs, code = run(t, "", "watch", "--db", db, "--once", "--pages", "never", srv.URL)
	if code != 0 || !strings.Contains(errs, "1 items, 0 new, 1 seen before") {
		t.Errorf("second poll: %d\n%s", code, errs)
	}
	out, _, _ := run(t, "", "search", "--db", db, "--json", "ببغداد")
	if got := hitIDs(t, out); len(got) != 1 || got[0] != "1" {
		t.Errorf("feed item not searchable: %v", got)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"watch", "--db", db}, "name at least one feed URL"},
		{[]string{"watch", "--db", db, "ftp://x/feed"}, "is not an http:// or https:// URL"},
		{[]string{"watch", "--db", db, "--pages", "sometimes", srv.URL}, "--pages"},
	} {
		if _, errs, code := run(t, "", c.args...); code != 2 || !strings.Contains(errs, c.want) {
			t.Errorf("%v: %d %q", c.args, code, errs)
		}
	}
}
