package api

import (
	"bytes"
	"context"
	"crypto/subtle"
	"errors"
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/marsad/marsad/analysis"
	"github.com/marsad/marsad/corpus"
	"github.com/marsad/marsad/ingest"
	"github.com/marsad/marsad/store"
)

// Page limits: the UI asks for up to 1000 events (the map) and 500 places.
const (
	maxSearch = 100
	maxEvents = 1000
	maxPlaces = 500
	maxOffset = 1_000_000
)

type (
	healthOut struct {
		Body struct {
			Status    string `json:"status" example:"ok"`
			Version   string `json:"version"`
			Backend   string `json:"backend"`
			Documents int    `json:"documents"`
			Events    int    `json:"events"`
			FirstDay  string `json:"first_day,omitempty"`
			LastDay   string `json:"last_day,omitempty"`
		}
	}
	searchIn struct {
		Q string `query:"q" maxLength:"1000" doc:"a query in marsad's language: words in any clitic form, \"phrases\", OR, -word, prefix*; empty lists every document that passes the filters, newest first"`
		Filters
		Sort   string `query:"sort" enum:"relevance,date" default:"relevance" doc:"relevance (by date without q) or date, newest first"`
		Limit  int    `query:"limit" minimum:"0" maximum:"100" default:"20" doc:"hits returned; 0 returns only total and facets"`
		Offset int    `query:"offset" minimum:"0" maximum:"1000000" default:"0"`
		Facets string `query:"facets" enum:"true,false" default:"true" doc:"count all hits by source, event type, country, actor and month"`
	}
	searchOut struct{ Body SearchResult }

	documentsIn struct {
		Filters
		Limit    int  `query:"limit" minimum:"0" maximum:"100" default:"20"`
		Offset   int  `query:"offset" minimum:"0" maximum:"1000000" default:"0"`
		Analysis bool `query:"analysis" default:"false" doc:"include each document's analysis"`
	}
	documentsOut struct {
		Body struct {
			Total     int               `json:"total"`
			Limit     int               `json:"limit"`
			Offset    int               `json:"offset"`
			Documents []DocumentSummary `json:"documents"`
		}
	}
	documentIn struct {
		ID string `path:"id" maxLength:"2000" doc:"the document's id, percent-encoded"`
	}
	documentOut struct{ Body DocumentResult }

	analyzeIn struct {
		Body struct {
			ID        string `json:"id,omitempty" maxLength:"2000"`
			Title     string `json:"title,omitempty"`
			Text      string `json:"text" minLength:"1" doc:"the article's text"`
			Published string `json:"published,omitempty" doc:"YYYY-MM-DD or RFC 3339: resolves relative dates"`
			Source    string `json:"source,omitempty"`
			URL       string `json:"url,omitempty"`
		}
	}
	analyzeOut struct{ Body *analysis.Analysis }

	eventsIn struct {
		Filters
		Sort   string `query:"sort" enum:"date,-date,fatalities,-fatalities" default:"-date"`
		Limit  int    `query:"limit" minimum:"0" maximum:"1000" default:"50"`
		Offset int    `query:"offset" minimum:"0" maximum:"1000000" default:"0"`
	}
	eventsOut struct {
		Body struct {
			Total  int        `json:"total"`
			Limit  int        `json:"limit"`
			Offset int        `json:"offset"`
			Events []EventRow `json:"events"`
		}
	}
	listIn struct {
		Filters
		Limit  int `query:"limit" minimum:"0" maximum:"500" default:"100"`
		Offset int `query:"offset" minimum:"0" maximum:"1000000" default:"0"`
	}
	placesOut struct {
		Body struct {
			Places []PlaceSummary `json:"places" doc:"places with a gazetteer ref where events passing the filters happened, most events first"`
		}
	}
	refIn struct {
		Ref string `path:"ref" maxLength:"2000" doc:"the ref, percent-encoded (place:99072, actor:islamic-state)"`
	}
	placeOut struct {
		Body struct {
			Place  PlaceSummary `json:"place"`
			Events []EventRow   `json:"events" doc:"the 20 latest events located there"`
		}
	}
	actorsOut struct {
		Body struct {
			Actors []ActorSummary `json:"actors" doc:"actors of events passing the filters, most events first"`
		}
	}
	actorOut struct {
		Body struct {
			Actor      ActorSummary      `json:"actor"`
			Timeseries *store.Timeseries `json:"timeseries" doc:"its events per month, by type"`
			Places     []PlaceSummary    `json:"places" doc:"where its events happened"`
			Events     []EventRow        `json:"events" doc:"its 20 latest events"`
		}
	}
	timeseriesIn struct {
		Filters
		Interval string `query:"interval" enum:"day,week,month" default:"month"`
		By       string `query:"by" enum:"type,actor,country,none" default:"type" doc:"one series per event type, actor or country, or one series (none)"`
		Metric   string `query:"metric" enum:"events,fatalities" default:"events"`
		Series   int    `query:"series" minimum:"1" maximum:"50" default:"12" doc:"keep this many series, the largest"`
	}
	timeseriesOut struct{ Body *store.Timeseries }

	ingestIn struct {
		Authorization string `header:"Authorization" doc:"Bearer TOKEN"`
		ContentType   string `header:"Content-Type"`
		RawBody       []byte `contentType:"application/json" doc:"a document (JSON object), an array of documents, or JSON Lines (application/x-ndjson); fields as in the analysis contract: id, title, text, published, source, url"`
	}
	ingestOut struct {
		Body struct {
			Summary corpus.Summary  `json:"summary"`
			Results []corpus.Result `json:"results"`
		}
	}
)

func (s *Server) register() {
	tags := func(t string) []string { return []string{t} }
	huma.Register(s.api, huma.Operation{
		OperationID: "health", Method: http.MethodGet, Path: "/health", Tags: tags("service"),
		Summary: "Health", Description: "ok when the store answers; with what it holds.",
	}, s.health)
	huma.Register(s.api, huma.Operation{
		OperationID: "search", Method: http.MethodGet, Path: "/search", Tags: tags("documents"),
		Summary: "Search documents", Description: "Full-text search with marsad's Arabic analyser (الموصل finds بالموصل, والموصل), filters and facets; snippets with code-point highlights.",
		Errors: []int{400},
	}, s.search)
	huma.Register(s.api, huma.Operation{
		OperationID: "list-documents", Method: http.MethodGet, Path: "/documents", Tags: tags("documents"),
		Summary: "List documents", Description: "Documents passing the filters, newest first.", Errors: []int{400},
	}, s.documents)
	huma.Register(s.api, huma.Operation{
		OperationID: "get-document", Method: http.MethodGet, Path: "/documents/{id}", Tags: tags("documents"),
		Summary: "Get a document and its analysis", Errors: []int{404},
		Metadata: map[string]any{"wildcard": "id"},
	}, s.document)
	huma.Register(s.api, huma.Operation{
		OperationID: "analyze", Method: http.MethodPost, Path: "/analyze", Tags: tags("analysis"),
		Summary: "Analyse a text", Description: "Runs the analysis pipeline on a posted article and returns its marsad.analysis/v1 object; nothing is stored.",
		MaxBodyBytes: s.cfg.MaxAnalyzeBytes, Errors: []int{400, 413},
	}, s.analyze)
	huma.Register(s.api, huma.Operation{
		OperationID: "list-events", Method: http.MethodGet, Path: "/events", Tags: tags("events"),
		Summary: "List events", Description: "Events of the stored documents; filters apply to each event's own date, location, actors and type.",
		Errors: []int{400},
	}, s.events)
	huma.Register(s.api, huma.Operation{
		OperationID: "list-places", Method: http.MethodGet, Path: "/places", Tags: tags("events"),
		Summary: "Places of events", Errors: []int{400},
	}, s.places)
	huma.Register(s.api, huma.Operation{
		OperationID: "get-place", Method: http.MethodGet, Path: "/places/{ref}", Tags: tags("events"),
		Summary: "A place and its latest events", Errors: []int{404},
		Metadata: map[string]any{"wildcard": "ref"},
	}, s.place)
	huma.Register(s.api, huma.Operation{
		OperationID: "list-actors", Method: http.MethodGet, Path: "/actors", Tags: tags("events"),
		Summary: "Actors of events", Errors: []int{400},
	}, s.actors)
	huma.Register(s.api, huma.Operation{
		OperationID: "get-actor", Method: http.MethodGet, Path: "/actors/{ref}", Tags: tags("events"),
		Summary: "An actor: figures, events over time, places, latest events", Errors: []int{404},
		Metadata: map[string]any{"wildcard": "ref"},
	}, s.actor)
	huma.Register(s.api, huma.Operation{
		OperationID: "timeseries", Method: http.MethodGet, Path: "/timeseries", Tags: tags("events"),
		Summary: "Events or fatalities over time", Description: "Per day, week (from Monday) or month, by event type, actor or country. Every series has a point for every bin from the first to the last (zeros included); t is the bin's first day.",
		Errors: []int{400},
	}, s.timeseries)
	huma.Register(s.api, huma.Operation{
		OperationID: "ingest", Method: http.MethodPost, Path: "/ingest", Tags: tags("documents"),
		Summary: "Ingest documents", Description: "Analyses and stores posted documents, as marsad ingest does; answers each document's outcome and a summary. Needs the server's bearer token.",
		MaxBodyBytes: s.cfg.MaxIngestBytes, Errors: []int{400, 401, 403, 413}, SkipValidateBody: true,
		Security: []map[string][]string{{"bearer": {}}},
	}, s.ingest)
	s.registerExport()
}

func (s *Server) health(ctx context.Context, _ *struct{}) (*healthOut, error) {
	st, err := s.storeStats(ctx)
	if err != nil {
		return nil, huma.Error503ServiceUnavailable("the store does not answer: " + err.Error())
	}
	out := &healthOut{}
	out.Body.Status, out.Body.Version, out.Body.Backend = "ok", s.cfg.Version, st.Backend
	out.Body.Documents, out.Body.Events, out.Body.FirstDay, out.Body.LastDay = st.Documents, st.Events, st.FirstDay, st.LastDay
	return out, nil
}

func (s *Server) search(ctx context.Context, in *searchIn) (*searchOut, error) {
	f, err := in.filter()
	if err != nil {
		return nil, err
	}
	order := in.Sort
	if order == "" {
		order = "relevance"
	}
	wantFacets := in.Facets != "false"
	key := facetKey(in.Q, f)
	now := time.Now()
	cached := s.facets.get(key, now)
	limit := in.Limit
	if limit == 0 {
		limit = 1 // Limit 0 is "all" to the store
	}
	res, err := s.cfg.Store.Search(ctx, store.Query{Text: in.Q, Filter: f, Limit: limit, Offset: in.Offset, Sort: order,
		Facets: wantFacets && cached == nil, NoSnippets: in.Limit == 0})
	if err != nil {
		return nil, storeErr(err, "")
	}
	if in.Limit == 0 {
		res.Hits = nil
	}
	if wantFacets {
		if cached != nil {
			res.Facets = cached
		} else {
			s.facets.put(key, res.Facets, now)
		}
	}
	out := &searchOut{Body: SearchResult{Total: res.Total, Limit: in.Limit, Offset: in.Offset, Hits: make([]Hit, 0, len(res.Hits))}}
	for _, h := range res.Hits {
		hl := h.Snippet.Highlights
		if hl == nil {
			hl = [][2]int{}
		}
		out.Body.Hits = append(out.Body.Hits, Hit{ID: h.ID, Title: analysis.Str(h.Title), Published: analysis.Str(h.Published),
			Source: analysis.Str(h.Source), URL: analysis.Str(h.URL), DuplicateOf: h.DuplicateOf, Score: h.Score,
			Snippet: analysis.Str(h.Snippet.Text), Highlights: hl})
	}
	if fc := res.Facets; fc != nil {
		months := counts(fc.Months)
		for i, j := 0, len(months)-1; i < j; i, j = i+1, j-1 {
			months[i], months[j] = months[j], months[i]
		}
		out.Body.Facets = &Facets{Source: counts(fc.Sources), EventType: counts(fc.EventTypes), Country: counts(fc.Countries),
			Actor: counts(fc.Actors), Month: months}
	}
	return out, nil
}

func (s *Server) documents(ctx context.Context, in *documentsIn) (*documentsOut, error) {
	f, err := in.filter()
	if err != nil {
		return nil, err
	}
	res, err := s.cfg.Store.Search(ctx, store.Query{Filter: f, Limit: max(in.Limit, 1), Offset: in.Offset, NoSnippets: true})
	if err != nil {
		return nil, storeErr(err, "")
	}
	out := &documentsOut{}
	out.Body.Total, out.Body.Limit, out.Body.Offset = res.Total, in.Limit, in.Offset
	out.Body.Documents = []DocumentSummary{}
	if in.Limit == 0 {
		return out, nil
	}
	for _, h := range res.Hits {
		d := DocumentSummary{ID: h.ID, Title: analysis.Str(h.Title), Published: analysis.Str(h.Published), Source: analysis.Str(h.Source),
			URL: analysis.Str(h.URL), DuplicateOf: h.DuplicateOf}
		if in.Analysis {
			st, err := s.cfg.Store.Get(ctx, h.ID)
			if err != nil {
				return nil, storeErr(err, "")
			}
			d.Analysis = st.Analysis
		}
		out.Body.Documents = append(out.Body.Documents, d)
	}
	return out, nil
}

func (s *Server) document(ctx context.Context, in *documentIn) (*documentOut, error) {
	st, err := s.cfg.Store.Get(ctx, in.ID)
	if err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return nil, huma.Error404NotFound("no document " + quote(in.ID))
		}
		return nil, storeErr(err, "")
	}
	d := st.Doc
	out := &documentOut{Body: DocumentResult{Analysis: st.Analysis, Document: Document{ID: d.ID, Title: analysis.Str(d.Title), Text: d.Text,
		Published: analysis.Str(d.Published), Source: analysis.Str(d.Source), URL: analysis.Str(d.URL), Lang: analysis.Str(d.Lang), Meta: d.Meta,
		DuplicateOf: st.DuplicateOf, Similarity: st.Similarity, IngestedAt: st.IngestedAt.UTC().Format(time.RFC3339)}}}
	return out, nil
}

func quote(s string) string {
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return `"` + s + `"`
}

func (s *Server) analyze(ctx context.Context, in *analyzeIn) (*analyzeOut, error) {
	if s.cfg.Pipeline == nil {
		return nil, huma.Error503ServiceUnavailable("no analysis pipeline")
	}
	if strings.TrimSpace(in.Body.Text) == "" {
		return nil, huma.NewError(http.StatusBadRequest, "text: the text is empty", &huma.ErrorDetail{Location: "body.text", Message: "empty"})
	}
	if in.Body.Published != "" {
		if _, err := analysis.ParseDate(in.Body.Published); err != nil {
			return nil, huma.NewError(http.StatusBadRequest, "published: "+err.Error(), &huma.ErrorDetail{Location: "body.published", Message: err.Error(), Value: in.Body.Published})
		}
	}
	id := in.Body.ID
	if id == "" {
		id = "analyze"
	}
	d := &analysis.Document{ID: id, Title: in.Body.Title, Text: in.Body.Text, Published: in.Body.Published, Source: in.Body.Source, URL: in.Body.URL}
	a, err := s.cfg.Pipeline.Analyze(ctx, d)
	if err != nil {
		if ctx.Err() != nil {
			return nil, storeErr(ctx.Err(), "")
		}
		return nil, huma.NewError(http.StatusBadRequest, "the text cannot be analysed: "+err.Error())
	}
	s.metrics.analyzed.Inc()
	return &analyzeOut{Body: a}, nil
}

func (s *Server) events(ctx context.Context, in *eventsIn) (*eventsOut, error) {
	f, err := in.filter()
	if err != nil {
		return nil, err
	}
	total, err := s.cfg.Store.CountEvents(ctx, f)
	if err != nil {
		return nil, storeErr(err, "")
	}
	out := &eventsOut{}
	out.Body.Total, out.Body.Limit, out.Body.Offset = total, in.Limit, in.Offset
	out.Body.Events = []EventRow{}
	if in.Limit > 0 && in.Offset < total {
		rows, err := s.cfg.Store.Events(ctx, f, store.Page{Limit: in.Limit, Offset: in.Offset, Sort: in.Sort})
		if err != nil {
			return nil, storeErr(err, "sort")
		}
		out.Body.Events = eventRows(rows)
	}
	return out, nil
}

func (s *Server) places(ctx context.Context, in *listIn) (*placesOut, error) {
	f, err := in.filter()
	if err != nil {
		return nil, err
	}
	out := &placesOut{}
	out.Body.Places = []PlaceSummary{}
	if in.Limit == 0 {
		return out, nil
	}
	ps, err := s.cfg.Store.EventPlaces(ctx, f, store.Page{Limit: in.Limit, Offset: in.Offset})
	if err != nil {
		return nil, storeErr(err, "")
	}
	for _, p := range ps {
		out.Body.Places = append(out.Body.Places, placeOf(p))
	}
	return out, nil
}

func (s *Server) place(ctx context.Context, in *refIn) (*placeOut, error) {
	pc, err := s.cfg.Store.Place(ctx, in.Ref)
	if err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return nil, huma.Error404NotFound("no place " + quote(in.Ref))
		}
		return nil, storeErr(err, "")
	}
	rows, err := s.cfg.Store.Events(ctx, store.Filter{Places: []string{in.Ref}}, store.Page{Limit: 20})
	if err != nil {
		return nil, storeErr(err, "")
	}
	out := &placeOut{}
	out.Body.Place, out.Body.Events = placeOf(*pc), eventRows(rows)
	return out, nil
}

func (s *Server) actors(ctx context.Context, in *listIn) (*actorsOut, error) {
	f, err := in.filter()
	if err != nil {
		return nil, err
	}
	out := &actorsOut{}
	out.Body.Actors = []ActorSummary{}
	if in.Limit == 0 {
		return out, nil
	}
	as, err := s.cfg.Store.EventActors(ctx, f, store.Page{Limit: in.Limit, Offset: in.Offset})
	if err != nil {
		return nil, storeErr(err, "")
	}
	for _, a := range as {
		out.Body.Actors = append(out.Body.Actors, actorOf(a))
	}
	return out, nil
}

func (s *Server) actor(ctx context.Context, in *refIn) (*actorOut, error) {
	ac, err := s.cfg.Store.Actor(ctx, in.Ref)
	if err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return nil, huma.Error404NotFound("no actor " + quote(in.Ref))
		}
		return nil, storeErr(err, "")
	}
	f := store.Filter{Actors: []string{in.Ref}}
	out := &actorOut{}
	out.Body.Actor = actorOf(*ac)
	if out.Body.Timeseries, err = s.cfg.Store.Timeseries(ctx, f, store.SeriesOptions{Interval: "month", By: "type"}); err != nil {
		return nil, storeErr(err, "")
	}
	ps, err := s.cfg.Store.EventPlaces(ctx, f, store.Page{Limit: 50})
	if err != nil {
		return nil, storeErr(err, "")
	}
	out.Body.Places = []PlaceSummary{}
	for _, p := range ps {
		out.Body.Places = append(out.Body.Places, placeOf(p))
	}
	rows, err := s.cfg.Store.Events(ctx, f, store.Page{Limit: 20})
	if err != nil {
		return nil, storeErr(err, "")
	}
	out.Body.Events = eventRows(rows)
	return out, nil
}

func (s *Server) timeseries(ctx context.Context, in *timeseriesIn) (*timeseriesOut, error) {
	f, err := in.filter()
	if err != nil {
		return nil, err
	}
	by := in.By
	if by == "none" {
		by = ""
	}
	ts, err := s.cfg.Store.Timeseries(ctx, f, store.SeriesOptions{Interval: in.Interval, By: by, Metric: in.Metric, Limit: in.Series})
	if err != nil {
		return nil, storeErr(err, "")
	}
	if in.By == "none" {
		ts.By = "none"
	}
	return &timeseriesOut{Body: ts}, nil
}

func (s *Server) ingest(ctx context.Context, in *ingestIn) (*ingestOut, error) {
	if s.cfg.Token == "" {
		return nil, huma.Error403Forbidden("ingest over the API is off: start marsad serve with --token TOKEN (or MARSAD_TOKEN=TOKEN) and send \"Authorization: Bearer TOKEN\"")
	}
	auth := strings.TrimSpace(in.Authorization)
	tok, ok := strings.CutPrefix(auth, "Bearer ")
	if !ok || subtle.ConstantTimeCompare([]byte(strings.TrimSpace(tok)), []byte(s.cfg.Token)) != 1 {
		msg := "missing bearer token: send \"Authorization: Bearer TOKEN\""
		if auth != "" {
			msg = "wrong bearer token"
		}
		return nil, huma.ErrorWithHeaders(huma.Error401Unauthorized(msg), http.Header{"WWW-Authenticate": {`Bearer realm="marsad"`}})
	}
	if s.ing == nil {
		return nil, huma.Error503ServiceUnavailable("no analysis pipeline")
	}
	body := bytes.TrimSpace(bytes.TrimPrefix(in.RawBody, []byte("\ufeff")))
	if len(body) == 0 {
		return nil, huma.NewError(http.StatusBadRequest, "the body is empty: post a document, an array of documents or JSON Lines")
	}
	name := "body.json"
	ct := strings.ToLower(in.ContentType)
	if strings.Contains(ct, "ndjson") || strings.Contains(ct, "jsonl") || strings.Contains(ct, "json-seq") ||
		(body[0] == '{' && bytes.Contains(body, []byte("}\n{"))) {
		name = "body.jsonl"
	} else if body[0] != '{' && body[0] != '[' {
		return nil, huma.NewError(http.StatusBadRequest, "the body is not JSON: post a document, an array of documents or JSON Lines")
	}
	out := &ingestOut{}
	out.Body.Results = []corpus.Result{}
	src := func(yield func(ingest.Item) bool) error {
		return ingest.ReadFrom(ctx, name, bytes.NewReader(body), nil, func(it ingest.Item) error {
			if !yield(it) {
				return context.Canceled
			}
			return nil
		})
	}
	sum, err := s.ing.Ingest(ctx, src, corpus.Options{Batch: 100, OnResult: func(r corpus.Result) {
		out.Body.Results = append(out.Body.Results, r)
		s.metrics.ingested.WithLabelValues(r.Outcome).Inc()
	}})
	if sum.Read == 0 && err != nil && !errors.Is(err, context.Canceled) {
		return nil, huma.NewError(http.StatusBadRequest, "the body cannot be read: "+err.Error())
	}
	if err != nil && ctx.Err() != nil {
		return nil, storeErr(ctx.Err(), "")
	}
	if err != nil {
		return nil, huma.Error500InternalServerError("ingest: " + err.Error())
	}
	if sum.Read > 0 && sum.Failed == sum.Read && len(out.Body.Results) > 0 && out.Body.Results[0].Where == name {
		// The body itself could not be read.
		return nil, huma.NewError(http.StatusBadRequest, "the body cannot be read: "+out.Body.Results[0].Error)
	}
	sort.Slice(out.Body.Results, func(i, j int) bool { return out.Body.Results[i].Index < out.Body.Results[j].Index })
	out.Body.Summary = sum
	s.facets.clear()
	s.statsMu.Lock()
	s.stats = nil
	s.statsMu.Unlock()
	return out, nil
}
