package export

import (
	"context"
	"io"
	"runtime"
	"testing"
)

// The benchmarks export one stream of b.N analyses (the fixtures over and
// over, with distinct ids: 1.5 events per analysis, three in four with
// events) to io.Discard and report the cost per event. BenchmarkSource is
// the generator alone, to subtract.
//
//	go test ./export -run '^$' -bench . -benchmem -cpu 1

func benchmarkFormat(b *testing.B, format string, opts Options) {
	b.ReportAllocs()
	var ms0, ms1 runtime.MemStats
	runtime.ReadMemStats(&ms0)
	st, err := Write(context.Background(), format, generated(b.N), io.Discard, opts)
	if err != nil {
		b.Fatal(err)
	}
	runtime.ReadMemStats(&ms1)
	if st.Events > 0 {
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(st.Events), "ns/event")
		b.ReportMetric(float64(ms1.TotalAlloc-ms0.TotalAlloc)/float64(st.Events), "B/event")
	}
}

func BenchmarkACLEDCSV(b *testing.B) { benchmarkFormat(b, "acled-csv", Options{}) }
func BenchmarkGeoJSON(b *testing.B) {
	benchmarkFormat(b, "geojson", Options{Unlocated: true, Places: true})
}
func BenchmarkJSONL(b *testing.B) { benchmarkFormat(b, "jsonl", Options{}) }
func BenchmarkSTIX(b *testing.B)  { benchmarkFormat(b, "stix", Options{}) }

func BenchmarkSource(b *testing.B) {
	b.ReportAllocs()
	src := generated(b.N)
	for {
		if _, err := src.Next(context.Background()); err != nil {
			break
		}
	}
}
