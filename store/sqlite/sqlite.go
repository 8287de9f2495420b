// Package sqlite is marsad's embedded store: one SQLite file (marsad.db by
// default) through modernc.org/sqlite, pure Go, so marsad needs no server
// and no C compiler. Full-text search is an FTS5 table of marsad's own
// index tokens (store.IndexToken): FTS5 only splits them on spaces, it
// never analyses Arabic itself.
//
// The file is in WAL mode with synchronous=NORMAL: a transaction that has
// committed survives the process being killed, and readers (marsad search)
// never wait for a writer (marsad ingest). Writers take the lock when they
// begin (BEGIN IMMEDIATE) and wait up to 30 s for one another.
//
// Importing the package registers the "sqlite" backend with store.Open.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/marsad/marsad/store"
	"github.com/marsad/marsad/store/internal/sqlstore"
)

//go:embed migrations/*.sql
var migrations embed.FS

func init() {
	store.Register("sqlite", func(ctx context.Context, dsn string, o store.Options) (store.Store, error) {
		return Open(ctx, dsn, o)
	})
}

// Store is the SQLite store.
type Store struct {
	*sqlstore.DB
	path string
}

// Open opens or creates the SQLite database at path and brings its schema
// up to date.
func Open(ctx context.Context, path string, o store.Options) (*Store, error) {
	path = strings.TrimPrefix(path, "file:")
	if path == "" {
		return nil, errors.New("sqlite: no database path")
	}
	if strings.ContainsAny(path, "?#") {
		return nil, fmt.Errorf("sqlite: %s: a database path may not contain ? or #", path)
	}
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return nil, fmt.Errorf("sqlite: %s is a folder, not a database file", path)
	} else if err != nil && o.MustExist {
		return nil, fmt.Errorf("sqlite: %s: %w", path, store.ErrNoStore)
	}
	if dir := filepath.Dir(path); dir != "." {
		if _, err := os.Stat(dir); err != nil {
			return nil, fmt.Errorf("sqlite: %s: the folder does not exist", path)
		}
	}
	q := url.Values{}
	for _, p := range []string{"busy_timeout(30000)", "journal_mode(WAL)", "synchronous(NORMAL)", "foreign_keys(1)", "cache_size(-32000)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("sqlite: %s: %w", path, err)
	}
	// database/sql keeps 2 idle connections by default: under concurrent
	// requests (marsad serve) every other query would open a connection
	// anew, parse the schema and start with a cold page cache. Keep a
	// bounded pool warm instead; requests beyond it wait their turn.
	conns := max(4, 2*runtime.GOMAXPROCS(0))
	db.SetMaxOpenConns(conns)
	db.SetMaxIdleConns(conns)
	db.SetConnMaxIdleTime(10 * time.Minute)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlite: %s: %w", path, explain(err))
	}
	mig, _ := fs.Sub(migrations, "migrations")
	s, err := sqlstore.New(ctx, db, sqlstore.Dialect{
		Name:       "sqlite",
		Migrations: mig,
		Index: func(ctx context.Context, tx *sql.Tx, seq int64, tokens []string) error {
			_, err := tx.ExecContext(ctx, `INSERT INTO doc_fts (rowid, tokens) VALUES ($1, $2)`, seq, strings.Join(tokens, " "))
			return err
		},
		Unindex: func(ctx context.Context, tx *sql.Tx, seq int64) error {
			_, err := tx.ExecContext(ctx, `DELETE FROM doc_fts WHERE rowid = $1`, seq)
			return err
		},
		Rank: func(q *store.ParsedQuery, n int) (string, string, string, any) {
			// A subquery: bm25() cannot be used beside a window function.
			return fmt.Sprintf(`JOIN (SELECT rowid AS fseq, -bm25(doc_fts) AS fscore FROM doc_fts WHERE doc_fts MATCH $%d) f ON f.fseq = d.seq`, n),
				`1 = 1`, `f.fscore`, q.FTS5()
		},
		Match: func(q *store.ParsedQuery, n int) (string, any) {
			return fmt.Sprintf(`d.seq IN (SELECT rowid FROM doc_fts WHERE doc_fts MATCH $%d)`, n), q.FTS5()
		},
		Size: func(ctx context.Context, db *sql.DB) (int64, error) {
			var pages, size int64
			if err := db.QueryRowContext(ctx, `SELECT page_count, page_size FROM pragma_page_count(), pragma_page_size()`).Scan(&pages, &size); err != nil {
				return 0, err
			}
			return pages * size, nil
		},
	}, o)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlite: %s: %w", path, explain(err))
	}
	return &Store{DB: s, path: path}, nil
}

// Path returns the database file's path.
func (s *Store) Path() string { return s.path }

// explain turns SQLite's terse codes into what a user can act on.
func explain(err error) error {
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_NOTADB:
			return fmt.Errorf("not an SQLite database (%w)", err)
		case sqlite3.SQLITE_CANTOPEN:
			return fmt.Errorf("cannot open the file (%w)", err)
		case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM:
			return fmt.Errorf("the database is read-only here (%w)", err)
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return fmt.Errorf("another process holds the database (%w)", err)
		}
	}
	return err
}
