package postgres

import (
	"context"
	"path/filepath"
	"reflect"
	"sort"
	"testing"

	"github.com/marsad/marsad/store"
	"github.com/marsad/marsad/store/sqlite"
	"github.com/marsad/marsad/store/storetest"
)

// TestBackendsAgree stores the same documents in SQLite and PostgreSQL and
// checks that hundreds of random queries find exactly the same documents,
// with the same totals and facets, on both.
func TestBackendsAgree(t *testing.T) {
	ctx := context.Background()
	pg, err := Open(ctx, storetest.PostgresSchema(t, storetest.PostgresDSN(t), "agree"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close()
	lite, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "agree.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer lite.Close()
	docs := append(append(storetest.Corpus(), storetest.Wire()...), storetest.Synthetic(300, 7)...)
	recs := storetest.Prepare(t, docs)
	for _, s := range []store.Store{pg, lite} {
		if _, err := s.Put(ctx, recs, store.PutOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	queries := storetest.RandomQueries(400, 11, docs)
	for _, q := range storetest.Queries() {
		queries = append(queries, q.Q)
	}
	nonEmpty := 0
	for _, q := range queries {
		var got [2][]string
		var totals [2]int
		var facets [2]*store.Facets
		var errs [2]error
		for i, s := range []store.Store{pg, lite} {
			res, err := s.Search(ctx, store.Query{Text: q, Limit: 0, NoSnippets: true, Facets: true, Filter: store.Filter{IncludeDuplicates: true}})
			if errs[i] = err; err != nil {
				continue
			}
			for _, h := range res.Hits {
				got[i] = append(got[i], h.ID)
			}
			sort.Strings(got[i])
			totals[i], facets[i] = res.Total, res.Facets
		}
		if (errs[0] == nil) != (errs[1] == nil) {
			t.Errorf("%s: postgres %v, sqlite %v", q, errs[0], errs[1])
			continue
		}
		if !reflect.DeepEqual(got[0], got[1]) || totals[0] != totals[1] || !reflect.DeepEqual(facets[0], facets[1]) {
			t.Errorf("%s: postgres %d hits, sqlite %d hits (%v / %v)", q, len(got[0]), len(got[1]), got[0], got[1])
		}
		if len(got[0]) > 0 {
			nonEmpty++
		}
	}
	if nonEmpty < len(queries)/3 {
		t.Errorf("only %d of %d queries found anything: the test proves little", nonEmpty, len(queries))
	}
	t.Logf("%d queries, %d with hits, the same on both backends", len(queries), nonEmpty)
}
