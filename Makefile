# 履职通 — two commands on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
TOOLS := .tools
UV := $(TOOLS)/bin/uv
PY := .venv/bin/python
export DJANGO_SETTINGS_MODULE ?= lvzhi.settings.local
export UV_PYTHON_DOWNLOADS := never

.PHONY: install run dev test lint typecheck test-sqlite test-postgres test-deps bench bench-pages clean docs

install: .venv/.installed node_modules/.installed ## virtualenv from the lock + front-end assets (idempotent)

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install -q --disable-pip-version-check uv==0.13.8

.venv/.installed: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --python $(PYTHON) -q
	@touch $@

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "安装 Node.js/npm（Debian 软件包）"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; }
	npm ci --no-audit --no-fund --loglevel=error
	node scripts/stroke_table.js
	@touch $@

run: install ## migrate, seed the demo once, serve on http://127.0.0.1:8000 (the product's own error pages)
	@mkdir -p var/static
	@$(PY) manage.py migrate --noinput -v0
	@$(PY) manage.py seed_demo
	@DJANGO_DEBUG=0 $(PY) manage.py serve 127.0.0.1:8000 --noreload

dev: install ## as `make run`, with Django's debug pages and reloading on file changes
	@mkdir -p var/static
	@$(PY) manage.py migrate --noinput -v0
	@$(PY) manage.py seed_demo
	@DJANGO_DEBUG=1 $(PY) manage.py serve 127.0.0.1:8000

test-deps: ## PostgreSQL and Chromium from Debian's packages when missing
	@need=""; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need="$$need postgresql"; \
	[ -x /usr/bin/chromium ] || need="$$need chromium"; \
	fc-list 2>/dev/null | grep -qi "cjk\|wqy" || need="$$need fonts-noto-cjk"; \
	if [ -n "$$need" ]; then echo "安装系统依赖：$$need"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$need >/dev/null; fi

lint: install
	.venv/bin/ruff format --check .
	.venv/bin/ruff check .

typecheck: install
	.venv/bin/mypy lvzhi

test-sqlite: install
	DJANGO_SETTINGS_MODULE=lvzhi.settings.test $(PY) -m pytest -q -p no:randomly

test-postgres: install
	DJANGO_SETTINGS_MODULE=lvzhi.settings.test scripts/with-postgres.sh $(PY) -m pytest -q

test: install test-deps lint typecheck test-sqlite test-postgres ## lint, types, the whole suite on SQLite then PostgreSQL

bench: install test-deps ## every benchmark; each prints one JSON line last
	@for f in bench/[a-z]*.py; do echo "== $$f"; $(PY) $$f || exit 1; done
	@for f in bench/pages.py bench/casework.py bench/search.py; do [ -f $$f ] || continue; echo "== $$f (PostgreSQL)"; scripts/with-postgres.sh $(PY) $$f || exit 1; done

docs: install
	$(PY) manage.py workflow_diagram --all --write docs/workflows 2>/dev/null || true

clean:
	rm -rf .venv $(TOOLS) node_modules var/static
