package api

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humago"

	"github.com/marsad/marsad/analysis"
	"github.com/marsad/marsad/export"
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

// Next implements export.Source.
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
// list filters them): export.Options.Filter.Event.
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

// ExportOptions makes the export options for a store filter: the
// exporters' own filter (dates by the event's period, countries, types)
// and the store's verdict on places and actors.
func ExportOptions(f store.Filter, src *StoreSource) (export.Options, error) {
	from, to, err := store.DayRange(f.From, f.To)
	if err != nil {
		return export.Options{}, err
	}
	join := func(v []string) string {
		out := ""
		for i, s := range v {
			if i > 0 {
				out += ","
			}
			out += s
		}
		return out
	}
	ef, err := export.ParseFilter(from, to, join(f.Countries), join(f.EventTypes), 0)
	if err != nil {
		return export.Options{}, err
	}
	if f.RestrictsEvents() {
		ef.Event = src.Match
	}
	return export.Options{Filter: ef}, nil
}

type exportIn struct {
	Format string `query:"format" required:"true" enum:"acled-csv,geojson,jsonl,stix" doc:"acled-csv, geojson, jsonl (the analyses) or stix (a STIX 2.1 bundle)"`
	Filters
}

func (s *Server) registerExport() {
	content := map[string]*huma.MediaType{}
	for _, f := range export.Formats() {
		content[f.ContentType] = &huma.MediaType{Schema: &huma.Schema{Type: "string", Description: f.About}}
	}
	huma.Register(s.api, huma.Operation{
		OperationID: "export", Method: http.MethodGet, Path: "/export", Tags: []string{"events"},
		Summary:     "Export events",
		Description: "Streams the events passing the filters (search's filters) as ACLED CSV, GeoJSON, JSON Lines or STIX 2.1, in a fixed order (published day, then id): the same store exports the same bytes. An error after the first bytes cuts the connection, so a broken export never looks whole.",
		Responses:   map[string]*huma.Response{"200": {Description: "the export, as an attachment", Content: content}},
		Errors:      []int{400},
	}, s.export)
}

func (s *Server) export(ctx context.Context, in *exportIn) (*huma.StreamResponse, error) {
	f, err := in.filter()
	if err != nil {
		return nil, err
	}
	if _, ok := export.Lookup(in.Format); !ok {
		return nil, badParam("format", "want one of "+export.Names(), in.Format)
	}
	src := NewStoreSource(s.cfg.Store, f)
	if s.cfg.ExportPageSize > 0 {
		src.PageSize = s.cfg.ExportPageSize
	}
	opts, err := ExportOptions(f, src)
	if err != nil {
		return nil, badParam("type", err.Error(), in.Type)
	}
	// Check the filters with the store before the first byte: a refused
	// filter is still a problem, not a cut stream.
	if _, err := s.cfg.Store.Documents(ctx, f, store.DocKey{}, 1); err != nil {
		return nil, storeErr(err, "")
	}
	format := in.Format
	return &huma.StreamResponse{Body: func(hctx huma.Context) {
		r, w := humago.Unwrap(hctx)
		h := w.Header()
		h.Set("Content-Type", export.ContentType(format))
		h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="marsad-events%s"`, export.Extension(format)))
		h.Set("Cache-Control", "no-store")
		rc := http.NewResponseController(w)
		cw := &deadlineWriter{w: w, rc: rc}
		cw.extend()
		st, err := export.Write(r.Context(), format, src, cw, opts)
		s.metrics.exported.WithLabelValues(format).Add(float64(st.Events))
		if err != nil {
			s.cfg.Logger.Warn("export cut", "format", format, "err", err, "events", st.Events)
			if !cw.wrote {
				writeProblem(w, http.StatusInternalServerError, "export: "+err.Error())
				return
			}
			panic(http.ErrAbortHandler) // cut the connection: the client sees a broken transfer, not a short file
		}
	}}, nil
}

// deadlineWriter pushes the connection's write deadline forward as an
// export streams, so a long export is bounded by the client's reading,
// not the server's WriteTimeout.
type deadlineWriter struct {
	w     io.Writer
	rc    *http.ResponseController
	wrote bool
	at    time.Time
}

func (d *deadlineWriter) extend() {
	d.at = time.Now()
	_ = d.rc.SetWriteDeadline(d.at.Add(time.Minute))
}

func (d *deadlineWriter) Write(p []byte) (int, error) {
	if time.Since(d.at) > 10*time.Second {
		d.extend()
	}
	d.wrote = true
	return d.w.Write(p)
}
