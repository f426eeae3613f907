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
TEACHER_STAMP := $(VENV)/.installed-teacher
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

.PHONY: help setup setup-test lab lab-zh present thumbnails test lint unit nbval browser slides html \
	format execute bench clean translations hub hub-load student grading

help:
	@echo "make lab      set up (student install only) and open notebook 00 in JupyterLab (it prints its link)"
	@echo "make lab-zh  the same, opening the Chinese edition (中文版)"
	@echo "make present  the code-free presenter view: a gallery of the explorers, one page each (Voila)"
	@echo "make test     set up and run every test: lint, unit tests, notebooks (nbval), browser"
	@echo "make execute  re-run every notebook top to bottom and save its outputs"
	@echo "make slides   write offline reveal.js slide decks to build/slides (Chinese: build/slides/zh)"
	@echo "make html     write static HTML handouts to build/html (Chinese: build/html/zh)"
	@echo "make student  the student edition (no solutions, no teacher's notes): build/student and build/student.zip"
	@echo "make grading  the nbgrader course folders (answers and tests with points): build/nbgrader/en, build/nbgrader/zh"
	@echo "make translations  after an English change: update the catalogues, rebuild notebooks/zh"
	@echo "make bench    print the speed benchmarks"
	@echo "make hub      a JupyterHub for the class of hub/class.csv on http://127.0.0.1:8000 (docs/hub.md)"
	@echo "make hub-load the hub's load test: students dragging notebook 04's slider (N=4: only 4)"
	@echo "make format   format code and notebooks with ruff"
	@echo "make clean    remove the virtual environment and caches"

setup: $(STAMP)

# The hub test (tests/test_hub.py) also needs JupyterHub's proxy, from npm.
setup-test: $(TEST_STAMP)
	@if command -v npm >/dev/null; then $(MAKE) --no-print-directory $(HUB_PROXY); \
	else echo "==> npm not found: JupyterHub's proxy is not installed, the hub test will be skipped (sudo apt-get install npm)"; fi

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

$(TEST_STAMP): $(STAMP) requirements-test.txt requirements-hub.txt requirements-zh.txt requirements-teacher.txt
	@echo "==> Installing the test tools of requirements-test.txt"
	$(BIN)/python -m pip install --quiet -r requirements-test.txt
	@touch $(TEST_STAMP)

# The repository is the server's root (so gradviz/ and README.md are in the file
# browser); notebook 00 opens first. (JupyterLab 4.6 replaces ServerApp.default_url
# with its own /lab: the page to open is LabApp.default_url.)
# make lab-zh: the same, opening the Chinese edition (notebooks/zh).
FIRST_NOTEBOOK ?= notebooks/00_start_here.ipynb
lab: setup
	@echo "==> Opening the series in JupyterLab (localhost only). It opens your browser; if not,"
	@echo "    open the http://127.0.0.1:... link with its token that it prints below (the port"
	@echo "    is 8888, or the next free one when another server has it). Stop it with Ctrl-C."
	$(BIN)/jupyter lab --ip=127.0.0.1 $(ALLOW_ROOT) --ServerApp.root_dir=. \
		--LabApp.default_url=/lab/tree/$(FIRST_NOTEBOOK)

# JupyterLab's Chinese interface: the language pack of requirements-zh.txt, selected for
# this server only by jupyter/zh, a Jupyter config folder whose labconfig sets the locale
# (put on JUPYTER_CONFIG_PATH); `make lab` stays English.
ZH_STAMP := $(VENV)/.installed-zh
$(ZH_STAMP): $(STAMP) requirements-zh.txt
	@echo "==> Installing JupyterLab's Chinese interface (requirements-zh.txt)"
	$(BIN)/python -m pip install --quiet -r requirements-zh.txt
	@touch $@

lab-zh: $(ZH_STAMP)
	@JUPYTER_CONFIG_PATH=$(CURDIR)/jupyter/zh$(if $(JUPYTER_CONFIG_PATH),:$(JUPYTER_CONFIG_PATH)) \
		$(MAKE) --no-print-directory lab FIRST_NOTEBOOK=notebooks/zh/00_start_here.ipynb

# The presenter view: Voila as an extension of a Jupyter server (jupyter/present_config.py),
# which gives it a token, a Host allow-list, read-only access and idle-kernel culling
# (docs/presenter.md). The first page is a gallery of present/*.ipynb (Chinese:
# /gallery/zh); the template in jupyter/share serves Font Awesome from Voila's own
# bundle instead of a CDN. The server prints the link to open, with the real port
# (the next free one if PRESENT_PORT is taken) and the token.
present: setup
	@echo "==> Starting the presenter view (a gallery of the explorers, one page each, localhost only)"
	@echo "    Open the link printed below when the server is ready: it holds this session's key."
	JUPYTER_PATH=$(CURDIR)/jupyter/share $(BIN)/jupyter server --config=jupyter/present_config.py \
		$(ALLOW_ROOT) --ServerApp.port=$(PRESENT_PORT)

# The gallery's thumbnails (present/thumbnails, present/zh/thumbnails): draw them again
# after an explorer's first picture or a page changes.
thumbnails: setup
	@echo "==> Drawing the presenter gallery's thumbnails"
	$(BIN)/python -m gradviz.gallery

test: setup-test lint unit nbval browser
	@echo "==> All tests passed"

lint: setup-test
	@echo "==> Linting the package, tests, benchmarks and notebooks (ruff)"
	$(BIN)/ruff check gradviz tests benchmarks notebooks present hub slides
	$(BIN)/ruff format --check gradviz tests benchmarks notebooks present hub slides

unit: setup-test
	@echo "==> Unit, property and explorer tests"
	$(BIN)/python -m pytest tests --ignore=tests/browser --timeout=$(TEST_TIMEOUT) -p no:cacheprovider

nbval: setup-test
	@echo "==> Re-running every notebook and comparing it with its stored outputs (nbval)"
	$(BIN)/python -m pytest notebooks $(NBVAL_FLAGS)

browser: setup-test
	@if command -v npm >/dev/null; then $(MAKE) --no-print-directory slides html student; \
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
# slides/stills.py puts each still on a sub-slide of its own.
deck = PYTHONPATH=$(CURDIR)/slides$(if $(PYTHONPATH),:$(PYTHONPATH)) \
		$(BIN)/jupyter nbconvert --to slides $(1)/[0-9]*.ipynb --output-dir $(2) \
		--template-file slides/reveal_offline.html.j2 $(OFFLINE) \
		--SlidesExporter.preprocessors=stills.StillOnItsOwnSubslide \
		--SlidesExporter.reveal_url_prefix=$(3)/vendor/node_modules/reveal.js \
		--SlidesExporter.reveal_scroll=True --SlidesExporter.reveal_number=c/t \
		--SlidesExporter.reveal_theme=white --SlidesExporter.language_code=$(4) \
		--SlidesExporter.reveal_width=1024 --SlidesExporter.reveal_height=768 \
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

# The student edition (docs/student.md): the notebooks without the cells tagged solution or
# teacher, their decks and handouts, and the part of build/vendor these load, in one folder
# (a .git a teacher keeps there to publish it is left alone).
STUDENT := build/student
STUDENT_VENDOR := jquery/dist/jquery.min.js requirejs/require.js reveal.js/dist reveal.js/plugin \
	mathjax/MathJax.js mathjax/config/TeX-AMS_CHTML-full.js mathjax/config/Safe.js \
	mathjax/extensions mathjax/jax/input/TeX mathjax/jax/output/CommonHTML mathjax/jax/element \
	mathjax/localization/en mathjax/localization/zh-hans mathjax/fonts/HTML-CSS/TeX/woff
student: setup $(VENDOR)/.installed
	@echo "==> Writing the student edition to $(STUDENT) and build/student.zip (no solutions, no teacher's notes)"
	rm -rf $(addprefix $(STUDENT)/,notebooks slides html vendor) build/student.zip
	$(BIN)/python notebooks/student.py $(STUDENT)/notebooks
	$(call deck,$(STUDENT)/notebooks,$(STUDENT)/slides,..,en)
	$(call deck,$(STUDENT)/notebooks/zh,$(STUDENT)/slides/zh,../..,zh)
	$(call handout,$(STUDENT)/notebooks,$(STUDENT)/html,..,en)
	$(call handout,$(STUDENT)/notebooks/zh,$(STUDENT)/html/zh,../..,zh)
	mkdir -p $(STUDENT)/vendor/node_modules
	cd $(VENDOR)/node_modules && cp -r --parents $(STUDENT_VENDOR) $(abspath $(STUDENT))/vendor/node_modules/
	$(BIN)/python notebooks/student.py --zip $(STUDENT) build/student.zip
	@echo "==> $(STUDENT): notebooks/, slides/, html/ (open offline); build/student.zip: the same, zipped"

$(TEACHER_STAMP): $(STAMP) requirements-teacher.txt
	@echo "==> Installing the teacher's tools of requirements-teacher.txt (nbgrader)"
	$(BIN)/python -m pip install --quiet -r requirements-teacher.txt
	@touch $@

# nbgrader course folders, one per language (docs/grading.md): source/<notebook>/ for every
# notebook with exercises; what a teacher changed elsewhere in the folders is left alone.
grading: $(TEACHER_STAMP)
	@echo "==> Writing nbgrader course folders to build/nbgrader/en and build/nbgrader/zh"
	rm -rf build/nbgrader/en/source build/nbgrader/zh/source
	$(BIN)/python notebooks/grading.py build/nbgrader
	@echo "==> Next: cd build/nbgrader/en && PATH=$(abspath $(BIN)):\$$PATH nbgrader generate_assignment 01_derivatives"

# The class hub (docs/hub.md): JupyterHub with hub/jupyterhub_config.py on 127.0.0.1, ports
# HUB_PORTS (the first is the class's address); its state (database, passwords, the
# students' homes) in build/hub/state. Its proxy comes from npm (hub/package.json).
HUB_STAMP := $(VENV)/.installed-hub
HUB_PROXY := build/hub/.installed
HUB_PORTS ?= 8000-8099
$(HUB_STAMP): $(STAMP) requirements-hub.txt requirements-zh.txt
	@echo "==> Installing JupyterHub and its idle culler (requirements-hub.txt)"
	$(BIN)/python -m pip install --quiet -r requirements-hub.txt
	@touch $@

$(HUB_PROXY): hub/package.json hub/package-lock.json
	@command -v npm >/dev/null || { echo "make hub needs npm (Node.js) for JupyterHub's proxy: sudo apt-get install npm"; exit 1; }
	@echo "==> Installing JupyterHub's proxy (configurable-http-proxy, npm) into build/hub"
	mkdir -p build/hub
	cp hub/package.json hub/package-lock.json build/hub/
	cd build/hub && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	@touch $@

hub: $(HUB_STAMP) $(HUB_PROXY)
	@echo "==> The class hub on http://127.0.0.1:$(firstword $(subst -, ,$(HUB_PORTS))) (localhost only) for the people of hub/class.csv"
	@echo "    Passwords: build/hub/state/class-password (students), build/hub/state/admin-password (teachers)."
	@echo "    Stop it with Ctrl-C."
	GRADVIZ_HUB_PORTS=$(HUB_PORTS) $(BIN)/jupyterhub -f hub/jupyterhub_config.py

# The load test (docs/hub.md): N students at once, or a ramp until p95 > 250 ms.
hub-load: $(HUB_STAMP) $(HUB_PROXY)
	@echo "==> Load test of the class hub on 127.0.0.1 (bounded in students and minutes; report in build/hub-load)"
	$(BIN)/python hub/load.py $(if $(N),--students $(N)) $(HUB_LOAD_ARGS)

format: setup-test
	$(BIN)/ruff check --fix gradviz tests benchmarks notebooks present hub slides
	$(BIN)/ruff format gradviz tests benchmarks notebooks present hub slides

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
