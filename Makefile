# The two commands of the README. Both set everything up first (a virtualenv in .venv).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test eval bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

## demo: set up, store the bundled example articles in tidings.db, print a summary of the events
demo: $(VENV)/.installed
	$(BIN)/tidings demo --db tidings.db

## test: set up, run the whole test suite (includes the accuracy gate on ../shared/eval)
test: $(VENV)/.installed
	$(BIN)/python -m pytest -q

## eval: the accuracy table on every gold set, compared with eval_baseline.json
eval: $(VENV)/.installed
	$(BIN)/tidings eval

## bench: throughput and memory against bare spaCy (see bench/README.md)
bench: $(VENV)/.installed
	$(BIN)/python bench/bench.py

clean:
	rm -rf $(VENV) tidings.db eval-results bench/results
