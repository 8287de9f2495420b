// Package export writes marsad's analyses in the formats analysts already
// use: ACLED's CSV layout (spreadsheets, R, pandas), GeoJSON (GIS), JSON
// Lines (the analysis contract itself) and STIX 2.1 bundles (threat
// intelligence platforms).
//
// Every exporter reads a Source — a stream of analyses — and writes to an
// io.Writer as it goes: one analysis is in memory at a time, plus what a
// format must remember (the STIX ids of actors and places already written,
// the places of a GeoJSON export), which grows with the number of distinct
// actors and places, never with the number of events. Output is
// deterministic: the same analyses in the same order give the same bytes.
package export

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/marsad/marsad/analysis"
)

// Format describes one export format.
type Format struct {
	Name        string // as given to Write and --format
	ContentType string // the HTTP Content-Type of its output
	Ext         string // the file-name extension, with its dot
	About       string // one line for help texts
}

var formats = []Format{
	{"acled-csv", "text/csv; charset=utf-8", ".csv", "one row per event in ACLED's column layout, then marsad's columns"},
	{"geojson", "application/geo+json", ".geojson", "an RFC 7946 FeatureCollection: one Point per located event (and per place with --places)"},
	{"jsonl", "application/x-ndjson", ".jsonl", "the analyses themselves (marsad.analysis/v1), one per line"},
	{"stix", "application/stix+json;version=2.1", ".json", "a STIX 2.1 bundle: reports, incidents, actors, locations and their relationships"},
}

// Formats lists the export formats, in a fixed order.
func Formats() []Format { return append([]Format(nil), formats...) }

// Names lists the format names, comma-separated, for messages.
func Names() string {
	n := make([]string, len(formats))
	for i, f := range formats {
		n[i] = f.Name
	}
	return strings.Join(n, ", ")
}

// Lookup returns the format called name.
func Lookup(name string) (Format, bool) {
	for _, f := range formats {
		if f.Name == name {
			return f, true
		}
	}
	return Format{}, false
}

// ContentType is the HTTP Content-Type of a format's output ("" for an
// unknown format).
func ContentType(format string) string {
	f, _ := Lookup(format)
	return f.ContentType
}

// Extension is the file-name extension of a format's output, with its dot
// ("" for an unknown format).
func Extension(format string) string {
	f, _ := Lookup(format)
	return f.Ext
}

// Options tune an export. The zero value exports every event.
type Options struct {
	// Filter selects events (and, for jsonl, the analyses that have one).
	Filter Filter
	// BOM starts acled-csv output with a UTF-8 byte order mark, so that
	// Excel reads the Arabic text as UTF-8.
	BOM bool
	// RawCells writes acled-csv text cells exactly as they are. By default
	// a text cell from an article that starts with = + - @ (which a
	// spreadsheet would run as a formula) is written with a leading
	// apostrophe.
	RawCells bool
	// InterLabels writes acled-csv's inter1, inter2 and interaction as the
	// text labels of ACLED's 2024 layout ("State forces", "Rebel
	// group-Civilians", "Protesters only") instead of the numeric codes
	// (1, 27, 60).
	InterLabels bool
	// Places adds one GeoJSON feature per place the exported documents
	// name, after the events.
	Places bool
	// Unlocated keeps GeoJSON events without coordinates, with a null
	// geometry (RFC 7946 §3.2); by default they are left out, since many
	// GIS tools refuse features without a geometry.
	Unlocated bool
}

// Stats says what an export wrote.
type Stats struct {
	Analyses int // analyses read from the source
	Exported int // analyses that contributed to the output
	Events   int // events written (rows, features, incidents)
	Objects  int // STIX objects in the bundle (stix only)
}

// ErrUnknownFormat is returned by Write for a format it does not know.
var ErrUnknownFormat = errors.New("unknown export format")

// WriteError is a failure to write the output (a full disk, a closed pipe).
type WriteError struct{ Err error }

func (e *WriteError) Error() string { return "write: " + e.Err.Error() }
func (e *WriteError) Unwrap() error { return e.Err }

// exporter is one format's writer.
type exporter interface {
	begin() error
	// analysis writes one analysis whose events[i] for i in evs passed the
	// filter (evs is in event order).
	analysis(a *analysis.Analysis, evs []int) error
	end() error
}

// Write reads src to its end and writes every analysis in the given format
// to w. It stops at the first error: the source's (returned as is, e.g. a
// *LineError), a write error (*WriteError), or ctx's.
func Write(ctx context.Context, format string, src Source, w io.Writer, opts Options) (Stats, error) {
	var st Stats
	ew := &errWriter{w: w}
	bw := bufio.NewWriterSize(ew, 1<<16)
	var ex exporter
	switch format {
	case "acled-csv":
		ex = newACLED(bw, &opts, &st)
	case "geojson":
		ex = newGeoJSON(bw, &opts, &st)
	case "jsonl":
		ex = newJSONL(bw, &opts, &st)
	case "stix":
		ex = newSTIX(bw, &opts, &st)
	default:
		return st, fmt.Errorf("%w %q (formats: %s)", ErrUnknownFormat, format, Names())
	}
	fail := func(err error) (Stats, error) {
		if ew.err != nil {
			return st, &WriteError{ew.err}
		}
		return st, err
	}
	if err := ex.begin(); err != nil {
		return fail(err)
	}
	var evs []int
	for {
		a, err := src.Next(ctx)
		if err == io.EOF {
			break
		}
		if err != nil {
			return fail(err)
		}
		st.Analyses++
		evs = opts.Filter.events(a, evs[:0])
		if err := ex.analysis(a, evs); err != nil {
			return fail(err)
		}
		if ew.err != nil {
			return fail(nil)
		}
	}
	if err := ex.end(); err != nil {
		return fail(err)
	}
	if err := bw.Flush(); err != nil {
		return fail(err)
	}
	return st, nil
}

// errWriter remembers the first write error so that Write stops early.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	if err == nil && n < len(p) {
		err = io.ErrShortWrite
	}
	e.err = err
	return n, err
}

// Filter selects events; a zero Filter selects all. The store applies the
// same filters in its query; the exporters apply them again, so that a
// Source that cannot filter (a JSON Lines file) gives the same export.
type Filter struct {
	// From and To bound the event's date, both days included; an event
	// whose date is a week, a month or a range is kept when its period
	// overlaps [From, To]. An event marsad could not date is placed on its
	// document's published day. Zero: unbounded.
	From, To time.Time
	// Countries keeps events located in one of these ISO 3166-1 alpha-2
	// codes (upper case).
	Countries []string
	// Types keeps events whose type or sub_type is one of these marsad
	// codes (battles, suicide_bomb…).
	Types []string
	// MinConfidence keeps events with at least this confidence.
	MinConfidence float64
	// Event, when set, must also keep events[i] of a: a Source that
	// filters by what the exporters cannot see (a store's places and
	// actors, matched by ref, name or region) says which events passed.
	Event func(a *analysis.Analysis, i int) bool
}

// ParseFilter builds a Filter from the values of the command-line flags
// and API parameters: dates YYYY-MM-DD, comma-separated ISO 3166-1 alpha-2
// codes, comma-separated event types or sub-types (marsad's codes or
// ACLED's labels), a confidence between 0 and 1. Empty strings leave a
// bound out.
func ParseFilter(from, to, countries, types string, minConfidence float64) (Filter, error) {
	var f Filter
	var err error
	if from != "" {
		if f.From, err = time.Parse("2006-01-02", from); err != nil {
			return f, fmt.Errorf("from: %q is not a date YYYY-MM-DD", from)
		}
	}
	if to != "" {
		if f.To, err = time.Parse("2006-01-02", to); err != nil {
			return f, fmt.Errorf("to: %q is not a date YYYY-MM-DD", to)
		}
	}
	if !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From) {
		return f, fmt.Errorf("to (%s) is before from (%s)", to, from)
	}
	for _, c := range splitList(countries) {
		if lookupCountry(c) == nil {
			return f, fmt.Errorf("country: %q is not an ISO 3166-1 alpha-2 code", c)
		}
		f.Countries = append(f.Countries, strings.ToUpper(c))
	}
	for _, t := range splitList(types) {
		code, ok := typeCode(t)
		if !ok {
			return f, fmt.Errorf("type: %q is not an event type or sub-type", t)
		}
		f.Types = append(f.Types, code)
	}
	if minConfidence < 0 || minConfidence > 1 {
		return f, fmt.Errorf("min-confidence: %s is not between 0 and 1", strconv.FormatFloat(minConfidence, 'f', -1, 64))
	}
	f.MinConfidence = minConfidence
	return f, nil
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// Active reports whether the filter leaves anything out.
func (f *Filter) Active() bool {
	return !f.From.IsZero() || !f.To.IsZero() || len(f.Countries) > 0 || len(f.Types) > 0 || f.MinConfidence > 0 || f.Event != nil
}

// Match reports whether event e of analysis a passes the filter.
func (f *Filter) Match(a *analysis.Analysis, e *analysis.Event) bool {
	if e.Confidence < f.MinConfidence {
		return false
	}
	if len(f.Types) > 0 && !contains(f.Types, e.Type) && !contains(f.Types, string(e.SubType)) {
		return false
	}
	if len(f.Countries) > 0 {
		if e.Location == nil || !contains(f.Countries, strings.ToUpper(string(e.Location.Country))) {
			return false
		}
	}
	if !f.From.IsZero() || !f.To.IsZero() {
		pub := publishedDay(a.Published)
		p := eventPeriod(e, pub)
		if !p.ok {
			if pub.IsZero() {
				return false
			}
			p = period{pub, pub, true}
		}
		if !f.From.IsZero() && p.to.Before(f.From) || !f.To.IsZero() && p.from.After(f.To) {
			return false
		}
	}
	return true
}

// events appends to evs the indices of a's events that pass the filter.
func (f *Filter) events(a *analysis.Analysis, evs []int) []int {
	for i := range a.Events {
		if f.Match(a, &a.Events[i]) && (f.Event == nil || f.Event(a, i)) {
			evs = append(evs, i)
		}
	}
	return evs
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// sortedKeys returns a map's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
