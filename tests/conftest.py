"""Test set-up: offscreen Qt, per-user folders in a temporary home, a fresh database per test."""

from __future__ import annotations

import os
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
def db(db_path: Path):
    """A fresh, migrated netdesk database bound to the models."""
    database = open_database(db_path)
    yield database
    database.close()


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
