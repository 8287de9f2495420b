package storetest

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/marsad/marsad/store"
)

// The API's and exports' questions: event counts, events by place and
// actor, one place or actor, time series, documents in export order.

func testEventAggregates(t *testing.T, open Opener) {
	s := Loaded(t, open)
	ctx := context.Background()
	for _, c := range []struct {
		f    store.Filter
		want int
	}{
		{store.Filter{}, 3},
		{store.Filter{Countries: []string{"IQ"}}, 2},
		{store.Filter{Places: []string{"الموصل"}}, 1},
		{store.Filter{From: "2015-08-01"}, 2},
		{store.Filter{Sources: []string{"nobody"}}, 0},
	} {
		n, err := s.CountEvents(ctx, c.f)
		if err != nil || n != c.want {
			t.Errorf("CountEvents(%+v) = %d, %v; want %d", c.f, n, err, c.want)
		}
	}
	for sort, want := range map[string][]string{
		"-date": {"t5", "t4", "t1"}, "date": {"t1", "t4", "t5"},
		"-fatalities": {"t1", "t5", "t4"}, "fatalities": {"t1", "t4", "t5"},
	} {
		evs, err := s.Events(ctx, store.Filter{}, store.Page{Sort: sort})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range evs {
			got = append(got, e.DocID)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("events by %s: %v, want %v (unknown fatalities last)", sort, got, want)
		}
	}
	if _, err := s.Events(ctx, store.Filter{}, store.Page{Sort: "colour"}); err == nil {
		t.Error("events by colour: no error")
	}
	ps, err := s.EventPlaces(ctx, store.Filter{}, store.Page{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][3]int{}
	for _, p := range ps {
		got[p.Place.Ref] = [3]int{p.Events, p.Fatalities, p.Documents}
	}
	if want := map[string][3]int{"place:99072": {1, 3, 1}, "place:98182": {1, 0, 1}, "place:108410": {1, 0, 1}}; !reflect.DeepEqual(got, want) {
		t.Errorf("EventPlaces: %v, want %v", got, want)
	}
	for _, p := range ps {
		if p.Place.Ref == "place:99072" && (p.Place.Name != "الموصل" || p.Place.Kind != "city" || p.Place.Country != "IQ" || p.Place.Lat != 36.335) {
			t.Errorf("EventPlaces: Mosul %+v", p.Place)
		}
	}
	ps, _ = s.EventPlaces(ctx, store.Filter{Countries: []string{"SA"}}, store.Page{})
	if len(ps) != 1 || ps[0].Place.Ref != "place:108410" {
		t.Errorf("EventPlaces in SA: %+v", ps)
	}
	ps, _ = s.EventPlaces(ctx, store.Filter{}, store.Page{Limit: 1, Offset: 1})
	if len(ps) != 1 {
		t.Errorf("EventPlaces page: %+v", ps)
	}
	as, err := s.EventActors(ctx, store.Filter{}, store.Page{})
	if err != nil {
		t.Fatal(err)
	}
	gotA := map[string][3]int{}
	for _, a := range as {
		gotA[a.Actor.Ref] = [3]int{a.Events, a.Fatalities, a.Documents}
	}
	// Actors and targets with a ref; the civilians of t4 have none.
	if want := map[string][3]int{"actor:islamic-state": {1, 3, 1}, "actor:iraq-police": {1, 3, 1}, "actor:sa-interior": {1, 0, 1}}; !reflect.DeepEqual(gotA, want) {
		t.Errorf("EventActors: %v, want %v", gotA, want)
	}
	for _, a := range as {
		if a.Actor.Ref == "actor:sa-interior" && (a.Actor.Kind != "government" || a.Actor.Country != "SA" || a.Actor.NameEn != "Saudi Ministry of Interior") {
			t.Errorf("EventActors: %+v", a.Actor)
		}
	}
}

func testPlaceAndActor(t *testing.T, open Opener) {
	s := Loaded(t, open)
	ctx := context.Background()
	p, err := s.Place(ctx, "place:99072")
	if err != nil {
		t.Fatal(err)
	}
	if p.Place.Name != "الموصل" || p.Place.NameEn != "Mosul" || p.Place.Kind != "city" || p.Documents != 2 || p.Place.Mentions != 2 || p.Events != 1 || p.Fatalities != 3 {
		t.Errorf("Place(Mosul) = %+v", p)
	}
	p, err = s.Place(ctx, "place:iq")
	if err != nil || p.Place.Kind != "country" || p.Documents != 1 || p.Events != 2 {
		t.Errorf("Place(Iraq) = %+v, %v (a country counts the events inside it)", p, err)
	}
	if _, err := s.Place(ctx, "place:0"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Place(unknown): %v", err)
	}
	a, err := s.Actor(ctx, "actor:sa-interior")
	if err != nil {
		t.Fatal(err)
	}
	if a.Actor.Name != "وزارة الداخلية السعودية" || a.Actor.Kind != "government" || a.Documents != 1 || a.Events != 1 {
		t.Errorf("Actor = %+v", a)
	}
	a, err = s.Actor(ctx, "actor:iraq-police")
	if err != nil || a.Events != 1 || a.Fatalities != 3 {
		t.Errorf("Actor(police) = %+v, %v (a target's events count)", a, err)
	}
	if _, err := s.Actor(ctx, "actor:nobody"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Actor(unknown): %v", err)
	}
}

func testTimeseries(t *testing.T, open Opener) {
	s := Loaded(t, open)
	ctx := context.Background()
	ts, err := s.Timeseries(ctx, store.Filter{}, store.SeriesOptions{Interval: "month", By: "type"})
	if err != nil {
		t.Fatal(err)
	}
	want := &store.Timeseries{Interval: "month", By: "type", Metric: "events", Series: []store.Series{
		{Key: "explosions_remote_violence", Total: 1, Points: []store.Point{{T: "2015-07-01", V: 0}, {T: "2015-08-01", V: 1}}},
		{Key: "strategic_developments", Total: 1, Points: []store.Point{{T: "2015-07-01", V: 0}, {T: "2015-08-01", V: 1}}},
		{Key: "battles", Total: 1, Points: []store.Point{{T: "2015-07-01", V: 1}, {T: "2015-08-01", V: 0}}},
	}}
	// Equal totals: by key.
	want.Series[0], want.Series[1], want.Series[2] = want.Series[2], want.Series[0], want.Series[1]
	if !reflect.DeepEqual(ts, want) {
		t.Errorf("monthly by type\n got %+v\nwant %+v", ts, want)
	}
	ts, err = s.Timeseries(ctx, store.Filter{}, store.SeriesOptions{Interval: "week", Metric: "fatalities"})
	if err != nil {
		t.Fatal(err)
	}
	// 2015-07-16 is a Thursday (week of 07-13); 08-05 a Wednesday and 08-06 a Thursday (week of 08-03).
	if len(ts.Series) != 1 || ts.Series[0].Key != "all" || ts.Series[0].Total != 3 || len(ts.Series[0].Points) != 4 ||
		ts.Series[0].Points[0] != (store.Point{T: "2015-07-13", V: 3}) || ts.Series[0].Points[3] != (store.Point{T: "2015-08-03", V: 0}) {
		t.Errorf("weekly fatalities: %+v", ts)
	}
	ts, err = s.Timeseries(ctx, store.Filter{Countries: []string{"IQ"}}, store.SeriesOptions{Interval: "day", By: "actor"})
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]string{}
	for _, sr := range ts.Series {
		keys[sr.Key] = sr.Label
		if len(sr.Points) != 21 { // 2015-07-16 … 2015-08-05
			t.Errorf("daily series %s has %d points", sr.Key, len(sr.Points))
		}
	}
	if keys["actor:islamic-state"] != "تنظيم داعش" || keys["actor:iraq-police"] == "" {
		t.Errorf("by actor: %v", keys)
	}
	ts, _ = s.Timeseries(ctx, store.Filter{}, store.SeriesOptions{By: "country", Limit: 1})
	if len(ts.Series) != 1 || ts.Series[0].Key != "IQ" || ts.Series[0].Total != 2 {
		t.Errorf("by country, limit 1: %+v", ts)
	}
	ts, _ = s.Timeseries(ctx, store.Filter{Sources: []string{"nobody"}}, store.SeriesOptions{})
	if ts == nil || ts.Series == nil || len(ts.Series) != 0 {
		t.Errorf("no events: %+v", ts)
	}
	for _, o := range []store.SeriesOptions{{Interval: "year"}, {By: "colour"}, {Metric: "injuries"}} {
		if _, err := s.Timeseries(ctx, store.Filter{}, o); err == nil {
			t.Errorf("Timeseries(%+v): no error", o)
		}
	}
}

func testDocuments(t *testing.T, open Opener) {
	s := Loaded(t, open)
	ctx := context.Background()
	all := func(f store.Filter, size int) ([]string, [][]int) {
		t.Helper()
		var ids []string
		var evs [][]int
		var after store.DocKey
		for {
			page, err := s.Documents(ctx, f, after, size)
			if err != nil {
				t.Fatal(err)
			}
			if len(page) == 0 {
				return ids, evs
			}
			for _, m := range page {
				ids = append(ids, m.Doc.ID)
				evs = append(evs, m.Events)
				if m.Analysis == nil || m.Analysis.ID != m.Doc.ID {
					t.Errorf("document %s without its analysis", m.Doc.ID)
				}
			}
			after = page[len(page)-1].Key
		}
	}
	ids, evs := all(store.Filter{}, 2)
	if want := []string{"t7", "t1", "t2", "t3", "t4", "t5", "t6"}; !reflect.DeepEqual(ids, want) {
		t.Errorf("Documents in export order: %v, want %v (undated first)", ids, want)
	}
	for _, e := range evs {
		if e != nil {
			t.Errorf("without event filters, no event indices: %v", evs)
			break
		}
	}
	ids, evs = all(store.Filter{Countries: []string{"IQ"}}, 1)
	if !reflect.DeepEqual(ids, []string{"t1", "t4"}) || !reflect.DeepEqual(evs, [][]int{{0}, {0}}) {
		t.Errorf("Documents in IQ: %v %v", ids, evs)
	}
	ids, _ = all(store.Filter{Sources: []string{"alriyadh"}}, 10)
	if !reflect.DeepEqual(ids, []string{"t1", "t4"}) {
		t.Errorf("Documents of alriyadh: %v", ids)
	}
}
