"""A netdesk network on a PostgreSQL server: recognising one, opening it, migrating it.

A shared network lives in a PostgreSQL database named by a URL
(``postgresql://user@host/dbname``). netdesk knows its own databases by the marker table
``netdesk_marker`` (SQLite files by their application id): an empty database becomes a
netdesk one, a database holding other tables is refused and left as it was. The numbered
migrations are the same as for a file; each says what differs on PostgreSQL
(:mod:`netdesk.db.ddl`). The password, when the URL holds one, is never shown: every
message names the database by :func:`display_name`.
"""

from __future__ import annotations

import re

from peewee import DatabaseError, InterfaceError, OperationalError, PostgresqlDatabase

from netdesk.db import integrity
from netdesk.db.models import database_proxy
from netdesk.paths import display_name, is_server_url

__all__ = ["ServerDatabase", "connect", "display_name", "is_server_url", "open_server"]

MARKER_TABLE = "netdesk_marker"
APPLICATION = "netdesk"
_MIGRATION_LOCK = 0x6E64736B  # the SQLite application id, as the advisory lock's key
_QMARK = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|\$\$.*?\$\$|(\?)|(%)", re.DOTALL)


def qmark_to_format(sql: str) -> str:
    """netdesk's SQL (``?`` placeholders) in psycopg's style (``%s``, and ``%%`` for a
    percent sign); a ``?`` or ``%`` inside a quoted literal or identifier stays as it is,
    except that a percent sign is doubled wherever it is."""

    def replace(match: re.Match) -> str:
        if match.group(1):
            return "%s"
        if match.group(2):
            return "%%"
        return match.group(0).replace("%", "%%")

    return _QMARK.sub(replace, sql)


class ServerDatabase(PostgresqlDatabase):
    """PostgreSQL as netdesk uses it: its own SQL written with ``?`` placeholders runs as
    it does on SQLite, and dates and times come back as the text SQLite gives."""

    def init(self, database, **kwargs):
        import psycopg

        kwargs.setdefault("prefer_psycopg3", True)
        kwargs.setdefault("cursor_factory", psycopg.ClientCursor)
        super().init(database, **kwargs)

    def _connect(self):
        from psycopg.types.string import TextLoader

        connection = super()._connect()
        for name in ("date", "timestamp", "timestamptz", "time"):
            connection.adapters.register_loader(name, TextLoader)
        return connection

    def execute_sql(self, sql, params=None):
        if not params:
            sql, params = sql.replace("%", "%%"), ()
        elif "?" in sql:
            sql = qmark_to_format(sql)
        return super().execute_sql(sql, params)


def connect(url: str, **options) -> ServerDatabase:
    """A :class:`ServerDatabase` for ``url`` (not yet connected)."""
    from playhouse.db_url import parse

    settings = parse(url)
    settings.update(options)
    name = settings.pop("database")
    return ServerDatabase(name, **settings)


def open_server(url: str, *, before_migrate=None) -> ServerDatabase:
    """Open (and make, when empty) the netdesk database at ``url``, migrate it, bind the
    models to it. Raises :class:`netdesk.db.DatabaseFileError` naming the database by
    :func:`display_name` when it cannot be reached or is not netdesk's."""
    from netdesk.db.database import DatabaseFileError

    name = display_name(url)
    db = connect(url)
    try:
        db.connect()
        with db.atomic():
            db.execute_sql("SELECT pg_advisory_xact_lock(?)", (_MIGRATION_LOCK,))
            _recognise(db, name)
            from netdesk.db.database import migrate

            migrate(db, name, before_migrate=before_migrate)
    except (OperationalError, InterfaceError) as error:
        db.close()
        kind, message = classify(error)
        raise DatabaseFileError(name, message, kind) from error
    except DatabaseError as error:
        db.close()
        raise DatabaseFileError(name, f"the server refused it ({_first_line(error)})",
                                integrity.UNREADABLE) from error
    except DatabaseFileError:
        db.close()
        raise
    db.netdesk_path = None
    db.netdesk_url = name
    db.netdesk_read_only = False
    database_proxy.initialize(db)
    return db


def _recognise(db: ServerDatabase, name: str) -> None:
    """Make an empty database netdesk's; refuse one that holds tables of something else."""
    from netdesk.db.database import DatabaseFileError

    tables = set(db.get_tables())
    if MARKER_TABLE in tables:
        row = db.execute_sql(f'SELECT application FROM "{MARKER_TABLE}"').fetchone()
        if row is None or row[0] != APPLICATION:
            raise DatabaseFileError(name, "its marker does not name netdesk", integrity.FOREIGN)
        return
    if tables:
        raise DatabaseFileError(
            name, f"it holds tables that are not netdesk's ({', '.join(sorted(tables)[:3])}…)",
            integrity.FOREIGN)
    db.execute_sql(f'CREATE TABLE "{MARKER_TABLE}" ("application" TEXT NOT NULL, '
                   '"created" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)')
    db.execute_sql(f'INSERT INTO "{MARKER_TABLE}" ("application") VALUES (?)', (APPLICATION,))


def classify(error: BaseException) -> tuple[str, str]:
    """A connection failure as one of :mod:`netdesk.db.integrity`'s kinds and a sentence."""
    text = _first_line(error)
    lowered = text.lower()
    if "password authentication failed" in lowered or "no password supplied" in lowered:
        return integrity.NO_PERMISSION, "the server refused the user name or password"
    if "permission denied" in lowered:
        return integrity.NO_PERMISSION, f"the server refused it ({text})"
    if "does not exist" in lowered:
        return integrity.MISSING, f"there is no such database or user on the server ({text})"
    if "connection refused" in lowered or "could not connect" in lowered \
            or "timeout" in lowered or "could not translate host" in lowered:
        return integrity.UNREADABLE, f"the server cannot be reached ({text})"
    return integrity.UNREADABLE, f"the server cannot be used ({text})"


def _first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]
