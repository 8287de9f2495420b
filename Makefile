# marsad — the README's commands, and the CI's.
GO ?= go

.PHONY: build test vet bench fuzz generate web web-test bench-store

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
