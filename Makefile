# Quick start: `make run` starts netdesk, `make test` runs the whole test suite.
# Both create .venv, install system libraries when missing (Debian/Ubuntu) and the project.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
ONLY ?=

.PHONY: run test bench screenshots demo lint clean package

run: $(VENV)/.installed
	$(BIN)/netdesk $(ARGS)

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest $(ARGS)

bench: $(VENV)/.installed-bench
	$(BIN)/python -m tests.benchmarks.run $(ONLY)

screenshots: $(VENV)/.installed-test
	$(BIN)/python -m tests.shots build/screenshots

demo: $(VENV)/.installed
	$(BIN)/netdesk --demo

lint: $(VENV)/.installed-test
	$(BIN)/ruff check netdesk tests

$(VENV)/.system:
	sh packaging/ensure-system-packages.sh
	@mkdir -p $(VENV) && touch $@

$(VENV)/.installed: pyproject.toml $(VENV)/.system
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install -q -e '.[test,dev]'
	touch $@

# The benchmarks compare against networkx (and scipy): the bench extra.
$(VENV)/.installed-bench: pyproject.toml $(VENV)/.installed-test
	$(BIN)/python -m pip install -q -e '.[test,dev,bench]'
	touch $@

clean:
	rm -rf $(VENV) build *.egg-info

# A folder with a double-clickable netdesk (PyInstaller), in dist/netdesk/.
package: $(VENV)/.installed
	$(BIN)/python -m pip install -q 'pyinstaller>=6.0'
	$(BIN)/pyinstaller --noconfirm packaging/netdesk.spec
