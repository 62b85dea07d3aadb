"""Dropping files on the main window: contacts open the import wizard, anything else is told."""

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QWizard

from netdesk.ui.transfer.import_dialog import ImportWizard

DATA = Path(__file__).parents[2] / "data" / "import"


def _mime(*paths: Path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


def drop(window, mime: QMimeData) -> bool:
    """Drag ``mime`` over the window and drop it, as the window system would."""
    point = QPointF(window.width() / 2, window.height() / 2)
    enter = QDragEnterEvent(point.toPoint(), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    if not enter.isAccepted():
        return False
    event = QDropEvent(point, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, event)
    return event.isAccepted()


def _wizards(window) -> list[ImportWizard]:
    return [w for w in window.findChildren(ImportWizard) if w.isVisible()]


@pytest.mark.parametrize(("name", "kind"), [
    ("google.vcf", "vcard"), ("people.csv", "csv"), ("linkedin_connections.csv", "linkedin"),
])
def test_a_contacts_file_opens_the_import_wizard_with_it(window, qtbot, name, kind):
    assert window.acceptDrops()
    assert drop(window, _mime(DATA / name))
    wizards = _wizards(window)
    assert len(wizards) == 1
    wizard = wizards[0]
    assert wizard.kind() == kind
    assert wizard.source_page.path.text() == str(DATA / name)
    assert wizard.currentPage() is wizard.source_page and wizard.source_page.isComplete()
    assert name in window.statusBar().currentMessage()
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert wizard.currentPage() is (wizard.mapping_page if kind == "csv"
                                    else wizard.preview_page)
    wizard.hide()


def test_a_whole_database_export_opens_the_json_import(window, tmp_path):
    dump = tmp_path / "backup.json"
    dump.write_text('{"format": "netdesk"}', encoding="utf-8")
    assert drop(window, _mime(dump))
    (wizard,) = _wizards(window)
    assert wizard.kind() == "json"
    wizard.hide()


@pytest.mark.parametrize(("name", "said"), [
    ("photo.png", "not a file netdesk can import"),
    ("other.sqlite3", "File → Open Database"),
])
def test_anything_else_gets_a_clear_status_message(window, tmp_path, name, said):
    path = tmp_path / name
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    drop(window, _mime(path))
    assert not _wizards(window)
    message = window.statusBar().currentMessage()
    assert said in message and name in message
    assert "vCard (.vcf)" in message or "Open Database" in message


def test_a_folder_or_several_files(window, tmp_path):
    drop(window, _mime(tmp_path))
    assert "is a folder" in window.statusBar().currentMessage() and not _wizards(window)
    first = tmp_path / "a.vcf"
    shutil.copy(DATA / "apple.vcf", first)
    drop(window, _mime(first, DATA / "people.csv"))
    (wizard,) = _wizards(window)
    assert wizard.kind() == "vcard"
    assert "One file at a time" in window.statusBar().currentMessage()
    wizard.hide()


def test_text_without_files_is_not_taken(window):
    mime = QMimeData()
    mime.setText("Ana Ruiz")
    assert not drop(window, mime)
