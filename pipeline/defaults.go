package pipeline

import (
	"github.com/marsad/marsad/quantity"
	"github.com/marsad/marsad/temporal"
)

// defaultStages returns the stages a plain pipeline runs, in order, and
// the names the knowledge base wants protected from clitic cutting. Each
// stage package lands with one line here.
func defaultStages() ([]Stage, []string, error) {
	var stages []Stage
	var names []string
	tm, err := temporal.NewStage()
	if err != nil {
		return nil, nil, err
	}
	qt, err := quantity.NewStage()
	if err != nil {
		return nil, nil, err
	}
	// temporal before quantity: the numbers of dates are not quantities
	stages = append(stages, tm, qt)
	return stages, names, nil
}
