# marsad — the README's commands, and the CI's.
GO ?= go

.PHONY: build test vet bench fuzz generate web web-test web-test-real e2e-real demo screenshots bench-store loadtest

build:
	$(GO) build -o bin/marsad ./cmd/marsad

# The test command of the README and of .ci/run.
test: vet
	$(GO) test ./...

vet:
	@test -z "$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))" || { echo "gofmt needed:"; gofmt -l .; exit 1; }
	$(GO) vet ./...

# Benchmarks on one core (the figures the README reports).
bench:
	$(GO) test -run '^$$' -bench . -benchmem -cpu 1 ./...

# A short fuzzing pass over every parser of untrusted input.
fuzz:
	$(GO) test ./arabic -run '^$$' -fuzz FuzzFold -fuzztime 30s
	$(GO) test ./arabic -run '^$$' -fuzz FuzzTokenize -fuzztime 30s
	$(GO) test ./ingest -run '^$$' -fuzz FuzzRead -fuzztime 30s
	$(GO) test ./ner -run '^$$' -fuzz FuzzReadCoNLL -fuzztime 30s
	$(GO) test ./ner -run '^$$' -fuzz FuzzReadModel -fuzztime 30s -fuzzminimizetime 1x
	$(GO) test ./temporal -run '^$$' -fuzz FuzzTimes -fuzztime 30s
	$(GO) test ./quantity -run '^$$' -fuzz FuzzQuantities -fuzztime 30s
	$(GO) test ./export -run '^$$' -fuzz FuzzJSONL -fuzztime 30s -fuzzminimizetime 100x
	$(GO) test ./ingest -run '^$$' -fuzz FuzzParseFeed -fuzztime 30s
	$(GO) test ./store -run '^$$' -fuzz FuzzParse -fuzztime 30s

# Regenerate the data files derived from ../shared/data.
generate:
	$(GO) run ./tools/genstop
	$(GO) run ./tools/gencal

# The web UI (web/): npm ci, then type-check and build with Vite into
# web/dist, which package web embeds; rebuild marsad afterwards to embed it.
NPM ?= npm
web:
	cd web && $(NPM) ci --no-audit --no-fund && $(NPM) run build

# The web UI's tests: unit tests, then browser tests in Debian's Chromium
# (playwright-core) against the mock API, started and stopped by the tests.
# MARSAD_URL=http://host:port tests a running marsad instead, and
# MARSAD_CMD='bin/marsad serve --addr 127.0.0.1:{port}' starts one for the run.
web-test: web
	cd web && $(NPM) test

# The README's first command: build the UI, then run marsad demo (a
# temporary store with the sample articles, served and opened in the
# browser; Ctrl-C stops it and removes the store).
demo: web
	$(GO) run ./cmd/marsad demo

# The browser tests against the real binary: build the UI and marsad (which
# embeds it), store the sample articles and the XSS fixture, and let the
# tests start "marsad serve" on a free port and stop it.
E2E_DB ?= /tmp/marsad-e2e.db
web-test-real: web
	$(MAKE) build e2e-real

# e2e-real: the same, with bin/marsad already built over a built UI.
e2e-real:
	rm -f $(E2E_DB) $(E2E_DB)-wal $(E2E_DB)-shm
	./bin/marsad ingest --quiet --db $(E2E_DB) sample/articles.jsonl web/test/fixtures/xss.jsonl
	cd web && MARSAD_CMD='../bin/marsad serve --quiet --db $(E2E_DB) --addr 127.0.0.1:{port}' $(NPM) run test:e2e
	rm -f $(E2E_DB) $(E2E_DB)-wal $(E2E_DB)-shm

# The README's screenshots (docs/screenshots), against marsad serving the
# demo corpus.
screenshots: web
	$(MAKE) build
	rm -f $(E2E_DB) $(E2E_DB)-wal $(E2E_DB)-shm
	./bin/marsad ingest --quiet --db $(E2E_DB) sample/articles.jsonl
	cd web && MARSAD_ARTICLE=sample-049 MARSAD_CMD='../bin/marsad serve --quiet --rate 0 --db $(E2E_DB) --addr 127.0.0.1:{port}' $(NPM) run screenshots

# Latency of search and event listing under concurrent requests against
# marsad serve on loopback (tools/loadgen) over a store, by default the
# SaudiNewsNet one that bench-store builds.
LOAD_DB ?= $(BENCH_DIR)/snn.db
loadtest: build
	$(GO) run ./tools/loadgen --serve ./bin/marsad --db $(LOAD_DB)

# Ingest and search figures over SaudiNewsNet (../shared/data/saudinewsnet):
# see tools/storebench. BENCH_PG=postgres://… adds the PostgreSQL backend
# and PostgreSQL's own 'arabic' configuration to the comparison.
BENCH_DIR ?= /tmp/marsad-bench
bench-store: build
	mkdir -p $(BENCH_DIR)
	rm -f $(BENCH_DIR)/snn.db $(BENCH_DIR)/snn.db-wal $(BENCH_DIR)/snn.db-shm
	./bin/marsad ingest --quiet --db $(BENCH_DIR)/snn.db --ids-from-position snn: ../shared/data/saudinewsnet/*.zip
	./bin/marsad stats --db $(BENCH_DIR)/snn.db
	$(GO) run ./tools/storebench --db $(BENCH_DIR)/snn.db $(if $(BENCH_PG),--pg $(BENCH_PG))
