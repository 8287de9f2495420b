package storetest

import (
	"context"
	"errors"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/marsad/marsad/analysis"
	"github.com/marsad/marsad/store"
)

// Opener opens a store for a test: the same t and name open the same
// database (to test reopening), a new name a fresh, empty one. The suite
// closes what it opens.
type Opener func(t *testing.T, name string) store.Store

// Run runs the behaviour suite.
func Run(t *testing.T, open Opener) {
	for _, tc := range []struct {
		name string
		fn   func(*testing.T, Opener)
	}{
		{"RoundTrip", testRoundTrip},
		{"Idempotent", testIdempotent},
		{"AtomicBatch", testAtomicBatch},
		{"NearDuplicates", testNearDuplicates},
		{"Search", testSearch},
		{"SearchErrors", testSearchErrors},
		{"Snippets", testSnippets},
		{"Paging", testPaging},
		{"Filters", testFilters},
		{"Facets", testFacets},
		{"Events", testEvents},
		{"PlacesActors", testPlacesActors},
		{"EventAggregates", testEventAggregates},
		{"PlaceAndActor", testPlaceAndActor},
		{"Timeseries", testTimeseries},
		{"Documents", testDocuments},
		{"SeenAndFeeds", testSeenAndFeeds},
		{"Reopen", testReopen},
		{"Scan", testScan},
		{"ConcurrentWriters", testConcurrentWriters},
	} {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, open) })
	}
}

var ix = store.NewIndexer(nil)

// Prepare makes records of test documents.
func Prepare(t testing.TB, docs []Doc) []*store.Record {
	t.Helper()
	var recs []*store.Record
	for _, d := range docs {
		r, err := ix.Prepare(&d.Doc, d.Analysis)
		if err != nil {
			t.Fatalf("prepare %s: %v", d.Doc.ID, err)
		}
		recs = append(recs, r)
	}
	return recs
}

func put(t *testing.T, s store.Store, docs []Doc, opts store.PutOptions) []store.PutResult {
	t.Helper()
	res, err := s.Put(context.Background(), Prepare(t, docs), opts)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// Loaded opens a store holding Corpus.
func Loaded(t *testing.T, open Opener) store.Store {
	s := open(t, "corpus")
	put(t, s, Corpus(), store.PutOptions{})
	return s
}

func ids(hits []store.Hit) []string {
	out := []string{}
	for _, h := range hits {
		out = append(out, h.ID)
	}
	return out
}

func sorted(s []string) []string {
	out := append([]string{}, s...)
	sort.Strings(out)
	if out == nil {
		out = []string{}
	}
	return out
}

func search(t *testing.T, s store.Store, q store.Query) *store.Result {
	t.Helper()
	res, err := s.Search(context.Background(), q)
	if err != nil {
		t.Fatalf("search %+v: %v", q, err)
	}
	return res
}

func testRoundTrip(t *testing.T, open Opener) {
	s := open(t, "db")
	ctx := context.Background()
	docs := Corpus()
	docs[0].Doc.Meta = map[string]any{"author": "مراسل", "words": 24.0}
	res := put(t, s, docs, store.PutOptions{})
	for i, r := range res {
		if r.Outcome != store.Added {
			t.Errorf("%s: outcome %v, want new", docs[i].Doc.ID, r.Outcome)
		}
	}
	for _, d := range docs {
		got, err := s.Get(ctx, d.Doc.ID)
		if err != nil {
			t.Fatalf("get %s: %v", d.Doc.ID, err)
		}
		if !reflect.DeepEqual(got.Doc, d.Doc) {
			t.Errorf("%s: document\n got %+v\nwant %+v", d.Doc.ID, got.Doc, d.Doc)
		}
		if !reflect.DeepEqual(got.Analysis, d.Analysis) {
			t.Errorf("%s: analysis\n got %+v\nwant %+v", d.Doc.ID, got.Analysis, d.Analysis)
		}
		if got.DuplicateOf != "" || len(got.Hash) != 64 || time.Since(got.IngestedAt) > time.Hour {
			t.Errorf("%s: stored %q %q %v", d.Doc.ID, got.DuplicateOf, got.Hash, got.IngestedAt)
		}
	}
	if _, err := s.Get(ctx, "nope"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("get of a missing id: %v", err)
	}
	h, err := s.Hashes(ctx, []string{"t1", "t7", "nope"})
	if err != nil || len(h) != 2 || len(h["t1"]) != 64 {
		t.Errorf("hashes: %v %v", h, err)
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := store.Stats{Backend: st.Backend, SchemaVersion: 2, Documents: 7, Entities: 1, Places: 5, Actors: 3, Events: 3, Sources: 5,
		FirstDay: "2015-07-21", LastDay: "2015-08-10", SizeBytes: st.SizeBytes}
	if *st != want || st.SizeBytes <= 0 || st.Backend == "" {
		t.Errorf("stats\n got %+v\nwant %+v", *st, want)
	}
}

func testIdempotent(t *testing.T, open Opener) {
	s := open(t, "db")
	ctx := context.Background()
	docs := Corpus()[:3]
	put(t, s, docs, store.PutOptions{})
	for i, r := range put(t, s, docs, store.PutOptions{}) {
		if r.Outcome != store.Unchanged {
			t.Errorf("second put of %s: %v, want duplicate", docs[i].Doc.ID, r.Outcome)
		}
	}
	// The same id in one batch twice: stored once.
	res := put(t, s, []Doc{Corpus()[4], Corpus()[4]}, store.PutOptions{})
	if res[0].Outcome != store.Added || res[1].Outcome != store.Unchanged {
		t.Errorf("same id twice in a batch: %+v", res)
	}
	// New content under a stored id replaces it, and the index follows.
	changed := Corpus()[1]
	changed.Doc.Text = "نص جديد تماما عن مدينة حلب وأسواقها القديمة."
	changed.Analysis = analysis.New(&changed.Doc)
	if r := put(t, s, []Doc{changed}, store.PutOptions{}); r[0].Outcome != store.Updated {
		t.Errorf("changed text: %v, want updated", r[0].Outcome)
	}
	if got := sorted(ids(search(t, s, store.Query{Text: "الموصل"}).Hits)); !reflect.DeepEqual(got, []string{"t1", "t3"}) {
		t.Errorf("after the update, الموصل finds %v", got)
	}
	if got := ids(search(t, s, store.Query{Text: "حلب"}).Hits); !reflect.DeepEqual(got, []string{"t2"}) {
		t.Errorf("after the update, حلب finds %v", got)
	}
	// Replace stores again what has not changed.
	if r := put(t, s, []Doc{changed}, store.PutOptions{Replace: true}); r[0].Outcome != store.Updated {
		t.Errorf("replace: %v, want updated", r[0].Outcome)
	}
	if st, _ := s.Stats(ctx); st.Documents != 4 {
		t.Errorf("%d documents, want 4", st.Documents)
	}
}

func testAtomicBatch(t *testing.T, open Opener) {
	s := open(t, "db")
	ctx := context.Background()
	recs := Prepare(t, Corpus()[:3])
	recs[2].Doc.Published = "not a date" // only a store handed a bad record can see this
	if _, err := s.Put(ctx, recs, store.PutOptions{}); err == nil || !strings.Contains(err.Error(), "t3") {
		t.Fatalf("a bad record in a batch: %v, want an error naming t3", err)
	}
	for _, id := range []string{"t1", "t2"} {
		if _, err := s.Get(ctx, id); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("%s stored from a failed batch: %v", id, err)
		}
	}
	if res := search(t, s, store.Query{Text: "الموصل"}); res.Total != 0 {
		t.Errorf("a failed batch left %d hits in the index", res.Total)
	}
	// Prepare refuses what no store should see.
	for _, d := range []analysis.Document{
		{ID: "", Text: "نص"},
		{ID: "x", Text: "   "},
		{ID: "x", Text: "نص\x00"},
		{ID: "x", Text: "\xff\xfe"},
		{ID: "x", Text: "نص", Published: "yesterday"},
	} {
		if _, err := ix.Prepare(&d, nil); err == nil {
			t.Errorf("prepare accepted %+v", d)
		}
	}
}

func testNearDuplicates(t *testing.T, open Opener) {
	s := open(t, "db")
	ctx := context.Background()
	w := Wire()
	res := put(t, s, w, store.PutOptions{})
	if res[0].Outcome != store.Added {
		t.Errorf("original: %+v", res[0])
	}
	if res[1].Outcome != store.NearDuplicate || res[1].DuplicateOf != "w-original" || res[1].Similarity < store.NearDuplicateThreshold || res[1].Similarity >= 1 {
		t.Errorf("copy under another headline: %+v", res[1])
	}
	if res[2].Outcome != store.NearDuplicate || res[2].DuplicateOf != "w-original" || res[2].Similarity != 1 {
		t.Errorf("same text, another id: %+v", res[2])
	}
	if res[3].Outcome != store.Added {
		t.Errorf("unrelated story: %+v", res[3])
	}
	got, err := s.Get(ctx, "w-copy")
	if err != nil || got.DuplicateOf != "w-original" {
		t.Errorf("stored copy: %+v %v", got, err)
	}
	// Search shows the original only, unless asked.
	if got := ids(search(t, s, store.Query{Text: "المصابين"}).Hits); !reflect.DeepEqual(got, []string{"w-original"}) {
		t.Errorf("search hides near-duplicates: %v", got)
	}
	r := search(t, s, store.Query{Text: "المصابين", Filter: store.Filter{IncludeDuplicates: true}})
	if got := sorted(ids(r.Hits)); !reflect.DeepEqual(got, []string{"w-copy", "w-original", "w-same"}) {
		t.Errorf("with duplicates: %v", got)
	}
	for _, h := range r.Hits {
		if (h.ID == "w-original") != (h.DuplicateOf == "") {
			t.Errorf("hit %s duplicate of %q", h.ID, h.DuplicateOf)
		}
	}
	// A copy of a copy links to the first original.
	again := w[1]
	again.Doc.ID = "w-copy-2"
	again.Analysis = analysis.New(&again.Doc)
	if res := put(t, s, []Doc{again}, store.PutOptions{}); res[0].DuplicateOf != "w-original" {
		t.Errorf("copy of a copy: %+v", res[0])
	}
	if st, _ := s.Stats(ctx); st.NearDuplicates != 3 || st.Documents != 5 {
		t.Errorf("stats: %+v", st)
	}
}

func testSearch(t *testing.T, open Opener) {
	s := Loaded(t, open)
	for _, q := range Queries() {
		res := search(t, s, store.Query{Text: q.Q, Limit: 0})
		if got, want := sorted(ids(res.Hits)), sorted(q.Want); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: found %v, want %v", q.Q, got, want)
		}
		if res.Total != len(q.Want) {
			t.Errorf("%s: total %d, want %d", q.Q, res.Total, len(q.Want))
		}
	}
	// Ranking: the document naming Mosul twice first.
	res := search(t, s, store.Query{Text: "الموصل"})
	if len(res.Hits) == 0 || res.Hits[0].ID != "t2" {
		t.Errorf("ranking for الموصل: %v", ids(res.Hits))
	}
	for i := 1; i < len(res.Hits); i++ {
		if res.Hits[i].Score > res.Hits[i-1].Score {
			t.Errorf("hits not in score order: %+v", res.Hits)
		}
	}
	h := res.Hits[0]
	if h.Published != "2015-07-25" || h.Source != "okaz" || h.Title != "" || h.Score <= 0 {
		t.Errorf("hit fields: %+v", h)
	}
	// Sorted by date, newest first; no query lists everything.
	res = search(t, s, store.Query{Text: "الموصل", Sort: "date"})
	if got := ids(res.Hits); !reflect.DeepEqual(got, []string{"t3", "t2", "t1"}) {
		t.Errorf("by date: %v", got)
	}
	res = search(t, s, store.Query{})
	if got := ids(res.Hits); !reflect.DeepEqual(got, []string{"t6", "t5", "t4", "t3", "t2", "t1", "t7"}) {
		t.Errorf("no query: %v", got)
	}
}

func testSearchErrors(t *testing.T, open Opener) {
	s := Loaded(t, open)
	for _, q := range []string{"في", "-الموصل", "NOT الموصل", "الموصل OR -بغداد", "م*", `""`, "((("} {
		_, err := s.Search(context.Background(), store.Query{Text: q})
		var qe *store.QueryError
		if !errors.As(err, &qe) {
			t.Errorf("%q: %v, want a query error", q, err)
		}
	}
	for _, f := range []store.Filter{{From: "July"}, {To: "2015-13-01"}, {Countries: []string{"Atlantis"}}} {
		if _, err := s.Search(context.Background(), store.Query{Text: "الموصل", Filter: f}); err == nil {
			t.Errorf("filter %+v accepted", f)
		}
	}
	if _, err := s.Search(context.Background(), store.Query{Text: "الموصل", Sort: "random"}); err == nil {
		t.Errorf("sort random accepted")
	}
	// Unbalanced quotes and parentheses are closed, not refused.
	for _, q := range []string{`"نقطة تفتيش`, "(الموصل OR بغداد", "الموصل)"} {
		if _, err := s.Search(context.Background(), store.Query{Text: q}); err != nil {
			t.Errorf("%q: %v", q, err)
		}
	}
}

func testSnippets(t *testing.T, open Opener) {
	s := Loaded(t, open)
	res := search(t, s, store.Query{Text: "الموصل المسلحين"})
	if len(res.Hits) != 1 {
		t.Fatalf("hits %v", ids(res.Hits))
	}
	sn := res.Hits[0].Snippet
	rs := []rune(sn.Text)
	var marked []string
	for _, h := range sn.Highlights {
		marked = append(marked, string(rs[h[0]:h[1]]))
	}
	if !reflect.DeepEqual(marked, []string{"مسلح", "بالموصل", "المسلحين"}) { // مسلح and المسلحين share a stem
		t.Errorf("highlights %v in %q", marked, sn.Text)
	}
	if strings.Contains(sn.Text, "\n") {
		t.Errorf("snippet keeps line breaks: %q", sn.Text)
	}
	// Phrase and prefix words are highlighted too; negated ones are not.
	res = search(t, s, store.Query{Text: `"نقطة تفتيش" مسلح* -بغداد`})
	rs = []rune(res.Hits[0].Snippet.Text)
	marked = nil
	for _, h := range res.Hits[0].Snippet.Highlights {
		marked = append(marked, string(rs[h[0]:h[1]]))
	}
	has := map[string]bool{}
	for _, m := range marked {
		has[m] = true
	}
	if !has["مسلح"] || !has["نقطة"] || !has["تفتيش"] || len(has) > 4 {
		t.Errorf("highlights %v", marked)
	}
	if r := search(t, s, store.Query{Text: "الموصل", NoSnippets: true}); r.Hits[0].Snippet.Text != "" {
		t.Errorf("NoSnippets gave %q", r.Hits[0].Snippet.Text)
	}
	// A long text: the snippet is a window around the match.
	long := strings.Repeat("كلمة عادية في نص طويل جدا. ", 200) + "وقع انفجار في الفلوجة صباحا. " + strings.Repeat("جملة أخرى بلا أهمية. ", 200)
	ix := store.NewIndexer(nil)
	pq, err := ix.Parse("الفلوجة")
	if err != nil {
		t.Fatal(err)
	}
	sn = ix.Snippet(long, pq.Matcher(), 120)
	rs = []rune(sn.Text)
	if len(sn.Highlights) != 1 || string(rs[sn.Highlights[0][0]:sn.Highlights[0][1]]) != "الفلوجة" || len(rs) > 160 ||
		!strings.HasPrefix(sn.Text, "… ") || !strings.HasSuffix(sn.Text, " …") {
		t.Errorf("long text snippet %q %v", sn.Text, sn.Highlights)
	}
}

func testPaging(t *testing.T, open Opener) {
	s := Loaded(t, open)
	all := search(t, s, store.Query{Text: "الموصل", Limit: 0})
	if len(all.Hits) != 3 || all.Total != 3 {
		t.Fatalf("limit 0: %v", ids(all.Hits))
	}
	var paged []string
	for off := 0; off < 4; off += 2 {
		r := search(t, s, store.Query{Text: "الموصل", Limit: 2, Offset: off})
		if r.Total != 3 {
			t.Errorf("offset %d: total %d", off, r.Total)
		}
		paged = append(paged, ids(r.Hits)...)
	}
	if !reflect.DeepEqual(paged, ids(all.Hits)) {
		t.Errorf("pages %v, all %v", paged, ids(all.Hits))
	}
	if r := search(t, s, store.Query{Text: "الموصل", Limit: 2, Offset: 10}); len(r.Hits) != 0 || r.Total != 3 {
		t.Errorf("past the end: %v total %d", ids(r.Hits), r.Total)
	}
}

func testFilters(t *testing.T, open Opener) {
	s := Loaded(t, open)
	for _, c := range []struct {
		name string
		q    string
		f    store.Filter
		want []string
	}{
		{"from month", "", store.Filter{From: "2015-08"}, []string{"t3", "t4", "t5", "t6"}},
		{"to day", "", store.Filter{To: "2015-07-25"}, []string{"t1", "t2"}},
		{"range", "الموصل", store.Filter{From: "2015-07-22", To: "2015-08-02"}, []string{"t2", "t3"}},
		{"year", "", store.Filter{From: "2015", To: "2015"}, []string{"t1", "t2", "t3", "t4", "t5", "t6"}},
		{"place by name", "", store.Filter{Places: []string{"الموصل"}}, []string{"t1", "t3"}},
		{"place with a clitic", "", store.Filter{Places: []string{"بالموصل"}}, []string{"t1", "t3"}},
		{"place in English", "", store.Filter{Places: []string{"mosul"}}, []string{"t1", "t3"}},
		{"place by ref", "", store.Filter{Places: []string{"place:98182"}}, []string{"t4"}},
		{"region", "", store.Filter{Places: []string{"صلاح الدين"}}, []string{"t3"}},
		{"country as a place", "", store.Filter{Places: []string{"العراق"}}, []string{"t1", "t3", "t4"}},
		{"country code as a place", "", store.Filter{Places: []string{"SA"}}, []string{"t5"}},
		{"country in English", "", store.Filter{Places: []string{"Saudi Arabia"}}, []string{"t5"}},
		{"two places", "", store.Filter{Places: []string{"تكريت", "الرياض"}}, []string{"t3", "t5"}},
		{"countries", "", store.Filter{Countries: []string{"السعودية"}}, []string{"t5"}},
		{"countries by code", "", store.Filter{Countries: []string{"iq"}}, []string{"t1", "t3", "t4"}},
		{"actor by name", "", store.Filter{Actors: []string{"تنظيم داعش"}}, []string{"t1"}},
		{"actor by ref", "", store.Filter{Actors: []string{"actor:sa-interior"}}, []string{"t5"}},
		{"actor in English", "", store.Filter{Actors: []string{"islamic state"}}, []string{"t1"}},
		{"event target", "", store.Filter{Actors: []string{"civilians"}}, []string{"t4"}},
		{"event type", "", store.Filter{EventTypes: []string{"explosions_remote_violence"}}, []string{"t4"}},
		{"event sub-type", "", store.Filter{EventTypes: []string{"arrests", "armed_clash"}}, []string{"t1", "t5"}},
		{"source", "", store.Filter{Sources: []string{"ALRIYADH"}}, []string{"t1", "t4"}},
		{"source case", "", store.Filter{Sources: []string{"spa"}}, []string{"t5"}},
		{"query and place", "الموصل", store.Filter{Places: []string{"تكريت"}}, []string{"t3"}},
		{"everything", "الموصل", store.Filter{From: "2015-07-01", Places: []string{"العراق"}, Actors: []string{"الشرطة العراقية"}, EventTypes: []string{"battles"}, Sources: []string{"alriyadh"}}, []string{"t1"}},
		{"nothing passes", "الموصل", store.Filter{Sources: []string{"none"}}, nil},
	} {
		res := search(t, s, store.Query{Text: c.q, Filter: c.f})
		if got := sorted(ids(res.Hits)); !reflect.DeepEqual(got, sorted(c.want)) {
			t.Errorf("%s: %v, want %v", c.name, got, sorted(c.want))
		}
	}
}

func testFacets(t *testing.T, open Opener) {
	s := Loaded(t, open)
	res := search(t, s, store.Query{Text: "الموصل OR بغداد", Facets: true, Limit: 1})
	f := res.Facets
	if f == nil {
		t.Fatal("no facets")
	}
	want := store.Facets{
		Sources:    []store.Count{{Value: "alriyadh", Count: 2}, {Value: "aawsat", Count: 1}, {Value: "okaz", Count: 1}},
		EventTypes: []store.Count{{Value: "battles", Count: 1}, {Value: "explosions_remote_violence", Count: 1}},
		Countries:  []store.Count{{Value: "IQ", Count: 3}},
		Actors:     []store.Count{{Value: "actor:iraq-police", Label: "الشرطة العراقية", Count: 1}, {Value: "actor:islamic-state", Label: "تنظيم داعش", Count: 1}},
		Months:     []store.Count{{Value: "2015-07", Count: 2}, {Value: "2015-08", Count: 2}},
	}
	if !reflect.DeepEqual(*f, want) {
		t.Errorf("facets\n got %+v\nwant %+v", *f, want)
	}
	if res.Total != 4 || len(res.Hits) != 1 {
		t.Errorf("facets count all hits: total %d, %d hits", res.Total, len(res.Hits))
	}
	res = search(t, s, store.Query{Text: "الموصل OR بغداد", Facets: true, Filter: store.Filter{Sources: []string{"alriyadh"}}})
	if got := res.Facets.Months; !reflect.DeepEqual(got, []store.Count{{Value: "2015-07", Count: 1}, {Value: "2015-08", Count: 1}}) {
		t.Errorf("facets follow the filter: %+v", got)
	}
}

func testEvents(t *testing.T, open Opener) {
	s := Loaded(t, open)
	ctx := context.Background()
	evs, err := s.Events(ctx, store.Filter{}, store.Page{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range evs {
		got = append(got, e.DocID+"/"+e.Event.Type)
	}
	if !reflect.DeepEqual(got, []string{"t5/strategic_developments", "t4/explosions_remote_violence", "t1/battles"}) {
		t.Errorf("events %v", got)
	}
	want := Corpus()[0].Analysis.Events[0]
	if !reflect.DeepEqual(evs[2].Event, want) || evs[2].Published != "2015-07-21" || evs[2].Source != "alriyadh" || evs[2].Index != 0 {
		t.Errorf("event round trip\n got %+v\nwant %+v", evs[2], want)
	}
	if e := evs[1].Event; e.Fatalities != nil || e.Injuries == nil || *e.Injuries != 12 || len(e.Targets) != 1 || e.Targets[0].Ref != "" {
		t.Errorf("event t4: %+v", e)
	}
	for _, c := range []struct {
		f    store.Filter
		want []string
	}{
		{store.Filter{Places: []string{"العراق"}}, []string{"t4", "t1"}},
		{store.Filter{Places: []string{"الرياض"}}, []string{"t5"}},
		{store.Filter{Countries: []string{"SA"}}, []string{"t5"}},
		{store.Filter{Actors: []string{"Police Forces of Iraq"}}, []string{"t1"}},
		{store.Filter{EventTypes: []string{"remote_explosive_landmine_ied"}}, []string{"t4"}},
		{store.Filter{From: "2015-08-06", To: "2015-08-06"}, []string{"t5"}}, // the event's day, not the article's
		{store.Filter{Sources: []string{"alriyadh"}}, []string{"t4", "t1"}},
	} {
		evs, err := s.Events(ctx, c.f, store.Page{})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range evs {
			got = append(got, e.DocID)
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("events %+v: %v, want %v", c.f, got, c.want)
		}
	}
	evs, _ = s.Events(ctx, store.Filter{}, store.Page{Limit: 1, Offset: 1})
	if len(evs) != 1 || evs[0].DocID != "t4" {
		t.Errorf("page of events: %+v", evs)
	}
}

func testPlacesActors(t *testing.T, open Opener) {
	s := Loaded(t, open)
	ctx := context.Background()
	ps, err := s.Places(ctx, store.Filter{}, store.Page{Limit: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 2 || ps[0].Place.Ref != "place:99072" || ps[0].Documents != 2 || ps[0].Place.Mentions != 2 ||
		ps[0].Place.Name != "الموصل" || ps[0].Place.Country != "IQ" || ps[0].Place.Lat != 36.335 {
		t.Errorf("places: %+v", ps)
	}
	ps, _ = s.Places(ctx, store.Filter{Countries: []string{"SA"}}, store.Page{})
	if len(ps) != 1 || ps[0].Place.Name != "الرياض" {
		t.Errorf("places in SA: %+v", ps)
	}
	as, err := s.Actors(ctx, store.Filter{}, store.Page{})
	if err != nil {
		t.Fatal(err)
	}
	if len(as) != 3 {
		t.Errorf("actors: %+v", as)
	}
	as, _ = s.Actors(ctx, store.Filter{Sources: []string{"spa"}}, store.Page{})
	if len(as) != 1 || as[0].Actor.Ref != "actor:sa-interior" || as[0].Actor.Kind != "government" || as[0].Documents != 1 {
		t.Errorf("actors of spa: %+v", as)
	}
}

func testSeenAndFeeds(t *testing.T, open Opener) {
	s := open(t, "db")
	ctx := context.Background()
	recs := Prepare(t, Corpus()[:1])
	recs[0].SeenKeys = []string{"item:https://example.org/t1"}
	if _, err := s.Put(ctx, recs, store.PutOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkSeen(ctx, "item:bad", "", "no text"); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkSeen(ctx, "item:bad", "", "again"); err != nil {
		t.Errorf("marking twice: %v", err)
	}
	seen, err := s.Seen(ctx, []string{"item:https://example.org/t1", "item:bad", "item:new"})
	if err != nil || !reflect.DeepEqual(seen, map[string]bool{"item:https://example.org/t1": true, "item:bad": true}) {
		t.Errorf("seen %v %v", seen, err)
	}
	f, err := s.Feed(ctx, "https://example.org/feed")
	if err != nil || f.URL != "https://example.org/feed" || f.ETag != "" || !f.OKAt.IsZero() {
		t.Errorf("new feed %+v %v", f, err)
	}
	now := time.Now().UTC().Truncate(time.Second)
	f = store.FeedState{URL: f.URL, ETag: `"abc"`, LastModified: "Wed, 21 Oct 2015 07:28:00 GMT", CheckedAt: now, OKAt: now.Add(-time.Minute),
		Failures: 2, LastError: "timeout", NextAt: now.Add(time.Hour)}
	for i := 0; i < 2; i++ {
		if err := s.SetFeed(ctx, f); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.Feed(ctx, f.URL)
	if err != nil || !got.CheckedAt.Equal(f.CheckedAt) || !got.NextAt.Equal(f.NextAt) || got.ETag != f.ETag || got.Failures != 2 || got.LastError != "timeout" || got.LastModified != f.LastModified {
		t.Errorf("feed state\n got %+v\nwant %+v (%v)", got, f, err)
	}
}

func testReopen(t *testing.T, open Opener) {
	s := open(t, "db")
	put(t, s, Corpus(), store.PutOptions{})
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = open(t, "db")
	st, err := s.Stats(context.Background())
	if err != nil || st.Documents != 7 || st.SchemaVersion != 2 {
		t.Errorf("reopened: %+v %v", st, err)
	}
	if r := put(t, s, Corpus(), store.PutOptions{}); r[0].Outcome != store.Unchanged {
		t.Errorf("after reopening: %v", r[0].Outcome)
	}
	if got := sorted(ids(search(t, s, store.Query{Text: "الموصل"}).Hits)); !reflect.DeepEqual(got, []string{"t1", "t2", "t3"}) {
		t.Errorf("search after reopening: %v", got)
	}
}

func testScan(t *testing.T, open Opener) {
	s := Loaded(t, open)
	ctx := context.Background()
	scanAll := func() ([]string, map[string]int64) {
		var order []string
		seqs := map[string]int64{}
		after := int64(0)
		for {
			page, err := s.Scan(ctx, after, 3)
			if err != nil {
				t.Fatal(err)
			}
			if len(page) == 0 {
				return order, seqs
			}
			for _, st := range page {
				if st.Seq <= after || st.Analysis == nil || st.Analysis.ID != st.Doc.ID {
					t.Fatalf("scan after %d gave %+v", after, st)
				}
				after = st.Seq
				order = append(order, st.Doc.ID)
				seqs[st.Doc.ID] = st.Seq
			}
		}
	}
	order, seqs := scanAll()
	if strings.Join(order, ",") != "t1,t2,t3,t4,t5,t6,t7" {
		t.Errorf("scan order %v", order)
	}
	// An update keeps the document's place.
	changed := Corpus()[1]
	changed.Doc.Text += " وأضاف المصدر تفاصيل جديدة."
	changed.Analysis = analysis.New(&changed.Doc)
	if r := put(t, s, []Doc{changed}, store.PutOptions{}); r[0].Outcome != store.Updated {
		t.Fatalf("update: %v", r[0].Outcome)
	}
	order2, seqs2 := scanAll()
	if !reflect.DeepEqual(order2, order) || !reflect.DeepEqual(seqs2, seqs) {
		t.Errorf("after an update: %v %v, before %v %v", order2, seqs2, order, seqs)
	}
	if got, _ := s.Get(ctx, "t2"); got == nil || got.Seq != seqs["t2"] || !strings.Contains(got.Doc.Text, "تفاصيل") {
		t.Errorf("updated t2: %+v", got)
	}
}

// testConcurrentWriters stores the same documents from two handles on
// one database at once (two marsad processes): each is stored once.
func testConcurrentWriters(t *testing.T, open Opener) {
	a, b := open(t, "db"), open(t, "db")
	ctx := context.Background()
	docs := append(Corpus(), Synthetic(60, 3)...)
	var wg sync.WaitGroup
	results := make([][]store.PutResult, 2)
	errs := make([]error, 2)
	for i, s := range []store.Store{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			recs := Prepare(t, docs)
			for j := 0; j < len(recs); j += 10 {
				res, err := s.Put(ctx, recs[j:min(j+10, len(recs))], store.PutOptions{})
				if err != nil {
					errs[i] = err
					return
				}
				results[i] = append(results[i], res...)
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	for j := range docs {
		o := []store.Outcome{results[0][j].Outcome, results[1][j].Outcome}
		if !(o[0] == store.Unchanged) == !(o[1] == store.Unchanged) {
			t.Errorf("%s: outcomes %v, want one write and one duplicate", docs[j].Doc.ID, o)
		}
	}
	if st, _ := a.Stats(ctx); st.Documents != len(docs) {
		t.Errorf("%d documents, want %d", st.Documents, len(docs))
	}
}
