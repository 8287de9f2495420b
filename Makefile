# marsad — the README's commands, and the CI's.
GO ?= go

.PHONY: build test vet bench fuzz generate web web-test

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
	$(GO) test ./temporal -run '^$$' -fuzz FuzzTimes -fuzztime 30s
	$(GO) test ./quantity -run '^$$' -fuzz FuzzQuantities -fuzztime 30s
	$(GO) test ./export -run '^$$' -fuzz FuzzJSONL -fuzztime 30s -fuzzminimizetime 100x

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
