package corpus_test

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"

	"github.com/marsad/marsad/corpus"
	"github.com/marsad/marsad/ingest"
	"github.com/marsad/marsad/pipeline"
	"github.com/marsad/marsad/sample"
	"github.com/marsad/marsad/store"
	_ "github.com/marsad/marsad/store/sqlite"
)

func TestIngestSample(t *testing.T) {
	ctx := context.Background()
	p, err := pipeline.New()
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "m.db"), store.Options{Indexer: store.NewIndexer(p.Segmenter())})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	src := func(extra string) corpus.Source {
		return func(yield func(ingest.Item) bool) error {
			return ingest.ReadFrom(ctx, "sample.jsonl", bytes.NewReader(append(sample.Articles(), extra...)), nil, func(it ingest.Item) error {
				if !yield(it) {
					return context.Canceled
				}
				return nil
			})
		}
	}
	in := corpus.NewIngester(st, p)
	var results []corpus.Result
	sum, err := in.Ingest(ctx, src("{\"id\":\"bad\"}\n"), corpus.Options{Jobs: 2, Batch: 7, OnResult: func(r corpus.Result) { results = append(results, r) }})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Read != 51 || sum.New+sum.NearDuplicate != 50 || sum.Failed != 1 || len(sum.Reasons) != 1 {
		t.Errorf("first ingest: %+v", sum)
	}
	if len(results) != 51 {
		t.Fatalf("%d results", len(results))
	}
	for _, r := range results {
		if r.ID == "bad" && (r.Outcome != corpus.Failed || r.Error == "") {
			t.Errorf("bad document: %+v", r)
		}
	}
	sum, err = in.Ingest(ctx, src(""), corpus.Options{})
	if err != nil || sum.Duplicate != 50 || sum.New != 0 {
		t.Errorf("second ingest: %+v %v", sum, err)
	}
	if s := sum.String(); s != "read 50, new 0, duplicate 50, near-duplicate 0, failed 0" {
		t.Errorf("summary %q", s)
	}
}
