"""Message boxes that always show plain text: file names and user words never render as HTML.

QMessageBox's static helpers guess whether text is rich text; a person named
``<b>Ann</b>`` would be shown in bold, and ``<a href="file:///…">`` as a live
link. These helpers never guess. ``ask``, ``warn``, ``inform`` and ``critical``
take the arguments of ``QMessageBox.question``, ``.warning``, ``.information``
and ``.critical``, so a call changes by its name only. Every box is run by
:func:`show`, the one place that blocks; tests replace it to answer.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

Button = QMessageBox.StandardButton


def message_box(
    parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str, details: str = ""
) -> QMessageBox:
    box = QMessageBox(icon, title, text, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if details:
        box.setInformativeText(details)
    return box


def show(box: QMessageBox) -> QMessageBox.StandardButton:
    """Run ``box`` modally; the standard button clicked (NoButton for one of our own)."""
    return Button(box.exec())


def ask(parent: QWidget | None, title: str, text: str,
        buttons: QMessageBox.StandardButton = Button.Yes | Button.No,
        default: QMessageBox.StandardButton = Button.NoButton) -> QMessageBox.StandardButton:
    """``QMessageBox.question`` in plain text: the standard button clicked."""
    box = message_box(parent, QMessageBox.Icon.Question, title, text)
    box.setStandardButtons(buttons)
    box.setDefaultButton(default)
    return show(box)


def inform(parent: QWidget | None, title: str, text: str, details: str = "") -> None:
    show(message_box(parent, QMessageBox.Icon.Information, title, text, details))


def warn(parent: QWidget | None, title: str, text: str, details: str = "") -> None:
    show(message_box(parent, QMessageBox.Icon.Warning, title, text, details))


def critical(parent: QWidget | None, title: str, text: str, details: str = "") -> None:
    show(message_box(parent, QMessageBox.Icon.Critical, title, text, details))


def confirm(parent: QWidget | None, title: str, text: str, yes_text: str,
            details: str = "") -> bool:
    """Ask a yes/no question; the affirmative button says what it does (``yes_text``)."""
    box = message_box(parent, QMessageBox.Icon.Question, title, text, details)
    yes = box.addButton(yes_text, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    show(box)
    return box.clickedButton() is yes


def ask_yes(parent: QWidget | None, title: str, text: str, *, default_no: bool = False) -> bool:
    """Ask a Yes/No question in plain text; True when the answer is Yes."""
    default = Button.No if default_no else Button.NoButton
    return ask(parent, title, text, Button.Yes | Button.No, default) == Button.Yes
