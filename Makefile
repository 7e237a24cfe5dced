# Two commands on a fresh machine: `make demo` and `make test`. Only python3 (3.11+) is needed.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
export DEBUG ?= 1
DEMO_FIRMS ?= 40
DEMO_SEED ?= 1

.PHONY: demo serve warm install install-dev messages messages-check migrate seed test lint typecheck contracts pytest lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-base: requirements/base.lock pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements/base.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.installed-dev: requirements/dev.lock pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements/dev.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@ $(VENV)/.installed-base

install: $(VENV)/.installed-base
install-dev: $(VENV)/.installed-dev

# The translations: .po files are kept in git, the .mo files the product reads are built from them.
messages: install
	$(BIN)/python tools/messages.py compile

messages-check: install-dev
	$(BIN)/python tools/messages.py check

migrate: install messages
	$(BIN)/skillcluster migrate --no-input

seed: migrate
	$(BIN)/skillcluster seed --firms $(DEMO_FIRMS) --seed $(DEMO_SEED)

warm: seed
	$(BIN)/skillcluster esco warm

demo: warm
	@echo "Serving on http://127.0.0.1:8000 — log in with one of the accounts above (Ctrl+C stops)."
	$(BIN)/skillcluster runserver --noreload 127.0.0.1:8000

# Production: gunicorn workers behind a TLS proxy; needs SECRET_KEY, CREDENTIAL_KEY_SECRET, … (docs/DEPLOY.md).
serve: install messages
	DEBUG=0 $(BIN)/skillcluster serve

test: install-dev lint typecheck contracts messages-check pytest

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install-dev
	$(BIN)/mypy

contracts: install-dev
	$(BIN)/python tools/import_contracts.py --check
	$(BIN)/lint-imports .importlinter

pytest: install-dev messages
	$(BIN)/pytest $(PYTEST_ARGS)

# Re-pin dependencies after editing pyproject.toml (needs pip-tools in the venv).
lock: install-dev
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe -o requirements/base.lock pyproject.toml
	$(BIN)/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe --extra dev -o requirements/dev.lock pyproject.toml

clean:
	rm -rf $(VENV) var
