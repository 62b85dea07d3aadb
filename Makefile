# Quick start: `make run` starts netdesk, `make test` runs the whole test suite.
# Both create .venv, install system libraries when missing (Debian/Ubuntu) and the project.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
ONLY ?=

.PHONY: run test bench screenshots demo lint clean package

run: $(VENV)/.installed
	$(BIN)/netdesk $(ARGS)

# The second pass runs the tests of opening, backup, restore, import and export again
# with the db and db_path fixtures giving encrypted files (SQLCipher).
# The third runs the tests of core, formats and db that use the db fixture on a throwaway
# PostgreSQL (tests/postgres.py), which the tests of tests/server use in every pass.
ENCRYPTED_TESTS := tests/db tests/formats tests/cli tests/ui/backup tests/sync
SERVER_TESTS := tests/core tests/formats tests/db
test: $(VENV)/.installed-test
	$(BIN)/python -m pytest -n auto $(ARGS)
	NETDESK_TEST_ENCRYPTED=1 $(BIN)/python -m pytest -q -n auto $(ENCRYPTED_TESTS)
	NETDESK_TEST_POSTGRESQL=1 $(BIN)/python -m pytest -q -n auto $(SERVER_TESTS)

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

# The tests start their own PostgreSQL server: Debian's postgresql package.
$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	sh packaging/ensure-system-packages.sh postgresql
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

# Install for the current user (no root): ~/.local/bin/netdesk (the PyInstaller bundle
# when make package built one, else this project's venv), the menu entry, icons, the
# mime type of netdesk files and the AppStream metainfo. PREFIX=... installs elsewhere.
PREFIX ?= $(HOME)/.local
ICONS := build/icons

.PHONY: install uninstall deb check-install

# The hicolor PNGs, rendered from the SVG by Qt (never kept in git, so never stale).
$(ICONS)/.rendered: netdesk/resources/icons/netdesk.svg packaging/render_icons.py $(VENV)/.installed
	rm -rf $(ICONS)
	QT_QPA_PLATFORM=offscreen $(BIN)/python packaging/render_icons.py $(ICONS) >/dev/null
	touch $@

install: $(VENV)/.installed $(ICONS)/.rendered
	$(BIN)/python packaging/install_files.py install --prefix "$(PREFIX)" --icons $(ICONS) \
		$(if $(wildcard dist/netdesk/netdesk),--bundle dist/netdesk)

uninstall:
	$(PYTHON) packaging/install_files.py uninstall --prefix "$(PREFIX)"

# build/netdesk_VERSION_ARCH.deb from the PyInstaller bundle (dpkg-deb only). PyInstaller
# needs objdump (binutils) to tell which files are libraries.
deb: $(ICONS)/.rendered
	sh packaging/ensure-system-packages.sh binutils
	$(MAKE) package
	rm -f build/netdesk_*.deb
	$(BIN)/python packaging/build_deb.py --bundle dist/netdesk --icons $(ICONS) --out build

# CI, after the tests: validate, apt install and start the .deb under Xvfb (as root).
check-install: deb
	sh packaging/check-install.sh
