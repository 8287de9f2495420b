-- marsad store, PostgreSQL, version 1. Keep in step with
-- ../../sqlite/migrations/0001_init.sql: both backends share the queries
-- of store/internal/sqlstore. Times are RFC 3339 text; days YYYY-MM-DD
-- (text, so that both backends compare them alike).

-- One row per document, as read.
CREATE TABLE documents (
	seq          BIGSERIAL PRIMARY KEY,
	id           TEXT NOT NULL UNIQUE,
	title        TEXT NOT NULL DEFAULT '',
	text         TEXT NOT NULL,
	published    TEXT,             -- as given: YYYY-MM-DD or RFC 3339
	day          TEXT,             -- the published day, YYYY-MM-DD
	source       TEXT,
	source_key   TEXT,             -- lower case, for filters
	url          TEXT,
	lang         TEXT,
	meta         JSONB,             -- JSON object of the input's other fields
	hash         TEXT NOT NULL,    -- SHA-256 of title + "\n\n" + text
	minhash      BYTEA,             -- near-duplicate signature (originals only)
	duplicate_of TEXT,             -- id of the original a near-duplicate repeats
	similarity   DOUBLE PRECISION,
	ingested_at  TEXT NOT NULL
);
CREATE INDEX documents_hash ON documents (hash);
CREATE INDEX documents_day ON documents (day);
CREATE INDEX documents_source ON documents (source_key);
CREATE INDEX documents_duplicate_of ON documents (duplicate_of);

-- The analysis of each document: the whole marsad.analysis/v1 object, and
-- its document-level fields as columns.
CREATE TABLE analyses (
	doc             BIGINT PRIMARY KEY REFERENCES documents (seq) ON DELETE CASCADE,
	schema          TEXT NOT NULL,
	relevant        BOOLEAN,
	relevance_score DOUBLE PRECISION,
	topics          JSONB,          -- JSON array
	summary         JSONB,          -- JSON array
	analysis        JSONB NOT NULL, -- JSON object
	analysed_at     TEXT NOT NULL
);

CREATE TABLE entities (
	doc        BIGINT NOT NULL REFERENCES documents (seq) ON DELETE CASCADE,
	n          INTEGER NOT NULL,
	type       TEXT NOT NULL,
	text       TEXT NOT NULL,
	span_start INTEGER NOT NULL,
	span_end   INTEGER NOT NULL,
	norm       TEXT,
	norm_key   TEXT,
	ref        TEXT,
	score      DOUBLE PRECISION,
	PRIMARY KEY (doc, n)
);
CREATE INDEX entities_ref ON entities (ref);
CREATE INDEX entities_norm_key ON entities (norm_key);

CREATE TABLE places (
	doc         BIGINT NOT NULL REFERENCES documents (seq) ON DELETE CASCADE,
	n           INTEGER NOT NULL,
	ref         TEXT,
	name        TEXT NOT NULL,
	name_key    TEXT NOT NULL,
	name_en     TEXT,
	name_en_key TEXT,
	kind        TEXT,
	country     TEXT,
	admin1      TEXT,
	admin1_key  TEXT,
	lat         DOUBLE PRECISION,
	lon         DOUBLE PRECISION,
	mentions    INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (doc, n)
);
CREATE INDEX places_ref ON places (ref);
CREATE INDEX places_name_key ON places (name_key);
CREATE INDEX places_name_en_key ON places (name_en_key);
CREATE INDEX places_admin1_key ON places (admin1_key);
CREATE INDEX places_country ON places (country);

CREATE TABLE actors (
	doc         BIGINT NOT NULL REFERENCES documents (seq) ON DELETE CASCADE,
	n           INTEGER NOT NULL,
	ref         TEXT,
	name        TEXT NOT NULL,
	name_key    TEXT NOT NULL,
	name_en     TEXT,
	name_en_key TEXT,
	kind        TEXT,
	country     TEXT,
	mentions    INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (doc, n)
);
CREATE INDEX actors_ref ON actors (ref);
CREATE INDEX actors_name_key ON actors (name_key);
CREATE INDEX actors_name_en_key ON actors (name_en_key);

CREATE TABLE times (
	doc        BIGINT NOT NULL REFERENCES documents (seq) ON DELETE CASCADE,
	n          INTEGER NOT NULL,
	text       TEXT NOT NULL,
	span_start INTEGER NOT NULL,
	span_end   INTEGER NOT NULL,
	value      TEXT,
	precision  TEXT,
	PRIMARY KEY (doc, n)
);

CREATE TABLE quantities (
	doc        BIGINT NOT NULL REFERENCES documents (seq) ON DELETE CASCADE,
	n          INTEGER NOT NULL,
	text       TEXT NOT NULL,
	span_start INTEGER NOT NULL,
	span_end   INTEGER NOT NULL,
	value      DOUBLE PRECISION NOT NULL,
	unit       TEXT,
	role       TEXT,
	PRIMARY KEY (doc, n)
);

CREATE TABLE events (
	doc             BIGINT NOT NULL REFERENCES documents (seq) ON DELETE CASCADE,
	n               INTEGER NOT NULL,
	type            TEXT NOT NULL,
	sub_type        TEXT,
	cameo           TEXT,
	date            TEXT,          -- ISO 8601 as the analysis gives it
	date_precision  TEXT,
	day             TEXT,          -- the event's day, else the document's
	loc_ref         TEXT,
	loc_name        TEXT,
	loc_name_key    TEXT,
	loc_name_en     TEXT,
	loc_name_en_key TEXT,
	loc_country     TEXT,
	loc_admin1      TEXT,
	loc_admin1_key  TEXT,
	lat             DOUBLE PRECISION,
	lon             DOUBLE PRECISION,
	fatalities      INTEGER,
	injuries        INTEGER,
	evidence_start  INTEGER,
	evidence_end    INTEGER,
	evidence_text   TEXT,
	confidence      DOUBLE PRECISION,
	PRIMARY KEY (doc, n)
);
CREATE INDEX events_type ON events (type);
CREATE INDEX events_sub_type ON events (sub_type);
CREATE INDEX events_day ON events (day);
CREATE INDEX events_loc_country ON events (loc_country);
CREATE INDEX events_loc_ref ON events (loc_ref);
CREATE INDEX events_loc_name_key ON events (loc_name_key);

-- Actors and targets of events.
CREATE TABLE event_actors (
	doc         BIGINT NOT NULL REFERENCES documents (seq) ON DELETE CASCADE,
	event_n     INTEGER NOT NULL,
	role        TEXT NOT NULL,     -- actor | target
	n           INTEGER NOT NULL,
	ref         TEXT,
	name        TEXT,
	name_key    TEXT,
	name_en     TEXT,
	name_en_key TEXT,
	PRIMARY KEY (doc, event_n, role, n)
);
CREATE INDEX event_actors_ref ON event_actors (ref);
CREATE INDEX event_actors_name_key ON event_actors (name_key);
CREATE INDEX event_actors_name_en_key ON event_actors (name_en_key);

-- Near-duplicate lookup: one row per band of an original's signature.
CREATE TABLE doc_bands (
	key BIGINT NOT NULL,
	doc BIGINT NOT NULL REFERENCES documents (seq) ON DELETE CASCADE,
	PRIMARY KEY (key, doc)
);
CREATE INDEX doc_bands_doc ON doc_bands (doc);

-- Keys of what has been read (feed items), so nothing is read twice.
CREATE TABLE seen (
	key     TEXT PRIMARY KEY,
	doc_id  TEXT,
	note    TEXT,
	seen_at TEXT NOT NULL
);

-- What marsad watch knows about each feed.
CREATE TABLE feeds (
	url           TEXT PRIMARY KEY,
	etag          TEXT,
	last_modified TEXT,
	checked_at    TEXT,
	ok_at         TEXT,
	failures      INTEGER NOT NULL DEFAULT 0,
	last_error    TEXT,
	next_at       TEXT
);

-- The full-text index: marsad's own index tokens (store.IndexToken) at
-- their positions, written as a tsvector literal, never re-parsed by a
-- text-search configuration.
CREATE TABLE doc_search (
	doc BIGINT PRIMARY KEY REFERENCES documents (seq) ON DELETE CASCADE,
	tsv TSVECTOR NOT NULL
);
CREATE INDEX doc_search_tsv ON doc_search USING GIN (tsv);
