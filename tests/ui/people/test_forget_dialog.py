"""People → Forget Person… driven as a user would: it says it cannot be undone, that older
backups hold them (and deletes the ones ticked) and that a sync server loses them; once
forgotten, no view shows them, the undo history holds no copy of them, and no row of the
file names them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from netdesk.core.forget import rows_naming
from netdesk.db.backup import backup_now, list_backups
from netdesk.db.models import Person, Referral
from netdesk.ui.people.forget_dialog import ForgetDialog
from netdesk.ui.people.person_editor import PersonEditor
from tests.core.privacy_people import NEEDLES, populate
from tests.ui.tree import tree_names


def _open(qtbot, window, person_id):
    window.select_person(person_id)
    window.privacy_actions[1].trigger()
    dialogs = [d for d in window.findChildren(ForgetDialog) if d.isVisible()]
    assert len(dialogs) == 1
    return dialogs[0]


def test_forgetting_from_the_people_menu_removes_them_from_every_view_and_undo(
        qtbot, make_window, db, db_path, monkeypatch):
    ids = populate()
    other = Person.create(first_name="Olga", last_name="Quist")
    older = backup_now(db, "manual", db_path=db_path)
    window = make_window()
    assert "Zenobia Quartermaine" in tree_names(window)
    window.select_person(other.id)  # an undoable delete: the undo stack holds a snapshot
    monkeypatch.setattr("netdesk.ui.common.plain_messages.show",
                        lambda box: QMessageBox.StandardButton.Yes)
    window.delete_selected_person()
    window.undo_stack.undo()
    assert window.undo_stack.count() == 1
    cai_editor = PersonEditor()  # another view, on someone she referred
    qtbot.addWidget(cai_editor)
    cai_editor.load_person(ids["Cai"])
    assert cai_editor.referred_by.person_id() == ids["Zenobia"]
    window.select_person(ids["Zenobia"])
    qtbot.keyClicks(window.editor.job_title, " (typed)")  # pending: must not come back
    assert window.editor._timer.isActive()

    dialog = _open(qtbot, window, ids["Zenobia"])

    text = " ".join(label.text() for label in dialog.findChildren(type(dialog.summary)))
    assert "cannot be undone" in text and "Zenobia Quartermaine" in text
    assert "1 interview" in text and "sync" in text
    assert "Re-link them to Bea Hollis" in dialog.to_referrer.text()
    assert dialog.backup_list.count() == 1
    assert dialog.backup_list.item(0).checkState() == Qt.CheckState.Checked
    qtbot.mouseClick(dialog.forget_button, Qt.MouseButton.LeftButton)

    assert not dialog.isVisible()
    assert Person.get_or_none(Person.id == ids["Zenobia"]) is None
    assert rows_naming(NEEDLES) == []
    assert "Zenobia Quartermaine" not in tree_names(window)
    assert window.undo_stack.count() == 0
    assert window.editor.person_id != ids["Zenobia"]
    assert cai_editor.referred_by.person_id() == ids["Bea"]
    assert [r.referrer_id for r in Referral.select().where(
        Referral.referred == ids["Cai"])] == [ids["Bea"]]
    assert older.path not in [b.path for b in list_backups(db_path)]
    assert "forgotten" in window.statusBar().currentMessage()
    window.editor._timer.timeout.emit()  # the autosave that was waiting
    window.editor.save_now()
    assert Person.get_or_none(Person.id == ids["Zenobia"]) is None
    assert Person.select().where(Person.job_title.contains("typed")).count() == 0


def test_cancel_forgets_nothing_and_me_is_offered(qtbot, make_window, db):
    ids = populate()
    window = make_window()
    dialog = _open(qtbot, window, ids["Zenobia"])
    qtbot.mouseClick(dialog.to_me, Qt.MouseButton.LeftButton)
    assert dialog.relink_choice() == "me"
    dialog.reject()
    assert Person.get_or_none(Person.id == ids["Zenobia"]) is not None
    dialog = _open(qtbot, window, ids["Zenobia"])
    qtbot.mouseClick(dialog.to_me, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.forget_button, Qt.MouseButton.LeftButton)
    assert Referral.select().where(Referral.referred == ids["Cai"]).count() == 0
    assert "Cai Moreno" in tree_names(window)


def test_every_open_view_drops_them(qtbot, make_window, db):
    from netdesk.db.models import Interview

    ids = populate()
    window = make_window()
    interview = window.interview_actions.open_interview(ids["interview"])
    follow_ups = window.follow_ups_action.trigger() or window.follow_ups_action.opened[0]
    view = window.graph_panel.view
    window.tabs.setCurrentWidget(window.graph_panel)
    qtbot.waitUntil(lambda: ids["Zenobia"] in view.drawing.nodes, timeout=3000)
    qtbot.waitUntil(lambda: follow_ups.model.rowCount() == 1, timeout=3000)
    assert interview.isVisible() and "Zenobia" in interview.windowTitle()

    dialog = _open(qtbot, window, ids["Zenobia"])
    qtbot.mouseClick(dialog.forget_button, Qt.MouseButton.LeftButton)

    assert not interview.isVisible()  # closed: its interview went with her
    assert Interview.select().count() == 0
    qtbot.waitUntil(lambda: ids["Zenobia"] not in view.drawing.nodes, timeout=3000)
    qtbot.waitUntil(lambda: follow_ups.model.rowCount() == 0, timeout=3000)
    assert ids["Cai"] in view.drawing.nodes
