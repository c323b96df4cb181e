# The commands the README and CI run. `make demo` and `make test` work on a fresh clone.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= newsgraph.db
EXPORT ?= newsgraph-export.json
BRIEF ?= briefing.md

.PHONY: demo test test-fast lint bench install browser clean

$(BIN)/newsgraph: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[web,postgres,distributed,export,learn,dev]'
	touch $(BIN)/newsgraph

install: $(BIN)/newsgraph

demo: install
	rm -f $(DB) $(DB)-wal $(DB)-shm
	$(BIN)/newsgraph --db $(DB) ingest examples/
	$(BIN)/newsgraph --db $(DB) stats
	$(BIN)/newsgraph --db $(DB) stories --limit 5
	$(BIN)/newsgraph --db $(DB) export --format json --out $(EXPORT)
	$(BIN)/newsgraph --db $(DB) brief --story "$$($(BIN)/newsgraph --db $(DB) stories --ids --limit 1)" --out $(BRIEF)
	@echo
	@echo "database: $(DB)   export: $(EXPORT)   briefing on the largest story: $(BRIEF)"
	@echo "browse it: $(BIN)/newsgraph --db $(DB) serve   (then open http://127.0.0.1:8000)"

# Debian's Chromium for the browser tests (Playwright drives it; `playwright install` cannot run here).
browser:
	@command -v /usr/bin/chromium >/dev/null 2>&1 || \
	  { (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) || \
	    echo "chromium not installed: browser tests will be skipped"; }

test: install browser
	$(BIN)/python -m pytest -q -p no:cacheprovider

test-fast: install
	$(BIN)/python -m pytest -q -m "not slow and not browser" -p no:cacheprovider

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy src

bench: install
	$(BIN)/python benchmarks/ingest.py

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm $(EXPORT) $(BRIEF)
