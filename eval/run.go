package eval

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/marsad/marsad/analysis"
	"github.com/marsad/marsad/ingest"
)

// Analyzer analyses one document (a *pipeline.Pipeline is one).
type Analyzer interface {
	Analyze(ctx context.Context, d *analysis.Document) (*analysis.Analysis, error)
}

// Report is the score of a run over a gold set.
type Report struct {
	Docs       int
	Times      Score
	Quantities QuantityScore
	// PerDoc keeps each document's analysis, by id, for error analysis.
	PerDoc map[string]*analysis.Analysis
}

// SNN reads the SaudiNewsNet articles the gold set names from the
// corpus folder (one <date>.zip per day), analyses them, and scores times
// and quantities.
func SNN(ctx context.Context, gold []Gold, corpus string, a Analyzer) (*Report, error) {
	byID := map[string]*Gold{}
	days := map[string]bool{}
	for i := range gold {
		g := &gold[i]
		byID[g.ID] = g
		parts := strings.Split(g.ID, ":")
		if len(parts) != 3 || parts[0] != "snn" {
			return nil, fmt.Errorf("gold id %q is not snn:<date>:<index>", g.ID)
		}
		days[parts[1]] = true
	}
	var dayList []string
	for d := range days {
		dayList = append(dayList, d)
	}
	sort.Strings(dayList)
	r := &Report{PerDoc: map[string]*analysis.Analysis{}}
	for _, day := range dayList {
		path := filepath.Join(corpus, day+".zip")
		err := ingest.Read(ctx, path, nil, &ingest.Options{PositionalIDs: "snn:"}, func(it ingest.Item) error {
			g, ok := byID[it.Doc.ID]
			if !ok {
				return nil
			}
			if it.Err != nil {
				return fmt.Errorf("%s: %w", it.Doc.ID, it.Err)
			}
			doc := it.Doc
			out, err := a.Analyze(ctx, &doc)
			if err != nil {
				return fmt.Errorf("%s: %w", doc.ID, err)
			}
			r.Docs++
			r.PerDoc[doc.ID] = out
			r.Times.Add(ScoreTimes(g.Times, out.Times))
			r.Quantities.Add(ScoreQuantities(g.Quantities, out.Quantities))
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("eval %s: %w", path, err)
		}
	}
	if r.Docs != len(gold) {
		return r, fmt.Errorf("eval: %d of %d gold articles found in %s", r.Docs, len(gold), corpus)
	}
	return r, nil
}
