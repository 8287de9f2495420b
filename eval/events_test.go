package eval

import (
	"reflect"
	"testing"

	"github.com/marsad/marsad/analysis"
)

func TestScoreAndMissedEvents(t *testing.T) {
	ip := func(v int) *int { return &v }
	mosul := &GoldLocation{NameEn: "Mosul", Lat: 36.335, Lon: 43.119}
	gold := []GoldEvent{
		{Type: "battles", Date: "2016-03-05", Location: mosul, Fatalities: ip(4)},
		{Type: "strategic_developments", Date: "2016-03-04"},
		{Type: "explosions_remote_violence", Date: "2016-03-05", Location: mosul},
	}
	near := &analysis.EventPlace{Name: "الموصل", Lat: 36.34, Lon: 43.13} // ~1 km away
	far := &analysis.EventPlace{Name: "بغداد", Lat: 33.341, Lon: 44.401} // ~350 km away
	pred := []analysis.Event{
		{Type: "explosions_remote_violence", Date: "2016-03-05", Location: far},  // wrong place
		{Type: "battles", Date: "2016-03-05", Location: near, Fatalities: ip(4)}, // full match
		{Type: "strategic_developments", Date: "2016-03-03"},                     // wrong date
		{Type: "violence_against_civilians", Date: "2016-03-05", Location: near}, // no such gold
	}
	s := ScoreEvents(gold, pred)
	want := EventScore{Gold: 3, Pred: 4, Type: 3, TypePlace: 2, Full: 1, SubType: 1, Fatalities: 1, Injuries: 1}
	if s != want {
		t.Errorf("score %+v, want %+v", s, want)
	}
	m := MissedEvents(gold, pred)
	if !reflect.DeepEqual(m.Gold, []int{1, 2}) || !reflect.DeepEqual(m.Pred, []int{0, 2, 3}) {
		t.Errorf("missed gold %v, extra predictions %v; want [1 2] and [0 2 3]", m.Gold, m.Pred)
	}
	if m := MissedEvents(nil, nil); m.Gold != nil || m.Pred != nil {
		t.Errorf("nothing to match gave %+v", m)
	}
}
