# Two commands do all the set-up on a fresh clone: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev

# Development defaults; override any of them in the environment.
export DEBUG ?= 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run test install install-dev migrate lint format demo-accounts clean

# `make run` installs only what serving needs; the test and browser tooling (pytest,
# Playwright, schemathesis...) is installed by `make test`. uv installs the packages: it
# fetches and unpacks them in parallel (a fresh clone serves within a minute; pip took
# minutes). It comes from PyPI into the venv, by the system's pip or, failing that, the
# venv's own. Bytecode is compiled at install: PYTHONDONTWRITEBYTECODE (below) would
# otherwise make every command compile Django and its libraries afresh (seconds each).
UV := $(BIN)/uv pip install --quiet --compile-bytecode --python $(BIN)/python

$(BIN)/uv:
	test -x $(BIN)/python || $(PYTHON) -m venv --without-pip $(VENV)
	$(PYTHON) -m pip --python $(BIN)/python install --quiet --disable-pip-version-check uv || \
	  { $(BIN)/python -m ensurepip --upgrade && $(BIN)/python -m pip install --quiet uv; }

$(STAMP): pyproject.toml | $(BIN)/uv
	$(UV) -e .
	touch $(STAMP)

$(DEV_STAMP): $(STAMP)
	$(UV) -e '.[dev]'
	touch $(DEV_STAMP)

install: $(STAMP)

install-dev: $(DEV_STAMP)

migrate: install
	$(BIN)/python manage.py migrate --no-input

run: migrate
	$(BIN)/python manage.py load_default_data
	$(BIN)/python manage.py create_demo_accounts
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: lint
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache
