package ner

import (
	"fmt"
	"io"
	"math"
	"sort"

	"github.com/marsad/marsad/internal/metric"
)

// Span is an entity mention over token positions [Start, End) of one sentence.
type Span struct {
	Type       string
	Start, End int
}

// Spans reads the entity spans of a BIO tag sequence the way conlleval does:
// a span starts at B-X, or at I-X that does not continue a span of type X,
// and runs over the following I-X tags.
func Spans(tags []string) []Span {
	var out []Span
	open := -1
	typ := ""
	for i, t := range tags {
		p, ty := splitTag(t)
		cont := p == 'I' && ty == typ && open >= 0
		if open >= 0 && !cont {
			out = append(out, Span{Type: typ, Start: open, End: i})
			open, typ = -1, ""
		}
		if (p == 'B' || p == 'I') && !cont {
			open, typ = i, ty
		}
	}
	if open >= 0 {
		out = append(out, Span{Type: typ, Start: open, End: len(tags)})
	}
	return out
}

func splitTag(t string) (byte, string) {
	if len(t) < 3 || t[1] != '-' {
		return 'O', ""
	}
	return t[0], t[2:]
}

// Counts are the span counts of one type.
type Counts struct {
	Gold, Pred, Correct int
}

// TypeScore is precision, recall and F1 (percent) of one type.
type TypeScore struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	Gold      int     `json:"gold"`
	Predicted int     `json:"predicted"`
	Correct   int     `json:"correct"`
}

// Report is a conlleval-style evaluation: exact span and type, micro-averaged
// over all types, percentages.
type Report struct {
	Precision       float64              `json:"precision"`
	Recall          float64              `json:"recall"`
	F1              float64              `json:"f1"`
	PerType         map[string]TypeScore `json:"per_type"`
	Tokens          int                  `json:"tokens"`
	TokenAccuracy   float64              `json:"token_accuracy"`
	TokensPerSecond float64              `json:"tokens_per_second,omitempty"`
	// Confidence: how well the entities' scores predict which are right,
	// for a model with a score temperature (marsad eval ner fills it)
	Confidence *TemperatureFit `json:"confidence,omitempty"`
}

// Scorer accumulates counts over sentences.
type Scorer struct {
	byType        map[string]*Counts
	tokens, right int
}

// NewScorer returns an empty scorer.
func NewScorer() *Scorer { return &Scorer{byType: map[string]*Counts{}} }

func (s *Scorer) counts(t string) *Counts {
	c := s.byType[t]
	if c == nil {
		c = &Counts{}
		s.byType[t] = c
	}
	return c
}

// Add scores one sentence; gold and pred must have the same length.
func (s *Scorer) Add(gold, pred []string) {
	if len(gold) != len(pred) {
		panic(fmt.Sprintf("ner: Scorer.Add: %d gold tags, %d predicted", len(gold), len(pred)))
	}
	s.tokens += len(gold)
	for i := range gold {
		if gold[i] == pred[i] {
			s.right++
		}
	}
	g, p := Spans(gold), Spans(pred)
	set := make(map[Span]bool, len(g))
	for _, sp := range g {
		set[sp] = true
		s.counts(sp.Type).Gold++
	}
	for _, sp := range p {
		c := s.counts(sp.Type)
		c.Pred++
		if set[sp] {
			c.Correct++
		}
	}
}

// Report computes the scores so far.
func (s *Scorer) Report() Report {
	r := Report{PerType: map[string]TypeScore{}, Tokens: s.tokens}
	var tot Counts
	for t, c := range s.byType {
		r.PerType[t] = typeScore(*c)
		tot.Gold += c.Gold
		tot.Pred += c.Pred
		tot.Correct += c.Correct
	}
	ts := typeScore(tot)
	r.Precision, r.Recall, r.F1 = ts.Precision, ts.Recall, ts.F1
	if s.tokens > 0 {
		r.TokenAccuracy = round2(100 * float64(s.right) / float64(s.tokens))
	}
	return r
}

func typeScore(c Counts) TypeScore {
	ts := TypeScore{Gold: c.Gold, Predicted: c.Pred, Correct: c.Correct}
	ts.Precision = 100 * metric.Ratio(c.Correct, c.Pred)
	ts.Recall = 100 * metric.Ratio(c.Correct, c.Gold)
	ts.F1 = metric.F1(ts.Precision, ts.Recall)
	ts.Precision, ts.Recall, ts.F1 = round2(ts.Precision), round2(ts.Recall), round2(ts.F1)
	return ts
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }

// WriteText prints the report in conlleval's layout.
func (r Report) WriteText(w io.Writer) {
	var gold, pred int
	types := make([]string, 0, len(r.PerType))
	for t, ts := range r.PerType {
		types = append(types, t)
		gold += ts.Gold
		pred += ts.Predicted
	}
	sort.Strings(types)
	fmt.Fprintf(w, "processed %d tokens with %d phrases; found: %d phrases; correct: %d.\n",
		r.Tokens, gold, pred, correctSum(r))
	fmt.Fprintf(w, "accuracy: %6.2f%%; precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f\n",
		r.TokenAccuracy, r.Precision, r.Recall, r.F1)
	for _, t := range types {
		ts := r.PerType[t]
		fmt.Fprintf(w, "%17s: precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f  %d\n",
			t, ts.Precision, ts.Recall, ts.F1, ts.Predicted)
	}
	if r.TokensPerSecond > 0 {
		fmt.Fprintf(w, "speed: %.0f tokens/s\n", r.TokensPerSecond)
	}
	if c := r.Confidence; c != nil {
		fmt.Fprintf(w, "confidence (temperature %.3g): mean %.3f for %d entities of which %.1f%% right; calibration error %.3f, log loss %.3f\n",
			c.T, c.Mean, c.Entities, 100*float64(c.Correct)/float64(max(c.Entities, 1)), c.ECE, c.LogLoss)
	}
}

func correctSum(r Report) int {
	n := 0
	for _, ts := range r.PerType {
		n += ts.Correct
	}
	return n
}

// Score evaluates predicted tag sequences against gold ones.
func Score(gold []Sentence, pred [][]string) Report {
	s := NewScorer()
	for i := range gold {
		s.Add(gold[i].Tags, pred[i])
	}
	return s.Report()
}
