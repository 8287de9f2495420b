package ner

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

func TestSpans(t *testing.T) {
	for _, c := range []struct {
		tags string
		want []Span
	}{
		{"O O", nil},
		{"B-PER I-PER O B-LOC", []Span{{"PER", 0, 2}, {"LOC", 3, 4}}},
		{"B-PER B-PER", []Span{{"PER", 0, 1}, {"PER", 1, 2}}},
		// conlleval: I- without a matching opening starts a span
		{"O I-ORG I-ORG", []Span{{"ORG", 1, 3}}},
		{"B-PER I-LOC", []Span{{"PER", 0, 1}, {"LOC", 1, 2}}},
		{"I-MISC", []Span{{"MISC", 0, 1}}},
	} {
		if got := Spans(strings.Fields(c.tags)); !reflect.DeepEqual(got, c.want) {
			t.Errorf("Spans(%s) = %v, want %v", c.tags, got, c.want)
		}
	}
}

func TestScorer(t *testing.T) {
	gold := []Sentence{
		{Tags: strings.Fields("B-PER I-PER O B-LOC O B-ORG I-ORG")},
		{Tags: strings.Fields("B-MISC O B-LOC")},
	}
	pred := [][]string{
		strings.Fields("B-PER I-PER O B-LOC O B-ORG O"), // ORG span too short
		strings.Fields("B-MISC O B-PER"),                // wrong type
	}
	for i := range gold {
		gold[i].Tokens = make([]string, len(gold[i].Tags))
	}
	r := Score(gold, pred)
	// gold 5 spans, predicted 5, correct 3
	if r.Precision != 60 || r.Recall != 60 || r.F1 != 60 {
		t.Errorf("micro P/R/F = %v/%v/%v, want 60/60/60", r.Precision, r.Recall, r.F1)
	}
	want := map[string]TypeScore{
		"PER":  {Precision: 50, Recall: 100, F1: 66.67, Gold: 1, Predicted: 2, Correct: 1},
		"LOC":  {Precision: 100, Recall: 50, F1: 66.67, Gold: 2, Predicted: 1, Correct: 1},
		"ORG":  {Precision: 0, Recall: 0, F1: 0, Gold: 1, Predicted: 1, Correct: 0},
		"MISC": {Precision: 100, Recall: 100, F1: 100, Gold: 1, Predicted: 1, Correct: 1},
	}
	if !reflect.DeepEqual(r.PerType, want) {
		t.Errorf("per type = %+v\nwant %+v", r.PerType, want)
	}
	if r.Tokens != 10 || r.TokenAccuracy != 80 {
		t.Errorf("tokens %d accuracy %v", r.Tokens, r.TokenAccuracy)
	}
	var buf bytes.Buffer
	r.WriteText(&buf)
	if !strings.Contains(buf.String(), "precision:  60.00%; recall:  60.00%; FB1:  60.00") {
		t.Errorf("text report:\n%s", buf.String())
	}
}
