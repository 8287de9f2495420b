package eval

import (
	"context"
	"os"
	"testing"

	"github.com/marsad/marsad/pipeline"
)

const (
	goldPath  = "../gold/snn-dev.jsonl"
	snnCorpus = "../../shared/data/saudinewsnet"
)

// Floors: what the stages reached on the dev set, less a small margin.
// Raise them when the figures improve; a drop below them fails the test.
const (
	minTimeRecall     = 0.95 // reached 0.984
	minTimePrecision  = 0.95 // reached 1.000
	minQuantityRecall = 0.90 // reached 0.932
	minQuantityPrec   = 0.93 // reached 0.982
	minEventF1        = 0.40 // type+place+date, reached 0.425
	minRelevanceAcc   = 0.95 // reached 1.000
	minPlaceRecall    = 0.92 // place mentions found as LOC entities, reached 0.950
	minPlacePrecision = 0.88 // LOC entities that are annotated places, reached 0.907
)

func TestSNNDevTimesAndQuantities(t *testing.T) {
	if _, err := os.Stat(snnCorpus); err != nil {
		t.Skipf("SaudiNewsNet corpus not found at %s (../shared is absent): %v", snnCorpus, err)
	}
	gold, err := LoadGold(goldPath)
	if err != nil {
		t.Fatal(err)
	}
	p, err := pipeline.New()
	if err != nil {
		t.Fatal(err)
	}
	r, err := SNN(context.Background(), gold, snnCorpus, p)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d articles", r.Docs)
	t.Logf("times:      %v", r.Times)
	t.Logf("quantities: %v", r.Quantities.Score)
	t.Logf("quantities: unit accuracy %.3f, role accuracy %.3f (of %d matches)", r.Quantities.UnitAccuracy(), r.Quantities.RoleAccuracy(), r.Quantities.Matched)
	if r.Times.Recall() < minTimeRecall || r.Times.Precision() < minTimePrecision {
		t.Errorf("time recall %.3f / precision %.3f below the floor %.3f / %.3f", r.Times.Recall(), r.Times.Precision(), minTimeRecall, minTimePrecision)
	}
	if r.Quantities.Recall() < minQuantityRecall || r.Quantities.Precision() < minQuantityPrec {
		t.Errorf("quantity recall %.3f / precision %.3f below the floor %.3f / %.3f", r.Quantities.Recall(), r.Quantities.Precision(), minQuantityRecall, minQuantityPrec)
	}
	t.Logf("events: P %.3f R %.3f F1 %.3f; relevance accuracy %.3f", r.Events.Precision(), r.Events.Recall(), r.Events.F1(), r.Relevance.Accuracy())
	if r.Events.F1() < minEventF1 {
		t.Errorf("event F1 %.3f below the floor %.3f", r.Events.F1(), minEventF1)
	}
	t.Logf("places: R %.3f P %.3f (gold %d, LOC entities %d), exact span %d, as any entity %d", r.Places.Recall(), r.Places.Precision(), r.Places.Gold, r.Places.LOC, r.Places.Exact, r.Places.AnyType)
	if r.Places.Recall() < minPlaceRecall || r.Places.Precision() < minPlacePrecision {
		t.Errorf("place recall %.3f / precision %.3f below the floor %.3f / %.3f", r.Places.Recall(), r.Places.Precision(), minPlaceRecall, minPlacePrecision)
	}
	if r.Relevance.Accuracy() < minRelevanceAcc {
		t.Errorf("relevance accuracy %.3f below the floor %.3f", r.Relevance.Accuracy(), minRelevanceAcc)
	}
}
