package export

import (
	"bufio"
	"encoding/json"

	"github.com/marsad/marsad/analysis"
)

// jsonlWriter writes the analyses themselves, one per line, as marsad
// analyze does. With a filter, an analysis is written (whole, every event
// kept) when at least one of its events passes; without, every analysis
// is, with or without events.
type jsonlWriter struct {
	enc  *json.Encoder
	opts *Options
	st   *Stats
}

func newJSONL(bw *bufio.Writer, opts *Options, st *Stats) *jsonlWriter {
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	return &jsonlWriter{enc: enc, opts: opts, st: st}
}

func (x *jsonlWriter) begin() error { return nil }

func (x *jsonlWriter) analysis(a *analysis.Analysis, evs []int) error {
	if len(evs) == 0 && x.opts.Filter.Active() {
		return nil
	}
	x.st.Exported++
	x.st.Events += len(evs)
	return x.enc.Encode(withLists(a))
}

// withLists returns a, or a shallow copy of it whose null lists are empty
// lists: the contract writes absent knowledge as [], and an analysis read
// from an older or hand-written line may lack a list.
func withLists(a *analysis.Analysis) *analysis.Analysis {
	if a.Entities != nil && a.Places != nil && a.Actors != nil && a.Times != nil &&
		a.Quantities != nil && a.Events != nil && a.Summary != nil {
		return a
	}
	c := *a
	if c.Entities == nil {
		c.Entities = []analysis.Entity{}
	}
	if c.Places == nil {
		c.Places = []analysis.Place{}
	}
	if c.Actors == nil {
		c.Actors = []analysis.Actor{}
	}
	if c.Times == nil {
		c.Times = []analysis.Time{}
	}
	if c.Quantities == nil {
		c.Quantities = []analysis.Quantity{}
	}
	if c.Events == nil {
		c.Events = []analysis.Event{}
	}
	if c.Summary == nil {
		c.Summary = []string{}
	}
	return &c
}

func (x *jsonlWriter) end() error { return nil }
