package pipeline

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"testing"

	"github.com/marsad/marsad/analysis"
	"github.com/marsad/marsad/sample"
)

func sampleDocs(tb testing.TB) ([]analysis.Document, int) {
	var docs []analysis.Document
	n := 0
	sc := bufio.NewScanner(bytes.NewReader(sample.Articles()))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var d analysis.Document
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			tb.Fatal(err)
		}
		docs = append(docs, d)
		n += len(d.AnalysedText())
	}
	return docs, n
}

// BenchmarkPipeline runs the default pipeline over the sample articles;
// MB/s is analysed text per second on one core (-cpu 1). For the
// SaudiNewsNet corpus use "marsad bench".
func BenchmarkPipeline(b *testing.B) {
	docs, n := sampleDocs(b)
	p, err := New()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.SetBytes(int64(n))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for j := range docs {
			if _, err := p.Analyze(ctx, &docs[j]); err != nil {
				b.Fatal(err)
			}
		}
	}
}
