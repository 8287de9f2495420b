package kb

import (
	"os"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/marsad/marsad/arabic"
)

// BenchmarkFindPlaces resolves every place of one article (testdata/
// article.txt, about 400 words naming 40-odd places and 30 actors), given
// its tokens as the pipeline has them.
func BenchmarkFindPlaces(b *testing.B) {
	text := readArticle(b)
	toks := arabic.Tokenize(text)
	k := Default()
	b.ReportAllocs()
	b.ResetTimer()
	cpu := cpuTime()
	for i := 0; i < b.N; i++ {
		k.FindPlaces(text, toks)
	}
	reportCPU(b, cpu)
}

// cpuTime is the process's user and system time so far. On a busy machine
// wall-clock ns/op counts the time spent waiting for a core; cpu-ns/op
// (reported with reportCPU) does not.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func reportCPU(b *testing.B, start time.Duration) {
	if d := cpuTime() - start; d > 0 && start > 0 {
		b.ReportMetric(float64(d.Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}

// BenchmarkFind finds both places and actors, as the pipeline's stage does.
func BenchmarkFind(b *testing.B) {
	text := readArticle(b)
	toks := arabic.Tokenize(text)
	k := Default()
	b.ReportAllocs()
	b.ResetTimer()
	cpu := cpuTime()
	for i := 0; i < b.N; i++ {
		k.Find(text, toks)
	}
	reportCPU(b, cpu)
}

// BenchmarkLookupPlace looks up one name with clitics.
func BenchmarkLookupPlace(b *testing.B) {
	k := Default()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		k.LookupPlace("بالموصل")
	}
}

// BenchmarkLoad loads the embedded knowledge base.
func BenchmarkLoad(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := Load(""); err != nil {
			b.Fatal(err)
		}
	}
}

func readArticle(b *testing.B) string {
	data, err := os.ReadFile("testdata/article.txt")
	if err != nil {
		b.Fatal(err)
	}
	return string(data)
}

// BenchmarkFindPlacesSNN resolves the places of 300 real news articles
// (SaudiNewsNet, read from ../shared; skipped without it) and reports the
// time per article.
func BenchmarkFindPlacesSNN(b *testing.B) {
	want := map[string]bool{}
	for i := 0; i < 300; i++ {
		want["snn:2015-08-06:"+strconv.Itoa(i*10)] = true
	}
	texts := snnTexts(b, want)
	type doc struct {
		text string
		toks []arabic.Token
	}
	var docs []doc
	for _, t := range texts {
		docs = append(docs, doc{t, arabic.Tokenize(t)})
	}
	k := Default()
	b.ReportAllocs()
	b.ResetTimer()
	cpu := cpuTime()
	for i := 0; i < b.N; i++ {
		d := docs[i%len(docs)]
		k.FindPlaces(d.text, d.toks)
	}
	reportCPU(b, cpu)
}
