"""Per-user folders and the default database location (platformdirs)."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

import platformdirs

from netdesk import APP_NAME

DB_ENV = "NETDESK_DB"
DB_FILENAME = "netdesk.sqlite3"


def data_dir() -> Path:
    """Folder for the user's database; created private (0700) on first use."""
    return _private_dir(platformdirs.user_data_path(APP_NAME, appauthor=False))


def backup_dir() -> Path:
    """Folder for automatic backups, beside the data."""
    return _private_dir(data_dir() / "backups")


def default_db_path() -> Path:
    """The database to open when the user names none: ``$NETDESK_DB`` or the data folder."""
    chosen = os.environ.get(DB_ENV)
    if chosen:
        return Path(chosen).expanduser()
    return data_dir() / DB_FILENAME


def chosen_db_path(db: Path | None) -> Path:
    """The database the user named with ``--db``, else the per-user default."""
    return db.expanduser() if db is not None else default_db_path()


def resource_path(*parts: str) -> Path:
    """A file shipped in ``resources/`` (icons, default question bank, templates)."""
    return Path(str(resources.files("netdesk.resources").joinpath(*parts)))


def _private_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path
