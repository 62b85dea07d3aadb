"""Helpers for trials of files in trouble: hashes, a killed writer, a small disk, another user."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
COMPANIONS = ("", "-wal", "-shm")


def fingerprint(path: Path) -> dict[str, str | None]:
    """The SHA-256 of the file, its -wal and its -shm (None for a missing one)."""
    found = {}
    for suffix in COMPANIONS:
        companion = path.with_name(path.name + suffix)
        found[suffix or "file"] = (
            hashlib.sha256(companion.read_bytes()).hexdigest() if companion.exists() else None)
    return found


KILLED_WRITER = """
import os, sqlite3, sys
raw = sqlite3.connect(sys.argv[1], isolation_level=None)
raw.execute("PRAGMA wal_autocheckpoint = 0")
raw.execute(sys.argv[2])
os._exit(0)  # as if killed: no checkpoint, the -wal and -shm stay beside the file
"""


def leave_wal(path: Path, sql: str = "DELETE FROM person WHERE id = (SELECT max(id) FROM person)"
              ) -> None:
    """Run ``sql`` in a writer that dies at once, so its change stays in the -wal."""
    subprocess.run([sys.executable, "-c", KILLED_WRITER, str(path), sql], check=True,
                   timeout=60)
    assert path.with_name(path.name + "-wal").stat().st_size > 0


@contextlib.contextmanager
def small_disk(folder: Path, size: str = "2M"):
    """A tmpfs of ``size`` mounted on ``folder``; skips the test when it cannot be mounted."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.name != "posix" or os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small disk needs root and mount(8)")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def remount_read_only(folder: Path) -> None:
    done = subprocess.run(["mount", "-o", "remount,ro", str(folder)], capture_output=True,
                          text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot remount read-only: {done.stderr.strip()}")


def fill_up(folder: Path) -> Path:
    """Write a filler file in ``folder`` until the disk is full."""
    filler = folder / "filler"
    with filler.open("wb", buffering=0) as handle:
        for block in (b"\0" * 65536, b"\0" * 512, b"\0"):
            try:
                while True:
                    handle.write(block)
            except OSError:
                pass
    return filler


def shared_folder() -> Path:
    """A new folder that an unprivileged user can reach (the test's tmp_path is root's only)."""
    folder = Path(tempfile.mkdtemp(prefix="netdesk-shared-"))
    folder.chmod(0o755)
    return folder


def run_as_nobody(code: str, *arguments: str) -> subprocess.CompletedProcess:
    """Run Python ``code`` as the user nobody, with netdesk importable; skip when impossible.

    Root bypasses file permissions, so read-only files can only be tried as another user.
    """
    if os.name != "posix" or os.geteuid() != 0:
        pytest.skip("switching to an unprivileged user needs root")
    runuser = shutil.which("runuser")
    python = next((p for p in ("/usr/bin/python3", "/bin/python3") if os.access(p, os.X_OK)),
                  None)
    if runuser is None or python is None:
        pytest.skip("runuser(1) or a system python3 is missing")
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": "/nonexistent",
        "PYTHONPATH": os.pathsep.join([str(ROOT), sysconfig.get_paths()["purelib"]]),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    probe = subprocess.run([runuser, "-u", "nobody", "--", python, "-c", "import peewee"],
                           capture_output=True, text=True, env=env, timeout=60)
    if probe.returncode != 0:
        pytest.skip(f"the user nobody cannot run netdesk here: {probe.stderr.strip()[-200:]}")
    return subprocess.run([runuser, "-u", "nobody", "--", python, "-c", textwrap.dedent(code),
                           *arguments], capture_output=True, text=True, env=env, timeout=120)


def give_to_nobody(*paths: Path) -> None:
    import pwd

    try:
        user = pwd.getpwnam("nobody")
    except KeyError:
        pytest.skip("there is no user nobody")
    for path in paths:
        os.chown(path, user.pw_uid, user.pw_gid)
