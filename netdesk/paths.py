"""Per-user folders and the default database location (platformdirs)."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import platformdirs

from netdesk import APP_NAME

DB_ENV = "NETDESK_DB"
DB_FILENAME = "netdesk.sqlite3"


def data_dir(*, create: bool = True) -> Path:
    """Folder for the user's database; created private (0700) on first use.

    Raises :class:`OSError` when it cannot be created (no writable home, say).
    """
    path = platformdirs.user_data_path(APP_NAME, appauthor=False)
    return _private_dir(path) if create else path


def backup_dir(*, create: bool = True) -> Path:
    """Folder for automatic backups, beside the data (``create=False``: only its name)."""
    path = data_dir(create=create) / "backups"
    return _private_dir(path) if create else path


def default_db_path() -> Path | str:
    """The database to open when the user names none: ``$NETDESK_DB`` or the data folder.

    Nothing is created here: the folder is made when the database is. A PostgreSQL URL in
    ``$NETDESK_DB`` is returned as it is (see :func:`database_argument`).
    """
    chosen = os.environ.get(DB_ENV)
    if chosen:
        return database_argument(chosen)
    return real_path(data_dir(create=False) / DB_FILENAME)


def chosen_db_path(db: Path | str | None) -> Path | str:
    """The database the user named with ``--db``, else the per-user default: a file's real
    path, or a server's URL as it was given."""
    return database_argument(db) if db is not None else default_db_path()


def database_argument(value: Path | str) -> Path | str:
    """A database as the user named it: a PostgreSQL URL stays the text it is (never taken
    for a file name, whose ``//`` a path would fold), anything else is a file's real path."""
    if is_server_url(value):
        return str(value)
    return real_path(value)


def is_server_url(value: object) -> bool:
    """True when ``value`` names a database server (``postgresql://…``) rather than a file."""
    scheme, separator, _rest = str(value).partition("://")
    return bool(separator) and scheme.lower() in ("postgresql", "postgres")


def real_path(path: Path | str) -> Path:
    """The one name of a file: ``~`` expanded, symbolic links and ``..`` resolved.

    A file reached through a link or another spelling is the same file, with the
    same lock, the same backups and the same checks.
    """
    return Path(path).expanduser().resolve()


def resource_path(*parts: str) -> Path:
    """A file shipped in ``resources/`` (icons, default question bank, templates).

    The folder of the package when it has one (an install, a checkout, a PyInstaller
    bundle): importlib.resources, the way for any other loader, costs the window's first
    frame a few milliseconds to import.
    """
    import netdesk.resources as package

    if getattr(package, "__file__", None):
        return Path(package.__file__).parent.joinpath(*parts)
    from importlib import resources

    return Path(str(resources.files("netdesk.resources").joinpath(*parts)))


def _private_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def display_name(url: str) -> str:
    """``url`` without its password, to show and to log."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port:
        host += f":{parts.port}"
    netloc = f"{parts.username}@{host}" if parts.username else host
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
