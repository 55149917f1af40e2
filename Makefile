# Gongkai: the two set-up commands are `make demo` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed
ADDR ?= 127.0.0.1:8000

.PHONY: demo test test-fast lint format serve migrate clean ci bench

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

# The benchmark of docs/benchmarks.md (not part of `make test`): for each size, generated
# items in SQLite (tantivy) and in a throwaway PostgreSQL cluster with RUM; index build,
# search latency and the LIKE baseline (bench/search_bench.py), then home, list, item and
# search pages under wrk (bench/pages_bench.py); the summary by bench/report.py. Both sizes
# take about 1½ hours and ~25 GB in $(BENCH_DIR); `make bench BENCH_ITEMS=100000` is quicker.
# Installs wrk, PostgreSQL 15 and postgresql-15-rum with apt-get when missing (as root).
BENCH_ITEMS ?= 100000 1000000
BENCH_DIR ?= /tmp/gongkai-bench
BENCH_PG_PORT ?= 54340
BENCH_PG := postgres://postgres@127.0.0.1:$(BENCH_PG_PORT)
bench: $(STAMP)
	@missing=""; command -v wrk >/dev/null 2>&1 || missing="wrk"; \
	test -x /usr/lib/postgresql/15/bin/initdb || missing="$$missing postgresql-15"; \
	test -f /usr/share/postgresql/15/extension/rum.control || missing="$$missing postgresql-15-rum"; \
	if [ -n "$$missing" ]; then \
	  echo "apt-get install$$missing"; \
	  apt-get update -q && apt-get install -y -q --no-install-recommends $$missing; \
	fi
	bash bench/pg_cluster.sh start $(BENCH_DIR)/pg $(BENCH_PG_PORT)
	set -e; for n in $(BENCH_ITEMS); do \
	  $(PY) bench/search_bench.py --items $$n --backend all --db-dir $(BENCH_DIR) --pg $(BENCH_PG); \
	  $(PY) bench/pages_bench.py --items $$n --backend tantivy --db-dir $(BENCH_DIR); \
	  $(PY) bench/pages_bench.py --items $$n --backend postgres --db-dir $(BENCH_DIR) --pg $(BENCH_PG); \
	done
	$(PY) bench/report.py
	@echo "Results in bench/results/. Afterwards: bash bench/pg_cluster.sh stop $(BENCH_DIR)/pg; rm -rf $(BENCH_DIR)"
