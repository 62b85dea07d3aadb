"""Members of a test database: login roles on the session's cluster (trust authentication),
each in the group of its kind, with their member rows; and a way to open the database as
one of them, as netdesk does."""

from __future__ import annotations

import contextlib
import itertools
import os

import psycopg

_counter = itertools.count(1)


class Members:
    """Roles for one test: ``ana`` and ``bo`` (students, ``cy`` advises ana), ``cy``
    (an advisor) and ``dee`` (an administrator). ``role('ana')`` is the real role name:
    roles are the cluster's, so each test's have names of their own."""

    KINDS = {"ana": "student", "bo": "student", "cy": "advisor", "dee": "admin"}
    NAMES = {"ana": "Ana Ruiz", "bo": "Bo Chen", "cy": "Cy Okafor", "dee": "Dee Park"}

    def __init__(self, postgres, url: str):
        self.postgres = postgres
        self.database = url.rsplit("/", 1)[1]
        self.suffix = f"{os.getpid()}_{next(_counter)}"
        self.made: list[str] = []
        for short, kind in self.KINDS.items():
            self.make(short, kind)
        self.postgres.execute(*(
            "INSERT INTO netdesk_member (role, name, kind, advisor) VALUES "
            f"('{self.role(short)}', '{self.NAMES[short]}', '{kind}', "
            + (f"'{self.role('cy')}')" if short == "ana" else "NULL)")
            for short, kind in sorted(self.KINDS.items(), key=lambda k: k[0] == "ana")),
            database=self.database)

    def role(self, short: str) -> str:
        return f"{short}_{self.suffix}"

    def make(self, short: str, kind: str) -> str:
        role = self.role(short)
        extra = " CREATEROLE" if kind == "admin" else ""
        self.postgres.execute(f'CREATE ROLE "{role}" LOGIN{extra} IN ROLE netdesk_{kind}')
        self.made.append(role)
        return role

    def url(self, short: str) -> str:
        return self.postgres.url(self.database, user=self.role(short))

    @contextlib.contextmanager
    def opened(self, short: str):
        """The database opened by netdesk as ``short``, bound to the models."""
        from netdesk.db import open_database

        db = open_database(self.url(short))
        try:
            yield db
        finally:
            db.close()

    @contextlib.contextmanager
    def raw(self, short: str):
        """A plain psycopg connection as ``short`` (autocommit)."""
        with psycopg.connect(self.url(short), autocommit=True) as connection:
            yield connection

    def drop(self) -> None:
        for role in self.made:
            self.postgres.execute(f'DROP ROLE IF EXISTS "{role}"')
