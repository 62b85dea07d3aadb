"""The user's files: kept private on Unix (0600 for files, 0700 for folders), and a database
file removed together with the files SQLite keeps beside it."""

from __future__ import annotations

import os
import stat
from pathlib import Path

FILE_MODE = 0o600
FOLDER_MODE = 0o700
SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")


def private_folder(path: Path) -> Path:
    """Create ``path`` and its missing parents, each readable by its owner only.

    Folders that already existed above ``path`` are left as their owner set them.
    """
    missing = [path]
    while not missing[-1].parent.exists() and missing[-1].parent != missing[-1]:
        missing.append(missing[-1].parent)
    for folder in reversed(missing):
        folder.mkdir(exist_ok=True, mode=FOLDER_MODE)
        _tighten(folder, FOLDER_MODE)
    return path


def create_private_file(path: Path) -> None:
    """Create ``path`` as a new empty file with mode 0600 (fails if it exists)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    os.close(fd)


def make_private(path: Path) -> None:
    """Set 0600 on an SQLite file and on its -wal, -shm and -journal beside it, if present."""
    for suffix in ("",) + SQLITE_COMPANIONS:
        _tighten(path.with_name(path.name + suffix), FILE_MODE)


def fsync_path(path: Path) -> None:
    """Flush a file's (or a folder's) content to the disk."""
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) if path.is_dir() else os.O_RDONLY
    try:
        fd = os.open(path, flags)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def remove_sqlite_files(path: Path) -> None:
    """Delete the SQLite file ``path`` and its -wal, -shm and -journal files, where they exist."""
    for suffix in ("", *SQLITE_COMPANIONS):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def _tighten(path: Path, mode: int) -> None:
    """Take from ``path`` every permission ``mode`` lacks, when it is ours; never add any.

    (A file the user made read-only stays read-only.)
    """
    if os.name != "posix":
        return
    try:
        info = path.stat()
        current = stat.S_IMODE(info.st_mode)
        if info.st_uid == os.getuid() and current & ~mode:
            path.chmod(current & mode)
    except OSError:
        pass
