package api

import (
	"context"
	"errors"
	"net/http"
	"regexp"
	"strings"

	"github.com/danielgtaylor/huma/v2"

	"github.com/marsad/marsad/analysis"
	"github.com/marsad/marsad/store"
)

// ---- Parameters -------------------------------------------------------------

// Filters are the filter parameters search, events, places, actors,
// timeseries and export share (and the UI keeps in its URLs).
type Filters struct {
	From    string   `query:"from" doc:"first day, inclusive: YYYY-MM-DD (or YYYY-MM, YYYY); the published day for documents, the event's day for events" example:"2015-07-01"`
	To      string   `query:"to" doc:"last day, inclusive: YYYY-MM-DD (or YYYY-MM, YYYY)" example:"2015-08-31"`
	Country []string `query:"country,explode" doc:"ISO 3166-1 alpha-2 country code; repeat for several (any of them)" example:"IQ"`
	Place   string   `query:"place" doc:"a place: ref (place:99072), name in any clitic form, English name, region or country"`
	Actor   string   `query:"actor" doc:"an actor: ref (actor:islamic-state), name or English name"`
	Type    string   `query:"type" doc:"an event type or sub-type (ACLED codes: battles, explosions_remote_violence, …)"`
	Source  string   `query:"source" doc:"a source code (alriyadh, spa, …)"`
}

var (
	dayRE     = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`)
	countryRE = regexp.MustCompile(`^[A-Za-z]{2}$`)
)

// badParam is a 400 problem naming the parameter.
func badParam(name, msg string, value any) error {
	return huma.NewError(http.StatusBadRequest, name+": "+msg, &huma.ErrorDetail{Location: "query." + name, Message: msg, Value: value})
}

// filter checks the parameters and makes a store filter.
func (f *Filters) filter() (store.Filter, error) {
	var sf store.Filter
	for _, d := range []struct {
		name string
		v    *string
	}{{"from", &f.From}, {"to", &f.To}} {
		*d.v = strings.TrimSpace(*d.v)
		if *d.v != "" && !dayRE.MatchString(*d.v) {
			return sf, badParam(d.name, "want a day YYYY-MM-DD (or YYYY-MM, YYYY)", *d.v)
		}
	}
	from, to, err := store.DayRange(f.From, f.To)
	if err != nil {
		return sf, badParam("from", err.Error(), f.From)
	}
	if from != "" && to != "" && to < from {
		return sf, badParam("to", "before from", f.To)
	}
	sf.From, sf.To = f.From, f.To
	for _, c := range f.Country {
		for _, part := range strings.Split(c, ",") {
			if part = strings.TrimSpace(part); part == "" {
				continue
			}
			if !countryRE.MatchString(part) {
				return sf, badParam("country", "want an ISO 3166-1 alpha-2 code such as IQ", part)
			}
			sf.Countries = append(sf.Countries, strings.ToUpper(part))
		}
	}
	if v := strings.TrimSpace(f.Place); v != "" {
		sf.Places = []string{v}
	}
	if v := strings.TrimSpace(f.Actor); v != "" {
		sf.Actors = []string{v}
	}
	if v := strings.TrimSpace(f.Type); v != "" {
		sf.EventTypes = []string{v}
	}
	if v := strings.TrimSpace(f.Source); v != "" {
		sf.Sources = []string{v}
	}
	return sf, nil
}

// storeErr maps a store error to a problem: filters the store refuses
// (an unknown country name, a query it cannot search) are the client's.
func storeErr(err error, param string) error {
	var qe *store.QueryError
	switch {
	case errors.As(err, &qe):
		return badParam("q", qe.Msg, qe.Query)
	case errors.Is(err, store.ErrNotFound):
		return huma.Error404NotFound(err.Error())
	case errors.Is(err, context.DeadlineExceeded):
		return huma.Error503ServiceUnavailable("the request took too long: narrow the query or the filters")
	case errors.Is(err, context.Canceled):
		return huma.NewError(499, "the client went away")
	}
	if param != "" && strings.Contains(err.Error(), "want ") {
		return badParam(param, err.Error(), nil)
	}
	if strings.HasPrefix(err.Error(), "country ") {
		return badParam("country", err.Error(), nil)
	}
	return huma.Error500InternalServerError("store: " + err.Error())
}

// ---- Shapes -----------------------------------------------------------------

// Hit is one document found.
type Hit struct {
	ID          string       `json:"id"`
	Title       analysis.Str `json:"title"`
	Published   analysis.Str `json:"published"`
	Source      analysis.Str `json:"source"`
	URL         analysis.Str `json:"url"`
	DuplicateOf string       `json:"duplicate_of,omitempty"`
	Score       float64      `json:"score"`
	Snippet     analysis.Str `json:"snippet" doc:"a passage of the analysed text (title, blank line, text) around the best match"`
	Highlights  [][2]int     `json:"highlights" doc:"half-open code-point ranges of snippet that matched the query"`
}

// Facet is one value of a facet and how many hits have it.
type Facet struct {
	Value string `json:"value"`
	Label string `json:"label,omitempty"`
	Count int    `json:"count"`
}

// Facets count all the hits of a search.
type Facets struct {
	Source    []Facet `json:"source" doc:"source codes"`
	EventType []Facet `json:"event_type" doc:"ACLED event type codes"`
	Country   []Facet `json:"country" doc:"ISO 3166-1 alpha-2 codes"`
	Actor     []Facet `json:"actor" doc:"actor refs, with their names as labels"`
	Month     []Facet `json:"month" doc:"YYYY-MM, newest first"`
}

// SearchResult is a page of hits, with facets over all of them.
type SearchResult struct {
	Total  int     `json:"total"`
	Limit  int     `json:"limit"`
	Offset int     `json:"offset"`
	Hits   []Hit   `json:"hits"`
	Facets *Facets `json:"facets,omitempty"`
}

// DocumentSummary is a document in a list.
type DocumentSummary struct {
	ID          string             `json:"id"`
	Title       analysis.Str       `json:"title"`
	Published   analysis.Str       `json:"published"`
	Source      analysis.Str       `json:"source"`
	URL         analysis.Str       `json:"url"`
	DuplicateOf string             `json:"duplicate_of,omitempty"`
	Analysis    *analysis.Analysis `json:"analysis,omitempty"`
}

// Document is a stored document as read.
type Document struct {
	ID          string         `json:"id"`
	Title       analysis.Str   `json:"title"`
	Text        string         `json:"text"`
	Published   analysis.Str   `json:"published"`
	Source      analysis.Str   `json:"source"`
	URL         analysis.Str   `json:"url"`
	Lang        analysis.Str   `json:"lang"`
	Meta        map[string]any `json:"meta,omitempty"`
	DuplicateOf string         `json:"duplicate_of,omitempty"`
	Similarity  float64        `json:"similarity,omitempty"`
	IngestedAt  string         `json:"ingested_at"`
}

// DocumentResult is a document and its analysis; the analysis's spans
// index the analysed text: title, a blank line, text.
type DocumentResult struct {
	Document Document           `json:"document"`
	Analysis *analysis.Analysis `json:"analysis"`
}

// EventRow is an event with the document it came from.
type EventRow struct {
	DocID     string       `json:"doc_id"`
	DocTitle  analysis.Str `json:"doc_title"`
	Index     int          `json:"index" doc:"the event's index in its document's analysis"`
	Published analysis.Str `json:"published"`
	Source    analysis.Str `json:"source"`
	analysis.Event
}

// PlaceSummary is a place with what happened there.
type PlaceSummary struct {
	Ref        string       `json:"ref"`
	Name       string       `json:"name"`
	NameEn     analysis.Str `json:"name_en"`
	Kind       analysis.Str `json:"kind"`
	Country    analysis.Str `json:"country"`
	Admin1     analysis.Str `json:"admin1"`
	Lat        *float64     `json:"lat"`
	Lon        *float64     `json:"lon"`
	Events     int          `json:"events" doc:"events located there (for a country or region: inside it)"`
	Fatalities int          `json:"fatalities" doc:"fatalities those events report"`
	Documents  int          `json:"documents"`
	Mentions   int          `json:"mentions,omitempty" doc:"times the documents name it (place pages)"`
}

// ActorSummary is an actor with the events it took part in.
type ActorSummary struct {
	Ref        string       `json:"ref"`
	Name       string       `json:"name"`
	NameEn     analysis.Str `json:"name_en"`
	Kind       analysis.Str `json:"kind"`
	Country    analysis.Str `json:"country"`
	Events     int          `json:"events" doc:"events it is an actor or target of"`
	Fatalities int          `json:"fatalities"`
	Documents  int          `json:"documents"`
	Mentions   int          `json:"mentions,omitempty"`
}

func placeOf(pc store.PlaceCount) PlaceSummary {
	p := pc.Place
	out := PlaceSummary{Ref: p.Ref, Name: p.Name, NameEn: p.NameEn, Kind: analysis.Str(p.Kind), Country: p.Country, Admin1: p.Admin1,
		Events: pc.Events, Fatalities: pc.Fatalities, Documents: pc.Documents, Mentions: p.Mentions}
	if p.Lat != 0 || p.Lon != 0 {
		lat, lon := p.Lat, p.Lon
		out.Lat, out.Lon = &lat, &lon
	}
	return out
}

func actorOf(ac store.ActorCount) ActorSummary {
	a := ac.Actor
	return ActorSummary{Ref: a.Ref, Name: a.Name, NameEn: a.NameEn, Kind: analysis.Str(a.Kind), Country: a.Country,
		Events: ac.Events, Fatalities: ac.Fatalities, Documents: ac.Documents, Mentions: a.Mentions}
}

func eventRows(rows []store.EventRow) []EventRow {
	out := make([]EventRow, 0, len(rows))
	for _, r := range rows {
		out = append(out, EventRow{DocID: r.DocID, DocTitle: analysis.Str(r.Title), Index: r.Index,
			Published: analysis.Str(r.Published), Source: analysis.Str(r.Source), Event: r.Event})
	}
	return out
}

func counts(cs []store.Count) []Facet {
	out := make([]Facet, 0, len(cs))
	for _, c := range cs {
		out = append(out, Facet{Value: c.Value, Label: c.Label, Count: c.Count})
	}
	return out
}
