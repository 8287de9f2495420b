package main

import (
	"context"
	"flag"
	"os"
	"strings"

	"golang.org/x/term"

	"github.com/marsad/marsad/pipeline"
	"github.com/marsad/marsad/store"
	_ "github.com/marsad/marsad/store/postgres" // --db postgres://…
	_ "github.com/marsad/marsad/store/sqlite"   // --db PATH (the default)
)

// dbFlag adds the --db flag every store command takes.
func dbFlag(fs *flag.FlagSet) *string {
	return fs.String("db", "", "the store: an SQLite file or sqlite:PATH, or postgres://… (default $MARSAD_DB, else marsad.db)")
}

// openStore opens the store a --db value names, with the pipeline's
// segmenter so that the index and queries protect the same names;
// readOnly commands do not create a store that is not there.
func openStore(ctx context.Context, dsn string, p *pipeline.Pipeline, readOnly bool) (store.Store, error) {
	return store.Open(ctx, dsn, store.Options{Indexer: store.NewIndexer(p.Segmenter()), MustExist: readOnly})
}

// listFlag is a flag that may be repeated; each value may also hold
// several, separated by commas (Latin or Arabic).
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(v string) error {
	for _, part := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == '،' }) {
		if part = strings.TrimSpace(part); part != "" {
			*l = append(*l, part)
		}
	}
	return nil
}

// isTerminal reports whether w is a terminal (for progress bars and
// colour); test buffers and pipes are not.
func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

func newPipeline() (*pipeline.Pipeline, error) { return pipeline.New() }
