# One idempotent set-up (`make setup`) that every target uses: a .venv with the locked versions.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup serve build check test test-fast lint golden system-packages docs mutation benchmark audit clean

setup: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

# `make serve PORT=8001` or `make serve HOST=0.0.0.0` (to reach it from another device).
HOST ?= 127.0.0.1
PORT ?= 8000
serve: setup
	# Served at the root of HOST:PORT, not under the placeholder site_url path.
	SITE_URL=http://$(HOST):$(PORT)/ NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve --dev-addr $(HOST):$(PORT)

build: setup
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

check: setup
	$(BIN)/python -m generator check

# Debian packages the tests drive: chromium (Playwright's own browser download does not
# work here) and faketime (the reproducible-build test builds "a day later").
system-packages:
	@missing=""; for p in chromium faketime; do command -v $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

# On both cores (pytest-xdist): the two editions doubled the MkDocs builds, and one process took 17-18 minutes.
test: setup system-packages
	NO_MKDOCS_2_WARNING=1 $(BIN)/python -m pytest -n 2

# The unit, property and case-folder tests: no MkDocs site, no Chromium (tests/conftest.py, SLOW_MODULES),
# on both cores (pytest-xdist).
test-fast: setup
	NO_MKDOCS_2_WARNING=1 $(BIN)/python -m pytest -m "not slow" -n 2

lint: setup
	$(BIN)/ruff check generator tests audit

# Regenerate the committed files made from the field table: schema/ and CONTRIBUTING.md.
docs: setup
	$(BIN)/python -m generator docs

# Benchmarks (not part of `make test`): generator phases and memory at 1k/10k/50k events,
# full build against bare MkDocs at 2k/10k; writes benchmarks/results.md.
benchmark: setup
	$(BIN)/python -m benchmarks.run

# Mutation testing of the modules that hold rules (`only_mutate` in pyproject.toml): not part of `make test`.
# A complete run from scratch (mutants/ is ignored by git); fails below 95% of mutants killed.
# Survivors: `.venv/bin/mutmut show NAME`. MUTATION_CHILDREN=1 on a busy machine: well over an hour
# then (load.py's and yaml_nodes.py's mutants run most of the selected tests each).
MUTATION_CHILDREN ?= 2
mutation: setup
	rm -rf mutants
	$(BIN)/mutmut run --max-children $(MUTATION_CHILDREN) || true
	$(BIN)/python -m tests.mutation_score

# The audit (not part of `make test`): the Nu HTML Checker on every page and Lighthouse (mobile) on
# home, the timeline, an event page and the glossary; results in audit/results.md (commit them).
# Needs Java and npm (Debian: default-jre-headless, npm) beside chromium; the npm tools are pinned in
# audit/package-lock.json. A few minutes: one build, one vnu run, four Lighthouse runs.
audit: setup system-packages
	@command -v java >/dev/null && command -v npm >/dev/null || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq default-jre-headless npm; }
	cd audit && { npm ls --silent >/dev/null 2>&1 || npm ci --no-audit --no-fund --ignore-scripts; }
	SOURCE_DATE_EPOCH=$$(git log -1 --format=%ct) NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict
	$(BIN)/python -m audit.run site

# Refresh the golden Markdown after an intended change to templates (review the diff!).
golden: setup
	$(BIN)/python -m tests.golden_refresh

clean:
	rm -rf site .cache $(VENV)
