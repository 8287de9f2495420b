// Package relevance scores whether a document reports armed conflict,
// terrorism, violent extremism, security operations or counter-terrorism
// policy, and tags its topics.
//
// The scorer is a weighted lexicon (data/lexicon.tsv, matched by search
// stems) rather than a trained classifier: marsad has no labelled training
// corpus it may ship a model of, and a lexicon an analyst can read and
// extend says why a document was judged relevant. The score is
//
//	raw   = Σ over distinct terms  weight × (1 + ln count)   (title counts ×1.5)
//	adj   = raw / sqrt(max(1, words/150))                    (long texts need more)
//	score = 1 − exp(−adj / 4)                                 (0–1; relevant when ≥ 0.5)
//
// and a topic is tagged when its own terms reach 2.5 in a relevant document.
// Its accuracy on the team's dev set is measured by `marsad eval events`.
package relevance

import (
	"context"
	_ "embed"
	"fmt"
	"math"
	"sort"
	"strconv"
	"sync"

	"github.com/marsad/marsad/analysis"
	"github.com/marsad/marsad/arabic"
	"github.com/marsad/marsad/internal/datafile"
	"github.com/marsad/marsad/internal/phrase"
)

//go:embed data/lexicon.tsv
var lexiconTSV string

// Threshold is the score from which a document is relevant.
const Threshold = 0.5

type term struct {
	weight float64
	topic  string
	id     int
}

// Scorer scores documents with a lexicon. Use New, or the Stage.
type Scorer struct {
	m     phrase.Matcher[term]
	terms int
}

// Parse reads a lexicon in the format of data/lexicon.tsv, stemming each
// phrase with seg. Errors name the line.
func Parse(src string, seg *arabic.Segmenter) (*Scorer, error) {
	s := &Scorer{}
	err := datafile.Fields(src, func(_ int, f []string) error {
		if len(f) != 3 {
			return fmt.Errorf("want 3 tab-separated fields (phrase, weight, topic), got %d", len(f))
		}
		w, err := strconv.ParseFloat(f[1], 64)
		if err != nil {
			return fmt.Errorf("weight %q: %v", f[1], err)
		}
		if !validTopic(f[2]) {
			return fmt.Errorf("unknown topic %q", f[2])
		}
		stems := phrase.Stems(seg, f[0])
		if len(stems) == 0 {
			return fmt.Errorf("empty phrase")
		}
		// a spelling variant is the same term: counted once
		s.m.AddSpellings(seg, f[0], stems, term{weight: w, topic: f[2], id: s.terms})
		s.terms++
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("lexicon %w", err)
	}
	return s, nil
}

func validTopic(t string) bool {
	switch t {
	case "terrorism", "armed_conflict", "violent_extremism", "security_operations",
		"counter_terrorism_policy", "political_violence", "protest", "-":
		return true
	}
	return false
}

var (
	defOnce sync.Once
	defVal  *Scorer
	defErr  error
)

// Default returns the scorer of the embedded lexicon.
func Default() (*Scorer, error) {
	defOnce.Do(func() { defVal, defErr = Parse(lexiconTSV, arabic.Default()) })
	return defVal, defErr
}

// A Group is a mention, at tokens [First, Last), of an armed group the
// knowledge base linked (Ref), in the sentence of tokens [SentFirst,
// SentLast): a group the lexicon does not list (القوات الديمقراطية
// المتحالفة, حركة إم 23) counts like those it does, where its sentence
// holds a word of violence too.
type Group struct {
	First, Last         int
	SentFirst, SentLast int
	Ref                 string
}

// groupWeight is what an armed group named in a sentence of violence adds,
// a little less than the lexicon's own names of groups (داعش 3, حركة الشباب
// 2.5).
const groupWeight = 1.5

// GroupKind reports whether actors of an ACLED kind (kb's actors.tsv) are
// armed groups whose mention counts: rebels. State forces, tribes and
// political militias are named in much else (a parade, a tribe's feast,
// Hamas's and Hezbollah's politics).
func GroupKind(kind string) bool { return kind == "rebel_group" }

// Score scores a document from the stems of its tokens; titleEnd is the
// number of leading tokens that belong to the title (0 when none) and
// words the number of word tokens. A group's mention counts once per
// group, and only where a lexicon phrase of positive weight stands in its
// sentence and does not overlap it (داعش is the lexicon's).
func (s *Scorer) Score(stems []string, titleEnd, words int, groups ...Group) analysis.Relevance {
	counts := map[int]float64{}
	byID := map[int]term{}
	matches := s.m.Find(stems)
	for _, m := range matches {
		c := 1.0
		if m.First < titleEnd {
			c = 1.5
		}
		counts[m.Value.id] += c
		byID[m.Value.id] = m.Value
	}
	raw := 0.0
	topics := map[string]float64{}
	seen := map[string]bool{}
	for _, g := range groups {
		violent, overlaps := false, false
		for _, m := range matches {
			overlaps = overlaps || m.First < g.Last && g.First < m.Last
			violent = violent || m.Value.weight > 0 && m.First >= g.SentFirst && m.First < g.SentLast
		}
		if seen[g.Ref] || overlaps || !violent {
			continue
		}
		seen[g.Ref] = true
		raw += groupWeight
		topics["armed_conflict"] += groupWeight
	}
	for id, c := range counts {
		t := byID[id]
		v := t.weight * (1 + math.Log(c))
		raw += v
		if t.topic != "-" && v > 0 {
			topics[t.topic] += v
		}
	}
	adj := raw / math.Sqrt(math.Max(1, float64(words)/150))
	score := 0.0
	if adj > 0 {
		score = 1 - math.Exp(-adj/4)
	}
	r := analysis.Relevance{Relevant: score >= Threshold, Score: math.Round(score*1000) / 1000, Topics: []string{}}
	if r.Relevant {
		for t, v := range topics {
			if v >= 2.5 {
				r.Topics = append(r.Topics, t)
			}
		}
		sort.Slice(r.Topics, func(i, j int) bool {
			if topics[r.Topics[i]] != topics[r.Topics[j]] {
				return topics[r.Topics[i]] > topics[r.Topics[j]]
			}
			return r.Topics[i] < r.Topics[j]
		})
	}
	return r
}

// Stage fills Analysis.Relevance.
type Stage struct{ s *Scorer }

// NewStage returns the relevance stage with a lexicon stemmed by seg (the
// pipeline's segmenter, so that names it protects match the same way).
func NewStage(seg *arabic.Segmenter) (*Stage, error) {
	if seg == nil {
		s, err := Default()
		return &Stage{s}, err
	}
	s, err := Parse(lexiconTSV, seg)
	return &Stage{s}, err
}

func (*Stage) Name() string { return "relevance" }

func (r *Stage) Run(_ context.Context, st *analysis.State) error {
	titleEnd := 0
	if st.Doc.Title != "" {
		n := len([]rune(st.Doc.Title))
		titleEnd = st.TokenAt(n)
	}
	words := 0
	for _, t := range st.Tokens {
		if t.Kind == arabic.Word || t.Kind == arabic.Latin {
			words++
		}
	}
	kinds := map[string]string{}
	for _, a := range st.Out.Actors {
		kinds[a.Ref] = a.Kind
	}
	var groups []Group
	for _, e := range st.Out.Entities {
		if !GroupKind(kinds[string(e.Ref)]) {
			continue
		}
		g := Group{First: st.TokenAt(e.Start), Last: st.TokenAt(e.End-1) + 1, Ref: string(e.Ref)}
		if i := st.SentenceOf(g.First); i >= 0 {
			g.SentFirst, g.SentLast = st.Sentences[i].First, st.Sentences[i].Last
		}
		groups = append(groups, g)
	}
	rel := r.s.Score(st.Stems(), titleEnd, words, groups...)
	st.Out.Relevance = &rel
	return nil
}
