package pipeline

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/marsad/marsad/analysis"
)

func TestStagesRunInOrderAndFailSafely(t *testing.T) {
	var order []string
	mk := func(name string, f func(st *analysis.State) error) Stage {
		return StageFunc{N: name, F: func(_ context.Context, st *analysis.State) error {
			order = append(order, name)
			return f(st)
		}}
	}
	add := mk("add", func(st *analysis.State) error {
		st.Out.Summary = append(st.Out.Summary, st.Slice(st.Sentences[0].Start, st.Sentences[0].End))
		return nil
	})
	p, err := New(WithStages(add, mk("second", func(*analysis.State) error { return nil })))
	if err != nil {
		t.Fatal(err)
	}
	a, err := p.Analyze(context.Background(), &analysis.Document{ID: "d", Text: "الجملة الأولى. والثانية."})
	if err != nil || len(a.Summary) != 1 || a.Summary[0] != "الجملة الأولى." {
		t.Fatalf("%+v %v", a, err)
	}
	if strings.Join(order, ",") != "add,second" || strings.Join(p.Stages(), ",") != "add,second" {
		t.Errorf("order %v", order)
	}

	boom := mk("boom", func(*analysis.State) error { panic("bad index") })
	p, _ = New(WithStages(boom))
	if _, err := p.Analyze(context.Background(), &analysis.Document{ID: "d", Text: "نص"}); err == nil || !strings.Contains(err.Error(), "internal error in stage boom") {
		t.Errorf("panic not turned into an error: %v", err)
	}
	fail := mk("fail", func(*analysis.State) error { return errors.New("no model") })
	p, _ = New(WithStages(fail), Without("nothing"))
	if _, err := p.Analyze(context.Background(), &analysis.Document{ID: "d", Text: "نص"}); err == nil || err.Error() != "fail: no model" {
		t.Errorf("stage error: %v", err)
	}
	p, _ = New(WithStages(fail), Without("fail"))
	if _, err := p.Analyze(context.Background(), &analysis.Document{ID: "d", Text: "نص"}); err != nil {
		t.Errorf("Without did not drop the stage: %v", err)
	}
}
