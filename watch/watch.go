// Package watch polls RSS and Atom feeds into the store: conditional GET
// (ETag, Last-Modified) so an unchanged feed costs one short request,
// exponential back-off with jitter when a feed fails, and every item keyed
// (guid, else link) and marked seen in the same transaction that stores
// it, so no item is ever ingested twice — across polls, restarts and
// feeds. An item whose feed carries only a summary is completed from its
// page, reduced to its main text.
package watch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/htmlindex"

	"github.com/marsad/marsad/analysis"
	"github.com/marsad/marsad/ingest"
	"github.com/marsad/marsad/internal/ordered"
	"github.com/marsad/marsad/store"
)

// Pages says when an item's page is fetched for its text.
type Pages int

const (
	PagesAuto   Pages = iota // when the feed's text is short (a summary)
	PagesAlways              // always; the feed's text when the page fails for good
	PagesNever               // never: store the feed's text
)

// ShortText is the length (in code points) under which an item's own text
// is taken for a summary and its page is fetched (PagesAuto).
const ShortText = 600

// Watcher polls feeds into a store.
type Watcher struct {
	Store   store.Store
	Indexer *store.Indexer
	// Analyze analyses one document (pipeline.Analyze).
	Analyze func(ctx context.Context, d *analysis.Document) (*analysis.Analysis, error)
	Client  *http.Client
	// Every is the time between two polls of a feed; MaxBackoff caps the
	// wait after failures.
	Every, MaxBackoff time.Duration
	Pages             Pages
	UserAgent         string
	// Log reports what happens, one line per call.
	Log func(format string, a ...any)

	now func() time.Time
}

// Report is the outcome of one poll of one feed.
type Report struct {
	URL         string
	NotModified bool
	Items       int // in the feed
	Seen        int // seen in an earlier poll
	New         int
	Duplicate   int // stored already (from another feed or ingest)
	Near        int // stored as near-duplicates
	Failed      int // could not be analysed: marked seen, not stored
	Retry       int // their pages could not be fetched: tried again next poll
	Err         error
	RetryIn     time.Duration // after an error
}

const (
	maxFeedBytes = 20 << 20
	maxPageBytes = 10 << 20
)

func (w *Watcher) clock() time.Time {
	if w.now != nil {
		return w.now()
	}
	return time.Now()
}

func (w *Watcher) logf(format string, a ...any) {
	if w.Log != nil {
		w.Log(format, a...)
	}
}

// Run polls the feeds until ctx ends, each when it is due.
func (w *Watcher) Run(ctx context.Context, urls []string) error {
	for {
		next := time.Time{}
		for _, u := range urls {
			if ctx.Err() != nil {
				return nil // stopped: nothing half-done is kept
			}
			st, err := w.Store.Feed(ctx, u)
			if err != nil {
				if ctx.Err() != nil {
					return nil
				}
				return err
			}
			if !st.NextAt.After(w.clock()) {
				w.Poll(ctx, u)
				if ctx.Err() != nil {
					return nil
				}
				if st, err = w.Store.Feed(ctx, u); err != nil {
					return err
				}
			}
			if next.IsZero() || st.NextAt.Before(next) {
				next = st.NextAt
			}
		}
		wait := max(time.Until(next), 100*time.Millisecond)
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(wait):
		}
	}
}

// Poll fetches one feed now and stores its new items. A failure is in the
// report (and the feed's state: when to try again); items already stored
// are never touched.
func (w *Watcher) Poll(ctx context.Context, feedURL string) Report {
	rep := Report{URL: feedURL}
	st, err := w.Store.Feed(ctx, feedURL)
	if err != nil {
		rep.Err = err
		return rep
	}
	now := w.clock()
	st.CheckedAt = now
	etag, lastMod, feed, err := w.fetchFeed(ctx, feedURL, st)
	if err == nil && feed != nil {
		err = w.store(ctx, feedURL, feed, &rep)
	}
	if err != nil {
		if ctx.Err() != nil {
			rep.Err = ctx.Err()
			return rep
		}
		st.Failures++
		st.LastError = err.Error()
		rep.RetryIn = Backoff(st.Failures, w.Every, w.MaxBackoff)
		st.NextAt = now.Add(rep.RetryIn)
		rep.Err = err
		w.logf("%s: %v; retrying in %s (failure %d)", feedURL, err, rep.RetryIn.Round(time.Second), st.Failures)
	} else {
		rep.NotModified = feed == nil
		switch {
		case rep.Retry > 0:
			// Items are waiting for their pages: fetch the whole feed
			// next time, even if it has not changed.
			st.ETag, st.LastModified = "", ""
		case !rep.NotModified:
			st.ETag, st.LastModified = etag, lastMod
		}
		st.Failures, st.LastError, st.OKAt = 0, "", now
		st.NextAt = now.Add(w.Every)
		w.logf("%s", rep.summary())
	}
	if err := w.Store.SetFeed(context.WithoutCancel(ctx), st); err != nil && rep.Err == nil {
		rep.Err = err
	}
	return rep
}

func (r *Report) summary() string {
	if r.NotModified {
		return r.URL + ": not modified"
	}
	s := fmt.Sprintf("%s: %d items, %d new", r.URL, r.Items, r.New)
	for _, p := range []struct {
		n    int
		what string
	}{{r.Seen, "seen before"}, {r.Duplicate, "stored already"}, {r.Near, "near-duplicate"}, {r.Failed, "failed"}, {r.Retry, "to retry"}} {
		if p.n > 0 {
			s += fmt.Sprintf(", %d %s", p.n, p.what)
		}
	}
	return s
}

// Backoff is the wait before the next try after failures consecutive
// failures: from a minute (or every, if shorter), doubling, capped at
// max, with ±25% jitter so that many watchers do not retry in step.
func Backoff(failures int, every, maxWait time.Duration) time.Duration {
	base := min(every, time.Minute)
	if base <= 0 {
		base = time.Minute
	}
	if maxWait <= 0 {
		maxWait = 6 * time.Hour
	}
	d := base
	for i := 1; i < failures && d < maxWait; i++ {
		d *= 2
	}
	d = min(d, maxWait)
	return time.Duration(float64(d) * (0.75 + 0.5*rand.Float64()))
}

// fetchFeed GETs a feed, conditionally. A nil feed means not modified.
func (w *Watcher) fetchFeed(ctx context.Context, feedURL string, st store.FeedState) (etag, lastMod string, f *ingest.Feed, err error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, feedURL, nil)
	if err != nil {
		return "", "", nil, fmt.Errorf("bad feed URL: %w", err)
	}
	if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
		return "", "", nil, fmt.Errorf("bad feed URL: want http:// or https://")
	}
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5")
	if st.ETag != "" {
		req.Header.Set("If-None-Match", st.ETag)
	}
	if st.LastModified != "" {
		req.Header.Set("If-Modified-Since", st.LastModified)
	}
	resp, err := w.do(req)
	if err != nil {
		return "", "", nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusNotModified {
		return st.ETag, st.LastModified, nil, nil
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, maxFeedBytes+1))
	if err != nil {
		return "", "", nil, fmt.Errorf("reading the feed: %w", err)
	}
	if len(b) > maxFeedBytes {
		return "", "", nil, fmt.Errorf("feed larger than %d MB", maxFeedBytes>>20)
	}
	if f, err = ingest.ParseFeed(b); err != nil {
		return "", "", nil, err
	}
	return resp.Header.Get("ETag"), resp.Header.Get("Last-Modified"), f, nil
}

// do sends a request and turns failures into messages a user can act on.
func (w *Watcher) do(req *http.Request) (*http.Response, error) {
	if w.UserAgent != "" {
		req.Header.Set("User-Agent", w.UserAgent)
	}
	c := w.Client
	if c == nil {
		c = &http.Client{Timeout: 30 * time.Second}
	}
	resp, err := c.Do(req)
	if err != nil {
		var dns *net.DNSError
		var ue *url.Error
		switch {
		case req.Context().Err() != nil:
			return nil, req.Context().Err()
		case errors.As(err, &dns):
			return nil, fmt.Errorf("unreachable: no such host %s", dns.Name)
		case errors.As(err, &ue) && ue.Timeout():
			return nil, fmt.Errorf("unreachable: timed out")
		}
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, fmt.Errorf("unreachable: %w", err)
	}
	if resp.StatusCode >= 300 && resp.StatusCode != http.StatusNotModified {
		resp.Body.Close()
		return nil, &statusError{resp.StatusCode}
	}
	return resp, nil
}

type statusError struct{ code int }

func (e *statusError) Error() string {
	return fmt.Sprintf("HTTP %d %s", e.code, http.StatusText(e.code))
}

// permanent reports whether a page error will not go away by itself.
func permanent(err error) bool {
	var se *statusError
	return errors.As(err, &se) && se.code >= 400 && se.code < 500 && se.code != http.StatusTooManyRequests && se.code != http.StatusRequestTimeout
}

type itemResult struct {
	rec   *store.Record
	key   string
	retry error // fetching the page failed: try again next poll
	bad   error // the item cannot be analysed
	warn  string
}

// store analyses and stores a feed's new items.
func (w *Watcher) store(ctx context.Context, feedURL string, f *ingest.Feed, rep *Report) error {
	rep.Items = len(f.Items)
	keys := make([]string, len(f.Items))
	for i := range f.Items {
		keys[i] = f.Items[i].Key()
	}
	seen, err := w.Store.Seen(ctx, keys)
	if err != nil {
		return err
	}
	source := sourceOf(feedURL, f)
	var todo []*ingest.FeedItem
	fresh := map[string]bool{}
	for i := range f.Items {
		k := keys[i]
		if seen[k] || fresh[k] {
			rep.Seen++
			continue
		}
		fresh[k] = true
		todo = append(todo, &f.Items[i])
	}
	var recs []*store.Record
	src := func(yield func(*ingest.FeedItem) bool) error {
		for _, it := range todo {
			if !yield(it) {
				return nil
			}
		}
		return nil
	}
	work := func(it *ingest.FeedItem) itemResult { return w.item(ctx, it, source) }
	sink := func(it *ingest.FeedItem, r itemResult) error {
		where := it.Link
		if where == "" {
			where = r.key
		}
		if r.warn != "" {
			w.logf("%s: %s: warning: %s", feedURL, where, r.warn)
		}
		switch {
		case r.retry != nil:
			rep.Retry++
			w.logf("%s: %s: page: %v; trying again next poll", feedURL, where, r.retry)
		case r.bad != nil:
			rep.Failed++
			w.logf("%s: %s: %v", feedURL, where, r.bad)
			return w.Store.MarkSeen(ctx, r.key, "", r.bad.Error())
		default:
			recs = append(recs, r.rec)
		}
		return nil
	}
	if err := ordered.Run(ctx, 4, src, work, sink); err != nil {
		return err
	}
	if len(recs) == 0 {
		return nil
	}
	res, err := w.Store.Put(ctx, recs, store.PutOptions{})
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	for _, r := range res {
		switch r.Outcome {
		case store.Added, store.Updated:
			rep.New++
		case store.Unchanged:
			rep.Duplicate++
		case store.NearDuplicate:
			rep.New++
			rep.Near++
		}
	}
	return nil
}

// item makes a record of a feed item, fetching its page when needed.
func (w *Watcher) item(ctx context.Context, it *ingest.FeedItem, source string) itemResult {
	r := itemResult{key: it.Key()}
	text := it.Text()
	d := it.Document(text, source)
	short := utf8.RuneCountInString(strings.TrimSpace(text)) < ShortText
	if it.Link != "" && (w.Pages == PagesAlways || w.Pages == PagesAuto && short) {
		page, err := w.fetchPage(ctx, it.Link)
		switch {
		case err == nil:
			d.Text = page.Text
			if d.Title == "" {
				d.Title = page.Title
			}
			if d.Published == "" {
				d.Published = page.Published
			}
		case permanent(err) && strings.TrimSpace(text) != "":
			r.warn = fmt.Sprintf("page: %v; stored with the feed's text", err)
		default:
			r.retry = err
			return r
		}
	}
	if d.Published != "" {
		if _, err := analysis.ParseDate(d.Published); err != nil {
			d.Published = ""
		}
	}
	a, err := w.Analyze(ctx, &d)
	if err != nil {
		r.bad = err
		return r
	}
	rec, err := w.Indexer.Prepare(&d, a)
	if err != nil {
		r.bad = err
		return r
	}
	rec.SeenKeys = []string{r.key}
	r.rec = rec
	return r
}

// fetchPage GETs an article's page and reduces it to its main text.
func (w *Watcher) fetchPage(ctx context.Context, pageURL string) (ingest.Page, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, pageURL, nil)
	if err != nil || (req.URL.Scheme != "http" && req.URL.Scheme != "https") {
		return ingest.Page{}, &statusError{http.StatusBadRequest}
	}
	req.Header.Set("Accept", "text/html, application/xhtml+xml;q=0.9, */*;q=0.5")
	resp, err := w.do(req)
	if err != nil {
		return ingest.Page{}, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, maxPageBytes+1))
	if err != nil {
		return ingest.Page{}, fmt.Errorf("reading the page: %w", err)
	}
	s, err := pageText(b, resp.Header.Get("Content-Type"))
	if err != nil {
		return ingest.Page{}, err
	}
	return ingest.MainText(s, pageURL)
}

// pageText decodes a page by the charset its Content-Type names, else by
// detection.
func pageText(b []byte, contentType string) (string, error) {
	if _, params, err := mime.ParseMediaType(contentType); err == nil {
		if cs := strings.ToLower(params["charset"]); cs != "" && cs != "utf-8" && cs != "utf8" {
			if enc, err := htmlindex.Get(cs); err == nil {
				if s, err := enc.NewDecoder().String(string(b)); err == nil {
					return s, nil
				}
			}
		}
	}
	s, _, err := ingest.Decode(b)
	return s, err
}

// sourceOf names a feed's documents' source: the site's host name.
func sourceOf(feedURL string, f *ingest.Feed) string {
	for _, s := range []string{f.Link, feedURL} {
		if u, err := url.Parse(s); err == nil && u.Hostname() != "" {
			return strings.TrimPrefix(u.Hostname(), "www.")
		}
	}
	return ""
}
