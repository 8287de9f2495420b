package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/marsad/marsad/analysis"
	"github.com/marsad/marsad/pipeline"
	"github.com/marsad/marsad/store"
)

func init() {
	register(&command{
		name:    "search",
		summary: "search the store: Arabic-aware full text, filters, facets",
		run:     runSearch,
	})
}

// hitJSON is one line of marsad search --json.
type hitJSON struct {
	ID          string       `json:"id"`
	Title       analysis.Str `json:"title"`
	Published   analysis.Str `json:"published"`
	Source      analysis.Str `json:"source"`
	URL         analysis.Str `json:"url"`
	Score       float64      `json:"score"`
	Snippet     string       `json:"snippet"`
	Highlights  [][2]int     `json:"highlights"`
	DuplicateOf string       `json:"duplicate_of,omitempty"`
}

func runSearch(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "search", "[flags] QUERY...", `Searches the store. Words are matched in any clitic or inflected form, as
marsad's analyser reads them (الموصل finds بالموصل, والموصل, للموصل).

  الموصل بغداد           both words
  "قوات الأمن"           a phrase
  الموصل OR بغداد        either (also | and أو)
  الموصل -بغداد          without the second (also NOT; for a Latin word,
                         NOT word, or the query after --)
  مسلح*                  a prefix
  (الموصل OR تكريت) هجوم  groups

Filters narrow the hits; with no QUERY they list the documents that pass,
newest first. --place matches a place by name in any form, English name,
region or ref, and a country matches everything inside it; repeat a
filter or separate values with commas for alternatives.

Output: one hit per paragraph with a snippet, the query's words marked
**like this** (in bold on a terminal). --json: one object per hit,
{"id","title","published","source","url","score","snippet","highlights"},
where highlights are [start,end) code-point offsets into snippet; with
--facets a last object {"total":…,"facets":{…}}.`)
	db := dbFlag(fs)
	asJSON := fs.Bool("json", false, "one JSON object per hit")
	limit := fs.Int("limit", 20, "hits to show (0 = every hit)")
	offset := fs.Int("offset", 0, "hits to skip (for paging)")
	from := fs.String("from", "", "published on or after (YYYY-MM-DD, YYYY-MM or YYYY)")
	to := fs.String("to", "", "published on or before (YYYY-MM-DD, YYYY-MM or YYYY)")
	var places, countries, actors, types, sources listFlag
	fs.Var(&places, "place", "a place, region or country the document names (repeatable)")
	fs.Var(&countries, "country", "a country (ISO code or name) a place of the document is in (repeatable)")
	fs.Var(&actors, "actor", "an actor the document names (repeatable)")
	fs.Var(&types, "event-type", "an ACLED event type or sub-type the document reports (repeatable)")
	fs.Var(&sources, "source", "the document's source (repeatable)")
	sortBy := fs.String("sort", "relevance", "relevance or date")
	facets := fs.Bool("facets", false, "count the hits by source, event type, country, actor and month")
	dups := fs.Bool("include-duplicates", false, "show near-duplicates (syndicated copies) too")
	explain := fs.Bool("explain", false, "show how the query was analysed (on stderr)")
	// "-بغداد" is a negated query word, not a flag: only "-" followed by
	// an ASCII letter or a second "-" is a flag.
	argv := make([]string, len(args))
	for i, a := range args {
		argv[i] = a
		if len(a) > 1 && a[0] == '-' && !isASCIILetter(a[1]) && a[1] != '-' {
			argv[i] = negMark + a
		}
	}
	words, err := parseArgs(fs, argv)
	if err != nil {
		return usageStatus(err)
	}
	for i, w := range words {
		words[i] = strings.TrimPrefix(w, negMark)
	}
	q := store.Query{
		Text:  strings.Join(words, " "),
		Limit: *limit, Offset: *offset, Sort: *sortBy, Facets: *facets,
		Filter: store.Filter{From: *from, To: *to, Places: places, Countries: countries, Actors: actors,
			EventTypes: types, Sources: sources, IncludeDuplicates: *dups},
	}
	if *limit < 0 || *offset < 0 {
		errf(e.stderr, "search", "--limit and --offset cannot be negative")
		return 2
	}
	if *sortBy != "relevance" && *sortBy != "date" {
		errf(e.stderr, "search", "--sort %q: want relevance or date", *sortBy)
		return 2
	}
	if _, _, err := store.DayRange(*from, *to); err != nil {
		errf(e.stderr, "search", "--from/--to: %v", err)
		return 2
	}
	empty := q.Filter
	empty.IncludeDuplicates = false
	if q.Text == "" && fmt.Sprint(empty) == fmt.Sprint(store.Filter{}) && !*facets {
		errf(e.stderr, "search", "give a QUERY, or filters (--from, --place …) to list documents; marsad search -h for the syntax")
		return 2
	}
	p, err := pipeline.New()
	if err != nil {
		errf(e.stderr, "search", "%v", err)
		return 1
	}
	if *explain && q.Text != "" {
		pq, err := store.NewIndexer(p.Segmenter()).Parse(q.Text)
		if err == nil {
			fmt.Fprintf(e.stderr, "query:   %s\nFTS5:    %s\ntsquery: %s\n", pq, pq.FTS5(), pq.TSQuery())
		}
	}
	st, err := openStore(ctx, *db, p, true)
	if err != nil {
		errf(e.stderr, "search", "%v", err)
		return 1
	}
	defer st.Close()
	start := time.Now()
	res, err := st.Search(ctx, q)
	if err != nil {
		var qe *store.QueryError
		if errors.As(err, &qe) {
			errf(e.stderr, "search", "%v", err)
			return 2
		}
		errf(e.stderr, "search", "%v", err)
		return 1
	}
	took := time.Since(start)
	out := bufio.NewWriter(e.stdout)
	defer out.Flush()
	if *asJSON {
		enc := json.NewEncoder(out)
		enc.SetEscapeHTML(false)
		for _, h := range res.Hits {
			hl := h.Snippet.Highlights
			if hl == nil {
				hl = [][2]int{}
			}
			if err := enc.Encode(hitJSON{ID: h.ID, Title: analysis.Str(h.Title), Published: analysis.Str(h.Published), Source: analysis.Str(h.Source),
				URL: analysis.Str(h.URL), Score: round(h.Score), Snippet: h.Snippet.Text, Highlights: hl, DuplicateOf: h.DuplicateOf}); err != nil {
				errf(e.stderr, "search", "%v", err)
				return 1
			}
		}
		if res.Facets != nil {
			enc.Encode(map[string]any{"total": res.Total, "facets": res.Facets})
		}
		return 0
	}
	bold := isTerminal(e.stdout)
	for i, h := range res.Hits {
		meta := []string{}
		for _, s := range []string{h.Published, h.Source} {
			if s != "" {
				meta = append(meta, s)
			}
		}
		fmt.Fprintf(out, "%d. %s  %s", *offset+i+1, h.ID, strings.Join(meta, "  "))
		if q.Text != "" {
			fmt.Fprintf(out, "  score %.3g", h.Score)
		}
		if h.DuplicateOf != "" {
			fmt.Fprintf(out, "  (near-duplicate of %s)", h.DuplicateOf)
		}
		fmt.Fprintln(out)
		if h.Title != "" {
			fmt.Fprintf(out, "   %s\n", oneLine(h.Title))
		}
		if h.URL != "" {
			fmt.Fprintf(out, "   %s\n", h.URL)
		}
		fmt.Fprintf(out, "   %s\n\n", marked(h.Snippet, bold))
	}
	shown := fmt.Sprintf("%d hit", res.Total)
	if res.Total != 1 {
		shown += "s"
	}
	if len(res.Hits) < res.Total {
		shown += fmt.Sprintf(", %d shown", len(res.Hits))
	}
	fmt.Fprintf(out, "%s (%.3f s)\n", shown, took.Seconds())
	if f := res.Facets; f != nil {
		for _, g := range []struct {
			name string
			list []store.Count
		}{{"sources", f.Sources}, {"event types", f.EventTypes}, {"countries", f.Countries}, {"actors", f.Actors}, {"months", f.Months}} {
			var parts []string
			for _, c := range g.list {
				v := c.Value
				if c.Label != "" && c.Label != c.Value {
					v = c.Label + " (" + c.Value + ")"
				}
				parts = append(parts, fmt.Sprintf("%s %d", v, c.Count))
			}
			if len(parts) == 0 {
				parts = []string{"-"}
			}
			fmt.Fprintf(out, "%s: %s\n", g.name, strings.Join(parts, ", "))
		}
	}
	return 0
}

// marked writes a snippet with its matches between ** (or in bold on a
// terminal). The text is the document's: it is printed as text, never
// interpreted.
func marked(sn store.Snippet, bold bool) string {
	open, close := "**", "**"
	if bold {
		open, close = "\033[1m", "\033[0m"
	}
	rs := []rune(stripControls(sn.Text))
	var b strings.Builder
	at := 0
	for _, h := range sn.Highlights {
		if h[0] < at || h[1] > len(rs) {
			continue
		}
		b.WriteString(string(rs[at:h[0]]))
		b.WriteString(open + string(rs[h[0]:h[1]]) + close)
		at = h[1]
	}
	b.WriteString(string(rs[at:]))
	return b.String()
}

// stripControls replaces control characters (an escape sequence hidden in
// a document could drive the terminal) with spaces, code point for code
// point so offsets hold.
func stripControls(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return ' '
		}
		return r
	}, s)
}

func oneLine(s string) string { return strings.Join(strings.Fields(stripControls(s)), " ") }

// negMark hides a negated query word from the flag parser.
const negMark = "\x00"

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func round(f float64) float64 {
	return float64(int64(f*1e6+0.5)) / 1e6
}
