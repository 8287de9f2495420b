package kb

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/marsad/marsad/ingest"
)

// sharedDir is ../shared/data seen from the repository root.
func sharedDir(t testing.TB) string {
	t.Helper()
	dir := filepath.Join("..", "..", "shared", "data")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("../shared/data is not here; skipping a test that needs it")
	}
	return dir
}

// snnTexts reads the analysed texts of the SaudiNewsNet articles whose ids
// are wanted.
func snnTexts(t testing.TB, want map[string]bool) map[string]string {
	t.Helper()
	dir := filepath.Join(sharedDir(t), "saudinewsnet")
	days := map[string]bool{}
	for id := range want {
		parts := strings.Split(id, ":")
		if len(parts) == 3 {
			days[parts[1]] = true
		}
	}
	texts := map[string]string{}
	for day := range days {
		err := ingest.Read(context.Background(), filepath.Join(dir, day+".zip"), nil, &ingest.Options{PositionalIDs: "snn:"}, func(it ingest.Item) error {
			if it.Err == nil && want[it.Doc.ID] {
				texts[it.Doc.ID] = it.Doc.AnalysedText()
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return texts
}

// TestEvalPlacesGold measures place resolution on the team's annotated dev
// set (gold/snn-dev.jsonl) and logs the figures; run with -v to see them.
// It fails only if resolution collapses, not to chase a number.
func TestEvalPlacesGold(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the SaudiNewsNet archives; skipped in -short mode")
	}
	f, err := os.Open(filepath.Join("..", "gold", "snn-dev.jsonl"))
	if err != nil {
		t.Skip("gold/snn-dev.jsonl not here")
	}
	defer f.Close()
	gold, err := ReadGold(f)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{}
	for _, g := range gold {
		want[g.ID] = true
	}
	texts := snnTexts(t, want)
	e := EvalPlaces(Default(), gold, texts)
	t.Logf("\n%s", e)
	if os.Getenv("KB_EVAL_ERRORS") != "" {
		for _, s := range e.Errors {
			t.Log(s)
		}
	}
	if e.Docs < 40 {
		t.Errorf("only %d gold documents found", e.Docs)
	}
	if e.MentionRecall() < 0.5 || e.MentionPrecision() < 0.5 {
		t.Errorf("place resolution collapsed:\n%s", e)
	}
}
