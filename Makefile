# Gongkai: the two set-up commands are `make demo` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed
ADDR ?= 127.0.0.1:8000

.PHONY: demo test test-fast lint format serve migrate clean ci

$(PY):
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "需要 Python 3.11 (python3.11)"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

migrate: $(STAMP)
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py demo_load --if-empty
	$(PY) manage.py demo_logins
	$(PY) manage.py serve --addr $(ADDR)

serve: migrate
	$(PY) manage.py serve --addr $(ADDR)

# The whole suite. Browser tests run when Debian's Chromium is installed (.ci/run installs it).
test: $(STAMP)
	$(PY) manage.py makemigrations --check --dry-run --settings=gongkai.settings.test >/dev/null
	$(BIN)/pytest

test-fast: $(STAMP)
	$(BIN)/pytest -m "not browser"

# What CI runs on a fresh Debian 12 machine (as root): apt-installs Chromium and PostgreSQL 15
# when missing, `make test`, then the suite again on a throwaway PostgreSQL 15 cluster.
ci:
	bash .ci/run

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) var .pytest_cache
