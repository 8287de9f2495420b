package api

import (
	"context"
	"fmt"
	"io"

	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humago"

	"github.com/marsad/marsad/export"
	"github.com/marsad/marsad/store"
)

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
	src := export.NewStoreSource(s.cfg.Store, f)
	if s.cfg.ExportPageSize > 0 {
		src.PageSize = s.cfg.ExportPageSize
	}
	opts, err := export.StoreOptions(f, src)
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
