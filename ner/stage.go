package ner

import (
	"context"

	"github.com/marsad/marsad/analysis"
)

// Stage fills an analysis's entities[] with the tagger's entities, in text
// order. It satisfies pipeline.Stage.
type Stage struct {
	m *Model
}

// NewStage returns the stage tagging with m, or with the embedded model
// when m is nil.
func NewStage(m *Model) (*Stage, error) {
	if m == nil {
		var err error
		if m, err = Default(); err != nil {
			return nil, err
		}
	}
	return &Stage{m: m}, nil
}

// Name is "ner".
func (*Stage) Name() string { return "ner" }

// Run adds the document's entities to st.Out.Entities.
func (s *Stage) Run(ctx context.Context, st *analysis.State) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	for _, e := range s.m.Tag(st.Text, st.Tokens, st.Sentences) {
		st.Out.Entities = append(st.Out.Entities, analysis.Entity{
			Type: e.Type, Text: e.Text, Start: e.Start, End: e.End, Norm: e.Norm, Score: e.Score,
		})
	}
	return nil
}
