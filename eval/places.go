package eval

import (
	"github.com/marsad/marsad/analysis"
	"github.com/marsad/marsad/internal/metric"
)

// PlaceScore measures the entities marsad finds against the annotated
// place mentions (gold places[]: every country, province, town, village,
// named region and site, clitics included in the span; see gold/README.md).
type PlaceScore struct {
	Gold int // annotated place mentions
	LOC  int // LOC entities predicted
	// Found: gold places overlapped by a LOC entity (one to one); Exact: of
	// those, the same span; AnyType: gold places overlapped by an entity of
	// any type (one to one), so AnyType-Found were found with the wrong type.
	Found, Exact, AnyType int
}

// Add sums two scores.
func (s *PlaceScore) Add(o PlaceScore) {
	s.Gold += o.Gold
	s.LOC += o.LOC
	s.Found += o.Found
	s.Exact += o.Exact
	s.AnyType += o.AnyType
}

// Recall is Found / Gold.
func (s PlaceScore) Recall() float64 { return metric.Ratio(s.Found, s.Gold) }

// Precision is Found / LOC: the share of LOC entities that are annotated
// places. The annotation leaves out some names the ANERcorp convention
// tags LOC (the Gulf, Europe, rivers), so it is a lower bound.
func (s PlaceScore) Precision() float64 { return metric.Ratio(s.Found, s.LOC) }

// ScorePlaces scores a document's entities against its annotated places.
func ScorePlaces(gold []GoldPlace, pred []analysis.Entity) PlaceScore {
	gs, ps, loc := matchPlaces(gold, pred)
	s := PlaceScore{Gold: len(gold)}
	for _, p := range pred {
		if p.Type == "LOC" {
			s.LOC++
		}
	}
	for g, p := range loc {
		if p >= 0 {
			s.Found++
			if gs[g] == ps[p] {
				s.Exact++
			}
		}
	}
	for _, p := range match(gs, ps, func(int, int) bool { return true }) {
		if p >= 0 {
			s.AnyType++
		}
	}
	return s
}

// matchPlaces returns the spans of the places and entities, and pairs each
// place with the LOC entity that found it (-1 for none), one to one.
func matchPlaces(gold []GoldPlace, pred []analysis.Entity) (gs, ps []span, loc []int) {
	gs = make([]span, len(gold))
	for i, g := range gold {
		gs[i] = span{g.Start, g.End}
	}
	ps = make([]span, len(pred))
	for i, p := range pred {
		ps[i] = span{p.Start, p.End}
	}
	return gs, ps, match(gs, ps, func(_, p int) bool { return pred[p].Type == "LOC" })
}

// PlaceMisses lists, for error analysis, the annotated places no LOC entity
// found (with the type of the entity that overlaps each, or "" for none)
// and the LOC entities that overlap no annotated place.
type PlaceMisses struct {
	Gold     []int    // indices into the gold places
	GoldType []string // per missed gold place: the type it was found as, or ""
	Pred     []int    // indices into the entities: LOC entities that are no annotated place
}

// MissedPlaces pairs places and entities as ScorePlaces does and returns
// what stayed unpaired.
func MissedPlaces(gold []GoldPlace, pred []analysis.Entity) PlaceMisses {
	gs, ps, loc := matchPlaces(gold, pred)
	var m PlaceMisses
	used := make([]bool, len(pred))
	for g, p := range loc {
		if p >= 0 {
			used[p] = true
			continue
		}
		typ := ""
		for j := range pred {
			if overlap(gs[g], ps[j]) {
				typ = pred[j].Type
				break
			}
		}
		m.Gold = append(m.Gold, g)
		m.GoldType = append(m.GoldType, typ)
	}
	for j, p := range pred {
		if p.Type == "LOC" && !used[j] {
			m.Pred = append(m.Pred, j)
		}
	}
	return m
}
