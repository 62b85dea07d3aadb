"""Small line-edit helpers shared by the dialogs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton, QWidget


class EnterLineEdit(QLineEdit):
    """A line edit whose Return is its own: it emits ``returnPressed`` and stops there,
    so it never also presses the dialog's default button (e.g. a wizard's Next)."""

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().keyPressEvent(event)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()


def no_auto_default(widget: QWidget) -> None:
    """Stop the push buttons inside ``widget`` from taking over Return in a dialog."""
    for button in widget.findChildren(QPushButton):
        button.setAutoDefault(False)
        button.setDefault(False)
