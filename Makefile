# The two commands of the README. Both set everything up first (a virtualenv in .venv).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test eval bench clean system-deps

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# demo needs the package alone; tests, eval and bench also the optional extras (dask, parquet, eval)
$(VENV)/.installed-base: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test,dask,parquet,eval]"
	touch $@

## demo: set up, store the bundled example articles in tidings.db, print a summary of the events
demo: $(VENV)/.installed-base
	$(BIN)/tidings demo --db tidings.db

## system-deps: Debian packages the tests need, installed with apt-get when missing (needs root):
## postgresql-15 for the PostgreSQL store tests, chromium for the browser tests (never a downloaded
## browser). Without root or apt-get it only says what is missing; those tests then skip with a message.
system-deps:
	@if [ -x /usr/lib/postgresql/15/bin/initdb ]; then :; \
	elif command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
		echo "installing Debian postgresql-15 for the PostgreSQL store tests"; \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql-15 >/dev/null \
		|| { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql-15 >/dev/null; }; \
	else echo "PostgreSQL 15 not found and cannot be installed here: the PostgreSQL tests will skip"; fi
	@if [ -x /usr/bin/chromium ]; then :; \
	elif command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
		echo "installing Debian chromium for the browser tests"; \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null \
		|| { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null; }; \
	else echo "chromium not found and cannot be installed here: the browser tests will skip"; fi

## test: set up, lint (ruff), check types (mypy) and the layers (lint-imports), run the whole test
## suite (includes the accuracy gate on ../shared/eval)
test: $(VENV)/.installed system-deps
	$(BIN)/ruff check src tests bench fuzz
	$(BIN)/mypy src/tidings
	$(BIN)/lint-imports --no-cache
	$(BIN)/python -m pytest -q

## eval: the accuracy table on every gold set, compared with eval_baseline.json
eval: $(VENV)/.installed
	$(BIN)/tidings eval

## bench: throughput and memory against bare spaCy (see bench/README.md)
bench: $(VENV)/.installed
	$(BIN)/python bench/bench.py

clean:
	rm -rf $(VENV) tidings.db eval-results bench/results
