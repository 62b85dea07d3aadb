"""What the window calls a database on a server (its title, About, file dialogs, menu
reasons), without importing the storage: the main window's first frame uses these."""

from __future__ import annotations

from pathlib import Path

from netdesk.paths import display_name, is_server_url


def on_server(location: object) -> bool:
    """True when ``location`` (a path, a URL, a window's ``db_path``) names a server's database."""
    return is_server_url(location)


def shown_name(url: str) -> str:
    """The database as a title shows it: ``ana@db.center.edu/network`` (no scheme, no
    password)."""
    name = display_name(str(url))
    return name.split("://", 1)[1] if "://" in name else name


def window_name(db_path: Path | str) -> str:
    """The name the main window's title gives the database: a file's name, or a server's
    user, host and database."""
    return shown_name(db_path) if on_server(db_path) else Path(db_path).name


def file_only_reason(what: str) -> str:
    """Why ``what`` (a File-menu feature of SQLite files) does nothing on a server."""
    if what == "encryption":
        return ("A database on a server is not a file netdesk can encrypt: its administrator "
                "keeps it safe on the server, and postgresql://…?sslmode=require encrypts the "
                "connection.")
    return ("A database on a server is backed up by its administrator; File → Export → JSON "
            "keeps a copy of your own.")


def server_location(url: str) -> str:
    """A server's database as the window keeps it (``MainWindow.db_path``): its URL without
    the password, which nothing in the window needs."""
    return display_name(str(url))


def start_folder(db_path: Path | str) -> Path:
    """Where a file dialog starts: the open file's folder, or the home folder for a server."""
    return Path.home() if on_server(db_path) else Path(db_path).parent


def database_label(db_path: Path | str) -> str:
    """What Help → About calls the database: a file, or a database on a server."""
    return "Database on a server" if on_server(db_path) else "Database file"


def database_kind(db_path: Path | str) -> str:
    """What a sentence calls the open database: "file", or "database" on a server."""
    return "database" if on_server(db_path) else "file"
