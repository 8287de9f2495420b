package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/marsad/marsad/export"
	"github.com/marsad/marsad/store"
)

func init() {
	register(&command{
		name:    "export",
		summary: "write analyses as ACLED CSV, GeoJSON, JSON Lines or a STIX 2.1 bundle",
		run:     runExport,
	})
}

func runExport(ctx context.Context, e *env, args []string) int {
	var about strings.Builder
	about.WriteString(`Reads analyses — from a store (--db), or the JSON Lines of "marsad analyze"
(-i FILE, or stdin) — and writes their events in a format other tools read,
streaming: one page of analyses is in memory at a time. From a store the
order is fixed (published day, then id), so the same store exports the same
bytes; --place, --actor and --source filter as marsad search does (by ref,
name in any clitic form, English name, region or country).

Formats:
`)
	for _, f := range export.Formats() {
		fmt.Fprintf(&about, "  %-10s %s\n", f.Name, f.About)
	}
	about.WriteString(`
Filters select events: --from/--to (YYYY-MM-DD, inclusive; an event dated to
a week or month is kept when its period overlaps), --country (ISO 3166-1
alpha-2 codes), --type (event types or sub-types, marsad's codes or ACLED's
labels), --min-confidence. Filtered jsonl keeps whole analyses that have a
matching event. Lines {"id":…,"error":…} of marsad analyze are skipped.

Exit status: 0 done, 1 unreadable input or failed write (with -o, FILE is
left as it was), 2 usage error.`)
	fs := newFlags(e, "export", "--format FORMAT [--db DSN | -i FILE|-] [-o FILE] [flags]", about.String())
	format := fs.String("format", "", "output format: "+export.Names())
	in := fs.String("i", "-", `input: analyses as JSON Lines ("-": stdin); not with --db`)
	db := fs.String("db", "", "read the analyses from this store (an SQLite file, sqlite:PATH or postgres://…) instead of -i")
	var places, actors, sources listFlag
	fs.Var(&places, "place", "with --db: only events at these places (refs or names; repeatable, comma-separated)")
	fs.Var(&actors, "actor", "with --db: only events with these actors or targets (refs or names)")
	fs.Var(&sources, "source", "with --db: only documents from these sources")
	out := fs.String("o", "", "output file (default stdout); written whole or not at all")
	bom := fs.Bool("bom", false, "acled-csv: start with a UTF-8 byte order mark (for Excel)")
	rawCells := fs.Bool("raw-cells", false, "acled-csv: write text cells exactly, even one a spreadsheet would run as a formula (by default a text cell starting with = + - @ gets a leading ')")
	inter := fs.Bool("inter-labels", false, `acled-csv: inter1/inter2/interaction as ACLED's text labels ("State forces", "Rebel group-Civilians") instead of numeric codes`)
	withPlaces := fs.Bool("places", false, "geojson: add a feature per place the exported documents name")
	unlocated := fs.Bool("unlocated", false, "geojson: keep events without coordinates, with a null geometry")
	from := fs.String("from", "", "only events on or after this date (YYYY-MM-DD)")
	to := fs.String("to", "", "only events on or before this date (YYYY-MM-DD)")
	country := fs.String("country", "", "only events in these countries (ISO 3166-1 alpha-2, comma-separated)")
	typ := fs.String("type", "", "only events of these types or sub-types (comma-separated)")
	minConf := fs.Float64("min-confidence", 0, "only events with at least this confidence (0–1)")
	rest, err := parseArgs(fs, args)
	if err != nil {
		return usageStatus(err)
	}
	if len(rest) > 0 {
		errf(e.stderr, "export", "unexpected argument %q (the input is given with -i)", rest[0])
		return 2
	}
	if *format == "" {
		errf(e.stderr, "export", "--format is required (%s)", export.Names())
		return 2
	}
	if _, ok := export.Lookup(*format); !ok {
		errf(e.stderr, "export", "unknown format %q (formats: %s)", *format, export.Names())
		return 2
	}
	filter, err := export.ParseFilter(*from, *to, *country, *typ, *minConf)
	if err != nil {
		errf(e.stderr, "export", "--%v", err)
		return 2
	}
	opts := export.Options{Filter: filter, BOM: *bom, RawCells: *rawCells, InterLabels: *inter, Places: *withPlaces, Unlocated: *unlocated}
	inSet := false
	fs.Visit(func(f *flag.Flag) { inSet = inSet || f.Name == "i" })
	if *db != "" && inSet {
		errf(e.stderr, "export", "read from --db or -i, not both")
		return 2
	}
	if *db == "" && (len(places) > 0 || len(actors) > 0 || len(sources) > 0) {
		errf(e.stderr, "export", "--place, --actor and --source need --db (a JSON Lines input is filtered by --from, --to, --country and --type)")
		return 2
	}

	var src export.Source
	var jsonl *export.JSONL
	name := "stdin"
	if *db != "" {
		p, err := newPipeline()
		if err != nil {
			errf(e.stderr, "export", "%v", err)
			return 1
		}
		st, err := openStore(ctx, *db, p, true)
		if err != nil {
			errf(e.stderr, "export", "%v", err)
			return 1
		}
		defer st.Close()
		sf := store.Filter{From: *from, To: *to, Countries: filter.Countries, EventTypes: filter.Types, Places: places, Actors: actors, Sources: sources}
		ss := export.NewStoreSource(st, sf)
		so, err := export.StoreOptions(sf, ss)
		if err != nil {
			errf(e.stderr, "export", "%v", err)
			return 2
		}
		opts.Filter.Event = so.Filter.Event
		src, name = ss, *db
	} else {
		var r io.Reader = e.stdin
		if *in != "-" {
			f, err := os.Open(*in)
			if err != nil {
				errf(e.stderr, "export", "%v", err)
				return 1
			}
			defer f.Close()
			r, name = f, *in
		}
		jsonl = export.NewJSONL(r, name)
		jsonl.OnSkip = func(line int, id, msg string) {
			fmt.Fprintf(e.stderr, "marsad export: %s:%d: skipped %s: it could not be analysed (%s)\n", name, line, id, msg)
		}
		src = jsonl
	}

	w := e.stdout
	var tmp *os.File
	if *out != "" {
		tmp, err = os.CreateTemp(filepath.Dir(*out), "."+filepath.Base(*out)+".*.tmp")
		if err != nil {
			errf(e.stderr, "export", "%v", err)
			return 1
		}
		defer os.Remove(tmp.Name()) // after a successful rename, nothing to remove
		defer tmp.Close()
		if err := tmp.Chmod(0o644); err != nil {
			errf(e.stderr, "export", "%v", err)
			return 1
		}
		w = tmp
	}
	st, err := export.Write(ctx, *format, src, w, opts)
	if err == nil && tmp != nil {
		if err = tmp.Close(); err == nil {
			err = os.Rename(tmp.Name(), *out)
		}
		if err != nil {
			err = &export.WriteError{Err: err}
		}
	}
	if err != nil {
		if errors.Is(err, context.Canceled) {
			errf(e.stderr, "export", "interrupted")
		} else {
			errf(e.stderr, "export", "%v", err) // a *LineError names the input and line
		}
		return 1
	}
	if *out != "" {
		fmt.Fprintf(e.stderr, "marsad export: %d analyses read, %d exported, %d events written to %s (%s)\n",
			st.Analyses, st.Exported, st.Events, *out, *format)
	}
	if jsonl != nil && jsonl.Skipped > 0 {
		fmt.Fprintf(e.stderr, "marsad export: %d line(s) of documents that could not be analysed were skipped\n", jsonl.Skipped)
	}
	return 0
}
