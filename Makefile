# cx-maturity — the two commands are `make run` and `make test`; each sets up what it needs.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
PY     := $(VENV)/bin/python
PORT   ?= 8501

.DEFAULT_GOAL := help
.PHONY: help run test bench load phone lint venv install install-dev chart-fonts clean

help:
	@echo "make run    set up .venv and serve the app on http://localhost:$(PORT)"
	@echo "make test   set up .venv (with dev tools) and run ruff, mypy and pytest"
	@echo "make bench  run the benchmarks (medians; see docs/PERFORMANCE.md)"
	@echo "make load   load test: 10, 20, 40, 80 simulated participants on a real server"
	@echo "make phone  tap → saved and settled in Chromium phones, with 5 and 40 participants"
	@echo "make clean  remove .venv and caches"

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "cx-maturity needs Python 3.11 or newer (found " + sys.version.split()[0] + ")")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Stamp files: reinstall only when a requirements file changes.
$(VENV)/.installed: requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $(VENV)/.installed $@

venv: $(PY)
install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

run: install
	$(PY) -m cxmaturity db upgrade
	$(PY) -m cxmaturity serve --port $(PORT)

lint: install-dev
	$(PY) -m ruff check .

test: install-dev
	$(PY) -m ruff check .
	$(PY) -m mypy
	$(PY) -m pytest

bench: install-dev
	$(PY) -m bench

load: install-dev
	$(PY) -m bench.load

phone: install-dev
	$(PY) -m bench.phone

# The faces vl-convert measures chart text with, derived from the embedded Lato (committed).
chart-fonts: install-dev
	$(PY) -m tools.chart_fonts

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
