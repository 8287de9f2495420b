package eval

import (
	"context"
	"fmt"
	"os"
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
	Events     EventScore
	Relevance  RelevanceScore
	Places     PlaceScore // entities against the annotated place mentions
	// PerDoc keeps each document's analysis, by id, for error analysis.
	PerDoc map[string]*analysis.Analysis
	// Texts keeps each document's analysed text (title + "\n\n" + text),
	// by id: the gold spans index into it.
	Texts map[string]string
}

// SNN reads the SaudiNewsNet articles the gold set names from the
// corpus folder (one <date>.zip per day), analyses them, and scores them.
func SNN(ctx context.Context, gold []Gold, corpus string, a Analyzer) (*Report, error) {
	return Run(ctx, gold, corpus, "snn:", a)
}

// Run analyses the documents the gold set names, read from docs (a file,
// an archive or a folder, as marsad analyze reads them; documents without
// ids are numbered with the prefix idPrefix, e.g. "snn:"), and scores them
// against the gold. When docs is a folder of SaudiNewsNet day archives and
// the gold ids are snn:<date>:<index>, only the days named are read.
func Run(ctx context.Context, gold []Gold, docs, idPrefix string, a Analyzer) (*Report, error) {
	byID := map[string]*Gold{}
	days := map[string]bool{}
	for i := range gold {
		g := &gold[i]
		byID[g.ID] = g
		if parts := strings.Split(g.ID, ":"); len(parts) == 3 && parts[0] == "snn" {
			days[parts[1]] = true
		}
	}
	paths := []string{docs}
	if st, err := os.Stat(docs); err != nil {
		return nil, err
	} else if st.IsDir() && len(days) > 0 {
		var dayPaths []string
		for d := range days {
			p := filepath.Join(docs, d+".zip")
			if _, err := os.Stat(p); err != nil {
				dayPaths = nil
				break
			}
			dayPaths = append(dayPaths, p)
		}
		if dayPaths != nil {
			sort.Strings(dayPaths)
			paths = dayPaths
		}
	}
	r := &Report{PerDoc: map[string]*analysis.Analysis{}, Texts: map[string]string{}}
	for _, path := range paths {
		err := ingest.Read(ctx, path, nil, &ingest.Options{PositionalIDs: idPrefix}, func(it ingest.Item) error {
			g, ok := byID[it.Doc.ID]
			if !ok || r.PerDoc[it.Doc.ID] != nil {
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
			r.Texts[doc.ID] = doc.AnalysedText()
			r.Times.Add(ScoreTimes(g.Times, out.Times))
			r.Quantities.Add(ScoreQuantities(g.Quantities, out.Quantities))
			r.Events.Add(ScoreEvents(g.Events, out.Events))
			r.Relevance.Add(g.Relevant, out.Relevance)
			r.Places.Add(ScorePlaces(g.Places, out.Entities))
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("eval %s: %w", path, err)
		}
	}
	if r.Docs != len(gold) {
		return r, fmt.Errorf("eval: %d of %d gold articles found in %s", r.Docs, len(gold), docs)
	}
	return r, nil
}
