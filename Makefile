# Lotse: the two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
PYTHON ?= python3

.PHONY: install run test test-fast lint bench lock messages clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml requirements.lock package.json package-lock.json
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	npm ci --no-audit --no-fund --loglevel=error
	cd src/lotse && DEBUG=true ../../$(BIN)/lotse compilemessages --verbosity 0
	touch $@

# Serves the demo with DEBUG on, so no secrets need to be configured.
run: install
	DEBUG=true $(BIN)/lotse migrate --no-input
	DEBUG=true $(BIN)/lotse demo
	DEBUG=true $(BIN)/lotse runserver 127.0.0.1:$(PORT)

test: install
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	DEBUG=true $(BIN)/mypy
	$(BIN)/bandit --quiet --recursive src

bench: install
	$(BIN)/python bench/run.py

# Re-resolve the pinned dependencies after changing pyproject.toml.
lock:
	test -x $(BIN)/uv || $(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 \
		--generate-hashes --no-header --quiet -o requirements.lock

# Extract new message ids into every app's German catalogue, and into the catalogues of the
# families' languages of the apps with public pages (the finder, the contact form).
PUBLIC_LANGUAGES := -l en -l tr -l ar -l fa -l uk -l ru -l pl -l ro -l bg
messages: install
	cd src/lotse && DEBUG=true ../../$(BIN)/lotse makemessages --locale de --no-obsolete --no-location
	cd src/lotse/offers/finder && DEBUG=true ../../../../$(BIN)/lotse makemessages $(PUBLIC_LANGUAGES) --no-obsolete --no-location
	cd src/lotse/referrals && DEBUG=true ../../../$(BIN)/lotse makemessages $(PUBLIC_LANGUAGES) --no-obsolete --no-location --ignore support
	cd src/lotse/reports/participation && DEBUG=true ../../../../$(BIN)/lotse makemessages $(PUBLIC_LANGUAGES) --no-obsolete --no-location
	cd src/lotse && DEBUG=true ../../$(BIN)/lotse compilemessages --verbosity 0

clean:
	rm -rf $(VENV) node_modules var
