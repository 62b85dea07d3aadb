"""Safe display: user text (and file names) appear exactly as typed, never as HTML; safe links only.

The audit fills every free-text column of every table with markup, builds the
windows and dialogs that exist, and looks at every label, tooltip, text view and
item view in them (tests/safe_display.py). New windows join the audit by being
reachable from the main window, or by a test of their own using the same helper.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsScene,
    QGraphicsView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
)

from netdesk.db.models import Person
from tests.safe_display import (
    HTML_FILE_NAME,
    HTML_NAME,
    HTML_TEXT,
    assert_no_html_leaks,
    assert_shows_literally,
    fill_every_text_field,
    html_leaks,
)


@pytest.mark.parametrize("marker", [HTML_NAME, HTML_TEXT])
def test_main_window_shows_every_field_literally(qtbot, make_window, db, marker):
    fill_every_text_field(marker)
    window = make_window()
    window.contact_tree.view.expandAll()
    window.show_person(1)
    qtbot.waitUntil(lambda: window.editor.person_id == 1)
    window.edit_organization(1)
    window.show_about()
    for _ in range(3):
        QApplication.processEvents()
    shown = [w for w in window.findChildren(QLineEdit) if w.text() == marker]
    shown += [w for w in window.findChildren(QPlainTextEdit) if w.toPlainText() == marker]
    assert shown, "the audit must see the marked-up text somewhere"
    assert_no_html_leaks(marker=marker)
    for top in QApplication.topLevelWidgets():
        if top is not window and top.isVisible():
            top.close()


def test_people_named_in_markup_are_listed_by_their_literal_name(make_window, db):
    Person.create(first_name=HTML_NAME, last_name="<i>Lee</i>")
    window = make_window()
    window.contact_tree.view.expandAll()
    model = window.contact_tree.view.model()
    texts = []
    for group in range(model.rowCount()):
        parent = model.index(group, 0)
        texts += [model.index(r, 0, parent).data() for r in range(model.rowCount(parent))]
    assert any(HTML_NAME in (t or "") for t in texts), texts
    assert_no_html_leaks(window)


def test_recovery_dialog_names_a_markup_file_literally(qtbot, tmp_path):
    from netdesk.ui.backup.recovery_dialog import RecoveryDialog

    path = tmp_path / f"{HTML_FILE_NAME}.sqlite3"
    path.write_text("x")
    dialog = RecoveryDialog(path, f"reason with {HTML_NAME}", "not_sqlite",
                            backup_root=tmp_path / "b")
    qtbot.addWidget(dialog)
    dialog.open()
    assert_shows_literally(dialog.path_label, HTML_FILE_NAME)
    assert_shows_literally(dialog.reason_label, HTML_NAME)
    assert_no_html_leaks(dialog, HTML_FILE_NAME)
    assert_no_html_leaks(dialog)


def test_restore_dialog_names_a_markup_file_literally(qtbot, tmp_path):
    from netdesk.db import open_database
    from netdesk.db.backup import backup_now
    from netdesk.ui.backup.backup_actions import RestoreDialog

    path = tmp_path / f"{HTML_FILE_NAME}.sqlite3"
    db = open_database(path)
    Person.create(first_name=HTML_NAME)
    backup_now(db, "manual", root=tmp_path / "b")
    dialog = RestoreDialog(path, backup_root=tmp_path / "b")
    qtbot.addWidget(dialog)
    dialog.open()
    assert_no_html_leaks(dialog, HTML_FILE_NAME)
    labels = [label for label in dialog.findChildren(QLabel) if HTML_FILE_NAME in label.text()]
    assert labels and all(label.textFormat() == Qt.TextFormat.PlainText for label in labels)
    db.close()


def test_message_boxes_show_plain_text(qtbot):
    from PySide6.QtWidgets import QMessageBox

    from netdesk.ui.common.plain_messages import message_box

    box = message_box(None, QMessageBox.Icon.Information, "Title",
                      f"Backed up {HTML_NAME}", f"details {HTML_NAME}")
    qtbot.addWidget(box)
    box.open()
    assert_no_html_leaks(box)


@pytest.mark.parametrize("url, opened", [
    ("https://example.org/ann", True),
    ("http://example.org", True),
    ("mailto:ann@example.org", True),
    ("file:///etc/passwd", False),
    ("javascript:alert(1)", False),
    ("ftp://example.org", False),
    ("/home/ann/notes.txt", False),
    ("smb://server/share", False),
])
def test_links_open_only_for_http_https_mailto(qapp, monkeypatch, url, opened):
    from netdesk.ui.common import plain_text

    calls = []
    monkeypatch.setattr(plain_text.QDesktopServices, "openUrl",
                        staticmethod(lambda link: calls.append(link) or True))
    assert plain_text.open_link(url) is opened
    assert bool(calls) is opened


# The helper itself: it must catch each kind of leak, and pass escaped text.

def test_helper_catches_a_rich_text_label(qtbot):
    label = QLabel(HTML_NAME)
    qtbot.addWidget(label)
    assert html_leaks(label)
    label.setTextFormat(Qt.TextFormat.PlainText)
    assert html_leaks(label) == []


def test_helper_catches_raw_tooltips_and_passes_escaped_ones(qtbot):
    import html

    from netdesk.ui.common.plain_text import tooltip

    label = QLabel("x")
    qtbot.addWidget(label)
    label.setToolTip(f"Hello {HTML_NAME}")
    assert html_leaks(label)
    label.setToolTip(tooltip(f"Hello {HTML_NAME}"))
    assert html_leaks(label) == []
    label.setToolTip(f"<p>{html.escape(HTML_NAME)}</p>")
    assert html_leaks(label) == []


def test_helper_catches_interpreted_documents_and_graphics_text(qtbot):
    edit = QTextEdit()
    qtbot.addWidget(edit)
    edit.setHtml(HTML_NAME)
    assert html_leaks(edit)
    edit.setPlainText(HTML_NAME)
    assert html_leaks(edit) == []
    scene = QGraphicsScene()
    view = QGraphicsView(scene)
    qtbot.addWidget(view)
    item = scene.addText("")
    item.setHtml(HTML_NAME)
    assert html_leaks(view)
    item.setPlainText(HTML_NAME)
    assert html_leaks(view) == []


def test_helper_catches_item_tooltips(qtbot):
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QTreeView

    model = QStandardItemModel()
    item = QStandardItem("Ann")
    item.setToolTip(HTML_NAME)
    model.appendRow(item)
    view = QTreeView()
    view.setModel(model)
    qtbot.addWidget(view)
    assert html_leaks(view)
