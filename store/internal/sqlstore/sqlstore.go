// Package sqlstore implements store.Store over database/sql for both
// backends: the schema is the same in SQLite and PostgreSQL, so are the
// queries (written with $n placeholders, which both accept); a Dialect
// supplies the few things that differ — the full-text index, migrations,
// the database's size.
package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/marsad/marsad/analysis"
	"github.com/marsad/marsad/store"
)

// Dialect is what a backend supplies.
type Dialect struct {
	Name string
	// Migrations holds NNNN_name.sql files applied in order on open.
	Migrations fs.FS
	// MigrationLock is run first in each migration's transaction, so that
	// two processes opening one database do not both migrate it.
	MigrationLock string
	// WriteLock is run first in each Put's transaction: writers take
	// turns, so that each sees what the one before stored (ids, texts,
	// near-duplicate candidates). SQLite needs none (BEGIN IMMEDIATE).
	WriteLock string
	// Index adds a document's index tokens to the full-text index;
	// Unindex removes them before the document is deleted.
	Index   func(ctx context.Context, tx *sql.Tx, seq int64, tokens []string) error
	Unindex func(ctx context.Context, tx *sql.Tx, seq int64) error
	// Rank returns what selects and scores the documents d matching a
	// query whose compiled form is parameter $n: a join, a condition and
	// a score expression (higher is better), and the parameter's value.
	Rank func(q *store.ParsedQuery, n int) (join, cond, score string, arg any)
	// Match returns a condition on d alone for the same documents.
	Match func(q *store.ParsedQuery, n int) (cond string, arg any)
	// Size returns the database's size in bytes.
	Size func(ctx context.Context, db *sql.DB) (int64, error)
}

// DB is a store.Store over a database/sql handle.
type DB struct {
	db      *sql.DB
	d       Dialect
	ix      *store.Indexer
	version int
}

// New applies the dialect's migrations to db and returns the store. With
// o.MustExist, a database that holds no marsad store is an error
// (store.ErrNoStore) instead of being set up.
func New(ctx context.Context, db *sql.DB, d Dialect, o store.Options) (*DB, error) {
	ix := o.Indexer
	if ix == nil {
		ix = store.NewIndexer(nil)
	}
	s := &DB{db: db, d: d, ix: ix}
	if o.MustExist {
		if v, err := s.schemaVersion(ctx, db); err != nil || v == 0 {
			return nil, store.ErrNoStore
		}
	}
	if err := s.migrate(ctx); err != nil {
		return nil, err
	}
	return s, nil
}

// SQL returns the database handle (for tests and tools).
func (s *DB) SQL() *sql.DB { return s.db }

// Close closes the database.
func (s *DB) Close() error { return s.db.Close() }

var migrationName = regexp.MustCompile(`^(\d{4})_([a-z0-9_]+)\.sql$`)

// migrate applies the migrations the database has not had, each in its own
// transaction, recording each in schema_migrations.
func (s *DB) migrate(ctx context.Context) error {
	if err := s.inTx(ctx, func(tx *sql.Tx) error {
		if s.d.MigrationLock != "" {
			if _, err := tx.ExecContext(ctx, s.d.MigrationLock); err != nil {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
			version INTEGER PRIMARY KEY,
			name TEXT NOT NULL,
			applied_at TEXT NOT NULL)`)
		return err
	}); err != nil {
		return fmt.Errorf("create schema_migrations: %w", err)
	}
	entries, err := fs.ReadDir(s.d.Migrations, ".")
	if err != nil {
		return err
	}
	type mig struct {
		v    int
		name string
		file string
	}
	var migs []mig
	for _, e := range entries {
		m := migrationName.FindStringSubmatch(e.Name())
		if m == nil {
			continue
		}
		v, _ := strconv.Atoi(m[1])
		migs = append(migs, mig{v, m[2], e.Name()})
	}
	sort.Slice(migs, func(i, j int) bool { return migs[i].v < migs[j].v })
	latest := 0
	if len(migs) > 0 {
		latest = migs[len(migs)-1].v
	}
	cur, err := s.schemaVersion(ctx, s.db)
	if err != nil {
		return err
	}
	if cur > latest {
		return fmt.Errorf("the database has schema version %d, newer than this marsad knows (%d): upgrade marsad", cur, latest)
	}
	for _, m := range migs {
		if m.v <= cur {
			continue
		}
		body, err := fs.ReadFile(s.d.Migrations, path.Clean(m.file))
		if err != nil {
			return err
		}
		if err := s.inTx(ctx, func(tx *sql.Tx) error {
			if s.d.MigrationLock != "" {
				if _, err := tx.ExecContext(ctx, s.d.MigrationLock); err != nil {
					return err
				}
			}
			// Another process may have migrated while this one waited.
			v, err := s.schemaVersion(ctx, tx)
			if err != nil || v >= m.v {
				return err
			}
			if _, err := tx.ExecContext(ctx, string(body)); err != nil {
				return err
			}
			_, err = tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)`,
				m.v, m.name, now())
			return err
		}); err != nil {
			return fmt.Errorf("migration %s: %w", m.file, err)
		}
	}
	s.version = latest
	return nil
}

type queryer interface {
	QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row
}

func (s *DB) schemaVersion(ctx context.Context, q queryer) (int, error) {
	var v sql.NullInt64
	if err := q.QueryRowContext(ctx, `SELECT max(version) FROM schema_migrations`).Scan(&v); err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	return int(v.Int64), nil
}

// inTx runs fn in a transaction, committed when fn returns nil.
func (s *DB) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

func now() string { return time.Now().UTC().Format(time.RFC3339) }

// str is a string column: NULL when empty.
func str(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func jsonOf(v any) (string, error) {
	b, err := json.Marshal(v)
	return string(b), err
}

// --- Put ---------------------------------------------------------------

// Put implements store.Store.
func (s *DB) Put(ctx context.Context, recs []*store.Record, opts store.PutOptions) ([]store.PutResult, error) {
	res := make([]store.PutResult, len(recs))
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if s.d.WriteLock != "" {
			if _, err := tx.ExecContext(ctx, s.d.WriteLock); err != nil {
				return err
			}
		}
		k, err := s.known(ctx, tx, recs)
		if err != nil {
			return err
		}
		for i, r := range recs {
			if err := ctx.Err(); err != nil {
				return err
			}
			pr, err := s.put(ctx, tx, r, opts, k)
			if err != nil {
				return fmt.Errorf("store %s: %w", r.Doc.ID, err)
			}
			res[i] = pr
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

// known is what a batch needs to know of the stored documents, read in
// three queries for the whole batch and kept up to date as it is written:
// the batch's ids, its texts' hashes, and near-duplicate candidates.
type known struct {
	byID   map[string]storedDoc
	byHash map[string]storedDoc // the first document with each text
	bands  map[int64][]candidate
}

type storedDoc struct {
	seq      int64
	id, hash string
	original string // the id of its original, or its own id
}

type candidate struct {
	seq int64
	id  string
	sig []uint32
}

func (s *DB) known(ctx context.Context, tx *sql.Tx, recs []*store.Record) (*known, error) {
	k := &known{byID: map[string]storedDoc{}, byHash: map[string]storedDoc{}, bands: map[int64][]candidate{}}
	var ids, hashes []string
	var keys []int64
	for _, r := range recs {
		ids = append(ids, r.Doc.ID)
		hashes = append(hashes, r.Hash)
		keys = append(keys, store.BandKeys(r.MinHash)...)
	}
	scanDocs := func(col string, vals []string, into map[string]storedDoc, keyOf func(storedDoc) string) error {
		for len(vals) > 0 {
			n := min(len(vals), 500)
			ph, args := placeholders(1, vals[:n])
			rows, err := tx.QueryContext(ctx, `SELECT seq, id, hash, coalesce(duplicate_of, id) FROM documents WHERE `+col+` IN (`+ph+`) ORDER BY seq`, args...)
			if err != nil {
				return err
			}
			for rows.Next() {
				var d storedDoc
				if err := rows.Scan(&d.seq, &d.id, &d.hash, &d.original); err != nil {
					rows.Close()
					return err
				}
				if _, ok := into[keyOf(d)]; !ok {
					into[keyOf(d)] = d
				}
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
			vals = vals[n:]
		}
		return nil
	}
	if err := scanDocs("id", ids, k.byID, func(d storedDoc) string { return d.id }); err != nil {
		return nil, err
	}
	if err := scanDocs("hash", hashes, k.byHash, func(d storedDoc) string { return d.hash }); err != nil {
		return nil, err
	}
	for len(keys) > 0 {
		n := min(len(keys), 500)
		ph, args := placeholders(1, keys[:n])
		rows, err := tx.QueryContext(ctx, `SELECT b.key, d.seq, d.id, d.minhash FROM doc_bands b JOIN documents d ON d.seq = b.doc
			WHERE b.key IN (`+ph+`)`, args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var key int64
			var c candidate
			var mh []byte
			if err := rows.Scan(&key, &c.seq, &c.id, &mh); err != nil {
				rows.Close()
				return nil, err
			}
			c.sig = store.DecodeMinHash(mh)
			k.bands[key] = append(k.bands[key], c)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		keys = keys[n:]
	}
	return k, nil
}

// nearest returns the most similar original among a signature's
// candidates (the earliest stored of equals), if similar enough.
func (k *known) nearest(sig []uint32, self string) (string, float64) {
	var best candidate
	bestSim := 0.0
	for _, key := range store.BandKeys(sig) {
		for _, c := range k.bands[key] {
			if c.id == self {
				continue
			}
			sim := store.Similarity(sig, c.sig)
			if sim >= store.NearDuplicateThreshold && (sim > bestSim || sim == bestSim && c.seq < best.seq) {
				best, bestSim = c, sim
			}
		}
	}
	return best.id, bestSim
}

func (s *DB) put(ctx context.Context, tx *sql.Tx, r *store.Record, opts store.PutOptions, k *known) (store.PutResult, error) {
	var pr store.PutResult
	var keep int64 // an updated document keeps its place (seq)
	if old, ok := k.byID[r.Doc.ID]; ok {
		if old.hash == r.Hash && !opts.Replace {
			pr.Outcome = store.Unchanged
			return pr, s.markSeen(ctx, tx, r.SeenKeys, r.Doc.ID, "")
		}
		if err := s.d.Unindex(ctx, tx, old.seq); err != nil {
			return pr, err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM documents WHERE seq = $1`, old.seq); err != nil {
			return pr, err
		}
		if h, ok := k.byHash[old.hash]; ok && h.id == old.id {
			delete(k.byHash, old.hash)
		}
		keep = old.seq
		pr.Outcome = store.Updated
	} else {
		pr.Outcome = store.Added
	}

	// Is it a copy of a stored original? The same text first, then a
	// near-duplicate by signature.
	var dupOf string
	var sim float64
	if h, ok := k.byHash[r.Hash]; ok && h.id != r.Doc.ID {
		dupOf, sim = h.original, 1
	} else if r.MinHash != nil {
		dupOf, sim = k.nearest(r.MinHash, r.Doc.ID)
	}
	if dupOf != "" {
		pr.DuplicateOf, pr.Similarity = dupOf, sim
		if pr.Outcome == store.Added {
			pr.Outcome = store.NearDuplicate
		}
	}

	seq, err := s.insert(ctx, tx, r, keep, dupOf, sim)
	if err != nil {
		return pr, err
	}
	if err := s.d.Index(ctx, tx, seq, r.Tokens); err != nil {
		return pr, fmt.Errorf("index: %w", err)
	}
	d := storedDoc{seq: seq, id: r.Doc.ID, hash: r.Hash, original: r.Doc.ID}
	if dupOf != "" {
		d.original = dupOf
	}
	k.byID[d.id] = d
	if _, ok := k.byHash[d.hash]; !ok {
		k.byHash[d.hash] = d
	}
	if dupOf == "" && r.MinHash != nil {
		keys := store.BandKeys(r.MinHash)
		rows := make([][]any, len(keys))
		for i, key := range keys {
			rows[i] = []any{key, seq}
			k.bands[key] = append(k.bands[key], candidate{seq, d.id, r.MinHash})
		}
		if err := insertRows(ctx, tx, "doc_bands", []string{"key", "doc"}, rows, " ON CONFLICT DO NOTHING"); err != nil {
			return pr, err
		}
	}
	return pr, s.markSeen(ctx, tx, r.SeenKeys, r.Doc.ID, "")
}

// insert writes a document, its analysis and its rows, at seq (0: the
// next).
func (s *DB) insert(ctx context.Context, tx *sql.Tx, r *store.Record, seq int64, dupOf string, sim float64) (int64, error) {
	d, a := &r.Doc, r.Analysis
	var day any
	if d.Published != "" {
		t, err := analysis.ParseDate(d.Published)
		if err != nil {
			return 0, err
		}
		day = t.Format("2006-01-02")
	}
	var meta any
	if len(d.Meta) > 0 {
		m, err := jsonOf(d.Meta)
		if err != nil {
			return 0, fmt.Errorf("meta: %w", err)
		}
		meta = m
	}
	var mh, simv any
	if dupOf == "" {
		if b := store.EncodeMinHash(r.MinHash); b != nil {
			mh = b
		}
	} else {
		simv = sim
	}
	cols := "id, title, text, published, day, source, source_key, url, lang, meta, hash, minhash, duplicate_of, similarity, ingested_at"
	vals := "$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15"
	args := []any{d.ID, d.Title, d.Text, str(d.Published), day, str(d.Source), str(strings.ToLower(d.Source)), str(d.URL), str(d.Lang),
		meta, r.Hash, mh, str(dupOf), simv, now()}
	if seq > 0 {
		cols, vals, args = cols+", seq", vals+", $16", append(args, seq)
	}
	err := tx.QueryRowContext(ctx, `INSERT INTO documents (`+cols+`) VALUES (`+vals+`) RETURNING seq`, args...).Scan(&seq)
	if err != nil {
		return 0, err
	}

	whole := *a
	whole.Text = ""
	aj, err := jsonOf(&whole)
	if err != nil {
		return 0, fmt.Errorf("analysis: %w", err)
	}
	var relevant, score, topics any
	if a.Relevance != nil {
		relevant, score = a.Relevance.Relevant, a.Relevance.Score
		t, _ := jsonOf(a.Relevance.Topics)
		topics = t
	}
	summary, _ := jsonOf(a.Summary)
	schema := a.Schema
	if schema == "" {
		schema = analysis.Schema
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO analyses (doc, schema, relevant, relevance_score, topics, summary, analysis, analysed_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, seq, schema, relevant, score, topics, summary, aj, now()); err != nil {
		return 0, err
	}
	return seq, s.insertRows(ctx, tx, seq, d, a)
}

// insertRows writes the analysis's lists as rows.
func (s *DB) insertRows(ctx context.Context, tx *sql.Tx, seq int64, d *analysis.Document, a *analysis.Analysis) error {
	key := s.ix.NameKey
	keyOf := func(v analysis.Str) any {
		if v == "" {
			return nil
		}
		return key(string(v))
	}
	var rows [][]any
	for i, e := range a.Entities {
		var sc any
		if e.Score != 0 {
			sc = e.Score
		}
		rows = append(rows, []any{seq, i, e.Type, e.Text, e.Start, e.End, str(e.Norm), keyOf(analysis.Str(e.Norm)), str(string(e.Ref)), sc})
	}
	if err := insertRows(ctx, tx, "entities", []string{"doc", "n", "type", "text", "span_start", "span_end", "norm", "norm_key", "ref", "score"}, rows, ""); err != nil {
		return err
	}
	rows = rows[:0]
	for i, p := range a.Places {
		rows = append(rows, []any{seq, i, str(p.Ref), p.Name, key(p.Name), str(string(p.NameEn)), keyOf(p.NameEn), str(p.Kind),
			str(strings.ToUpper(string(p.Country))), str(string(p.Admin1)), keyOf(p.Admin1), p.Lat, p.Lon, p.Mentions})
	}
	if err := insertRows(ctx, tx, "places", []string{"doc", "n", "ref", "name", "name_key", "name_en", "name_en_key", "kind", "country", "admin1", "admin1_key", "lat", "lon", "mentions"}, rows, ""); err != nil {
		return err
	}
	rows = rows[:0]
	for i, p := range a.Actors {
		rows = append(rows, []any{seq, i, str(p.Ref), p.Name, key(p.Name), str(string(p.NameEn)), keyOf(p.NameEn), str(p.Kind),
			str(strings.ToUpper(string(p.Country))), p.Mentions})
	}
	if err := insertRows(ctx, tx, "actors", []string{"doc", "n", "ref", "name", "name_key", "name_en", "name_en_key", "kind", "country", "mentions"}, rows, ""); err != nil {
		return err
	}
	rows = rows[:0]
	for i, t := range a.Times {
		rows = append(rows, []any{seq, i, t.Text, t.Start, t.End, str(string(t.Value)), str(t.Precision)})
	}
	if err := insertRows(ctx, tx, "times", []string{"doc", "n", "text", "span_start", "span_end", "value", "precision"}, rows, ""); err != nil {
		return err
	}
	rows = rows[:0]
	for i, q := range a.Quantities {
		rows = append(rows, []any{seq, i, q.Text, q.Start, q.End, q.Value, str(string(q.Unit)), str(q.Role)})
	}
	if err := insertRows(ctx, tx, "quantities", []string{"doc", "n", "text", "span_start", "span_end", "value", "unit", "role"}, rows, ""); err != nil {
		return err
	}
	rows = rows[:0]
	var actorRows [][]any
	docDay := ""
	if d.Published != "" {
		if t, err := analysis.ParseDate(d.Published); err == nil {
			docDay = t.Format("2006-01-02")
		}
	}
	for i, e := range a.Events {
		day := docDay
		if v := string(e.Date); len(v) >= 10 {
			if _, err := time.Parse("2006-01-02", v[:10]); err == nil {
				day = v[:10]
			}
		}
		var loc analysis.EventPlace
		if e.Location != nil {
			loc = *e.Location
		}
		var lat, lon, fat, inj any
		if e.Location != nil {
			lat, lon = loc.Lat, loc.Lon
		}
		if e.Fatalities != nil {
			fat = *e.Fatalities
		}
		if e.Injuries != nil {
			inj = *e.Injuries
		}
		var locKey any
		if loc.Name != "" {
			locKey = key(loc.Name)
		}
		rows = append(rows, []any{seq, i, e.Type, str(string(e.SubType)), str(string(e.Cameo)), str(string(e.Date)), str(string(e.DatePrecision)), str(day),
			str(string(loc.Ref)), str(loc.Name), locKey, str(string(loc.NameEn)), keyOf(loc.NameEn),
			str(strings.ToUpper(string(loc.Country))), str(string(loc.Admin1)), keyOf(loc.Admin1), lat, lon, fat, inj,
			e.Evidence.Start, e.Evidence.End, str(e.Evidence.Text), e.Confidence})
		for role, refs := range map[string][]analysis.ActorRef{"actor": e.Actors, "target": e.Targets} {
			for j, ar := range refs {
				var nk any
				if ar.Name != "" {
					nk = key(ar.Name)
				}
				actorRows = append(actorRows, []any{seq, i, role, j, str(string(ar.Ref)), str(ar.Name), nk, str(string(ar.NameEn)), keyOf(ar.NameEn)})
			}
		}
	}
	if err := insertRows(ctx, tx, "events", []string{"doc", "n", "type", "sub_type", "cameo", "date", "date_precision", "day",
		"loc_ref", "loc_name", "loc_name_key", "loc_name_en", "loc_name_en_key", "loc_country", "loc_admin1", "loc_admin1_key", "lat", "lon",
		"fatalities", "injuries", "evidence_start", "evidence_end", "evidence_text", "confidence"}, rows, ""); err != nil {
		return err
	}
	return insertRows(ctx, tx, "event_actors", []string{"doc", "event_n", "role", "n", "ref", "name", "name_key", "name_en", "name_en_key"}, actorRows, "")
}

// insertRows inserts rows with multi-row VALUES, a few hundred at a time.
func insertRows(ctx context.Context, tx *sql.Tx, table string, cols []string, rows [][]any, suffix string) error {
	per := max(1, 4000/len(cols))
	for len(rows) > 0 {
		n := min(per, len(rows))
		var b strings.Builder
		b.WriteString("INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES ")
		args := make([]any, 0, n*len(cols))
		for i, r := range rows[:n] {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString("(")
			for j, v := range r {
				if j > 0 {
					b.WriteString(", ")
				}
				args = append(args, v)
				fmt.Fprintf(&b, "$%d", len(args))
			}
			b.WriteString(")")
		}
		b.WriteString(suffix)
		if _, err := tx.ExecContext(ctx, b.String(), args...); err != nil {
			return fmt.Errorf("%s: %w", table, err)
		}
		rows = rows[n:]
	}
	return nil
}

func (s *DB) markSeen(ctx context.Context, tx *sql.Tx, keys []string, docID, note string) error {
	for _, k := range keys {
		if _, err := tx.ExecContext(ctx, `INSERT INTO seen (key, doc_id, note, seen_at) VALUES ($1, $2, $3, $4) ON CONFLICT (key) DO NOTHING`,
			k, str(docID), str(note), now()); err != nil {
			return err
		}
	}
	return nil
}

// --- Reads -------------------------------------------------------------

const storedCols = `d.seq, d.id, d.title, d.text, d.published, d.source, d.url, d.lang, d.meta, d.hash,
	d.duplicate_of, d.similarity, d.ingested_at, a.analysis FROM documents d JOIN analyses a ON a.doc = d.seq`

type scanner interface{ Scan(dest ...any) error }

// scanStored reads a row of storedCols.
func scanStored(row scanner) (*store.Stored, error) {
	var st store.Stored
	var published, source, url, lang, meta, dup sql.NullString
	var sim sql.NullFloat64
	var aj, ingested string
	if err := row.Scan(&st.Seq, &st.Doc.ID, &st.Doc.Title, &st.Doc.Text, &published, &source, &url, &lang, &meta, &st.Hash,
		&dup, &sim, &ingested, &aj); err != nil {
		return nil, err
	}
	st.Doc.Published, st.Doc.Source, st.Doc.URL, st.Doc.Lang = published.String, source.String, url.String, lang.String
	if meta.Valid && meta.String != "" {
		if err := json.Unmarshal([]byte(meta.String), &st.Doc.Meta); err != nil {
			return nil, fmt.Errorf("%s: meta: %w", st.Doc.ID, err)
		}
	}
	st.DuplicateOf, st.Similarity = dup.String, sim.Float64
	st.IngestedAt, _ = time.Parse(time.RFC3339, ingested)
	st.Analysis = new(analysis.Analysis)
	if err := json.Unmarshal([]byte(aj), st.Analysis); err != nil {
		return nil, fmt.Errorf("%s: analysis: %w", st.Doc.ID, err)
	}
	return &st, nil
}

// Get implements store.Store.
func (s *DB) Get(ctx context.Context, id string) (*store.Stored, error) {
	st, err := scanStored(s.db.QueryRowContext(ctx, `SELECT `+storedCols+` WHERE d.id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("%q: %w", id, store.ErrNotFound)
	}
	return st, err
}

// Scan implements store.Store.
func (s *DB) Scan(ctx context.Context, after int64, limit int) ([]*store.Stored, error) {
	if limit <= 0 {
		limit = 100
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+storedCols+` WHERE d.seq > $1 ORDER BY d.seq LIMIT $2`, after, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*store.Stored
	for rows.Next() {
		st, err := scanStored(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, st)
	}
	return out, rows.Err()
}

// Hashes implements store.Store.
func (s *DB) Hashes(ctx context.Context, ids []string) (map[string]string, error) {
	out := map[string]string{}
	for len(ids) > 0 {
		n := min(len(ids), 500)
		ph, args := placeholders(1, ids[:n])
		rows, err := s.db.QueryContext(ctx, `SELECT id, hash FROM documents WHERE id IN (`+ph+`)`, args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id, h string
			if err := rows.Scan(&id, &h); err != nil {
				rows.Close()
				return nil, err
			}
			out[id] = h
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		ids = ids[n:]
	}
	return out, nil
}

// Seen implements store.Store.
func (s *DB) Seen(ctx context.Context, keys []string) (map[string]bool, error) {
	out := map[string]bool{}
	for len(keys) > 0 {
		n := min(len(keys), 500)
		ph, args := placeholders(1, keys[:n])
		rows, err := s.db.QueryContext(ctx, `SELECT key FROM seen WHERE key IN (`+ph+`)`, args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var k string
			if err := rows.Scan(&k); err != nil {
				rows.Close()
				return nil, err
			}
			out[k] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		keys = keys[n:]
	}
	return out, nil
}

// MarkSeen implements store.Store.
func (s *DB) MarkSeen(ctx context.Context, key, docID, note string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error { return s.markSeen(ctx, tx, []string{key}, docID, note) })
}

// Feed implements store.Store.
func (s *DB) Feed(ctx context.Context, url string) (store.FeedState, error) {
	f := store.FeedState{URL: url}
	var etag, lm, checked, ok, lastErr, next sql.NullString
	err := s.db.QueryRowContext(ctx, `SELECT etag, last_modified, checked_at, ok_at, failures, last_error, next_at FROM feeds WHERE url = $1`, url).
		Scan(&etag, &lm, &checked, &ok, &f.Failures, &lastErr, &next)
	if errors.Is(err, sql.ErrNoRows) {
		return f, nil
	}
	if err != nil {
		return f, err
	}
	f.ETag, f.LastModified, f.LastError = etag.String, lm.String, lastErr.String
	f.CheckedAt, f.OKAt, f.NextAt = parseTime(checked), parseTime(ok), parseTime(next)
	return f, nil
}

func parseTime(s sql.NullString) time.Time {
	t, _ := time.Parse(time.RFC3339Nano, s.String)
	return t
}

func timeStr(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Format(time.RFC3339Nano)
}

// SetFeed implements store.Store.
func (s *DB) SetFeed(ctx context.Context, f store.FeedState) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO feeds (url, etag, last_modified, checked_at, ok_at, failures, last_error, next_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
		ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
		checked_at = excluded.checked_at, ok_at = excluded.ok_at, failures = excluded.failures,
		last_error = excluded.last_error, next_at = excluded.next_at`,
		f.URL, str(f.ETag), str(f.LastModified), timeStr(f.CheckedAt), timeStr(f.OKAt), f.Failures, str(f.LastError), timeStr(f.NextAt))
	return err
}

// Stats implements store.Store.
func (s *DB) Stats(ctx context.Context) (*store.Stats, error) {
	st := &store.Stats{Backend: s.d.Name, SchemaVersion: s.version}
	var first, last sql.NullString
	err := s.db.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM documents),
		(SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL),
		(SELECT count(*) FROM entities),
		(SELECT count(DISTINCT coalesce(ref, name_key)) FROM places),
		(SELECT count(DISTINCT coalesce(ref, name_key)) FROM actors),
		(SELECT count(*) FROM events),
		(SELECT count(DISTINCT source_key) FROM documents),
		(SELECT min(day) FROM documents),
		(SELECT max(day) FROM documents),
		(SELECT count(*) FROM seen)`).Scan(&st.Documents, &st.NearDuplicates, &st.Entities, &st.Places, &st.Actors,
		&st.Events, &st.Sources, &first, &last, &st.SeenKeys)
	if err != nil {
		return nil, err
	}
	st.FirstDay, st.LastDay = first.String, last.String
	if s.d.Size != nil {
		if st.SizeBytes, err = s.d.Size(ctx, s.db); err != nil {
			return nil, err
		}
	}
	return st, nil
}

// placeholders returns "$n, $n+1, …" for vals and the values as args.
func placeholders[T any](n int, vals []T) (string, []any) {
	ph := make([]string, len(vals))
	args := make([]any, len(vals))
	for i, v := range vals {
		ph[i] = fmt.Sprintf("$%d", n+i)
		args[i] = v
	}
	return strings.Join(ph, ", "), args
}
