package store

import (
	"context"
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"
	"time"
)

// DefaultDSN is the store marsad uses when none is named: an SQLite file
// in the current folder (or $MARSAD_DB).
const DefaultDSN = "marsad.db"

// Options configure a store when it is opened.
type Options struct {
	// Indexer analyses documents and queries; nil is NewIndexer(nil),
	// which stems like the default pipeline. Pass the pipeline's segmenter
	// (pipeline.Segmenter) so that index and queries protect the same
	// names.
	Indexer *Indexer
	// MustExist refuses to create a store: for commands that only read
	// (search, stats), so that a mistyped --db is an error, not a new,
	// empty database.
	MustExist bool
}

// A Driver opens one kind of store.
type Driver func(ctx context.Context, dsn string, o Options) (Store, error)

var (
	driversMu sync.Mutex
	drivers   = map[string]Driver{}
)

// Register makes a backend available to Open under a name ("sqlite",
// "postgres"). Backends call it from init.
func Register(name string, d Driver) {
	driversMu.Lock()
	defer driversMu.Unlock()
	if _, dup := drivers[name]; dup {
		panic("store: backend registered twice: " + name)
	}
	drivers[name] = d
}

// Backend returns the backend a DSN names and the DSN that backend is
// given: postgres:// and postgresql:// URLs (and key=value strings with
// host= or dbname=) go to "postgres"; "sqlite:PATH", "file:PATH" and
// any other path to "sqlite". An empty DSN is $MARSAD_DB, else marsad.db.
func Backend(dsn string) (name, rest string) {
	if dsn == "" {
		dsn = os.Getenv("MARSAD_DB")
	}
	if dsn == "" {
		dsn = DefaultDSN
	}
	l := strings.ToLower(dsn)
	switch {
	case strings.HasPrefix(l, "postgres://"), strings.HasPrefix(l, "postgresql://"):
		return "postgres", dsn
	case strings.HasPrefix(l, "sqlite:"):
		return "sqlite", dsn[len("sqlite:"):]
	case strings.Contains(dsn, "dbname=") || strings.HasPrefix(l, "host="):
		return "postgres", dsn
	}
	return "sqlite", dsn
}

// Open opens (creating and migrating when needed) the store a DSN names.
func Open(ctx context.Context, dsn string, o Options) (Store, error) {
	name, rest := Backend(dsn)
	driversMu.Lock()
	d := drivers[name]
	var known []string
	for n := range drivers {
		known = append(known, n)
	}
	driversMu.Unlock()
	if d == nil {
		sort.Strings(known)
		return nil, fmt.Errorf("store: backend %q is not built in (have %s)", name, strings.Join(known, ", "))
	}
	if o.Indexer == nil {
		o.Indexer = NewIndexer(nil)
	}
	return d(ctx, rest, o)
}

// DayRange checks and expands a date filter: From YYYY or YYYY-MM becomes
// the first day, To the last day of that year or month.
func DayRange(from, to string) (string, string, error) {
	f, err := expandDay(from, false)
	if err != nil {
		return "", "", err
	}
	t, err := expandDay(to, true)
	if err != nil {
		return "", "", err
	}
	return f, t, nil
}

func expandDay(s string, end bool) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	for _, f := range []struct {
		layout string
		next   func(time.Time) time.Time
	}{
		{"2006-01-02", func(t time.Time) time.Time { return t.AddDate(0, 0, 1) }},
		{"2006-01", func(t time.Time) time.Time { return t.AddDate(0, 1, 0) }},
		{"2006", func(t time.Time) time.Time { return t.AddDate(1, 0, 0) }},
	} {
		if t, err := time.Parse(f.layout, s); err == nil {
			if end {
				t = f.next(t).AddDate(0, 0, -1)
			}
			return t.Format("2006-01-02"), nil
		}
	}
	return "", fmt.Errorf("date %q is not YYYY-MM-DD, YYYY-MM or YYYY", s)
}
