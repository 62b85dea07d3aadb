"""Shared steps of the sync tests: two netdesk databases, an account on each for the same
server, and a phone's hand-written cards and to-dos."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

from netdesk.core.people import PersonForm, save_person
from netdesk.db import cipher, open_database
from netdesk.db.models import database_proxy
from netdesk.sync import accounts
from netdesk.sync.engine import sync_account
from tests.conftest import ENCRYPTED, TEST_PASSPHRASE


class Side:
    """One netdesk database with an account for the server."""

    def __init__(self, path: Path, server, book: str | None, calendar: str | None,
                 tags: tuple[str, ...] = ()):
        self.path, self.server = path, server
        if ENCRYPTED:  # make test's second pass: both databases encrypted
            cipher.use_passphrase(path, TEST_PASSPHRASE)
        with self.open():
            self.account = accounts.add_account(server.url, server.user, addressbook_url=book,
                                                calendar_url=calendar, tags=tags)

    @contextmanager
    def open(self):
        previous = database_proxy.obj
        db = open_database(self.path, before_migrate=None)
        try:
            yield db
        finally:
            db.close()
            if previous is not None:
                database_proxy.initialize(previous)

    def sync(self, **kwargs):
        with self.open():
            account = accounts.account(self.account.id)
            return sync_account(account, self.server.password, **kwargs)


def add_person(first: str, last: str = "", **fields) -> int:
    return save_person(None, PersonForm(first_name=first, last_name=last, **fields)).id


def phone_card(uid: str, fn: str, n: str, *lines: str, rev: str = "20300101T000000Z") -> str:
    """A card as a phone's contacts app writes it: its own PRODID, what it knows."""
    body = "\r\n".join(lines)
    return ("BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Apple Inc.//iPhone OS 18.0//EN\r\n"
            f"UID:{uid}\r\nN:{n}\r\nFN:{fn}\r\n" + (body + "\r\n" if body else "")
            + f"REV:{rev}\r\nEND:VCARD\r\n")
