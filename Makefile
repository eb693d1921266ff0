# Huikan — two commands on a fresh machine: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SEED := ../shared/seed/000_797a2758b8cc291a.txt
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: setup site build test lint format browser npm screenshots serve bench import-seed clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

## Build output/ (with the search index) from content/.
site: setup
	$(BIN)/python -m generator build

build: site

## Headless Chromium and its driver from Debian, for the browser tests.
browser:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || \
	  ( $(SUDO) apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium chromium-driver )

## axe-core for the accessibility tests, from the npm registry at the version package-lock.json pins.
NPM_STAMP := node_modules/.package-lock.json
$(NPM_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || \
	  ( $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq npm )
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NPM_STAMP)

npm: $(NPM_STAMP)

## Full-page PNGs of every page type, phone and desktop, light and dark, into screenshots/.
## Chinese needs a CJK font (Debian's fonts-noto-cjk), installed here if missing.
screenshots: setup browser
	@fc-list :lang=zh | grep -q . || \
	  ( $(SUDO) apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq fonts-noto-cjk )
	$(BIN)/python tests/screenshots.py screenshots

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## Lint, then the whole suite (browser tests included).
test: setup browser npm lint
	$(BIN)/python -m pytest -q

## Build, serve on http://127.0.0.1:8000/, rebuild on every change, reload open tabs (docs/serve.md).
serve: setup
	$(BIN)/python -m generator serve

## The scale benchmark: E synthetic events (default 1000) imported, built and searched, with
## Hugo on the same pages when Debian's hugo is installed (installed here if missing).
EVENTS ?= 1000
bench: setup browser
	@command -v hugo >/dev/null || \
	  ( $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq hugo ) || true
	$(BIN)/python -m generator bench --events $(EVENTS)

## Re-import the seed article (replaces content/events/2025-beijing-ai-salon/).
import-seed: setup
	$(BIN)/python -m generator import $(SEED) --slug 2025-beijing-ai-salon --force

clean:
	rm -rf output
