# The two commands of the README: `make report` and `make test`. Both create .venv on first use.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
CORPUS ?= seeds
REPORT ?= reports/seeds

.PHONY: report features test lab browser lint format clean

# Re-install whenever pyproject.toml (the one list of dependencies) changes.
$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' || \
	  { echo "Python 3.11 is needed (found $(PYTHON)); set PYTHON=/path/to/python3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $(STAMP)

## Build the report from seeds/ (or CORPUS=dir REPORT=reports/name).
report: $(STAMP)
	$(BIN)/python -m analysis report $(CORPUS) --out $(REPORT) $(ARGS)

## Only the feature tables, as Parquet files in OUT.
features: $(STAMP)
	$(BIN)/python -m analysis features $(CORPUS) --out $(or $(OUT),$(REPORT)/tables)

## Open JupyterLab on 127.0.0.1 with the notebooks (the URL with its token is printed).
lab: $(STAMP)
	$(BIN)/jupyter lab --no-browser --ip 127.0.0.1 --ServerApp.root_dir=notebooks \
	  $(if $(filter 0,$(shell id -u)),--allow-root)

## Debian's chromium, for the browser tests and PNG export; installed when run as root.
browser:
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else echo "note: chromium not found; browser tests will be skipped (apt-get install chromium)"; fi; }

## Lint (the notebooks too), format check and the test suite (browser tests need chromium: `make browser`).
test: $(STAMP) browser
	$(BIN)/ruff check analysis tests benchmarks notebooks
	$(BIN)/ruff format --check analysis tests benchmarks
	$(BIN)/python -m pytest

## Apply ruff's fixes and formatting.
format: $(STAMP)
	$(BIN)/ruff check --fix analysis tests benchmarks notebooks
	$(BIN)/ruff format analysis tests benchmarks

clean:
	rm -rf $(VENV) reports/*/
