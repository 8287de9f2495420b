package ner

import (
	"sync"
)

// ModelInfo describes a model; it is stored in the model file.
type ModelInfo struct {
	Format         int      `json:"format"`
	Groups         []string `json:"groups"`
	Created        string   `json:"created,omitempty"`
	TrainData      string   `json:"train_data,omitempty"`
	TrainSentences int      `json:"train_sentences"`
	TrainTokens    int      `json:"train_tokens"`
	Epochs         int      `json:"epochs"`
	Seed           uint64   `json:"seed"`
	DevF1          float64  `json:"dev_f1,omitempty"`
	Features       int      `json:"features"`
	ClusterWords   int      `json:"cluster_words"`
	GazWords       int      `json:"gazetteer_words"`
	GazPhrases     int      `json:"gazetteer_phrases"`
	Notes          string   `json:"notes,omitempty"`
}

// Model is a trained tagger. It is safe for concurrent use.
type Model struct {
	Info   ModelInfo
	groups int
	lex    *lexicon
	wt     weights
	pool   sync.Pool // *scratch
}

type scratch struct {
	ws   []wordInfo
	keys []uint32
	offs []int32
	sc   []float32
	back []int8
	out  []int
}

func (m *Model) scratch() *scratch {
	if s, ok := m.pool.Get().(*scratch); ok {
		return s
	}
	return &scratch{}
}

// tagIDs tags one sentence of tokens, returning label ids in s.out.
func (m *Model) tagIDs(s *scratch, tokens []string) []int {
	s.ws = s.ws[:0]
	for _, t := range tokens {
		s.ws = append(s.ws, m.lex.analyze(t))
	}
	return m.tagInfos(s)
}

func (m *Model) tagInfos(s *scratch) []int {
	m.lex.markPhrases(s.ws)
	s.keys, s.offs = featurize(m.groups, s.ws, s.keys[:0], s.offs)
	n := len(s.ws)
	if cap(s.sc) < n*numLabels {
		s.sc = make([]float32, n*numLabels)
		s.back = make([]int8, n*numLabels)
	}
	s.sc, s.back = s.sc[:n*numLabels], s.back[:n*numLabels]
	m.wt.emissions(s.keys, s.offs, s.sc)
	s.out = m.wt.viterbi(s.sc, n, s.out, s.back)
	return s.out
}

// TagTokens returns a BIO tag for each token of one sentence (tokens as in
// a CoNLL file: whole words with their clitics).
func (m *Model) TagTokens(tokens []string) []string {
	s := m.scratch()
	ids := m.tagIDs(s, tokens)
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = labels[id]
	}
	m.pool.Put(s)
	return out
}
