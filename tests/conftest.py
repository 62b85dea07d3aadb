"""Test set-up: offscreen Qt, per-user folders in a temporary home, a fresh database per test."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

# Before anything imports Qt or platformdirs: nothing here may reach the real user folders.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
_TEST_HOME = Path(tempfile.mkdtemp(prefix="netdesk-tests-"))
for _variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME",
                  "XDG_RUNTIME_DIR"):
    os.environ[_variable] = str(_TEST_HOME / _variable.lower())
os.environ.pop("NETDESK_DB", None)

import pytest  # noqa: E402

from netdesk.db import open_database  # noqa: E402

ENCRYPTED = os.environ.get("NETDESK_TEST_ENCRYPTED", "") not in ("", "0")
"""NETDESK_TEST_ENCRYPTED=1: the db and db_path fixtures give encrypted files (make test's
second pass), with a passphrase that needs quoting."""
TEST_PASSPHRASE = "correct horse 'battery' staple ü"
ON_SERVER = os.environ.get("NETDESK_TEST_POSTGRESQL", "") not in ("", "0")
"""NETDESK_TEST_POSTGRESQL=1: the db fixture gives a fresh database on a throwaway PostgreSQL
(make test's third pass), and only the tests that use it run; those marked ``sqlite_only``
(they look at what only a file has) are skipped."""


def examples(default: int) -> int:
    """How many examples a property test of loading into the database draws:
    NETDESK_FUZZ_EXAMPLES when set, else the default, and a tenth of it on the PostgreSQL pass,
    where each example is a transaction on a server and the file pass draws them all."""
    chosen = int(os.environ.get("NETDESK_FUZZ_EXAMPLES", default))
    return max(10, chosen // 10) if ON_SERVER else chosen


def pytest_collection_modifyitems(config, items):
    if not ON_SERVER:
        return
    on_file = pytest.mark.skip(reason="about a SQLite file: the PostgreSQL pass runs the "
                                      "tests of the db fixture")
    for item in items:
        if "db" not in getattr(item, "fixturenames", ()) or item.get_closest_marker("sqlite_only"):
            item.add_marker(on_file)


@pytest.fixture(scope="session")
def postgres():
    """A throwaway PostgreSQL cluster on 127.0.0.1 with a migrated template database, for the
    session (of each test worker)."""
    from tests.postgres import Cluster

    cluster = Cluster()
    try:
        cluster.make_template()
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "netdesk.sqlite3"
    if ENCRYPTED:
        from netdesk.db import cipher

        cipher.use_passphrase(path, TEST_PASSPHRASE)
    return path


@pytest.fixture(autouse=True)
def _forget_passphrases():
    """No test inherits another's passphrases (netdesk.db.cipher keeps them per process)."""
    yield
    from netdesk.db import cipher

    cipher.forget_all()


@pytest.fixture
def db(request):
    """A fresh, migrated netdesk database bound to the models: a file, or with
    NETDESK_TEST_POSTGRESQL=1 a database on the session's PostgreSQL."""
    if ON_SERVER:
        database = open_database(request.getfixturevalue("postgres").reuse())
        yield database
        database.close()
        return
    path = request.getfixturevalue("db_path")
    shutil.copyfile(request.getfixturevalue("migrated_file"), path)
    database = open_database(path)
    yield database
    database.close()


@pytest.fixture(scope="session")
def migrated_file(tmp_path_factory) -> Path:
    """A new netdesk file, migrated once per test worker: the db fixture starts from a copy,
    which opens in 4 ms where migrating a new file takes 60."""
    path = tmp_path_factory.mktemp("migrated") / "netdesk.sqlite3"
    if ENCRYPTED:
        from netdesk.db import cipher

        cipher.use_passphrase(path, TEST_PASSPHRASE)
    open_database(path).close()
    return path


@pytest.fixture
def sample_db(db):
    """The sample network in a fresh database."""
    from netdesk.core.demo import populate_sample

    populate_sample()
    return db


class MemoryKeyring:
    """A keyring held in memory, so no test reads or writes the real one."""

    priority = 1

    def __init__(self):
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.secrets.get((service, username))

    def set_password(self, service, username, password):
        self.secrets[(service, username)] = password

    def delete_password(self, service, username):
        self.secrets.pop((service, username), None)


@pytest.fixture(autouse=True)
def memory_keyring(monkeypatch):
    """Every test gets an empty keyring of its own (tests/test_secrets.py checks none too)."""
    import keyring

    ring = MemoryKeyring()
    monkeypatch.setattr(keyring, "get_keyring", lambda: ring)
    return ring
