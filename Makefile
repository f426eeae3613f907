# gradviz: two commands on a fresh machine with Python 3.11+
#   make lab    set up (once) and open the series in JupyterLab
#   make test   set up (once) and run every test
# Both create a local virtual environment in .venv and are safe to run again.
# `make lab` installs only what running the series needs (requirements.txt);
# `make test` adds the test tools (requirements-test.txt) to the same .venv.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
# Settings every JupyterLab / Notebook 7 started from .venv reads (app settings dir).
SETTINGS_DIR := $(VENV)/share/jupyter/lab/settings/overrides.d
# The port `make present` serves its gallery on (127.0.0.1 only).
PRESENT_PORT ?= 8866
# Every notebook step has a timeout: kernels have been seen to hang forever.
CELL_TIMEOUT   ?= 300
KERNEL_TIMEOUT ?= 120
TEST_TIMEOUT   ?= 900
# Jupyter refuses to run as root unless told to (containers, CI machines).
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root,)
# Offline copies of what decks and handouts load (reveal.js, MathJax, require.js, jQuery).
VENDOR := build/vendor
OFFLINE = --ExtractOutputPreprocessor.enabled=False \
	--TemplateExporter.exclude_input_prompt=True --TemplateExporter.exclude_output_prompt=True
# $(call VENDOR_URLS,../..): the vendored files as seen from an output folder.
VENDOR_URLS = require_js_url=$(1)/vendor/node_modules/requirejs/require.js \
	jquery_url=$(1)/vendor/node_modules/jquery/dist/jquery.min.js \
	mathjax_url=$(1)/vendor/node_modules/mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe
NBVAL_FLAGS = --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg \
	--nbval-cell-timeout=$(CELL_TIMEOUT) --nbval-kernel-startup-timeout=$(KERNEL_TIMEOUT) \
	--timeout=$(TEST_TIMEOUT) -p no:cacheprovider

.PHONY: help setup setup-test lab lab-zh present test lint unit nbval browser slides html format \
	execute bench clean translations

help:
	@echo "make lab      set up (student install only) and open notebook 00 in JupyterLab (http://127.0.0.1:8888)"
	@echo "make lab-zh  the same, opening the Chinese edition (中文版)"
	@echo "make present  the code-free presenter view: every explorer on its own page (Voila)"
	@echo "make test     set up and run every test: lint, unit tests, notebooks (nbval), browser"
	@echo "make execute  re-run every notebook top to bottom and save its outputs"
	@echo "make slides   write offline reveal.js slide decks to build/slides (Chinese: build/slides/zh)"
	@echo "make html     write static HTML handouts to build/html (Chinese: build/html/zh)"
	@echo "make translations  after an English change: update the catalogues, rebuild notebooks/zh"
	@echo "make bench    print the speed benchmarks"
	@echo "make format   format code and notebooks with ruff"
	@echo "make clean    remove the virtual environment and caches"

setup: $(STAMP)

setup-test: $(TEST_STAMP)

$(STAMP): requirements.txt pyproject.toml jupyter/overrides.d/gradviz.json
	@echo "==> Checking that $(PYTHON) is Python 3.11 or newer"
	@$(PYTHON) -c 'import sys; v = sys.version_info; sys.exit(0 if v >= (3, 11) else "gradviz needs Python 3.11 or newer, found %d.%d: run  make PYTHON=python3.12 ..." % v[:2])'
	@echo "==> Creating the virtual environment $(VENV)"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "==> Installing the packages of requirements.txt (the first time takes a few minutes)"
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	@echo "==> Arrow keys on a focused slider move the slider in Notebook 7 too ($(SETTINGS_DIR))"
	mkdir -p $(SETTINGS_DIR)
	cp jupyter/overrides.d/gradviz.json $(SETTINGS_DIR)/gradviz.json
	@touch $(STAMP)
	@echo "==> Environment ready in $(VENV)"

$(TEST_STAMP): $(STAMP) requirements-test.txt
	@echo "==> Installing the test tools of requirements-test.txt"
	$(BIN)/python -m pip install --quiet -r requirements-test.txt
	@touch $(TEST_STAMP)

# The repository is the server's root (so gradviz/ and README.md are in the file
# browser); notebook 00 opens first. (JupyterLab 4.6 replaces ServerApp.default_url
# with its own /lab: the page to open is LabApp.default_url.)
# make lab-zh: the same, opening the Chinese edition (notebooks/zh).
FIRST_NOTEBOOK ?= notebooks/00_start_here.ipynb
lab: setup
	@echo "==> Opening the series in JupyterLab on http://127.0.0.1:8888 (localhost only, token login)"
	@echo "    Stop it with Ctrl-C."
	$(BIN)/jupyter lab --ip=127.0.0.1 $(ALLOW_ROOT) --ServerApp.root_dir=. \
		--LabApp.default_url=/lab/tree/$(FIRST_NOTEBOOK)

lab-zh:
	@$(MAKE) --no-print-directory lab FIRST_NOTEBOOK=notebooks/zh/00_start_here.ipynb

# Voila runs present/*.ipynb (one explorer each) with their code hidden; the template
# in jupyter/share serves Font Awesome from Voila's own bundle instead of a CDN.
present: setup
	@echo "==> The presenter view on http://127.0.0.1:$(PRESENT_PORT) (localhost only): one page per explorer"
	@echo "    Stop it with Ctrl-C."
	JUPYTER_PATH=$(CURDIR)/jupyter/share $(BIN)/voila present --Voila.ip=127.0.0.1 \
		--port=$(PRESENT_PORT) --template=gradviz --no-browser

test: setup-test lint unit nbval browser
	@echo "==> All tests passed"

lint: setup-test
	@echo "==> Linting the package, tests, benchmarks and notebooks (ruff)"
	$(BIN)/ruff check gradviz tests benchmarks notebooks present
	$(BIN)/ruff format --check gradviz tests benchmarks notebooks present

unit: setup-test
	@echo "==> Unit, property and explorer tests"
	$(BIN)/python -m pytest tests --ignore=tests/browser --timeout=$(TEST_TIMEOUT) -p no:cacheprovider

nbval: setup-test
	@echo "==> Re-running every notebook and comparing it with its stored outputs (nbval)"
	$(BIN)/python -m pytest notebooks $(NBVAL_FLAGS)

browser: setup-test
	@if command -v npm >/dev/null; then $(MAKE) --no-print-directory slides html; \
	else echo "==> npm not found: decks and handouts are not built, their checks will be skipped (sudo apt-get install npm)"; fi
	@echo "==> Every notebook and explorer in JupyterLab, decks and handouts, in headless Chromium (screenshots: artifacts/browser)"
	$(BIN)/python -m pytest tests/browser --timeout=$(TEST_TIMEOUT) -p no:cacheprovider

$(VENDOR)/.installed: slides/package.json slides/package-lock.json
	@command -v npm >/dev/null || { echo "make slides/html need npm (Node.js): sudo apt-get install npm"; exit 1; }
	@echo "==> Fetching reveal.js, MathJax, require.js and jQuery (once), so decks work offline"
	mkdir -p $(VENDOR)
	cp slides/package.json slides/package-lock.json $(VENDOR)/
	cd $(VENDOR) && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	@touch $@

# $(call deck,notebook folder,output folder,path from the output folder to build/,language)
deck = $(BIN)/jupyter nbconvert --to slides $(1)/[0-9]*.ipynb --output-dir $(2) \
		--template-file slides/reveal_offline.html.j2 $(OFFLINE) \
		--SlidesExporter.reveal_url_prefix=$(3)/vendor/node_modules/reveal.js \
		--SlidesExporter.reveal_scroll=True --SlidesExporter.reveal_number=c/t \
		--SlidesExporter.reveal_theme=white --SlidesExporter.language_code=$(4) \
		$(addprefix --SlidesExporter.,$(call VENDOR_URLS,$(3)))
handout = $(BIN)/jupyter nbconvert --to html $(1)/[0-9]*.ipynb --output-dir $(2) \
		--template-file slides/lab_offline.html.j2 $(OFFLINE) --HTMLExporter.language_code=$(4) \
		$(addprefix --HTMLExporter.,$(call VENDOR_URLS,$(3)))

slides: setup $(VENDOR)/.installed
	@echo "==> Writing reveal.js slide decks to build/slides, Chinese ones to build/slides/zh (no internet needed)"
	$(call deck,notebooks,build/slides,..,en)
	$(call deck,notebooks/zh,build/slides/zh,../..,zh)

html: setup $(VENDOR)/.installed
	@echo "==> Writing static HTML handouts to build/html, Chinese ones to build/html/zh (figures included; no internet needed)"
	$(call handout,notebooks,build/html,..,en)
	$(call handout,notebooks/zh,build/html/zh,../..,zh)

format: setup-test
	$(BIN)/ruff check --fix gradviz tests benchmarks notebooks present
	$(BIN)/ruff format gradviz tests benchmarks notebooks present

# A subset: make execute NOTEBOOKS=notebooks/03_the_gradient.ipynb (Chinese: notebooks/zh/...)
NOTEBOOKS ?= notebooks/*.ipynb notebooks/zh/*.ipynb
# No per-cell timestamps in the saved notebooks: a re-run changes only what it shows.
execute: setup
	@echo "==> Executing every notebook in a fresh kernel and saving its outputs"
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace \
		--ExecutePreprocessor.timeout=$(CELL_TIMEOUT) \
		--ExecutePreprocessor.startup_timeout=$(KERNEL_TIMEOUT) \
		--ExecutePreprocessor.store_widget_state=False \
		--ExecutePreprocessor.record_timing=False \
		$(NOTEBOOKS)

# Translations (README: "Updating a translation"). gradviz's messages: extract the
# English ones into the template, merge it into each language's .po (new and changed
# messages appear untranslated or fuzzy), compile the .mo files the package loads.
# Notebooks: write the English text of each notebook into its catalogue, then rebuild
# notebooks/zh from the English notebooks and the catalogues.
LOCALE_DIR := gradviz/locale
translations: setup-test
	@echo "==> Extracting gradviz's messages and merging them into $(LOCALE_DIR)/*/LC_MESSAGES/gradviz.po"
	$(BIN)/pybabel extract --project=gradviz --no-wrap --add-location=file --sort-by-file \
		--omit-header -o $(LOCALE_DIR)/gradviz.pot gradviz
	$(BIN)/pybabel update --no-wrap --ignore-obsolete --init-missing -l zh_CN \
		-i $(LOCALE_DIR)/gradviz.pot -d $(LOCALE_DIR) -D gradviz
	$(BIN)/pybabel compile --statistics -d $(LOCALE_DIR) -D gradviz
	@echo "==> Updating the notebooks' catalogues and rebuilding notebooks/zh"
	$(BIN)/python notebooks/translate.py update
	$(BIN)/python notebooks/translate.py build

bench: setup
	$(BIN)/python benchmarks/bench_gradient_field.py
	$(BIN)/python benchmarks/bench_explorers.py
	$(BIN)/python benchmarks/bench_gradients.py
	$(BIN)/python benchmarks/bench_browser.py

clean:
	rm -rf $(VENV) build artifacts .pytest_cache .ruff_cache .hypothesis
