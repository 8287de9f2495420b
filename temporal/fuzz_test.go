package temporal_test

import (
	"context"
	"os"
	"testing"
	"unicode/utf8"

	"github.com/marsad/marsad/analysis"
	"github.com/marsad/marsad/temporal"
)

// FuzzTimes checks that no text makes the stage panic and that every span
// lies within the text and matches its own text.
func FuzzTimes(f *testing.F) {
	for _, c := range cases {
		f.Add(c.in)
	}
	f.Add("يوم الثلاثاء الموافق 12 / 10 / 1436هـ")
	f.Add("في 31/2/2015 و 0/0/0 و 99-99-9999 و1-1-1300هـ و 30 ذو الحجة 1500 هـ")
	f.Add("قبل 99999 عاما وبين عامي 2100 و1900 في 2015 – ")
	s, err := temporal.NewStage()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		st, err := analysis.NewState(&analysis.Document{ID: "f", Text: text, Published: "2015-08-06"})
		if err != nil {
			return
		}
		if err := s.Run(context.Background(), st); err != nil {
			t.Fatal(err)
		}
		n := utf8.RuneCountInString(st.Text)
		last := -1
		for _, tm := range st.Out.Times {
			if tm.Start < 0 || tm.End > n || tm.Start >= tm.End {
				t.Fatalf("span %d-%d outside 0-%d", tm.Start, tm.End, n)
			}
			if st.Slice(tm.Start, tm.End) != tm.Text {
				t.Fatalf("span %d-%d is not %q", tm.Start, tm.End, tm.Text)
			}
			if tm.Start < last {
				t.Fatalf("times not sorted by start")
			}
			last = tm.Start
		}
	})
}

// BenchmarkStage measures the temporal stage alone over an article the
// team wrote (testdata/article.txt); BenchmarkTokenize gives the cost of
// preparing the same document, for scale.
func BenchmarkStage(b *testing.B) {
	text, err := os.ReadFile("testdata/article.txt")
	if err != nil {
		b.Fatal(err)
	}
	st, err := analysis.NewState(&analysis.Document{ID: "b", Text: string(text), Published: "2015-08-06"})
	if err != nil {
		b.Fatal(err)
	}
	s, err := temporal.NewStage()
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		st.Out.Times = st.Out.Times[:0]
		if err := s.Run(context.Background(), st); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkTokenize(b *testing.B) {
	text, err := os.ReadFile("testdata/article.txt")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := analysis.NewState(&analysis.Document{ID: "b", Text: string(text), Published: "2015-08-06"}); err != nil {
			b.Fatal(err)
		}
	}
}
