# Quick start: `make site` builds the site; `make test` runs every test.
# Each target creates .venv and installs the pinned packages it needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: site offline test test-fast lint check serve golden screenshots clean

site: $(VENV)/.site-installed
	$(BIN)/python build.py

offline: $(VENV)/.site-installed
	$(BIN)/python build.py offline

test: $(VENV)/.test-installed
	bash scripts/ensure-browser.sh
	$(BIN)/ruff check .
	# One worker per core, each test file on one worker (its module fixtures made once), the files
	# in the order tests/conftest.py gives (the longest first), not xdist's (the most tests first).
	$(BIN)/python -m pytest -n auto --dist loadfile --no-loadscope-reorder

# The unit tests alone: no site build, no browser, no other process (under a minute).
test-fast: $(VENV)/.test-installed
	$(BIN)/python -m pytest -m unit -q -n auto

check: $(VENV)/.site-installed
	$(BIN)/python build.py check

serve: $(VENV)/.site-installed
	$(BIN)/python build.py serve

# Rewrite the golden pages in tests/golden/ after an intended change to the templates.
golden: $(VENV)/.test-installed
	UPDATE_GOLDEN=1 $(BIN)/python -m pytest tests/test_golden.py

# Full-page screenshots of every kind of page at a desktop and a phone width, and PDF prints, in
# test-artifacts/screenshots/ for a human to look at; builds the site first if site/ is missing.
screenshots: $(VENV)/.test-installed
	bash scripts/ensure-browser.sh
	test -f site/index.html || $(BIN)/python build.py
	$(BIN)/python scripts/screenshots.py

lint: $(VENV)/.test-installed
	$(BIN)/ruff check .

$(VENV)/.site-installed: requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

$(VENV)/.test-installed: requirements-test.lock $(VENV)/.site-installed
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-test.lock
	touch $@

clean:
	rm -rf $(VENV) site .build-*
