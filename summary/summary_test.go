package summary

import (
	"context"
	"testing"

	"github.com/marsad/marsad/analysis"
)

func state(t *testing.T, d *analysis.Document) *analysis.State {
	t.Helper()
	st, err := analysis.NewState(d)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func TestSummaryPicksTheNews(t *testing.T) {
	d := &analysis.Document{
		ID:    "s",
		Title: "هجوم على نقطة تفتيش",
		Text: "الموصل - مراسلنا\n\n" +
			"قُتل ثلاثة من عناصر الشرطة وأصيب خمسة آخرون في هجوم شنه مسلحون على نقطة تفتيش جنوب المدينة مساء الخميس. " +
			"وقال مسؤول أمني إن المهاجمين فروا باتجاه القرى المحيطة بعد الهجوم. " +
			"وكانت المدينة قد شهدت هدوءاً نسبياً خلال الأشهر الماضية بعد انتهاء العمليات العسكرية فيها. " +
			"ويذكر أن الطقس في المنطقة كان معتدلاً طوال الأسبوع الماضي بحسب هيئة الأرصاد.",
	}
	st := state(t, d)
	// the figures of the second body sentence as a quantity stage would find them
	first := st.Sentences[2]
	st.Out.Quantities = append(st.Out.Quantities, analysis.Quantity{Start: first.Start + 5, End: first.Start + 10, Value: 3, Role: "fatalities"})
	if err := (Stage{}).Run(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	sum := st.Out.Summary
	if len(sum) == 0 || len(sum) > MaxSentences {
		t.Fatalf("summary has %d sentences: %q", len(sum), sum)
	}
	if sum[0] != "قُتل ثلاثة من عناصر الشرطة وأصيب خمسة آخرون في هجوم شنه مسلحون على نقطة تفتيش جنوب المدينة مساء الخميس." {
		t.Errorf("first summary sentence = %q", sum[0])
	}
	for _, s := range sum {
		if s == "هجوم على نقطة تفتيش" || s == "الموصل - مراسلنا" {
			t.Errorf("summary took the title or the dateline: %q", sum)
		}
		if s == "ويذكر أن الطقس في المنطقة كان معتدلاً طوال الأسبوع الماضي بحسب هيئة الأرصاد." {
			t.Errorf("summary took the weather: %q", sum)
		}
	}
}

func TestSummaryOfEmptyOrTinyText(t *testing.T) {
	for _, text := range []string{"خبر", "عاجل: انفجار"} {
		st := state(t, &analysis.Document{ID: "x", Text: text})
		if got := Pick(st); len(got) != 0 {
			t.Errorf("Pick(%q) = %q, want none", text, got)
		}
	}
}
