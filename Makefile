# Every target creates .venv and installs Coachflow into it first, so
# `make demo` and `make test` work as the first command on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint run bench install clean manifest-check

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/coachflow demo

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# ruff and mypy as configured in pyproject.toml (mypy strict on domain/).
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

run: $(STAMP)
	$(BIN)/coachflow run $(RUN_ARGS)

bench: $(STAMP)
	$(BIN)/python -m tests.bench

manifest-check: $(STAMP)
	$(BIN)/python tools/check_manifest.py manifest.yml

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
