package eval

import "github.com/marsad/marsad/analysis"

// ScoreTimes scores predicted times against gold ones: a match is an
// overlapping span with an equal ISO value.
func ScoreTimes(gold []GoldTime, pred []analysis.Time) Score {
	gs := make([]span, len(gold))
	for i, g := range gold {
		gs[i] = span{g.Start, g.End}
	}
	ps := make([]span, len(pred))
	for i, p := range pred {
		ps[i] = span{p.Start, p.End}
	}
	s := Score{Gold: len(gold), Pred: len(pred)}
	for _, p := range match(gs, ps, func(g, p int) bool { return gold[g].Value == string(pred[p].Value) }) {
		if p >= 0 {
			s.Matched++
		}
	}
	for g, p := range match(gs, ps, func(int, int) bool { return true }) {
		if p >= 0 {
			s.SpanMatched++
			if gold[g].Value == string(pred[p].Value) {
				s.ValueAgree++
			}
		}
	}
	return s
}
