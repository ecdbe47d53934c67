# Quick start: `make demo` serves the portal; `make test` runs the whole suite.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= portal.settings.dev

.PHONY: demo test install install-dev tools migrate load serve backup restore bench lighthouse lint format check clean

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed ($(PYTHON) not found); set PYTHON=/path/to/python3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# axe-core for the browser tests' accessibility checks, into .tools/ (git-ignored). Without npm the
# accessibility tests skip and say why (under CI they fail).
AXE_CORE_VERSION := 4.14.1
AXE := .tools/node_modules/axe-core/axe.min.js
$(AXE):
	@if command -v npm >/dev/null 2>&1; then \
		mkdir -p .tools && cd .tools && npm i --no-audit --no-fund --silent -E axe-core@$(AXE_CORE_VERSION); \
	else echo "npm not found: axe-core not installed, the accessibility tests will be skipped"; fi

tools: $(AXE)

migrate: install
	$(BIN)/python manage.py migrate --noinput

load: migrate
	$(BIN)/python manage.py load_portal

# The demo runs as production does, DEBUG off (portal/settings/demo.py): the designed 404 and 500
# pages, the caches on. Migrations run quietly; the loader's short report follows; the admin's address,
# user and password come last, set apart, just before the server starts.
demo: install
	@export DJANGO_SETTINGS_MODULE=portal.settings.demo DEMO_HOST="$(HOST)" DEMO_PORT="$(PORT)"; \
	$(BIN)/python manage.py migrate --noinput -v0 && \
	$(BIN)/python manage.py load_portal && \
	$(BIN)/python manage.py demo_admin && \
	$(BIN)/python manage.py runserver --noreload $(HOST):$(PORT)

# Slow tests (marked `slow`: backups, round trips, a database outage) only when asked for:
# `make test MARKERS=` runs everything, as CI does on PostgreSQL.
MARKERS ?= not slow
test: install-dev tools
	DJANGO_SETTINGS_MODULE=portal.settings.test $(BIN)/python -m pytest -m "$(MARKERS)" $(PYTEST_ARGS)

# Ruff (lint and format) and import-linter's layers contract (pyproject.toml).
lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: install-dev
	DJANGO_SETTINGS_MODULE=portal.settings.test $(BIN)/python manage.py check
	DJANGO_SETTINGS_MODULE=portal.settings.test $(BIN)/python manage.py makemigrations --check --dry-run

# Production-like server: gunicorn + WhiteNoise with portal.settings.production on HOST:PORT. Uses
# DATABASE_URL, SECRET_KEY and ALLOWED_HOSTS when set (see docs/deployment.md); otherwise the local
# db.sqlite3 (`make load` fills it), a throwaway key and HOST, over plain HTTP. It migrates first.
WORKERS ?= 3
serve: install
	@export DJANGO_SETTINGS_MODULE=portal.settings.production \
	  DATABASE_URL="$${DATABASE_URL:-sqlite:///$(CURDIR)/db.sqlite3}" \
	  SECRET_KEY="$${SECRET_KEY:-$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')}" \
	  ALLOWED_HOSTS="$${ALLOWED_HOSTS:-$(HOST),localhost,127.0.0.1}" \
	  SECURE_SSL_REDIRECT="$${SECURE_SSL_REDIRECT:-false}"; \
	$(BIN)/python manage.py migrate --noinput -v0 && \
	$(BIN)/python manage.py collectstatic --noinput -v0 && \
	echo "Serving (production settings) at http://$(HOST):$(PORT)/" && \
	$(BIN)/gunicorn portal.wsgi:application --bind $(HOST):$(PORT) --workers $(WORKERS) --timeout 30 --no-control-socket --access-logfile -

# Backups of the configured database and media into backups/<timestamp>/ (BACKUP_DIR changes where);
# restore one with `make restore BACKUP=backups/<timestamp>` into an empty database.
backup: install
	$(BIN)/python manage.py backup_portal

restore: install
	@test -n "$(BACKUP)" || { echo "Name the backup: make restore BACKUP=backups/<timestamp>"; exit 1; }
	$(BIN)/python manage.py restore_portal $(BACKUP) $(RESTORE_ARGS)

# The benchmark (bench/run.py): gunicorn + wrk on loopback with 10,000 agreements; results in
# bench/results/latest.md, to copy into docs/performance.md.
bench: install
	$(BIN)/python bench/run.py

# Lighthouse (mobile) on every public template in both languages, on the production stack; npm and
# Debian's Chromium needed. Scores in bench/results/lighthouse.md.
LIGHTHOUSE_VERSION := 12.2.3
LIGHTHOUSE := .tools/node_modules/.bin/lighthouse
$(LIGHTHOUSE):
	mkdir -p .tools && cd .tools && npm i --no-audit --no-fund --silent -E lighthouse@$(LIGHTHOUSE_VERSION)

lighthouse: install $(LIGHTHOUSE)
	$(BIN)/python bench/lighthouse.py

clean:
	rm -rf $(VENV) static .test-media
