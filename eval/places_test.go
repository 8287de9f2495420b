package eval

import (
	"reflect"
	"testing"

	"github.com/marsad/marsad/analysis"
)

func TestScorePlaces(t *testing.T) {
	// وقصفت الطائرات بالموصل وتلعفر، وقال مسؤول في الخليج إن قوات العراق …
	gold := []GoldPlace{
		{Start: 14, End: 21}, // بالموصل: LOC, same span
		{Start: 22, End: 27}, // وتلعفر: LOC, span one letter short
		{Start: 60, End: 66}, // العراق: tagged ORG (inside قوات العراق)
		{Start: 80, End: 85}, // missed
	}
	pred := []analysis.Entity{
		{Type: "LOC", Start: 14, End: 21},
		{Type: "LOC", Start: 23, End: 27},
		{Type: "LOC", Start: 40, End: 46}, // الخليج: not an annotated place
		{Type: "ORG", Start: 55, End: 66},
		{Type: "PER", Start: 90, End: 95},
	}
	tests := []struct {
		name string
		gold []GoldPlace
		pred []analysis.Entity
		want PlaceScore
	}{
		{"mixed", gold, pred, PlaceScore{Gold: 4, LOC: 3, Found: 2, Exact: 1, AnyType: 3}},
		{"nothing predicted", gold, nil, PlaceScore{Gold: 4}},
		{"nothing annotated", nil, pred, PlaceScore{LOC: 3}},
		// one LOC entity over two annotated places counts once
		{"one to one", []GoldPlace{{Start: 0, End: 5}, {Start: 6, End: 10}}, []analysis.Entity{{Type: "LOC", Start: 0, End: 10}},
			PlaceScore{Gold: 2, LOC: 1, Found: 1, AnyType: 1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := ScorePlaces(tc.gold, tc.pred); got != tc.want {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}
	s := ScorePlaces(gold, pred)
	if r, p := s.Recall(), s.Precision(); r != 0.5 || p != 2.0/3 {
		t.Errorf("recall %v precision %v, want 0.5 and 2/3", r, p)
	}
	var sum PlaceScore
	sum.Add(s)
	sum.Add(s)
	if sum.Gold != 8 || sum.Found != 4 || sum.Exact != 2 || sum.AnyType != 6 || sum.LOC != 6 {
		t.Errorf("sum of two %+v", sum)
	}
}

func TestMissedPlaces(t *testing.T) {
	gold := []GoldPlace{{Start: 0, End: 5}, {Start: 10, End: 15}, {Start: 20, End: 25}}
	pred := []analysis.Entity{
		{Type: "LOC", Start: 0, End: 5},
		{Type: "ORG", Start: 8, End: 15},
		{Type: "LOC", Start: 30, End: 35},
	}
	m := MissedPlaces(gold, pred)
	if !reflect.DeepEqual(m.Gold, []int{1, 2}) || !reflect.DeepEqual(m.GoldType, []string{"ORG", ""}) || !reflect.DeepEqual(m.Pred, []int{2}) {
		t.Errorf("got %+v; want gold [1 2] as [ORG \"\"], extra LOC [2]", m)
	}
	if m := MissedPlaces(nil, nil); m.Gold != nil || m.Pred != nil {
		t.Errorf("nothing to match gave %+v", m)
	}
}
