package quantity

import (
	"context"

	"github.com/marsad/marsad/analysis"
)

// Stage fills an analysis's quantities[]: every number in digits or words
// with what it counts and, for people, the role the sentence gives them,
// sorted by start. Numbers inside the times[] an earlier stage wrote are
// left out (except counts of time units). It satisfies pipeline.Stage.
type Stage struct {
	lx *Lexicon
}

// NewStage returns the quantity stage with the embedded lexicon.
func NewStage() (*Stage, error) {
	lx, err := Default()
	if err != nil {
		return nil, err
	}
	return &Stage{lx: lx}, nil
}

// Name is "quantity".
func (*Stage) Name() string { return "quantity" }

// Run adds the document's quantities to st.Out.Quantities.
func (s *Stage) Run(ctx context.Context, st *analysis.State) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	var dates []Span
	for _, t := range st.Out.Times {
		dates = append(dates, Span{t.Start, t.End})
	}
	for _, f := range s.lx.Find(st.Tokens, st.Sentences, dates) {
		st.Out.Quantities = append(st.Out.Quantities, analysis.Quantity{
			Text:  st.Slice(f.Start, f.End),
			Start: f.Start,
			End:   f.End,
			Value: f.Value,
			Unit:  analysis.Str(f.Unit),
			Role:  f.Role,
		})
	}
	return nil
}
