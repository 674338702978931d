# Gaoxin: `make run` serves the demo zone; `make test` runs every test.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
export DJANGO_SETTINGS_MODULE := config.settings

.PHONY: run test test-fast lint check-translations messages system-packages system-packages-run setup demo clean bench

run: setup system-packages-run
	@mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@echo "Serving on http://127.0.0.1:8000 (Ctrl-C stops the server and the worker)"
	scripts/serve

test: setup system-packages
	$(PY) -m pytest -p no:cacheprovider

test-fast: setup
	$(PY) -m pytest -p no:cacheprovider -m "not e2e"

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy gaoxin config
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) scripts/check_translations.py

# Extract messages into both catalogs, fill English from the source text, compile.
messages: setup
	$(PY) manage.py makemessages -l zh_Hans -l en --no-location --no-obsolete -i "node_modules/*" -i ".venv/*" -i "var/*"
	$(PY) scripts/check_translations.py --fill-english
	$(PY) manage.py compilemessages -i node_modules -i .venv

setup: $(VENV)/.installed static/vendor/.copied

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@test -n "$(PYTHON)" || { echo "Python 3.11 is needed (python3.11 not found)."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "Node.js and npm are needed to install the front-end assets (apt-get install nodejs npm)."; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

static/vendor/.copied: node_modules/.installed scripts/copy_assets
	scripts/copy_assets
	touch $@

# Notices need Pango (WeasyPrint) and the Noto CJK fonts; tests also need Chromium (browser
# tests), poppler (reading PDFs) and gettext. Installed when run as root, named otherwise.
RUN_PACKAGES := fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0
TEST_PACKAGES := $(RUN_PACKAGES) chromium poppler-utils gettext zbar-tools

system-packages-run:
	@scripts/system_packages $(RUN_PACKAGES)

system-packages:
	@scripts/system_packages $(TEST_PACKAGES)

demo: setup
	@mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo

bench: setup
	@echo "See bench/README.md"

clean:
	rm -rf $(VENV) node_modules static/vendor var
