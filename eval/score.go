package eval

import (
	"fmt"
	"math"

	"github.com/marsad/marsad/internal/metric"
)

// Score counts one layer's matches over a set of documents.
type Score struct {
	Gold, Pred int
	// Matched: span overlap and equal value (one to one).
	Matched int
	// SpanMatched: span overlap alone (one to one); ValueAgree: of those,
	// how many have equal values.
	SpanMatched, ValueAgree int
}

// Add sums two scores.
func (s *Score) Add(o Score) {
	s.Gold += o.Gold
	s.Pred += o.Pred
	s.Matched += o.Matched
	s.SpanMatched += o.SpanMatched
	s.ValueAgree += o.ValueAgree
}

// Recall is Matched / Gold.
func (s Score) Recall() float64 { return metric.Ratio(s.Matched, s.Gold) }

// Precision is Matched / Pred.
func (s Score) Precision() float64 { return metric.Ratio(s.Matched, s.Pred) }

// F1 is the harmonic mean of precision and recall.
func (s Score) F1() float64 { return metric.F1(s.Precision(), s.Recall()) }

// ValueAccuracy is ValueAgree / SpanMatched.
func (s Score) ValueAccuracy() float64 { return metric.Ratio(s.ValueAgree, s.SpanMatched) }

func (s Score) String() string {
	return fmt.Sprintf("recall %.3f (%d/%d), precision %.3f (%d/%d), F1 %.3f, value accuracy %.3f (%d/%d span matches)",
		s.Recall(), s.Matched, s.Gold, s.Precision(), s.Matched, s.Pred, s.F1(), s.ValueAccuracy(), s.ValueAgree, s.SpanMatched)
}

type span struct{ start, end int }

func overlap(a, b span) bool { return a.start < b.end && b.start < a.end }

// match pairs gold and predicted items one to one, gold in order, each
// taking the first free prediction that overlaps it and passes ok. It
// returns, per gold item, the index of its prediction or -1.
func match(gold, pred []span, ok func(g, p int) bool) []int {
	used := make([]bool, len(pred))
	out := make([]int, len(gold))
	for g := range gold {
		out[g] = -1
		for p := range pred {
			if !used[p] && overlap(gold[g], pred[p]) && ok(g, p) {
				used[p], out[g] = true, p
				break
			}
		}
	}
	return out
}

// sameNumber compares quantities' values with a relative tolerance.
func sameNumber(a, b float64) bool {
	return math.Abs(a-b) <= 1e-9*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}
