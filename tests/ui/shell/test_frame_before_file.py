"""A real start paints the window's frame before it opens its file: the file is opened right
after the first paint, or by a key or a click that comes first; a file that cannot be
opened is still refused (and recovery offered) before anything is read or written."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, Qt

from netdesk.db import open_database
from netdesk.db.models import Person
from netdesk.ui.shell import startup


@pytest.fixture
def starts():
    """``starts(path, **options)``: a real start on ``path`` begun (its frame shown, the file
    still to open), closed and released after the test."""
    made = []

    def begin(path: Path, **options) -> startup.Start:
        start = startup.Start(backups_on=False, **options)
        made.append(start)
        assert start.open(path)
        return start

    yield begin
    for start in made:
        if start.window is not None:
            start.window.close()
        start.release()


@pytest.fixture
def asked(monkeypatch):
    """What the start asked about a file it could not open; answered by ``asked.answer``."""

    class Asked(list):
        answer: Path | None = None

    seen = Asked()

    def recover_with(path, reason, kind, _root):
        seen.append((path, kind))
        return seen.answer

    seen.recover_with = recover_with
    return seen


class _OpenAtPaint(QObject):
    """Records, at the window's first paint, whether its file was open."""

    def __init__(self, start):
        super().__init__(start.window)
        self.start, self.seen = start, []
        start.window.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.Paint and not self.seen:
            self.seen.append(self.start.opened is not None)
        return False


def _file(tmp_path: Path, *names: str) -> Path:
    path = tmp_path / "netdesk.sqlite3"
    db = open_database(path)
    for name in names:
        Person.create(first_name=name)
    db.close()
    return path


def test_the_frame_paints_first_then_the_file_opens_and_the_tree_fills(
        qtbot, tmp_path, starts):
    path = _file(tmp_path, "Ada")
    start = starts(path)
    window = start.window
    assert start.opened is None and start.instance.is_owner()
    spy = _OpenAtPaint(start)
    qtbot.waitUntil(lambda: start.painted)
    assert spy.seen == [False]  # painted before the file was open
    assert start.opened.db_path == path and start.window is window
    qtbot.waitUntil(lambda: window.contact_tree.model.rowCount() == 1)
    qtbot.waitUntil(lambda: window.dashboard.filled)
    assert window.dashboard.due_box.isVisible()  # its sections, built after the first paint


def test_keys_typed_before_the_file_is_open_open_it_first(qtbot, tmp_path, starts):
    """Typed into the filter before the first paint's turn: the file opens, then the keys go
    where they were typed."""
    path = _file(tmp_path, "Ada", "Grace")
    start = starts(path)
    window = start.window
    assert start.opened is None
    qtbot.keyClicks(window.contact_tree.filter, "Gra")
    assert start.opened is not None and window.contact_tree.filter.text() == "Gra"
    qtbot.waitUntil(lambda: start.painted)
    model = window.contact_tree.model
    qtbot.waitUntil(lambda: model.rowCount() == 1 and model.rowCount(model.index(0, 0)) == 1)


def test_a_menu_opened_before_the_file_is_open_shows_all_its_actions(
        qtbot, tmp_path, starts):
    path = _file(tmp_path, "Ada")
    start = starts(path)
    window = start.window
    bar = window.menuBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton,
                     pos=bar.actionGeometry(window.file_menu.menuAction()).center())
    assert start.opened is not None
    qtbot.waitUntil(window.file_menu.isVisible)
    assert window.import_actions and set(window.import_actions) <= set(
        window.import_menu.actions())
    window.file_menu.close()


def test_a_file_that_cannot_be_opened_is_refused_after_the_frame_and_quit(
        qtbot, tmp_path, starts, asked, monkeypatch):
    path = tmp_path / "notes.sqlite3"
    path.write_bytes(b"not a database at all" * 100)
    before = path.read_bytes()
    exits = []
    monkeypatch.setattr(startup.QApplication, "exit", lambda *args: exits.append(args[-1]))
    start = starts(path, recover_with=asked.recover_with)
    qtbot.waitUntil(lambda: bool(asked))
    assert asked == [(path, "not_sqlite")]
    assert start.window is None and start.opened is None and not start.painted
    assert exits == [startup.EXIT_NOT_OPENED]
    assert path.read_bytes() == before
    assert not path.with_name("notes.sqlite3.lock").exists()


def test_recovery_may_choose_another_file_for_the_same_window(
        qtbot, tmp_path, starts, asked):
    path = tmp_path / "notes.sqlite3"
    path.write_bytes(b"not a database at all" * 100)
    other = _file(tmp_path, "Grace")
    asked.answer = other
    start = starts(path, recover_with=asked.recover_with)
    window = start.window
    qtbot.waitUntil(lambda: start.painted)
    assert start.window is window and start.opened.db_path == other
    assert window.db_path == other and window.windowTitle().startswith(other.name)
    qtbot.waitUntil(lambda: window.contact_tree.model.rowCount() == 1)
    assert not path.with_name("notes.sqlite3.lock").exists()


def test_an_empty_file_shows_the_welcome_once_open(qtbot, tmp_path, starts):
    path = _file(tmp_path)
    start = starts(path)
    window = start.window
    qtbot.waitUntil(lambda: start.painted)
    assert window.tabs.currentWidget() is window.person_stack
    assert window.person_stack.currentWidget() is window.welcome
