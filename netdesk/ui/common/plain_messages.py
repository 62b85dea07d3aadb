"""Message boxes that always show plain text: file names and user words never render as HTML.

QMessageBox's static helpers guess whether text is rich text; a file named
``<b>notes</b>.sqlite3`` would be shown in bold. These helpers never guess.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def message_box(
    parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str, details: str = ""
) -> QMessageBox:
    box = QMessageBox(icon, title, text, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if details:
        box.setInformativeText(details)
    return box


def inform(parent: QWidget | None, title: str, text: str, details: str = "") -> None:
    message_box(parent, QMessageBox.Icon.Information, title, text, details).exec()


def warn(parent: QWidget | None, title: str, text: str, details: str = "") -> None:
    message_box(parent, QMessageBox.Icon.Warning, title, text, details).exec()


def confirm(parent: QWidget | None, title: str, text: str, yes_text: str,
            details: str = "") -> bool:
    """Ask a yes/no question; the affirmative button says what it does (``yes_text``)."""
    box = message_box(parent, QMessageBox.Icon.Question, title, text, details)
    yes = box.addButton(yes_text, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is yes
