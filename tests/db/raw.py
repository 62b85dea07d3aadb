"""A raw DB-API connection to a netdesk file or backup, with its passphrase when it has one
(so that tests reading files directly run on encrypted files too)."""

from __future__ import annotations

from pathlib import Path

from netdesk.db import cipher


def connect(path: Path | str):
    """sqlite3.connect(path) for a plain file; sqlcipher3's, keyed, for an encrypted one."""
    passphrase = None if cipher.has_plain_header(path) else cipher.passphrase_for(path)
    return cipher.connect(path, passphrase)


def passphrase_stdin() -> list[str]:
    """The flag a netdesk run in a subprocess needs to open the db fixture's file."""
    from tests.conftest import ENCRYPTED

    return ["--passphrase-stdin"] if ENCRYPTED else []


def passphrase_input() -> str | None:
    """What such a subprocess reads on its standard input: the fixture's passphrase."""
    from tests.conftest import ENCRYPTED, TEST_PASSPHRASE

    return TEST_PASSPHRASE + "\n" if ENCRYPTED else None
