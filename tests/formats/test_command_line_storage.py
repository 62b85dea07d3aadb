"""``netdesk import`` when the disk or the file says no: one ``netdesk: …`` line, exit 1, no
traceback, and the database as it was.

As root, file permissions do not stop writes; the read-only and unreadable
cases run the command line in a process without the capabilities that
override them (``setpriv``), as an ordinary user would be. The full disk is
a 2 MB tmpfs mounted for the test.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from netdesk.app import main
from netdesk.db import open_database
from tests.formats.conftest import GOOD, table_dump

ROOT = Path(__file__).resolve().parents[2]
WITHOUT_OVERRIDE = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search",
                    "--inh-caps", "-dac_override,-dac_read_search"]


def _as_ordinary_user():
    if os.geteuid() != 0:
        return []  # permissions already apply
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: file permissions would not apply")
    return WITHOUT_OVERRIDE


def _cli(tmp_path, *argv) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[variable] = str(tmp_path / variable.lower())
    return subprocess.run([*_as_ordinary_user(), sys.executable, "-m", "netdesk", *argv],
                          capture_output=True, text=True, env=env, timeout=120)


def _one_line(stderr: str) -> str:
    assert "Traceback" not in stderr
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert lines[0].startswith("netdesk: ")
    return lines[0]


def _snapshot(path: Path):
    database = open_database(path)
    try:
        return table_dump(database)
    finally:
        database.close()


def test_import_into_a_read_only_file(tmp_path):
    db = tmp_path / "n.sqlite3"
    assert main(["import", "vcard", str(GOOD / "google.vcf"), "--db", str(db)]) == 0
    before = _snapshot(db)
    db.chmod(0o444)
    try:
        done = _cli(tmp_path, "import", "linkedin", GOOD / "linkedin_connections.csv",
                    "--db", db)
    finally:
        db.chmod(0o644)
    assert done.returncode == 1
    assert "read-only" in _one_line(done.stderr)
    assert _snapshot(db) == before


@pytest.mark.parametrize("kind, name", [("csv", "people.csv"), ("json", "people.csv"),
                                        ("vcard", "google.vcf")])
def test_an_unreadable_input_file(tmp_path, kind, name):
    source = tmp_path / f"unreadable.{kind}"
    shutil.copy(GOOD / name, source)
    source.chmod(0o000)
    done = _cli(tmp_path, "import", kind, source, "--db", tmp_path / "n.sqlite3")
    assert done.returncode == 1
    assert "Permission denied" in _one_line(done.stderr)


def test_an_input_path_that_is_missing_or_a_folder(tmp_path, capsys):
    for source in (tmp_path / "nope.vcf", tmp_path):
        assert main(["import", "vcard", str(source), "--db", str(tmp_path / "n.sqlite3")]) == 1
        assert _one_line(capsys.readouterr().err)


@pytest.fixture
def full_disk(tmp_path):
    """A folder on a 2 MB filesystem."""
    folder = tmp_path / "small"
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2M", "tmpfs", str(folder)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        if subprocess.run(["umount", str(folder)], capture_output=True).returncode:
            subprocess.run(["umount", "-l", str(folder)], check=False)  # still open: detach


def _big_csv(path: Path, people: int = 3000) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["First name", "Last name", "Email", "Notes"])
        for n in range(people):
            writer.writerow([f"Ada{n}", f"Lovelace{n}", f"ada{n}@example.org", "n" * 1000])
    return path


@pytest.mark.parametrize("kind", ["csv", "json"])
def test_import_onto_a_full_disk(tmp_path, full_disk, capsys, kind):
    source = _big_csv(tmp_path / "big.csv")
    if kind == "json":
        assert main(["import", "csv", str(source), "--db", str(tmp_path / "big.sqlite3")]) == 0
        source = tmp_path / "big.json"
        assert main(["export", "json", "-o", str(source),
                     "--db", str(tmp_path / "big.sqlite3")]) == 0
    db = full_disk / "n.sqlite3"
    if kind == "csv":  # people merge into a network
        assert main(["import", "vcard", str(GOOD / "google.vcf"), "--db", str(db)]) == 0
    else:  # a whole database goes into an empty one
        open_database(db).close()
    capsys.readouterr()
    before = _snapshot(db)
    status = main(["import", kind, str(source), "--db", str(db)])
    assert status == 1
    assert "disk is full" in _one_line(capsys.readouterr().err)
    assert _snapshot(db) == before
