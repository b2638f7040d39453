# The two commands of the README: `make report` and `make test`. Both create .venv on first use.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
CORPUS ?= seeds
REPORT ?= reports/seeds

.PHONY: report features test lint format clean

# Re-install whenever pyproject.toml (the one list of dependencies) changes.
$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' || \
	  { echo "Python 3.11 is needed (found $(PYTHON)); set PYTHON=/path/to/python3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $(STAMP)

## Build the report from seeds/ (or CORPUS=dir REPORT=reports/name).
report: $(STAMP)
	$(BIN)/python -m analysis report $(CORPUS) --out $(REPORT)

## Only the feature tables, as Parquet files in OUT.
features: $(STAMP)
	$(BIN)/python -m analysis features $(CORPUS) --out $(or $(OUT),$(REPORT)/tables)

## Lint, format check and the test suite.
test: $(STAMP)
	$(BIN)/ruff check analysis tests
	$(BIN)/ruff format --check analysis tests
	$(BIN)/python -m pytest

## Apply ruff's fixes and formatting.
format: $(STAMP)
	$(BIN)/ruff check --fix analysis tests
	$(BIN)/ruff format analysis tests

clean:
	rm -rf $(VENV) reports/*/
