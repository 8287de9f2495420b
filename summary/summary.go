// Package summary picks the one to three sentences of an article that
// carry its news (an extractive summary), in text order.
//
// A sentence scores for its place in the article (news puts the news
// first), for being the evidence of an event marsad coded, and for holding
// what an analyst counts (casualty and arrest figures, places, dates). Very
// short fragments (datelines, captions) and the title's own words are left
// out. The best sentence is always taken; a second and third only when they
// score close to it and the summary stays short.
package summary

import (
	"context"
	"sort"
	"strings"

	"github.com/marsad/marsad/analysis"
	"github.com/marsad/marsad/arabic"
)

// MaxSentences is the most sentences a summary has.
const MaxSentences = 3

// maxWords caps the words of a summary beyond its first sentence.
const maxWords = 70

// Stage fills Analysis.Summary. It runs after the stages whose output it
// weighs (quantities, places, times, events) when those are present.
type Stage struct{}

func (Stage) Name() string { return "summary" }

type cand struct {
	i     int
	score float64
	words int
}

func (Stage) Run(_ context.Context, st *analysis.State) error {
	st.Out.Summary = Pick(st)
	return nil
}

// Pick returns the summary sentences of a document under analysis.
func Pick(st *analysis.State) []string {
	titleEnd := 0
	if st.Doc.Title != "" {
		titleEnd = len([]rune(st.Doc.Title))
	}
	titleKey := arabic.Key(st.Doc.Title)
	var cands []cand
	body := 0
	for i, s := range st.Sentences {
		if s.End <= titleEnd {
			continue
		}
		words := 0
		for _, t := range st.Tokens[s.First:s.Last] {
			if t.Kind == arabic.Word || t.Kind == arabic.Latin || t.Kind == arabic.Number {
				words++
			}
		}
		body++
		if words < 5 {
			continue // a dateline, a byline, a caption
		}
		if titleKey != "" && abs(s.End-s.Start-titleEnd) < 8 && arabic.Key(st.Slice(s.Start, s.End)) == titleKey {
			continue // the title repeated in the body
		}
		score := positionScore(body)
		score += contentScore(st, s)
		if words > 80 {
			score -= float64(words-80) / 40
		}
		cands = append(cands, cand{i: i, score: score, words: words})
	}
	if len(cands) == 0 {
		return []string{}
	}
	sort.SliceStable(cands, func(a, b int) bool { return cands[a].score > cands[b].score })
	best := cands[0]
	chosen := []cand{best}
	total := best.words
	for _, c := range cands[1:] {
		if len(chosen) == MaxSentences {
			break
		}
		if c.score < 0.6*best.score || total+c.words > maxWords+best.words {
			continue
		}
		chosen = append(chosen, c)
		total += c.words
	}
	sort.Slice(chosen, func(a, b int) bool { return chosen[a].i < chosen[b].i })
	out := make([]string, 0, len(chosen))
	for _, c := range chosen {
		s := st.Sentences[c.i]
		out = append(out, strings.TrimSpace(st.Slice(s.Start, s.End)))
	}
	return out
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// positionScore favours the first sentences of the body.
func positionScore(n int) float64 {
	switch n {
	case 1:
		return 3
	case 2:
		return 2
	case 3:
		return 1.2
	}
	return 0.8 / float64(n-2)
}

// contentScore weighs what the stages found in a sentence.
func contentScore(st *analysis.State, s arabic.Sentence) float64 {
	in := func(start, end int) bool { return start >= s.Start && end <= s.End }
	score := 0.0
	for _, e := range st.Out.Events {
		if e.Evidence.End > s.Start && e.Evidence.Start < s.End {
			score += 3 * (0.5 + e.Confidence/2)
			break
		}
	}
	for _, q := range st.Out.Quantities {
		if in(q.Start, q.End) {
			switch q.Role {
			case "fatalities", "injuries", "arrests", "abductions":
				score += 1.5
			}
		}
	}
	places, times := 0, 0
	for _, e := range st.Out.Entities {
		if e.Type == "LOC" && in(e.Start, e.End) {
			places++
		}
	}
	for _, t := range st.Out.Times {
		if in(t.Start, t.End) {
			times++
		}
	}
	score += 0.5*float64(min(places, 2)) + 0.5*float64(min(times, 1))
	return score
}
