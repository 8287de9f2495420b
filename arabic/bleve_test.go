package arabic_test

// This file compares marsad's search analyser with bleve's "ar" analyser
// (Lucene's light stemmer) and the Snowball Arabic stemmer on the same text:
// their known failures, and their speed (BenchmarkAnalyzer).

import (
	"archive/zip"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/ar"
	"github.com/blevesearch/bleve/v2/registry"
	snowball "github.com/blevesearch/snowballstem"
	snowballar "github.com/blevesearch/snowballstem/arabic"

	"github.com/marsad/marsad/arabic"
)

func bleveAnalyzer(tb testing.TB) analysis.Analyzer {
	a, err := registry.NewCache().AnalyzerNamed("ar")
	if err != nil {
		tb.Fatal(err)
	}
	return a
}

func bleveStem(a analysis.Analyzer, w string) string {
	ts := a.Analyze([]byte(w))
	var out []string
	for _, t := range ts {
		out = append(out, string(t.Term))
	}
	return strings.Join(out, " ")
}

func snowballStem(w string) string {
	env := snowball.NewEnv(w)
	snowballar.Stem(env)
	return env.Current()
}

// TestKnownFailures measures bleve's and Snowball's stems of the words on
// which they are known to fail and checks that marsad does not fail the
// same way: names are not cut, على and علي stay apart, سورية meets سوريا.
func TestKnownFailures(t *testing.T) {
	a := bleveAnalyzer(t)
	cut := []string{"بغداد", "الرقة", "آلاف", "ألمانيا", "لبنان", "بنغازي"}
	for _, w := range cut {
		b, s, m := bleveStem(a, w), snowballStem(w), arabic.Stem(w)
		t.Logf("%-8s bleve=%-8s snowball=%-8s marsad=%s", w, b, s, m)
		if len([]rune(m)) < len([]rune(arabic.Key(w)))-1 {
			t.Errorf("marsad cuts %q to %q", w, m)
		}
	}
	// two different words that must not meet
	if arabic.Stem("على") == arabic.Stem("علي") {
		t.Errorf("marsad merges على and علي into %q", arabic.Stem("على"))
	}
	t.Logf("على/علي: bleve %q/%q snowball %q/%q", bleveStem(a, "على"), bleveStem(a, "علي"), snowballStem("على"), snowballStem("علي"))
	// two spellings of one name that must meet
	if arabic.Stem("سورية") != arabic.Stem("سوريا") {
		t.Errorf("marsad keeps سورية and سوريا apart")
	}
	t.Logf("سورية/سوريا: bleve %q/%q snowball %q/%q", bleveStem(a, "سورية"), bleveStem(a, "سوريا"), snowballStem("سورية"), snowballStem("سوريا"))
	// and the clitic forms of a name meet it
	for _, w := range []string{"بالموصل", "والموصل", "للموصل"} {
		if arabic.Stem(w) != arabic.Stem("الموصل") {
			t.Errorf("Stem(%q) = %q, Stem(الموصل) = %q", w, arabic.Stem(w), arabic.Stem("الموصل"))
		}
		t.Logf("%s: bleve %q (الموصل: %q)", w, bleveStem(a, w), bleveStem(a, "الموصل"))
	}
}

// BenchmarkAnalyzer compares marsad's search analyser (arabic.Terms) with
// bleve's "ar" analyser on the same text, in the same run. Run with
// -cpu 1 for one core; MB/s is input bytes per second. "marsad" keeps its
// stem cache warm across iterations, as it is in a long ingest;
// "marsad-cold-cache" starts every pass with an empty one.
func BenchmarkAnalyzer(b *testing.B) {
	texts := map[string][]byte{}
	article, err := os.ReadFile("testdata/article.txt")
	if err != nil {
		b.Fatal(err)
	}
	texts["article"] = article
	if corpus := corpusSample(b, 2<<20); corpus != nil {
		texts["saudinewsnet"] = corpus
	}
	for _, name := range []string{"article", "saudinewsnet"} {
		text, ok := texts[name]
		if !ok {
			continue
		}
		s := string(text)
		b.Run(name+"/marsad", func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for i := 0; i < b.N; i++ {
				_ = arabic.Terms(s)
			}
		})
		b.Run(name+"/marsad-cold-cache", func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for i := 0; i < b.N; i++ {
				_ = arabic.NewSegmenter(nil).Terms(s) // a fresh stem cache every time
			}
		})
		b.Run(name+"/bleve-ar", func(b *testing.B) {
			a := bleveAnalyzer(b)
			b.SetBytes(int64(len(text)))
			for i := 0; i < b.N; i++ {
				_ = a.Analyze(text)
			}
		})
	}
}

// corpusSample returns about n bytes of SaudiNewsNet article text, or nil
// (with a note) when ../shared is not beside the repository.
func corpusSample(tb testing.TB, n int) []byte {
	path := filepath.Join("..", "..", "shared", "data", "saudinewsnet", "2015-08-06.zip")
	zr, err := zip.OpenReader(path)
	if err != nil {
		tb.Logf("SaudiNewsNet not found (%v): benchmarking the bundled article only", err)
		return nil
	}
	defer zr.Close()
	var out []byte
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			tb.Fatal(err)
		}
		var arts []struct {
			Title, Content string
		}
		err = json.NewDecoder(rc).Decode(&arts)
		rc.Close()
		if err != nil {
			tb.Fatal(err)
		}
		for _, a := range arts {
			out = append(out, a.Title+"\n\n"+a.Content+"\n\n"...)
			if len(out) >= n {
				return out
			}
		}
	}
	return out
}
