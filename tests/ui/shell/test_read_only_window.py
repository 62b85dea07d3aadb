"""A file that cannot be written opens read-only: a banner says so, nothing offers to write."""

from __future__ import annotations

from PySide6.QtCore import Qt

from netdesk.db.models import Person


def test_a_read_only_window_says_why_and_offers_no_write(qtbot, make_window, db):
    ada = Person.create(first_name="<b>Ada</b>", notes="Met at the fair")
    window = make_window()
    window.set_read_only(True, "The file is on a read-only medium; copy it somewhere else.")
    banner = window.read_only_banner
    assert banner.isVisible() and banner.textFormat() == Qt.TextFormat.PlainText
    assert "read-only medium" in banner.text()
    for action in (window.new_person_action, window.save_action, window.delete_action,
                   window.interview_actions.plan_action, *window.import_actions,
                   window.quick_capture_action):
        assert not action.isEnabled(), action.text()
    window.select_person(ada.id)
    editor = window.editor
    assert editor.first_name.text() == "<b>Ada</b>"  # still readable
    assert editor.notes.isReadOnly() and editor.first_name.isReadOnly()
    assert not editor.stage.isEnabled()
    qtbot.keyClicks(editor.notes, " and later")
    assert editor.save_now()
    assert Person.get_by_id(ada.id).notes == "Met at the fair"
    window.set_read_only(False)
    assert not banner.isVisible() and window.new_person_action.isEnabled()
    assert not editor.notes.isReadOnly()


def test_startup_marks_the_window_before_it_shows(qtbot, make_window, db):
    from types import SimpleNamespace

    from netdesk.ui.shell.startup import mark_read_only

    window = make_window()
    mark_read_only(window, SimpleNamespace(read_only=True, read_only_reason="Locked."))
    assert window.read_only and window.read_only_banner.isVisible()
    assert "Locked." in window.read_only_banner.text()
