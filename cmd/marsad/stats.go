package main

import (
	"context"
	"encoding/json"
	"fmt"
)

func init() {
	register(&command{
		name:    "stats",
		summary: "show what the store holds",
		run:     runStats,
	})
}

func runStats(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "stats", "[--db DSN] [--json]", `Prints what the store holds: documents, near-duplicates, entities,
places, actors, events, sources, the days covered, and its size.`)
	db := dbFlag(fs)
	asJSON := fs.Bool("json", false, "one JSON object")
	rest, err := parseArgs(fs, args)
	if err != nil {
		return usageStatus(err)
	}
	if len(rest) > 0 {
		errf(e.stderr, "stats", "takes no arguments (got %q)", rest[0])
		return 2
	}
	p, err := newPipeline()
	if err != nil {
		errf(e.stderr, "stats", "%v", err)
		return 1
	}
	st, err := openStore(ctx, *db, p, true)
	if err != nil {
		errf(e.stderr, "stats", "%v", err)
		return 1
	}
	defer st.Close()
	s, err := st.Stats(ctx)
	if err != nil {
		errf(e.stderr, "stats", "%v", err)
		return 1
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		enc.Encode(s)
		return 0
	}
	fmt.Fprintf(e.stdout, "backend          %s (schema version %d)\n", s.Backend, s.SchemaVersion)
	fmt.Fprintf(e.stdout, "documents        %d (%d near-duplicates)\n", s.Documents, s.NearDuplicates)
	fmt.Fprintf(e.stdout, "days             %s – %s\n", s.FirstDay, s.LastDay)
	fmt.Fprintf(e.stdout, "sources          %d\n", s.Sources)
	fmt.Fprintf(e.stdout, "entities         %d\n", s.Entities)
	fmt.Fprintf(e.stdout, "places, actors   %d, %d\n", s.Places, s.Actors)
	fmt.Fprintf(e.stdout, "events           %d\n", s.Events)
	fmt.Fprintf(e.stdout, "feed items seen  %d\n", s.SeenKeys)
	fmt.Fprintf(e.stdout, "size             %.1f MB\n", float64(s.SizeBytes)/1e6)
	return 0
}
