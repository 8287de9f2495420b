package temporal

import (
	"context"
	"slices"

	"github.com/marsad/marsad/analysis"
)

// Stage fills an analysis's times[]: every date expression of the text,
// resolved to ISO 8601 against the published date, sorted by start. It
// satisfies pipeline.Stage.
type Stage struct {
	lx *Lexicon
}

// NewStage returns the temporal stage with the embedded lexicon.
func NewStage() (*Stage, error) {
	lx, err := Default()
	if err != nil {
		return nil, err
	}
	return &Stage{lx: lx}, nil
}

// Name is "temporal".
func (*Stage) Name() string { return "temporal" }

// Run adds the document's times to st.Out.Times.
func (s *Stage) Run(ctx context.Context, st *analysis.State) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	for _, f := range s.lx.Find(st.Tokens, st.Sentences, st.Published) {
		st.Out.Times = append(st.Out.Times, analysis.Time{
			Text:      st.Slice(f.Start, f.End),
			Start:     f.Start,
			End:       f.End,
			Value:     analysis.Str(f.Value),
			Precision: f.Precision,
		})
	}
	slices.SortStableFunc(st.Out.Times, func(a, b analysis.Time) int { return a.Start - b.Start })
	return nil
}
