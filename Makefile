# Two commands matter: `make run` (the demo on SQLite) and `make test` (everything, on PostgreSQL
# and in Chromium). Both install what they need on a fresh Debian machine.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
APT_GET := $(if $(filter 0,$(shell id -u)),apt-get,sudo apt-get)
export COPROCURE_VAR_DIR ?= $(CURDIR)/var

.PHONY: run test messages system-run system-test clean bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

# The jar is inside the npm package; its install script (a Java downloader) is not needed.
node_modules/.installed: package.json package-lock.json | system-test
	npm ci --ignore-scripts --no-audit --no-fund --silent
	touch $@

# Debian packages: gettext compiles the translations, DejaVu renders Finnish and Swedish in PDFs.
system-run:
	@command -v msgfmt >/dev/null || { $(APT_GET) update -qq && $(APT_GET) install -y -qq gettext; }
	@test -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf || { $(APT_GET) update -qq && $(APT_GET) install -y -qq fonts-dejavu-core; }

# Tests also need PostgreSQL (a throwaway cluster), Debian's Chromium (never a browser download),
# and Node/npm with Java for the Nu Html Checker (vnu-jar from package.json, run offline with java -jar).
system-test: system-run
	@command -v npm >/dev/null || { $(APT_GET) update -qq && $(APT_GET) install -y -qq nodejs npm; }
	@command -v java >/dev/null || { $(APT_GET) update -qq && $(APT_GET) install -y -qq default-jre-headless; }
	@test -x /usr/bin/chromium || { $(APT_GET) update -qq && $(APT_GET) install -y -qq chromium; }
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { $(APT_GET) update -qq && $(APT_GET) install -y -qq postgresql; }
	@command -v pdftoppm >/dev/null || { $(APT_GET) update -qq && $(APT_GET) install -y -qq poppler-utils; }

messages: export COPROCURE_DEMO ?= 1
messages: $(VENV)/.installed system-run
	cd src/coprocure && ../../$(BIN)/coprocure compilemessages --ignore '.venv' -v0

# The demo lets officials in with a password alone so that it can be tried without a phone;
# deployments keep the default (two-factor sign-in required). `COPROCURE_REQUIRE_2FA=1 make run` tries it.
run: export COPROCURE_REQUIRE_2FA ?= 0
# The demo: keys generated into var/ (mode 0600), cookies over plain HTTP on loopback. A
# deployment leaves COPROCURE_DEMO unset and gives its keys (README, Deploying).
run: export COPROCURE_DEMO ?= 1
run: $(VENV)/.installed messages
	$(BIN)/coprocure migrate --noinput -v0
	$(BIN)/coprocure createcachetable
	$(BIN)/coprocure demo --if-empty
	$(BIN)/coprocure collectstatic --noinput -v0
	@echo
	@echo "CoProcure is served on http://$(HOST):$(PORT)/  (Ctrl+C stops it and its worker)"
	@# No access log by default: a line per request would time each anonymous answer to the
	@# second (docs/security.md says what an operator's own logs must leave out). One worker runs
	@# beside the web server (e-mail, fan-outs, periodic jobs); leaving, the shell stops it too.
	$(BIN)/coprocure worker & worker=$$!; trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT; \
	$(BIN)/gunicorn coprocure.wsgi:application --bind $(HOST):$(PORT) --workers 2 --threads 4 --forwarded-allow-ips=''

test: export COPROCURE_DEMO ?= 1
# The accessibility checks write their summary for the statement (src/coprocure/core/accessibility_checks.json:
# commit it with the code it describes; tests/web/test_statement_summary.py says when it is out of date).
test: export COPROCURE_RECORD_ACCESSIBILITY ?= 1
test: $(VENV)/.installed-dev messages system-test node_modules/.installed
	COPROCURE_REQUIRE_POSTGRES=1 scripts/with-postgres $(BIN)/pytest $(PYTEST_ARGS)

# National scale by default (issue 9); `make bench BENCH_SCALE=county` for a 25th of it.
# Results go to bench/results/ (see bench/README.md).
BENCH_SCALE ?= national
bench: export COPROCURE_DEMO ?= 1
bench: $(VENV)/.installed-dev messages system-test
	scripts/with-postgres $(BIN)/python bench/scale.py --scale $(BENCH_SCALE) $(BENCH_ARGS)
	$(BIN)/python bench/fanout.py --followers 10000 --workers 2

clean:
	rm -rf $(VENV) var node_modules
