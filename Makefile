# Two commands do all set-up on a fresh machine:
#   make lab    -- the classroom: JupyterLab on 127.0.0.1, opened on notebooks/
#   make test   -- every test: unit tests, the pairing check, strict nbval
VENV    ?= .venv
PYTHON  ?= python3
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.installed
PORT    ?= 8888
# JupyterLab refuses to run as root unless told it may.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: help install lab test nbval notebooks sync lint clean

help:
	@echo "make lab        JupyterLab on 127.0.0.1:$(PORT), opened on notebooks/ (installs .venv first)"
	@echo "make test       every test: unit, pairing, exercises, strict nbval, browser (installs first)"
	@echo "make notebooks  sync .py/.ipynb pairs and re-execute (NB=notebooks/NN_x.py for one)"
	@echo "make sync       sync the pairs only; KEEP=py|ipynb picks the twin when both were edited"
	@echo "make student    student copies without solutions, in build/student/"
	@echo "make course     nbgrader course directory in build/course/ (README, Exercises)"
	@echo "make html       static site in build/html/ (offline)"
	@echo "make slides     reveal.js decks in build/slides/"
	@echo "make bench      benchmarks, results in build/bench/"
	@echo "make nbval      strict nbval only;  make lint  ruff;  make clean  remove build/"
	@echo "make hub        JupyterHub for a class on 127.0.0.1:$(HUB_PORT) (Ctrl-C stops it); variables:"
	@echo "                HUB_PORT=$(HUB_PORT) (also uses the next two ports)  HUB_STATE=$(HUB_STATE) (kept by make clean)"
	@echo "                HUB_ROSTER=file (one username a line; unset: anyone may sign up)"
	@echo "                HUB_ADMIN=$(HUB_ADMIN)  HUB_CULL_S=$(HUB_CULL_S)  HUB_HANDOUTS=$(HUB_HANDOUTS)"
	@echo "make hub-test   log a class of 8 into a throw-away hub and measure it (build/hub/report.json)"

install: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt -e .
	touch $(STAMP)

lab: install
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(VENV)/bin/jupyter lab --ServerApp.ip=127.0.0.1 \
	  --ServerApp.port=$(PORT) --ServerApp.root_dir=. --LabApp.default_url=/lab/tree/notebooks \
	  $(ROOT_FLAG) $(LAB_ARGS)

test: install $(NPM_STAMP)
	$(PY) -m pytest

nbval: install
	$(PY) -m pytest notebooks

# The pinned JavaScript of package.json / package-lock.json, installed once into node_modules/
# (git-ignored): the slide decks' reveal.js and what they load, and JupyterHub's proxy.
# npm ci rewrites node_modules/.package-lock.json on every install; depend on $(NPM_STAMP).
NPM_STAMP := node_modules/.package-lock.json
$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# The classroom's static outputs (nothing executed, nothing fetched): build/html/ reads with no
# Python and no network; build/slides/ are reveal.js decks that present offline.
.PHONY: html slides
html: install
	$(PY) -m tools.build_site html

slides: install $(NPM_STAMP)
	$(PY) -m tools.build_site slides

# Student handouts: build/student/*.ipynb, each solution replaced by the nbgrader stub, outputs
# cleared (notebooks/ is never written).
.PHONY: student
student: install
	$(PY) -m tools.make_student --out build/student

# An nbgrader course directory: build/course/nbgrader_config.py and source/lecture08/*.ipynb
# (the notebooks less their jupytext pairing). README, "Exercises", gives the grading cycle.
.PHONY: course
course: install
	$(PY) -m tools.make_course --out build/course

# Benchmarks (not part of `make test`): build/bench/results.{json,md} and plots, table printed.
.PHONY: bench
bench: install
	$(PY) -m benchmarks.run --out build/bench

# KEEP=py or KEEP=ipynb settles a pair whose twins were both edited (the other is backed up to
# .notebook-state/backups/, which make clean keeps).
notebooks: install
	$(PY) -m tools.execute_notebooks $(if $(KEEP),--keep $(KEEP)) $(NB)

sync: install
	$(PY) -m tools.execute_notebooks --sync-only $(if $(KEEP),--keep $(KEEP)) $(NB)

lint: install
	$(VENV)/bin/ruff check .

clean:
	rm -rf build .pytest_cache

# A class on one machine: JupyterHub, each student in JupyterLab on their own handouts.
# See README, "Teaching a class on a hub". Its proxy is configurable-http-proxy from $(NPM_STAMP).
HUB_PORT     ?= 8000
HUB_STATE    ?= hub-state
HUB_ROSTER   ?=
HUB_ADMIN    ?= instructor
HUB_CULL_S   ?= 3600
HUB_HANDOUTS ?= build/student
HUB_HANDOUTS_STAMP := build/hub/handouts.stamp

.PHONY: hub hub-test hub-handouts-missing
hub: install $(NPM_STAMP) $(HUB_HANDOUTS_STAMP)
	HUB_PORT='$(HUB_PORT)' HUB_STATE='$(HUB_STATE)' HUB_ROSTER='$(HUB_ROSTER)' HUB_ADMIN='$(HUB_ADMIN)' \
	  HUB_CULL_S='$(HUB_CULL_S)' HUB_HANDOUTS='$(HUB_HANDOUTS)' exec $(PY) -m hub.launch

hub-test: install $(NPM_STAMP) $(HUB_HANDOUTS_STAMP)
	$(PY) -m hub.class_test --out build/hub

# The handouts are rebuilt when older than the notebooks or lib/, or when build/student is gone.
$(HUB_HANDOUTS_STAMP): notebooks/*.ipynb $(shell find lib -name '*.py') \
		$(if $(wildcard build/student/*.ipynb),,hub-handouts-missing)
	$(MAKE) --no-print-directory student
	mkdir -p $(@D) && touch $@
