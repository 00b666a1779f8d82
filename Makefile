# Makefile for the asyncio guide.
#
# Every target bootstraps what it needs: a virtual environment in .venv/ with
# the pinned dependencies of requirements.txt, created on first use and
# refreshed whenever requirements.txt's content changes.

PYTHON      ?= python3
VENV        ?= .venv
BIN         := $(VENV)/bin
# The stamp is named after requirements.txt's content, not compared with its
# time: a fresh clone (every file new) reuses a .venv/ installed from the same pins.
REQUIREMENTS_HASH := $(shell $(PYTHON) -c 'import hashlib; print(hashlib.sha256(open("requirements.txt", "rb").read()).hexdigest()[:16])')
STAMP       := $(VENV)/.installed-requirements-$(REQUIREMENTS_HASH)
SPHINXBUILD := $(BIN)/sphinx-build
SPHINXOPTS  ?= -W --keep-going -n -j auto
SOURCEDIR   := .
BUILDDIR    := _build
EXAMPLE     ?=
VERSION     ?=

.DEFAULT_GOAL := help

# The first line of each rule's '##' comment is what 'make help' prints.
.PHONY: help
help: ## List the targets.
	@echo "Usage: make <target>"
	@echo
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) \
	  | awk 'BEGIN {FS = ":.*## "} {printf "  %-18s %s\n", $$1, $$2}'
	@printf "  %-18s %s\n" "<builder>" "Any other Sphinx builder, e.g. 'make dirhtml' or 'make text'."

$(STAMP):
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "The guide needs Python 3.11 or newer to build (Sphinx 9); found " + sys.version.split()[0])'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@rm -f $(VENV)/.installed-requirements*
	@touch $@

.PHONY: venv
venv: $(STAMP) ## Create or refresh the virtual environment in .venv/.

.PHONY: html
html: $(STAMP) ## Build the site into _build/html/ (warnings are errors).
	$(SPHINXBUILD) -M html "$(SOURCEDIR)" "$(BUILDDIR)" $(SPHINXOPTS) $(O)

# axe-core for the browser tests, from package-lock.json. Without npm the
# browser tests say how to get it (and fail under CI=true).
NODE_STAMP  := node_modules/.installed

$(NODE_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --no-audit --no-fund && touch $@; \
	else \
	  echo "npm not found: the browser tests will say how to install it."; \
	fi

package.json package-lock.json: ;

RST_LINT    := $(BIN)/sphinx-lint --enable all --disable line-too-long index.rst asyncio

# CI must check every example on every supported Python, so there the checks install what is missing.
CI_PYTHONS  := $(if $(filter true 1 yes,$(CI)),pythons)

.PHONY: test
test: html $(NODE_STAMP) $(CI_PYTHONS) ## Run every check: examples' output and timing, the site, rst lint.
	$(RST_LINT)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

.PHONY: test-fast
test-fast: html ## Every check but the browser tests (tests/browser), the slowest part.
	$(RST_LINT)
	$(BIN)/python -m pytest --ignore=tests/browser $(PYTEST_ARGS)

.PHONY: pre-commit
pre-commit: $(STAMP) ## Run the fast checks of .pre-commit-config.yaml before each commit.
	$(BIN)/python -m pip install --quiet --disable-pip-version-check pre-commit==4.7.0
	$(BIN)/pre-commit install
	$(BIN)/pre-commit run --all-files

.PHONY: test-versions
test-versions: $(STAMP) $(CI_PYTHONS) ## Check the examples on every Python 3.9-3.15 found; print a table.
	$(BIN)/python -m pytest tests/test_examples.py --versions=all $(PYTEST_ARGS)

.PHONY: pythons
pythons: $(STAMP) ## Install every missing Python 3.9-3.15 (into ~/.cache/asyncio-guide/pythons).
	$(BIN)/python -m harness.install_pythons

.PHONY: update-examples
update-examples: $(STAMP) ## Re-record outputs (all, or EXAMPLE=<name>; VERSION=3.9 for a variant).
	$(BIN)/python -m harness.record $(EXAMPLE) $(if $(VERSION),--version $(VERSION))

.PHONY: check-exercise
check-exercise: $(STAMP) ## Check your answer to an exercise: EXERCISE=<name> FILE=<your file> [VERSION=3.X].
	@test -n "$(EXERCISE)" -a -n "$(FILE)" || { echo "usage: make check-exercise EXERCISE=<name> FILE=<your file>"; exit 2; }
	$(BIN)/python -m harness.exercises "$(EXERCISE)" "$(FILE)" $(if $(VERSION),--version $(VERSION))

.PHONY: bench
bench: $(STAMP) ## Time the example checks against their lower bound (SCALE=4: 4 copies of each that shares the cores; RUNS=5).
	$(BIN)/python -m harness.bench --scale $(or $(SCALE),1) --repeat $(or $(RUNS),1)

.PHONY: serve
serve: $(STAMP) ## Preview on http://127.0.0.1:8000, rebuilding on every change.
	$(BIN)/sphinx-autobuild "$(SOURCEDIR)" "$(BUILDDIR)/html" $(filter-out -j auto,$(SPHINXOPTS)) \
	  --host 127.0.0.1 --port 8000 --watch _ext --watch harness \
	  --ignore "$(VENV)" --ignore "$(BUILDDIR)" --ignore "tests" $(O)

.PHONY: linkcheck
linkcheck: $(STAMP) ## Check internal links; external ones too when online.
	@if $(BIN)/python -c 'import socket; socket.create_connection(("docs.python.org", 443), 3)' 2>/dev/null; \
	then ignore=""; \
	else echo "Offline: checking internal links only, skipping external ones."; ignore="-D linkcheck_ignore=^https?://"; fi; \
	$(SPHINXBUILD) -M linkcheck "$(SOURCEDIR)" "$(BUILDDIR)" $(SPHINXOPTS) $$ignore $(O)

.PHONY: clean
clean: ## Remove the build output (keeps .venv/).
	rm -rf "$(BUILDDIR)"

.PHONY: pins
pins: ## Re-pin requirements.txt to the newest versions of requirements.in.
	rm -rf "$(BUILDDIR)/pins-venv"
	$(PYTHON) -m venv "$(BUILDDIR)/pins-venv"
	"$(BUILDDIR)/pins-venv/bin/pip" install --quiet --disable-pip-version-check -r requirements.in
	{ echo "# Pinned by 'make pins' from requirements.in: the newest versions that resolve together."; \
	  echo "# Sphinx 9 needs Python 3.11 or newer."; \
	  "$(BUILDDIR)/pins-venv/bin/pip" freeze --exclude pip; } > requirements.txt
	rm -rf "$(BUILDDIR)/pins-venv"

# Files make must never try to build through the catch-all rule below.
Makefile requirements.txt requirements.in: ;

# Any other target is handed to Sphinx as a builder name ("make latex", ...).
%: $(STAMP)
	$(SPHINXBUILD) -M $@ "$(SOURCEDIR)" "$(BUILDDIR)" $(SPHINXOPTS) $(O)
