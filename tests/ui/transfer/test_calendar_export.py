"""File → Export calendar: writes the file, or says why it could not."""

import icalendar
from PySide6.QtWidgets import QFileDialog, QWidget

from netdesk.db.models import FollowUp, Person
from netdesk.ui.transfer.calendar_export import CalendarExport


def test_export_from_the_menu_action(qtbot, db, tmp_path, monkeypatch):
    import datetime

    FollowUp.create(person=Person.create(first_name="Ada"), kind="thank_you",
                    due_on=datetime.date(2026, 12, 1))
    window = QWidget()
    qtbot.addWidget(window)
    export = CalendarExport(window)
    target = tmp_path / "mine"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(target), "iCalendar files (*.ics)"))
    assert export.action.text() and export.action.statusTip() and export.action.shortcut()
    with qtbot.waitSignal(export.finished) as done:
        export.action.trigger()
    assert "Exported 1 event to mine.ics" in done.args[0]
    calendar = icalendar.Calendar.from_ical((tmp_path / "mine.ics").read_bytes())
    assert len(calendar.walk("VEVENT")) == 1


def test_unwritable_path_is_reported(qtbot, db, tmp_path, monkeypatch):
    window = QWidget()
    qtbot.addWidget(window)
    export = CalendarExport(window)
    warnings = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(tmp_path / "gone" / "x.ics"), ""))
    monkeypatch.setattr("netdesk.ui.common.plain_messages.show",
                        lambda box: warnings.append(box.text()))
    with qtbot.assertNotEmitted(export.finished):
        export.action.trigger()
    assert "does not exist" in warnings[0]


def test_cancelled_file_dialog_does_nothing(qtbot, db, monkeypatch):
    window = QWidget()
    qtbot.addWidget(window)
    export = CalendarExport(window)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    assert export.run() is None
