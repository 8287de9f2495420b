package pipeline

import (
	"github.com/marsad/marsad/arabic"
	"github.com/marsad/marsad/event"
	"github.com/marsad/marsad/kb"
	"github.com/marsad/marsad/ner"
	"github.com/marsad/marsad/quantity"
	"github.com/marsad/marsad/relevance"
	"github.com/marsad/marsad/summary"
	"github.com/marsad/marsad/temporal"
)

// defaultStages returns the stages a plain pipeline runs, in order. Each
// stage package lands with a line here; seg is the pipeline's segmenter.
func defaultStages(seg *arabic.Segmenter) ([]Stage, error) {
	// the knowledge base: embedded, or the directory in $MARSAD_KB
	k, err := kb.Open("")
	if err != nil {
		return nil, err
	}
	// the NER model: embedded, or the file in $MARSAD_NER_MODEL
	nr, err := ner.NewStage(nil)
	if err != nil {
		return nil, err
	}
	tm, err := temporal.NewStage()
	if err != nil {
		return nil, err
	}
	qt, err := quantity.NewStage()
	if err != nil {
		return nil, err
	}
	rel, err := relevance.NewStage(seg)
	if err != nil {
		return nil, err
	}
	ev, err := event.NewStage(seg)
	if err != nil {
		return nil, err
	}
	return []Stage{
		nr,             // entities[] first: the others read them
		kb.NewStage(k), // places[], actors[] and the refs of entities
		tm, qt,         // temporal before quantity: the numbers of dates are not quantities
		rel,
		ev,              // after every layer it links
		summary.Stage{}, // last: it weighs what the others found
	}, nil
}
