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

.PHONY: install lab test nbval notebooks sync lint clean

install: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt -e .
	touch $(STAMP)

lab: install
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(VENV)/bin/jupyter lab --ServerApp.ip=127.0.0.1 \
	  --ServerApp.port=$(PORT) --ServerApp.root_dir=notebooks $(ROOT_FLAG) $(LAB_ARGS)

test: install
	$(PY) -m pytest

nbval: install
	$(PY) -m pytest notebooks

notebooks: install
	$(PY) tools/execute_notebooks.py $(NB)

sync: install
	$(VENV)/bin/jupytext --sync notebooks/*.ipynb

lint: install
	$(VENV)/bin/ruff check lib tests tools scripts notebooks/*.py

clean:
	rm -rf build .pytest_cache
