# Concord — every target sets itself up from a clean clone.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: run test bench lint i18n golden setup db clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

db: $(STAMP)
	$(BIN)/concord db upgrade
	$(BIN)/concord demo

run: db
	$(BIN)/concord serve --host $${HOST:-127.0.0.1} --port $${PORT:-8000}

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(STAMP)
	$(BIN)/python -m bench

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

golden: $(STAMP)
	$(BIN)/python -m tests.core.regen_golden

i18n: $(STAMP)
	$(BIN)/python -m app.core.i18n.catalogs

clean:
	rm -rf var/*.db var/*.db-wal var/*.db-shm
