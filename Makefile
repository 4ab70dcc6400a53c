# Regiespiegel. `make run` serves the app with the Gids and demo data; `make test` runs every test.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/regiespiegel

.PHONY: run test test-sqlite test-postgres lint typecheck format install migrate demo bench bench-compare bench-throughput clean axe vnu

# axe-core for the accessibility checks of the browser tests (tests/browser), from npm.
AXE_JS := .cache/npm/node_modules/axe-core/axe.min.js
# The Nu Html Checker for tests/test_html_validity.py, from npm (runs on Java 17).
VNU_JAR := .cache/npm/node_modules/vnu-jar/build/dist/vnu.jar

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

migrate: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcachetable

demo: migrate
	$(PY) manage.py load_gids
	$(PY) manage.py seed_demo

run: demo
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# mypy --strict with the Django plugin (settings and allowlist in pyproject.toml).
typecheck: install
	$(VENV)/bin/mypy principles partnerships config assessments manage.py

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# SQLite always; PostgreSQL as well when DATABASE_URL is set or a server answers on
# 127.0.0.1:5432. REQUIRE_POSTGRES=1 (CI) turns an unreachable server into a failure.
# Browser tests (tests/browser) and the HTML validity check (vnu.jar on Java) skip without
# /usr/bin/chromium or java unless CI=true or REQUIRE_BROWSER=1.
# The load test (tests/load) runs on PostgreSQL only.
test: lint typecheck axe vnu test-sqlite test-postgres

axe:
	@if [ -f $(AXE_JS) ]; then :; \
	elif command -v npm >/dev/null 2>&1; then \
		echo "== installing axe-core@4 into .cache/npm"; \
		mkdir -p .cache/npm && npm install --silent --no-audit --no-fund --prefix .cache/npm axe-core@4; \
	else echo "== npm not found: the accessibility checks will be skipped"; fi

vnu:
	@if [ -f $(VNU_JAR) ]; then :; \
	elif command -v npm >/dev/null 2>&1; then \
		echo "== installing vnu-jar into .cache/npm"; \
		mkdir -p .cache/npm && npm install --silent --no-audit --no-fund --prefix .cache/npm vnu-jar@26; \
	else echo "== npm not found: the HTML validity check will be skipped"; fi

test-sqlite: install
	env -u DATABASE_URL $(VENV)/bin/pytest $(PYTEST_ARGS)

test-postgres: install
	@url="$${DATABASE_URL:-$(PG_URL)}"; \
	if $(PY) -c "import sys, psycopg; psycopg.connect(sys.argv[1].replace('postgres://', 'postgresql://', 1).rsplit('/', 1)[0] + '/postgres', connect_timeout=3).close()" "$$url" 2>/dev/null; then \
		echo "== PostgreSQL: $$url"; \
		DATABASE_URL="$$url" $(VENV)/bin/pytest --create-db $(PYTEST_ARGS); \
	elif [ -n "$$REQUIRE_POSTGRES" ]; then \
		echo "PostgreSQL is required but does not answer at $$url" >&2; exit 1; \
	else \
		echo "== PostgreSQL not reachable at $$url: skipped the PostgreSQL run"; \
	fi

bench: migrate
	$(PY) manage.py benchmark

# Demo size against national size, alternated BENCH_ROUNDS times with BENCH_REPEAT requests
# each, so that both see the same machine: a shared machine's speed drifts within minutes,
# and short turns spread that drift over both sizes. Needs both databases: DEMO_URL after
# `make demo`, NATIONAL_URL after `manage.py seed_scale`. Both are vacuumed and analysed
# first, as autovacuum keeps a production database: a PostgreSQL without autovacuum collects
# dead rows (sessions, saved answers) from run to run and drifts. When the demo data is
# loaded next to the national data (seed_demo after seed_scale), the demo municipality is
# measured there as well.
DEMO_URL ?= postgres://postgres@127.0.0.1:5432/regiespiegel_benchdemo
NATIONAL_URL ?= postgres://postgres@127.0.0.1:5432/regiespiegel_scale
DEMO_ORG ?= Gemeente Aalstad
BENCH_ROUNDS ?= 6
BENCH_REPEAT ?= 3
bench-compare: install
	rm -f .cache/benchmark.json
	for url in $(DEMO_URL) $(NATIONAL_URL); do \
		DATABASE_URL=$$url $(PY) manage.py shell -c "from django.db import connection; connection.cursor().execute('VACUUM ANALYZE')" || exit 1; \
	done
	for i in $$(seq $(BENCH_ROUNDS)); do \
		DATABASE_URL=$(DEMO_URL) $(PY) manage.py benchmark --label demo --append --repeat $(BENCH_REPEAT) >/dev/null && \
		DATABASE_URL=$(NATIONAL_URL) $(PY) manage.py benchmark --label national --append --repeat $(BENCH_REPEAT) >/dev/null || exit 1; \
		if DATABASE_URL=$(NATIONAL_URL) $(PY) manage.py shell -c "from partnerships.models import Organisation as O; raise SystemExit(0 if O.objects.filter(name='$(DEMO_ORG)').exists() else 1)" >/dev/null 2>&1; then \
			DATABASE_URL=$(NATIONAL_URL) $(PY) manage.py benchmark --label "national-demo-org" --organisation "$(DEMO_ORG)" --append --repeat $(BENCH_REPEAT) >/dev/null || exit 1; \
		fi; \
	done
	$(PY) manage.py benchmark --show

# The dashboard's throughput under gunicorn (2 workers x 4 threads) as a ratio to a bare
# signed-in page, both in one run, on the demo database (after `make demo` against DEMO_URL).
bench-throughput: install
	$(PY) tests/perf/throughput.py --database-url $(DEMO_URL)

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache
