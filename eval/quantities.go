package eval

import (
	"github.com/marsad/marsad/analysis"
	"github.com/marsad/marsad/internal/metric"
)

// QuantityScore adds to Score how often the matched quantities have the
// gold unit and role.
type QuantityScore struct {
	Score
	UnitAgree, RoleAgree int // among Matched
}

// Add sums two scores.
func (q *QuantityScore) Add(o QuantityScore) {
	q.Score.Add(o.Score)
	q.UnitAgree += o.UnitAgree
	q.RoleAgree += o.RoleAgree
}

// UnitAccuracy is UnitAgree / Matched.
func (q QuantityScore) UnitAccuracy() float64 { return metric.Ratio(q.UnitAgree, q.Matched) }

// RoleAccuracy is RoleAgree / Matched (a gold quantity without a role
// agrees with a prediction without one).
func (q QuantityScore) RoleAccuracy() float64 { return metric.Ratio(q.RoleAgree, q.Matched) }

// ScoreQuantities scores predicted quantities against gold ones: a match
// is an overlapping span with an equal value.
func ScoreQuantities(gold []GoldQuantity, pred []analysis.Quantity) QuantityScore {
	gs := make([]span, len(gold))
	for i, g := range gold {
		gs[i] = span{g.Start, g.End}
	}
	ps := make([]span, len(pred))
	for i, p := range pred {
		ps[i] = span{p.Start, p.End}
	}
	q := QuantityScore{Score: Score{Gold: len(gold), Pred: len(pred)}}
	for g, p := range match(gs, ps, func(g, p int) bool { return sameNumber(gold[g].Value, pred[p].Value) }) {
		if p < 0 {
			continue
		}
		q.Matched++
		if gold[g].Unit == string(pred[p].Unit) {
			q.UnitAgree++
		}
		if gold[g].Role == pred[p].Role {
			q.RoleAgree++
		}
	}
	for g, p := range match(gs, ps, func(int, int) bool { return true }) {
		if p >= 0 {
			q.SpanMatched++
			if sameNumber(gold[g].Value, pred[p].Value) {
				q.ValueAgree++
			}
		}
	}
	return q
}
