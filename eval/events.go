package eval

import (
	"github.com/marsad/marsad/analysis"
	"github.com/marsad/marsad/internal/metric"
	"github.com/marsad/marsad/kb"
)

// MaxPlaceKm is how far a predicted event location may be from the gold
// one and still count as the same place (a town named at its centre, or a
// neighbourhood of it).
const MaxPlaceKm = 25

// EventScore counts events matched one to one, at three strictnesses:
// the type alone; type and place; type, place and date (the figure the
// issue asks for). Among the strict matches it counts exact fatality and
// injury figures (null matching null).
type EventScore struct {
	Gold, Pred int
	Type       int // matched on type
	TypePlace  int // type + place
	Full       int // type + place + date
	SubType    int // full matches with the same sub-type
	Fatalities int // full matches with equal fatalities
	Injuries   int // full matches with equal injuries
}

// Add accumulates another document's score.
func (s *EventScore) Add(o EventScore) {
	s.Gold += o.Gold
	s.Pred += o.Pred
	s.Type += o.Type
	s.TypePlace += o.TypePlace
	s.Full += o.Full
	s.SubType += o.SubType
	s.Fatalities += o.Fatalities
	s.Injuries += o.Injuries
}

// Precision and Recall of the strict (type + place + date) matches.
func (s EventScore) Precision() float64 { return metric.Ratio(s.Full, s.Pred) }
func (s EventScore) Recall() float64    { return metric.Ratio(s.Full, s.Gold) }

// F1 of the strict matches.
func (s EventScore) F1() float64 { return metric.F1(s.Precision(), s.Recall()) }

// ScoreEvents matches one document's predicted events against its gold
// events, one to one, each gold event taking the best free prediction.
func ScoreEvents(gold []GoldEvent, pred []analysis.Event) EventScore {
	s, _, _ := scoreEvents(gold, pred)
	return s
}

// EventMisses are the events of one document that did not match: the gold
// events no prediction matched on type, place and date, and the predicted
// events no gold event matched, by index.
type EventMisses struct {
	Gold []int
	Pred []int
}

// MissedEvents matches as ScoreEvents does and returns what stayed unmatched.
func MissedEvents(gold []GoldEvent, pred []analysis.Event) EventMisses {
	_, gm, pm := scoreEvents(gold, pred)
	var m EventMisses
	for i, ok := range gm {
		if !ok {
			m.Gold = append(m.Gold, i)
		}
	}
	for j, ok := range pm {
		if !ok {
			m.Pred = append(m.Pred, j)
		}
	}
	return m
}

// scoreEvents scores one document and says which gold and which predicted
// events were matched on type, place and date.
func scoreEvents(gold []GoldEvent, pred []analysis.Event) (EventScore, []bool, []bool) {
	s := EventScore{Gold: len(gold), Pred: len(pred)}
	matched := make([]bool, len(gold))
	s.Type = matchEvents(gold, pred, func(g *GoldEvent, p *analysis.Event) bool { return g.Type == p.Type })
	s.TypePlace = matchEvents(gold, pred, func(g *GoldEvent, p *analysis.Event) bool {
		return g.Type == p.Type && samePlace(g.Location, p.Location)
	})
	used := make([]bool, len(pred))
	for i := range gold {
		g := &gold[i]
		for j := range pred {
			p := &pred[j]
			if used[j] || g.Type != p.Type || !samePlace(g.Location, p.Location) || !sameDate(g, p) {
				continue
			}
			used[j] = true
			matched[i] = true
			s.Full++
			if g.SubType == string(p.SubType) {
				s.SubType++
			}
			if sameCount(g.Fatalities, p.Fatalities) {
				s.Fatalities++
			}
			if sameCount(g.Injuries, p.Injuries) {
				s.Injuries++
			}
			break
		}
	}
	return s, matched, used
}

func matchEvents(gold []GoldEvent, pred []analysis.Event, ok func(*GoldEvent, *analysis.Event) bool) int {
	used := make([]bool, len(pred))
	n := 0
	for i := range gold {
		for j := range pred {
			if !used[j] && ok(&gold[i], &pred[j]) {
				used[j] = true
				n++
				break
			}
		}
	}
	return n
}

// samePlace: both unknown, or within MaxPlaceKm of each other.
func samePlace(g *GoldLocation, p *analysis.EventPlace) bool {
	if g == nil || p == nil {
		return g == nil && p == nil
	}
	return kb.Haversine(g.Lat, g.Lon, p.Lat, p.Lon) <= MaxPlaceKm
}

// sameDate compares ISO dates; a gold date given to the day matches a
// prediction of that day.
func sameDate(g *GoldEvent, p *analysis.Event) bool {
	return g.Date == string(p.Date)
}

func sameCount(g, p *int) bool {
	if g == nil || p == nil {
		return g == nil && p == nil
	}
	return *g == *p
}

// RelevanceScore counts relevance decisions against the gold.
type RelevanceScore struct {
	TP, FP, FN, TN int
}

// Add scores one document.
func (r *RelevanceScore) Add(gold bool, pred *analysis.Relevance) {
	got := pred != nil && pred.Relevant
	switch {
	case got && gold:
		r.TP++
	case got && !gold:
		r.FP++
	case !got && gold:
		r.FN++
	default:
		r.TN++
	}
}

func (r RelevanceScore) Accuracy() float64  { return metric.Ratio(r.TP+r.TN, r.TP+r.FP+r.FN+r.TN) }
func (r RelevanceScore) Precision() float64 { return metric.Ratio(r.TP, r.TP+r.FP) }
func (r RelevanceScore) Recall() float64    { return metric.Ratio(r.TP, r.TP+r.FN) }
