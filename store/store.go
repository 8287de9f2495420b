// Package store keeps analysed documents and answers questions about them:
// full-text search with marsad's own Arabic analyser, filters by date,
// place, actor, event type and source, facet counts, and lists of events,
// places and actors for the API and exports.
//
// One interface, Store, has two implementations that share this package's
// query parser, index tokens, de-duplication and snippets, and one
// behaviour suite (package storetest): store/sqlite, embedded and the
// default (marsad.db), and store/postgres for a team that shares a server.
// Open picks one from a DSN; the backends register themselves when
// imported.
//
// Search never lets a database re-analyse Arabic: documents are indexed
// as the stems marsad's analyser produced (arabic.Segmenter.Terms), and a
// query is parsed here and analysed with the same segmenter, then compiled
// to an FTS5 MATCH or a PostgreSQL tsquery. Both backends therefore match
// the same documents; a query for الموصل finds بالموصل, والموصل and
// للموصل.
package store

import (
	"context"
	"errors"
	"time"

	"github.com/marsad/marsad/analysis"
)

// ErrNotFound is returned by Get for an id the store does not hold.
var ErrNotFound = errors.New("document not found")

// ErrNoStore is returned by Open with Options.MustExist when the DSN
// names no marsad store yet.
var ErrNoStore = errors.New("no marsad store here yet: marsad ingest creates one (or name another with --db)")

// Store holds documents and their analyses. Implementations are safe for
// concurrent use.
type Store interface {
	// Put stores records in one transaction, in order: either every record
	// of the batch is stored (document, analysis and all its rows) or none
	// is. A record whose id is already stored with the same content
	// changes nothing (Unchanged) unless opts.Replace; one with new content
	// replaces the old (Updated). A record that repeats or nearly repeats
	// the text of a stored original is stored as its near-duplicate. The
	// results are in the order of recs.
	Put(ctx context.Context, recs []*Record, opts PutOptions) ([]PutResult, error)
	// Get returns a stored document and its analysis, or ErrNotFound.
	Get(ctx context.Context, id string) (*Stored, error)
	// Scan returns up to limit documents whose Seq is greater than after,
	// in Seq order: Scan(ctx, last.Seq, n) pages through the whole store
	// (exports, reindexing), and an update keeps a document's Seq.
	Scan(ctx context.Context, after int64, limit int) ([]*Stored, error)
	// Hashes returns, for those of ids that are stored, their content
	// hashes (Record.Hash): ingest skips analysing what is there.
	Hashes(ctx context.Context, ids []string) (map[string]string, error)
	// Seen reports which of keys have been marked seen (feed items).
	Seen(ctx context.Context, keys []string) (map[string]bool, error)
	// MarkSeen marks a key seen without storing a document (a feed item
	// that cannot be analysed); note says why.
	MarkSeen(ctx context.Context, key, docID, note string) error
	// Feed and SetFeed keep what marsad watch knows about a feed between
	// polls; Feed returns a zero FeedState (URL set) for a new feed.
	Feed(ctx context.Context, url string) (FeedState, error)
	SetFeed(ctx context.Context, f FeedState) error

	// Search finds documents for a query (Query.Text, parsed by Parse)
	// and filters.
	Search(ctx context.Context, q Query) (*Result, error)
	// Events lists the events of documents that pass the filter, newest
	// first; the filter applies to each event's own date, location, actors
	// and type.
	Events(ctx context.Context, f Filter, page Page) ([]EventRow, error)
	// Places and Actors count how many documents passing the filter name
	// each place or actor, most named first.
	Places(ctx context.Context, f Filter, page Page) ([]PlaceCount, error)
	Actors(ctx context.Context, f Filter, page Page) ([]ActorCount, error)

	// CountEvents counts the events Events lists for f (all its pages).
	CountEvents(ctx context.Context, f Filter) (int, error)
	// EventPlaces counts the events passing f by their location: events,
	// fatalities and documents per place with a gazetteer ref, most events
	// first (the map, the API's /places).
	EventPlaces(ctx context.Context, f Filter, page Page) ([]PlaceCount, error)
	// EventActors counts the events passing f by their actors (not their
	// targets), like EventPlaces.
	EventActors(ctx context.Context, f Filter, page Page) ([]ActorCount, error)
	// Place returns a place by ref with the documents that name it and the
	// events located there (near-duplicates left out), or ErrNotFound.
	Place(ctx context.Context, ref string) (*PlaceCount, error)
	// Actor returns an actor by ref with the documents that name it and the
	// events it is an actor of, or ErrNotFound.
	Actor(ctx context.Context, ref string) (*ActorCount, error)
	// Timeseries counts the events passing f (or sums their fatalities)
	// per day, week or month, in one series per event type, actor or
	// country (or one series, "all").
	Timeseries(ctx context.Context, f Filter, opts SeriesOptions) (*Timeseries, error)
	// Documents pages through the documents an export selects, in a fixed
	// order — published day (undated first), then id — after the key
	// after (the zero DocKey: from the start). When f restricts events
	// (dates, places, countries, actors, types), only documents with an
	// event passing f are listed, and each lists which of its events pass.
	Documents(ctx context.Context, f Filter, after DocKey, limit int) ([]DocMatch, error)

	Stats(ctx context.Context) (*Stats, error)
	Close() error
}

// PutOptions change how Put treats documents that are already stored.
type PutOptions struct {
	// Replace stores a record again even when its content is unchanged
	// (after the analysis pipeline has improved).
	Replace bool
}

// Outcome is what Put did with one record.
type Outcome int

const (
	Added         Outcome = iota // a new document
	Updated                      // an id already stored, with new content or Replace
	Unchanged                    // already stored as it is: nothing written
	NearDuplicate                // stored, linked to the original it repeats
)

func (o Outcome) String() string {
	switch o {
	case Added:
		return "new"
	case Updated:
		return "updated"
	case Unchanged:
		return "duplicate"
	case NearDuplicate:
		return "near-duplicate"
	}
	return "?"
}

// PutResult is the outcome for one record of a Put.
type PutResult struct {
	Outcome Outcome
	// DuplicateOf is the id of the original a near-duplicate repeats, and
	// Similarity the estimated Jaccard similarity of their word 3-grams
	// (1 for the same text).
	DuplicateOf string
	Similarity  float64
}

// Stored is a document as the store holds it.
type Stored struct {
	// Seq is the document's place in the store: increasing in the order
	// documents were first stored, kept when one is updated.
	Seq      int64
	Doc      analysis.Document
	Analysis *analysis.Analysis
	Hash     string
	// DuplicateOf is the id of the original when the document is a
	// near-duplicate, else "".
	DuplicateOf string
	Similarity  float64
	IngestedAt  time.Time
}

// Filter restricts documents (search, facets) or rows (events, places,
// actors). Empty fields do not restrict. Values within one field are
// alternatives (OR); fields combine with AND.
type Filter struct {
	// From and To bound the published day, inclusive: YYYY-MM-DD, or
	// YYYY-MM / YYYY for a whole month or year. Documents without a date
	// do not pass a date filter.
	From, To string
	// Places match a place the document names or an event's location, by
	// ref (place:99072), name in any clitic form (الموصل, بالموصل), English
	// name (Mosul) or region (admin1). A country — an ISO code (IQ), its
	// Arabic or English name (العراق, Iraq) — matches every place inside it.
	Places []string
	// Countries match the country of a place or event location: ISO
	// 3166-1 alpha-2 codes or country names.
	Countries []string
	// Actors match an actor the document names, or an event's actor or
	// target, by ref, name or English name.
	Actors []string
	// EventTypes match an event's ACLED type or sub-type.
	EventTypes []string
	// Sources match the document's source, ignoring case.
	Sources []string
	// IncludeDuplicates keeps near-duplicates, which are left out by
	// default so that one wire story counts once.
	IncludeDuplicates bool
}

// Page is a window of a list: Limit 0 means every row.
type Page struct {
	Limit, Offset int
	// Sort orders Events: "-date" (newest first, the default), "date",
	// "-fatalities" (most first; unknown last) or "fatalities".
	Sort string
}

// Query is a search: a query string in marsad's query language (see
// Parse) and filters. An empty Text lists the documents that pass the
// filter, newest first.
type Query struct {
	Text   string
	Filter Filter
	// Limit is the number of hits returned (0 = all), after Offset.
	Limit, Offset int
	// Sort is "relevance" (the default; by date without Text) or "date".
	Sort string
	// Facets asks for facet counts over all the hits.
	Facets bool
	// NoSnippets leaves Hit.Snippet empty (faster for --limit 0 exports).
	NoSnippets bool
}

// Result is the answer to a Query.
type Result struct {
	Total  int // hits before Limit/Offset
	Hits   []Hit
	Facets *Facets // nil unless asked for
}

// Hit is one document found.
type Hit struct {
	ID          string
	Title       string
	Published   string
	Source      string
	URL         string
	DuplicateOf string
	// Score ranks the hits: higher is better; comparable within one
	// result only (bm25 in SQLite, ts_rank in PostgreSQL).
	Score   float64
	Snippet Snippet
}

// Snippet is a short passage of the document's original text around the
// best match, and where the query's words are in it.
type Snippet struct {
	Text string
	// Highlights are half-open ranges of code points of Text that matched
	// the query, in order.
	Highlights [][2]int
}

// Facets count hits by one field; each list is sorted by count, then
// value, and holds at most the 20 largest.
type Facets struct {
	Sources    []Count `json:"sources"`
	EventTypes []Count `json:"event_types"`
	Countries  []Count `json:"countries"`
	Actors     []Count `json:"actors"`
	Months     []Count `json:"months"`
}

// Count is one facet value and how many hits have it.
type Count struct {
	Value string `json:"value"`
	Label string `json:"label,omitempty"`
	Count int    `json:"count"`
}

// EventRow is one stored event with the document it came from.
type EventRow struct {
	DocID     string
	Index     int // the event's index in its analysis
	Published string
	Source    string
	URL       string
	Title     string
	Event     analysis.Event
}

// PlaceCount is a place and the number of documents that name it
// (Places), or of the events located there (EventPlaces, Place).
type PlaceCount struct {
	Place     analysis.Place // Mentions: the total over those documents
	Documents int
	// Events and Fatalities count the events (and sum their reported
	// fatalities); Places leaves them 0.
	Events, Fatalities int
}

// ActorCount is an actor and the number of documents that name it
// (Actors), or of the events it is an actor of (EventActors, Actor).
type ActorCount struct {
	Actor     analysis.Actor // Mentions: the total over those documents
	Documents int
	// Events and Fatalities: as in PlaceCount.
	Events, Fatalities int
}

// SeriesOptions shape a Timeseries.
type SeriesOptions struct {
	// Interval is "day", "week" (bins start on Mondays) or "month"
	// (the default).
	Interval string
	// By splits the series: "type" (event type), "actor", "country", or
	// "" for one series keyed "all".
	By string
	// Metric is "events" (the default) or "fatalities".
	Metric string
	// Limit keeps the Limit largest series (by their total); 0 keeps all.
	Limit int
}

// Timeseries is counts over time: every series has a point for every bin
// from the first bin with data to the last (zeros included), in order.
type Timeseries struct {
	Interval string   `json:"interval"`
	By       string   `json:"by"`
	Metric   string   `json:"metric"`
	Series   []Series `json:"series"`
}

// Series is one line of a Timeseries: Key is the type code, actor ref (or
// name when it has none), ISO country code, or "all".
type Series struct {
	Key    string  `json:"key"`
	Label  string  `json:"label,omitempty"`
	Total  int     `json:"total"`
	Points []Point `json:"points"`
}

// Point is one bin: T its first day (YYYY-MM-DD), V its value.
type Point struct {
	T string `json:"t"`
	V int    `json:"v"`
}

// DocKey is a document's place in the order of Documents.
type DocKey struct {
	Day string // the published day, "" when undated
	ID  string
}

// DocMatch is one document listed by Documents.
type DocMatch struct {
	*Stored
	Key DocKey
	// Events are the indices of the analysis's events that pass the
	// filter; nil when the filter does not restrict events.
	Events []int
}

// Stats describe what a store holds.
type Stats struct {
	Backend        string `json:"backend"`
	SchemaVersion  int    `json:"schema_version"`
	Documents      int    `json:"documents"`
	NearDuplicates int    `json:"near_duplicates"`
	Entities       int    `json:"entities"`
	Places         int    `json:"places"`
	Actors         int    `json:"actors"`
	Events         int    `json:"events"`
	Sources        int    `json:"sources"`
	FirstDay       string `json:"first_day,omitempty"`
	LastDay        string `json:"last_day,omitempty"`
	SeenKeys       int    `json:"seen_keys"`
	// SizeBytes is the database's size on disk (0 when unknown).
	SizeBytes int64 `json:"size_bytes"`
}

// FeedState is what marsad watch remembers about one feed.
type FeedState struct {
	URL          string
	ETag         string
	LastModified string
	CheckedAt    time.Time // last attempt
	OKAt         time.Time // last successful fetch
	Failures     int       // consecutive failures
	LastError    string
	NextAt       time.Time // not to be polled before
}

// RestrictsEvents reports whether f says anything about events (dates,
// places, countries, actors, types), beyond sources and duplicates.
func (f *Filter) RestrictsEvents() bool {
	return f.From != "" || f.To != "" || len(f.Places) > 0 || len(f.Countries) > 0 || len(f.Actors) > 0 || len(f.EventTypes) > 0
}
