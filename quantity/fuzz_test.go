package quantity_test

import (
	"context"
	"os"
	"testing"
	"unicode/utf8"

	"github.com/marsad/marsad/analysis"
	"github.com/marsad/marsad/quantity"
	"github.com/marsad/marsad/temporal"
)

// FuzzQuantities checks that no text makes the stages panic and that every
// span lies within the text and matches its own text.
func FuzzQuantities(f *testing.F) {
	for _, c := range cases {
		f.Add(c.in)
	}
	f.Add("«1.4» مليون (309) ملايين ١٬٢٣٤٬٥٦٧ 1,2,3.4 ,5 5, ..7 الـ 9 و و و عشر عشر ألف ألف مليار مليار")
	f.Add("أحد إحدى عشرات مئات الآلاف الحادي والعشرين ثلاث مئة و ثلاثة عشر من منهم")
	tm, err := temporal.NewStage()
	if err != nil {
		f.Fatal(err)
	}
	qs, err := quantity.NewStage()
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
		if err := tm.Run(context.Background(), st); err != nil {
			t.Fatal(err)
		}
		if err := qs.Run(context.Background(), st); err != nil {
			t.Fatal(err)
		}
		n := utf8.RuneCountInString(st.Text)
		last := -1
		for _, q := range st.Out.Quantities {
			if q.Start < 0 || q.End > n || q.Start >= q.End {
				t.Fatalf("span %d-%d outside 0-%d", q.Start, q.End, n)
			}
			if st.Slice(q.Start, q.End) != q.Text {
				t.Fatalf("span %d-%d is not %q", q.Start, q.End, q.Text)
			}
			if q.Start < last {
				t.Fatalf("quantities not sorted by start")
			}
			last = q.Start
		}
	})
}

// BenchmarkStage measures the quantity stage alone over an article the
// team wrote (testdata/article.txt), with its dates found beforehand as in
// the pipeline.
func BenchmarkStage(b *testing.B) {
	text, err := os.ReadFile("testdata/article.txt")
	if err != nil {
		b.Fatal(err)
	}
	st, err := analysis.NewState(&analysis.Document{ID: "b", Text: string(text), Published: "2015-08-06"})
	if err != nil {
		b.Fatal(err)
	}
	tm, err := temporal.NewStage()
	if err != nil {
		b.Fatal(err)
	}
	if err := tm.Run(context.Background(), st); err != nil {
		b.Fatal(err)
	}
	qs, err := quantity.NewStage()
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		st.Out.Quantities = st.Out.Quantities[:0]
		if err := qs.Run(context.Background(), st); err != nil {
			b.Fatal(err)
		}
	}
}
