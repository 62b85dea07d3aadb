"""Start-up with the quick check beside the first paint: the window paints first, writes wait
for the verdict, a file found damaged afterwards goes to recovery unwritten, quitting keeps
a pending edit, and the benchmark's first-paint report."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import peewee
import pytest

from netdesk.db import backup as backups
from netdesk.db import integrity, open_database
from netdesk.db.models import Person
from netdesk.ui.backup.recovery_dialog import Recovery
from netdesk.ui.shell import startup
from tests.reliability.damage import PAGE, healthy_file
from tests.ui.shell.test_startup import _choose


@pytest.fixture
def root(tmp_path) -> Path:
    return tmp_path / "backups"


@pytest.fixture
def messages(monkeypatch):
    seen = []
    monkeypatch.setattr(startup, "inform", lambda *a, **k: seen.append(("inform",) + a))
    monkeypatch.setattr(startup, "warn", lambda *a, **k: seen.append(("warn",) + a))
    return seen


@pytest.fixture
def hold_check(monkeypatch):
    """``hold_check()``: from now on, the start-up check waits for ``release.set()`` (on the
    returned event) before it reads the file."""
    release = threading.Event()
    check_pages = integrity.check_pages

    def slow(*args, **kwargs):
        release.wait(30)
        return check_pages(*args, **kwargs)

    def hold() -> threading.Event:
        monkeypatch.setattr(integrity, "check_pages", slow)
        return release

    yield hold
    release.set()


@pytest.fixture
def starts():
    made = []
    yield made
    for start in made:
        if start.window is not None:
            start.window.close()
        if start.opened is not None:
            start.opened.db.close()
        start.release()


def _open(starts, path, **kwargs) -> startup.Start:
    start = startup.Start(**kwargs)
    starts.append(start)
    assert start.open(path)
    return start


def _release_later(release: threading.Event, seconds: float = 0.3) -> None:
    threading.Timer(seconds, release.set).start()


def _damaged_beyond_its_header(path: Path) -> bytes:
    """Damage a page of ``path`` that opening reads past (header, schema and people count
    stay readable) but the quick check finds; return the damaged bytes."""
    healthy = path.read_bytes()
    for page in range(len(healthy) // PAGE - 1, 2, -1):
        data = healthy[: page * PAGE] + bytes(PAGE) + healthy[(page + 1) * PAGE:]
        path.write_bytes(data)
        if integrity.identify_file(path).ok and not integrity.check_pages(path).ok:
            return data
    raise AssertionError("no page found whose damage only the quick check sees")


def test_the_window_paints_before_the_verdict_and_a_write_waits_for_it(
        qtbot, tmp_path, root, hold_check, starts):
    path = tmp_path / "netdesk.sqlite3"
    open_database(path).close()
    release = hold_check()
    start = _open(starts, path, backup_root=root, backups_on=False)
    qtbot.waitUntil(lambda: start.painted)
    assert start.window.isVisible() and not start.check.done

    _release_later(release)
    began = time.monotonic()
    Person.create(first_name="Ada")  # waits for the verdict, then goes through
    assert time.monotonic() - began >= 0.2
    assert start.check.done and start.check.error is None
    assert [p.first_name for p in Person.select()] == ["Ada"]


def test_a_file_found_damaged_after_the_window_is_up_goes_to_recovery_unwritten(
        qtbot, tmp_path, root, hold_check, starts, monkeypatch, messages):
    path = tmp_path / "netdesk.sqlite3"
    healthy_file(path, people=1500)
    db = open_database(path)
    backups.backup_now(db, "daily", root=root)
    db.close()
    damaged = _damaged_beyond_its_header(path)
    shown = _choose(monkeypatch, lambda dialog: dialog.restore())

    release = hold_check()
    start = _open(starts, path, backup_root=root, backups_on=False)
    first_window = start.window
    qtbot.waitUntil(lambda: start.painted)
    assert first_window.isVisible() and not shown

    _release_later(release)
    with pytest.raises(peewee.DatabaseError):  # refused once the verdict is in
        Person.create(first_name="Eve")
    qtbot.waitUntil(lambda: bool(shown))
    (dialog,) = shown
    assert "damaged" in dialog.reason_label.text() and dialog.choice is Recovery.RESTORED
    assert not first_window.isVisible()
    (kept,) = tmp_path.glob("netdesk.damaged-*.sqlite3")
    assert kept.read_bytes() == damaged  # nothing was written to the damaged file
    # The restored backup opens in a new window, checked again beside its first paint.
    assert start.window is not None and start.window is not first_window
    qtbot.waitUntil(lambda: start.check.done)
    assert start.check.error is None
    assert Person.select().count() == 1500
    assert not Person.select().where(Person.first_name == "Eve").exists()
    assert messages and messages[0][0] == "inform"


def test_a_file_found_damaged_then_quit_ends_the_program(
        qtbot, tmp_path, root, starts, monkeypatch, messages):
    path = tmp_path / "netdesk.sqlite3"
    healthy_file(path, people=1500)
    damaged = _damaged_beyond_its_header(path)
    shown = _choose(monkeypatch, lambda dialog: None)
    exits = []
    monkeypatch.setattr(startup.QApplication, "exit", lambda *args: exits.append(args[-1]))
    start = _open(starts, path, backup_root=root, backups_on=False)
    qtbot.waitUntil(lambda: bool(shown))
    assert exits == [startup.EXIT_NOT_OPENED] and start.window is None
    assert path.read_bytes() == damaged
    assert not path.with_name("netdesk.sqlite3.lock").exists()


def test_quitting_while_the_check_runs_still_saves_the_pending_edit(
        qtbot, tmp_path, root, hold_check, starts):
    path = tmp_path / "netdesk.sqlite3"
    db = open_database(path)
    Person.create(first_name="Ada")
    db.close()
    release = hold_check()
    start = _open(starts, path, backup_root=root, backups_on=False)
    window = start.window
    qtbot.waitUntil(lambda: start.painted)
    window.new_person_action.trigger()
    qtbot.keyClicks(window.editor.first_name, "Grace")
    assert window.editor.is_dirty() and not start.check.done

    _release_later(release)
    window.close()  # saves the editor, once the verdict lets it
    assert Person.select().where(Person.first_name == "Grace").exists()


def test_the_daily_backup_is_taken_in_a_thread_once_the_file_is_sound(
        qtbot, tmp_path, root, starts, messages):
    path = tmp_path / "netdesk.sqlite3"
    db = open_database(path)
    Person.create(first_name="Ada")
    db.close()
    start = _open(starts, path, backup_root=root, backup_delay_ms=0)
    qtbot.waitUntil(lambda: len(backups.list_backups(path, root)) == 1)
    assert start.check.done and messages == []


def test_the_window_reports_its_first_paint_and_closes(tmp_path):
    path = tmp_path / "netdesk.sqlite3"
    open_database(path).close()
    started = time.time()
    result = subprocess.run(
        [sys.executable, "-m", "netdesk", "--db", str(path)], capture_output=True, text=True,
        timeout=120, env={**os.environ, startup.REPORT_FIRST_PAINT: "0"})
    assert result.returncode == 0, result.stderr
    moments = dict(line.split(" ", 1) for line in result.stdout.splitlines())
    assert {"first-paint", "checked", "closing"} <= set(moments)
    assert started < float(moments["first-paint"]) <= float(moments["closing"])
