// Package postgres is marsad's store for teams that share a PostgreSQL
// server (marsad ingest --db postgres://…), through pgx.
//
// Full-text search indexes marsad's own index tokens (store.IndexToken)
// as a tsvector written literally — positions and all — never passed
// through a text-search configuration, and queries are tsquery literals
// compiled by package store. PostgreSQL's own Arabic stemmer is not used:
// it cuts names (بغداد) and leaves والموصل whole, and the SQLite backend
// could not match its results.
//
// PostgreSQL caps tsvector positions at 16,383 and a tsvector at 1 MB:
// beyond those (texts of more than about 100,000 words) a document is
// indexed on its first words only.
//
// Importing the package registers the "postgres" backend with store.Open.
package postgres

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver

	"github.com/marsad/marsad/store"
	"github.com/marsad/marsad/store/internal/sqlstore"
)

//go:embed migrations/*.sql
var migrations embed.FS

func init() {
	store.Register("postgres", func(ctx context.Context, dsn string, o store.Options) (store.Store, error) {
		return Open(ctx, dsn, o)
	})
}

// Store is the PostgreSQL store.
type Store struct {
	*sqlstore.DB
}

// maxTSVector is the largest tsvector literal written (PostgreSQL refuses
// tsvectors of 1 MB and more).
const maxTSVector = 900 << 10

// Open connects to the database a postgres:// URL (or key=value string)
// names and brings its schema up to date.
func Open(ctx context.Context, dsn string, o store.Options) (*Store, error) {
	cfg, err := pgconn.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("postgres: bad DSN: %w", err)
	}
	where := fmt.Sprintf("%s:%d/%s", cfg.Host, cfg.Port, cfg.Database)
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("postgres: %s: %w", where, err)
	}
	db.SetMaxOpenConns(8)
	db.SetConnMaxIdleTime(5 * time.Minute)
	pctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	if err := db.PingContext(pctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("postgres: cannot connect to %s: %w", where, err)
	}
	mig, _ := fs.Sub(migrations, "migrations")
	s, err := sqlstore.New(ctx, db, sqlstore.Dialect{
		Name:          "postgres",
		Migrations:    mig,
		MigrationLock: `SELECT pg_advisory_xact_lock(7236354)`,
		WriteLock:     `SELECT pg_advisory_xact_lock(7236355)`,
		Index: func(ctx context.Context, tx *sql.Tx, seq int64, tokens []string) error {
			tsv := store.TSVector(tokens)
			for len(tsv) > maxTSVector && len(tokens) > 1 {
				tokens = tokens[:len(tokens)*3/4]
				tsv = store.TSVector(tokens)
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO doc_search (doc, tsv) VALUES ($1, $2::tsvector)`, seq, tsv)
			return err
		},
		Unindex: func(context.Context, *sql.Tx, int64) error { return nil }, // ON DELETE CASCADE
		Rank: func(q *store.ParsedQuery, n int) (string, string, string, any) {
			return `JOIN doc_search s ON s.doc = d.seq`, fmt.Sprintf(`s.tsv @@ $%d::tsquery`, n),
				fmt.Sprintf(`ts_rank(s.tsv, $%d::tsquery, 1)`, n), q.TSQuery()
		},
		Match: func(q *store.ParsedQuery, n int) (string, any) {
			return fmt.Sprintf(`d.seq IN (SELECT doc FROM doc_search WHERE tsv @@ $%d::tsquery)`, n), q.TSQuery()
		},
		Size: func(ctx context.Context, db *sql.DB) (int64, error) {
			var n sql.NullInt64
			err := db.QueryRowContext(ctx, `SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c
				JOIN pg_namespace ns ON ns.oid = c.relnamespace
				WHERE ns.nspname = current_schema() AND c.relkind = 'r'`).Scan(&n)
			return n.Int64, err
		},
	}, o)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("postgres: %s: %w", where, err)
	}
	return &Store{DB: s}, nil
}
