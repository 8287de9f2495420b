package kb

import (
	"context"
	"strings"
	"testing"

	"github.com/marsad/marsad/analysis"
)

func TestStage(t *testing.T) {
	d := &analysis.Document{ID: "t", Title: "تفجير في الموصل", Text: "أعلن تنظيم داعش مسؤوليته عن تفجير بالموصل شمال العراق."}
	st, err := analysis.NewState(d)
	if err != nil {
		t.Fatal(err)
	}
	// an entity an earlier stage found, without a ref
	at := len([]rune(st.Text[:strings.Index(st.Text, "العراق")]))
	st.Out.Entities = append(st.Out.Entities, analysis.Entity{Type: "LOC", Text: "العراق", Start: at, End: at + 6, Norm: "العراق"})
	if err := NewStage(nil).Run(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	out := st.Out
	if len(out.Places) != 2 || out.Places[0].Ref != "place:99072" || out.Places[0].Mentions != 2 ||
		out.Places[0].Admin1 != "Nineveh Governorate" || out.Places[1].Ref != "place:iq" {
		t.Errorf("places: %+v", out.Places)
	}
	if len(out.Actors) != 1 || out.Actors[0].Ref != "actor:islamic-state" || out.Actors[0].Kind != "rebel_group" {
		t.Errorf("actors: %+v", out.Actors)
	}
	text := []rune(st.Text)
	refs := 0
	for i, e := range out.Entities {
		if string(text[e.Start:e.End]) != e.Text {
			t.Errorf("entity %q: span %d–%d reads %q", e.Text, e.Start, e.End, string(text[e.Start:e.End]))
		}
		if i > 0 && e.Start < out.Entities[i-1].Start {
			t.Error("entities not in text order")
		}
		if e.Ref != "" {
			refs++
		}
	}
	if refs != 4 || len(out.Entities) != 4 {
		t.Errorf("entities: %+v", out.Entities)
	}
}
