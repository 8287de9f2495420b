package export

import (
	"context"
	"io"
	"strings"

	"github.com/marsad/marsad/analysis"
	"github.com/marsad/marsad/store"
)

// StoreSource is an export.Source over a store: the documents f selects,
// in the store's export order (published day, then id), read a page at
// a time, so an export holds one page in memory whatever the corpus size
// and the same store exports the same bytes.
type StoreSource struct {
	st    store.Store
	f     store.Filter
	after store.DocKey
	page  []store.DocMatch
	done  bool
	// PageSize is the documents read per query (default 200).
	PageSize int
	// keep holds, when f restricts events, the indices of the events of
	// the analysis last returned that passed f.
	keep map[*analysis.Analysis][]int
}

// NewStoreSource returns a Source over the documents of st that f selects.
func NewStoreSource(st store.Store, f store.Filter) *StoreSource {
	return &StoreSource{st: st, f: f, PageSize: 200}
}

// Next implements Source.
func (s *StoreSource) Next(ctx context.Context) (*analysis.Analysis, error) {
	for len(s.page) == 0 {
		if s.done {
			return nil, io.EOF
		}
		page, err := s.st.Documents(ctx, s.f, s.after, s.PageSize)
		if err != nil {
			return nil, err
		}
		if len(page) < s.PageSize {
			s.done = true
		}
		if len(page) > 0 {
			s.after = page[len(page)-1].Key
		}
		s.page = page
		s.keep = nil
	}
	m := s.page[0]
	s.page = s.page[1:]
	a := m.Analysis
	if s.f.RestrictsEvents() {
		s.keep = map[*analysis.Analysis][]int{a: m.Events}
	}
	return a, nil
}

// Match is the store's own verdict on an event of the analysis Next
// returned last (places and actors by ref, name or region, as the events
// list filters them): Options.Filter.Event.
func (s *StoreSource) Match(a *analysis.Analysis, i int) bool {
	if s.keep == nil {
		return true
	}
	for _, k := range s.keep[a] {
		if k == i {
			return true
		}
	}
	return false
}

// StoreOptions makes the export options for a store filter: the
// exporters' own filter (dates by the event's period, countries, types)
// and the store's verdict on places and actors.
func StoreOptions(f store.Filter, src *StoreSource) (Options, error) {
	from, to, err := store.DayRange(f.From, f.To)
	if err != nil {
		return Options{}, err
	}
	ef, err := ParseFilter(from, to, strings.Join(f.Countries, ","), strings.Join(f.EventTypes, ","), 0)
	if err != nil {
		return Options{}, err
	}
	if f.RestrictsEvents() {
		ef.Event = src.Match
	}
	return Options{Filter: ef}, nil
}
